// Medicines taken only as needed (PRN): the C-CDA precondition and FHIR's dosage.asNeeded read
// into one detail, how it reads (English, Spanish), how it prints, exports and merges.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import { RESOURCE_OF_KIND } from '../../../main/export/fhir-resources.ts';
import { buildIpsDocument } from '../../../main/export/ips.ts';
import type { RecordDraft, StoredEntry } from '../../../main/records/model.ts';
import { asNeededWords } from '../../../main/records/readable/index.ts';
import { decide, mergeDrafts } from '../../../main/records/reconcile.ts';
import { buildVisitSummaryHtml } from '../../../main/summary/build.ts';
import { margaretInput } from '../../summary/fixtures.ts';
import { byTitle, fixtures, fromCorpus, load, present, records } from './cda-docs.ts';

const WHEEZING = { system: 'SNOMED', code: '56018004', display: 'Wheezing' };

describe('C-CDA: a precondition on a medication means "as needed"', () => {
  const docs = load(path.join(fixtures, 'as-needed.xml'));

  it('keeps the coded condition with its words', () => {
    expect(byTitle(docs, 'Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler')?.details).toMatchObject({
      frequency: 'every 4 h',
      asNeeded: true,
      asNeededFor: 'Wheezing',
      asNeededForCodes: [WHEEZING],
    });
  });

  it("keeps the criterion's own words when its value is a null flavor", () => {
    expect(byTitle(docs, 'Oxycodone 5 MG Oral Tablet')?.details).toMatchObject({ asNeeded: true, asNeededFor: 'As Needed If Pain does not subside' });
  });

  it('says "as needed" without a reason when the source names none', () => {
    // "As Needed" as the criterion's text, and a null flavor's "No PRN Reason", name no condition.
    for (const title of ['Tylenol 500 MG Oral Capsule', 'Gabapentin 100 MG Oral Capsule']) {
      const details = byTitle(docs, title)?.details;
      expect(details?.asNeeded).toBe(true);
      expect(details?.asNeededFor).toBeUndefined();
      expect(details?.asNeededForCodes).toBeUndefined();
    }
  });

  it('reads neither institution-chosen times nor words in the sig as "as needed"', () => {
    expect(byTitle(docs, 'Metformin 500 MG Oral Tablet')?.details).toEqual({ dose: '1', frequency: 'every 12 h' });
    const ibuprofen = byTitle(docs, 'Ibuprofen 200 MG Oral Tablet');
    expect(ibuprofen?.details.asNeeded).toBeUndefined();
    expect(ibuprofen?.narrative).toBe('Take 1 tablet by mouth as needed');
  });
});

describe.skipIf(!present)('C-CDA corpus: as-needed medicines', () => {
  const asNeeded = (rel: string) => records(fromCorpus(rel), 'medication').filter((r) => r.details.asNeeded);

  it('HL7 CCD sample: albuterol as needed for wheezing (4.25)', () => {
    const [albuterol, ...others] = asNeeded('ccda/chb-sample-ccdas/HL7 Samples/CCD.sample.xml');
    expect(others).toEqual([]);
    expect(albuterol?.details).toMatchObject({ asNeededFor: 'Wheezing', asNeededForCodes: [WHEEZING] });
  });

  it('Bizmatics: four medicines whose precondition names no condition ("1 As Needed PRN")', () => {
    const meds = asNeeded('ccda/jddamore-ccda-samples/Bizmatics PrognoCIS/Bizmatics_CCDSample1.xml');
    expect(meds).toHaveLength(4);
    expect(meds.every((m) => m.details.asNeededFor === undefined)).toBe(true);
  });

  it('Allscripts Sunrise: the Tylenol whose criterion says only "As Needed"', () => {
    const meds = asNeeded('ccda/jddamore-ccda-samples/Allscripts Sunrise/C-CDA_401700201_20160902122201_Newman_Alice.xml');
    expect(meds.map((m) => [m.title, m.details.asNeededFor])).toEqual([['Tylenol Cool Caplet Extra Strength 500 mg oral tablet', undefined]]);
  });

  it('CCD 1.0 (Minnesota C32): preconditions without the template, "No PRN Reason" not taken as a reason', () => {
    const meds = asNeeded('c32/worldvista-bb-adapter/nwhin/sample/c32/CCD-Minnesota.xml');
    expect(meds).toHaveLength(3);
    expect(meds.map((m) => m.details.asNeededFor)).toEqual([undefined, undefined, undefined]);
  });
});

