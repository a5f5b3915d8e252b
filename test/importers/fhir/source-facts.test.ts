// FHIR facts kept as their sources said them (tenth session): a DiagnosticReport's performer and
// interpreter on results that name no one of their own; a Medication's batch (lot and expiry) on
// the medicine; Epic's next-due-date on a vaccination, as the source's forecast; a medicine's
// reason codes beside the reason's words. Each is written back by the export, valid R4, and read
// again the same.
import { describe, expect, it } from 'vitest';
import { RESOURCE_OF_KIND } from '../../../main/export/fhir-resources.ts';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import { fhirErrors } from '../../export/fhir-validator.ts';
import type { RecordDraft, StoredEntry } from '../../../main/records/model.ts';

const bundle = (resources: object[]) => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: [{ resource: { resourceType: 'Patient', id: 'p', birthDate: '1960-03-04' } }, ...resources.map((resource) => ({ resource }))],
});
const records = (value: object): RecordDraft[] => parseFhir(value).documents[0]!.records;
const at = (list: RecordDraft[], where: string) => list.find((r) => r.sourceLocation === where)!;
const stored = (r: RecordDraft): StoredEntry => ({ ...r, id: 1, manual: false, sources: [], possibleDuplicates: [] });
const exported = (r: RecordDraft) => RESOURCE_OF_KIND[r.kind](stored(r), 'x', { patient: { reference: 'Patient/p' }, now: '2026-01-01T00:00:00Z' }) as Record<string, unknown>;
/** Each record's export, read back by the importer (ids made unique, the subject the bundle's Patient). */
const readBack = (list: RecordDraft[]) => records(bundle(list.map((r, i) => ({ ...exported(r), id: `x${i}` }))));

const observation = (id: string, extra: object = {}) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '718-7', display: 'Hemoglobin' }] },
  subject: { reference: 'Patient/p' },
  effectiveDateTime: '2024-05-02',
  valueQuantity: { value: 13.1, unit: 'g/dL' },
  ...extra,
});

describe('a DiagnosticReport’s performer on its results', () => {
  const list = records(
    bundle([
      { resourceType: 'Organization', id: 'lab', name: 'Acme Laboratory' },
      {
        resourceType: 'DiagnosticReport',
        id: 'cbc',
        status: 'final',
        code: { text: 'CBC panel' },
        subject: { reference: 'Patient/p' },
        effectiveDateTime: '2024-05-02',
        performer: [{ reference: 'Organization/lab' }],
        resultsInterpreter: [{ display: 'Dr Ann Reyes' }],
        result: [{ reference: 'Observation/plain' }, { reference: 'Observation/own' }, { reference: 'Observation/panel' }],
      },
      observation('plain'),
      observation('own', { performer: [{ display: 'Dr Omar Field' }] }),
      // A panel Observation in the report, naming no one: its member is of the report's people.
      { resourceType: 'Observation', id: 'panel', status: 'final', code: { text: 'Differential' }, subject: { reference: 'Patient/p' }, hasMember: [{ reference: 'Observation/member' }] },
      observation('member', { code: { text: 'Neutrophils' }, valueQuantity: { value: 55, unit: '%' } }),
      observation('alone', { code: { text: 'Glucose' } }),
      // A panel Observation that names its own performer: that is who did its members.
      {
        resourceType: 'DiagnosticReport',
        id: 'lipids',
        status: 'final',
        code: { text: 'Lipid panel' },
        subject: { reference: 'Patient/p' },
        performer: [{ reference: 'Organization/lab' }],
        result: [{ reference: 'Observation/lipid-panel' }],
      },
      { resourceType: 'Observation', id: 'lipid-panel', status: 'final', code: { text: 'Lipids' }, subject: { reference: 'Patient/p' }, performer: [{ display: 'Dr Lee Park' }], hasMember: [{ reference: 'Observation/ldl' }] },
      observation('ldl', { code: { text: 'LDL cholesterol' } }),
    ]),
  );

  it('keeps the report’s performer and interpreter on a result that names no one', () => {
    expect(at(list, 'Observation/plain').details.performers).toEqual(['Acme Laboratory', 'Dr Ann Reyes']);
    expect(at(list, 'Observation/member').details.performers).toEqual(['Acme Laboratory', 'Dr Ann Reyes']);
    expect(at(list, 'Observation/ldl').details.performers).toEqual(['Dr Lee Park']);
  });

  it('never puts them over a result’s own performer, nor on a result no report lists', () => {
    expect(at(list, 'Observation/own').details.performers).toEqual(['Dr Omar Field']);
    expect(at(list, 'Observation/alone').details).not.toHaveProperty('performers');
  });

  it('writes them back as the result’s performer, read again the same', () => {
    const plain = exported(at(list, 'Observation/plain'));
    expect(plain['performer']).toEqual([{ display: 'Acme Laboratory' }, { display: 'Dr Ann Reyes' }]);
    expect(fhirErrors(plain)).toEqual([]);
    const again = readBack(list);
    expect(again.map((r) => r.details.performers)).toEqual(list.map((r) => r.details.performers));
  });
});

