// A trend as a chart and its table get it, read without reading the whole series: the day
// summaries (trend_days, migration 020) when each pixel column spans a day or more, the hour
// summaries when it spans an hour or more, otherwise the points of the range asked for
// through the drawable points' index; a table page seeks its day through the day summaries
// and reads that stretch. What a value reads as (converted, flagged, why it is not drawn) is
// decided by records/trends.ts for the few points sent, as for a series built from every
// point (records/trend-view.ts), which the tests hold this to.
import {
  dayColumnPicks,
  dayNumber,
  earlier,
  hourNumber,
  summarize,
  writtenDateBounds,
  type ChartDay,
  type ChosenPoint,
  type DayPoint,
  type DaySummary,
} from '../records/trend-days.ts';
import { extremesPerColumn, timeOf } from '../records/reduce.ts';
import { byHours, inTimeOrder, reductionOf, type TablePage, type TrendView, type ViewRange } from '../records/trend-view.ts';
import {
  FLUID_GLUCOSE_LOINCS,
  displayUnitOfCounts,
  pointMaker,
  referenceBands,
  seriesHead,
  seriesLoincs,
  sortUndrawn,
  trendGroupOf,
  undrawnFact,
  valueConverter,
  type DrawableFact,
  type TrendFact,
  type TrendPoint,
  type TrendSeries,
  type UndrawnValue,
} from '../records/trends.ts';
import { TREND_POINT_SELECT, trendFactOfRow, type TrendPointRow } from './entries.ts';
import { hiddenEntryIds } from './personal-statements.ts';
import type { Connection } from './sqlite.ts';
import { GRAINS, countedPointsIn, countedPointsOfEntry, earlierCodesOfGroup, statement, type StoredPoint } from './trend-days.ts';

type Grain = (typeof GRAINS)[number];

/** What every view and page of one series shares: settled once while the file is unchanged. */
export interface SeriesFrame {
  key: string;
  head: Omit<TrendSeries, 'points' | 'referenceBands' | 'skipped'>;
  skipped: UndrawnValue[];
  /** The series' codes, split by specimen: blood (and everything else), then fluid. */
  parts: string[][];
  codes: string[];
  hidden: ReadonlySet<number>;
  /** Counted points of hidden entries, under the series' codes. */
  hiddenPoints: StoredPoint[];
  /** A value in a unit as written, under a code, in the display unit; undefined when it does not convert. */
  convert: (value: number, unit: string, code: string) => number | undefined;
  /** The day summaries of the values drawn (hidden ones out, units that convert), by day. */
  days: DaySummary[];
  /** The same in the display unit, for the chart (in the same order). */
  chartDays: ChartDay[];
  first?: string;
  last?: string;
  /**
   * Points already made for a chart or table of this series (by code and entry), so zooming
   * back and redrawing read no row twice; bounded, emptied when full.
   */
  made: Map<string, TrendPoint>;
  /**
   * Hour summaries already read for zooms, in the chart's unit, by codes and stretch of
   * HOUR_CHUNK_DAYS days (most recently used last): zooming in, out and along reads only the
   * stretches not yet read. Bounded; kept with the frame, so dropped when the file changes.
   */
  hourChunks: Map<string, KeptHour[]>;
}

/** An hour summary in the chart's unit, with its hour and unit as written (for order and range). */
type KeptHour = ChartDay & { hour: string; unit: string };

/** Days per stretch of kept hour summaries, and how many stretches are kept per series (~1,300 days). */
const HOUR_CHUNK_DAYS = 32;
const HOUR_CHUNKS_KEPT = 40;

/** At most this many made points are kept per series (a few MB). */
const MADE_POINTS_KEPT = 30_000;

// The first and last values are not read here: the points chosen are read whole.
const SUMMARY_SELECT = 'SELECT code, day, unit, count, low, low_id AS lowId, low_date AS lowDate, high, high_id AS highId, high_date AS highDate, first_date AS firstDate, first_id AS firstId, last_date AS lastDate, last_id AS lastId';

function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(',');
}

