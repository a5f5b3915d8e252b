// At a glance (main/glance): the current rule decides the lists, the latest value of each test
// decides what is abnormal, only what is still to come is upcoming; then the same through the
// API on public sample files from several providers.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGlance, isUpcoming, latestAbnormal } from '../../main/glance/select.ts';
import type { EntryKind, ProvenanceLink, RecordDraft, StoredEntry } from '../../main/records/model.ts';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const TODAY = '2026-12-06';
let nextId = 1;

function said(provider: string, documentDate: string, fields: Partial<RecordDraft> = {}): ProvenanceLink {
  return { sourceId: nextId++, provider, format: 'ccda', documentDate, importedAt: '2026-12-01T10:00:00Z', original: { kind: 'medication', title: 'x', codes: [], details: {}, ...fields } };
}

function entry(kind: EntryKind, title: string, fields: Partial<RecordDraft> = {}, sources: ProvenanceLink[] = []): StoredEntry {
  return {
    kind,
    title,
    codes: [],
    details: {},
    ...fields,
    id: nextId++,
    manual: false,
    possibleDuplicates: [],
    sources: sources.map((s) => ({ ...s, original: { ...s.original, kind, title } })),
  };
}

const result = (title: string, start: string, value: string, interpretation?: string, loinc?: string) =>
  entry('result', title, { start, value: { number: Number(value), text: value, unit: 'mmol/L' }, ...(interpretation ? { interpretation } : {}), codes: loinc ? [{ system: 'LOINC', code: loinc }] : [] });

describe('At a glance, decided', () => {
  it('lists current medications and problems by the newest source, and every allergy any source lists as active', () => {
    const stopped = entry('medication', 'Lisinopril', {}, [said('Clinic', '2025-01-01', { status: 'active' }), said('Hospital', '2026-06-01', { status: 'stopped' })]);
    const taken = entry('medication', 'Metformin', {}, [said('Clinic', '2026-11-01', { status: 'active' })]);
    const ivOnce = entry('medication', 'Ceftriaxone', {}, [said('Hospital', '2026-06-01', { status: 'completed', start: '2026-06-01', end: '2026-06-01' })]);
    const penicillin = entry('allergy', 'Penicillin', {}, [said('Clinic', '2015-01-01', { status: 'active' }), said('Hospital', '2026-06-01', { status: 'inactive' })]);
    const old = entry('problem', 'Hypertension', {}, [said('VA', '2013-07-03', { status: 'active' })]);
    const glance = buildGlance({ today: TODAY, current: [stopped, taken, ivOnce, penicillin, old], results: [], planned: [], imports: [] });
    expect(glance.medications.map((i) => i.entry.title)).toEqual(['Metformin']);
    expect(glance.medications[0]?.reading.decidedBy).toMatchObject({ provider: 'Clinic', date: '2026-11-01' });
    expect(glance.allergies.map((i) => i.entry.title)).toEqual(['Penicillin']);
    expect(glance.allergies[0]?.reading.decidedBy).toMatchObject({ provider: 'Clinic', date: '2015-01-01' });
    expect(glance.problems.map((i) => [i.entry.title, i.reading.unconfirmedForAYear])).toEqual([['Hypertension', true]]);
  });

  it('shows the latest value of each test when it is abnormal, critical first, and says when the newest results are old', () => {
    const results = [
      result('Potassium', '2013-01-10', '6.5', 'HH', '2823-3'),
      result('K', '2012-01-10', '3.0', 'L', '2823-3'),
      result('Sodium', '2012-05-01', '150', 'H', '2951-2'),
      result('Sodium', '2013-02-01', '140', 'N', '2951-2'),
      result('Glucose', '2012-06-01', '130', 'H'),
    ];
    expect(latestAbnormal(results).map((r) => [r.entry.title, r.flag])).toEqual([
      ['Potassium', 'critical_high'],
      ['Glucose', 'high'],
    ]);
    const glance = buildGlance({ today: TODAY, current: [], results, planned: [], imports: [] });
    expect(glance.abnormal.total).toBe(2);
    expect(glance.abnormal.newestResultDay).toBe('2013-02-01');
    const fresh = buildGlance({ today: TODAY, current: [], results: [result('Potassium', '2026-11-30', '6.5', 'HH')], planned: [], imports: [] });
    expect(fresh.abnormal.newestResultDay).toBeUndefined();
  });

  it('lists advance directives in force, newest first, never one not in place, refused, inactive or hidden', () => {
    const dnr = entry('directive', 'Resuscitation', { start: '2011-02-13', details: { provisionText: 'Do not resuscitate' } });
    const polst = entry('directive', 'POLST', { start: '2024-05-01', status: 'active' });
    const negated = entry('directive', 'Life support', { status: 'not-done' });
    const rejected = entry('directive', 'Living will', { status: 'refused' });
    const old = entry('directive', 'Old proxy', { status: 'inactive' });
    const hidden: StoredEntry = { ...entry('directive', 'Hidden'), personal: [{ id: nextId++, kind: 'hidden', date: '2026-11-01', madeAt: '2026-11-01T09:00:00Z' }] };
    const glance = buildGlance({ today: TODAY, current: [dnr, polst, negated, rejected, old, hidden], results: [], planned: [], imports: [] });
    expect(glance.directives.map((e) => e.title)).toEqual(['POLST', 'Resuscitation']);
    expect(buildGlance({ today: TODAY, current: [], results: [], planned: [], imports: [] }).directives).toEqual([]);
  });

  it('counts only appointments and planned visits from today on', () => {
    const at = (kind: EntryKind, date: string | undefined, status?: string) =>
      entry(kind, `${kind} ${date ?? 'undated'}`, { ...(date ? { details: { plannedFor: date } } : {}), ...(status ? { status } : {}) });
    expect(isUpcoming(at('appointment', '2013-05-01'), TODAY)).toBe(false);
    expect(isUpcoming(at('appointment', TODAY), TODAY)).toBe(true);
    expect(isUpcoming(at('appointment', '2026-12'), TODAY)).toBe(true);
    expect(isUpcoming(at('appointment', undefined), TODAY)).toBe(false);
    expect(isUpcoming(at('encounter', '2027-01-05', 'cancelled'), TODAY)).toBe(false);
    const glance = buildGlance({ today: TODAY, current: [], results: [], planned: [at('appointment', '2027-02-01'), at('encounter', '2027-01-05'), at('appointment', '2013-05-01')], imports: [] });
    expect(glance.upcoming.map((e) => e.title)).toEqual(['encounter 2027-01-05', 'appointment 2027-02-01']);
  });
});

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus');
const FILES = [
  'va-text/amida-blue-button/VA_My_HealtheVet_Blue_Button_Sample_Version_12_5_1.txt',
  'cms-text/amida-blue-button-cms/sample.txt',
  'ccda/jddamore-ccda-samples/HealthGrid/t1fulls1.xml',
];

