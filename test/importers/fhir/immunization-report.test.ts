// A vaccination as its FHIR source said it: a dose the source says it did not give itself
// (`primarySource: false`, who reported it in reportOrigin; DSTU2's `reported: true`) and the
// lot's expiry date (expirationDate). None was kept; now each is a detail, written back by the
// export and read again the same. An absent primarySource says nothing: never "given here".
import { describe, expect, it } from 'vitest';
import { RESOURCE_OF_KIND } from '../../../main/export/fhir-resources.ts';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import { fhirErrors } from '../../export/fhir-validator.ts';
import type { RecordDraft, StoredEntry } from '../../../main/records/model.ts';

const immunization = (extra: object) => ({
  resourceType: 'Immunization',
  status: 'completed',
  vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '140', display: 'Influenza, seasonal, injectable, preservative free' }] },
  patient: { reference: 'Patient/p' },
  occurrenceDateTime: '2021-10-19',
  ...extra,
});
const ORIGIN_SYSTEM = 'http://terminology.hl7.org/CodeSystem/immunization-origin';
const bundle = (resources: object[]) => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: [{ resource: { resourceType: 'Patient', id: 'p', birthDate: '1960-03-04' } }, ...resources.map((resource) => ({ resource }))],
});
const records = (value: object, fhirVersion?: string): RecordDraft[] => parseFhir(value, fhirVersion ? { fhirVersion } : {}).documents[0]!.records;

const read = () =>
  records(
    bundle([
      // As MEDITECH's IPS writes a dose the patient told them about.
      immunization({ id: 'told', primarySource: false, reportOrigin: { text: 'Patient' } }),
      immunization({ id: 'registry', primarySource: false, reportOrigin: { coding: [{ system: ORIGIN_SYSTEM, code: 'record', display: 'Written Record' }] } }),
      immunization({ id: 'bare', primarySource: false }),
      immunization({ id: 'given', primarySource: true, lotNumber: 'AB123', expirationDate: '2024-11-08' }),
      immunization({ id: 'silent', lotNumber: 'CD456' }),
    ]),
  );

const at = (list: RecordDraft[], id: string) => list.find((r) => r.sourceLocation === `Immunization/${id}`)!;
const stored = (r: RecordDraft): StoredEntry => ({ ...r, id: 1, manual: false, sources: [], possibleDuplicates: [] });
const exported = (r: RecordDraft) =>
  RESOURCE_OF_KIND.immunization(stored(r), 'i', { patient: { reference: 'urn:uuid:p' }, now: '2026-01-01T00:00:00Z' }) as Record<string, unknown>;

describe('a reported vaccination and its lot’s expiry', () => {
  const list = read();

  it('keeps primarySource: false as reported, with reportOrigin’s words and codes', () => {
    expect(at(list, 'told').details).toMatchObject({ reported: true, reportOrigin: 'Patient' });
    expect(at(list, 'told').details).not.toHaveProperty('reportOriginCodes');
    expect(at(list, 'registry').details).toMatchObject({ reported: true, reportOrigin: 'Written Record', reportOriginCodes: [expect.objectContaining({ code: 'record' })] });
    expect(at(list, 'bare').details).toMatchObject({ reported: true });
    expect(at(list, 'bare').details).not.toHaveProperty('reportOrigin');
  });

  it('says nothing of who gave a dose when primarySource is true or absent', () => {
    for (const id of ['given', 'silent']) {
      expect(at(list, id).details).not.toHaveProperty('reported');
      expect(at(list, id).details).not.toHaveProperty('reportOrigin');
    }
  });

  it('keeps the lot’s expiry date beside its number', () => {
    expect(at(list, 'given').details).toMatchObject({ lotNumber: 'AB123', lotExpires: '2024-11-08' });
    expect(at(list, 'silent').details).not.toHaveProperty('lotExpires');
  });

  it('writes primarySource: false, reportOrigin and expirationDate back, and nothing the source did not say', () => {
    expect(exported(at(list, 'told'))).toMatchObject({ primarySource: false, reportOrigin: { text: 'Patient' } });
    expect(exported(at(list, 'registry'))['reportOrigin']).toMatchObject({ coding: [expect.objectContaining({ system: ORIGIN_SYSTEM, code: 'record' })] });
    expect(exported(at(list, 'given'))).toMatchObject({ lotNumber: 'AB123', expirationDate: '2024-11-08' });
    for (const r of list) expect(fhirErrors(exported(r))).toEqual([]);
    for (const id of ['given', 'silent']) {
      expect(exported(at(list, id))).not.toHaveProperty('primarySource');
      expect(exported(at(list, id))).not.toHaveProperty('reportOrigin');
    }
  });

  it('reads its own export back to the same details', () => {
    const again = records(bundle(list.map((r, i) => ({ ...exported(r), id: `x${i}`, patient: { reference: 'Patient/p' } }))));
    const keys = ['reported', 'reportOrigin', 'reportOriginCodes', 'lotNumber', 'lotExpires'] as const;
    const pick = (r: RecordDraft) => Object.fromEntries(keys.map((k) => [k, r.details[k]]));
    expect(again.map(pick)).toEqual(list.map(pick));
  });

  it('reads DSTU2’s reported: true as reported, and reported: false as nothing', () => {
    const dstu2 = (id: string, reported: boolean) => ({
      resourceType: 'Immunization',
      id,
      status: 'completed',
      date: '2015-10-01',
      wasNotGiven: false,
      reported,
      vaccineCode: { text: 'Influenza' },
      patient: { reference: 'Patient/p' },
    });
    const list2 = records(bundle([dstu2('r', true), dstu2('g', false)]), '1.0.2');
    expect(at(list2, 'r').details.reported).toBe(true);
    expect(at(list2, 'g').details).not.toHaveProperty('reported');
  });
});
