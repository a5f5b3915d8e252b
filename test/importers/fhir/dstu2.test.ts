// FHIR DSTU2 resources, one per file as Apple Health Records writes them, read with each
// element's DSTU2 meaning; and R4/STU3 files are not mistaken for DSTU2.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ImportError, parseFile } from '../../../main/importers/index.ts';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import { isDstu2File } from '../../../main/importers/fhir/dstu2.ts';
import type { ImportedDocument, RecordDraft } from '../../../main/records/model.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(here, '../../../../shared/corpus');
const load = (rel: string) => JSON.parse(readFileSync(path.join(here, '../../fixtures/fhir', rel), 'utf8')) as Record<string, unknown>;
const read = (name: string, fhirVersion?: string): ImportedDocument => parseFhir(load(`dstu2/${name}`), fhirVersion ? { fhirVersion } : {}).documents[0]!;
const one = (name: string): RecordDraft => {
  const doc = read(name);
  expect(doc.records).toHaveLength(1);
  return doc.records[0]!;
};

describe('DSTU2 AllergyIntolerance', () => {
  it('reads substance, onset, criticality codes and the reaction, keeping certainty and the note', () => {
    const doc = read('AllergyIntolerance-penicillin.json');
    expect(doc.document.variant).toBe('FHIR DSTU2');
    expect(doc.patient.name).toBe('Candace Salinas');
    const allergy = doc.records[0]!;
    expect(allergy).toMatchObject({ kind: 'allergy', title: 'PENICILLINS', status: 'active', start: '2004-06' });
    expect(allergy.codes).toEqual([{ system: 'http://rxnav.nlm.nih.gov/REST/Ndfrt', code: 'N0000005840', display: 'PENICILLINS' }]);
    // CRITH is DSTU2's code for high risk; the risk is not the reaction's severity.
    expect(allergy.details).toMatchObject({ reactions: ['Hives'], severity: 'moderate', criticality: 'high', allergyType: 'allergy, medication' });
    expect(allergy.details.comment).toBe('Recorded by Jane Ohlsen, MD. Rash spread to the torso within an hour. Reaction certainty: likely');
  });

  it('skips a refuted allergy with a reason, and keeps an unconfirmed one saying so', () => {
    expect(read('AllergyIntolerance-refuted.json')).toMatchObject({
      records: [],
      problems: [{ kind: 'allergies', reason: 'This allergy was refuted by a clinician.', where: 'AllergyIntolerance/TGdMz3XbQpkh2y8a7Ew5K2A0' }],
    });
    const unconfirmed = one('AllergyIntolerance-unconfirmed.json');
    expect(unconfirmed).toMatchObject({ title: 'Shellfish', status: 'active' });
    expect(unconfirmed.details).toMatchObject({ criticality: 'unable-to-assess', allergyType: 'food', comment: 'Verification: unconfirmed' });
    expect(unconfirmed.details.severity).toBeUndefined();
  });

  it('skips an allergy entered in error', () => {
    const resource = { ...load('dstu2/AllergyIntolerance-refuted.json'), status: 'entered-in-error' };
    expect(parseFhir(resource).documents[0]!.problems[0]!.reason).toBe('This allergy was marked as entered in error.');
  });
});

describe('DSTU2 Condition', () => {
  it('reads a plain-code clinical status, dateRecorded and the notes string', () => {
    const problem = one('Condition-hypertension.json');
    expect(problem).toMatchObject({ kind: 'problem', title: 'Essential hypertension', status: 'active', start: '2018-03' });
    expect(problem.codes.map((c) => `${c.system}|${c.code}`)).toEqual(['SNOMED|59621000', 'ICD10CM|I10']);
    expect(problem.details).toMatchObject({ performers: ['Jane Ohlsen, MD'], comment: 'Home readings average 148/92.' });
  });

  it('keeps a provisional diagnosis’s verification and an abatement without a date in words', () => {
    const problem = one('Condition-chest-pain.json');
    expect(problem).toMatchObject({ status: 'resolved', start: '2020-10-30' });
    expect(problem.end).toBeUndefined();
    expect(problem.details.comment).toBe('Verification: provisional. The source says this condition has abated (no date given)');
  });

  it('skips a refuted condition with a reason', () => {
    expect(read('Condition-refuted.json')).toMatchObject({ records: [], problems: [{ kind: 'problems', reason: 'This condition was refuted by a clinician.' }] });
  });
});