describe.skipIf(!FILES.every((f) => existsSync(path.join(corpus, f))))('At a glance through the API, on sample files from several providers', () => {
  it('names each provider with its last import, keeps every active allergy and finds the critical potassium', async () => {
    const api = testApi(path.join(tempDir(), 'v'));
    await ok(api, 'vault.create', { passphrase: 'correct horse battery' });
    const profile = await ok(api, 'profiles.add', { name: 'Caregiver Test', birthDate: '1950-01-01' });
    const files = FILES.map((f) => ({ name: path.basename(f), bytes: new Uint8Array(readFileSync(path.join(corpus, f))) }));
    const report = await ok(api, 'import.files', { profileId: profile.id, files, force: true });
    expect(report.files.map((f) => f.error)).toEqual([undefined, undefined, undefined]);
    await ok(api, 'records.save', { profileId: profile.id, entry: { kind: 'appointment', title: 'Kidney clinic', codes: [], details: { plannedFor: '2027-01-15' } } });
    await ok(api, 'records.save', { profileId: profile.id, entry: { kind: 'appointment', title: 'Old eye exam', codes: [], details: { plannedFor: '2013-04-01' } } });

    const glance = await ok(api, 'glance.get', { profileId: profile.id, today: TODAY });
    expect(glance.imports.map((i) => i.provider).sort()).toEqual(['Medicare (CMS)', 'Neighborhood Physicians Practice EMR', 'VA']);
    expect(glance.imports.every((i) => i.lastImportedAt.startsWith('2026-03-01'))).toBe(true);
    // Each source's allergies are there, each with the statement that decided.
    const allergies = glance.allergies.map((i) => i.entry.title);
    expect(allergies).toEqual(expect.arrayContaining(['Ampicillin', 'BACTRIM']));
    for (const item of glance.allergies) expect(item.reading.decidedBy?.provider).toBeTruthy();
    const potassium = glance.abnormal.shown.find((r) => r.entry.title === 'POTASSIUM');
    expect(potassium?.flag).toBe('critical_high');
    expect(glance.abnormal.shown[0]?.flag).toMatch(/^critical/);
    expect(glance.abnormal.newestResultDay).toBe('2015-06-22');
    expect(glance.upcoming.map((e) => e.title)).toEqual(['Kidney clinic']);
  });
});
