// A FHIR "do not perform" order (MedicationRequest.doNotPerform) is a prohibition, not a
// medicine taken: stored as a negated C-CDA medicine is (status not-done) with the flag and the
// order's own status, kept apart from a real prescription of the same drug, never current, said
// in words in English and Spanish, and written back by the FHIR export as doNotPerform.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import { readFhirXml } from '../../../main/importers/fhir/xml/read.ts';
import { readCurrent } from '../../../main/records/current.ts';
import { ENTRY_KINDS, type StoredEntry } from '../../../main/records/model.ts';
import { roundTrip } from '../../export/compare.ts';
import { fhirErrors } from '../../export/fhir-validator.ts';
import { testApi, type TestApi } from '../../export/helpers.ts';

const fixture = fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/fhir/do-not-perform-bundle.json'));
const qualityCore = path.resolve(import.meta.dirname, '../../../../shared/corpus/fhir-r4/inferno-reference-server-data/us_quality_core_bundle_patient.json');
const TODAY = '2024-06-01';

describe('FHIR doNotPerform', () => {
  it('a do-not-give MedicationRequest is stored not-done with the flag, the order’s status and every word and code it gave', () => {
    const records = parseFhir(JSON.parse(fixture.toString('utf8'))).documents[0]!.records;
    const meds = records.filter((r) => r.kind === 'medication');
    expect(meds.map((m) => [m.title, m.status, m.details.doNotPerform, m.details.orderStatus])).toEqual([
      ['Warfarin 5 mg tablet', 'not-done', true, 'active'],
      // doNotPerform false is an ordinary order.
      ['Warfarin 5 mg tablet', 'active', undefined, undefined],
      ['Aspirin 81 mg tablet', 'not-done', true, 'completed'],
    ]);
    expect(meds[0]).toEqual({
      kind: 'medication',
      title: 'Warfarin 5 mg tablet',
      codes: [{ system: 'RXNORM', code: '855332', display: 'Warfarin Sodium 5 MG Oral Tablet' }],
      details: {
        dose: '5 mg',
        frequency: '1 time(s) every 1 d',
        instructions: '5 mg by mouth daily',
        dispenseQuantity: '30 tablet',
        refills: 2,
        prescriber: 'Dr Ana Careful',
        comment: 'Reason: Active bleeding. Hold until the bleeding is controlled.',
        reason: 'Active bleeding',
        reasonCodes: [{ system: 'SNOMED', code: '131148009', display: 'Bleeding' }],
        doNotPerform: true,
        orderStatus: 'active',
      },
      sourceLocation: 'MedicationRequest/no-warfarin',
      status: 'not-done',
      start: '2024-03-10',
    });
    expect(meds[2]).toMatchObject({ start: '2023-06-01', end: '2023-06-15' });
  });

  it('FHIR XML: doNotPerform value="true" reads as the same prohibition', () => {
    const xml = `<Bundle xmlns="http://hl7.org/fhir"><type value="collection"/>
      <entry><resource><Patient><id value="p1"/><name><family value="Example"/></name></Patient></resource></entry>
      <entry><resource><MedicationRequest><id value="no-nsaid"/><status value="active"/><intent value="order"/><doNotPerform value="true"/>
        <medicationCodeableConcept><text value="Ibuprofen 400 mg tablet"/></medicationCodeableConcept>
        <subject><reference value="Patient/p1"/></subject><authoredOn value="2024-02-02"/></MedicationRequest></resource></entry>
    </Bundle>`;
    const [ibuprofen] = parseFhir(readFhirXml(xml)).documents[0]!.records;
    expect(ibuprofen).toMatchObject({ title: 'Ibuprofen 400 mg tablet', status: 'not-done', start: '2024-02-02', details: { doNotPerform: true, orderStatus: 'active' } });
  });

  it('a care plan’s prohibited (doNotPerform) activity is said to be one that must not be done', () => {
    const plan = parseFhir(JSON.parse(fixture.toString('utf8'))).documents[0]!.records.find((r) => r.kind === 'plan')!;
    // STU3 says prohibited, R4 doNotPerform.
    expect(plan.details.comment).toBe('Activities: Walk twice a day; Kneeling (must not be done); Driving for six weeks (must not be done); Ice the knee');
  });

  it('a do-not-give medicine is never current, even with an order status of active', () => {
    const draft = parseFhir(JSON.parse(fixture.toString('utf8'))).documents[0]!.records[0]!;
    expect(readCurrent({ ...draft, sources: [], manual: false }, TODAY).current).toBe(false);
    // The same order without the flag would be current: the flag, not the dates, decides.
    const { doNotPerform: _, orderStatus: __, ...details } = draft.details;
    expect(readCurrent({ ...draft, status: 'active', details, sources: [], manual: false }, TODAY).current).toBe(true);
  });

  it.skipIf(!fs.existsSync(qualityCore))('the US Quality Core "Not Done Value Set" heparin order, field by field', () => {
    const records = parseFhir(JSON.parse(fs.readFileSync(qualityCore, 'utf8'))).documents[0]!.records;
    const heparin = records.filter((r) => r.sourceLocation === 'MedicationRequest/usqualitycore-medicationnotrequested');
    expect(heparin).toEqual([
      {
        kind: 'medication',
        title: 'Not Done Value Set: Low Dose Unfractionated Heparin for VTE Prophylaxis',
        codes: [],
        details: {
          dose: '5 ml',
          route: 'oral administration of treatment',
          frequency: '3 time(s) every 1 d',
          instructions: '1 tablet 3 times daily',
          dispenseQuantity: '100 ml',
          refills: 3,
          prescriber: 'Dr Adam Careful',
          comment: 'Reason: Health condition feared but not present',
          // The reason's code is kept beside its words (it was dropped until the tenth session).
          reason: 'Health condition feared but not present',
          reasonCodes: [{ system: 'SNOMED', code: '151811000119109', display: 'Health condition feared but not present' }],
          doNotPerform: true,
          orderStatus: 'active',
        },
        sourceLocation: 'MedicationRequest/usqualitycore-medicationnotrequested',
        status: 'not-done',
        start: '2015-03-25T19:32:52-05:00',
        end: '2015',
      },
    ]);
    // The same bundle's doNotPerform false order reads as the order it is.
    const alemtuzumab = records.filter((r) => r.kind === 'medication' && /alemtuzumab/i.test(r.title));
    expect(alemtuzumab.length).toBeGreaterThan(0);
    for (const m of alemtuzumab) expect(m.details.doNotPerform).toBeUndefined();
  });

  describe('through the API', () => {
    let t: TestApi;
    let profileId: string;
    let original: StoredEntry[];
    let bundle: { entry: { resource: Record<string, unknown> }[] };
    let copy: StoredEntry[];
    beforeAll(async () => {
      t = testApi();
      await t.call('vault.create', { passphrase: 'do not give this medicine' });
      profileId = (await t.call('profiles.add', { name: 'Tomas Example', birthDate: '1950-05-04' })).id;
      await t.call('import.files', { profileId, files: [{ name: 'orders.json', bytes: new Uint8Array(fixture) }] });
      original = await t.call('records.list', { profileId, kinds: [...ENTRY_KINDS] });
      const saved = await t.call('export.fhir', { profileId });
      const text = fs.readFileSync(saved!.savedTo, 'utf8');
      bundle = JSON.parse(text);
      const copyId = (await t.call('profiles.add', { name: 'Tomas Example (copy)', birthDate: '1950-05-04' })).id;
      await t.call('import.files', { profileId: copyId, files: [{ name: 'export.json', bytes: new TextEncoder().encode(text) }] });
      copy = await t.call('records.list', { profileId: copyId, kinds: [...ENTRY_KINDS] });
    }, 120_000);
    afterAll(() => t?.cleanup());

    it('the prohibition and the prescription of one drug stay two entries', () => {
      const warfarin = original.filter((e) => e.kind === 'medication' && e.title === 'Warfarin 5 mg tablet');
      expect(warfarin.map((e) => [e.status, e.details.doNotPerform ?? false]).sort()).toEqual([
        ['active', false],
        ['not-done', true],
      ]);
    });

    it('At a glance and the visit summary list the prescription among current medicines, never the prohibition', async () => {
      const glance = await t.call('glance.get', { profileId, today: TODAY, language: 'en' });
      const current = glance.medications.map((m) => [m.entry.title, m.entry.status]);
      expect(current).toEqual([['Warfarin 5 mg tablet', 'active']]);
      const sections = await t.call('summary.items', { profileId, language: 'en', chosenTrendTests: [] });
      const meds = sections.find((s) => s.section === 'medications')!.items;
      const prohibitionId = original.find((e) => e.details.doNotPerform && e.title.startsWith('Warfarin'))!.id;
      expect(meds.map((m) => m.id)).not.toContain(prohibitionId);
      expect(meds.map((m) => m.title)).toContain('Warfarin 5 mg tablet');
    });

    it('the FHIR export writes a MedicationRequest with doNotPerform and the order’s status, and the round trip keeps it', () => {
      const requests = bundle.entry.map((e) => e.resource).filter((r) => r['resourceType'] === 'MedicationRequest');
      expect(requests.map((r) => [(r['medicationCodeableConcept'] as { text: string }).text, r['status'], r['intent'], r['doNotPerform']]).sort()).toEqual([
        ['Aspirin 81 mg tablet', 'completed', 'order', true],
        ['Warfarin 5 mg tablet', 'active', 'order', true],
      ]);
      for (const r of requests) expect(fhirErrors(r)).toEqual([]);
      const warfarin = requests.find((r) => (r['medicationCodeableConcept'] as { text: string }).text.startsWith('Warfarin'))!;
      expect(warfarin['dispenseRequest']).toEqual({ quantity: { value: 30, unit: 'tablet' }, numberOfRepeatsAllowed: 2 });
      const meds = (list: StoredEntry[]) => list.filter((e) => e.kind === 'medication');
      const { expected, actual } = roundTrip(meds(original), meds(copy));
      expect(actual).toEqual(expected);
      const back = copy.find((e) => e.details.doNotPerform && e.title.startsWith('Warfarin'))!;
      expect(back).toMatchObject({ status: 'not-done', start: '2024-03-10', details: { orderStatus: 'active', comment: 'Reason: Active bleeding. Hold until the bleeding is controlled.' } });
      expect(copy.find((e) => e.title.startsWith('Aspirin'))).toMatchObject({ status: 'not-done', start: '2023-06-01', end: '2023-06-15' });
    });

    it('the International Patient Summary, of current medicines only, leaves the prohibition out', async () => {
      const saved = await t.call('export.ips', { profileId, language: 'en' });
      const ips = fs.readFileSync(saved!.savedTo, 'utf8');
      expect(ips).toContain('Warfarin 5 mg tablet');
      expect(ips).not.toContain('doNotPerform');
      expect(ips).not.toContain('Aspirin');
    });
  });
});
