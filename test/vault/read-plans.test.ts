// The read paths behind trends.series and search.entries: their query plans (seeks through
// covering indexes, never a full scan of entries or provenance), and the trend read from the
// trend_points table (migration 005) giving exactly what the whole drafts give, however the
// entries changed after it was filled.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RecordDraft } from '../../main/records/model.ts';
import { TREND_GROUPS, listTrendableTests, seriesFromFacts, seriesLoincs, trendFactFields, trendSeries, trendableTestsFromFacts, type TrendEntry } from '../../main/records/trends.ts';
import { MOLECULAR_WEIGHTS } from '../../main/records/units.ts';
import { addProvenance, getEntry, insertEntry, listTrendFacts, providersFor, updateEntry } from '../../main/vault/entries.ts';
import { migrate } from '../../main/vault/migrations/migrate.ts';
import { m004TrendFacts } from '../../main/vault/migrations/profile/004-trend-facts.ts';
import { m005TrendPoints } from '../../main/vault/migrations/profile/005-trend-points.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { m019TrendReadings } from '../../main/vault/migrations/profile/019-trend-readings.ts';
import { openEncrypted, type Connection } from '../../main/vault/sqlite.ts';
import { searchEntries } from '../../main/vault/timeline.ts';
import { recordPlans, type PlanRecorder } from '../support/query-plans.ts';
import { tempDir } from '../support/temp.ts';

const GLUCOSE = ['2345-7', '2339-0', '41653-7'];

function observation(i: number): RecordDraft {
  const draft: RecordDraft = {
    kind: i % 7 === 0 ? 'vital' : 'result',
    title: i % 2 ? 'Glucose [Mass/volume] in Serum or Plasma' : 'Glucose [Moles/volume] in Blood',
    codes: [{ system: 'LOINC', code: GLUCOSE[i % 3]!, display: 'Glucose' }],
    status: 'completed',
    details: { panel: 'Basic metabolic panel', specimen: 'Serum' },
    narrative: `Fasting glucose drawn at visit ${i}.`,
    sourceLocation: `/ClinicalDocument/component[${i}]`,
  };
  // Dates the ways drafts carry them: a start, only an end, only a planned date, or none.
  if (i % 11 === 5) draft.end = `2019-02-${String(1 + (i % 28)).padStart(2, '0')}`;
  else if (i % 13 === 6) draft.details.plannedFor = '2025-01-15';
  else if (i % 17 !== 8) draft.start = `20${String(10 + (i % 14)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}T08:15:00-05:00`;
  // Values: mg/dL, mmol/L (converted), numbers as text only, text that is not a number, none.
  if (i % 5 === 0) draft.value = { number: 5.4 + (i % 10) / 10, text: String(5.4 + (i % 10) / 10), unit: 'mmol/L' };
  else if (i % 9 === 0) draft.value = { text: '101' };
  else if (i % 19 === 0) draft.value = { text: 'see note' };
  else if (i % 23 !== 0) draft.value = { number: 80 + (i % 60) + 0.1, text: String(80 + (i % 60) + 0.1), unit: i % 4 ? 'mg/dL' : 'mg/dl' };
  if (i % 3 === 0) draft.referenceRange = { low: 70, high: 99, unit: 'mg/dL', text: '70-99' };
  else if (i % 3 === 1) draft.referenceRange = { low: 3.9, high: 5.5, unit: 'mmol/L' };
  if (i % 4 === 1) draft.interpretation = i % 8 === 1 ? 'H' : 'N';
  // A few carry two codes of the group, one of them a translation.
  if (i % 29 === 3) draft.codes.push({ system: 'LOINC', code: i % 3 === 2 ? '2345-7' : '41653-7' });
  return draft;
}

let db: Connection;
const ids: number[] = [];
let planOf: PlanRecorder['planOf'];

function expectNoFullScan(plan: string): void {
  // "SCAN e", "SCAN entries", "SCAN p USING INDEX …": any full pass over entries or provenance.
  expect(plan).not.toMatch(/^\s*SCAN (e|m|entries|p|provenance)\b/m);
}

/** What a trend gets from the whole stored entries (the reference the index read must match). */
function fromWholeDrafts(entryIds: readonly number[]): TrendEntry[] {
  return [...entryIds]
    .sort((a, b) => a - b)
    .map((id) => {
      const entry = getEntry(db, id)!;
      return { id, draft: entry, sources: [...new Set(entry.sources.map((s) => s.provider))].sort() };
    });
}

