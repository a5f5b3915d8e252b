// Issue 13 on VA text: oximetry is oxygen saturation, fields of a self-reported reading are not
// readings, problem codes printed in titles become codes, and admissions, medical events and
// family history become entries.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVaText } from '../../../main/importers/va-text/index.ts';
import { labValue } from '../../../main/importers/va-text/records.ts';
import { decodeText } from '../../../main/importers/text/decode.ts';

const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');
const haveCorpus = fs.existsSync(path.join(corpus, 'MANIFEST.tsv'));
const corpusDoc = (name: string) => parseVaText(decodeText(fs.readFileSync(path.join(corpus, 'va-text/amida-blue-button', name))));

describe.skipIf(!haveCorpus)('VA Blue Button 12.5 sample (VA_My_HealtheVet_Blue_Button_Sample_Version_12_5.txt)', () => {
  const doc = haveCorpus ? corpusDoc('VA_My_HealtheVet_Blue_Button_Sample_Version_12_5.txt') : undefined;

  it('reads "Pulse Oximetry 98 %" as an oxygen saturation, and the pulse beside it as heart rate', () => {
    const oximetry = doc!.records.find((r) => r.title === 'Pulse Oximetry')!;
    expect(oximetry.codes[0]).toMatchObject({ system: 'LOINC', code: '59408-5' });
    expect(oximetry.value).toMatchObject({ number: 98, unit: '%' });
    expect(doc!.records.find((r) => r.title === 'Pulse Rate')!.codes[0]?.code).toBe('8867-4');
  });

  it('keeps target range, location and provider as fields of the INR reading, not as results', () => {
    const titles = doc!.records.map((r) => r.title);
    for (const field of ['Target range', 'Location', 'Provider']) expect(titles).not.toContain(field);
    const inr = doc!.records.find((r) => r.title === 'INR value')!;
    expect(inr.value?.number).toBe(0.8);
    expect(inr.details).toMatchObject({ location: 'Non VA Provider', performers: ['Dr. Provider'] });
    expect(inr.details.comment).toContain('Target range: No Target');
  });

  it('makes the admission an inpatient encounter with its dates, and keeps the discharge summary text', () => {
    const admission = doc!.records.filter((r) => r.title === 'Hospital admission');
    expect(admission.map((a) => [a.start, a.end, a.details.location])).toEqual([['2012-12-10T09:35', '2012-12-11T11:34', 'PORTLAND, OREGON VA MEDICAL CENTER']]);
    expect(admission[0]!.details.performers).toEqual(['PROVIDER, ONE A (admitting)', 'Provider, One A (discharging)']);
    expect(doc!.document.sections.map((s) => s.title)).toContain('VA admissions and discharges');
  });

  it('makes the self-reported medical event an entry with its date', () => {
    const event = doc!.records.find((r) => r.title === 'Rebroke R Arm')!;
    expect(event).toMatchObject({ kind: 'problem', start: '2013-01-07' });
    expect(event.details.comment).toMatch(/^Self-reported medical event\. Response: Slipped and fell on ice/);
  });

  it('makes each relative’s health issue a family-history entry, and leaves the person’s own in the text', () => {
    const family = doc!.records.filter((r) => r.kind === 'family');
    expect(family.map((f) => f.title)).toEqual(['Cancer Other', 'Diabetics Type 2', 'Overweight', 'Joint Pain', 'Stroke', 'Chronic joint pain']);
    for (const f of family) expect(f.details).toMatchObject({ relation: 'Mother', comment: 'Self-reported for Mother, deceased. Mother died of cancer at age 40' });
    expect(doc!.records.some((r) => r.title === 'Back Pain')).toBe(false);
  });
});

