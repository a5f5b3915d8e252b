// The second C-CDA audit of 2026-12-07 (five files no test named, from five sources): what read
// wrongly, on a synthetic fixture with each pattern and on the corpus files where each was
// found (skipped without the corpus).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byTitle, fixtures, fromCorpus, load, present, reasons, records } from './cda-docs.ts';

const docs = load(path.join(fixtures, 'audit-more.xml'));

describe('second audit (fixture)', () => {
  it('takes an instruction’s own words when its reference only names the medicine', () => {
    expect(byTitle(docs, 'Ventolin HFA Inhaler')!.details.instructions).toBe('inhaled every 6 hours (administer with spacer)');
  });

  it('lets a Status observation that contradicts itself decide nothing (the act’s completed, with its end, does)', () => {
    expect(byTitle(docs, 'Ventolin HFA Inhaler')!.status).toBe('completed');
  });

  it('names a medicine by the displayName written beside an empty code, with no code', () => {
    const simvastatin = byTitle(docs, 'Simvastatin')!;
    expect(simvastatin.codes).toEqual([]);
    expect(simvastatin).toMatchObject({ start: '2013-10-28', end: '2013-11-26', details: { dose: '1.0' } });
  });

  it('never takes a reference written as text ("#nomeds") for a name', () => {
    expect(records(docs, 'medication').map((r) => r.title)).toEqual(['Ventolin HFA Inhaler', 'Simvastatin']);
    expect(reasons(docs)).toContain('This medication has no drug name or code, only an empty entry.');
  });

  it('does not take the allergen’s name, where an unknown severity’s text points, for its severity', () => {
    const ampicillin = byTitle(docs, 'Ampicillin')!;
    expect(ampicillin.details.reactions).toEqual(['Hives']);
    expect(ampicillin.details.severity).toBeUndefined();
  });
});

const J = 'ccda/jddamore-ccda-samples';

describe.skipIf(!present)('second audit (corpus)', () => {
  it('McKesson Paragon MyraJones.xml: instructions and the Ventolin course read as written', () => {
    const docs = fromCorpus(`${J}/McKesson Paragon/MyraJones.xml`);
    expect(byTitle(docs, 'Albuterol')!.details.instructions).toBe('inhaled every 6 hours (administer with spacer)');
    expect(byTitle(docs, 'Ventolin HFA Inhaler 90 mcg/actuation')).toMatchObject({ status: 'completed', end: '2012-08-13' });
  });

  it('Netsmart myEvolv: the six medicines named only by displayName are read', () => {
    const docs = fromCorpus(`${J}/Netsmart myEvolv/Continuity_of_Care_Document_20170327_190412_124_1.xml`);
    expect(records(docs, 'medication').map((r) => r.title)).toEqual(['Metoprolol Tartrate', 'Simvastatin', 'Lorazepam', 'Warfarin Sodium', 'Warfarin Sodium', 'Lantus']);
  });

  it('iPatientCare Cummings: no allergy has its substance as its severity', () => {
    const docs = fromCorpus(`${J}/iPatientCare/Cummings_Cecilia_20170921124731.xml`);
    for (const allergy of records(docs, 'allergy')) {
      expect(allergy.details.severity).toBeUndefined();
      expect(allergy.details.reactions).toEqual(['Hives']);
    }
  });

  it('MedHost Enterprise: no medication titled "#nomeds"', () => {
    const docs = fromCorpus(`${J}/MedHost Enterprise/CCD_247893_38685_1194.xml`);
    expect(records(docs, 'medication')).toEqual([]);
  });

  it('MedHost and Meditech: no title is a narrative reference written as text', () => {
    for (const file of [`${J}/MedHost Enterprise/CCD_247893_38685_1194.xml`, `${J}/Meditech Magic/Test1_WrightSample2RN.xml`]) {
      for (const r of records(fromCorpus(file))) expect(r.title, file).not.toMatch(/^#\S+$/);
    }
  });
});
