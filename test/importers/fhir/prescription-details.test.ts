// A prescription's supply, a dosage's further instructions and an allergy's reaction facts as
// each FHIR version writes them (DSTU2's additionalInstructions, boundsQuantity and
// lastOccurence; STU3's dose on the dosage), as the corpus files give them, and kept through
// reconciliation when two sources say different things.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import { ENTRY_KINDS, type RecordDraft } from '../../../main/records/model.ts';
import { testApi, type TestApi } from '../../export/helpers.ts';

const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');
const records = (value: unknown, fhirVersion?: string): RecordDraft[] => parseFhir(value, fhirVersion ? { fhirVersion } : {}).documents.flatMap((d) => d.records);
const corpusRecords = (rel: string) => records(JSON.parse(readFileSync(path.join(corpus, rel), 'utf8')));
const UCUM = 'http://unitsofmeasure.org';
const LENA = { reference: 'Patient/p', display: 'Lena Ortiz' };

describe('DSTU2 and STU3 equivalents', () => {
  it('DSTU2 MedicationOrder: additionalInstructions, method, maxDosePerPeriod, boundsQuantity and dispenseRequest', () => {
    const [med] = records({
      resourceType: 'MedicationOrder',
      id: 'mo1',
      patient: LENA,
      status: 'active',
      dateWritten: '2016-02-01',
      medicationCodeableConcept: { text: 'Naproxen 500 mg tablet' },
      dosageInstruction: [
        {
          text: '1 tablet twice a day for 7 days',
          additionalInstructions: { text: 'Take with a full glass of water' },
          method: { coding: [{ system: 'http://snomed.info/sct', code: '421521009', display: 'Swallow' }] },
          timing: { repeat: { frequency: 2, period: 1, periodUnits: 'd', boundsQuantity: { value: 7, unit: 'days', system: UCUM, code: 'd' } } },
          maxDosePerPeriod: { numerator: { value: 2, unit: 'tablet' }, denominator: { value: 1, unit: 'day', system: UCUM, code: 'd' } },
          doseQuantity: { value: 1, unit: 'tablet' },
        },
      ],
      dispenseRequest: { quantity: { value: 14, unit: 'tablet' }, numberOfRepeatsAllowed: 1, expectedSupplyDuration: { value: 7, unit: 'days', system: UCUM, code: 'd' } },
    });
    expect(med!.details).toMatchObject({
      dose: '1 tablet',
      additionalInstruction: 'Take with a full glass of water',
      method: 'Swallow',
      maxDosePerPeriod: '2 tablet / 1 d',
      takeFor: '7 d',
      dispenseQuantity: '14 tablet',
      refills: 1,
      supplyDuration: '7 d',
    });
  });

  it('DSTU2 AllergyIntolerance: lastOccurence (one "r") and a reaction’s onset and exposure route', () => {
    const [allergy] = records({
      resourceType: 'AllergyIntolerance',
      id: 'a1',
      patient: LENA,
      status: 'confirmed',
      substance: { text: 'Latex' },
      lastOccurence: '2018-05-01',
      reaction: [{ manifestation: [{ text: 'Rash' }], onset: '2018-05-01T10:00:00Z', exposureRoute: { text: 'Skin contact' } }],
    });
    expect(allergy!.details).toMatchObject({
      lastOccurrence: '2018-05-01',
      reactionFacts: [{ manifestations: ['Rash'], onset: '2018-05-01T10:00:00Z', exposureRoute: 'Skin contact' }],
    });
  });

  it('STU3 MedicationRequest and AllergyIntolerance (dose on the dosage, additionalInstruction a list)', () => {
    const list = records(
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          {
            resource: {
              resourceType: 'MedicationRequest',
              id: 'm3',
              subject: LENA,
              status: 'active',
              intent: 'order',
              authoredOn: '2017-09-01',
              medicationCodeableConcept: { text: 'Amoxicillin 500 mg capsule' },
              dosageInstruction: [
                {
                  additionalInstruction: [{ text: 'Finish the course' }, { coding: [{ system: 'http://snomed.info/sct', code: '311504000', display: 'With or after food' }] }],
                  timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd', boundsRange: { low: { value: 5, unit: 'd' }, high: { value: 10, unit: 'd' } } } },
                  doseQuantity: { value: 1, unit: 'capsule' },
                },
              ],
              dispenseRequest: { numberOfRepeatsAllowed: 0, quantity: { value: 21, unit: 'capsule' } },
            },
          },
          {
            resource: {
              resourceType: 'AllergyIntolerance',
              id: 'a3',
              patient: LENA,
              clinicalStatus: 'active',
              verificationStatus: 'confirmed',
              code: { text: 'Bee venom' },
              lastOccurrence: '2016-07-14',
              reaction: [{ manifestation: [{ text: 'Swelling' }], onset: '2016-07-14', exposureRoute: { coding: [{ system: 'http://snomed.info/sct', code: '372473007', display: 'Oromucosal route' }] } }],
            },
          },
        ],
      },
      '3.0.1',
    );
    expect(list.find((r) => r.kind === 'medication')!.details).toMatchObject({
      dose: '1 capsule',
      additionalInstruction: 'Finish the course; With or after food',
      additionalInstructionCodes: [{ system: 'SNOMED', code: '311504000', display: 'With or after food' }],
      takeFor: '5-10 d',
      dispenseQuantity: '21 capsule',
      refills: 0,
    });
    expect(list.find((r) => r.kind === 'allergy')!.details).toMatchObject({
      lastOccurrence: '2016-07-14',
      reactionFacts: [{ manifestations: ['Swelling'], onset: '2016-07-14', exposureRoute: 'Oromucosal route', exposureRouteCodes: [{ system: 'SNOMED', code: '372473007', display: 'Oromucosal route' }] }],
    });
  });

  it('a dosage without any of them gains nothing', () => {
    const [med] = records({ resourceType: 'MedicationRequest', id: 'x', subject: LENA, status: 'active', intent: 'order', medicationCodeableConcept: { text: 'Aspirin 81 mg' }, dosageInstruction: [{ text: 'daily' }] });
    expect(med!.details).toEqual({ instructions: 'daily' });
  });
});