const medicationStatement = (id: string, extra: object) => ({
  resourceType: 'MedicationStatement',
  id,
  status: 'active',
  subject: { reference: 'Patient/p' },
  effectiveDateTime: '2024-02-01',
  ...extra,
});
const ALEMTUZUMAB = { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1594660', display: 'alemtuzumab 10 MG/ML [Lemtrada]' }] };

describe('a Medication’s batch on the medicine', () => {
  const list = records(
    bundle([
      // As US Quality Core's Medication gives it.
      { resourceType: 'Medication', id: 'lemtrada', code: ALEMTUZUMAB, batch: { lotNumber: '9494788', expirationDate: '2017-05-22' } },
      medicationStatement('referenced', { medicationReference: { reference: 'Medication/lemtrada' } }),
      medicationStatement('contained', {
        contained: [{ resourceType: 'Medication', id: 'm', code: { text: 'Insulin glargine' }, batch: { expirationDate: '2025-01-31' } }],
        medicationReference: { reference: '#m' },
      }),
      medicationStatement('coded', { medicationCodeableConcept: { text: 'Metformin 500 mg tablet' } }),
    ]),
  );

  it('keeps batch.lotNumber and batch.expirationDate as the medicine’s lot, either alone', () => {
    expect(at(list, 'MedicationStatement/referenced').details).toMatchObject({ lotNumber: '9494788', lotExpires: '2017-05-22' });
    expect(at(list, 'MedicationStatement/contained').details).toMatchObject({ lotExpires: '2025-01-31' });
    expect(at(list, 'MedicationStatement/contained').details).not.toHaveProperty('lotNumber');
    expect(at(list, 'MedicationStatement/coded').details).not.toHaveProperty('lotNumber');
    expect(at(list, 'MedicationStatement/coded').details).not.toHaveProperty('lotExpires');
  });

  it('writes the lot back in a contained Medication’s batch, valid R4, and reads it again', () => {
    const out = exported(at(list, 'MedicationStatement/referenced'));
    expect(out['medicationReference']).toEqual({ reference: '#medication' });
    expect(out['contained']).toEqual([{ resourceType: 'Medication', id: 'medication', code: expect.objectContaining({ coding: [expect.objectContaining({ code: '1594660' })] }), batch: { lotNumber: '9494788', expirationDate: '2017-05-22' } }]);
    // A medicine without a lot keeps its plain code.
    expect(exported(at(list, 'MedicationStatement/coded'))).toHaveProperty('medicationCodeableConcept', { text: 'Metformin 500 mg tablet' });
    for (const r of list) expect(fhirErrors(exported(r))).toEqual([]);
    const again = readBack(list);
    const pick = (r: RecordDraft) => ({ title: r.title, codes: r.codes, lotNumber: r.details.lotNumber, lotExpires: r.details.lotExpires });
    expect(again.map(pick)).toEqual(list.map(pick));
  });

  it('keeps the lot beside a prescription’s supply in the same export', () => {
    const [withSupply] = records(
      bundle([
        { resourceType: 'Medication', id: 'med', code: { text: 'Amoxicillin 500 mg capsule' }, batch: { lotNumber: 'L-22' } },
        {
          resourceType: 'MedicationRequest',
          id: 'rx',
          status: 'active',
          intent: 'order',
          subject: { reference: 'Patient/p' },
          authoredOn: '2024-03-01',
          medicationReference: { reference: 'Medication/med' },
          dispenseRequest: { numberOfRepeatsAllowed: 2 },
        },
      ]),
    );
    const out = exported(withSupply!);
    expect((out['contained'] as { resourceType: string }[]).map((c) => c.resourceType)).toEqual(['Medication', 'MedicationRequest']);
    expect(fhirErrors(out)).toEqual([]);
    const [again] = readBack([withSupply!]);
    expect(again!.details).toMatchObject({ lotNumber: 'L-22', refills: 2 });
  });
});

const EPIC_NEXT_DUE = 'http://open.epic.com/FHIR/StructureDefinition/extension/next-due-date';

describe('Epic’s next-due-date on a vaccination', () => {
  const list = records(
    bundle([
      {
        resourceType: 'Immunization',
        id: 'flu',
        // As Epic's IPS writes it (US_Epic_Jan_emptyReason.json).
        extension: [{ valueDate: '2025-11-08', url: EPIC_NEXT_DUE }],
        status: 'completed',
        vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '140', display: 'Influenza, seasonal, injectable, preservative free' }] },
        patient: { reference: 'Patient/p' },
        occurrenceDateTime: '2024-11-08',
      },
      { resourceType: 'Immunization', id: 'plain', status: 'completed', vaccineCode: { text: 'Tdap' }, patient: { reference: 'Patient/p' }, occurrenceDateTime: '2020-01-10' },
    ]),
  );

  it('keeps the date as the source’s forecast, and nothing where the source gave none', () => {
    expect(at(list, 'Immunization/flu').details.nextDoseDue).toBe('2025-11-08');
    expect(at(list, 'Immunization/plain').details).not.toHaveProperty('nextDoseDue');
  });

  it('writes it back in the same extension, valid R4, and reads it again', () => {
    expect(exported(at(list, 'Immunization/flu'))['extension']).toEqual([{ url: EPIC_NEXT_DUE, valueDate: '2025-11-08' }]);
    expect(exported(at(list, 'Immunization/plain'))).not.toHaveProperty('extension');
    for (const r of list) expect(fhirErrors(exported(r))).toEqual([]);
    expect(readBack(list).map((r) => r.details.nextDoseDue)).toEqual(['2025-11-08', undefined]);
  });
});

