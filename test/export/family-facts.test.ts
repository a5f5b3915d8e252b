// A relative's cause of death and age at onset (C-CDA 4.47 and 4.31, FHIR contributedToDeath and
// onset[x]) and a condition's severity (FHIR Condition.severity): written by the FHIR export
// where R4 has them, valid, and read back the same.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_KINDS, type StoredEntry } from '../../main/records/model.ts';
import { causeOfDeathWords, onsetAgeWords, severityOf } from '../../main/records/readable/index.ts';
import { familyOnsetOf } from '../../main/export/fhir-details.ts';
import { parseFhir } from '../../main/importers/fhir/index.ts';
import { roundTrip } from './compare.ts';
import { fhirErrors } from './fhir-validator.ts';
import { testApi, type TestApi } from './helpers.ts';

type Json = Record<string, any>;
const read = (rel: string) => new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '../fixtures', rel)));

describe('family facts and condition severity through FHIR', () => {
  let t: TestApi;
  let original: StoredEntry[];
  let bundle: Json;
  let copy: StoredEntry[];
  let profileA: string;

  beforeAll(async () => {
    t = testApi();
    await t.call('vault.create', { passphrase: 'family facts passphrase' });
    const a = (await t.call('profiles.add', { name: 'Lena Ortiz', birthDate: '1970-01-01' })).id;
    await t.call('import.files', {
      profileId: a,
      files: [
        { name: 'family-onset.xml', bytes: read('ccda/family-onset.xml') },
        { name: 'family-severity-bundle.json', bytes: read('fhir/family-severity-bundle.json') },
      ],
    });
    profileA = a;
    original = await t.call('records.list', { profileId: a, kinds: [...ENTRY_KINDS] });
    const saved = await t.call('export.fhir', { profileId: a });
    const text = fs.readFileSync(saved!.savedTo, 'utf8');
    bundle = JSON.parse(text) as Json;
    const b = (await t.call('profiles.add', { name: 'Lena Ortiz (FHIR)', birthDate: '1970-01-01' })).id;
    await t.call('import.files', { profileId: b, files: [{ name: 'export.json', bytes: new TextEncoder().encode(text) }] });
    copy = await t.call('records.list', { profileId: b, kinds: [...ENTRY_KINDS] });
  }, 120_000);

  afterAll(() => t?.cleanup());

  const resources = (type: string): Json[] => (bundle['entry'] as Json[]).map((e) => e['resource'] as Json).filter((r) => r['resourceType'] === type);
  const condition = (type: string, name: string): Json =>
    resources(type)
      .flatMap((r) => (type === 'FamilyMemberHistory' ? (r['condition'] as Json[]) : [r]))
      .find((c) => c['code'].text === name)!;

  it('reads the FHIR facts into details, not into words of the comment', () => {
    const entry = (title: string) => original.find((e) => e.title === title)!;
    expect(entry('Heart attack').details).toMatchObject({ relation: 'Father', causeOfDeath: true, onsetAge: { value: 61, unit: 'a' } });
    expect(entry('Heart attack').details.comment).toBeUndefined();
    // contributedToDeath false says only that: no flag.
    expect(entry('Type 2 diabetes').details).toMatchObject({ onsetAge: { value: 50, high: 55, unit: 'a' } });
    expect(entry('Type 2 diabetes').details.causeOfDeath).toBeUndefined();
    expect(entry('Gout').details.onsetAge).toEqual({ text: 'in his thirties' });
    expect(entry('Chronic obstructive lung disease').details).toMatchObject({ severityCodes: [{ system: 'SNOMED', code: '24484000', display: 'Severe' }], severity: 'Severe' });
    expect(entry('Eczema').details.severity).toBe('Mild to moderate');
  });

  it('finds a relative’s cause of death by its words in either language', async () => {
    for (const text of ['cause of death', 'causa de la muerte']) {
      const found = await t.call('search.entries', { profileId: profileA, text });
      expect(found.items.map((i) => i.title).sort(), text).toEqual(['Breast cancer', 'Heart attack']);
    }
  });

  it('writes them where FHIR R4 has them, valid', () => {
    expect(condition('FamilyMemberHistory', 'Heart attack')).toMatchObject({ contributedToDeath: true, onsetAge: { value: 61, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' } });
    expect(condition('FamilyMemberHistory', 'Type 2 diabetes')).toMatchObject({ onsetRange: { low: { value: 50, unit: 'a' }, high: { value: 55, unit: 'a' } } });
    expect(condition('FamilyMemberHistory', 'Type 2 diabetes')['contributedToDeath']).toBeUndefined();
    expect(condition('FamilyMemberHistory', 'Gout')).toMatchObject({ onsetString: 'in his thirties' });
    expect(condition('FamilyMemberHistory', 'Breast cancer')).toMatchObject({ contributedToDeath: true, onsetAge: { value: 57, unit: 'a' } });
    expect(condition('Condition', 'Chronic obstructive lung disease')['severity']).toEqual({ coding: [{ system: 'http://snomed.info/sct', code: '24484000', display: 'Severe' }], text: 'Severe' });
    expect(condition('Condition', 'Eczema')['severity']).toEqual({ text: 'Mild to moderate' });
    // No note repeats what the flag says.
    for (const r of resources('FamilyMemberHistory')) expect(JSON.stringify(r['note'] ?? [])).not.toMatch(/cause of death/i);
    for (const r of [...resources('FamilyMemberHistory'), ...resources('Condition')]) expect(fhirErrors(r), r['id']).toEqual([]);
  });

  it('reads them back the same from the export', () => {
    const { expected, actual } = roundTrip(original, copy);
    expect(actual).toEqual(expected);
    const back = (title: string) => copy.find((e) => e.title === title)!;
    expect(back('Breast cancer').details).toMatchObject({ relation: 'Mother', causeOfDeath: true, onsetAge: { value: 57, unit: 'a' } });
    expect(back('Hypertension').details.onsetAge).toEqual({ value: 40, high: 49, unit: 'a' });
    expect(onsetAgeWords(back('Breast cancer').details.onsetAge, 'es')).toBe('Comenzó a los 57 años');
    expect(causeOfDeathWords(back('Heart attack').details, 'en')).toBe('Yes: the relative died of this');
    expect(severityOf(back('Chronic obstructive lung disease').details, 'es')).toBe('grave');
  });
});

describe('an age at onset R4’s Age cannot hold', () => {
  const fmh = (onset: Json): Json => ({
    resourceType: 'FamilyMemberHistory',
    id: 'x',
    status: 'completed',
    patient: { reference: 'Patient/p' },
    relationship: { text: 'Father' },
    condition: [{ code: { text: 'Gout' }, ...onset }],
  });
  const readBack = (onset: Json) => parseFhir(fmh(onset)).documents[0]!.records[0]!.details.onsetAge;

  it('writes an age with no unit, or of 0, as words ("age 57"), valid, and reads the number back', () => {
    // CCD 1.0's bare number: Age needs a unit code (age-1), so it goes as onsetString.
    expect(familyOnsetOf({ value: 57 })).toEqual({ onsetString: 'age 57' });
    expect(familyOnsetOf({ value: 0, unit: 'a' })).toEqual({ onsetString: 'age 0 a' });
    // A source's own unit is the Age's code, with no system (it is not UCUM).
    expect(familyOnsetOf({ value: 61, unit: 'yr' })).toEqual({ onsetAge: { value: 61, unit: 'yr', code: 'yr' } });
    for (const age of [{ value: 57 }, { value: 0, unit: 'a' }, { value: 61, unit: 'yr' }, { value: 57, unit: 'a' }, { value: 40, high: 49, unit: 'a' }]) {
      const onset = familyOnsetOf(age);
      expect(fhirErrors(fmh(onset)), JSON.stringify(age)).toEqual([]);
      expect(readBack(onset), JSON.stringify(age)).toEqual(age);
    }
    expect(readBack({ onsetString: 'in his thirties' })).toEqual({ text: 'in his thirties' });
    // Another writer's bare number may be a year, not an age: kept as words.
    expect(readBack({ onsetString: '1990' })).toEqual({ text: '1990' });
  });
});