/** Summaries of one grain in [lo, hi) of their keys, hidden points taken out (those buckets recomputed from their rows). */
function summariesIn(db: Connection, grain: Grain, codes: readonly string[], lo: string, hi: string, frame: Pick<SeriesFrame, 'hidden' | 'hiddenPoints'>): DaySummary[] {
  const rows = statement(db, `${SUMMARY_SELECT} FROM ${grain.table} WHERE code IN (${marks(codes.length)}) AND day >= ? AND day < ?`).all(...codes, lo, hi) as DaySummary[];
  // Rows come code by code; the chart reads them in time order.
  if (codes.length > 1) rows.sort(byDay);
  if (frame.hiddenPoints.length === 0) return rows;
  const touched = new Set<string>();
  for (const p of frame.hiddenPoints) {
    const bucket = grain.bucketOf(p.date);
    if (bucket >= lo && bucket < hi && codes.includes(p.code)) touched.add(`${p.code}\u0000${bucket}\u0000${p.unit}`);
  }
  if (touched.size === 0) return rows;
  const kept = rows.filter((r) => !touched.has(`${r.code}\u0000${r.day}\u0000${r.unit}`));
  for (const key of touched) {
    const [code, bucket, unit] = key.split('\u0000') as [string, string, string];
    const points = countedPointsIn(db, code, grain.bounds(bucket), unit).filter((p) => !frame.hidden.has(p.entryId));
    kept.push(...summarize(code, points, grain.bucketOf).filter((s) => s.day === bucket));
  }
  return kept.sort(byDay);
}

function byDay(a: DaySummary, b: DaySummary): number {
  return a.day < b.day ? -1 : a.day > b.day ? 1 : 0;
}

/**
 * Full facts of chosen points (code, entry), in any order: one statement per code, its entry
 * ids passed as one JSON array (SQLite seeks them in key order; a statement per point costs
 * twice as much for the few thousand points of a chart).
 */
function factsOf(db: Connection, chosen: readonly { code: string; entryId: number }[]): TrendFact[] {
  const lists = new Map<string, string[]>();
  const idsByCode = new Map<string, number[]>();
  for (const { code, entryId } of chosen) {
    const ids = idsByCode.get(code);
    if (ids) ids.push(entryId);
    else idsByCode.set(code, [entryId]);
  }
  const read = statement(db, `${TREND_POINT_SELECT} WHERE code = ? AND entry_id IN (SELECT value FROM json_each(?))`).raw();
  const facts: TrendFact[] = [];
  for (const [code, ids] of idsByCode) for (const row of read.all(code, JSON.stringify(ids)) as TrendPointRow[]) facts.push(trendFactOfRow(row, lists));
  return facts;
}