describe('FHIR: dosage.asNeeded', () => {
  const bundle = (dosages: unknown[], resourceType = 'MedicationStatement') => ({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { resource: { resourceType: 'Patient', id: 'p', name: [{ given: ['Elena'], family: 'Ruiz' }], birthDate: '1958-03-02' } },
      ...dosages.map((dosage, i) => ({
        resource: {
          resourceType,
          id: `m${i}`,
          status: 'active',
          subject: { reference: 'Patient/p' },
          medicationCodeableConcept: { text: `Medicine ${i}` },
          [resourceType === 'MedicationStatement' ? 'dosage' : 'dosageInstruction']: [dosage],
        },
      })),
    ],
  });
  const details = (value: unknown) => parseFhir(value).documents.flatMap((d) => d.records).filter((r) => r.kind === 'medication').map((r) => r.details);

  it('reads asNeededBoolean and asNeededCodeableConcept (R4), keeping only a true statement', () => {
    const [yes, no, forWhat] = details(
      bundle([{ text: 'Take as needed.', asNeededBoolean: true }, { asNeededBoolean: false }, { asNeededCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '56018004', display: 'Wheezing' }] } }]),
    );
    expect(yes).toMatchObject({ asNeeded: true, instructions: 'Take as needed.' });
    expect(yes?.asNeededFor).toBeUndefined();
    expect(no?.asNeeded).toBeUndefined();
    expect(forWhat).toMatchObject({ asNeeded: true, asNeededFor: 'Wheezing', asNeededForCodes: [{ code: '56018004' }] });
  });

  it("reads R5's asNeeded with asNeededFor, and a MedicationRequest's dosageInstruction", () => {
    const [r5] = details(bundle([{ asNeeded: true, asNeededFor: [{ text: 'pain' }, { text: 'fever' }] }]));
    expect(r5).toMatchObject({ asNeeded: true, asNeededFor: 'pain; fever' });
    const [request] = details(bundle([{ asNeededBoolean: true }], 'MedicationRequest'));
    expect(request?.asNeeded).toBe(true);
  });
});