beforeAll(() => {
  const file = path.join(tempDir(), 'read-plans.db');
  db = openEncrypted(file, 'read plan passphrase', { create: true });
  migrate(db, PROFILE_MIGRATIONS, file);
  db.prepare("INSERT INTO files (id, name, format, sha256, size, bytes, imported_at) VALUES (1, 'a.xml', 'ccda', ?, 3, x'00', 'now')").run('ab'.repeat(32));
  const providers = ['Good Health Clinic', 'Riverside Hospital', 'Northside Lab'];
  providers.forEach((provider, i) =>
    db.prepare("INSERT INTO sources (id, file_id, kind, format, provider, imported_at) VALUES (?, 1, 'document', 'ccda', ?, 'now')").run(i + 1, provider),
  );
  const insertAll = (from: number, to: number) =>
    db
      .transaction(() => {
        for (let i = from; i < to; i++) {
          const draft = observation(i);
          const id = insertEntry(db, draft, [], false, 'now');
          addProvenance(db, id, 1 + (i % 3), providers[i % 3]!, draft, true);
          // Some entries seen by a second provider, some twice by the same one.
          if (i % 6 === 0) addProvenance(db, id, 1 + ((i + 1) % 3), providers[(i + 1) % 3]!, draft, true);
          if (i % 10 === 0) addProvenance(db, id, 1 + (i % 3), providers[i % 3]!, draft, false);
          ids.push(id);
        }
        // Same code, other kinds: never part of a trend.
        const note: RecordDraft = { kind: 'note', title: 'Glucose note', codes: [{ system: 'LOINC', code: '2345-7' }], start: '2020-01-01', value: { number: 1, unit: 'mg/dL' }, details: {} };
        addProvenance(db, insertEntry(db, note, [], false, 'now'), 1, providers[0]!, note, true);
      })
      .immediate();
  insertAll(0, 150);
  // These entries' trend points as migration 005 fills them for a vault written before it (in
  // SQL, from draft_json); the ones after are written by entries.ts (in JS, from the draft).
  db.exec('DROP TABLE trend_points');
  m004TrendFacts.up(db);
  m005TrendPoints.up(db);
  // Since migration 019 entries.ts writes the readings summary's columns too.
  m019TrendReadings.up(db);
  insertAll(150, 300);
  // An edit after the table exists: entries.ts rewrites the entry's trend points.
  const edited = { ...observation(7), value: { number: 250, text: '250', unit: 'mg/dL' }, interpretation: 'HH' };
  updateEntry(db, ids[7]!, edited, [], 'later');
  // A merge that adds a code of the group (the diffed path), and one more provider.
  const merged = observation(8);
  const withCode = { ...merged, codes: [...merged.codes, { system: 'LOINC', code: '2339-0' }] };
  updateEntry(db, ids[8]!, withCode, [], 'later', { draft: merged, keys: [] });
  addProvenance(db, ids[8]!, 1, providers[0]!, withCode, true);
  db.exec('ANALYZE');
  planOf = recordPlans(db).planOf;
});

afterAll(() => db.close());

describe('trend read', () => {
  test('reads one range of trend_points per code, nothing of entries or provenance', () => {
    listTrendFacts(db, GLUCOSE);
    const plan = planOf(/FROM trend_points WHERE code IN/);
    expect(plan).toMatch(/SEARCH trend_points USING PRIMARY KEY \(code=\?\)/);
    expect(plan).not.toMatch(/entries|provenance|entry_codes/);
  });

  test('gives the same entries, facts and providers as the whole drafts, old rows and new', () => {
    const read = listTrendFacts(db, GLUCOSE);
    expect(read.map((f) => f.entryId)).toEqual([...ids].sort((a, b) => a - b));
    const whole = fromWholeDrafts(ids);
    read.forEach((fact, i) => {
      const { draft, sources } = whole[i]!;
      expect(fact.sources).toEqual(sources);
      expect(draft.codes.map((c) => c.code)).toContain(fact.loinc);
      expect(fact, `entry ${fact.entryId}`).toEqual({ entryId: fact.entryId, loinc: fact.loinc, sources, ...trendFactFields(draft) });
    });
    // What the edit and the merge in beforeAll changed is what the table says.
    expect(read.find((f) => f.entryId === ids[7])).toMatchObject({ number: 250, valueText: '250', unit: 'mg/dL', interpretation: 'HH' });
    expect(listTrendFacts(db, ['2339-0']).map((f) => f.entryId)).toContain(ids[8]);
    expect(read.find((f) => f.entryId === ids[8])!.sources).toEqual(['Good Health Clinic', 'Northside Lab']);
  });

  test('a series from trend_points equals the series from the whole drafts', () => {
    for (const code of ['2345-7', '41653-7']) {
      const fromTable = seriesFromFacts(listTrendFacts(db, seriesLoincs(code)), code);
      const fromDrafts = trendSeries(fromWholeDrafts(ids), code);
      expect(fromTable).toEqual(fromDrafts);
      expect(fromTable.points.length).toBeGreaterThan(100);
      expect(fromTable.skipped.length).toBeGreaterThan(10);
    }
  });

  test('the list of trendable tests reads every result and vital with its LOINC codes', () => {
    const all = listTrendFacts(db);
    expect(new Set(all.map((f) => f.entryId)).size).toBe(ids.length);
    expect(trendableTestsFromFacts(all)).toEqual(listTrendableTests(fromWholeDrafts(ids)));
  });

  test('codes of one trend group share one molecular weight, so the code an entry matched by never changes a value', () => {
    for (const group of TREND_GROUPS) {
      expect(new Set(group.loincs.map((l) => MOLECULAR_WEIGHTS[l])).size, group.id).toBe(1);
    }
  });
});

describe('search read', () => {
  test('ranks in the FTS index, dates from entries_dates, rows and providers by seeks only', () => {
    const hits = searchEntries(db, 'glucose serum', 50);
    expect(hits).toHaveLength(50);
    const plan = planOf(/entries_fts MATCH/);
    expect(plan).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
    expect(plan).toMatch(/SEARCH m USING COVERING INDEX entries_dates \(id=\?\)/);
    expect(plan).toMatch(/SEARCH e USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expectNoFullScan(plan);
    const providers = planOf(/SELECT DISTINCT entry_id, provider FROM provenance/);
    expect(providers).toMatch(/SEARCH provenance USING COVERING INDEX provenance_entry_provider \(entry_id=\?\)/);
    expectNoFullScan(providers);
  });

  test('providersFor lists each entry’s providers once, in order', () => {
    const byEntry = providersFor(db, [ids[0]!, ids[10]!, ids[2]!]);
    expect(byEntry.get(ids[0]!)).toEqual(['Good Health Clinic', 'Riverside Hospital']);
    expect(byEntry.get(ids[10]!)).toEqual(['Riverside Hospital']);
    expect(byEntry.get(ids[2]!)).toEqual(['Northside Lab']);
  });
});
