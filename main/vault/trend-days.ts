// The day and hour summaries of drawable trend points (trend_days, trend_hours; migration
// 020), kept in step with trend_points by entries.ts in the same transaction: a point added
// is folded into its day and hour; a point removed lowers the count, and when it was one of
// the four points a summary names (lowest, highest, first, last), that day or hour is
// recomputed from its own rows (a bounded read through trend_points_drawn). An entry filed
// under two codes of one trend group counts under the first of them only (A–Z), as a series
// read from every point counts it (entries.ts listTrendFacts). Hidden entries are not taken
// out here: that is decided at read time (trend-series.ts), so hiding changes no summary.
import { addSummary, dayKey, hourKey, summarize, summaryOf, writtenDateBounds, writtenHourBounds, type DayPoint, type DaySummary } from '../records/trend-days.ts';
import { seriesLoincs, trendGroupOf, type TrendFactFields } from '../records/trends.ts';
import { preparedPerConnection, type Connection, type Statement } from './sqlite.ts';

/** The two summaries: by day as written, and by hour as written. */
export const GRAINS = [
  { table: 'trend_days', bucketOf: dayKey, bounds: (day: string) => writtenDateBounds(day, day) },
  { table: 'trend_hours', bucketOf: hourKey, bounds: writtenHourBounds },
] as const;

/** A stored point as the summaries see it (a row of trend_points). */
export interface StoredPoint extends DayPoint {
  code: string;
}

/** Whether a point can be drawn: it has a date and a number. */
export function drawable(fields: Pick<TrendFactFields, 'date' | 'number'>): boolean {
  return fields.number !== null && typeof fields.date === 'string' && fields.date !== '';
}

/**
 * Whether an entry's point under `code` is the one its series counts: no other of the entry's
 * codes of the same trend group sorts before it.
 */
export function countedCode(code: string, entryCodes: readonly string[]): boolean {
  const group = trendGroupOf(code);
  if (!group) return true;
  return !entryCodes.some((other) => other < code && trendGroupOf(other) === group);
}

/** The codes of `code`'s trend group that sort before it: an entry under one of them is counted there. */
export function earlierCodesOfGroup(code: string): string[] {
  return trendGroupOf(code) ? seriesLoincs(code).filter((other) => other < code) : [];
}

const statementCache = new WeakMap<Connection, Map<string, Statement>>();

/** A statement prepared once per connection (the SQL of views and pages repeats). */
export function statement(db: Connection, sql: string): Statement {
  let byText = statementCache.get(db);
  if (!byText) statementCache.set(db, (byText = new Map()));
  let prepared = byText.get(sql);
  if (!prepared) byText.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}

const COLUMNS = 'code, day, unit, count, low, low_id, low_date, high, high_id, high_date, first_date, first_id, first_value, last_date, last_id, last_value';

interface GrainStatements {
  upsert: Statement;
  replace: Statement;
  get: Statement;
  decrement: Statement;
  remove: Statement;
}

function grainStatements(db: Connection, table: string): GrainStatements {
  const earlierOf = (a: string) => `(excluded.${a}_date < ${a}_date OR (excluded.${a}_date = ${a}_date AND excluded.${a}_id < ${a}_id))`;
  return {
    // Of equal extremes the earlier point stays (trend-days.ts addSummary); every expression
    // reads the row as it was.
    upsert: db.prepare(
      `INSERT INTO ${table} (${COLUMNS}) VALUES (:code, :day, :unit, 1, :low, :id, :date, :high, :id, :date, :date, :id, :number, :date, :id, :number)
       ON CONFLICT (code, day, unit) DO UPDATE SET count = count + 1,
         low_id = CASE WHEN excluded.low < low OR (excluded.low = low AND ${earlierOf('low')}) THEN excluded.low_id ELSE low_id END,
         low_date = CASE WHEN excluded.low < low OR (excluded.low = low AND ${earlierOf('low')}) THEN excluded.low_date ELSE low_date END,
         low = min(low, excluded.low),
         high_id = CASE WHEN excluded.high > high OR (excluded.high = high AND ${earlierOf('high')}) THEN excluded.high_id ELSE high_id END,
         high_date = CASE WHEN excluded.high > high OR (excluded.high = high AND ${earlierOf('high')}) THEN excluded.high_date ELSE high_date END,
         high = max(high, excluded.high),
         first_id = CASE WHEN ${earlierOf('first')} THEN excluded.first_id ELSE first_id END,
         first_value = CASE WHEN ${earlierOf('first')} THEN excluded.first_value ELSE first_value END,
         first_date = CASE WHEN ${earlierOf('first')} THEN excluded.first_date ELSE first_date END,
         last_id = CASE WHEN (excluded.last_date > last_date OR (excluded.last_date = last_date AND excluded.last_id > last_id)) THEN excluded.last_id ELSE last_id END,
         last_value = CASE WHEN (excluded.last_date > last_date OR (excluded.last_date = last_date AND excluded.last_id > last_id)) THEN excluded.last_value ELSE last_value END,
         last_date = CASE WHEN (excluded.last_date > last_date OR (excluded.last_date = last_date AND excluded.last_id > last_id)) THEN excluded.last_date ELSE last_date END`,
    ),
    replace: db.prepare(
      `INSERT OR REPLACE INTO ${table} (${COLUMNS}) VALUES (:code, :day, :unit, :count, :low, :lowId, :lowDate, :high, :highId, :highDate, :firstDate, :firstId, :firstValue, :lastDate, :lastId, :lastValue)`,
    ),
    get: db.prepare(`SELECT count, low_id, high_id, first_id, last_id FROM ${table} WHERE code = ? AND day = ? AND unit = ?`),
    decrement: db.prepare(`UPDATE ${table} SET count = count - 1 WHERE code = ? AND day = ? AND unit = ?`),
    remove: db.prepare(`DELETE FROM ${table} WHERE code = ? AND day = ? AND unit = ?`),
  };
}

