// A prescription's supply (dispenseRequest), a dosage's additional instruction, method, most per
// period and bounds, and an allergy's last occurrence and reactions' onset, exposure route and
// openEHR extensions: read from FHIR, worded at read time in English and Spanish, written back
// by the FHIR export and read back the same.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_KINDS, type StoredEntry } from '../../main/records/model.ts';
import { maxDoseWords, reactionFactWords, supplyWords, takeForWords } from '../../main/records/readable/dosage-extras.ts';
import { roundTrip } from './compare.ts';
import { fhirErrors } from './fhir-validator.ts';
import { testApi, type TestApi } from './helpers.ts';

type Json = Record<string, any>;
const fixture = new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/fhir/prescription-details-bundle.json')));

describe('prescription and reaction details through FHIR', () => {
  let t: TestApi;
  let original: StoredEntry[];
  let bundle: Json;
  let copy: StoredEntry[];
  let ipsCopy: StoredEntry[];

  beforeAll(async () => {
    t = testApi();
    await t.call('vault.create', { passphrase: 'prescription details passphrase' });
    const a = (await t.call('profiles.add', { name: 'Lena Ortiz', birthDate: '1959-03-02' })).id;
    const report = await t.call('import.files', { profileId: a, files: [{ name: 'prescription-details-bundle.json', bytes: fixture }] });
    expect(report.files[0]?.error).toBeUndefined();
    original = await t.call('records.list', { profileId: a, kinds: [...ENTRY_KINDS] });
    const saved = await t.call('export.fhir', { profileId: a });
    const text = fs.readFileSync(saved!.savedTo, 'utf8');
    bundle = JSON.parse(text) as Json;
    const b = (await t.call('profiles.add', { name: 'Lena Ortiz (FHIR)', birthDate: '1959-03-02' })).id;
    await t.call('import.files', { profileId: b, files: [{ name: 'export.json', bytes: new TextEncoder().encode(text) }] });
    copy = await t.call('records.list', { profileId: b, kinds: [...ENTRY_KINDS] });
    const ips = await t.call('export.ips', { profileId: a });
    const c = (await t.call('profiles.add', { name: 'Lena Ortiz (IPS)', birthDate: '1959-03-02' })).id;
    await t.call('import.files', { profileId: c, files: [{ name: 'ips.json', bytes: new Uint8Array(fs.readFileSync(ips!.savedTo)) }], force: true });
    ipsCopy = await t.call('records.list', { profileId: c, kinds: [...ENTRY_KINDS] });
  }, 120_000);

  afterAll(() => t?.cleanup());

  const entry = (list: StoredEntry[], start: string) => list.find((e) => e.title.startsWith(start))!;
  const resource = (type: string, test: (r: Json) => boolean): Json =>
    (bundle['entry'] as Json[]).map((e) => e['resource'] as Json).find((r) => r['resourceType'] === type && test(r))!;

  it('keeps every value the source gave', () => {
    expect(entry(original, 'Amoxicillin').details).toMatchObject({
      dose: '1 capsule',
      additionalInstruction: 'Take with food',
      additionalInstructionCodes: [{ system: 'SNOMED', code: '311504000', display: 'With or after food' }],
      method: 'Swallow',
      methodCodes: [{ system: 'SNOMED', code: '421521009', display: 'Swallow' }],
      maxDosePerPeriod: '4 capsule / 24 h',
      takeFor: '10 d',
      moreDoses: [{ dose: '1 capsule', frequency: 'HS', additionalInstruction: 'Do not crush', takeFor: '5-7 d' }],
      dispenseQuantity: '30 capsule',
      refills: 2,
      supplyDuration: '10 d',
    });
    // Zero refills is what the prescription says, not nothing.
    expect(entry(original, 'Ibuprofen').details).toMatchObject({ maxDosePerPeriod: '3 tablet / 1 d', dispenseQuantity: '20 tablet', refills: 0 });
    expect(entry(original, 'Cashew').details).toMatchObject({
      reactions: ['Anaphylactic reaction', 'Hives'],
      lastOccurrence: '2019-04-02',
      reactionFacts: [
        {
          manifestations: ['Anaphylactic reaction'],
          onset: '2019-04-02',
          exposureRoute: 'By mouth',
          exposureRouteCodes: [{ system: 'SNOMED', code: '26643006', display: 'Oral route' }],
          exposureDescription: 'Ate a cookie with cashew pieces',
          management: 'Epinephrine injection in the emergency room',
        },
        { manifestations: ['Hives'], location: 'Both forearms', duration: '2 h', exposureDate: '2018-11-20', exposureDuration: '5 min', certainty: 'likely' },
      ],
    });
  });

  it('words them for a person, in English and Spanish', () => {
    const amox = entry(original, 'Amoxicillin').details;
    expect(supplyWords(amox, 'en')).toBe("Dispense 30 capsule, 2 refills, 10 days' supply");
    expect(supplyWords(amox, 'es')).toBe('Dispensar 30 capsule, 2 resurtidos, para 10 días');
    expect(supplyWords(entry(original, 'Ibuprofen').details, 'en')).toBe('Dispense 20 tablet, no refills');
    expect(supplyWords(entry(original, 'Ibuprofen').details, 'es')).toBe('Dispensar 20 tablet, sin resurtidos');
    expect(supplyWords({ refills: 1, supplyDuration: '1 d' }, 'en')).toBe("1 refill, 1 day's supply");
    expect(maxDoseWords(amox.maxDosePerPeriod, 'en')).toBe('No more than 4 capsule in 24 hours');
    expect(maxDoseWords(amox.maxDosePerPeriod, 'es')).toBe('No más de 4 capsule en 24 horas');
    expect(maxDoseWords('3 tablet / 1 d', 'en')).toBe('No more than 3 tablet a day');
    expect(maxDoseWords('3 tablet / 1 d', 'es')).toBe('No más de 3 tablet al día');
    expect(maxDoseWords('1 puff / 1 h', 'en')).toBe('No more than 1 puff an hour');
    expect(takeForWords(amox.takeFor, 'en')).toBe('For 10 days');
    expect(takeForWords(amox.takeFor, 'es')).toBe('Durante 10 días');
    expect(takeForWords('5-7 d', 'en')).toBe('For 5 to 7 days');
    expect(takeForWords('5-7 d', 'es')).toBe('Durante 5 a 7 días');
    expect(takeForWords('1 wk', 'es')).toBe('Durante 1 semana');
    // A unit that is not one of time is shown as written.
    expect(takeForWords('3 cycles', 'en')).toBe('For 3 cycles');
    const facts = entry(original, 'Cashew').details.reactionFacts![0]!;
    expect(reactionFactWords(facts, 'en', (d) => `[${d}]`)).toBe(
      'Anaphylactic reaction: began [2019-04-02]; exposure: By mouth; how it happened: Ate a cookie with cashew pieces; managed with: Epinephrine injection in the emergency room',
    );
    expect(reactionFactWords(facts, 'es', (d) => `[${d}]`)).toBe(
      'Anaphylactic reaction: comenzó [2019-04-02]; exposición: By mouth; cómo ocurrió: Ate a cookie with cashew pieces; tratamiento: Epinephrine injection in the emergency room',
    );
    expect(reactionFactWords({ onset: '2019-04-02' }, 'en', (d) => d)).toBe('Began 2019-04-02');
    const hives = entry(original, 'Cashew').details.reactionFacts![1]!;
    expect(reactionFactWords(hives, 'en', (d) => `[${d}]`)).toBe('Hives: lasted 2 hours; where: Both forearms; exposed: [2018-11-20]; exposure lasted 5 minutes; certainty: likely');
    expect(reactionFactWords(hives, 'es', (d) => `[${d}]`)).toBe(
      'Hives: duró 2 horas; dónde: Both forearms; fecha de exposición: [2018-11-20]; la exposición duró 5 minutos; certeza: probable',
    );
  });

  it('writes them where FHIR R4 has them, valid', () => {
    const amox = resource('MedicationStatement', (r) => r['medicationCodeableConcept'].text.startsWith('Amoxicillin'));
    expect(amox['contained']).toEqual([
      expect.objectContaining({
        resourceType: 'MedicationRequest',
        intent: 'order',
        dispenseRequest: {
          quantity: { value: 30, unit: 'capsule' },
          numberOfRepeatsAllowed: 2,
          expectedSupplyDuration: { value: 10, unit: 'd', system: 'http://unitsofmeasure.org', code: 'd' },
        },
      }),
    ]);
    expect(amox['basedOn']).toEqual([{ reference: `#${amox['contained'][0].id}` }]);
    const [first, second] = amox['dosage'];
    expect(first['additionalInstruction']).toEqual([{ coding: [{ system: 'http://snomed.info/sct', code: '311504000', display: 'With or after food' }], text: 'Take with food' }]);
    expect(first['method']).toEqual({ coding: [{ system: 'http://snomed.info/sct', code: '421521009', display: 'Swallow' }], text: 'Swallow' });
    expect(first['maxDosePerPeriod']).toEqual({ numerator: { value: 4, unit: 'capsule' }, denominator: { value: 24, unit: 'h', system: 'http://unitsofmeasure.org', code: 'h' } });
    expect(first['timing']['repeat']).toEqual({ boundsDuration: { value: 10, unit: 'd', system: 'http://unitsofmeasure.org', code: 'd' } });
    expect(second['timing']['repeat']['boundsRange']).toEqual({
      low: { value: 5, unit: 'd', system: 'http://unitsofmeasure.org', code: 'd' },
      high: { value: 7, unit: 'd', system: 'http://unitsofmeasure.org', code: 'd' },
    });
    const cashew = resource('AllergyIntolerance', (r) => r['code'].text === 'Cashew nuts');
    expect(cashew['lastOccurrence']).toBe('2019-04-02');
    expect(cashew['reaction']).toHaveLength(2);
    expect(cashew['reaction'][0]).toMatchObject({
      manifestation: [{ text: 'Anaphylactic reaction' }],
      onset: '2019-04-02',
      exposureRoute: { coding: [{ system: 'http://snomed.info/sct', code: '26643006', display: 'Oral route' }], text: 'By mouth' },
      extension: [
        { url: 'http://hl7.org/fhir/StructureDefinition/openEHR-exposureDescription', valueString: 'Ate a cookie with cashew pieces' },
        { url: 'http://hl7.org/fhir/StructureDefinition/openEHR-management', valueString: 'Epinephrine injection in the emergency room' },
      ],
    });
    expect(cashew['reaction'][1]).toEqual({
      manifestation: [{ text: 'Hives' }],
      extension: [
        { url: 'http://hl7.org/fhir/StructureDefinition/openEHR-location', valueCodeableConcept: { text: 'Both forearms' } },
        { url: 'http://hl7.org/fhir/StructureDefinition/allergyintolerance-duration', valueDuration: { value: 2, unit: 'h', system: 'http://unitsofmeasure.org', code: 'h' } },
        { url: 'http://hl7.org/fhir/StructureDefinition/openEHR-exposureDate', valueDateTime: '2018-11-20' },
        { url: 'http://hl7.org/fhir/StructureDefinition/openEHR-exposureDuration', valueDuration: { value: 5, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' } },
        { url: 'http://hl7.org/fhir/StructureDefinition/allergyintolerance-certainty', valueCodeableConcept: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/reaction-event-certainty', code: 'likely' }] } },
      ],
    });
    const ibuprofen = resource('MedicationStatement', (r) => r['medicationCodeableConcept'].text.startsWith('Ibuprofen'));
    expect(ibuprofen['contained'][0].dispenseRequest).toEqual({ quantity: { value: 20, unit: 'tablet' }, numberOfRepeatsAllowed: 0 });
    for (const r of [amox, cashew, ibuprofen]) expect(fhirErrors(r), r['resourceType']).toEqual([]);
  });

  it('reads them back the same from the FHIR export, the contained order not an entry of its own', () => {
    const { expected, actual } = roundTrip(original, copy);
    expect(actual).toEqual(expected);
    expect(copy.filter((e) => e.kind === 'medication')).toHaveLength(2);
    expect(entry(copy, 'Amoxicillin').details.moreDoses).toEqual(entry(original, 'Amoxicillin').details.moreDoses);
    expect(entry(copy, 'Cashew').details.reactionFacts).toEqual(entry(original, 'Cashew').details.reactionFacts);
    expect(entry(copy, 'Ibuprofen').details.refills).toBe(0);
  });

  it('the IPS carries them too', () => {
    // The keys this change added (an allergy's joined severity goes its own known way: one FHIR severity and a note).
    const KEYS = ['additionalInstruction', 'additionalInstructionCodes', 'method', 'methodCodes', 'maxDosePerPeriod', 'takeFor', 'moreDoses', 'dispenseQuantity', 'refills', 'supplyDuration', 'lastOccurrence', 'reactionFacts'] as const;
    const pick = (e: StoredEntry) => Object.fromEntries(KEYS.filter((k) => e.details[k] !== undefined).map((k) => [k, e.details[k]]));
    for (const title of ['Amoxicillin', 'Ibuprofen', 'Cashew']) {
      expect(Object.keys(pick(entry(original, title))).length, title).toBeGreaterThan(1);
      expect(pick(entry(ipsCopy, title)), title).toEqual(pick(entry(original, title)));
    }
  });
});
