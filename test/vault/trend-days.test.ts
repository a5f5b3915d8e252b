// The day and hour summaries (migration 020) must say exactly what trend_points says after
// every kind of change (imports, edits, merges and their undoing, splits, deletions), and a
// chart or table read from them must equal the one built from every point of the series
// (records/trend-view.ts), hidden entries, mixed units and doubly coded entries included.
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { RecordDraft } from '../../main/records/model.ts';
import { indexSeries, tablePage, viewOf, type TrendView } from '../../main/records/trend-view.ts';
import { seriesFromFacts, seriesLoincs, trendGroupOf } from '../../main/records/trends.ts';
import { addProvenance, deleteEntry, insertEntry, listTrendFacts, readDraft, updateEntry } from '../../main/vault/entries.ts';
import { mergeEntries, undoMerge, splitSource } from '../../main/vault/merges.ts';
import { migrate } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { addPersonalStatement, withdrawPersonalStatement } from '../../main/vault/personal-statements.ts';
import { openEncrypted, type Connection } from '../../main/vault/sqlite.ts';
import { fillSummaries } from '../../main/vault/trend-days.ts';
import { seriesFrame, seriesTablePage, seriesView } from '../../main/vault/trend-series.ts';
import type { ApiContext } from '../../main/api/context.ts';
import { trendHandlers } from '../../main/api/trends.ts';
import { tempDir } from '../support/temp.ts';

const PROVIDERS = ['Good Health Clinic', 'Riverside Hospital', 'Northside Lab'];
let db: Connection;

beforeEach(() => {
  const file = path.join(tempDir(), 'trend-days.db');
  db = openEncrypted(file, 'trend days passphrase', { create: true });
  migrate(db, PROFILE_MIGRATIONS, file);
  db.prepare("INSERT INTO files (id, name, format, sha256, size, bytes, imported_at) VALUES (1, 'a.xml', 'ccda', ?, 3, x'00', 'now')").run('ab'.repeat(32));
  PROVIDERS.forEach((provider, i) =>
    db.prepare("INSERT INTO sources (id, file_id, kind, format, provider, imported_at) VALUES (?, 1, 'document', 'ccda', ?, 'now')").run(i + 1, provider),
  );
});

function seeded(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
}

/** A random glucose or heart-rate value: few days and values, so ties and shared days are common. */
function randomDraft(random: (n: number) => number, days: number): RecordDraft {
  const codeSets = [['2345-7'], ['2339-0'], ['15074-8'], ['99504-3'], ['14745-4'], ['2345-7', '2339-0'], ['99504-3', '2345-7'], ['8867-4'], ['2093-3']];
  const codes = codeSets[random(codeSets.length)]!;
  const glucose = trendGroupOf(codes[0]!)?.id === 'glucose';
  const day = `2024-03-${String(1 + random(days)).padStart(2, '0')}`;
  const dateKinds = [day, `${day}T${String(random(24)).padStart(2, '0')}:${String(random(4) * 15).padStart(2, '0')}:00`, `${day}T0${random(3)}:00:00-05:00`, '2024-03', '2024'];
  const start = random(12) === 0 ? undefined : dateKinds[random(8) < 6 ? 1 : random(dateKinds.length)];
  const mmol = glucose && random(2) === 0;
  const number = mmol ? (30 + random(40)) / 10 : 60 + random(40);
  const unit = random(25) === 0 ? 'kg' : random(30) === 0 ? undefined : glucose ? (mmol ? 'mmol/L' : 'mg/dL') : codes[0] === '8867-4' ? '/min' : 'mg/dL';
  const summary = random(6) === 0 ? { readings: { count: 5 + random(90), min: number - random(5), max: number + random(5) } } : {};
  const ranged = random(4) === 0 ? { referenceRange: { low: mmol ? 3.9 : 70, high: mmol ? 5.5 + random(2) : 99, unit } } : {};
  return {
    kind: random(15) === 0 ? 'note' : 'result',
    title: `Test ${codes[0]}`,
    codes: codes.map((code) => ({ system: 'LOINC', code })),
    ...(start ? { start } : {}),
    value: random(20) === 0 ? { text: 'Positive' } : { number, text: String(number), ...(unit ? { unit } : {}) },
    ...(random(10) === 0 ? { interpretation: 'H' } : {}),
    ...ranged,
    details: { ...summary },
  };
}

function add(draft: RecordDraft, provider: number): number {
  return insertEntry(db, draft, [], false, 'now', { creator: { sourceId: provider + 1, provider: PROVIDERS[provider]! } });
}

