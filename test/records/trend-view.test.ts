// Reducing a long series for the screen keeps every extreme; the table holds every point; a
// zoom reduces the stretch it shows again.
import { describe, expect, it } from 'vitest';
import { extremesPerColumn, lowerBound, upperBound } from '../../main/records/reduce.ts';
import { indexSeries, tablePage, viewOf } from '../../main/records/trend-view.ts';
import type { TrendPoint, TrendSeries } from '../../main/records/trends.ts';

const START = Date.UTC(2020, 0, 1);
// Spreading 500,000 values into Math.min would overflow the stack.
const minOf = (values: Iterable<number>) => { let m = Infinity; for (const v of values) m = Math.min(m, v); return m; };
const maxOf = (values: Iterable<number>) => { let m = -Infinity; for (const v of values) m = Math.max(m, v); return m; };
const MINUTE = 60_000;

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function point(i: number, value: number, extra: Partial<TrendPoint> = {}): TrendPoint {
  return { entryId: i + 1, date: new Date(START + i * 5 * MINUTE).toISOString().replace('.000', ''), value, originalValue: value, outOfRange: false, sources: ['Sensor'], ...extra };
}

function series(points: TrendPoint[]): TrendSeries {
  return { code: '99504-3', loincs: ['99504-3'], byName: false, title: 'Glucose', unit: 'mg/dL', unitLabel: 'mg/dL', points, referenceBands: [], skipped: [] };
}

/** A noisy day-and-night series with a few sharp lows and highs at random places. */
function longSeries(n: number, seed = 7): TrendPoint[] {
  const random = seeded(seed);
  const points = Array.from({ length: n }, (_, i) => point(i, Math.round(120 + 40 * Math.sin(i / 50) + random() * 20)));
  for (let k = 0; k < 40; k++) {
    const at = Math.floor(random() * n);
    points[at] = point(at, k % 2 ? 390 + k : 40 - k / 10);
  }
  return points;
}