const statements = preparedPerConnection((db) => ({
  grains: GRAINS.map((grain) => ({ ...grain, s: grainStatements(db, grain.table) })),
  pointsOfEntry: db.prepare(
    'SELECT code, entry_id, date, number, unit, readings_count, readings_min, readings_max FROM trend_points INDEXED BY trend_points_entry WHERE entry_id = ?',
  ),
}));

type PointRow = [string, number, string | null, number | null, string | null, number | null, number | null, number | null];

function pointOf(row: PointRow): StoredPoint & { drawable: boolean } {
  const [code, entryId, date, number, unit, readingsCount, readingsMin, readingsMax] = row;
  return { code, entryId, date: date ?? '', number: number ?? 0, unit: unit ?? '', readingsCount, readingsMin, readingsMax, drawable: drawable({ date, number }) };
}

/** The entry's stored points that its series count (drawable, under the counted code). */
export function countedPointsOfEntry(db: Connection, entryId: number): StoredPoint[] {
  const points = (statements(db).pointsOfEntry.raw().all(entryId) as PointRow[]).map(pointOf);
  const codes = points.map((p) => p.code);
  return points.filter((p) => p.drawable && countedCode(p.code, codes));
}

/** The counted points of an entry's draft fields under its trend keys. */
export function countedPointsOf(entryId: number, keys: readonly string[], fields: TrendFactFields): StoredPoint[] {
  if (!drawable(fields)) return [];
  return keys
    .filter((code) => countedCode(code, keys))
    .map((code) => ({
      code,
      entryId,
      date: fields.date!,
      number: fields.number!,
      unit: fields.unit ?? '',
      readingsCount: fields.readingsCount,
      readingsMin: fields.readingsMin,
      readingsMax: fields.readingsMax,
    }));
}

/** Whether two lists of counted points say the same to the summaries. */
export function samePoints(a: readonly StoredPoint[], b: readonly StoredPoint[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i]!;
      return p.code === q.code && p.entryId === q.entryId && p.date === q.date && p.number === q.number && p.unit === q.unit && p.readingsCount === q.readingsCount && p.readingsMin === q.readingsMin && p.readingsMax === q.readingsMax;
    })
  );
}

/** Folds counted points (already in trend_points) into their days and hours. */
export function addToSummaries(db: Connection, points: readonly StoredPoint[]): void {
  for (const grain of statements(db).grains) {
    for (const p of points) {
      const s = summaryOf(p.code, p, grain.bucketOf);
      grain.s.upsert.run({ code: p.code, day: s.day, unit: s.unit, low: s.low, high: s.high, id: p.entryId, date: p.date, number: p.number });
    }
  }
}

/** Takes counted points (already gone from trend_points) out of their days and hours. */
export function removeFromSummaries(db: Connection, points: readonly StoredPoint[]): void {
  for (const grain of statements(db).grains) {
    for (const p of points) {
      const bucket = summaryOf(p.code, p, grain.bucketOf).day;
      const row = grain.s.get.get(p.code, bucket, p.unit) as { count: number; low_id: number; high_id: number; first_id: number; last_id: number } | undefined;
      if (!row) continue;
      if (row.count <= 1) grain.s.remove.run(p.code, bucket, p.unit);
      else if (row.low_id === p.entryId || row.high_id === p.entryId || row.first_id === p.entryId || row.last_id === p.entryId) {
        recomputeBucket(db, grain, p.code, bucket, p.unit);
      } else grain.s.decrement.run(p.code, bucket, p.unit);
    }
  }
}

