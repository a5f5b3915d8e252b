// Export → re-import: a profile exported as FHIR and imported into a new profile gives the same
// entries (kind, title, codes, dates, values, units, ranges and the details both sides carry).
// Runs through createApi, as the app does.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_KINDS, type StoredEntry } from '../../main/records/model.ts';
import { roundTrip } from './compare.ts';
import { FIXED_NOW, testApi, type TestApi } from './helpers.ts';

const fixturePath = path.join(import.meta.dirname, 'fixtures/clinic-bundle.json');
const fixtureBytes = fs.readFileSync(fixturePath);

type Bundle = { resourceType: string; type: string; entry: { fullUrl: string; resource: Record<string, unknown> }[] };

describe('FHIR export round trip through the API', () => {
  let t: TestApi;
  let originalId: string;
  let copyId: string;
  let original: StoredEntry[];
  let copy: StoredEntry[];
  let bundle: Bundle;
  let exportedText: string;
  let secondReport: { skipped?: { kind: string; reason: string }[] } | undefined;

  beforeAll(async () => {
    t = testApi();
    await t.call('vault.create', { passphrase: 'round trip passphrase' });
    originalId = (await t.call('profiles.add', { name: 'Rosa Delgado', birthDate: '1968-07-21', sex: 'female' })).id;
    const report = await t.call('import.files', { profileId: originalId, files: [{ name: 'clinic-bundle.json', bytes: new Uint8Array(fixtureBytes) }] });
    expect(report.files[0]?.error).toBeUndefined();
    // Entries typed by hand: the kinds a person writes, some at a local time without a zone.
    const manual = [
      { kind: 'medication', title: 'Vitamin D3 2000 IU capsule', start: '2024-01', codes: [{ system: 'RXNORM', code: '392263' }], details: { dose: '2000 [iU]', frequency: 'once daily' } },
      { kind: 'note', title: 'Feet tingle in the evening', start: '2024-05-30', codes: [], details: { comment: 'Mostly after long walks.' } },
      { kind: 'question', title: 'Should I change the metformin dose?', start: '2024-06-01', codes: [], details: { plannedFor: '2024-06-12' } },
      { kind: 'appointment', title: 'Eye exam', start: '2024-09-03T14:30:00-04:00', codes: [], details: { location: 'Lakeside Eye Care' } },
      { kind: 'appointment', title: 'Dentist', codes: [], details: { plannedFor: '2024-10-01T09:00', location: 'Smile Dental', comment: 'Bring the insurance card.' } },
      { kind: 'note', title: 'Dizzy after the new dose', start: '2024-06-20T21:15', codes: [], details: {} },
    ] as const;
    for (const entry of manual) await t.call('records.save', { profileId: originalId, entry: structuredClone(entry) as never });
    original = await t.call('records.list', { profileId: originalId, kinds: [...ENTRY_KINDS] });

    const saved = await t.call('export.fhir', { profileId: originalId });
    exportedText = fs.readFileSync(saved!.savedTo, 'utf8');
    bundle = JSON.parse(exportedText) as Bundle;

    copyId = (await t.call('profiles.add', { name: 'Rosa Delgado (FHIR copy)', birthDate: '1968-07-21' })).id;
    const second = await t.call('import.files', { profileId: copyId, files: [{ name: 'export.json', bytes: new TextEncoder().encode(exportedText) }] });
    expect(second.files[0]?.error).toBeUndefined();
    expect(second.files[0]?.format).toBe('fhir-r4');
    secondReport = second.files[0];
    copy = await t.call('records.list', { profileId: copyId, kinds: [...ENTRY_KINDS] });
  }, 120_000);

  afterAll(() => t?.cleanup());

  it('imported the fixture with every kind the test relies on', () => {
    const kinds = new Set(original.map((e) => e.kind));
    for (const kind of ['problem', 'medication', 'allergy', 'immunization', 'result', 'vital', 'social', 'functional', 'encounter', 'procedure', 'plan', 'family', 'coverage', 'claim', 'note', 'question', 'appointment'] as const) {
      expect(kinds, kind).toContain(kind);
    }
  });

  it('re-imports as the same entries: kind, title, codes, dates, values, units, ranges and details', () => {
    const { expected, actual } = roundTrip(original, copy);
    expect(actual).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(27);
  });

  it('reads back family history, appointments, notes and questions', () => {
    const kept = (kind: string) =>
      copy
        .filter((e) => e.kind === kind)
        .map((e) => ({ title: e.title, start: e.start, codes: e.codes.map((c) => `${c.system}|${c.code}`), details: e.details }))
        .sort((a, b) => a.title.localeCompare(b.title));
    expect(kept('family')).toEqual([
      { title: 'Colon cancer', start: undefined, codes: ['SNOMED|363406005'], details: {} },
      { title: 'Type 2 diabetes', start: '2024-06-12', codes: ['SNOMED|44054006'], details: { relation: 'Mother', comment: 'Diagnosed in her fifties.' } },
    ]);
    // An appointment's one time comes back as when it is planned for, a local time as local.
    expect(kept('appointment')).toEqual([
      { title: 'Dentist', start: undefined, codes: [], details: { plannedFor: '2024-10-01T09:00:00', location: 'Smile Dental', comment: 'Bring the insurance card.' } },
      { title: 'Eye exam', start: undefined, codes: [], details: { plannedFor: '2024-09-03T14:30:00-04:00', location: 'Lakeside Eye Care' } },
    ]);
    expect(kept('note')).toEqual([
      { title: 'Dizzy after the new dose', start: '2024-06-20T21:15:00', codes: [], details: {} },
      { title: 'Feet tingle in the evening', start: '2024-05-30', codes: [], details: { comment: 'Mostly after long walks.' } },
    ]);
    expect(kept('question')).toEqual([{ title: 'Should I change the metformin dose?', start: '2024-06-01', codes: [], details: { plannedFor: '2024-06-12' } }]);
  });

  it('reads back the facts FHIR keeps outside the main elements', () => {
    const one = (title: string) => copy.find((e) => e.title === title);
    expect(one('Sulfonamide antibiotics')).toMatchObject({ kind: 'allergy', start: '2010', end: '2019-04' });
    expect(one('Influenza vaccine, quadrivalent')?.details.dose).toBe('0.5 mL');
    expect(one('Office visit')?.details.diagnoses?.map((c) => `${c.system}|${c.code}`)).toEqual(['SNOMED|44054006']);
    expect(one('Telephone follow-up')?.details.encounterType).toBeUndefined();
    expect(one('Sprained left ankle')?.details.performers).toEqual(['Dr. Samuel Okafor']);
    expect(one('Diabetes self-management plan')?.details.plannedFor).toBe('2024-09-12');
    expect(one('Walks without assistance')).toMatchObject({ kind: 'functional', value: { text: 'Yes' } });
    expect(one('Screening colonoscopy')?.codes.map((c) => `${c.system}|${c.code}`)).toEqual([
      'SNOMED|73761001',
      'CPT|45378',
      'ICD10PCS|0DJD8ZZ',
      '2.16.840.1.113883.19.5.99.1|COL-01',
    ]);
  });

  it('re-imports without skipping anything: panel groupings are structure, not entries', () => {
    expect(bundle.entry.some((e) => e.resource['resourceType'] === 'Observation' && Array.isArray(e.resource['hasMember']))).toBe(true);
    expect(secondReport?.skipped ?? []).toEqual([]);
  });

  it('keeps lab panels, comparators and UCUM units', () => {
    const albumin = copy.find((e) => e.title === 'Urine albumin/creatinine ratio');
    expect(albumin?.value).toEqual({ number: 30, text: '<30', unit: 'mg/g' });
    expect(albumin?.details.panel).toBe('Diabetes follow-up labs');
    const a1c = copy.find((e) => e.codes.some((c) => c.system === 'LOINC' && c.code === '4548-4'));
    expect(a1c).toMatchObject({ value: { number: 7.4, unit: '%' }, referenceRange: { low: 4, high: 5.6 }, interpretation: 'H' });
  });

  it('writes a FHIR R4 collection bundle with one uniquely identified resource per entry', () => {
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('collection');
    const urls = bundle.entry.map((e) => e.fullUrl);
    expect(new Set(urls).size).toBe(urls.length);
    for (const e of bundle.entry) {
      expect(e.fullUrl).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(e.fullUrl).toBe(`urn:uuid:${String(e.resource['id'])}`);
    }
    // Every reference the export makes to another resource points inside the bundle, or to a
    // resource contained in the one that makes it (an encounter's diagnoses).
    const references = [...exportedText.matchAll(/"reference":\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(references.length).toBeGreaterThan(original.length);
    for (const ref of references.filter((r) => !r?.startsWith('#'))) expect(urls).toContain(ref);
    for (const { resource } of bundle.entry) {
      const contained = ((resource['contained'] as { id: string }[] | undefined) ?? []).map((c) => `#${c.id}`);
      for (const m of JSON.stringify(resource).matchAll(/"reference":"(#[^"]+)"/g)) expect(contained).toContain(m[1]);
    }
    const patient = bundle.entry.find((e) => e.resource['resourceType'] === 'Patient')?.resource;
    expect(patient).toMatchObject({ birthDate: '1968-07-21', gender: 'female', name: [{ text: 'Rosa Delgado', family: 'Delgado', given: ['Rosa'] }] });
  });

  it('maps each kind to its US Core resource, with FHIR system URIs for the codes', () => {
    const types = bundle.entry.map((e) => e.resource['resourceType']);
    for (const type of [
      'Condition',
      'MedicationStatement',
      'AllergyIntolerance',
      'Immunization',
      'Observation',
      'DiagnosticReport',
      'Encounter',
      'Procedure',
      'CarePlan',
      'Coverage',
      'ExplanationOfBenefit',
      'Appointment',
      'Communication',
      'CommunicationRequest',
      'Provenance',
    ]) {
      expect(types, type).toContain(type);
    }
    const systems = new Set([...exportedText.matchAll(/"system":\s*"([^"]+)"/g)].map((m) => m[1]));
    for (const uri of ['http://snomed.info/sct', 'http://hl7.org/fhir/sid/icd-10-cm', 'http://loinc.org', 'http://www.nlm.nih.gov/research/umls/rxnorm', 'http://hl7.org/fhir/sid/cvx', 'http://www.ama-assn.org/go/cpt', 'http://unitsofmeasure.org']) {
      expect(systems).toContain(uri);
    }
    for (const short of ['SNOMED', 'LOINC', 'RXNORM', 'ICD10CM', 'CVX', 'CPT']) expect(systems).not.toContain(short);
  });

  it('exports notes, questions and appointments with their text and dates', () => {
    const byType = (type: string) => bundle.entry.filter((e) => e.resource['resourceType'] === type).map((e) => e.resource);
    expect(byType('Communication')[0]).toMatchObject({
      status: 'completed',
      sent: '2024-05-30',
      payload: [{ contentString: 'Feet tingle in the evening\n\nMostly after long walks.' }],
    });
    expect(byType('CommunicationRequest')[0]).toMatchObject({
      status: 'active',
      authoredOn: '2024-06-01',
      occurrenceDateTime: '2024-06-12',
      payload: [{ contentString: 'Should I change the metformin dose?' }],
    });
    expect(byType('Appointment')[0]).toMatchObject({
      status: 'booked',
      description: 'Eye exam',
      start: '2024-09-03T14:30:00-04:00',
      end: '2024-09-03T14:30:00-04:00',
      participant: [{ status: 'accepted' }, { actor: { display: 'Lakeside Eye Care' }, status: 'accepted' }],
    });
  });

  it('names every source of every entry in a Provenance', () => {
    const provenances = bundle.entry.filter((e) => e.resource['resourceType'] === 'Provenance').map((e) => e.resource);
    expect(provenances).toHaveLength(original.length);
    const text = JSON.stringify(provenances);
    expect(text).toContain('Riverside Family Medicine');
    expect(text).toContain('clinic-bundle.json');
    expect(text).toContain('Entered by hand');
    for (const p of provenances) {
      const target = (p['target'] as { reference: string }[])[0]!.reference;
      expect(bundle.entry.some((e) => e.fullUrl === target && e.resource['resourceType'] !== 'Provenance')).toBe(true);
    }
  });

  it('is deterministic: the same profile exported again is the same bundle', async () => {
    const again = await t.call('export.fhir', { profileId: originalId });
    expect(crypto.createHash('sha256').update(fs.readFileSync(again!.savedTo)).digest('hex')).toBe(
      crypto.createHash('sha256').update(exportedText).digest('hex'),
    );
    expect(FIXED_NOW.toISOString()).toBe((bundle as unknown as { timestamp: string }).timestamp);
  });
});