describe('how "as needed" reads, prints, exports and merges', () => {
  it('reads in English and Spanish, the condition in the source’s words', () => {
    expect(asNeededWords({ asNeeded: true, asNeededFor: 'Wheezing' }, 'en')).toBe('As needed for: Wheezing');
    expect(asNeededWords({ asNeeded: true, asNeededFor: 'Wheezing' }, 'es')).toBe('Según sea necesario, para: Wheezing');
    expect(asNeededWords({ asNeeded: true }, 'es')).toBe('Según sea necesario');
    expect(asNeededWords({ asNeeded: true, asNeededFor: 'As Needed If Pain does not subside' }, 'en')).toBe('As Needed If Pain does not subside');
    expect(asNeededWords({ asNeeded: true, asNeededFor: 'As Needed If Pain does not subside' }, 'es')).toBe('Según sea necesario: As Needed If Pain does not subside');
    expect(asNeededWords({ asNeededFor: 'Wheezing' }, 'en')).toBeUndefined();
  });

  it('prints in the visit summary’s "how often" column, English and Spanish', () => {
    for (const [language, words] of [['en', 'once a day; As needed for: Wheezing'], ['es', 'Según sea necesario, para: Wheezing']] as const) {
      const input = margaretInput({ language });
      const amlodipine = input.entries.find((e) => e.title.startsWith('Amlodipine'))!;
      amlodipine.details = { ...amlodipine.details, asNeeded: true, asNeededFor: 'Wheezing' };
      const row = buildVisitSummaryHtml(input).split('\n').find((l) => l.includes('Amlodipine 5 mg tablet') && l.startsWith('<tr>')) ?? '';
      expect(row).toContain(words);
    }
  });

  it('exports as dosage.asNeededCodeableConcept, or asNeededBoolean without a condition', () => {
    const entry = (details: StoredEntry['details']): StoredEntry => ({ kind: 'medication', title: 'Albuterol', codes: [], details, id: 1, manual: false, possibleDuplicates: [], sources: [] });
    const ctx = { patient: { reference: 'Patient/p' }, now: '2025-01-01T00:00:00Z' };
    const coded = RESOURCE_OF_KIND.medication(entry({ asNeeded: true, asNeededFor: 'Wheezing', asNeededForCodes: [WHEEZING] }), 'm1', ctx);
    expect(coded['dosage']).toEqual([{ asNeededCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '56018004', display: 'Wheezing' }], text: 'Wheezing' } }]);
    const bare = RESOURCE_OF_KIND.medication(entry({ asNeeded: true, dose: '2 puffs' }), 'm2', ctx);
    expect((bare['dosage'] as Record<string, unknown>[])[0]).toMatchObject({ asNeededBoolean: true });
    expect(RESOURCE_OF_KIND.medication(entry({ dose: '2' }), 'm3', ctx)['dosage']).toEqual([{ doseAndRate: [{ doseQuantity: { value: 2 } }] }]);
  });

  it("says it in the IPS medication section's narrative, in the document's language", () => {
    const albuterol: StoredEntry = {
      kind: 'medication',
      title: 'Albuterol 90 mcg inhaler',
      codes: [],
      status: 'active',
      start: '2024-01-10',
      details: { asNeeded: true, asNeededFor: 'Wheezing' },
      id: 1,
      manual: false,
      possibleDuplicates: [],
      sources: [],
    };
    for (const [language, words] of [['en', 'Albuterol 90 mcg inhaler; As needed for: Wheezing'], ['es', 'Albuterol 90 mcg inhaler; Según sea necesario, para: Wheezing']] as const) {
      const ips = buildIpsDocument({ id: 'p', name: 'Elena Ruiz', birthDate: '1958-03-02', sex: undefined }, [albuterol], '2025-01-15T12:00:00Z', language);
      const composition = ips.entry[0]?.resource as unknown as { section: { code: { coding: { code: string }[] }; text: { div: string } }[] };
      const medications = composition.section.find((s) => s.code.coding[0]?.code === '10160-0');
      expect(medications?.text.div).toContain(`<td>${words}</td>`);
    }
  });

  it('merging a source that says "as needed" with one that is silent keeps it, and keeps both reasons', () => {
    const med = (details: RecordDraft['details']): RecordDraft => ({ kind: 'medication', title: 'Albuterol 90 mcg inhaler', codes: [{ system: 'RXNORM', code: '745679' }], start: '2024-01-10', details });
    const silent = med({ dose: '2 puffs' });
    const wheezing = med({ asNeeded: true, asNeededFor: 'Wheezing', asNeededForCodes: [WHEEZING] });
    expect(decide(wheezing, [{ id: 7, entry: silent }])).toEqual({ action: 'merge', entryId: 7 });
    expect(mergeDrafts(silent, wheezing).details).toEqual({ dose: '2 puffs', asNeeded: true, asNeededFor: 'Wheezing', asNeededForCodes: [WHEEZING] });
    expect(mergeDrafts(wheezing, silent).details).toMatchObject({ asNeeded: true, asNeededFor: 'Wheezing' });
    const breath = med({ asNeeded: true, asNeededFor: 'Shortness of breath' });
    expect(mergeDrafts(wheezing, breath).details.asNeededFor).toBe('Wheezing; Shortness of breath');
  });
});
