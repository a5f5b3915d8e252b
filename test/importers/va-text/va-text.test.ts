import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../main/importers/errors.ts';
import { looksLikeVaText, parseVaText } from '../../../main/importers/va-text/index.ts';
import { parseVaDate } from '../../../main/importers/va-text/dates.ts';
import type { RecordDraft } from '../../../main/records/model.ts';

const read = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/va-text', name), 'utf8');
const of = (records: RecordDraft[], kind: RecordDraft['kind']) => records.filter((r) => r.kind === kind);

describe('VA dates', () => {
  it('keeps the precision written', () => {
    expect(parseVaDate('03 Jul 2013 @ 0956')).toBe('2013-07-03T09:56');
    expect(parseVaDate('01 Mar 1948')).toBe('1948-03-01');
    expect(parseVaDate('12/10/2012 16:15')).toBe('2012-12-10T16:15');
    expect(parseVaDate('January 1, 2001')).toBe('2001-01-01');
    expect(parseVaDate('Feb 2010')).toBe('2010-02');
    expect(parseVaDate('UNKNOWN')).toBeUndefined();
  });
});

describe('legacy My HealtheVet report (v12.5 layout)', () => {
  const text = read('legacy-v12_5.txt');
  const doc = parseVaText(text);

  it('detects the format and reads the patient and header', () => {
    expect(looksLikeVaText(text)).toBe(true);
    expect(doc.patient).toMatchObject({ name: 'FIXTURE, PAT Q', family: 'FIXTURE', given: ['PAT', 'Q'], birthDate: '1950-06-05', sex: 'female' });
    expect(doc.document).toMatchObject({ variant: 'VA Blue Button 12.5', date: '2014-02-14T08:12', authorOrganization: 'VA' });
  });

  it('maps VA and self-reported medications, joining wrapped instructions', () => {
    const meds = of(doc.records, 'medication');
    expect(meds.map((m) => [m.title, m.status])).toEqual([
      ['METFORMIN HCL 500MG TAB', 'active'],
      ['ATENOLOL 25MG TAB', 'stopped'],
      ['Fish oil 1000mg', 'active'],
    ]);
    expect(meds[0]!.details.instructions).toBe('TAKE ONE TABLET BY MOUTH TWICE A DAY WITH MEALS -- MONITOR BLOOD SUGAR --');
    expect(meds[0]!.start).toBe('2013-12-15');
    expect(doc.problems).toContainEqual(expect.objectContaining({ kind: 'medications', reason: expect.stringMatching(/no medication name/) }));
  });

  it('maps allergies with reactions and severity', () => {
    const [va, self] = of(doc.records, 'allergy');
    expect(va!.details.reactions).toEqual(['HIVES', 'ITCHING']);
    expect(va!.details.comment).toMatch(/resolved after stopping/);
    expect(self!.details).toMatchObject({ substance: 'Shellfish', severity: 'Moderate', reactions: ['Swelling'] });
  });

  it('maps the problem list and reports a nameless problem', () => {
    const [problem] = of(doc.records, 'problem');
    expect(problem).toMatchObject({ title: 'Diabetes mellitus type 2', status: 'active', start: '2013-12-15T10:15' });
    expect(problem!.details.comment).toBe('Chronic. diet counseling given; recheck A1c in 3 months');
    expect(doc.problems.filter((p) => p.kind === 'problems')).toHaveLength(1);
  });

  it('maps lab results with value, units, range and flag', () => {
    const labs = of(doc.records, 'result');
    expect(labs.map((l) => [l.title, l.value?.number, l.value?.unit, l.interpretation])).toEqual([
      ['HEMOGLOBIN A1C', 7.9, '%', 'H'],
      ['GLUCOSE', 45, 'mg/dL', 'LL'],
      ['MICROALBUMIN/CREATININE', undefined, 'mg/g', undefined],
    ]);
    expect(labs[0]!.referenceRange).toEqual({ text: '4.0-6.0', low: 4, high: 6, unit: '%' });
    expect(labs[2]!.value?.text).toBe('<5');
    expect(labs[2]!.referenceRange).toMatchObject({ high: 30 });
    expect(labs[0]!.details).toMatchObject({ panel: 'Glycohemoglobin A1c', specimen: 'Whole blood' });
    expect(labs[0]!.start).toBe('2013-12-15T08:05');
  });

  it('maps vitals (blood pressure split in two) and reports a reading without a value', () => {
    const vitals = of(doc.records, 'vital');
    expect(vitals.map((v) => [v.codes[0]?.code, v.value?.number, v.value?.unit])).toEqual([
      ['8480-6', 138, 'mm[Hg]'],
      ['8462-4', 86, 'mm[Hg]'],
      ['29463-7', 172, '[lb_av]'],
      ['8480-6', 128, undefined],
      ['8462-4', 80, undefined],
    ]);
    expect(vitals[3]!.start).toBe('2014-01-20T19:40');
    expect(doc.problems).toContainEqual(expect.objectContaining({ kind: 'vitals', reason: expect.stringMatching(/Pulse/) }));
  });

  it('turns past appointments into encounters and future ones into appointments', () => {
    expect(of(doc.records, 'encounter').map((e) => [e.title, e.start])).toEqual([['Appointment: EYE CLINIC', '2014-01-10T13:00']]);
    expect(of(doc.records, 'appointment').map((e) => e.details.plannedFor)).toEqual(['2014-03-03T09:30']);
  });

  it('maps immunizations from the detail list only, and keeps notes as narrative', () => {
    expect(of(doc.records, 'immunization')).toHaveLength(1);
    expect(of(doc.records, 'immunization')[0]!.details.comment).toBe('Lot 4455');
    const notes = doc.document.sections.find((s) => s.title === 'VA notes');
    expect(JSON.stringify(notes?.narrative)).toContain('No retinopathy seen.');
  });

  it('refuses a report without a patient line', () => {
    const broken = text.replace(/^Name: .*$/m, '');
    expect(() => parseVaText(broken)).toThrow(ImportError);
    expect(() => parseVaText(broken)).toThrow(/no patient section/);
    expect(() => parseVaText('hello')).toThrow(ImportError);
  });
});

describe('VA.gov Blue Button report (2025 layout)', () => {
  const text = read('vagov-2025.txt');
  const doc = parseVaText(text);

  it('reads patient, labs with panel, allergies, conditions and vitals', () => {
    expect(looksLikeVaText(text)).toBe(true);
    expect(doc.patient).toMatchObject({ name: 'Rosa Fixture', birthDate: '1961-04-09' });
    expect(doc.document.date).toBe('2025-03-03');
    const labs = of(doc.records, 'result');
    expect(labs.map((l) => [l.title, l.value?.number, l.value?.unit, l.interpretation ?? null, l.start])).toEqual([
      ['Sodium', 139, 'mmol/L', null, '2025-02-10'],
      ['Potassium', 5.6, 'mmol/L', 'H', '2025-02-10'],
    ]);
    expect(labs[1]!.details).toMatchObject({ panel: 'Basic metabolic panel', comment: 'slightly hemolyzed' });
    expect(of(doc.records, 'allergy')[0]!.details.reactions).toEqual(['Rash', 'Fever']);
    expect(of(doc.records, 'problem')[0]).toMatchObject({ title: 'Hypertension', status: 'active', start: '2020-01-05' });
    expect(of(doc.records, 'vital').map((v) => v.value?.number)).toEqual([132, 84]);
  });
});
