// The list of tests read through the drawable-points index (main/vault/trend-tests.ts) says
// exactly what the list built from every fact says, whatever mix of codes, groups, names,
// hidden entries and undrawable values the profile holds; and migration 019 gives glucose
// daily means imported before it their lowest and highest reading.
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { RecordDraft } from '../../main/records/model.ts';
import { seriesFromFacts, seriesLoincs, trendableTestsFromFacts } from '../../main/records/trends.ts';
import { insertEntry, listTrendFacts } from '../../main/vault/entries.ts';
import { migrate } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { addPersonalStatement } from '../../main/vault/personal-statements.ts';
import { openEncrypted, type Connection } from '../../main/vault/sqlite.ts';
import { listTrendTests } from '../../main/vault/trend-tests.ts';
import { tempDir } from '../support/temp.ts';

let db: Connection;
let file: string;

beforeEach(() => {
  file = path.join(tempDir(), 'trend-tests.db');
  db = openEncrypted(file, 'trend tests passphrase', { create: true });
});

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const CODES = ['2345-7', '2339-0', '99504-3', '14745-4', '8867-4', '8480-6', '4548-4', '17856-6', '718-7', '1234-5'];

function randomDraft(r: () => number, i: number): RecordDraft {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const roll = r();
  const codes = roll < 0.1 ? [] : roll < 0.2 ? [pick(CODES), pick(CODES)] : [pick(CODES)];
  const day = `20${10 + Math.floor(r() * 15)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
  return {
    kind: r() < 0.8 ? 'result' : 'vital',
    title: codes.length === 0 ? pick(['POTASSIUM', 'Potassium', 'Sodium']) : r() < 0.1 ? '' : `Test ${i}`,
    codes: codes.map((code) => ({ system: 'LOINC', code })),
    ...(r() < 0.05 ? {} : { start: r() < 0.5 ? day : `${day}T0${Math.floor(r() * 9)}:00:00-05:00` }),
    value: r() < 0.07 ? { text: 'Positive' } : { number: Math.round(r() * 200), unit: pick(['mg/dL', 'mmol/L', '%', '/min']) },
    details: codes.length === 0 && r() < 0.5 ? { specimen: 'Urine' } : {},
  };
}

describe('listTrendTests', () => {
  test('equals the list built from every fact, hidden entries and doubly coded entries included', () => {
    migrate(db, PROFILE_MIGRATIONS, file);
    const r = seeded(42);
    const ids: number[] = [];
    for (let i = 0; i < 1500; i++) ids.push(insertEntry(db, randomDraft(r, i), [], false, 'now'));
    expect(listTrendTests(db)).toEqual(trendableTestsFromFacts(listTrendFacts(db)));
    for (const id of ids.filter(() => r() < 0.08)) addPersonalStatement(db, id, r() < 0.5 ? 'wrong' : 'hidden', '2026-01-01', 'now', {});
    const expected = trendableTestsFromFacts(listTrendFacts(db));
    expect(expected.length).toBeGreaterThan(5);
    expect(listTrendTests(db)).toEqual(expected);
  });

  test('reads the counts from the day summaries in their own order, not from every point', () => {
    migrate(db, PROFILE_MIGRATIONS, file);
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT code, sum(count) AS n FROM trend_days GROUP BY code').all() as { detail: string }[])
      .map((row) => row.detail)
      .join('\n');
    expect(plan).toContain('SCAN trend_days');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});

describe('migration 019', () => {
  test('a glucose daily mean imported before it gets its lowest and highest reading from the comment Chartkeeper wrote, and draws as a range', () => {
    migrate(db, PROFILE_MIGRATIONS.filter((m) => m.version < 19), file);
    const comment = 'Daily summary of 96 sensor readings from FreeStyle Libre 2 (2024-03-01T00:07 to 2024-03-01T23:52): minimum 4.1, mean 6.2, maximum 9.8 mmol/L.';
    const summary: RecordDraft = {
      kind: 'result',
      title: 'Glucose (sensor), daily mean',
      codes: [{ system: 'LOINC', code: '14745-4' }],
      start: '2024-03-01',
      value: { number: 6.2, text: '6.2', unit: 'mmol/L' },
      details: { comment },
    };
    const meter: RecordDraft = { ...summary, title: 'Glucose (meter)', codes: [{ system: 'LOINC', code: '2339-0' }], start: '2024-03-01T08:00', value: { number: 112, text: '112', unit: 'mg/dL' }, details: {} };
    // Written as entries.ts wrote them before migration 019 (no readings columns).
    const insert = db.prepare(
      "INSERT INTO trend_points (code, entry_id, kind, date, title, number, value_text, unit, low, high, range_unit, interpretation, providers) VALUES (?, ?, 'result', ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, '[]')",
    );
    for (const [id, draft] of [[1, summary], [2, meter]] as const) {
      db.prepare("INSERT INTO entries (id, kind, title, sort_date, draft_json, source_count, manual, created_at, updated_at) VALUES (?, 'result', ?, ?, ?, 1, 0, 'now', 'now')").run(id, draft.title, draft.start, JSON.stringify(draft));
      insert.run(draft.codes![0]!.code, id, draft.start, draft.title, draft.value!.number, draft.value!.text, draft.value!.unit);
    }
    migrate(db, PROFILE_MIGRATIONS, file);
    const series = seriesFromFacts(listTrendFacts(db, seriesLoincs('2345-7')), '2345-7');
    expect(series.unit).toBe('mg/dL');
    const day = series.points.find((p) => p.entryId === 1)!;
    // mmol/L to mg/dL by glucose's molar mass, 180.16 g/mol: ×18.016 (to the four significant digits a converted value keeps).
    expect(day.readings?.count).toBe(96);
    expect(day.readings?.min).toBeCloseTo(4.1 * 18.016, 1);
    expect(day.readings?.max).toBeCloseTo(9.8 * 18.016, 1);
    expect(day.value).toBeCloseTo(6.2 * 18.016, 1);
    expect(day.specimen).toBe('fluid');
    expect(series.points.find((p) => p.entryId === 2)!.specimen).toBeUndefined();
  });
});
