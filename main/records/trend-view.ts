// What a chart and its table are given of a long series: the stretch of time asked for (a
// zoom), reduced to a few points per pixel column for the chart (reduce.ts: every extreme
// kept), and every point of that stretch page by page for the table. The series itself is
// built once (trends.ts) and indexed here by time; each zoom or page reads the index.
// Pure; no Node APIs.
import { referenceBands, type TrendPoint, type TrendSeries } from './trends.ts';
import { extremesPerColumn, lowerBound, timeOf, upperBound } from './reduce.ts';

/** One specimen's points (blood, or glucose in body fluid), oldest first, with their times and extremes. */
interface Part {
  points: TrendPoint[];
  times: Float64Array;
  lows: Float64Array;
  highs: Float64Array;
}

export interface IndexedSeries {
  series: TrendSeries;
  /** Every point oldest first, as in the series. */
  times: Float64Array;
  parts: Part[];
}

function partOf(points: TrendPoint[]): Part {
  const n = points.length;
  const part: Part = { points, times: new Float64Array(n), lows: new Float64Array(n), highs: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    part.times[i] = timeOf(p.date);
    part.lows[i] = p.readings ? p.readings.min : p.value;
    part.highs[i] = p.readings ? p.readings.max : p.value;
  }
  return part;
}

/** Indexes a series (its points oldest first, as trends.ts returns them). */
export function indexSeries(given: TrendSeries): IndexedSeries {
  // trends.ts orders points by their date as written; a time with a zone can sort otherwise
  // by the clock ("23:00-05:00" is after "01:00Z" the next day), and the index needs time order.
  let series = given;
  for (let i = 1; i < given.points.length; i++) {
    if (timeOf(given.points[i]!.date) < timeOf(given.points[i - 1]!.date)) {
      series = { ...given, points: [...given.points].sort((a, b) => timeOf(a.date) - timeOf(b.date) || a.entryId - b.entryId) };
      break;
    }
  }
  const blood = series.points.filter((p) => p.specimen === undefined);
  const fluid = series.points.filter((p) => p.specimen !== undefined);
  const whole = partOf(series.points);
  const parts = fluid.length === 0 ? [whole] : blood.length === 0 ? [whole] : [partOf(blood), partOf(fluid)];
  return { series, times: whole.times, parts };
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

function bounds(range: ViewRange): [number, number] {
  const from = range.from ? Date.parse(`${range.from}T00:00:00`) : -Infinity;
  const to = range.to ? Date.parse(`${range.to}T23:59:59.999`) : Infinity;
  return [Number.isNaN(from) ? -Infinity : from, Number.isNaN(to) ? Infinity : to];
}

/**
 * The series as a chart of `columns` pixel columns shows it over `range`: every point when
 * there are at most four a column, otherwise each specimen's first, last, lowest and highest
 * point of every column. The reference bands are those of every point in the range.
 */
export function viewOf(indexed: IndexedSeries, range: ViewRange, columns: number | undefined): TrendView {
  const { series } = indexed;
  const [t0, t1] = bounds(range);
  const selected: TrendPoint[] = [];
  let total = 0;
  let reduced = false;
  for (const part of indexed.parts) {
    const start = lowerBound(part.times, t0);
    const end = upperBound(part.times, t1);
    total += end - start;
    if (columns === undefined || end - start <= columns * 4) {
      for (let i = start; i < end; i++) selected.push(part.points[i]!);
      continue;
    }
    reduced = true;
    const first = part.times[start]!;
    const last = part.times[end - 1]!;
    for (const i of extremesPerColumn(part.times, part.lows, part.highs, start, end, first, last, columns)) selected.push(part.points[i]!);
  }
  if (indexed.parts.length > 1) selected.sort((a, b) => timeOf(a.date) - timeOf(b.date) || a.entryId - b.entryId);
  const inRange = indexed.parts.length === 1 ? indexed.parts[0]!.points.slice(lowerBound(indexed.times, t0), upperBound(indexed.times, t1)) : undefined;
  return {
    ...series,
    points: selected,
    referenceBands: referenceBands(inRange ?? series.points.filter((p) => inside(timeOf(p.date), t0, t1))),
    total,
    reduced,
    ...(series.points.length > 0 ? { first: series.points[0]!.date, last: series.points.at(-1)!.date } : {}),
  };
}

const inside = (t: number, t0: number, t1: number) => t >= t0 && t <= t1;

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
  const start = lowerBound(indexed.times, t0);
  const end = upperBound(indexed.times, t1);
  const total = end - start;
  const from = Math.max(0, Math.min(offset, total));
  const points: TrendPoint[] = [];
  for (let i = end - 1 - from; i >= start && points.length < limit; i--) points.push(indexed.series.points[i]!);
  return { total, offset: from, points };
}
