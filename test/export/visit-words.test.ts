// What a visit, a planned visit and a medicine said, read from C-CDA (test/fixtures/ccda/
// visit-words.xml and plan-referred.xml), exported as FHIR R4 and read back: a diagnosis given
// only in words (a contained Condition whose code is its text), a planned visit's place
// (CarePlan.activity.detail.location) and a medicine's site (Dosage.site).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_KINDS, type StoredEntry } from '../../main/records/model.ts';
import { fhirErrors } from './fhir-validator.ts';
import { testApi, type TestApi } from './helpers.ts';

type Json = Record<string, any>;
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/ccda', name)));

describe('a visit’s words, a planned visit’s place and a medicine’s site through FHIR', () => {
  let t: TestApi;
  let bundle: Json;
  let copy: StoredEntry[];

  beforeAll(async () => {
    t = testApi();
    await t.call('vault.create', { passphrase: 'visit words passphrase' });
    const a = (await t.call('profiles.add', { name: 'Ines Navarro', birthDate: '1947-05-01' })).id;
    await t.call('import.files', {
      profileId: a,
      files: [
        { name: 'visit-words.xml', bytes: fixture('visit-words.xml') },
        { name: 'plan-referred.xml', bytes: fixture('plan-referred.xml') },
      ],
      force: true,
    });
    const saved = await t.call('export.fhir', { profileId: a });
    const text = fs.readFileSync(saved!.savedTo, 'utf8');
    bundle = JSON.parse(text) as Json;
    const b = (await t.call('profiles.add', { name: 'Ines Navarro (FHIR)', birthDate: '1947-05-01' })).id;
    await t.call('import.files', { profileId: b, files: [{ name: 'export.json', bytes: new TextEncoder().encode(text) }] });
    copy = await t.call('records.list', { profileId: b, kinds: [...ENTRY_KINDS] });
  }, 120_000);

  afterAll(() => t?.cleanup());

  const resource = (type: string, test: (r: Json) => boolean): Json =>
    (bundle['entry'] as Json[]).map((e) => e['resource'] as Json).find((r) => r['resourceType'] === type && test(r))!;

  it('writes them where FHIR R4 has them, valid', () => {
    const visit = resource('Encounter', (r) => r['type'][0].text === 'OFFICE OUTPATIENT NEW 45 MINUTES');
    expect(visit['contained'].map((c: Json) => c['code'])).toEqual([
      { coding: [{ system: 'http://snomed.info/sct', code: '389087006', display: 'Hypoxemia' }], text: 'Hypoxemia' },
      { text: 'Community acquired pneumonia' },
      { text: 'Asthma, moderate persistent' },
    ]);
    expect(visit['diagnosis']).toHaveLength(3);
    expect(visit['reasonCode']).toEqual([
      { coding: [{ system: 'http://snomed.info/sct', code: '233604007', display: 'Pneumonia' }], text: 'Fever and chills - for 2 days, with cough (green sputum).; Pneumonia' },
    ]);
    const planned = resource('CarePlan', (r) => r['title'] === 'Planned visit');
    expect(planned['activity'][0].detail).toMatchObject({ scheduledPeriod: { start: '2013-08-08T09:00:00-04:00' }, location: { display: 'Clinic One' } });
    const methotrexate = resource('MedicationStatement', (r) => JSON.stringify(r).includes('Methotrexate'));
    expect(methotrexate['dosage'][0].site).toEqual({ coding: [{ system: 'http://snomed.info/sct', code: '368208006', display: 'Left Arm' }], text: 'Left Arm' });
    for (const r of [visit, planned, methotrexate]) expect(fhirErrors(r), r['resourceType']).toEqual([]);
  });

  it('reads them back the same', () => {
    const back = (title: string) => copy.find((e) => e.title === title)!;
    const visit = back('OFFICE OUTPATIENT NEW 45 MINUTES');
    expect(visit.details.diagnosisTexts).toEqual(['Community acquired pneumonia', 'Asthma, moderate persistent']);
    expect(visit.details.diagnoses).toEqual([expect.objectContaining({ code: '389087006' })]);
    expect(visit.details.comment).toBe('Reason: Fever and chills - for 2 days, with cough (green sputum).; Pneumonia');
    expect(visit.details.reasonCodes).toEqual([{ system: 'SNOMED', code: '233604007', display: 'Pneumonia' }]);
    expect(back('Planned visit').details).toMatchObject({ plannedFor: '2013-08-08T09:00:00-04:00', performers: ['Henry Seven'], location: 'Clinic One' });
    expect(back('Methotrexate 25 MG/ML Injectable Solution').details).toMatchObject({ bodySite: 'Left Arm', route: 'INTRAMUSCULAR' });
  });
});
