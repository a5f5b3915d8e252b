// The visit summary prints what the entry view shows of a prescription beyond dose, route and how
// often (main/records/readable/dosage-extras.ts words them for both): each dosage's method, extra
// instruction, most to take and how long on a line under that dosage's own row, and the
// prescription's supply under the medicine's name, in English and Spanish. A medicine without
// any of them prints exactly as before. The fixture is a FHIR R4 bundle imported through the API.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEntry } from '../../main/records/model.ts';
import { buildVisitSummaryHtml } from '../../main/summary/build.ts';
import { DEFAULT_CHROMIUM_PATH, renderPdfWithChromium } from '../../main/summary/pdf.ts';
import { testApi, type TestApi } from '../export/helpers.ts';
import { margaretInput } from './fixtures.ts';

const fixture = new Uint8Array(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/fhir/summary-extras-bundle.json')));
const SECTIONS = { medications: true, allergies: false, problems: false, results: false, immunizations: false, vaccinesDue: false, encounters: false, procedures: false, questions: false, notes: false, education: false };

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
/** The page's words as a reader sees them, one space between words. */
const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m]!)
    .replace(/\s+/g, ' ');
/** The medications table's rows, one per line as the packet writes them. */
const rowsOf = (html: string, from: string) => {
  const lines = html.split('\n');
  const start = lines.findIndex((l) => l.includes(`>${from}`));
  const end = lines.findIndex((l, i) => i > start && l.includes('class="med-name"'));
  return lines.slice(start, end < 0 ? lines.indexOf('</tbody></table>', start) : end);
};

describe('a prescription’s extras on the visit summary', () => {
  let t: TestApi;
  const html: Record<'en' | 'es', string> = { en: '', es: '' };

  beforeAll(async () => {
    t = testApi();
    await t.call('vault.create', { passphrase: 'summary extras passphrase' });
    const profileId = (await t.call('profiles.add', { name: 'Nora Marsh', birthDate: '1948-06-15' })).id;
    const report = await t.call('import.files', { profileId, files: [{ name: 'summary-extras-bundle.json', bytes: fixture }] });
    expect(report.files[0]?.error).toBeUndefined();
    for (const language of ['en', 'es'] as const) {
      html[language] = await t.call('summary.html', { profileId, sections: SECTIONS, language, paper: 'Letter', chosenTrendTests: [], educationEntryIds: [], excludedEntryIds: [] });
    }
  }, 120_000);
  afterAll(() => t?.cleanup());

  it('prints the extra instruction, most to take and how long under the dosage, the supply under the name, in English', () => {
    const words = text(html.en);
    expect(words).toContain("Amoxicillin 500 MG Oral Capsule 1 capsule three times a day for 10 days Dispense 30 capsule, 2 refills, 10 days' supply 1 capsule Oral route 3 times a day Take with food · No more than 4 capsule a day · For 10 days");
    expect(words).toContain('Ibuprofen 400 mg tablet 1 tablet As needed No more than 3 tablet in 24 hours');
    expect(words).toContain("Atorvastatin 20 mg tablet Dispense 90 tablet, 3 refills, 90 days' supply 1 tablet Oral route once a day, at bedtime");
    // Each dosage's own extras right under its own row; zero refills is said, not left out.
    expect(words).toContain(
      'Prednisone 10 mg tablet Dispense 30 tablet, no refills 4 tablet — once a day Take in the morning with breakfast · For 5 days 2 tablet — once a day Do not stop suddenly · For 3 to 5 days',
    );
  });

  it('says the same in Spanish, the source’s own instructions as written', () => {
    const words = text(html.es);
    expect(words).toContain('Amoxicillin 500 MG Oral Capsule 1 capsule three times a day for 10 days Dispensar 30 capsule, 2 resurtidos, para 10 días 1 capsule Oral route 3 veces al día Take with food · No más de 4 capsule al día · Durante 10 días');
    expect(words).toContain('Ibuprofen 400 mg tablet 1 tablet Según sea necesario No más de 3 tablet en 24 horas');
    expect(words).toContain('Atorvastatin 20 mg tablet Dispensar 90 tablet, 3 resurtidos, para 90 días 1 tablet Oral route una vez al día, antes de acostarse');
    expect(words).toContain(
      'Prednisone 10 mg tablet Dispensar 30 tablet, sin resurtidos 4 tablet — una vez al día Take in the morning with breakfast · Durante 5 días 2 tablet — una vez al día Do not stop suddenly · Durante 3 a 5 días',
    );
    expect(words).not.toMatch(/No more than|\bFor \d|refills|supply/);
  });

  it('puts a dosage’s extras on a line of its own across dose, route and how often, the name beside every line', () => {
    expect(rowsOf(html.en, 'Prednisone 10 mg tablet')).toEqual([
      '<tr class="with-extras"><td class="med-name" rowspan="4">Prednisone 10 mg tablet<span class="med-supply">Dispense 30 tablet, no refills</span></td><td>4 tablet</td><td>—</td><td>once a day</td></tr>',
      '<tr class="dose-extras dose-then"><td colspan="3"><span class="dose-extra">Take in the morning with breakfast ·</span> <span class="dose-extra">For 5 days</span></td></tr>',
      '<tr class="more-dose with-extras"><td>2 tablet</td><td>—</td><td>once a day</td></tr>',
      '<tr class="dose-extras"><td colspan="3"><span class="dose-extra">Do not stop suddenly ·</span> <span class="dose-extra">For 3 to 5 days</span></td></tr>',
    ]);
    // One dosage: no dash fills an empty cell, as before.
    expect(rowsOf(html.en, 'Ibuprofen 400 mg tablet')).toEqual([
      '<tr class="with-extras"><td class="med-name" rowspan="2">Ibuprofen 400 mg tablet</td><td>1 tablet</td><td></td><td>As needed</td></tr>',
      '<tr class="dose-extras"><td colspan="3"><span class="dose-extra">No more than 3 tablet in 24 hours</span></td></tr>',
    ]);
  });

  it('prints a medicine without any of them exactly as before, one dosage or two', () => {
    // The rows as main printed them before the extras (commit a47be19).
    expect(rowsOf(html.en, 'Lisinopril 10 mg tablet')).toEqual(['<tr><td class="med-name">Lisinopril 10 mg tablet</td><td>1 tablet</td><td>Oral route</td><td>once a day</td></tr>']);
    expect(rowsOf(html.en, 'Furosemide 20 mg tablet')).toEqual([
      '<tr class="dose-then"><td class="med-name" rowspan="2">Furosemide 20 mg tablet</td><td>1 tablet</td><td>Oral route</td><td>once a day, in the morning</td></tr>',
      '<tr class="more-dose"><td>0.5 tablet</td><td>Oral route</td><td>once a day, in the evening</td></tr>',
    ]);
    expect(rowsOf(html.es, 'Lisinopril 10 mg tablet')).toEqual(['<tr><td class="med-name">Lisinopril 10 mg tablet</td><td>1 tablet</td><td>Oral route</td><td>una vez al día</td></tr>']);
    expect(rowsOf(html.es, 'Furosemide 20 mg tablet')).toEqual([
      '<tr class="dose-then"><td class="med-name" rowspan="2">Furosemide 20 mg tablet</td><td>1 tablet</td><td>Oral route</td><td>una vez al día, por la mañana</td></tr>',
      '<tr class="more-dose"><td>0.5 tablet</td><td>Oral route</td><td>una vez al día, por la noche</td></tr>',
    ]);
  });

  const poppler = spawnSync('pdftotext', ['-v']).error === undefined;
  it.skipIf(!fs.existsSync(DEFAULT_CHROMIUM_PATH) || !poppler)('prints them in the PDF, both languages', { timeout: 120_000 }, async () => {
    const pdfWords = async (language: 'en' | 'es') => {
      const pdf = await renderPdfWithChromium(html[language], 'Letter', language);
      const run = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 1 << 24 });
      return run.stdout.toString('utf8').replace(/\s+/g, ' ');
    };
    const en = await pdfWords('en');
    for (const said of ['Take with food', 'No more than 4 capsule a day', 'For 10 days', "Dispense 30 capsule, 2 refills, 10 days' supply", 'No more than 3 tablet in 24 hours', 'For 3 to 5 days', 'Dispense 30 tablet, no refills']) {
      expect(en).toContain(said);
    }
    const es = await pdfWords('es');
    for (const said of ['Take with food', 'No más de 4 capsule al día', 'Durante 10 días', 'Dispensar 30 capsule, 2 resurtidos, para 10 días', 'No más de 3 tablet en 24 horas', 'Durante 3 a 5 días', 'Dispensar 30 tablet, sin resurtidos']) {
      expect(es).toContain(said);
    }
  });
});

