// The emergency card printed for real: Debian's Chromium lays out the wallet panels (each must
// be 85.6 × 54 mm and hold its text without clipping any), and the one-page sheet stays one
// page however long the record, every medication still on it. PDFs are read back with
// poppler on stdin, so nothing touches the disk.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countPdfPages } from '../../main/api/card.ts';
import { buildEmergencyCardHtml, type EmergencyCardInput } from '../../main/card/build.ts';
import { DEFAULT_CHROMIUM_PATH, renderPdfWithChromium } from '../../main/summary/pdf.ts';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';
import { EntryBuilder, margaretRecord, PRINTED_ON } from '../summary/fixtures.ts';

const CAN_PRINT = existsSync(DEFAULT_CHROMIUM_PATH) && spawnSync('pdftotext', ['-v']).error === undefined;
const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');

function pdfText(pdf: Uint8Array): string {
  return spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 1 << 24 }).stdout.toString('utf8').replace(/\s+/g, ' ');
}
function pdfPages(pdf: Uint8Array): number {
  return Number(/^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', ['-'], { input: pdf }).stdout.toString('utf8'))?.[1]);
}

/** A long record: 45 current medications with doses and long names, many problems and allergies. */
function longRecord(): EmergencyCardInput['entries'] {
  const b = new EntryBuilder(1, { sourceId: 1, provider: 'Riverside Family Medicine', fileName: 'a.xml', documentDate: '2025-01-01' });
  for (let i = 0; i < 45; i++) {
    b.medication(`Medication ${i} hydrochloride ${10 + i} mg extended-release oral tablet`, String(1000 + i), {
      dose: `${10 + i} mg`,
      route: 'by mouth',
      frequency: 'every 12 h',
    });
  }
  for (let i = 0; i < 20; i++) b.problem(`Long-standing condition number ${i} with a descriptive name`, String(2000 + i), '2015');
  for (let i = 0; i < 8; i++) b.allergy(`Substance ${i}`, ['Hives', 'Swelling of the lips and tongue'], 'Severe');
  return b.entries;
}

describe.skipIf(!CAN_PRINT)('the emergency card on paper (needs /usr/bin/chromium and poppler-utils)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('wallet panels are 85.6 × 54 mm and none clips its text, in English and Spanish', async () => {
    const page = await browser.newPage({ javaScriptEnabled: true });
    try {
      await page.emulateMedia({ media: 'print' });
      for (const language of ['en', 'es'] as const) {
        const { person } = margaretRecord();
        const html = buildEmergencyCardHtml({
          person,
          contacts: Array.from({ length: 5 }, (_, i) => ({ name: `Contact person number ${i}`, relation: 'Neighbour', phone: '+1 (555) 010-22' + String(i).padStart(2, '0') })),
          entries: longRecord(),
          printedOn: PRINTED_ON,
          language,
          paper: 'Letter',
          layout: 'wallet',
        });
        await page.setContent(html);
        const panels = await page.$$eval('.panel', (nodes) =>
          nodes.map((n) => ({ width: n.getBoundingClientRect().width, height: n.getBoundingClientRect().height, overflow: n.scrollHeight - n.clientHeight })),
        );
        expect(panels.length).toBeGreaterThan(8);
        const mm = 96 / 25.4;
        for (const panel of panels) {
          expect(panel.width).toBeCloseTo(85.6 * mm, 0);
          expect(panel.height).toBeCloseTo(54 * mm, 0);
          expect(panel.overflow, `a panel clips ${panel.overflow}px of text (${language})`).toBeLessThanOrEqual(0);
        }
      }
    } finally {
      await page.close();
    }
  });

  test('the one-page sheet fits one page however long the record, with every medication on it', async () => {
    const vault = tempDir();
    let target = '';
    const api = testApi(vault, { renderPdf: (html, paper, language) => renderPdfWithChromium(html, paper, language), chooseSavePath: async () => target });
    await ok(api, 'vault.create', { passphrase: 'correct horse battery staple' });
    const profile = await ok(api, 'profiles.add', { name: 'Margaret Whitfield', birthDate: '1950-01-31' });
    // 45 medications by hand: the card prints what the person typed like what a source said.
    for (let i = 0; i < 45; i++) {
      await ok(api, 'records.save', {
        profileId: profile.id,
        entry: { kind: 'medication', title: `Medication ${i} hydrochloride ${10 + i} mg extended-release oral tablet`, status: 'active', details: { dose: `${10 + i} mg`, frequency: 'twice a day' } },
      });
    }
    await ok(api, 'card.setContacts', { profileId: profile.id, contacts: [{ name: 'Ruth Whitfield', relation: 'Daughter', phone: '+1 555 010 2233' }] });
    target = path.join(vault, 'card.pdf');
    const saved = await ok(api, 'card.pdf', { profileId: profile.id, layout: 'page' });
    expect(saved?.savedTo).toBe(target);
    const pdf = readFileSync(target);
    expect(pdfPages(pdf)).toBe(1);
    expect(countPdfPages(pdf)).toBe(1);
    const text = pdfText(pdf);
    for (let i = 0; i < 45; i++) expect(text).toContain(`Medication ${i} hydrochloride`);
    expect(text).toContain('Ruth Whitfield (Daughter) +1 555 010 2233');
    await ok(api, 'vault.lock', {});
  });

  test.skipIf(!existsSync(path.join(CORPUS, 'ips/fhir-ips/Bundle-IPS-examples-Bundle-01.json')))(
    'an official IPS example: its allergy, medications, problem and blood type, as the source wrote them',
    async () => {
      const vault = tempDir();
      let target = '';
      const api = testApi(vault, { renderPdf: (html, paper, language) => renderPdfWithChromium(html, paper, language), chooseSavePath: async () => target });
      await ok(api, 'vault.create', { passphrase: 'correct horse battery staple' });
      const profile = await ok(api, 'profiles.add', { name: 'Martha DeLarosa', birthDate: '1972-05-01' });
      const file = path.join(CORPUS, 'ips/fhir-ips/Bundle-IPS-examples-Bundle-01.json');
      await ok(api, 'import.files', { profileId: profile.id, files: [{ name: path.basename(file), bytes: new Uint8Array(readFileSync(file)) }], force: true });
      for (const [language, layout] of [['en', 'page'], ['es', 'wallet']] as const) {
        target = path.join(vault, `${language}.pdf`);
        await ok(api, 'card.pdf', { profileId: profile.id, layout, language });
        const text = pdfText(readFileSync(target));
        expect(text).toMatch(/Penicillin/i);
        expect(text).toMatch(/Anastrozole/);
        expect(text).toMatch(/Menopausal flushing/);
        expect(text).toMatch(/A Rh\(D\) positive/);
        expect(text).toContain(language === 'es' ? 'Grupo sanguíneo' : 'Blood type');
      }
      await ok(api, 'vault.lock', {});
    },
  );
});
