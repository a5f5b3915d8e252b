// A procedure's body site and method, a problem's type and an encounter's discharge
// disposition, read from C-CDA: exported as FHIR (Procedure.bodySite, the procedure-method
// extension, Condition.category, Encounter.hospitalization.dischargeDisposition) and in an IPS,
// and read back the same.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_KINDS, type StoredEntry } from '../../main/records/model.ts';
import { problemTypeWords } from '../../main/records/readable/problem-type.ts';
import { roundTrip } from './compare.ts';
import { fhirErrors } from './fhir-validator.ts';
import { testApi, type TestApi } from './helpers.ts';

type Json = Record<string, any>;
const fixture = new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/ccda/coded-details.xml')));

describe('coded details through FHIR and IPS', () => {
  let t: TestApi;
  let original: StoredEntry[];
  let bundle: Json;
  let copy: StoredEntry[];
  let ipsCopy: StoredEntry[];

  beforeAll(async () => {
    t = testApi();
    await t.call('vault.create', { passphrase: 'coded details passphrase' });
    const a = (await t.call('profiles.add', { name: 'Rosa Vega', birthDate: '1962-09-14' })).id;
    await t.call('import.files', { profileId: a, files: [{ name: 'coded-details.xml', bytes: fixture }] });
    original = await t.call('records.list', { profileId: a, kinds: [...ENTRY_KINDS] });
    const saved = await t.call('export.fhir', { profileId: a });
    const text = fs.readFileSync(saved!.savedTo, 'utf8');
    bundle = JSON.parse(text) as Json;
    const b = (await t.call('profiles.add', { name: 'Rosa Vega (FHIR)', birthDate: '1962-09-14' })).id;
    await t.call('import.files', { profileId: b, files: [{ name: 'export.json', bytes: new TextEncoder().encode(text) }] });
    copy = await t.call('records.list', { profileId: b, kinds: [...ENTRY_KINDS] });
    const ips = await t.call('export.ips', { profileId: a });
    const c = (await t.call('profiles.add', { name: 'Rosa Vega (IPS)', birthDate: '1962-09-14' })).id;
    await t.call('import.files', { profileId: c, files: [{ name: 'ips.json', bytes: new Uint8Array(fs.readFileSync(ips!.savedTo)) }], force: true });
    ipsCopy = await t.call('records.list', { profileId: c, kinds: [...ENTRY_KINDS] });
  }, 120_000);

  afterAll(() => t?.cleanup());

  const resource = (type: string, test: (r: Json) => boolean): Json =>
    (bundle['entry'] as Json[]).map((e) => e['resource'] as Json).find((r) => r['resourceType'] === type && test(r))!;

  it('writes them where FHIR R4 has them, valid', () => {
    const appendectomy = resource('Procedure', (r) => r['code'].text === 'Laparoscopic appendectomy');
    expect(appendectomy['bodySite']).toEqual([{ coding: [{ system: 'http://snomed.info/sct', code: '181255000', display: 'Entire appendix' }], text: 'Entire appendix' }]);
    expect(appendectomy['extension']).toEqual([
      {
        url: 'http://hl7.org/fhir/StructureDefinition/procedure-method',
        valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '51316009', display: 'Laparoscopic procedure' }], text: 'Laparoscopic procedure' },
      },
    ]);
    // Laterality is the site's qualifier, not another code for the site: said in its words.
    const pain = resource('Condition', (r) => r['code'].text === 'Joint pain');
    expect(pain['bodySite']).toEqual([{ coding: [{ system: 'http://snomed.info/sct', code: '72696002', display: 'Knee region structure' }], text: 'Knee region structure (Right)' }]);
    expect(pain['category']).toEqual([
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item', display: 'Problem List Item' }] },
      {
        coding: [
          { system: 'http://snomed.info/sct', code: '409586006', display: 'Complaint' },
          { system: 'http://loinc.org', code: '75322-8', display: 'Complaint' },
        ],
      },
    ]);
    // A writer's displayName that is the problem's own name is not exported as the type's.
    const hypertension = resource('Condition', (r) => r['code'].text === 'Essential hypertension');
    expect(hypertension['category'][1].coding[0]).toEqual({ system: 'http://snomed.info/sct', code: '404684003', display: 'Finding' });
    const stay = resource('Encounter', (r) => r['type'][0].text === 'Hospital admission');
    expect(stay['hospitalization']).toEqual({
      dischargeDisposition: {
        coding: [{ system: 'urn:oid:2.16.840.1.113883.12.112', code: '03', display: 'Discharged to skilled nursing facility' }],
        text: 'Discharged to skilled nursing facility',
      },
    });
    for (const r of [appendectomy, pain, hypertension, stay]) expect(fhirErrors(r), r['resourceType']).toEqual([]);
  });

  it('reads them back the same from the FHIR export', () => {
    const { expected, actual } = roundTrip(original, copy);
    expect(actual).toEqual(expected);
    const back = (title: string) => copy.find((e) => e.title === title)!;
    expect(back('Laparoscopic appendectomy').details).toMatchObject({ bodySite: 'Entire appendix', method: 'Laparoscopic procedure' });
    expect(back('Hospital admission').details.dischargeDisposition).toBe('Discharged to skilled nursing facility');
    expect(problemTypeWords(back('Joint pain').details, 'en')).toBe('Complaint, Problem list item');
    expect(back('Joint pain').details.bodySite).toBe('Knee region structure (Right)');
  });

  it('reads the problems’ types and sites back from the IPS', () => {
    const pain = ipsCopy.find((e) => e.title === 'Joint pain')!;
    expect(problemTypeWords(pain.details, 'es')).toBe('Motivo de consulta, Elemento de la lista de problemas');
    expect(pain.details.bodySite).toBe('Knee region structure (Right)');
    const appendectomy = ipsCopy.find((e) => e.title === 'Laparoscopic appendectomy');
    expect(appendectomy?.details).toMatchObject({ bodySite: 'Entire appendix', method: 'Laparoscopic procedure' });
  });
});
