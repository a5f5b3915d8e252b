// Negated findings and visits (C-CDA negationInd, test/fixtures/ccda/negated-findings.xml)
// through the API, as the app reads them: the timeline keeps them with their status, Trends draws
// no negated value, At a glance flags none, the visit summary prints neither the negated value
// nor the visit that did not take place, the IPS narrative says "not found", and the FHIR export
// carries the negation as a modifier extension that Chartkeeper's import reads back.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_KINDS, type StoredEntry } from '../../main/records/model.ts';
import { fhirErrors } from './fhir-validator.ts';
import { testApi, type TestApi } from './helpers.ts';

const fixture = path.resolve(import.meta.dirname, '../fixtures/ccda/negated-findings.xml');
const NO_SECTIONS = { medications: false, allergies: false, problems: false, results: false, immunizations: false, encounters: false, procedures: false, questions: false, notes: false, education: false };
const NEGATED = 'urn:chartkeeper:fhir:negated';

type Resource = Record<string, unknown>;
type Bundle = { entry: { resource: Resource }[] };
const titleOf = (r: Resource) =>
  ((r['code'] ?? (r['type'] as unknown[] | undefined)?.[0] ?? (r['condition'] as { code: unknown }[] | undefined)?.[0]?.code) as { text?: string } | undefined)?.text;

describe('negated findings and visits through the API', () => {
  let t: TestApi;
  let profileId: string;
  let entries: StoredEntry[];
  let bundle: Bundle;
  let copy: StoredEntry[];

  beforeAll(async () => {
    t = testApi();
    await t.call('vault.create', { passphrase: 'negation tests passphrase' });
    profileId = (await t.call('profiles.add', { name: 'Rosa Alvarez', birthDate: '1940-02-12' })).id;
    const report = await t.call('import.files', { profileId, files: [{ name: 'negated-findings.xml', bytes: new Uint8Array(fs.readFileSync(fixture)) }] });
    expect(report.files[0]?.error).toBeUndefined();
    entries = await t.call('records.list', { profileId, kinds: [...ENTRY_KINDS] });
    const saved = await t.call('export.fhir', { profileId });
    const text = fs.readFileSync(saved!.savedTo, 'utf8');
    bundle = JSON.parse(text) as Bundle;
    const copyId = (await t.call('profiles.add', { name: 'Rosa Alvarez (copy)', birthDate: '1940-02-12' })).id;
    const second = await t.call('import.files', { profileId: copyId, files: [{ name: 'export.json', bytes: new TextEncoder().encode(text) }] });
    expect(second.files[0]?.error).toBeUndefined();
    copy = await t.call('records.list', { profileId: copyId, kinds: [...ENTRY_KINDS] });
  }, 120_000);

  afterAll(() => t?.cleanup());

  const negatedTitles = () => entries.filter((e) => e.status === 'not-done').map((e) => e.title).sort();

  it('stores each negated entry with its status and the source’s value', async () => {
    expect(negatedTitles()).toEqual([
      'Comatose',
      'Diabetes mellitus type 2',
      'Hemoglobin A1c/Hemoglobin.total in Blood',
      'Office outpatient visit 15 minutes',
      'Streptococcus pyogenes Ag [Presence] in Throat by Rapid immunoassay',
      'Systolic blood pressure',
      'Tobacco smoking status',
    ]);
    const page = await t.call('timeline.page', { profileId, filter: {}, limit: 50 });
    const strep = page.items.find((i) => i.title.startsWith('Streptococcus'));
    expect(strep).toMatchObject({ kind: 'result', status: 'not-done', value: 'Detected' });
  });

  it('draws no negated value on a trend', async () => {
    const tests = await t.call('trends.tests', { profileId });
    expect(tests.find((x) => x.code === '4548-4')).toMatchObject({ count: 1, latestValue: 6.1, latestDate: '2023-11-05' });
    // The systolic value the source negates is no series at all; the diastolic one is.
    expect(tests.map((x) => x.code)).not.toContain('8480-6');
    expect(tests.map((x) => x.code)).toContain('8462-4');
    const series = await t.call('trends.series', { profileId, code: '4548-4' });
    expect(series.points.map((p) => p.originalValue)).toEqual([6.1]);
    expect(series.skipped).toEqual([]);
  });

  it('flags no negated result At a glance', async () => {
    const glance = await t.call('glance.get', { profileId, today: '2024-03-01' });
    expect(glance.abnormal.shown).toEqual([]);
  });

  it('prints neither a negated value nor a visit that did not take place on the visit summary', async () => {
    for (const language of ['en', 'es'] as const) {
      const html = await t.call('summary.html', { profileId, sections: { ...NO_SECTIONS, results: true, encounters: true }, language, paper: 'Letter' });
      const decimal = (n: string) => (language === 'es' ? n.replace('.', ',') : n);
      expect(html).toContain(`${decimal('6.1')}%`);
      expect(html).toContain('90 mmHg');
      expect(html).not.toContain(decimal('7.2'));
      expect(html).not.toContain('150');
      expect(html).not.toContain('Office outpatient visit');
      expect(html).not.toContain('Detected');
    }
  });

  it('says "not found" in the IPS narrative, in English and Spanish', async () => {
    const read = async (language: 'en' | 'es') => fs.readFileSync((await t.call('export.ips', { profileId, language }))!.savedTo, 'utf8');
    const en = await read('en');
    expect(en).toContain('not “Detected”');
    expect(en).toContain('Not found (the source says so)');
    expect(en).not.toMatch(/Streptococcus[^<]*: Detected/);
    const es = await read('es');
    expect(es).toContain('no «Detected»');
    expect(es).toContain('No encontrado (según la fuente)');
  });

  it('exports each negation as a modifier extension with the words in a note, valid FHIR R4', () => {
    const resources = bundle.entry.map((e) => e.resource);
    const marked = resources.filter((r) => (r['modifierExtension'] as { url: string; valueBoolean: boolean }[] | undefined)?.some((x) => x.url === NEGATED && x.valueBoolean));
    expect(marked.map(titleOf).sort()).toEqual(negatedTitles());
    const strep = marked.find((r) => titleOf(r)?.startsWith('Streptococcus'))!;
    expect(strep['note']).toEqual([{ text: 'Not found (the source says so)' }, { text: 'Reason: Procedure refused' }]);
    const visit = marked.find((r) => r['resourceType'] === 'Encounter')!;
    expect(visit['status']).toBe('cancelled');
    for (const r of marked) expect(fhirErrors(r), titleOf(r)).toEqual([]);
  });

  it('reads its own export back with the negation, the words of the mark not made a comment', () => {
    const negatedCopy = copy.filter((e) => e.status === 'not-done');
    expect(negatedCopy.map((e) => e.title).sort()).toEqual(negatedTitles());
    expect(copy.find((e) => e.title.startsWith('Streptococcus'))?.details.comment).toBe('Reason: Procedure refused');
    expect(copy.find((e) => e.title === 'Tobacco smoking status')?.details.comment).toBeUndefined();
    expect(copy.find((e) => e.kind === 'encounter')?.status).toBe('not-done');
    expect(copy.find((e) => e.kind === 'family')).toMatchObject({ status: 'not-done', details: { relation: 'Mother' } });
    expect(copy.find((e) => e.kind === 'family')?.details.comment).toBeUndefined();
  });
});