/** Builds the frame of the series `key` (a code of a trend group, a LOINC code or a name key). */
export function seriesFrame(db: Connection, key: string): SeriesFrame {
  const codes = seriesLoincs(key);
  const hidden = hiddenEntryIds(db);
  const codeSet = new Set(codes);
  const hiddenPoints = [...hidden].flatMap((id) => countedPointsOfEntry(db, id).filter((p) => codeSet.has(p.code)));
  const allDays = summariesIn(db, GRAINS[0], codes, '', '\uffff', { hidden, hiddenPoints });

  // The display unit: the most common among the values that can be drawn (seriesFromFacts).
  const perUnit = new Map<string, number>();
  for (const d of allDays) perUnit.set(d.unit, (perUnit.get(d.unit) ?? 0) + d.count);
  const unit = displayUnitOfCounts([...perUnit].map(([u, n]) => [u || null, n] as const), key);
  const toDisplay = valueConverter(key, unit);
  const convert = (value: number, written: string, code: string) => toDisplay(value, written || null, code);
  const failing = new Set<string>();
  for (const d of allDays) if (convert(d.low, d.unit, d.code) === undefined) failing.add(`${d.code}\u0000${d.unit}`);
  const days = allDays.filter((d) => !failing.has(`${d.code}\u0000${d.unit}`));

  // Every value not drawn: no date or no number (their own index), or a unit that does not convert.
  const lists = new Map<string, string[]>();
  const skipped: UndrawnValue[] = [];
  const undrawnFacts = (db.prepare(`${TREND_POINT_SELECT} INDEXED BY trend_points_undrawn WHERE code IN (${marks(codes.length)}) AND (number IS NULL OR date IS NULL OR date = '')`).raw().all(...codes) as TrendPointRow[]).map((row) =>
    trendFactOfRow(row, lists),
  );
  // An entry under two of the series' codes is listed once, under the first (A–Z).
  const seen = new Set<number>();
  for (const fact of undrawnFacts.sort((a, b) => (a.loinc < b.loinc ? -1 : a.loinc > b.loinc ? 1 : a.entryId - b.entryId))) {
    if (seen.has(fact.entryId) || hidden.has(fact.entryId)) continue;
    seen.add(fact.entryId);
    const why = undrawnFact(fact);
    if (why) skipped.push(why);
  }
  const makePoint = pointMaker(key, unit);
  for (const pair of failing) {
    const [code, written] = pair.split('\u0000') as [string, string];
    const earlierCodes = earlierCodesOfGroup(code);
    const rows = db
      .prepare(
        `${TREND_POINT_SELECT} t WHERE code = ? AND number IS NOT NULL AND date IS NOT NULL AND date <> '' AND coalesce(unit, '') = ?
         ${earlierCodes.length > 0 ? `AND NOT EXISTS (SELECT 1 FROM trend_points b INDEXED BY trend_points_entry WHERE b.entry_id = t.entry_id AND b.code IN (${marks(earlierCodes.length)}))` : ''}`,
      )
      .raw()
      .all(code, written, ...earlierCodes) as TrendPointRow[];
    for (const row of rows) {
      const fact = trendFactOfRow(row, lists);
      if (hidden.has(fact.entryId)) continue;
      const made = makePoint(fact as DrawableFact);
      if ('reason' in made) skipped.push(made);
    }
  }
  sortUndrawn(skipped);

  const fluid = codes.filter((c) => FLUID_GLUCOSE_LOINCS.has(c));
  const blood = codes.filter((c) => !FLUID_GLUCOSE_LOINCS.has(c));
  const has = (list: string[]) => days.some((d) => list.includes(d.code));
  const parts = has(fluid) && has(blood) ? [blood, fluid] : [codes];

  let first: DaySummary | undefined;
  let last: DaySummary | undefined;
  for (const d of days) {
    if (!first || earlier(d.firstDate, d.firstId, first.firstDate, first.firstId)) first = d;
    if (!last || earlier(last.lastDate, last.lastId, d.lastDate, d.lastId)) last = d;
  }
  return {
    key,
    head: seriesHead(key, unit, trendGroupOf(key) ? undefined : latestTitle(db, codes[0]!, hidden)),
    skipped,
    parts,
    codes,
    hidden,
    hiddenPoints,
    convert,
    days,
    chartDays: days.map((d) => chartDay(convert, d, dayNumber(d.day))),
    made: new Map(),
    hourChunks: new Map(),
    ...(first ? { first: first.firstDate } : {}),
    ...(last ? { last: last.lastDate } : {}),
  };
}

/** The title of the newest value that can be drawn and has one (of one date, the lowest entry id), hidden ones out. */
function latestTitle(db: Connection, code: string, hidden: ReadonlySet<number>): string | undefined {
  const rows = db
    .prepare(`SELECT t.entry_id, t.date, t.title FROM trend_points t INDEXED BY trend_points_drawn WHERE t.code = ? AND t.number IS NOT NULL AND t.date IS NOT NULL AND t.date <> '' AND t.title <> '' ORDER BY t.date DESC`)
    .raw()
    .iterate(code) as Iterable<[number, string, string]>;
  let best: { id: number; date: string; title: string } | undefined;
  for (const [id, date, title] of rows) {
    if (hidden.has(id)) continue;
    if (best && date !== best.date) break;
    if (!best || id < best.id) best = { id, date, title };
  }
  return best?.title;
}

/** The counted, drawn points of some codes written in the range, oldest first (by date as written, then entry). */
function pointsIn(db: Connection, frame: SeriesFrame, codes: readonly string[], bounds: readonly [string, string]): (DayPoint & { code: string })[] {
  const all: (DayPoint & { code: string })[] = [];
  for (const code of codes) {
    for (const p of countedPointsIn(db, code, bounds)) {
      if (frame.hidden.has(p.entryId) || frame.convert(p.number, p.unit, code) === undefined) continue;
      all.push({ ...p, code });
    }
  }
  if (codes.length > 1) all.sort((a, b) => (earlier(a.date, a.entryId, b.date, b.entryId) ? -1 : earlier(b.date, b.entryId, a.date, a.entryId) ? 1 : 0));
  return all;
}

