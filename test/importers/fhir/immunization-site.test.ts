// Where a vaccine went ("Left arm"): FHIR's Immunization names its body site `site`, not
// `bodySite`, and the importer read only the latter, so an Epic IPS's sites were dropped. Kept
// now in the entry's body site (words and codes), and written back as `site` by the export.
import { describe, expect, it } from 'vitest';
import { RESOURCE_OF_KIND } from '../../../main/export/fhir-resources.ts';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import type { StoredEntry } from '../../../main/records/model.ts';

const EPIC_SITE = 'urn:oid:1.2.840.114350.1.13.861.1.7.10.768076.4040';
const immunization = (extra: object) => ({
  resourceType: 'Immunization',
  status: 'completed',
  vaccineCode: { text: 'Yellow Fever, Live' },
  patient: { reference: 'Patient/p' },
  occurrenceDateTime: '2024-09-18',
  ...extra,
});
const read = () =>
  parseFhir({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { resource: { resourceType: 'Patient', id: 'p', birthDate: '1960-03-04' } },
      { resource: immunization({ id: 'sited', site: { coding: [{ system: EPIC_SITE, code: '14', display: 'Left arm' }], text: 'Left arm' } }) },
      { resource: immunization({ id: 'plain' }) },
    ],
  }).documents[0]!;

describe('an immunization’s site', () => {
  const doc = read();
  const at = (id: string) => doc.records.find((r) => r.sourceLocation === `Immunization/${id}`)!;

  it('keeps the site’s words and code', () => {
    expect(at('sited').details.bodySite).toBe('Left arm');
    expect(at('sited').details.bodySiteCodes).toEqual([expect.objectContaining({ code: '14', display: 'Left arm' })]);
  });

  it('adds nothing to an immunization that names no site', () => {
    expect(at('plain').details).not.toHaveProperty('bodySite');
    expect(at('plain').details).not.toHaveProperty('bodySiteCodes');
  });

  it('writes the site back as Immunization.site, which the importer reads again', () => {
    const entry: StoredEntry = { ...at('sited'), id: 1, manual: false, sources: [], possibleDuplicates: [] };
    const exported = RESOURCE_OF_KIND.immunization(entry, 'i', { patient: { reference: 'urn:uuid:p' }, now: '2026-01-01T00:00:00Z' }) as Record<string, unknown>;
    expect(exported['site']).toMatchObject({ text: 'Left arm', coding: [expect.objectContaining({ code: '14' })] });
    expect(exported['bodySite']).toBeUndefined();
  });
});
