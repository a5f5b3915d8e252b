// Issue 13 on FHIR: statuses as the source states them, every value type and component kept,
// placeholder days read as unknown. Corpus files where they show the defect, fixtures for the rest.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import type { RecordDraft } from '../../../main/records/model.ts';

const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');
const haveCorpus = fs.existsSync(path.join(corpus, 'MANIFEST.tsv'));
const corpusDoc = (file: string) => parseFhir(JSON.parse(fs.readFileSync(path.join(corpus, file), 'utf8'))).documents[0]!;
const fixture = (name: string) =>
  parseFhir(JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/fhir', name), 'utf8'))).documents[0]!;
const byTitle = (records: RecordDraft[], title: string) => records.filter((r) => r.title === title);

describe.skipIf(!haveCorpus)('FHIR Immunization not done (us_quality_core_bundle_patient.json)', () => {
  const doc = haveCorpus ? corpusDoc('fhir-r4/inferno-reference-server-data/us_quality_core_bundle_patient.json') : undefined;

  it('shows a vaccine not given for a medical precaution with that reason, never as refused', () => {
    const notDone = doc!.records.filter((r) => r.kind === 'immunization' && r.sourceLocation?.includes('immunizationnotdone'));
    expect(notDone).toHaveLength(2);
    for (const r of notDone) {
      expect(r.status).toBe('not-done');
      expect(r.details.refused).toBeUndefined();
      expect(r.details.comment).toMatch(/^Not given: medical precaution/);
    }
  });

  it('keeps a completed vaccination completed, its reason beside it', () => {
    const given = doc!.records.find((r) => r.sourceLocation === 'Immunization/usqualitycore-immunization')!;
    expect(given.status).toBe('completed');
    expect(given.details.comment).toMatch(/immunity/);
  });

  it('keeps the inhaled oxygen flow and concentration measured with an oxygen saturation', () => {
    const records = doc!.records.filter((r) => r.sourceLocation === 'Observation/usqualitycore-us-core-pulse-oximetry');
    expect(records.map((r) => [r.title, r.value?.number, r.value?.unit])).toEqual(
      expect.arrayContaining([
        ['Oxygen saturation in Arterial blood by Pulse oximetry', 99, '%'],
        ['Inhaled oxygen flow rate', 2, 'L/min'],
      ]),
    );
    const flow = records.find((r) => r.title === 'Inhaled oxygen flow rate')!;
    expect(flow.codes[0]).toMatchObject({ system: 'LOINC', code: '3151-8' });
    expect(flow.details.panel).toBe('Oxygen saturation in Arterial blood by Pulse oximetry');
    expect(flow.start).toBe('1999-07-02');
  });

  it('keeps a blood-pressure pair, and says why a pair without values has none', () => {
    const bp = doc!.records.filter((r) => r.sourceLocation === 'Observation/usqualitycore-us-core-blood-pressure');
    expect(bp.map((r) => [r.codes[0]?.code, r.value?.number])).toEqual([
      ['8480-6', 109],
      ['8462-4', 44],
    ]);
    const absent = doc!.records.filter((r) => r.sourceLocation === 'Observation/usqualitycore-us-core-bp-data-absent-reason');
    expect(absent).toHaveLength(2);
    for (const r of absent) expect(r.details.comment).toMatch(/No value: Unknown/);
  });

  it('keeps the industry recorded with an occupation', () => {
    const records = doc!.records.filter((r) => r.sourceLocation === 'Observation/usqualitycore-us-core-observation-occupation');
    expect(records.map((r) => r.title)).toContain('History of Occupation Industry');
    expect(records.find((r) => r.title === 'History of Occupation Industry')!.value?.text).toMatch(/Home nurs/);
  });
});

describe('FHIR value types and placeholder dates (fixture)', () => {
  const doc = fixture('value-types-bundle.json');
  const value = (title: string) => byTitle(doc.records, title)[0]?.value;

  it('keeps every value type with its unit and flag', () => {
    expect(value('Hemoglobin')).toEqual({ number: 10.2, text: '10.2', unit: 'g/dL' });
    expect(byTitle(doc.records, 'Hemoglobin')[0]!.interpretation).toBe('L');
    expect(value('Strep test')?.text).toBe('Positive');
    expect(value('Urine color')?.text).toBe('Amber');
    expect(value('eGFR')).toEqual({ text: '>=60', unit: 'mL/min/{1.73_m2}' });
    expect(value('Titer')?.text).toBe('1/128');
    expect(value('Fasting')?.text).toBe('No');
    expect(value('Pain score')).toEqual({ number: 0, text: '0' });
  });

  it('reads 0001-01-01 and 1900-01-01 as no date at all', () => {
    const bloodType = byTitle(doc.records, 'Blood type')[0]!;
    expect(bloodType.value?.text).toBe('O+');
    expect(bloodType.start).toBeUndefined();
    expect(doc.patient.birthDate).toBeUndefined();
  });
});

describe.skipIf(!haveCorpus)('Medicare claims keep amounts, provider, pharmacy and prescriber', () => {
  const claim = (file: string) => corpusDoc(`cms-fhir/cmsgov-bfd/${file}`).records.find((r) => r.kind === 'claim')!;

  it('a Part D event (v2) names its pharmacy and prescriber and keeps cost, plan and patient payments', () => {
    const pde = claim('v2/eobReadPde.json');
    expect(pde.details).toMatchObject({
      provider: 'ADVANTAGE HOME HEALTH CARE, INC.',
      prescriber: 'DR. ROBERT BISBEE MD',
      amountBilled: 550,
      amountPaid: 126.99,
      comment: 'You paid $235.85',
    });
  });

  it('a Part D event (v1, STU3) keeps the amounts written only on its line', () => {
    expect(claim('v1/eobReadPde.json').details).toMatchObject({ provider: 'ADVANTAGE HOME HEALTH CARE, INC.', amountBilled: 550, amountPaid: 126.99 });
  });

  it('a v1 carrier claim keeps the charges written only on its lines', () => {
    expect(claim('v1/eobReadCarrier.json').details).toMatchObject({ amountBilled: 75, amountPaid: 199.99 });
  });

  it('each Medicare coverage is its own entry with its own period', () => {
    const coverage = corpusDoc('cms-fhir/cmsgov-bfd/v2/coverageSearchByPatientIdWithoutReferenceYear.json').records;
    expect(coverage.map((c) => c.title)).toEqual(['Medicare Part A', 'Medicare Part B', 'Medicare Part C', 'Medicare Part D']);
  });
});

describe('an API error response saved instead of records', () => {
  const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', diagnostics: 'Unsupported ID pattern' }] };

  it('is refused in one sentence as an error message, not records', () => {
    expect(() => parseFhir(outcome)).toThrow(/^This file is an error message from the service it came from \(such as Medicare’s\), not records; download your records again\.$/);
    const fromMedicare = { ...outcome, issue: [{ ...outcome.issue[0], diagnostics: 'https://bluebutton.cms.gov rejected the request' }] };
    expect(() => parseFhir(fromMedicare)).toThrow('This file is an error message from Medicare’s service, not records; download your records again.');
    expect(() => parseFhir({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: outcome }] })).toThrow(/error message/);
  });
});