function inRange(day: string, range: ViewRange): boolean {
  return (!range.from || day >= range.from) && (!range.to || day <= range.to);
}

function chartDay(convert: SeriesFrame['convert'], s: DaySummary, bucket: number): ChartDay {
  return {
    code: s.code,
    bucket,
    low: convert(s.low, s.unit, s.code)!,
    lowId: s.lowId,
    lowDate: s.lowDate,
    high: convert(s.high, s.unit, s.code)!,
    highId: s.highId,
    highDate: s.highDate,
    firstDate: s.firstDate,
    firstId: s.firstId,
    lastDate: s.lastDate,
    lastId: s.lastId,
  };
}

type HourRow = [string, string, string, number, number, string, number, number, string, string, number, string, number];

const HOUR_SELECT = 'SELECT code, day, unit, low, low_id, low_date, high, high_id, high_date, first_date, first_id, last_date, last_id FROM trend_hours';

/** The hour summaries of some codes with keys in [lo, hi), in the chart's unit (those that convert), in the table's order (code, hour, unit). */
function readHours(db: Connection, frame: SeriesFrame, codes: readonly string[], lo: string, hi: string): KeptHour[] {
  const rows = statement(db, `${HOUR_SELECT} WHERE code IN (${marks(codes.length)}) AND day >= ? AND day < ?`)
    .raw()
    .all(...codes, lo, hi) as HourRow[];
  const hours: KeptHour[] = [];
  for (const [code, hour, unit, low, lowId, lowDate, high, highId, highDate, firstDate, firstId, lastDate, lastId] of rows) {
    const l = frame.convert(low, unit, code);
    if (l === undefined) continue;
    hours.push({ code, hour, unit, bucket: hourNumber(hour), low: l, lowId, lowDate, high: frame.convert(high, unit, code)!, highId, highDate, firstDate, firstId, lastDate, lastId });
  }
  return hours;
}

const DAY_MS = 86_400_000;

function dayOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** A real calendar day of years 1000–8999: its string order is its day order, so stretches split by either agree. */
function plainDay(day: string): boolean {
  return /^[1-8]\d{3}-\d\d-\d\d$/.test(day) && dayOf(dayNumber(day)) === day;
}

/**
 * The hour summaries of [from, to] from the frame's kept stretches, reading the stretches not
 * kept yet (one statement per run of them); undefined when the range is open or too long to keep.
 */
function keptHoursIn(db: Connection, frame: SeriesFrame, codes: readonly string[], range: ViewRange): KeptHour[] | undefined {
  if (!range.from || !range.to || !plainDay(range.from) || !plainDay(range.to)) return undefined;
  const c0 = Math.floor(dayNumber(range.from) / HOUR_CHUNK_DAYS);
  const c1 = Math.floor(dayNumber(range.to) / HOUR_CHUNK_DAYS);
  if (c1 < c0 || c1 - c0 + 1 > HOUR_CHUNKS_KEPT) return undefined;
  const codesKey = codes.join(',');
  const keyOf = (c: number) => `${codesKey}\u0000${c}`;
  const chunks: KeptHour[][] = [];
  for (let c = c0; c <= c1; c++) {
    const key = keyOf(c);
    let chunk = frame.hourChunks.get(key);
    if (!chunk) {
      // The run of stretches not kept yet, read at once and split by stretch.
      let end = c;
      while (end + 1 <= c1 && !frame.hourChunks.has(keyOf(end + 1))) end++;
      // Stretch k holds the hours whose keys sort in [starts[k - c], starts[k - c + 1]), as the table compares them.
      const starts = Array.from({ length: end - c + 2 }, (_, i) => dayOf((c + i) * HOUR_CHUNK_DAYS));
      const split = starts.slice(1).map((): KeptHour[] => []);
      for (const h of readHours(db, frame, codes, starts[0]!, starts.at(-1)!)) {
        let k = 0;
        while (h.hour >= starts[k + 1]!) k++;
        split[k]!.push(h);
      }
      split.forEach((rows, i) => frame.hourChunks.set(keyOf(c + i), rows));
      chunk = frame.hourChunks.get(key)!;
    }
    // Most recently used last; the oldest dropped beyond the bound.
    frame.hourChunks.delete(key);
    frame.hourChunks.set(key, chunk);
    chunks.push(chunk);
  }
  while (frame.hourChunks.size > HOUR_CHUNKS_KEPT) frame.hourChunks.delete(frame.hourChunks.keys().next().value!);
  const lo = range.from;
  const hi = `${range.to}U`;
  const hours: KeptHour[] = [];
  for (const chunk of chunks) for (const h of chunk) if (h.hour >= lo && h.hour < hi) hours.push(h);
  return hours;
}

