// What a chart and its table are given of a long series: the stretch of time asked for (a
// zoom), reduced to a few points per pixel column for the chart (reduce.ts: every extreme
// kept), and every point of that stretch page by page for the table. The series itself is
// built once (trends.ts) and indexed here by time; each zoom or page reads the index.
// Pure; no Node APIs.
import { referenceBands, type TrendPoint, type TrendSeries } from './trends.ts';
import { extremesPerColumn, lowerBound, timeOf, upperBound } from './reduce.ts';

/** One specimen's points (blood, or glucose in body fluid), oldest first: their times, extremes and places in the series. */
interface Part {
  times: Float64Array;
  lows: Float64Array;
  highs: Float64Array;
  /** Each point's index in the whole series (ascending). */
  at: Int32Array;
}

export interface IndexedSeries {
  series: TrendSeries;
  /** Every point oldest first, as in the series. */
  times: Float64Array;
  parts: Part[];
}

function partOf(points: readonly TrendPoint[], times: Float64Array, keep: (p: TrendPoint) => boolean): Part {
  const at: number[] = [];
  for (let i = 0; i < points.length; i++) if (keep(points[i]!)) at.push(i);
  const part: Part = { times: new Float64Array(at.length), lows: new Float64Array(at.length), highs: new Float64Array(at.length), at: Int32Array.from(at) };
  at.forEach((i, k) => {
    const p = points[i]!;
    part.times[k] = times[i]!;
    part.lows[k] = p.readings ? p.readings.min : p.value;
    part.highs[k] = p.readings ? p.readings.max : p.value;
  });
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
  const times = Float64Array.from(series.points, (p) => timeOf(p.date));
  const fluid = series.points.some((p) => p.specimen !== undefined);
  const blood = series.points.some((p) => p.specimen === undefined);
  const parts =
    fluid && blood
      ? [partOf(series.points, times, (p) => p.specimen === undefined), partOf(series.points, times, (p) => p.specimen !== undefined)]
      : [partOf(series.points, times, () => true)];
  return { series, times, parts };
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
  const chosen: number[] = [];
  let total = 0;
  let reduced = false;
  for (const part of indexed.parts) {
    const start = lowerBound(part.times, t0);
    const end = upperBound(part.times, t1);
    total += end - start;
    if (columns === undefined || end - start <= columns * 4) {
      for (let i = start; i < end; i++) chosen.push(part.at[i]!);
      continue;
    }
    reduced = true;
    for (const i of extremesPerColumn(part.times, part.lows, part.highs, start, end, part.times[start]!, part.times[end - 1]!, columns)) chosen.push(part.at[i]!);
  }
  // Places in the series are in time order: the parts' points interleave by sorting them.
  if (indexed.parts.length > 1) chosen.sort((a, b) => a - b);
  const points = series.points;
  return {
    ...series,
    points: chosen.map((i) => points[i]!),
    referenceBands: t0 === -Infinity && t1 === Infinity ? series.referenceBands : referenceBands(points.slice(lowerBound(indexed.times, t0), upperBound(indexed.times, t1))),
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
  const start = lowerBound(indexed.times, t0);
  const end = upperBound(indexed.times, t1);
  const total = end - start;
  const from = Math.max(0, Math.min(offset, total));
  const points: TrendPoint[] = [];
  for (let i = end - 1 - from; i >= start && points.length < limit; i--) points.push(indexed.series.points[i]!);
  return { total, offset: from, points };
}
