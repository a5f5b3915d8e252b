import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../main/importers/errors.ts';
import { looksLikeFhir, parseFhir, readFhirJson } from '../../../main/importers/fhir/index.ts';
import type { RecordDraft } from '../../../main/records/model.ts';

const fixture = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/fhir', name), 'utf8'));

function only(records: RecordDraft[], kind: RecordDraft['kind']): RecordDraft[] {
  return records.filter((r) => r.kind === kind);
}

describe('parseFhir on a US Core patient bundle', () => {
  const result = parseFhir(fixture('patient-bundle.json'));
  const doc = result.documents[0]!;

  it('is one fhir-r4 document for the one patient, with the clinic as author', () => {
    expect(result.format).toBe('fhir-r4');
    expect(result.documents).toHaveLength(1);
    expect(doc.patient).toMatchObject({ name: 'Dana Lee Fixture', family: 'Fixture', given: ['Dana', 'Lee'], birthDate: '1972-11-03', sex: 'female' });
    expect(doc.patient.identifiers).toContainEqual({ system: 'http://hospital.example.org/mrn', value: 'MRN-42' });
    expect(doc.document.authorOrganization).toBe('Maple Grove Clinic');
    expect(doc.document.date).toBe('2024-05-01T10:00:00Z');
  });

  it('maps conditions with every coding, short system names and source precision', () => {
    const [problem] = only(doc.records, 'problem');
    expect(problem!.title).toBe('Diabetes mellitus type 2');
    expect(problem!.codes.map((c) => `${c.system}|${c.code}`)).toEqual(['SNOMED|44054006', 'ICD10CM|E11.9']);
    expect(problem!.start).toBe('2019-03');
    expect(problem!.status).toBe('active');
  });

  it('skips entered-in-error entries with a reason of their kind', () => {
    expect(doc.problems).toContainEqual(expect.objectContaining({ kind: 'problems', reason: expect.stringMatching(/entered in error/) }));
    expect(only(doc.records, 'problem').some((p) => p.title === 'Asthma')).toBe(false);
  });

  it('resolves a contained Medication and keeps dosage', () => {
    const [med] = only(doc.records, 'medication');
    expect(med).toMatchObject({ title: 'metformin hydrochloride 500 MG Oral Tablet', status: 'active', start: '2024-04-02' });
    expect(med!.codes[0]).toEqual({ system: 'RXNORM', code: '860975', display: 'metformin hydrochloride 500 MG Oral Tablet' });
    expect(med!.details).toMatchObject({ dose: '1 tablet', route: 'oral', instructions: 'Take 1 tablet by mouth twice daily' });
  });

  it('maps allergies with reactions and severity, immunizations with CVX', () => {
    const [allergy] = only(doc.records, 'allergy');
    expect(allergy!.details).toMatchObject({ reactions: ['Hives'], severity: 'moderate', substance: 'Penicillin G' });
    const [shot] = only(doc.records, 'immunization');
    expect(shot!.codes[0]).toMatchObject({ system: 'CVX', code: '140' });
    expect(shot!.details.lotNumber).toBe('FLU123');
    expect(shot!.start).toBe('2023-10-12');
  });

  it('maps lab results with value, unit, range, flag and their report panel', () => {
    const a1c = only(doc.records, 'result').find((r) => r.codes[0]?.code === '4548-4')!;
    expect(a1c.value).toEqual({ number: 7.4, text: '7.4', unit: '%' });
    expect(a1c.referenceRange).toMatchObject({ low: 4, high: 5.6, unit: '%' });
    expect(a1c.interpretation).toBe('H');
    expect(a1c.details.panel).toBe('Comprehensive metabolic panel');
    const glucose = only(doc.records, 'result').find((r) => r.codes[0]?.code === '2345-7')!;
    expect(glucose.value).toEqual({ number: 5, text: '<5', unit: 'mmol/L' });
  });

  it('splits blood pressure into systolic and diastolic vitals so each LOINC code trends', () => {
    const vitals = only(doc.records, 'vital');
    expect(vitals.map((v) => [v.codes[0]?.code, v.value?.number, v.value?.unit])).toEqual([
      ['8480-6', 132, 'mm[Hg]'],
      ['8462-4', 84, 'mm[Hg]'],
    ]);
    expect(vitals[0]!.details.panelCodes?.[0]?.code).toBe('85354-9');
  });

  it('files social-history observations as social, and skips an observation without a name', () => {
    expect(only(doc.records, 'social')[0]?.value?.text).toBe('Former smoker');
    expect(doc.problems).toContainEqual(expect.objectContaining({ kind: 'results', where: 'Observation/o5' }));
  });

  it('maps encounters, procedures, care plans and claims', () => {
    expect(only(doc.records, 'encounter')[0]).toMatchObject({ title: 'Encounter for check up', status: 'completed', start: '2024-04-02T09:00:00-05:00' });
    expect(only(doc.records, 'encounter')[0]!.details.provider).toBe('Maple Grove Clinic');
    expect(only(doc.records, 'procedure')[0]).toMatchObject({ end: '2024-04-02T09:50:00-05:00', codes: [{ system: 'CPT', code: '92250', display: 'Fundus photography' }] });
    expect(only(doc.records, 'plan')[0]).toMatchObject({ title: 'Diabetes self management plan', status: 'active' });
    const [claim] = only(doc.records, 'claim');
    expect(claim!.details).toMatchObject({ claimId: 'CLM-7', amountBilled: 180.5, amountPaid: 120, provider: 'Maple Grove Clinic' });
    expect(claim!.details.diagnoses).toEqual([{ system: 'ICD10CM', code: 'E11.9' }]);
    expect(claim!.title).toBe('Professional claim');
  });

  it('keeps inline document attachments whole and shows the note', () => {
    expect(doc.document.attachments).toEqual([{ title: 'Visit note', mediaType: 'text/plain', data: 'UGF0aWVudCBkb2luZyB3ZWxsLg==' }]);
    expect(only(doc.records, 'note')[0]?.narrative).toBe('Patient doing well.');
  });

  it('reports resource types it does not read', () => {
    expect(doc.problems).toContainEqual({ reason: expect.stringMatching(/1 ImagingStudy entry was not imported/), notice: { kind: 'not-read', resourceType: 'ImagingStudy', count: 1 } });
  });
});