/** The table's order (code, hour, unit), as the rows of several codes come from one read. */
function byCodeHourUnit(a: KeptHour, b: KeptHour): number {
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  if (a.hour !== b.hour) return a.hour < b.hour ? -1 : 1;
  return a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0;
}

/** The hour summaries of the range in the chart's unit, in hour order. */
function chartHoursIn(db: Connection, frame: SeriesFrame, codes: readonly string[], range: ViewRange): ChartDay[] {
  const lo = range.from ?? '';
  const hi = range.to ? `${range.to}U` : '\uffff';
  const touched = frame.hiddenPoints.some((p) => codes.includes(p.code));
  if (touched) {
    return summariesIn(db, GRAINS[1], codes, lo, hi, frame)
      .filter((h) => frame.convert(h.low, h.unit, h.code) !== undefined)
      .map((h) => chartDay(frame.convert, h, hourNumber(h.day)));
  }
  const kept = keptHoursIn(db, frame, codes, range);
  const hours = kept ?? readHours(db, frame, codes, lo, hi);
  if (codes.length > 1) {
    // Kept stretches come stretch by stretch: back to the table's order, then hour order (a stable sort).
    if (kept) hours.sort(byCodeHourUnit);
    hours.sort((a, b) => a.bucket - b.bucket);
  }
  return hours;
}

/** The points chosen made into what the chart draws, in time order. */
function pointsOf(db: Connection, frame: SeriesFrame, chosen: readonly { code: string; entryId: number }[]): TrendPoint[] {
  const points: TrendPoint[] = [];
  const missing: { code: string; entryId: number }[] = [];
  for (const c of chosen) {
    const hit = frame.made.get(`${c.code}\u0000${c.entryId}`);
    if (hit) points.push(hit);
    else missing.push(c);
  }
  if (missing.length > 0) {
    if (frame.made.size + missing.length > MADE_POINTS_KEPT) frame.made.clear();
    const makePoint = pointMaker(frame.key, frame.head.unit);
    for (const fact of factsOf(db, missing)) {
      const made = makePoint(fact as DrawableFact);
      if (!('reason' in made)) frame.made.set(`${fact.loinc}\u0000${fact.entryId}`, made);
    }
    // One point per point asked for, as many times as asked (each id is read once).
    for (const c of missing) {
      const made = frame.made.get(`${c.code}\u0000${c.entryId}`);
      if (made) points.push(made);
    }
  }
  return points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.entryId - b.entryId));
}

