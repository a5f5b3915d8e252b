// What a visit and a medicine said that the importer dropped (the ninth session's clinician check
// of Allscripts Professional EHR's "Encounter Based C-CDA CCD - 08-06-2012 [Jones, Isabella -
// 170314E2].xml"): a visit's reason and diagnoses given only in words, and a medicine's
// approachSiteCode; and (the eleventh session) a coded indication kept as a reason, not a diagnosis. Fixture first; the corpus file where each was found after (skipped without
// the corpus).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byTitle, fixtures, fromCorpus, load, present, records } from './cda-docs.ts';

const docs = load(path.join(fixtures, 'visit-words.xml'));

describe('a visit’s reason and diagnoses in words (fixture)', () => {
  const visit = records(docs, 'encounter')[0]!;

  it('keeps Encounter Diagnoses given only in words, by their words, beside the coded one', () => {
    expect(visit.details.diagnosisTexts).toEqual(['Community acquired pneumonia', 'Asthma, moderate persistent']);
    expect(visit.details.diagnoses).toEqual([expect.objectContaining({ code: '389087006', display: 'Hypoxemia' })]);
  });

  it('keeps the visit’s reasons (RSON indications in words or coded) as "Reason: …" with their codes, never a Priority Preference', () => {
    expect(visit.details.comment).toBe('Reason: Fever and chills - for 2 days, with cough (green sputum).; Pneumonia');
    expect(visit.details.reason).toBe('Fever and chills - for 2 days, with cough (green sputum).; Pneumonia');
    expect(visit.details.reasonCodes).toEqual([{ system: 'SNOMED', code: '233604007', display: 'Pneumonia' }]);
    expect(JSON.stringify(visit.details)).not.toContain('High priority');
    expect(JSON.stringify(visit.details)).not.toContain('394849002');
  });

  it('does not take a coded indication for a diagnosis', () => {
    expect(visit.details.diagnoses?.map((c) => c.code)).toEqual(['389087006']);
  });
});

describe('a medicine’s approachSiteCode (fixture)', () => {
  it('keeps where it goes in as the body site, in its words with its code, as a vaccine’s', () => {
    const methotrexate = byTitle(docs, 'Methotrexate 25 MG/ML Injectable Solution')!;
    expect(methotrexate.details.bodySite).toBe('Left Arm');
    expect(methotrexate.details.bodySiteCodes).toEqual([expect.objectContaining({ code: '368208006', display: 'Left Arm' })]);
    expect(methotrexate.details.route).toBe('INTRAMUSCULAR');
  });

  it('adds nothing for a null-flavored site', () => {
    const amlodipine = byTitle(docs, 'Amlodipine 5 MG Oral Tablet')!;
    expect(amlodipine.details).not.toHaveProperty('bodySite');
    expect(amlodipine.details).not.toHaveProperty('bodySiteCodes');
  });
});

describe.skipIf(!present)('a visit’s reason and diagnoses in words (corpus)', () => {
  it('Professional EHR, Isabella Jones: the office visit keeps its reason and three diagnoses', () => {
    const corpusDocs = fromCorpus('ccda/chb-sample-ccdas/Allscripts Samples/Professional EHR/Encounter Based C-CDA CCD - 08-06-2012 [Jones, Isabella - 170314E2].xml');
    const visit = records(corpusDocs, 'encounter').find((e) => e.title === 'OFFICE OUTPATIENT NEW 45 MINUTES')!;
    expect(visit.details.diagnosisTexts).toEqual(['Community acquired pneumonia', 'Asthma, moderate persistent', 'Hypoxemia']);
    expect(visit.details.comment).toBe('Reason: Fever and chills - The fever and chills have been occurring for 2 days. There has been associated cough (green sputum).');
  });
});
