// Every structured dosage of a medicine is kept, not only the first ("1 tablet in the morning,
// ½ in the evening"): read from FHIR (main/importers/fhir/clinical.ts), shown in order on the
// visit summary and the emergency card, and written back by the FHIR export.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import { ENTRY_KINDS, type StoredEntry } from '../../../main/records/model.ts';
import { testApi, type TestApi } from '../../export/helpers.ts';

const fixture = fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/fhir/two-dosages-bundle.json'));
const swiss = path.resolve(import.meta.dirname, '../../../../shared/corpus/ips/IPSviewer/CH_HL7CH_Examples_01.json');
const SECTIONS = { medications: true, allergies: false, problems: false, results: false, immunizations: false, vaccinesDue: false, encounters: false, procedures: false, questions: false, notes: false, education: false };
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<br>/g, ' / ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('every structured dosage', () => {
  it('the importer keeps the later dosages in order, in the first one’s shape, with when in the day', () => {
    const records = parseFhir(JSON.parse(fixture.toString('utf8'))).documents[0]!.records;
    const furosemide = records.find((r) => r.title.startsWith('Furosemide'))!;
    expect(furosemide.details).toEqual({
      dose: '1 tablet',
      route: 'Oral route',
      frequency: '1 time(s) every 1 d (MORN)',
      moreDoses: [{ dose: '0.5 tablet', route: 'Oral route', frequency: '1 time(s) every 1 d (EVE)' }],
    });
    const prednisone = records.find((r) => r.title.startsWith('Prednisone'))!;
    expect(prednisone.details.dose).toBe('3 tablet');
    expect(prednisone.details.moreDoses).toEqual([
      { dose: '2 tablet', frequency: '1 time(s) every 1 d' },
      { dose: '1 tablet', frequency: '08:00' },
    ]);
    expect(prednisone.details.instructions).toBe('3 tablets daily for 5 days; then 2 tablets daily for 5 days; then 1 tablet at 8:00');
  });

  it.skipIf(!fs.existsSync(swiss))('the Swiss IPS example: "Morgens 1 und abends 1/2": both structured dosages, after the one of words only', () => {
    const beloc = parseFhir(JSON.parse(fs.readFileSync(swiss, 'utf8'))).documents[0]!.records.find((r) => r.title.startsWith('BELOC ZOK'))!;
    expect(beloc.details).toMatchObject({
      dose: '1 Tablet (unit of presentation)',
      route: 'Oral use',
      frequency: 'MORN',
      moreDoses: [{ dose: '0.5 Tablet (unit of presentation)', route: 'Oral use', frequency: 'EVE' }],
      instructions: 'Morgens 1 und abends 1/2 Tablette nehmen',
    });
  });

  describe('through the API', () => {
    let t: TestApi;
    let profileId: string;
    let meds: StoredEntry[];
    beforeAll(async () => {
      t = testApi();
      await t.call('vault.create', { passphrase: 'two dosages of one medicine' });
      profileId = (await t.call('profiles.add', { name: 'Rosa Example', birthDate: '1941-03-02' })).id;
      await t.call('import.files', { profileId, files: [{ name: 'doses.json', bytes: new Uint8Array(fixture) }] });
      meds = (await t.call('records.list', { profileId, kinds: [...ENTRY_KINDS] })).filter((e) => e.kind === 'medication');
    }, 120_000);
    afterAll(() => t?.cleanup());

    it('the visit summary prints each dosage on a row of its own beside the one name, in order, across dose, route and how often', async () => {
      const html = await t.call('summary.html', { profileId, sections: SECTIONS, language: 'en', paper: 'Letter', chosenTrendTests: [], educationEntryIds: [], excludedEntryIds: [] });
      expect(text(html)).toContain('Furosemide 20 MG Oral Tablet 1 tablet Oral route once a day, in the morning 0.5 tablet Oral route once a day, in the evening');
      // The first dosage's boundsDuration is its own "how long", on the line under its row.
      expect(text(html)).toContain('3 tablet — once a day For 5 days 2 tablet — once a day 1 tablet — at 08:00');
    });

    it('in Spanish, how often reads in Spanish words, when in the day included', async () => {
      const html = await t.call('summary.html', { profileId, sections: SECTIONS, language: 'es', paper: 'Letter', chosenTrendTests: [], educationEntryIds: [], excludedEntryIds: [] });
      expect(text(html)).toContain('1 tablet Oral route una vez al día, por la mañana 0.5 tablet Oral route una vez al día, por la noche');
      expect(text(html)).toContain('3 tablet — una vez al día Durante 5 días 2 tablet — una vez al día 1 tablet — a las 08:00');
      expect(text(html)).not.toMatch(/time\(s\)|\bMORN\b|\bEVE\b/);
      const card = text(await t.call('card.html', { profileId, layout: 'page', language: 'es', paper: 'Letter' }));
      expect(card).toContain('1 tablet, Oral route, una vez al día, por la mañana; 0.5 tablet, Oral route, una vez al día, por la noche');
    });

    it('the emergency card gives every dosage, in order', async () => {
      const card = text(await t.call('card.html', { profileId, layout: 'page', language: 'en', paper: 'Letter' }));
      expect(card).toContain('1 tablet, Oral route, once a day, in the morning; 0.5 tablet, Oral route, once a day, in the evening');
    });

    it('the FHIR export writes every dosage and imports back as the same details', async () => {
      const saved = await t.call('export.fhir', { profileId });
      const exported = fs.readFileSync(saved!.savedTo, 'utf8');
      const statement = (JSON.parse(exported) as { entry: { resource: Record<string, unknown> }[] }).entry
        .map((e) => e.resource)
        .find((r) => r['resourceType'] === 'MedicationStatement' && JSON.stringify(r).includes('Furosemide'))!;
      expect((statement['dosage'] as unknown[]).length).toBe(2);
      // The export writes what was stored, not the words a screen reads it in.
      expect((statement['dosage'] as { timing?: { code?: { text?: string } } }[]).map((d) => d.timing?.code?.text)).toEqual(['1 time(s) every 1 d (MORN)', '1 time(s) every 1 d (EVE)']);
      const copyId = (await t.call('profiles.add', { name: 'Rosa Example (copy)', birthDate: '1941-03-02' })).id;
      await t.call('import.files', { profileId: copyId, files: [{ name: 'export.json', bytes: new TextEncoder().encode(exported) }] });
      const copy = (await t.call('records.list', { profileId: copyId, kinds: [...ENTRY_KINDS] })).filter((e) => e.kind === 'medication');
      const details = (list: StoredEntry[]) => list.map((m) => [m.title, m.details.dose, m.details.frequency, m.details.moreDoses]).sort();
      expect(details(copy)).toEqual(details(meds));
    });
  });
});
