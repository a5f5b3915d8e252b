// The placeholder dose 0 and a social-history question answered with a null flavor: what the
// C-CDA importer keeps, how it reads (English, Spanish), prints, exports and merges.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCE_OF_KIND } from '../../../main/export/fhir-resources.ts';
import type { StoredEntry } from '../../../main/records/model.ts';
import { readableQuantity } from '../../../main/records/readable/index.ts';
import { decide, mergeDrafts } from '../../../main/records/reconcile.ts';
import { buildVisitSummaryHtml } from '../../../main/summary/build.ts';
import { margaretInput } from '../../summary/fixtures.ts';
import { byTitle, fixtures, fromCorpus, load, present, records } from './cda-docs.ts';

const docs = load(path.join(fixtures, 'dose-zero.xml'));
const stored = (draft: Omit<StoredEntry, 'id' | 'manual' | 'possibleDuplicates' | 'sources'>): StoredEntry => ({ ...draft, id: 1, manual: false, possibleDuplicates: [], sources: [] });
const ctx = { patient: { reference: 'Patient/p' }, now: '2025-01-01T00:00:00Z' };
const EN = { locale: 'en-US', units: 'us' as const };
const ES = { locale: 'es-ES', units: 'metric' as const };

describe('C-CDA: the placeholder dose 0', () => {
  it('keeps the source’s "0" as written, and a real dose that starts at 0', () => {
    expect(byTitle(docs, 'Lisinopril 10 MG Oral Tablet')?.details).toEqual({ dose: '0' });
    expect(byTitle(docs, 'Amlodipine 5 MG Oral Tablet')?.details).toEqual({ dose: '0 Each' });
    expect(byTitle(docs, 'Hydrochlorothiazide 25 MG Oral Tablet')?.details).toEqual({ dose: '0.5 Tablet' });
  });

  it('merges with the same medicine’s real dose from another source, which the entry shows', () => {
    const zero = byTitle(docs, 'Lisinopril 10 MG Oral Tablet')!;
    const one = { ...zero, details: { dose: '1 tablet' } };
    expect(decide(one, [{ id: 7, entry: zero }])).toEqual({ action: 'merge', entryId: 7 });
    expect(decide(zero, [{ id: 7, entry: one }])).toEqual({ action: 'merge', entryId: 7 });
    expect(mergeDrafts(zero, one).details.dose).toBe('1 tablet');
  });

  it('prints no dose in the visit summary, English and Spanish', () => {
    for (const language of ['en', 'es'] as const) {
      const input = margaretInput({ language });
      const amlodipine = input.entries.find((e) => e.title.startsWith('Amlodipine'))!;
      amlodipine.details = { ...amlodipine.details, dose: '0 Each' };
      const row = buildVisitSummaryHtml(input).split('\n').find((l) => l.includes('Amlodipine 5 mg tablet') && l.startsWith('<tr>')) ?? '';
      expect(row).toContain('<td class="med-name">');
      expect(row).not.toContain('0 Each');
      expect(row).toMatch(/<\/td><td><\/td><td>/);
    }
  });

  it('exports no doseQuantity 0, the source’s words in a note', () => {
    const resource = RESOURCE_OF_KIND.medication(stored({ kind: 'medication', title: 'Lisinopril', codes: [], details: { dose: '0', frequency: 'daily' } }), 'm1', ctx);
    expect(resource['dosage']).toEqual([{ timing: { code: { text: 'daily' } } }]);
    expect(resource['note']).toEqual([{ text: 'Dose: Not stated (the source fills the field with “0”)' }]);
    const real = RESOURCE_OF_KIND.medication(stored({ kind: 'medication', title: 'HCTZ', codes: [], details: { dose: '0.5 Tablet' } }), 'm2', ctx);
    expect(real['dosage']).toEqual([{ doseAndRate: [{ doseQuantity: { value: 0.5, unit: 'Tablet' } }] }]);
    expect(real['note']).toBeUndefined();
  });
});

describe('C-CDA: a social-history question answered with a null flavor', () => {
  it('keeps the words the source gave, marked as its null flavor', () => {
    expect(byTitle(docs, 'Sex Assigned At Birth')?.value).toEqual({ text: 'Unknown', nullFlavor: 'UNK' });
    expect(byTitle(docs, 'History of Alcohol use')?.value).toEqual({ text: 'Patient declined to answer', nullFlavor: 'ASKU' });
  });

  it('keeps no value for a null flavor without words, and OTH’s translation as the answer', () => {
    expect(byTitle(docs, 'How many people are living or staying at this address')?.value).toBeUndefined();
    expect(byTitle(docs, 'Sexual orientation')?.value).toEqual({ text: 'Something else, please describe' });
  });

  it('reads as no answer in English and Spanish, the source’s words kept', () => {
    const value = byTitle(docs, 'Sex Assigned At Birth')!.value;
    expect(readableQuantity(value, EN)?.text).toBe('Unknown (the source gives no answer: UNK)');
    expect(readableQuantity(value, ES)?.text).toBe('Unknown (la fuente no da respuesta: UNK)');
  });

  it('never disagrees with a real answer, and lets the entry show the real one', () => {
    const unknown = byTitle(docs, 'Sex Assigned At Birth')!;
    const female = { ...unknown, value: { text: 'Female' }, codes: [...unknown.codes, { system: 'HL7 AdministrativeGender', code: 'F', display: 'Female' }] };
    expect(decide(female, [{ id: 7, entry: unknown }])).toEqual({ action: 'merge', entryId: 7 });
    expect(mergeDrafts(unknown, female).value).toEqual({ text: 'Female' });
    expect(mergeDrafts(female, unknown).value).toEqual({ text: 'Female' });
  });

  it('exports as dataAbsentReason, never as a value', () => {
    const draft = byTitle(docs, 'Sex Assigned At Birth')!;
    const resource = RESOURCE_OF_KIND.social(stored({ ...draft }), 'o1', ctx);
    expect(resource['valueString']).toBeUndefined();
    expect(resource['dataAbsentReason']).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown' }], text: 'Unknown (UNK)' });
  });
});

describe.skipIf(!present)('C-CDA corpus: placeholder doses and null-flavored answers', () => {
  it('MedConnect: three medicines’ doses are the placeholder "0", kept as written', () => {
    const doses = records(fromCorpus('ccda/jddamore-ccda-samples/MedConnect/ALICE NEWMAN_20170924183057_RN.xml'), 'medication').map((r) => r.details.dose);
    expect(doses.filter((d) => d === '0')).toHaveLength(3);
  });

  it('McKesson: Sex Assigned At Birth is "Unknown" under the null flavor UNK', () => {
    const sex = records(fromCorpus('ccda/jddamore-ccda-samples/McKesson Paragon/MyraJones.xml'), 'social').find((r) => r.title === 'Sex Assigned At Birth');
    expect(sex?.value).toEqual({ text: 'Unknown', nullFlavor: 'UNK' });
  });
});