describe.skipIf(!existsSync(corpus))('the corpus files, field by field against the source', () => {
  it('Inferno DTR pat015: azithromycin’s food instruction, method and supply', () => {
    const med = corpusRecords('fhir-r4/inferno-reference-server-data/dtr_bundle_patient_pat015.json').find((r) => r.title.startsWith('Azithromycin'))!;
    expect(med.details).toMatchObject({
      dose: '2 TAB',
      additionalInstruction: 'With or after food',
      method: 'Swallow - dosing instruction imperative (qualifier value)',
      dispenseQuantity: '6 TAB',
      refills: 1,
      supplyDuration: '5 d',
      moreDoses: [{ dose: '1 TAB', additionalInstruction: 'With or after food' }],
    });
  });

  it('US Core nizatidine: 480 mL, 1 refill, 30 days', () => {
    const [med] = corpusRecords('fhir-r4/hl7-us-core/medicationrequest-coded-oral-axid.json');
    expect(med!.details).toMatchObject({ dispenseQuantity: '480 mL', refills: 1, supplyDuration: '30 d' });
  });

  it('US Quality Core cashew allergy: each reaction’s onset and route, the last occurrence', () => {
    const cashew = corpusRecords('fhir-r4/inferno-reference-server-data/us_quality_core_bundle_patient.json').find((r) => r.sourceLocation === 'AllergyIntolerance/usqualitycore-allergy-intolerance')!;
    expect(cashew.details.lastOccurrence).toBe('2012-06-02T01:45:31+00:00');
    expect(cashew.details.reactionFacts).toEqual([
      { manifestations: ['Anaphylactic reaction'], onset: '2012-06-12', exposureRoute: 'Subcutaneous route', exposureRouteCodes: [{ system: 'SNOMED', code: '34206005', display: 'Subcutaneous route' }] },
      { manifestations: ['Choroidal hemorrhage'], onset: '2004' },
    ]);
  });

  it('Swiss IPS penicillin allergy: every openEHR and allergy extension of the reaction', () => {
    const penicillin = corpusRecords('ips/IPSviewer/CH_HL7CH_Examples_01.json').find((r) => r.kind === 'allergy')!;
    expect(penicillin.details).toMatchObject({
      lastOccurrence: '2019-01-05',
      reactionFacts: [
        {
          manifestations: ['Nausea, vomiting and diarrhea', 'Itching of skin (finding)'],
          onset: '2019-01-05',
          exposureDescription: 'taking 1000 mg of Amoxicillin',
          management: 'antihistamine',
          location: 'Popliteal fossa structure (body structure)',
          locationCodes: [{ system: 'SNOMED', code: '32361000', display: 'Popliteal fossa structure (body structure)' }],
          duration: '24 h',
          exposureDate: '2019-01-05T18:00:00+01:00',
          exposureDuration: '10 min',
          certainty: 'likely',
        },
      ],
    });
  });
});

describe('reconciliation', () => {
  let t: TestApi | undefined;
  afterAll(() => t?.cleanup());

  const file = (instruction: string, last: string, refills: number) =>
    new TextEncoder().encode(
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          { resource: { resourceType: 'Patient', id: 'p', name: [{ family: 'Ortiz', given: ['Lena'] }], birthDate: '1959-03-02' } },
          {
            resource: {
              resourceType: 'MedicationRequest',
              id: 'm',
              status: 'active',
              intent: 'order',
              authoredOn: '2024-03-04',
              medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '308182', display: 'Amoxicillin 250 MG Oral Capsule' }] },
              dosageInstruction: [{ additionalInstruction: [{ text: instruction }], doseAndRate: [{ doseQuantity: { value: 1, unit: 'capsule' } }] }],
              dispenseRequest: { numberOfRepeatsAllowed: refills },
            },
          },
          { resource: { resourceType: 'AllergyIntolerance', id: 'a', code: { text: 'Cashew nuts' }, onsetDateTime: '2004', lastOccurrence: last, reaction: [{ manifestation: [{ text: 'Hives' }] }] } },
        ],
      }),
    );

  it('merges the same medicine and allergy, keeping both sources’ instructions and the latest reaction', async () => {
    t = testApi();
    await t.call('vault.create', { passphrase: 'prescription reconcile passphrase' });
    const id = (await t.call('profiles.add', { name: 'Lena Ortiz', birthDate: '1959-03-02' })).id;
    await t.call('import.files', { profileId: id, files: [{ name: 'clinic-a.json', bytes: file('Take with food', '2019-04-02', 2) }] });
    await t.call('import.files', { profileId: id, files: [{ name: 'clinic-b.json', bytes: file('Avoid alcohol', '2021-08-30', 2) }] });
    const list = await t.call('records.list', { profileId: id, kinds: [...ENTRY_KINDS] });
    const meds = list.filter((e) => e.kind === 'medication');
    expect(meds).toHaveLength(1);
    expect(meds[0]!.sources).toHaveLength(2);
    expect(meds[0]!.details.additionalInstruction).toBe('Take with food; Avoid alcohol');
    const allergies = list.filter((e) => e.kind === 'allergy');
    expect(allergies).toHaveLength(1);
    expect(allergies[0]!.details.lastOccurrence).toBe('2021-08-30');
  }, 60_000);
});