interface Row {
  code: string;
  entry_id: number;
  date: string | null;
  number: number | null;
  unit: string | null;
  readings_count: number | null;
  readings_min: number | null;
  readings_max: number | null;
}

/** The summaries worked out here from every row of trend_points, independently of the vault's code. */
function expectedSummaries(bucketOf: (date: string) => string) {
  const rows = db.prepare('SELECT code, entry_id, date, number, unit, readings_count, readings_min, readings_max FROM trend_points').all() as Row[];
  const codesOf = new Map<number, string[]>();
  for (const r of rows) codesOf.set(r.entry_id, [...(codesOf.get(r.entry_id) ?? []), r.code]);
  const buckets = new Map<string, Row[]>();
  for (const r of rows) {
    if (r.number === null || !r.date) continue;
    const group = trendGroupOf(r.code);
    if (group && codesOf.get(r.entry_id)!.some((c) => c < r.code && trendGroupOf(c) === group)) continue;
    const key = `${r.code}|${bucketOf(r.date)}|${r.unit ?? ''}`;
    buckets.set(key, [...(buckets.get(key) ?? []), r]);
  }
  const out: Record<string, unknown> = {};
  for (const [key, list] of buckets) {
    const low = (r: Row) => (r.readings_count !== null && r.readings_min !== null && r.readings_max !== null ? r.readings_min : r.number!);
    const high = (r: Row) => (r.readings_count !== null && r.readings_min !== null && r.readings_max !== null ? r.readings_max : r.number!);
    const ordered = [...list].sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : a.entry_id - b.entry_id));
    const lowest = ordered.reduce((best, r) => (low(r) < low(best) ? r : best));
    const highest = ordered.reduce((best, r) => (high(r) > high(best) ? r : best));
    out[key] = {
      count: list.length,
      low: [low(lowest), lowest.entry_id],
      high: [high(highest), highest.entry_id],
      first: [ordered[0]!.date, ordered[0]!.entry_id, ordered[0]!.number],
      last: [ordered.at(-1)!.date, ordered.at(-1)!.entry_id, ordered.at(-1)!.number],
    };
  }
  return out;
}

function keptSummaries(table: string) {
  const out: Record<string, unknown> = {};
  for (const s of db.prepare(`SELECT * FROM ${table}`).all() as Record<string, number | string>[]) {
    out[`${s.code}|${s.day}|${s.unit}`] = {
      count: s.count,
      low: [s.low, s.low_id],
      high: [s.high, s.high_id],
      first: [s.first_date, s.first_id, s.first_value],
      last: [s.last_date, s.last_id, s.last_value],
    };
  }
  return out;
}

const dayOf = (date: string) => (date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date.slice(0, 10));
const hourOf = (date: string) => `${dayOf(date)}T${date[10] === 'T' && /^\d\d$/.test(date.slice(11, 13)) ? date.slice(11, 13) : '00'}`;

function expectSummariesInStep(): void {
  expect(keptSummaries('trend_days')).toEqual(expectedSummaries(dayOf));
  expect(keptSummaries('trend_hours')).toEqual(expectedSummaries(hourOf));
}

/** The chart and table read from the vault equal those built from every point of the series. */
function expectViewsAsFromEveryPoint(code: string, random: (n: number) => number): void {
  const reference = indexSeries(seriesFromFacts(listTrendFacts(db, seriesLoincs(code)), code));
  const frame = seriesFrame(db, code);
  const ranges = [{}, { from: '2024-03-02', to: '2024-03-05' }, { from: '2024-03-01', to: '2024-03-01' }, { from: `2024-03-0${1 + random(5)}` }, { to: '2024-03-03' }];
  for (const range of ranges) {
    for (const columns of [undefined, 20, 21, 40, 100, 500]) {
      expect(seriesView(db, frame, range, columns), `${code} ${JSON.stringify(range)} ${columns}`).toEqual(viewOf(reference, range, columns));
    }
    for (const [offset, limit] of [[0, 7], [3, 5], [10, 100], [random(60), 1 + random(30)], [1000, 10]]) {
      expect(seriesTablePage(db, frame, range, offset!, limit!), `${code} table ${JSON.stringify(range)} ${offset} ${limit}`).toEqual(tablePage(reference, range, offset!, limit!));
    }
  }
}

