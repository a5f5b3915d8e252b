// A procedure's body site (with laterality) and method, a problem's type, an encounter's
// discharge disposition, and NextTech's encounters titled by their code's own words: the
// details the C-CDA audit of 2026-12-07 found lost. Fixture first, then the corpus files
// where each was found (skipped without the corpus).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemTypeWords } from '../../../main/records/readable/problem-type.ts';
import { byTitle, fixtures, fromCorpus, load, present, records } from './cda-docs.ts';

const docs = load(path.join(fixtures, 'coded-details.xml'));

describe('coded details (fixture)', () => {
  it('keeps a problem’s type as coded, shown in the reader’s words', () => {
    const pain = byTitle(docs, 'Joint pain')!;
    expect(pain.details.problemTypeCodes).toEqual([
      { system: 'SNOMED', code: '409586006', display: 'Complaint' },
      { system: 'LOINC', code: '75322-8', display: 'Complaint' },
    ]);
    expect(problemTypeWords(pain.details, 'en')).toBe('Complaint');
    expect(problemTypeWords(pain.details, 'es')).toBe('Motivo de consulta');
  });

  it('reads the type by the primary code, not a writer’s displayName or a translation naming another type', () => {
    const hypertension = byTitle(docs, 'Essential hypertension')!;
    // Kept as written (the displayName is the problem's name, the translation LOINC's Symptom).
    expect(hypertension.details.problemTypeCodes?.map((c) => c.code)).toEqual(['404684003', '75325-1']);
    expect(problemTypeWords(hypertension.details, 'en')).toBe('Finding');
    expect(problemTypeWords(hypertension.details, 'es')).toBe('Hallazgo');
  });

  it('keeps no type when the code names none (ASSERTION)', () => {
    expect(byTitle(docs, 'Asthma')!.details.problemTypeCodes).toBeUndefined();
  });

  it('keeps a problem’s body site with its laterality', () => {
    const pain = byTitle(docs, 'Joint pain')!;
    expect(pain.details.bodySite).toBe('Knee region structure (Right)');
    expect(pain.details.bodySiteCodes?.map((c) => c.code)).toEqual(['72696002', '24028007']);
  });

  it('keeps a procedure’s body site and method', () => {
    expect(byTitle(docs, 'Laparoscopic appendectomy')!.details).toMatchObject({
      bodySite: 'Entire appendix',
      bodySiteCodes: [{ system: 'SNOMED', code: '181255000' }],
      method: 'Laparoscopic procedure',
      methodCodes: [{ system: 'SNOMED', code: '51316009' }],
    });
  });

  it('keeps a laterality written on the procedure’s own code, and no site for a null-flavored one', () => {
    const hip = byTitle(docs, 'Total hip replacement')!;
    expect(hip.details.bodySite).toBe('Left');
    expect(hip.details.bodySiteCodes).toEqual([{ system: 'unknown', code: '7771000', display: 'Left' }]);
  });

  it('does not take a number written as a displayName for a site’s words, and keeps its code', () => {
    const xray = byTitle(docs, 'Chest X-ray')!;
    expect(xray.details.bodySite).toBeUndefined();
    expect(xray.details.bodySiteCodes?.map((c) => c.code)).toEqual(['82094008']);
  });

  it('keeps where a stay ended (sdtc:dischargeDispositionCode)', () => {
    expect(byTitle(docs, 'Hospital admission')!.details).toMatchObject({
      dischargeDisposition: 'Discharged to skilled nursing facility',
      dischargeDispositionCodes: [{ system: '2.16.840.1.113883.12.112', code: '03' }],
    });
  });

  it('titles an encounter by its code’s own words when they point to a whole row, and keeps the row as its narrative', () => {
    const visit = records(docs, 'encounter').find((r) => r.start === '2011-10-05')!;
    expect(visit.title).toBe('MUS2');
    expect(visit.narrative).toBe('10/5/2011 MUS2 No Known Diagnosis');
  });
});

