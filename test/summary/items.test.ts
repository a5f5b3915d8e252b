// Choosing items one by one on the visit summary, the note for the clinician printed whenever it
// is written, and results grouped as their sources meant them (a panel; the latest vital signs
// with "145/88 mmHg"): through main/api on a public sample file, then read back from the PDF.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTIONS } from '../../main/summary/build.ts';
import { DEFAULT_CHROMIUM_PATH, renderPdfWithChromium } from '../../main/summary/pdf.ts';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus');
const FILES = ['ccda/jddamore-ccda-samples/HealthGrid/t1fulls1.xml', 'va-text/amida-blue-button/VA_My_HealtheVet_Blue_Button_Sample_Version_12_5_1.txt'];
const HAS_CORPUS = FILES.every((f) => existsSync(path.join(corpus, f)));
const CAN_PRINT = existsSync(DEFAULT_CHROMIUM_PATH) && spawnSync('pdftotext', ['-v']).error === undefined;

function pdfText(pdf: Uint8Array): string {
  return spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 1 << 24 }).stdout.toString('utf8').replace(/\s+/g, ' ');
}

async function profileWithRecords() {
  const api = testApi(path.join(tempDir(), 'v'), { renderPdf: (html, paper, language) => renderPdfWithChromium(html, paper, language) });
  await ok(api, 'vault.create', { passphrase: 'correct horse battery' });
  const profile = await ok(api, 'profiles.add', { name: 'Summary Test', birthDate: '1950-01-01' });
  const files = FILES.map((f) => ({ name: path.basename(f), bytes: new Uint8Array(readFileSync(path.join(corpus, f))) }));
  await ok(api, 'import.files', { profileId: profile.id, files, force: true });
  await ok(api, 'records.save', { profileId: profile.id, entry: { kind: 'note', title: 'Falls twice this month', start: '2026-02-20', codes: [], details: { forClinician: true } } });
  return { api, profileId: profile.id };
}

describe.skipIf(!HAS_CORPUS)('choosing what the visit summary prints', () => {
  it('lists each section items, leaves out what is unticked and says so, never an allergy', async () => {
    const { api, profileId } = await profileWithRecords();
    const items = await ok(api, 'summary.items', { profileId, language: 'en' });
    const bySection = Object.fromEntries(items.map((s) => [s.section, s.items]));
    expect(bySection['clinicianNotes']?.map((i) => i.title)).toEqual(['Falls twice this month']);
    const amlodipine = bySection['medications']?.find((i) => /AMLODIPINE/.test(i.title));
    expect(amlodipine).toBeDefined();
    expect(bySection['results']?.some((i) => i.title === 'Blood pressure 145/88 mmHg')).toBe(true);
    expect(items.map((s) => s.section)).not.toContain('allergies');
    const allergies = await ok(api, 'records.list', { profileId, kinds: ['allergy'] });

    const options = { profileId, sections: DEFAULT_SECTIONS, language: 'en' as const, paper: 'Letter' as const };
    const all = await ok(api, 'summary.html', options);
    expect(all).toContain('AMLODIPINE');
    const fewer = await ok(api, 'summary.html', { ...options, excludedEntryIds: [amlodipine!.id, ...allergies.map((a) => a.id)] });
    expect(fewer).not.toContain('AMLODIPINE');
    expect(fewer).toContain('1 item left out by the person who printed this.');
    // Allergies cannot be left out: every one still listed as active is printed.
    for (const allergy of ['Ampicillin', 'BACTRIM']) expect(fewer).toContain(allergy);
    // The choice is remembered for the next visit summary.
    expect((await ok(api, 'summary.lastChoice', { profileId }))?.excludedEntryIds).toContain(amlodipine!.id);
  });

  it('offers the person\'s own questions one by one too; an unticked question is not printed', async () => {
    const { api, profileId } = await profileWithRecords();
    for (const title of ['Can I stop the statin?', 'Is the new cough from lisinopril?']) {
      await ok(api, 'records.save', { profileId, entry: { kind: 'question', title, codes: [], details: {} } });
    }
    const items = await ok(api, 'summary.items', { profileId, language: 'en' });
    const questions = items.find((s) => s.section === 'questions')!.items;
    expect(questions.map((q) => q.title).sort()).toEqual(['Can I stop the statin?', 'Is the new cough from lisinopril?']);
    const options = { profileId, sections: DEFAULT_SECTIONS, language: 'en' as const, paper: 'Letter' as const };
    const statin = questions.find((q) => q.title.includes('statin'))!;
    const html = await ok(api, 'summary.html', { ...options, excludedEntryIds: [statin.id] });
    expect(html).toContain('Is the new cough from lisinopril?');
    expect(html).not.toContain('Can I stop the statin?');
  });

  it.skipIf(!CAN_PRINT)('prints the clinician note first, the chosen items only, the urinalysis as one panel and 145/88 mmHg', { timeout: 120_000 }, async () => {
    const { api, profileId } = await profileWithRecords();
    const items = await ok(api, 'summary.items', { profileId, language: 'es' });
    const meds = items.find((s) => s.section === 'medications')!.items;
    const leftOut = meds.filter((i) => /AMLODIPINE|DONEPEZIL/.test(i.title)).map((i) => i.id);
    expect(leftOut).toHaveLength(2);
    const html = await ok(api, 'summary.html', {
      profileId,
      sections: { ...DEFAULT_SECTIONS, notes: false, encounters: false, procedures: false, immunizations: false, education: false },
      language: 'es',
      paper: 'A4',
      notesForClinician: 'Se marea al levantarse.',
      excludedEntryIds: leftOut,
    });
    const pdf = await renderPdfWithChromium(html, 'A4', 'es');
    const text = pdfText(pdf);
    expect(text).toContain('Notas para el profesional de salud');
    expect(text).toContain('Se marea al levantarse.');
    expect(text).toContain('Falls twice this month');
    expect(text.indexOf('Se marea')).toBeLessThan(text.indexOf('Medicamentos actuales'));
    expect(text).not.toContain('AMLODIPINE');
    expect(text).not.toContain('DONEPEZIL');
    expect(text).toContain('Quien imprimió este resumen omitió 2 elementos.');
    expect(text).toContain('FLUOXETINE');
    expect(text).toContain('Urinalysis (procedure)');
    expect(text).toContain('Últimos signos vitales');
    expect(text).toContain('Presión arterial 145/88 mmHg');
    expect(text).toContain('1,015');
  });
});