describe('extremesPerColumn (M4)', () => {
  it('keeps the first, last, lowest and highest point of every column, at most four a column', () => {
    const n = 500_000;
    const points = longSeries(n);
    const times = Float64Array.from(points, (p) => Date.parse(p.date));
    const values = Float64Array.from(points, (p) => p.value);
    const columns = 700;
    const kept = extremesPerColumn(times, values, values, 0, n, times[0]!, times[n - 1]!, columns);
    expect(kept.length).toBeLessThanOrEqual(columns * 4);
    expect(kept.length).toBeGreaterThan(columns);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
    const keptSet = new Set(kept);
    // Every column's extremes, computed independently here.
    const span = times[n - 1]! - times[0]!;
    const byColumn = new Map<number, { min: number; max: number; first: number; last: number }>();
    for (let i = 0; i < n; i++) {
      const c = Math.min(columns - 1, Math.floor(((times[i]! - times[0]!) / span) * columns));
      const col = byColumn.get(c);
      if (!col) byColumn.set(c, { min: values[i]!, max: values[i]!, first: i, last: i });
      else {
        col.min = Math.min(col.min, values[i]!);
        col.max = Math.max(col.max, values[i]!);
        col.last = i;
      }
    }
    for (const col of byColumn.values()) {
      expect(keptSet.has(col.first) && keptSet.has(col.last)).toBe(true);
      const keptValues = kept.slice(lowerBound(kept, col.first), upperBound(kept, col.last)).map((i) => values[i]!);
      expect(minOf(keptValues)).toBe(col.min);
      expect(maxOf(keptValues)).toBe(col.max);
    }
    // The series' own extremes (the planted lows and highs) are on the chart.
    const all = [...values];
    expect(minOf(kept.map((i) => values[i]!))).toBe(minOf(all));
    expect(maxOf(kept.map((i) => values[i]!))).toBe(maxOf(all));
  });

  it('returns every point when there are at most four a column', () => {
    const times = Float64Array.from({ length: 10 }, (_, i) => i);
    expect(extremesPerColumn(times, times, times, 2, 9, 0, 9, 3)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(extremesPerColumn(times, times, times, 5, 5, 0, 9, 3)).toEqual([]);
  });

  it('ranks a daily summary by its lowest and highest reading, not its mean', () => {
    const times = Float64Array.from({ length: 100 }, (_, i) => i);
    const lows = Float64Array.from({ length: 100 }, () => 100);
    const highs = Float64Array.from(lows);
    lows[37] = 50; // a summary whose mean is ordinary but whose lowest reading is the day's low
    highs[61] = 300;
    const kept = extremesPerColumn(times, lows, highs, 0, 100, 0, 99, 1);
    expect(kept).toEqual([0, 37, 61, 99]);
  });

  it('finds a range by binary search', () => {
    const times = [1, 2, 2, 3, 5];
    expect([lowerBound(times, 2), upperBound(times, 2), lowerBound(times, 4), upperBound(times, 9), lowerBound(times, 0)]).toEqual([1, 3, 4, 5, 0]);
  });
});

describe('viewOf and tablePage', () => {
  it('reduces 500,000 points for the screen, keeping the extremes, and says how many there are', () => {
    const points = longSeries(500_000);
    const view = viewOf(indexSeries(series(points)), {}, 800);
    expect(view.total).toBe(500_000);
    expect(view.reduced).toBe(true);
    expect(view.points.length).toBeLessThanOrEqual(3200);
    const values = points.map((p) => p.value);
    expect(minOf(view.points.map((p) => p.value))).toBe(minOf(values));
    expect(maxOf(view.points.map((p) => p.value))).toBe(maxOf(values));
    expect(view.first).toBe(points[0]!.date);
    expect(view.last).toBe(points.at(-1)!.date);
  });

  it('zooms: only the range, reduced again, its own extremes kept', () => {
    const points = longSeries(200_000, 11);
    const indexed = indexSeries(series(points));
    const from = points[50_000]!.date.slice(0, 10);
    const to = points[60_000]!.date.slice(0, 10);
    const view = viewOf(indexed, { from, to }, 300);
    const inRange = points.filter((p) => p.date.slice(0, 10) >= from && p.date.slice(0, 10) <= to);
    expect(view.total).toBe(inRange.length);
    expect(view.points.every((p) => p.date.slice(0, 10) >= from && p.date.slice(0, 10) <= to)).toBe(true);
    expect(minOf(view.points.map((p) => p.value))).toBe(minOf(inRange.map((p) => p.value)));
    expect(maxOf(view.points.map((p) => p.value))).toBe(maxOf(inRange.map((p) => p.value)));
    // A day's worth at this width is every point.
    const day = viewOf(indexed, { from, to: from }, 300);
    expect(day.reduced).toBe(false);
    expect(day.points.map((p) => p.entryId)).toEqual(points.filter((p) => p.date.startsWith(from)).map((p) => p.entryId));
  });

  it('the table holds every point of the range, newest first, page by page', () => {
    const points = longSeries(12_345, 3);
    const indexed = indexSeries(series(points));
    const seen: number[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = tablePage(indexed, {}, offset, 500);
      expect(page.total).toBe(12_345);
      if (page.points.length === 0) break;
      seen.push(...page.points.map((p) => p.entryId));
    }
    expect(seen).toEqual(points.map((p) => p.entryId).reverse());
    const from = points[1000]!.date.slice(0, 10);
    const ranged = tablePage(indexed, { from, to: from }, 0, 500);
    expect(ranged.total).toBe(points.filter((p) => p.date.startsWith(from)).length);
  });

  it('reduces sensor and blood glucose apart, so a finger-stick among sensor readings is never dropped', () => {
    const sensor = longSeries(100_000, 5).map((p) => ({ ...p, specimen: 'fluid' as const }));
    const blood = Array.from({ length: 300 }, (_, i) => point(i * 333 + 1, 150, { entryId: 1_000_000 + i }));
    const all = [...sensor, ...blood].sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || a.entryId - b.entryId);
    const view = viewOf(indexSeries(series(all)), {}, 400);
    expect(view.reduced).toBe(true);
    const shown = new Set(view.points.map((p) => p.entryId));
    expect(blood.every((p) => shown.has(p.entryId))).toBe(true);
    expect(view.total).toBe(100_300);
  });

  it('puts points in time order when a zone makes the written order differ', () => {
    const a = { ...point(0, 1), date: '2024-01-01T23:00:00-05:00', entryId: 1 };
    const b = { ...point(1, 2), date: '2024-01-02T01:00:00Z', entryId: 2 };
    const view = viewOf(indexSeries(series([a, b])), {}, 100);
    expect(view.points.map((p) => p.entryId)).toEqual([2, 1]);
  });
});