const SNOMED = 'http://snomed.info/sct';

describe('a medicine’s reason codes', () => {
  const list = records(
    bundle([
      // As US Quality Core's order gives it: a code and its display, no text.
      {
        resourceType: 'MedicationRequest',
        id: 'order',
        status: 'active',
        intent: 'order',
        subject: { reference: 'Patient/p' },
        authoredOn: '2024-03-10',
        medicationCodeableConcept: ALEMTUZUMAB,
        reasonCode: [{ coding: [{ system: SNOMED, code: '151811000119109', display: 'Health condition feared but not present' }] }],
      },
      // Text that differs from the code's display, two reasons, a note and the patient as source.
      medicationStatement('told', {
        medicationCodeableConcept: { text: 'Aspirin 81 mg' },
        informationSource: { reference: 'Patient/p' },
        reasonCode: [{ coding: [{ system: SNOMED, code: '22298006', display: 'Myocardial infarction' }], text: 'Heart attack in 2019' }, { text: 'Doctor’s advice' }],
        statusReason: [{ coding: [{ system: SNOMED, code: '266710000', display: 'Drugs not taken/completed' }] }],
        note: [{ text: 'Takes it with breakfast.' }],
      }),
      medicationStatement('words', { medicationCodeableConcept: { text: 'Vitamin D' }, reasonCode: [{ text: 'Low vitamin D' }] }),
      medicationStatement('none', { medicationCodeableConcept: { text: 'Ibuprofen' } }),
    ]),
  );

  it('keeps the codes beside the words, the comment as before', () => {
    expect(at(list, 'MedicationRequest/order').details).toMatchObject({
      comment: 'Reason: Health condition feared but not present',
      reason: 'Health condition feared but not present',
      reasonCodes: [{ system: 'SNOMED', code: '151811000119109', display: 'Health condition feared but not present' }],
    });
    expect(at(list, 'MedicationStatement/told').details).toMatchObject({
      comment: 'Reported by the patient. Reason: Heart attack in 2019, Doctor’s advice, Drugs not taken/completed. Takes it with breakfast.',
      reason: 'Heart attack in 2019, Doctor’s advice, Drugs not taken/completed',
    });
    expect(at(list, 'MedicationStatement/told').details.reasonCodes?.map((c) => c.code)).toEqual(['22298006', '266710000']);
    expect(at(list, 'MedicationStatement/words').details).toMatchObject({ reason: 'Low vitamin D', comment: 'Reason: Low vitamin D' });
    expect(at(list, 'MedicationStatement/words').details).not.toHaveProperty('reasonCodes');
    expect(at(list, 'MedicationStatement/none').details).not.toHaveProperty('reason');
    expect(at(list, 'MedicationStatement/none').details).not.toHaveProperty('reasonCodes');
  });

  it('writes them back as reasonCode with the codes and the words, valid R4', () => {
    expect(exported(at(list, 'MedicationRequest/order'))['reasonCode']).toEqual([
      { coding: [{ system: SNOMED, code: '151811000119109', display: 'Health condition feared but not present' }], text: 'Health condition feared but not present' },
    ]);
    expect(exported(at(list, 'MedicationStatement/words'))['reasonCode']).toEqual([{ text: 'Low vitamin D' }]);
    expect(exported(at(list, 'MedicationStatement/none'))).not.toHaveProperty('reasonCode');
    for (const r of list) expect(fhirErrors(exported(r))).toEqual([]);
  });

  it('reads its own export back with the same words once, and the same codes', () => {
    const again = readBack(list);
    const pick = (r: RecordDraft) => ({ comment: r.details.comment, reason: r.details.reason, reasonCodes: r.details.reasonCodes });
    expect(again.map(pick)).toEqual(list.map(pick));
  });
});
