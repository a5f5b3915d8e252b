// What a visit and a medicine said that the importer dropped (the ninth session's clinician check
// of Allscripts Professional EHR's "Encounter Based C-CDA CCD - 08-06-2012 [Jones, Isabella -
// 170314E2].xml"): a visit's reason and diagnoses given only in words, and a medicine's
// approachSiteCode. Fixture first; the corpus file where each was found after (skipped without
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

  it('keeps the visit’s reason (an RSON indication in words) as "Reason: …", never a Priority Preference', () => {
    expect(visit.details.comment).toBe('Reason: Fever and chills - for 2 days, with cough (green sputum).');
    expect(JSON.stringify(visit.details)).not.toContain('High priority');
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