describe('what the field-by-field check found (fixture)', () => {
  const doc = fixture('field-check-bundle.json');
  const at = (where: string) => doc.records.find((r) => r.sourceLocation === where);

  it('keeps an allergy’s criticality beside its reaction severity', () => {
    expect(at('AllergyIntolerance/a')!.details).toMatchObject({ severity: 'mild', criticality: 'high' });
    expect(at('AllergyIntolerance/a')!.details.comment).toBeUndefined();
  });

  it('keeps why a medicine was ordered', () => {
    expect(at('MedicationRequest/m')!.details.comment).toBe('Reason: Active Duodenal Ulcer');
  });

  it('does not title a plan after the category every plan has, nor after a URL', () => {
    expect(at('CarePlan/cp')).toBeUndefined();
    expect(doc.problems).toContainEqual(expect.objectContaining({ kind: 'plans', where: 'CarePlan/cp' }));
    expect(at('Coverage/c')!.details.comment).toBe('Relationship to subscriber: self');
  });

  it('names the practitioner behind a PractitionerRole', () => {
    expect(at('Encounter/e')!.details.performers).toEqual(['Ana Ruiz']);
  });

  it('calls a prior authorization what it is, not a claim', () => {
    expect(at('ExplanationOfBenefit/pa')!.title).toBe('Institutional prior authorization');
  });
});

describe('a medicine the person reported themself (fixture)', () => {
  it('does not name the person as its prescriber', () => {
    const self = fixture('field-check-bundle.json').records.find((r) => r.sourceLocation === 'MedicationRequest/self')!;
    expect(self.details.prescriber).toBeUndefined();
    expect(self.details.comment).toBe('Reported by the patient');
  });
});

describe.skipIf(!haveCorpus)('Medicare institutional claims and reimbursements', () => {
  it('an amount Medicare paid to the beneficiary is not what the beneficiary paid (v2 DME)', () => {
    const dme = corpusDoc('cms-fhir/cmsgov-bfd/v2/eobReadDme.json').records[0]!;
    expect(dme.details.comment ?? '').not.toMatch(/You paid/);
    expect(dme.details.performers).toEqual(['DR. HAROLD LEROY SMITSON II M.D. (Referring)', 'DR. DAVID SMITH MD (Performing provider)']);
  });
});

describe('CARIN coverage and claims (fixture)', () => {
  const doc = fixture('field-check-bundle.json');
  const at = (where: string) => doc.records.find((r) => r.sourceLocation === where)!;

  it('titles a plan by its name, a claim by its subtype, and takes no "not applicable" for a service', () => {
    expect(at('Coverage/hmo').title).toBe('GR5-HMO DEDUCTIBLE');
    expect(at('ExplanationOfBenefit/out')).toMatchObject({ title: 'Outpatient claim', codes: [] });
  });
});
