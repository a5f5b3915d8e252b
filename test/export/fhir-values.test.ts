// The FHIR building blocks: code systems back to URIs, dates at their own precision, UCUM
// quantities and stable ids.
import { describe, expect, it } from 'vitest';
import { buildFhirBundle } from '../../main/export/fhir-bundle.ts';
import { comparatorOf, fhirDateTime, putDate, quantity, stableUuid, systemUri } from '../../main/export/fhir-values.ts';
import type { StoredEntry } from '../../main/records/model.ts';

describe('systemUri', () => {
  it.each([
    ['SNOMED', 'http://snomed.info/sct'],
    ['ICD10CM', 'http://hl7.org/fhir/sid/icd-10-cm'],
    ['ICD9CM', 'http://hl7.org/fhir/sid/icd-9-cm'],
    ['RXNORM', 'http://www.nlm.nih.gov/research/umls/rxnorm'],
    ['NDC', 'http://hl7.org/fhir/sid/ndc'],
    ['LOINC', 'http://loinc.org'],
    ['CVX', 'http://hl7.org/fhir/sid/cvx'],
    ['CPT', 'http://www.ama-assn.org/go/cpt'],
    ['HCPCS', 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets'],
    ['UCUM', 'http://unitsofmeasure.org'],
    ['ICD10PCS', 'http://www.cms.gov/Medicare/Coding/ICD10'],
    ['2.16.840.1.113883.6.59', 'urn:oid:2.16.840.1.113883.6.59'],
    ['http://terminology.hl7.org/CodeSystem/v3-ActCode', 'http://terminology.hl7.org/CodeSystem/v3-ActCode'],
    ['urn:oid:1.2.3', 'urn:oid:1.2.3'],
    ['unknown', undefined],
    ['L', undefined],
  ])('%s → %s', (system, uri) => {
    expect(systemUri(system)).toBe(uri);
  });
});

describe('dates', () => {
  it.each([
    ['2024', { value: '2024' }],
    ['2024-03', { value: '2024-03' }],
    ['2024-03-01', { value: '2024-03-01' }],
    ['2024-03-01T10:30Z', { value: '2024-03-01T10:30:00Z' }],
    ['2024-03-01T10:30:15-0500', { value: '2024-03-01T10:30:15-05:00' }],
    ['2024-03-01T10:30:15+01:00', { value: '2024-03-01T10:30:15+01:00' }],
    ['2024-03-01T10:30', { value: '2024-03-01', localTime: '10:30:00' }],
    ['03/01/2024', undefined],
  ])('%s', (date, expected) => {
    expect(fhirDateTime(date)).toEqual(expected);
  });

  it('keeps a local time in a primitive extension rather than inventing a zone', () => {
    const target: Record<string, unknown> = {};
    putDate(target as never, 'effectiveDateTime', '2011-02-03T11:33');
    expect(target).toEqual({
      effectiveDateTime: '2011-02-03',
      _effectiveDateTime: { extension: [{ url: 'urn:chartkeeper:fhir:local-time', valueTime: '11:33:00' }] },
    });
  });
});

describe('quantities', () => {
  it('gives the UCUM code for units UCUM knows, under an alias when needed, and none otherwise', () => {
    expect(quantity(7.4, '%')).toEqual({ value: 7.4, unit: '%', system: 'http://unitsofmeasure.org', code: '%' });
    expect(quantity(12, 'mcg/dL')).toEqual({ value: 12, unit: 'mcg/dL', system: 'http://unitsofmeasure.org', code: 'ug/dL' });
    expect(quantity(3, 'THOUSAND')).toEqual({ value: 3, unit: 'THOUSAND' });
    expect(quantity(30, 'mg/g', '<')).toMatchObject({ comparator: '<' });
  });

  it('reads a comparator only when the rest is the number', () => {
    expect(comparatorOf('<30', 30)).toBe('<');
    expect(comparatorOf('>= 1.5', 1.5)).toBe('>=');
    expect(comparatorOf('<30 (repeat)', 30)).toBeUndefined();
    expect(comparatorOf('30', 30)).toBeUndefined();
  });
});

describe('stable ids', () => {
  it('derives RFC 9562 version-8 UUIDs from their parts', () => {
    const id = stableUuid('profile-1', 'entry', '7');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('profile-1', 'entry', '7')).toBe(id);
    expect(stableUuid('profile-2', 'entry', '7')).not.toBe(id);
    expect(stableUuid('profile-1', 'entry7')).not.toBe(id);
  });

  it('gives the same bundle for the same entries in any order', () => {
    const entry = (id: number, title: string): StoredEntry => ({
      id,
      kind: 'problem',
      title,
      codes: [{ system: 'SNOMED', code: String(1000 + id) }],
      details: {},
      manual: true,
      possibleDuplicates: [],
      sources: [],
    });
    const profile = { id: 'abc123abc123abc123ab', name: 'Sam', birthDate: '2000-01-01' };
    const one = buildFhirBundle(profile, [entry(1, 'A'), entry(2, 'B')], '2025-01-01T00:00:00.000Z');
    const two = buildFhirBundle(profile, [entry(2, 'B'), entry(1, 'A')], '2025-01-01T00:00:00.000Z');
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.entry.map((e) => e.resource.resourceType)).toEqual(['Patient', 'Condition', 'Condition']);
    expect(one.entry[0]!.resource['gender']).toBe('unknown');
  });
});
