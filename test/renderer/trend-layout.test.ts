// Where a trend chart draws: which points are marks of their own (few points, or a long line's
// flagged ones), one path per line through every point in the order of their wall-clock times,
// the zoomed days drawn whole, and the nearest point to a pointer, marked or not.
import { describe, expect, it } from 'vitest';
import type { TrendPoint, TrendSeries } from '../../preload/contract.ts';
import { layout, PAD, type ChartSeries } from '../../renderer/components/trend-layout.ts';

/** `n` readings every `minutes`, from 2025-12-25 00:00 (-05:00, as a watch writes). */
function readings(n: number, minutes: number, flagEvery = 0): TrendPoint[] {
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(Date.UTC(2025, 11, 25) + i * minutes * 60_000).toISOString().slice(0, 16);
    const value = 60 + (i % 7);
    return { entryId: i + 1, date: `${at}:00-05:00`, value, originalValue: value, originalUnit: '/min', outOfRange: false, sources: ['Watch'], ...(flagEvery && i % flagEvery === 0 ? { flag: 'high' as const } : {}) };
  });
}

function line(points: TrendPoint[], reduced = false): ChartSeries {
  const series: TrendSeries = { code: '8867-4', loincs: ['8867-4'], byName: false, title: 'Heart rate', unit: '/min', unitLabel: '/min', points, referenceBands: [], skipped: [], total: points.length, reduced };
  return { label: 'Heart rate', colour: '#1f5fa8', series };
}

describe('trend layout', () => {
  it('marks every point while marks lie 6 pixels apart on average, and at least 40', () => {
    expect(layout([line(readings(100, 60))], 720)!.placed).toHaveLength(100);
    expect(layout([line(readings(40, 60))], 300)!.placed).toHaveLength(40);
    const week = layout([line(readings(1_008, 10))], 720)!;
    expect(week.placed).toHaveLength(0);
    expect(week.unmarked).toBe(true);
    // One path through every point.
    expect(week.paths[0]!.d.match(/[ML]/g)).toHaveLength(1_008);
  });

  it("marks a long line's flagged points alone, and none when more than 200 are flagged", () => {
    const some = layout([line(readings(1_000, 10, 50))], 720)!;
    expect(some.placed).toHaveLength(20);
    expect(some.placed.every((item) => item.p.flag === 'high')).toBe(true);
    expect(layout([line(readings(1_000, 10, 4))], 720)!.placed).toHaveLength(0);
  });

  it('places points by their time as written and draws the days of a zoom whole', () => {
    const points = readings(3, 60 * 6);
    const g = layout([line(points)], 720, { from: '2025-12-25', to: '2025-12-25' })!;
    const plot = 720 - PAD.left - PAD.right;
    // 00:00, 06:00 and 12:00 of a day drawn from its midnight to the next.
    expect(g.paths[0]!.d).toBe(`M${PAD.left.toFixed(1)},${g.y(60).toFixed(1)} L${(PAD.left + plot / 4).toFixed(1)},${g.y(61).toFixed(1)} L${(PAD.left + plot / 2).toFixed(1)},${g.y(62).toFixed(1)}`);
    expect(g.time.unit).toBe('hour');
    // Out of order from main, in time order on the chart.
    const shuffled = layout([line([points[2]!, points[0]!, points[1]!])], 720, { from: '2025-12-25', to: '2025-12-25' })!;
    expect(shuffled.paths[0]!.d).toBe(g.paths[0]!.d);
  });

  it('finds the nearest point to a pointer, marked or not, within reach', () => {
    const g = layout([line(readings(1_008, 10))], 720)!;
    const target = g.nearest(PAD.left + 200, 0, 16)!;
    expect(Math.abs(target.cx - (PAD.left + 200))).toBeLessThan(1);
    expect(target.p.sources).toEqual(['Watch']);
    const sparse = layout([line(readings(3, 60 * 24 * 30))], 720)!;
    expect(sparse.nearest((PAD.left + 720 - PAD.right) / 2 + 100, 0, 16)).toBeUndefined();
  });
});