describe('problem type words', () => {
  it('say the kind of problem first, then the FHIR list, each once', () => {
    const details = {
      problemTypeCodes: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'encounter-diagnosis' },
        { system: 'SNOMED', code: '282291009', display: 'Diagnosis' },
        { system: 'LOINC', code: '29308-4', display: 'Diagnosis' },
      ],
    };
    expect(problemTypeWords(details, 'en')).toBe('Diagnosis, Encounter diagnosis');
    expect(problemTypeWords(details, 'es')).toBe('Diagnóstico, Diagnóstico de la consulta');
  });

  it('say an unknown category by its display and a category in words as written', () => {
    expect(problemTypeWords({ problemTypeCodes: [{ system: 'http://example.org/cat', code: 'x1', display: 'Ward problem' }] })).toBe('Ward problem');
    expect(problemTypeWords({ problemType: 'Chronic' }, 'es')).toBe('Chronic');
    expect(problemTypeWords({})).toBeUndefined();
  });

  it('read a LOINC-shaped type code under a wrong system as LOINC’s', () => {
    expect(problemTypeWords({ problemTypeCodes: [{ system: '2.16.840.1.113883.5.6', code: '75323-6', display: 'Condition' }] }, 'es')).toBe('Afección');
  });
});

describe.skipIf(!present)('coded details in the corpus', () => {
  it('HL7 Discharge Summary: the appendectomy’s site and method', () => {
    const docs = fromCorpus('ccda/hl7-ccda-examples/Documents/Discharge Summary/Discharge_Summary.xml');
    expect(byTitle(docs, 'Laparoscopic appendectomy')!.details).toMatchObject({ bodySite: 'Entire appendix', method: 'Laparoscopic procedure' });
  });

  it('HL7 External Document Reference: the amputation’s site with its laterality, and its type', () => {
    const docs = fromCorpus('ccda/hl7-ccda-examples/General/External Document Reference/PROBLEMS_in_Empty_C-CDA_2.1 (C-CDAR2.1).xml');
    const amputation = byTitle(docs, 'Below Knee Amputation')!;
    expect(amputation.details.bodySite).toBe('Structure of lower extremity from knee to ankle (Left)');
    expect(problemTypeWords(amputation.details)).toBe('Problem');
  });

  it('Allscripts inpatient discharge summary: the stay’s discharge disposition', () => {
    const docs = fromCorpus('ccda/chb-sample-ccdas/Allscripts Samples/Internal Test with MU 2 data/170.314(e)(1)InPt_Discharge Summary CED Type.xml');
    expect(records(docs, 'encounter')[0]!.details.dischargeDisposition).toBe('Discharged to home or self care (routine discharge)');
  });

  it('C32 (amida): the hip replacement’s laterality, written on its code', () => {
    expect(byTitle(fromCorpus('c32/amida-blue-button/C32.xml'), 'Total hip replacement')!.details.bodySite).toBe('Left');
  });

  it('NextTech: encounters titled "MUS2", not with their whole row', () => {
    for (const file of ['5 - Larson, Rebecca Jones_2017-07-10 10_38_39_000.xml', '8_20170710105504_SummaryOfCare.xml']) {
      const visits = records(fromCorpus(`ccda/jddamore-ccda-samples/NextTech/${file}`), 'encounter').filter((r) => r.narrative?.includes('No Known Diagnosis'));
      expect(visits.length, file).toBeGreaterThan(0);
      for (const visit of visits) {
        expect(visit.title).toBe('MUS2');
        expect(visit.narrative).toMatch(/^\d+\/\d+\/\d{4} MUS2 No Known Diagnosis$/);
      }
    }
  });

  it('MDLogic: a Finding whose displayName is the problem’s name reads as a Finding', () => {
    const docs = fromCorpus('ccda/jddamore-ccda-samples/MDLogic/ContinuityOfCareDocument_MUNewAli_20170601-145612.xml');
    const typed = records(docs, 'problem').filter((r) => r.details.problemTypeCodes?.[0]?.code === '404684003');
    expect(typed.length).toBeGreaterThan(0);
    for (const problem of typed) expect(problemTypeWords(problem.details)).toBe('Finding');
  });
});