describe('parseFhir on CMS Blue Button data', () => {
  it('reads an STU3 carrier EOB as cms-fhir with amounts, dates and ICD-9 diagnoses', () => {
    const result = parseFhir(fixture('bb2-eob-stu3.json'));
    expect(result.format).toBe('cms-fhir');
    const doc = result.documents[0]!;
    expect(doc.document.authorOrganization).toBe('Medicare (CMS)');
    expect(doc.document.variant).toMatch(/STU3/);
    expect(doc.patient.identifiers?.[0]?.value).toBe('Patient/-19990000000555');
    const [claim] = doc.records;
    expect(claim).toMatchObject({ kind: 'claim', title: 'Medicare Part B claim', start: '2017-03-01', end: '2017-03-04' });
    expect(claim!.details).toMatchObject({ claimId: '555000111', amountBilled: 250, amountPaid: 140.25, provider: 'NPI 1999999999' });
    expect(claim!.details.diagnoses).toEqual([{ system: 'ICD9CM', code: '4019', display: 'Hypertension NOS' }]);
    expect(claim!.codes).toEqual([{ system: 'HCPCS', code: '99214' }]);
  });
});

describe('parseFhir refuses what it cannot attribute or read', () => {
  const patient = (id: string, family: string) => ({ resource: { resourceType: 'Patient', id, name: [{ family }] } });

  it('rejects a bundle with several people', () => {
    const bundle = { resourceType: 'Bundle', entry: [patient('a', 'One'), patient('b', 'Two')] };
    expect(() => parseFhir(bundle)).toThrow(ImportError);
    expect(() => parseFhir(bundle)).toThrow(/2 people/);
  });

  it('rejects a file with no patient at all', () => {
    expect(() => parseFhir({ resourceType: 'Organization', name: 'X' })).toThrow(/no Patient resource/);
  });

  it('rejects non-FHIR JSON and over-deep JSON with one sentence', () => {
    expect(looksLikeFhir({ hello: 1 })).toBe(false);
    expect(() => parseFhir({ hello: 1 })).toThrow(ImportError);
    let deep: unknown = { resourceType: 'Patient' };
    for (let i = 0; i < 150; i++) deep = { resourceType: 'Patient', x: [deep] };
    expect(() => parseFhir(deep)).toThrow(/nested more than 100 levels/);
    expect(() => readFhirJson('['.repeat(200) + ']'.repeat(200))).toThrow(/nested more than 100 levels/);
    expect(() => readFhirJson('{"resourceType": ')).toThrow(/not valid JSON/);
  });

  it('attributes a lone resource to the patient its subject names', () => {
    const result = parseFhir({ resourceType: 'Condition', id: 'c', code: { text: 'Gout' }, subject: { reference: 'Patient/x', display: 'Ann Example' } });
    expect(result.documents[0]!.patient.name).toBe('Ann Example');
    expect(result.documents[0]!.records[0]!.title).toBe('Gout');
  });
});