/** The counted points of one code written within `bounds` (writtenDateBounds), oldest first. */
export function countedPointsIn(db: Connection, code: string, [lo, hi]: readonly [string, string], unit?: string): DayPoint[] {
  const earlierCodes = earlierCodesOfGroup(code);
  const rows = statement(
    db,
    `SELECT entry_id, date, number, unit, readings_count, readings_min, readings_max FROM trend_points t INDEXED BY trend_points_drawn
     WHERE code = ? AND number IS NOT NULL AND date IS NOT NULL AND date >= ? AND date < ? AND date <> ''
     ${earlierCodes.length > 0 ? `AND NOT EXISTS (SELECT 1 FROM trend_points b INDEXED BY trend_points_entry WHERE b.entry_id = t.entry_id AND b.code IN (${earlierCodes.map(() => '?').join(',')}))` : ''}
     ORDER BY date, entry_id`,
  )
    .raw()
    .all(code, lo, hi, ...earlierCodes) as [number, string, number, string | null, number | null, number | null, number | null][];
  const points: DayPoint[] = [];
  for (const [entryId, date, number, u, readingsCount, readingsMin, readingsMax] of rows) {
    if (unit !== undefined && (u ?? '') !== unit) continue;
    points.push({ entryId, date, number, unit: u ?? '', readingsCount, readingsMin, readingsMax });
  }
  return points;
}

function recomputeBucket(db: Connection, grain: (typeof GRAINS)[number] & { s: GrainStatements }, code: string, bucket: string, unit: string): void {
  const points = countedPointsIn(db, code, grain.bounds(bucket), unit);
  const [summary] = summarize(code, points, grain.bucketOf).filter((s) => s.day === bucket);
  if (summary) grain.s.replace.run(summary);
  else grain.s.remove.run(code, bucket, unit);
}

/** The codes trend_points has rows under, A–Z (one seek each). */
export function codesWithPoints(db: Connection): string[] {
  const next = db.prepare('SELECT min(code) FROM trend_points WHERE code > ?').pluck();
  const codes: string[] = [];
  for (let code = next.get('') as string | null; code !== null; code = next.get(code) as string | null) codes.push(code);
  return codes;
}

/** Fills both summary tables from trend_points, one pass over each code's rows (migration 020). */
export function fillSummaries(db: Connection): void {
  const writers = GRAINS.map((g) => grainStatements(db, g.table).replace);
  eachCodeSummarized(db, (_code, byGrain) => byGrain.forEach((summaries, i) => {
    for (const s of summaries.values()) writers[i]!.run(s);
  }));
}

/** Summaries of every code, both grains, from its counted rows; `each` sees them code by code. */
function eachCodeSummarized(db: Connection, each: (code: string, byGrain: Map<string, DaySummary>[]) => void): void {
  for (const code of codesWithPoints(db)) {
    const earlierCodes = earlierCodesOfGroup(code);
    const rows = db
      .prepare(
        `SELECT code, entry_id, date, number, unit, readings_count, readings_min, readings_max FROM trend_points t
         WHERE code = ? AND number IS NOT NULL AND date IS NOT NULL AND date <> ''
         ${earlierCodes.length > 0 ? `AND NOT EXISTS (SELECT 1 FROM trend_points b INDEXED BY trend_points_entry WHERE b.entry_id = t.entry_id AND b.code IN (${earlierCodes.map(() => '?').join(',')}))` : ''}`,
      )
      .raw()
      .iterate(code, ...earlierCodes) as Iterable<PointRow>;
    // Folding is order-free (trend-days.ts addSummary), so rows come in the table's order.
    const byGrain = GRAINS.map(() => new Map<string, DaySummary>());
    for (const row of rows) {
      const point = pointOf(row);
      GRAINS.forEach((grain, i) => {
        const s = summaryOf(code, point, grain.bucketOf);
        const key = `${s.day}\u0000${s.unit}`;
        const into = byGrain[i]!.get(key);
        if (into) addSummary(into, s);
        else byGrain[i]!.set(key, s);
      });
    }
    // The statement is done before anything is written.
    each(code, byGrain);
  }
}