/** The series as a chart of `columns` pixel columns shows it over `range` (trend-view.ts viewOf, from the vault). */
export function seriesView(db: Connection, frame: SeriesFrame, range: ViewRange, columns: number | undefined): TrendView {
  const bounds = writtenDateBounds(range.from, range.to);
  const chosen: ChosenPoint[] = [];
  let total = 0;
  let reduced = false;
  for (const codes of frame.parts) {
    const at: number[] = [];
    frame.days.forEach((d, i) => {
      if (codes.includes(d.code) && inRange(d.day, range)) at.push(i);
    });
    if (at.length === 0) continue;
    const days = at.map((i) => frame.days[i]!);
    const n = days.reduce((sum, d) => sum + d.count, 0);
    total += n;
    const day0 = dayNumber(days[0]!.day);
    const spanDays = dayNumber(days.at(-1)!.day) - day0 + 1;
    const how = reductionOf(n, spanDays, columns);
    if (how === 'days') {
      reduced = true;
      chosen.push(...dayColumnPicks(at.map((i) => frame.chartDays[i]!), columns!, day0, spanDays));
      continue;
    }
    if (how === 'time') {
      const hours = chartHoursIn(db, frame, codes, range);
      const hour0 = hours.length > 0 ? hours[0]!.bucket : 0;
      const spanHours = hours.length > 0 ? hours.at(-1)!.bucket - hour0 + 1 : 0;
      if (byHours(spanHours, columns!)) {
        reduced = true;
        chosen.push(...dayColumnPicks(hours, columns!, hour0, spanHours));
        continue;
      }
    }
    const points = pointsIn(db, frame, codes, bounds);
    if (how === 'none') {
      for (const p of points) chosen.push({ code: p.code, entryId: p.entryId, date: p.date });
      continue;
    }
    reduced = true;
    const times = Float64Array.from(points, (p) => timeOf(p.date));
    const lows = Float64Array.from(points, (p) => frame.convert(p.readingsCount !== null && p.readingsMin !== null && p.readingsMax !== null ? p.readingsMin : p.number, p.unit, p.code)!);
    const highs = Float64Array.from(points, (p) => frame.convert(p.readingsCount !== null && p.readingsMin !== null && p.readingsMax !== null ? p.readingsMax : p.number, p.unit, p.code)!);
    for (const i of extremesPerColumn(times, lows, highs, 0, points.length, times[0]!, times[points.length - 1]!, columns!)) {
      const p = points[i]!;
      chosen.push({ code: p.code, entryId: p.entryId, date: p.date });
    }
  }
  return {
    ...frame.head,
    points: inTimeOrder(pointsOf(db, frame, chosen)),
    referenceBands: bandsIn(db, frame, bounds),
    skipped: frame.skipped,
    total,
    reduced,
    ...(frame.first !== undefined && frame.last !== undefined ? { first: frame.first, last: frame.last } : {}),
  };
}

/** The reference bands of every point in the range: only points with a range matter (their own index). */
function bandsIn(db: Connection, frame: SeriesFrame, [lo, hi]: readonly [string, string]): TrendSeries['referenceBands'] {
  const chosen: { code: string; entryId: number }[] = [];
  for (const code of frame.codes) {
    const earlierCodes = earlierCodesOfGroup(code);
    const ids = statement(
      db,
      `SELECT entry_id FROM trend_points t INDEXED BY trend_points_ranged WHERE code = ? AND (low IS NOT NULL OR high IS NOT NULL) AND number IS NOT NULL AND date IS NOT NULL AND date >= ? AND date < ? AND date <> ''
         ${earlierCodes.length > 0 ? `AND NOT EXISTS (SELECT 1 FROM trend_points b INDEXED BY trend_points_entry WHERE b.entry_id = t.entry_id AND b.code IN (${marks(earlierCodes.length)}))` : ''}`,
    )
      .pluck()
      .all(code, lo, hi, ...earlierCodes) as number[];
    for (const entryId of ids) if (!frame.hidden.has(entryId)) chosen.push({ code, entryId });
  }
  return referenceBands(pointsOf(db, frame, chosen));
}

/** Rows `offset`..`offset + limit` of the table of every point in the range, newest first (trend-view.ts tablePage, from the vault). */
export function seriesTablePage(db: Connection, frame: SeriesFrame, range: ViewRange, offset: number, limit: number): TablePage {
  const days = frame.days.filter((d) => inRange(d.day, range));
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const from = Math.max(0, Math.min(offset, total));
  // Newest day first: the days holding rows from..from+limit of the table.
  const perDay = new Map<string, number>();
  for (const d of days) perDay.set(d.day, (perDay.get(d.day) ?? 0) + d.count);
  const ordered = [...perDay].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0));
  let before = 0;
  let k = 0;
  while (k < ordered.length && before + ordered[k]![1] <= from) before += ordered[k++]![1];
  if (k >= ordered.length) return { total, offset: from, points: [] };
  const newest = ordered[k]![0];
  let oldest = newest;
  let held = before;
  while (k < ordered.length && held < from + limit) {
    oldest = ordered[k]![0];
    held += ordered[k++]![1];
  }
  const points = pointsIn(db, frame, frame.codes, writtenDateBounds(oldest, newest)).reverse().slice(from - before, from - before + limit);
  const made = pointsOf(db, frame, points);
  return { total, offset: from, points: made.reverse() };
}