describe('the extras from a record', () => {
  const input = margaretInput();
  const metformin = input.entries.find((e) => e.title.startsWith('Metformin'))!;
  const withDetails = (id: number, title: string, details: StoredEntry['details']): StoredEntry => ({ ...structuredClone(metformin), id, title, details });

  it('prints an instruction given only as a code as its code rather than nothing; how it goes in stays in the entry view', () => {
    const entry = withDetails(99_001, 'Sucralfate 1 g tablet', { dose: '1 g', method: 'Chew', additionalInstructionCodes: [{ system: 'SNOMED', code: '417995008' }] });
    const html = buildVisitSummaryHtml({ ...input, entries: [...input.entries, entry] });
    expect(html).toContain('<td colspan="3"><span class="dose-extra">SNOMED 417995008</span></td>');
    expect(html).not.toContain('Chew');
  });

  it('prints no line of extras for a dosage whose only extra is how it goes in', () => {
    const entry = withDetails(99_003, 'Sucralfate 1 g tablet', { dose: '1 g', method: 'Chew' });
    const html = buildVisitSummaryHtml({ ...input, entries: [...input.entries, entry] });
    expect(html).toContain('<tr><td class="med-name">Sucralfate 1 g tablet');
    expect(html).not.toContain('dose-extras"');
  });

  it('escapes a source’s instruction and supply like any other record text', () => {
    const entry = withDetails(99_002, 'Warfarin 5 mg tablet', { dose: '1 tablet', additionalInstruction: '<img src=x onerror=alert(1)>', dispenseQuantity: '30 <b>TAB</b>' });
    const html = buildVisitSummaryHtml({ ...input, entries: [...input.entries, entry] });
    expect(html).toContain('<span class="dose-extra">&lt;img src=x onerror=alert(1)&gt;</span>');
    expect(html).toContain('<span class="med-supply">Dispense 30 &lt;b&gt;TAB&lt;/b&gt;</span>');
    expect(html).not.toContain('<img');
  });
});