describe('DSTU2 Immunization', () => {
  it('reads date, a single performer, lot, route and dose', () => {
    const dose = one('Immunization-flu.json');
    expect(dose).toMatchObject({ kind: 'immunization', status: 'completed', start: '2019-10-15T00:00:00Z' });
    expect(dose.codes).toEqual([{ system: 'CVX', code: '150' }]);
    expect(dose.details).toMatchObject({ performers: ['Maria Lopez, RN'], lotNumber: 'UJ473AA', dose: '0.5 mL', route: 'Intramuscular', manufacturer: 'Sanofi Pasteur', location: 'Northside Family Medicine' });
  });

  it('wasNotGiven is not a dose given: refused when the person objected, not done otherwise', () => {
    const declined = one('Immunization-declined.json');
    expect(declined).toMatchObject({ status: 'refused', details: { refused: true, comment: 'Not given: Patient objection' } });
    const precaution = one('Immunization-not-given-precaution.json');
    expect(precaution.status).toBe('not-done');
    expect(precaution.details.refused).toBeUndefined();
    expect(precaution.details.comment).toBe('Not given: Medical precaution');
  });
});

describe('DSTU2 medications', () => {
  it('reads a MedicationOrder as a prescription: written, ended and why, prescriber, dose and timing', () => {
    const doc = read('MedicationOrder-lisinopril.json');
    expect(doc.problems).toEqual([]);
    const med = doc.records[0]!;
    expect(med).toMatchObject({ kind: 'medication', title: 'lisinopril 10 MG tablet', status: 'stopped', start: '2018-04-17', end: '2020-02-03', sourceLocation: 'MedicationOrder/TiYbzU5wTcG8lM0x1rN5kJw0' });
    expect(med.details).toMatchObject({
      dose: '10 mg',
      route: 'Oral',
      frequency: '1 time(s) every 1 d',
      instructions: 'Take 1 tablet (10 mg total) by mouth daily.',
      prescriber: 'Jane Ohlsen, MD',
      comment: 'Reason: Essential hypertension. Check potassium in 2 weeks. Reason ended: Cough, switched to losartan',
    });
  });

  it('reads a DSTU2 MedicationStatement: quantity as the dose, reason for use, the note, reported by the patient', () => {
    const med = one('MedicationStatement-aspirin.json');
    expect(med).toMatchObject({ title: 'aspirin 81 MG chewable tablet', status: 'active', start: '2017-01-01' });
    expect(med.details).toMatchObject({ dose: '81 mg', frequency: '1 time(s) every 1 d', instructions: 'Chew 1 tablet daily', comment: 'Reported by the patient. Reason: Heart health. Takes with breakfast.' });
    expect(med.details.prescriber).toBeUndefined();
  });

  it('wasNotTaken is a medicine not taken, with its reason', () => {
    const med = one('MedicationStatement-not-taken.json');
    expect(med.status).toBe('refused');
    expect(med.details.comment).toBe('Not taken: Could not afford it');
  });
});

describe('DSTU2 results, vitals, procedures and reports', () => {
  it('reads a lab Observation with a single category, a single interpretation and comments', () => {
    const result = one('Observation-hba1c.json');
    expect(result).toMatchObject({ kind: 'result', title: 'HEMOGLOBIN A1C', value: { number: 6.9, unit: '%' }, interpretation: 'H', start: '2020-06-09T14:05:00Z' });
    expect(result.referenceRange).toMatchObject({ low: 4, high: 5.6, text: '4.0 - 5.6 %' });
    expect(result.details).toMatchObject({ performers: ['Northside Laboratory'], comment: 'Goal less than 7.0 % for this patient.' });
  });

  it('reads a blood pressure from the old vital-signs category as two readings', () => {
    const doc = read('Observation-blood-pressure.json', '1.0.2');
    expect(doc.document.variant).toBe('FHIR DSTU2');
    expect(doc.records.map((r) => [r.kind, r.title, r.value?.number])).toEqual([
      ['vital', 'Systolic blood pressure', 142],
      ['vital', 'Diastolic blood pressure', 91],
    ]);
  });

  it('reads a Procedure with its notes, and notPerformed as not done with its reason', () => {
    expect(one('Procedure-colonoscopy.json')).toMatchObject({ status: 'completed', start: '2019-08-21', details: { performers: ['Raj Patel, MD'], location: 'Northside Endoscopy Center', comment: 'Two small polyps removed.' } });
    expect(one('Procedure-not-performed.json')).toMatchObject({ title: 'Mammography', status: 'not-done', details: { comment: 'Not done: Patient rescheduled' } });
  });

  it('reads a DiagnosticReport with a single performer and codedDiagnosis', () => {
    expect(one('DiagnosticReport-chest-xray.json')).toMatchObject({
      kind: 'result',
      title: 'XR CHEST 2 VIEWS',
      value: { text: 'No acute cardiopulmonary process.' },
      details: { performers: ['Northside Radiology'], comment: 'Conclusion: Normal chest radiograph' },
    });
  });
});