describe('trend_days and trend_hours', () => {
  test('equal a recomputation from trend_points after inserts, edits, hides, merges and their undoing, splits and deletions', () => {
    const random = seeded(20261206);
    const ids: number[] = [];
    const merges: number[] = [];
    const statements: number[] = [];
    for (let step = 0; step < 500; step++) {
      const action = random(12);
      if (action <= 4 || ids.length < 4) {
        ids.push(add(randomDraft(random, 6), random(3)));
      } else if (action === 5) {
        const id = ids[random(ids.length)]!;
        const before = readDraft(db, id)!;
        updateEntry(db, id, { ...randomDraft(random, 6), codes: before.codes }, [], 'later', random(2) ? { draft: before, keys: [] } : undefined);
      } else if (action === 6) {
        const [keep, other] = [ids[random(ids.length)]!, ids[random(ids.length)]!];
        if (keep === other || readDraft(db, keep)!.kind !== readDraft(db, other)!.kind) continue;
        merges.push(mergeEntries(db, keep, other, 'later'));
        ids.splice(ids.indexOf(other), 1);
      } else if (action === 7 && merges.length > 0) {
        try {
          const [, back] = undoMerge(db, merges.splice(random(merges.length), 1)[0]!, 'later');
          ids.push(back.id);
        } catch {
          // A merge whose sources have moved since cannot be undone: nothing changed.
        }
      } else if (action === 8) {
        const id = ids[random(ids.length)]!;
        addProvenance(db, id, 1 + random(3), PROVIDERS[random(3)]!, readDraft(db, id)!, true);
        if (random(2) === 0) {
          try {
            const [, split] = splitSource(db, id, 1 + random(3), 'later');
            ids.push(split.id);
          } catch {
            // Only an entry with more than one source can be split.
          }
        }
      } else if (action === 9) {
        statements.push(addPersonalStatement(db, ids[random(ids.length)]!, random(2) ? 'hidden' : 'wrong', '2024-04-01', 'later', {}));
      } else if (action === 10 && statements.length > 0) {
        withdrawPersonalStatement(db, statements.splice(random(statements.length), 1)[0]!, 'later');
      } else {
        deleteEntry(db, ids.splice(random(ids.length), 1)[0]!);
      }
      if (step % 100 === 99) {
        expectSummariesInStep();
        for (const code of ['2345-7', '99504-3', '8867-4', '2093-3']) expectViewsAsFromEveryPoint(code, random);
      }
    }
    expect(Object.keys(keptSummaries('trend_days')).length).toBeGreaterThan(20);
    expect(db.prepare("SELECT count(DISTINCT unit) FROM trend_days WHERE code = '2339-0'").pluck().get()).toBeGreaterThan(1);
  });

  test('migration 020 fills them for a profile written before it, as the writer keeps them', () => {
    const random = seeded(7);
    for (let i = 0; i < 300; i++) add(randomDraft(random, 10), random(3));
    const kept = [keptSummaries('trend_days'), keptSummaries('trend_hours')];
    db.exec('DELETE FROM trend_days; DELETE FROM trend_hours');
    fillSummaries(db);
    expect([keptSummaries('trend_days'), keptSummaries('trend_hours')]).toEqual(kept);
    expectSummariesInStep();
  });

  test('a long series: reduced by days, by hours and by time, as from every point', () => {
    const random = seeded(99);
    const ids: number[] = [];
    const at = (day: number, minute: number) => {
      const d = new Date(Date.UTC(2023, 0, 1) + day * 86_400_000 + minute * 60_000).toISOString();
      return `${d.slice(0, 19)}${random(10) === 0 ? '-05:00' : ''}`;
    };
    db.transaction(() => {
      for (let i = 0; i < 4000; i++) {
        const draft = randomDraft(random, 1);
        // 300 days, and one dense day of 600 readings.
        const start = i < 600 ? at(150, random(1440)) : random(30) === 0 ? '2023-06' : at(random(300), random(1440));
        ids.push(add({ ...draft, kind: 'result', start }, random(3)));
      }
    })();
    expectSummariesInStep();
    compareAll();
    // Hidden entries: the days and hours holding them are recomputed at read time.
    for (let k = 0; k < 40; k++) addPersonalStatement(db, ids[random(ids.length)]!, 'hidden', '2024-04-01', 'later', {});
    compareAll();
  });

  test('repeated zooms through the handler: kept hour stretches serve them, and a write in between is seen', () => {
    const random = seeded(31);
    const ids: number[] = [];
    const at = (day: number) => new Date(Date.UTC(2023, 0, 1) + day * 86_400_000 + random(1440) * 60_000).toISOString().slice(0, 19);
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) ids.push(add({ ...randomDraft(random, 1), kind: 'result', start: at(random(200)) }, random(3)));
    })();
    const ctx = { requireSession: () => ({ profileDb: () => db }) } as unknown as ApiContext;
    const series = trendHandlers(ctx)['trends.series']!;
    // Zooms of 20–70 days at 100 columns reduce by hours; along, in and out, across stretches.
    const zooms = [
      { from: '2023-02-01', to: '2023-03-31' },
      { from: '2023-02-20', to: '2023-04-10' },
      { from: '2023-03-01', to: '2023-03-25' },
      { from: '2023-01-15', to: '2023-03-26' },
    ];
    const compare = (code: string) => {
      const reference = indexSeries(seriesFromFacts(listTrendFacts(db, seriesLoincs(code)), code));
      for (const range of [...zooms, ...zooms]) {
        const view = series({ profileId: 'p', code, ...range, columns: 100 }) as TrendView;
        expect(view, `${code} ${JSON.stringify(range)}`).toEqual(viewOf(reference, range, 100));
      }
    };
    // One series' frame is kept per connection: each series zoomed, written to, zoomed again.
    for (const code of ['2345-7', '99504-3', '8867-4']) {
      compare(code);
      // New extremes in the zoomed stretches, a deletion, an edit.
      for (let i = 0; i < 10; i++) {
        const draft = randomDraft(random, 1);
        ids.push(add({ ...draft, kind: 'result', codes: [{ system: 'LOINC', code }], start: at(40 + random(60)), value: { number: random(2) ? 0.01 : 9000, unit: code === '8867-4' ? '/min' : 'mg/dL' } }, random(3)));
      }
      deleteEntry(db, ids.splice(random(ids.length), 1)[0]!);
      const id = ids[random(ids.length)]!;
      updateEntry(db, id, { ...randomDraft(random, 1), kind: 'result', start: at(50), codes: readDraft(db, id)!.codes }, [], 'later');
      compare(code);
    }
  });

  function compareAll(): void {
    for (const code of ['2345-7', '99504-3', '8867-4']) {
      const reference = indexSeries(seriesFromFacts(listTrendFacts(db, seriesLoincs(code)), code));
      const frame = seriesFrame(db, code);
      for (const range of [{}, { from: '2023-03-01', to: '2023-03-20' }, { from: '2023-05-31', to: '2023-05-31' }, { from: '2023-05-30', to: '2023-06-02' }]) {
        for (const columns of [10, 25, 60, 100, 200, 640]) {
          expect(seriesView(db, frame, range, columns), `${code} ${JSON.stringify(range)} ${columns}`).toEqual(viewOf(reference, range, columns));
        }
        for (const offset of [0, 95, 1234, 2900]) expect(seriesTablePage(db, frame, range, offset, 100)).toEqual(tablePage(reference, range, offset, 100));
      }
      expect(seriesView(db, frame, {}, 10).reduced).toBe(true);
    }
  }

  test('a lowest value compares readings of one line in its two units after conversion', () => {
    // 3.0 mmol/L (54 mg/dL) is lower than 60 mg/dL though its number is smaller either way; 5.0 mmol/L (90 mg/dL) is higher than 80 mg/dL.
    const at = (h: string) => `2024-03-01T${h}:00:00`;
    const ids = [
      add({ kind: 'result', title: 'Glucose', codes: [{ system: 'LOINC', code: '2339-0' }], start: at('01'), value: { number: 60, unit: 'mg/dL' }, details: {} }, 0),
      add({ kind: 'result', title: 'Glucose', codes: [{ system: 'LOINC', code: '15074-8' }], start: at('02'), value: { number: 3, unit: 'mmol/L' }, details: {} }, 0),
      add({ kind: 'result', title: 'Glucose', codes: [{ system: 'LOINC', code: '2339-0' }], start: at('03'), value: { number: 80, unit: 'mg/dL' }, details: {} }, 0),
      add({ kind: 'result', title: 'Glucose', codes: [{ system: 'LOINC', code: '15074-8' }], start: at('04'), value: { number: 5, unit: 'mmol/L' }, details: {} }, 0),
    ];
    for (let d = 2; d <= 9; d++) add({ kind: 'result', title: 'Glucose', codes: [{ system: 'LOINC', code: '2339-0' }], start: `2024-03-0${d}`, value: { number: 70, unit: 'mg/dL' }, details: {} }, 0);
    // Eight days in two columns: the first day's lowest and highest are the mmol/L readings.
    const view = seriesView(db, seriesFrame(db, '2339-0'), {}, 2);
    expect(view.reduced).toBe(true);
    expect(view.unit).toBe('mg/dL');
    const shown = view.points.map((p) => p.entryId);
    expect(shown).toContain(ids[1]);
    expect(shown).toContain(ids[3]);
    expect(view.points.find((p) => p.entryId === ids[1])!.value).toBeCloseTo(54.05, 1);
    expect(view).toEqual(viewOf(indexSeries(seriesFromFacts(listTrendFacts(db, seriesLoincs('2339-0')), '2339-0')), {}, 2));
  });
});