describe('a concept whose author picked a coding (userSelected)', () => {
  const bundle = (code: unknown) => ({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { resource: { resourceType: 'Patient', id: 'p', name: [{ family: 'Example', given: ['Uma'] }], birthDate: '1950-01-02' } },
      { resource: { resourceType: 'Medication', id: 'm', code } },
      { resource: { resourceType: 'MedicationStatement', id: 's', status: 'active', subject: { reference: 'Patient/p' }, medicationReference: { reference: 'Medication/m' }, effectiveDateTime: '2020-03-04' } },
    ],
  });
  const medication = (code: unknown) => only(parseFhir(bundle(code)).documents[0]!.records, 'medication')[0]!;

  it('takes the title from the picked coding and keeps every coding', () => {
    const med = medication({
      coding: [
        { system: 'http://snomed.info/sct', code: '9751511000001104', display: 'Sertraline 100mg tablets (SNOMED dictionary)' },
        { system: 'https://fhir.hl7.org.uk/Id/multilex-drug-codes', code: '06157009', display: 'Sertraline 100mg tablets', userSelected: true },
      ],
    });
    expect(med.title).toBe('Sertraline 100mg tablets');
    expect(med.codes.map((c) => [c.code, c.display])).toEqual([
      ['06157009', 'Sertraline 100mg tablets'],
      ['9751511000001104', 'Sertraline 100mg tablets (SNOMED dictionary)'],
    ]);
  });

  it('still prefers the concept text, and the first display when nothing was picked', () => {
    const coding = [
      { system: 'http://snomed.info/sct', code: '1', display: 'First display' },
      { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '2', display: 'Second display' },
    ];
    expect(medication({ coding, text: 'As the clinician wrote it' }).title).toBe('As the clinician wrote it');
    expect(medication({ coding }).title).toBe('First display');
  });

  it('falls back to another display when the picked coding has none', () => {
    const med = medication({
      coding: [
        { system: 'http://snomed.info/sct', code: '1', display: 'Named coding' },
        { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '2', userSelected: true },
      ],
    });
    expect(med.title).toBe('Named coding');
    expect(med.codes).toHaveLength(2);
  });
});

describe('results that give no time of their own, inside a dated report or panel', () => {
  // As in the SMART Health Cards lab example: the report and the CBC panel are dated, the
  // panel's members (hemoglobin, red cells) are not.
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: 'resource:0', resource: { resourceType: 'Patient', name: [{ family: 'Example', given: ['Uma'] }], birthDate: '1950-01-02' } },
      {
        fullUrl: 'resource:1',
        resource: { resourceType: 'DiagnosticReport', status: 'final', code: { text: 'General health panel' }, subject: { reference: 'resource:0' }, effectiveDateTime: '2015-08-16T06:40:17Z', issued: '2015-08-17T06:40:17Z', result: [{ reference: 'resource:2' }, { reference: 'resource:5' }] },
      },
      {
        fullUrl: 'resource:2',
        resource: { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '58410-2' }] }, effectiveDateTime: '2015-08-16T06:40:17Z', hasMember: [{ reference: 'resource:3' }, { reference: 'resource:4' }] },
      },
      { fullUrl: 'resource:3', resource: { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '718-7' }] }, valueQuantity: { value: 176, unit: 'g/L', system: 'http://unitsofmeasure.org', code: 'g/L' } } },
      { fullUrl: 'resource:4', resource: { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '789-8' }] }, effectiveDateTime: '2015-08-15', valueQuantity: { value: 5.9, unit: 'x10*12/L' } } },
      { fullUrl: 'resource:5', resource: { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] }, issued: '2015-08-17T06:40:17Z', valueQuantity: { value: 5.1, unit: 'mmol/L' } } },
    ],
  };
  const results = only(parseFhir(bundle).documents[0]!.records, 'result');
  const byCode = (code: string) => results.find((r) => r.codes[0]?.code === code)!;

  it('takes the time of the panel or report that lists them, never over a time of their own', () => {
    expect(byCode('718-7').start).toBe('2015-08-16T06:40:17Z');
    expect(byCode('789-8').start).toBe('2015-08-15');
    // The report's effective time, not the member's reporting (issued) time.
    expect(byCode('2345-7').start).toBe('2015-08-16T06:40:17Z');
  });
});