describe('a DSTU2 bundle', () => {
  const practitioner = { resourceType: 'Practitioner', id: 'pr1', name: { family: ['Ohlsen', 'Berg'], given: ['Jane'], suffix: ['MD'] } };
  const patient = { resourceType: 'Patient', id: 'p1', name: [{ family: ['Salinas'], given: ['Candace'] }], birthDate: '1960-09-14', gender: 'female' };
  const condition = { ...load('dstu2/Condition-hypertension.json'), patient: { reference: 'Patient/p1' }, asserter: { reference: 'Practitioner/pr1' } };
  const order = { resourceType: 'DiagnosticOrder', id: 'do1', subject: { reference: 'Patient/p1' }, status: 'requested' };
  const bundle = { resourceType: 'Bundle', type: 'searchset', entry: [patient, practitioner, condition, order].map((resource) => ({ resource })) };

  it('names people by DSTU2’s single HumanName with a list of family names', () => {
    const doc = parseFhir(bundle).documents[0]!;
    expect(doc.patient).toMatchObject({ name: 'Candace Salinas', birthDate: '1960-09-14' });
    expect(doc.records[0]!.details.performers).toEqual(['Jane Ohlsen Berg MD']);
  });

  it('says which DSTU2 kinds it does not read', () => {
    const doc = parseFhir(bundle).documents[0]!;
    expect(doc.problems).toContainEqual({
      reason: '1 DiagnosticOrder entry was not imported because Chartkeeper does not read that kind of entry yet.',
      notice: { kind: 'not-read', resourceType: 'DiagnosticOrder', count: 1 },
    });
  });
});

describe('DSTU2 FamilyMemberHistory', () => {
  it('reads a condition’s onsetQuantity as its age at onset, and the single notes of the entry and the condition', () => {
    const doc = parseFhir(load('dstu2/FamilyMemberHistory-father.json'), { fhirVersion: '1.0.2' }).documents[0]!;
    expect(doc.records).toEqual([
      expect.objectContaining({
        kind: 'family',
        title: 'Heart attack',
        details: { relation: 'Father', onsetAge: { value: 61, unit: 'a' }, comment: 'Adopted; history from his sister. Second one at 68.' },
      }),
    ]);
  });
});

describe('telling DSTU2 from R4 and STU3', () => {
  it('does not take the R4 and STU3 fixtures for DSTU2', () => {
    for (const name of ['patient-bundle.json', 'field-check-bundle.json', 'value-types-bundle.json', 'bb2-eob-stu3.json']) {
      expect(parseFhir(load(name)).documents[0]!.document.variant, name).not.toMatch(/DSTU2/);
    }
    expect(parseFhir(load('patient-bundle.json')).documents[0]!.document.variant).toBe('FHIR R4');
  });

  it.skipIf(!existsSync(corpus))('reads no R4, STU3 or IPS file of the corpus as DSTU2', () => {
    const files = ['fhir-r4', 'cms-fhir', 'ips'].flatMap((dir) =>
      readdirSync(path.join(corpus, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.json'))
        .map((f) => path.join(corpus, dir, f)),
    );
    expect(files.length).toBeGreaterThan(50);
    let read = 0;
    for (const file of files) {
      let variants: string[];
      try {
        variants = parseFile(readFileSync(file), file).documents.map((d) => d.document.variant ?? '');
      } catch (error) {
        if (error instanceof ImportError) continue;
        throw error;
      }
      read++;
      expect(variants.join(), file).not.toMatch(/DSTU2/);
    }
    expect(read).toBeGreaterThan(50);
  });

  it('takes the container’s version when it gives one', () => {
    const resources = [load('dstu2/Observation-blood-pressure.json')];
    expect(isDstu2File(resources)).toBe(false);
    expect(isDstu2File(resources, '1.0.2')).toBe(true);
    expect(isDstu2File([load('dstu2/MedicationOrder-lisinopril.json')])).toBe(true);
    expect(isDstu2File([load('dstu2/MedicationOrder-lisinopril.json')], '4.0.1')).toBe(false);
  });
});
