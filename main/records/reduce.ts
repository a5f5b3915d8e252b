// Reducing a long series for the screen: of the points that fall in each pixel column, the
// first, the last, the lowest and the highest (M4: Jugel et al., "M4: A Visualization-Oriented
// Time Series Data Aggregation", VLDB 2014). A line through them draws the same pixels as a
// line through every point, and no extreme is ever averaged away: a night's low glucose stays
// on the chart however many readings surround it. LTTB, the other common choice, keeps the
// points that make the largest triangles, which usually but not always include the extremes.
// Pure; no Node APIs.

/**
 * Indices (ascending) of the points between `start` (inclusive) and `end` (exclusive) to draw
 * in `columns` pixel columns spanning the times t0..t1. `times` must be ascending. A point's
 * lowest and highest value are `lows[i]` and `highs[i]` (a daily summary's minimum and maximum;
 * the value itself for a single reading).
 */
export function extremesPerColumn(
  times: ArrayLike<number>,
  lows: ArrayLike<number>,
  highs: ArrayLike<number>,
  start: number,
  end: number,
  t0: number,
  t1: number,
  columns: number,
): number[] {
  const n = Math.max(0, end - start);
  if (n === 0) return [];
  const cols = Math.max(1, Math.floor(columns));
  if (n <= cols * 4) return Array.from({ length: n }, (_, i) => start + i);
  const span = t1 - t0 || 1;
  return extremesInColumns((i) => Math.min(cols - 1, Math.max(0, Math.floor(((times[i]! - t0) / span) * cols))), lows, highs, start, end);
}

/**
 * extremesPerColumn with whole days (or hours) as the unit of a column: for a chart whose
 * columns each span at least a day, the day a point was written on (`days[i]`, day numbers
 * ascending) decides its column, so every column is a run of whole days and can be reduced
 * from the days' own summaries (trend-days.ts) with the same result. The same with hours.
 */
export function extremesByDay(
  days: ArrayLike<number>,
  lows: ArrayLike<number>,
  highs: ArrayLike<number>,
  start: number,
  end: number,
  columns: number,
): number[] {
  const n = Math.max(0, end - start);
  if (n === 0) return [];
  const cols = Math.max(1, Math.floor(columns));
  if (n <= cols * 4) return Array.from({ length: n }, (_, i) => start + i);
  const day0 = days[start]!;
  const span = days[end - 1]! - day0 + 1;
  return extremesInColumns((i) => Math.min(cols - 1, Math.floor(((days[i]! - day0) * cols) / span)), lows, highs, start, end);
}

/** M4 with each point's column given by `columnOf` (non-decreasing over start..end). */
function extremesInColumns(columnOf: (i: number) => number, lows: ArrayLike<number>, highs: ArrayLike<number>, start: number, end: number): number[] {
  const picked: number[] = [];
  let column = -1;
  let first = -1;
  let last = -1;
  let min = -1;
  let max = -1;
  const flush = () => {
    if (first < 0) return;
    // At most four per column, in time order, each once.
    const four = [first, min, max, last].sort((a, b) => a - b);
    for (let k = 0; k < 4; k++) if (k === 0 || four[k] !== four[k - 1]) picked.push(four[k]!);
  };
  for (let i = start; i < end; i++) {
    const c = columnOf(i);
    if (c !== column) {
      flush();
      column = c;
      first = last = min = max = i;
      continue;
    }
    last = i;
    if (lows[i]! < lows[min]!) min = i;
    if (highs[i]! > highs[max]!) max = i;
  }
  flush();
  return picked;
}

/** The first index whose time is at or after `t` (times ascending). */
export function lowerBound(times: ArrayLike<number>, t: number): number {
  return firstIndexWhere(times, (time) => time >= t);
}

/** The first index whose time is after `t` (times ascending). */
export function upperBound(times: ArrayLike<number>, t: number): number {
  return firstIndexWhere(times, (time) => time > t);
}

/** Binary search: the first index whose time passes `test` (false for a prefix, then true). */
function firstIndexWhere(times: ArrayLike<number>, test: (time: number) => boolean): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(times[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Milliseconds of a partial date ("2024", "2024-03", "2024-03-05", a time with or without zone). */
export function timeOf(date: string): number {
  return Date.parse(date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date);
}