describe('problem titles carrying a code (fixture in the v12.10 style)', () => {
  const doc = parseVaText(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/va-text/legacy-v12_10-problems.txt'), 'utf8'));
  const problems = doc.records.filter((r) => r.kind === 'problem');

  it('gives the title without the code and the code as a code', () => {
    expect(problems.map((p) => [p.title, p.codes.map((c) => `${c.system} ${c.code}`)])).toEqual([
      ['Posttraumatic Stress Disorder', ['ICD9CM 309.81']],
      ['Hyperlipidemia', ['ICD10CM E78.5']],
      ['Tobacco use', ['SNOMED 110483000']],
      ['Back pain (chronic)', []],
    ]);
  });

  it('reads 01/01/1900 as no date', () => {
    expect(problems[2]!.start).toBeUndefined();
    expect(problems[0]!.start).toBe('2013-02-11T12:00');
  });
});

describe.skipIf(!haveCorpus)('the same problem from two report versions', () => {
  it('merges the v12.5 problem with the v12.10 one that carries its code', async () => {
    const { decide } = await import('../../../main/records/reconcile.ts');
    const older = corpusDoc('VA_My_HealtheVet_Blue_Button_Sample_Version_12_5.txt').records.find((r) => r.title === 'Posttraumatic Stress Disorder')!;
    const coded = parseVaText(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/va-text/legacy-v12_10-problems.txt'), 'utf8')).records[0]!;
    expect(decide(coded, [{ id: 1, entry: older }])).toEqual({ action: 'merge', entryId: 1 });
  });
});

describe('a past appointment whose status says neither kept nor missed', () => {
  it('is not called completed', () => {
    const doc = parseVaText(`------------------ MY HEALTHEVET PERSONAL INFORMATION REPORT -------------------

Name: FIXTURE, APPT Q
Date of Birth: 05 Jun 1950

--------------------------- VA APPOINTMENTS -----------------------------

PAST APPOINTMENTS:
--------------------
Date/Time:      30 May 2012 @ 1600
Location:       PORTLAND
Status:         NOT APPLICABLE
Clinic:         Provider One P2 Bldg 104

Date/Time:      07 May 2012 @ 1100
Location:       PORTLAND
Clinic:         Provider One P2 Bldg 104

-------------- END OF MY HEALTHEVET PERSONAL INFORMATION REPORT ----------
`);
    expect(doc.records.map((r) => [r.start, r.status])).toEqual([
      ['2012-05-30T16:00', 'unknown'],
      ['2012-05-07T11:00', 'completed'],
    ]);
  });
});

describe.skipIf(!haveCorpus)('self-reported tests (v12.5 sample)', () => {
  it('become results with where and by whom, the results as written', () => {
    const cbc = corpusDoc('VA_My_HealtheVet_Blue_Button_Sample_Version_12_5.txt').records.find((r) => r.title === 'CBC')!;
    expect(cbc).toMatchObject({ kind: 'result', start: '2013-01-08', value: { text: 'GLUCOSE 144 K 4.1 CO2 26.9 CA 9.3 AST 31 ALT 35 ALK 86' } });
    expect(cbc.details).toMatchObject({ location: 'Non VA Location', performers: ['Dr. Provider'] });
  });
});

describe.skipIf(!haveCorpus)('a microbiology report whose first line is a heading (v12.5 sample)', () => {
  it('shows the finding under the heading as its value', () => {
    const gram = corpusDoc('VA_My_HealtheVet_Blue_Button_Sample_Version_12_5.txt').records.find((r) => r.title === 'GRAM STAIN - MISC');
    expect(gram?.value?.text).toBe('GRAM STAIN: POSITIVE');
  });
});

describe('VA lab flags', () => {
  it('reads VistA\'s asterisk as a critical flag, and plain letters and words as they are', () => {
    expect(labValue('6.5 H*', 'mmol/L')).toEqual({ value: { text: '6.5', number: 6.5, unit: 'mmol/L' }, flag: 'HH' });
    expect(labValue('2.1 L*', 'mmol/L').flag).toBe('LL');
    expect(labValue('5.9 H', 'mmol/L').flag).toBe('H');
    expect(labValue('3.1 L', 'mmol/L').flag).toBe('L');
    expect(labValue('7.1 Critical High', 'mmol/L').flag).toBe('HH');
    expect(labValue('4.0', 'mmol/L').flag).toBeUndefined();
  });
});
