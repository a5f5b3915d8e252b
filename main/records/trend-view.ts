// What a chart and its table are given of a long series: the stretch of time asked for (a
// zoom), reduced to a few points per pixel column for the chart (reduce.ts: every extreme
// kept), and every point of that stretch page by page for the table. The series itself is
// built (trends.ts) and indexed here by day and time. main/trends/ reads the same views from
// the vault's day summaries and a range of points without building the series; this module is
// the reference it is tested against, the view made from every point. Pure; no Node APIs.
import { referenceBands, type TrendPoint, type TrendSeries } from './trends.ts';
import { extremesByDay, extremesPerColumn, lowerBound, timeOf, upperBound } from './reduce.ts';
import { dayKey, dayNumber, hourKey, hourNumber } from './trend-days.ts';

/** One specimen's points (blood, or glucose in body fluid), oldest first: their times, extremes and places in the series. */
interface Part {
  /** Day numbers of the days the points were written on (trend-days.ts dayKey), and their hours (hourKey). */
  days: Float64Array;
  hours: Float64Array;
  times: Float64Array;
  lows: Float64Array;
  highs: Float64Array;
  /** Each point's index in the whole series (ascending). */
  at: Int32Array;
}

export interface IndexedSeries {
  series: TrendSeries;
  /** Every point's day number, oldest first, as in the series. */
  days: Float64Array;
  parts: Part[];
}

function partOf(points: readonly TrendPoint[], days: Float64Array, keep: (p: TrendPoint) => boolean): Part {
  const at: number[] = [];
  for (let i = 0; i < points.length; i++) if (keep(points[i]!)) at.push(i);
  const n = at.length;
  const part: Part = { days: new Float64Array(n), hours: new Float64Array(n), times: new Float64Array(n), lows: new Float64Array(n), highs: new Float64Array(n), at: Int32Array.from(at) };
  at.forEach((i, k) => {
    const p = points[i]!;
    part.days[k] = days[i]!;
    part.hours[k] = hourNumber(hourKey(p.date));
    part.times[k] = timeOf(p.date);
    part.lows[k] = p.readings ? p.readings.min : p.value;
    part.highs[k] = p.readings ? p.readings.max : p.value;
  });
  return part;
}

/** Indexes a series (its points oldest first by date as written, as trends.ts returns them). */
export function indexSeries(series: TrendSeries): IndexedSeries {
  const days = Float64Array.from(series.points, (p) => dayNumber(dayKey(p.date)));
  const fluid = series.points.some((p) => p.specimen !== undefined);
  const blood = series.points.some((p) => p.specimen === undefined);
  const parts =
    fluid && blood
      ? [partOf(series.points, days, (p) => p.specimen === undefined), partOf(series.points, days, (p) => p.specimen !== undefined)]
      : [partOf(series.points, days, () => true)];
  return { series, days, parts };
}

/**
 * Points in time order: by date as written, except that a time with a zone can sort otherwise
 * by the clock ("23:00-05:00" is after "01:00Z" the next day), which a line must follow.
 */
export function inTimeOrder<P extends { date: string; entryId: number }>(points: P[]): P[] {
  for (let i = 1; i < points.length; i++) {
    if (timeOf(points[i]!.date) < timeOf(points[i - 1]!.date)) return [...points].sort((a, b) => timeOf(a.date) - timeOf(b.date) || a.entryId - b.entryId);
  }
  return points;
}

export interface ViewRange {
  /** First day shown (YYYY-MM-DD), inclusive. */
  from?: string | undefined;
  /** Last day shown (YYYY-MM-DD), inclusive. */
  to?: string | undefined;
}

export interface TrendView extends TrendSeries {
  /** Points of the series in the range, before any reduction. */
  total: number;
  /** The points are the extremes of each pixel column rather than every point. */
  reduced: boolean;
  /** The whole series' first and last date, for zooming out. */
  first?: string;
  last?: string;
}

/** The range as day numbers, inclusive; a point is in it when the day it was written on is. */
function bounds(range: ViewRange): [number, number] {
  const day = (text: string | undefined) => (text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? dayNumber(text) : Number.NaN);
  const from = day(range.from);
  const to = day(range.to);
  return [Number.isNaN(from) ? -Infinity : from, Number.isNaN(to) ? Infinity : to];
}

/**
 * How a chart of `columns` columns reduces one specimen's `n` points written over `spanDays`
 * days: not at all (at most four a column), by whole days (a column spans a day or more), or
 * by time within days.
 */
export function reductionOf(n: number, spanDays: number, columns: number | undefined): 'none' | 'days' | 'time' {
  if (columns === undefined || n <= Math.max(1, Math.floor(columns)) * 4) return 'none';
  return spanDays >= Math.floor(columns) ? 'days' : 'time';
}

/** Within days, whether a chart reduces by whole hours: a column spans an hour or more. */
export function byHours(spanHours: number, columns: number): boolean {
  return spanHours >= Math.floor(columns);
}

/**
 * The series as a chart of `columns` pixel columns shows it over `range`: every point when
 * there are at most four a column, otherwise each specimen's first, last, lowest and highest
 * point of every column. The reference bands are those of every point in the range.
 */
export function viewOf(indexed: IndexedSeries, range: ViewRange, columns: number | undefined): TrendView {
  const { series } = indexed;
  const [t0, t1] = bounds(range);
  const chosen: number[] = [];
  let total = 0;
  let reduced = false;
  for (const part of indexed.parts) {
    const start = lowerBound(part.days, t0);
    const end = upperBound(part.days, t1);
    total += end - start;
    const how = end > start ? reductionOf(end - start, part.days[end - 1]! - part.days[start]! + 1, columns) : 'none';
    if (how === 'none') {
      for (let i = start; i < end; i++) chosen.push(part.at[i]!);
      continue;
    }
    reduced = true;
    const picks =
      how === 'days'
        ? extremesByDay(part.days, part.lows, part.highs, start, end, columns!)
        : byHours(part.hours[end - 1]! - part.hours[start]! + 1, columns!)
          ? extremesByDay(part.hours, part.lows, part.highs, start, end, columns!)
          : extremesPerColumn(part.times, part.lows, part.highs, start, end, part.times[start]!, part.times[end - 1]!, columns!);
    for (const i of picks) chosen.push(part.at[i]!);
  }
  // Places in the series are in its order: the parts' points interleave by sorting them.
  if (indexed.parts.length > 1) chosen.sort((a, b) => a - b);
  const points = series.points;
  return {
    ...series,
    points: inTimeOrder(chosen.map((i) => points[i]!)),
    referenceBands: t0 === -Infinity && t1 === Infinity ? series.referenceBands : referenceBands(points.slice(lowerBound(indexed.days, t0), upperBound(indexed.days, t1))),
    total,
    reduced,
    ...(points.length > 0 ? { first: points[0]!.date, last: points.at(-1)!.date } : {}),
  };
}

export interface TablePage {
  /** Every point of the series in the range. */
  total: number;
  offset: number;
  /** Newest first. */
  points: TrendPoint[];
}

/** Rows `offset`..`offset + limit` of the table of every point in the range, newest first. */
export function tablePage(indexed: IndexedSeries, range: ViewRange, offset: number, limit: number): TablePage {
  const [t0, t1] = bounds(range);
  const start = lowerBound(indexed.days, t0);
  const end = upperBound(indexed.days, t1);
  const total = end - start;
  const from = Math.max(0, Math.min(offset, total));
  const points: TrendPoint[] = [];
  for (let i = end - 1 - from; i >= start && points.length < limit; i--) points.push(indexed.series.points[i]!);
  return { total, offset: from, points };
}
