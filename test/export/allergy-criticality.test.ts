// An allergy's criticality (the risk of a future reaction) in the FHIR export: from its own
// field, as C-CDA and FHIR imports now keep it, and from the severity older FHIR imports kept
// it in ("criticality high"). Words FHIR has no code for are kept as a note.
import { describe, expect, it } from 'vitest';
import { RESOURCE_OF_KIND } from '../../main/export/fhir-resources.ts';
import type { EntryDetails, StoredEntry } from '../../main/records/model.ts';

const ctx = { patient: { reference: 'urn:uuid:p' }, now: '2026-01-01T00:00:00Z' };
const allergy = (details: EntryDetails): StoredEntry => ({
  id: 1,
  kind: 'allergy',
  title: 'Penicillin',
  codes: [],
  details: { substance: 'Penicillin', reactions: ['Hives'], ...details },
  manual: false,
  sources: [],
  possibleDuplicates: [],
});
const exported = (details: EntryDetails) => RESOURCE_OF_KIND.allergy(allergy(details), 'a', ctx) as Record<string, unknown>;

describe('allergy criticality in the FHIR export', () => {
  it('writes the criticality field as FHIR’s code, beside the reaction’s severity', () => {
    expect(exported({ severity: 'mild', criticality: 'high' })).toMatchObject({ criticality: 'high', reaction: [{ severity: 'mild' }] });
    expect(exported({ criticality: 'Unable to assess' })['criticality']).toBe('unable-to-assess');
    expect(exported({ criticality: 'High' })['note']).toBeUndefined();
  });

  it('reads the older "criticality high" severity as a criticality, not a severity', () => {
    const r = exported({ severity: 'criticality low' });
    expect(r['criticality']).toBe('low');
    expect(JSON.stringify(r['note'] ?? [])).not.toContain('Severity');
  });

  it('names the first clinician as the asserter and the others in a note', () => {
    const r = exported({ performers: ['Dr A', 'Dr B'] });
    expect(r['asserter']).toEqual({ display: 'Dr A' });
    expect(r['note']).toEqual([{ text: 'Also recorded by: Dr B' }]);
  });

  it('keeps criticality words FHIR has no code for as a note', () => {
    const r = exported({ criticality: 'Moderate risk' });
    expect(r['criticality']).toBeUndefined();
    expect(r['note']).toEqual([{ text: 'Criticality: Moderate risk' }]);
  });
});
