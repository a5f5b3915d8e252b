// Advance directives through the API, as the app uses them: imported from FHIR, exported as FHIR
// Consent resources and in the IPS's Advance Directives section, imported again as the same
// entries; printed on the visit summary and the emergency card.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_KINDS, type StoredEntry } from '../../main/records/model.ts';
import { fhirErrors } from './fhir-validator.ts';
import { testApi, type TestApi } from './helpers.ts';

const fixture = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/fhir/advance-directives-bundle.json'));
type Bundle = { entry: { fullUrl: string; resource: Record<string, unknown> }[] };

const SUMMARY = { medications: true, allergies: true, problems: true, results: true, immunizations: true, vaccinesDue: false, encounters: true, procedures: true, questions: true, notes: true, education: true };

/** What a person reads: tags dropped, entities read. */
const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

const facts = (e: StoredEntry) => ({ kind: e.kind, title: e.title, codes: e.codes, status: e.status, start: e.start, end: e.end, details: e.details });

describe('advance directives: export, IPS, re-import, summary and card', () => {
  let t: TestApi;
  let profileId: string;
  let original: StoredEntry[];

  beforeAll(async () => {
    t = testApi();
    await t.call('vault.create', { passphrase: 'directives round trip' });
    profileId = (await t.call('profiles.add', { name: 'Rosa Example', birthDate: '1941-03-02' })).id;
    const report = await t.call('import.files', { profileId, files: [{ name: 'directives.json', bytes: new Uint8Array(fixture) }] });
    expect(report.files[0]?.counts?.['directives']).toMatchObject({ read: 4, new: 3, skipped: 1 });
    original = (await t.call('records.list', { profileId, kinds: [...ENTRY_KINDS] })).filter((e) => e.kind === 'directive');
  }, 120_000);

  afterAll(() => t?.cleanup());

  it('exports each directive as a valid R4 Consent that imports back as the same entry', async () => {
    const saved = await t.call('export.fhir', { profileId });
    const exported = fs.readFileSync(saved!.savedTo, 'utf8');
    const consents = (JSON.parse(exported) as Bundle).entry.map((e) => e.resource).filter((r) => r['resourceType'] === 'Consent');
    expect(consents).toHaveLength(3);
    for (const c of consents) expect(fhirErrors(c)).toEqual([]);
    const cpr = consents.find((c) => JSON.stringify(c).includes('Cardiopulmonary'))!;
    expect(cpr['provision']).toEqual({
      type: 'deny',
      code: [{ coding: [{ system: 'http://snomed.info/sct', code: '89666000', display: 'Cardiopulmonary resuscitation' }], text: 'Cardiopulmonary resuscitation' }],
      period: { end: '2029-03-15' },
    });
    expect(cpr['performer']).toEqual([{ display: 'Rosa Example' }, { display: 'Ruth Example' }]);
    expect(cpr['sourceAttachment']).toEqual({ title: 'Living will signed 15 March 2024' });
    // A rejected directive reads as refused, and is written back as FHIR's "rejected".
    const polst = consents.find((c) => JSON.stringify(c).includes('POLST'))!;
    expect(polst['status']).toBe('rejected');

    const copyId = (await t.call('profiles.add', { name: 'Rosa Example (copy)', birthDate: '1941-03-02' })).id;
    const again = await t.call('import.files', { profileId: copyId, files: [{ name: 'export.json', bytes: new TextEncoder().encode(exported) }] });
    expect(again.files[0]?.error).toBeUndefined();
    const copy = (await t.call('records.list', { profileId: copyId, kinds: [...ENTRY_KINDS] })).filter((e) => e.kind === 'directive');
    // The export adds LOINC's "advance directives" code to a category that had none of it, so any reader knows it for one.
    const withoutAdded = (e: StoredEntry) => ({ ...facts(e), codes: e.codes.filter((c) => !(c.code === '42348-3' && !original.find((o) => o.title === e.title)?.codes.some((x) => x.code === '42348-3'))) });
    const sort = (list: StoredEntry[]) => [...list].sort((a, b) => a.title.localeCompare(b.title));
    expect(sort(copy).map(withoutAdded)).toEqual(sort(original).map(facts));
  });

  it('the IPS carries an Advance Directives section with the provision in words', async () => {
    const saved = await t.call('export.ips', { profileId, language: 'es' });
    const ips = JSON.parse(fs.readFileSync(saved!.savedTo, 'utf8')) as Bundle;
    const composition = ips.entry[0]!.resource as { section: { title: string; code: { coding: { code: string }[] }; text: { div: string }; entry: unknown[] }[] };
    const section = composition.section.find((s) => s.code.coding[0]!.code === '42348-3');
    expect(section?.title).toBe('Voluntades anticipadas');
    expect(section?.entry).toHaveLength(3);
    expect(section?.text.div).toContain('Rechaza: Cardiopulmonary resuscitation');
  });

  it('the visit summary prints the directives whatever sections are ticked, active first; the card only those in force', async () => {
    const none = Object.fromEntries(Object.keys(SUMMARY).map((k) => [k, false])) as typeof SUMMARY;
    const html = text(await t.call('summary.html', { profileId, sections: none, language: 'en', paper: 'Letter', chosenTrendTests: [], educationEntryIds: [], excludedEntryIds: [] }));
    expect(html).toContain('Advance directives Directive What it says Date Status');
    expect(html).toMatch(/Advance directive: resuscitation Refuses: Cardiopulmonary resuscitation Mar 15, 2024 Active POLST form Jan 10, 2022 Rejected Advance Directive Refuses: Mechanical ventilation Jun 1, 2019 Inactive/);
    const es = text(await t.call('summary.html', { profileId, sections: SUMMARY, language: 'es', paper: 'A4', chosenTrendTests: [], educationEntryIds: [], excludedEntryIds: [] }));
    expect(es).toContain('Voluntades anticipadas Voluntad anticipada Qué indica Fecha Estado');
    expect(es).toContain('Rechaza: Cardiopulmonary resuscitation');
    expect(es).toContain('Vigente');

    const card = text(await t.call('card.html', { profileId, layout: 'page', language: 'en', paper: 'Letter' }));
    expect(card).toContain('Advance directives Advance directive: resuscitation Refuses: Cardiopulmonary resuscitation · Mar 15, 2024');
    expect(card).not.toContain('Mechanical ventilation');
    expect(card).not.toContain('POLST');
    const wallet = text(await t.call('card.html', { profileId, layout: 'wallet', language: 'es', paper: 'Letter' }));
    expect(wallet).toContain('Voluntades anticipadas');
  });
});
