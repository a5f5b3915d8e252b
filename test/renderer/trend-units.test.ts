// A trend series in the reader's units (renderer/components/trend-units.ts): glucose in the
// chosen unit, rounded as clinicians read it, each source's own value kept.
import { describe, expect, it } from 'vitest';
import type { TrendPoint, TrendSeries } from '../../preload/contract.ts';
import { pointsInReadersUnits, seriesInReadersUnits } from '../../renderer/components/trend-units.ts';

const GLUCOSE_LOINCS = ['2345-7', '2339-0', '15074-8', '99504-3'];

function point(entryId: number, value: number, originalValue: number, originalUnit: string, extra: Partial<TrendPoint> = {}): TrendPoint {
  return { entryId, date: `2026-01-0${entryId}`, value, originalValue, originalUnit, outOfRange: false, sources: ['Lab'], ...extra };
}

function series(unit: string, points: TrendPoint[], loincs = GLUCOSE_LOINCS): TrendSeries {
  return {
    code: loincs[0]!,
    loincs,
    byName: false,
    title: 'Glucose',
    unit,
    unitLabel: unit,
    points,
    referenceBands: [{ from: '2026-01-01', to: '2026-01-09', low: 70, high: 99 }],
    skipped: [],
    total: points.length,
    reduced: false,
  };
}

// main drew this chart in mg/dL (most values were): one written in mmol/L converted at 4 digits.
const MG = series('mg/dL', [
  point(1, 101, 101, 'mg/dL', { low: 70, high: 99 }),
  point(2, 99.09, 5.5, 'mmol/L'),
  point(3, 140, 140, 'mg/dL', { readings: { count: 96, min: 74, max: 177 } }),
]);

describe('trend series in the reader units', () => {
  it('draws a mg/dL glucose chart in mmol/L when chosen: values, ranges, bands and daily summaries', () => {
    const s = seriesInReadersUnits(MG, { units: 'us', glucose: 'mmol/L' });
    expect(s.unitLabel).toBe('mmol/L');
    expect(s.unit).toBe('mg/dL');
    expect(s.points.map((p) => p.value)).toEqual([5.6, 5.5, 7.8]);
    // A value written in mmol/L is drawn as written, not converted there and back.
    expect(s.points[1]!.value).toBe(5.5);
    expect(s.points[0]).toMatchObject({ low: 3.9, high: 5.5, originalValue: 101, originalUnit: 'mg/dL' });
    expect(s.points[2]!.readings).toEqual({ count: 96, min: 4.1, max: 9.8 });
    expect(s.referenceBands).toEqual([{ from: '2026-01-01', to: '2026-01-09', low: 3.9, high: 5.5 }]);
  });

  it('with "as most readings" keeps main\'s unit and rounds only the converted values', () => {
    const s = seriesInReadersUnits(MG, { units: 'us', glucose: 'auto' });
    expect(s.unitLabel).toBe('mg/dL');
    expect(s.points.map((p) => p.value)).toEqual([101, 99, 140]);
    expect(s.referenceBands[0]).toMatchObject({ low: 70, high: 99 });
  });

  it('draws a mmol/L chart in mg/dL when chosen', () => {
    const mmol = series('mmol/L', [point(1, 6.2, 6.2, 'mmol/L'), point(2, 5.604, 101, 'mg/dL')]);
    const s = seriesInReadersUnits(mmol, { units: 'metric', glucose: 'mg/dL' });
    expect(s.unitLabel).toBe('mg/dL');
    expect(s.points.map((p) => p.value)).toEqual([112, 101]);
  });

  it('leaves a mg/dL chart that is not glucose as it is, and still converts weights by the unit system', () => {
    const cholesterol = series('mg/dL', [point(1, 190, 190, 'mg/dL')], ['2093-3']);
    expect(seriesInReadersUnits(cholesterol, { units: 'us', glucose: 'mmol/L' })).toBe(cholesterol);
    const weight = series('kg', [point(1, 80, 80, 'kg')], ['29463-7']);
    const lb = seriesInReadersUnits(weight, { units: 'us', glucose: 'mmol/L' });
    expect(lb.unitLabel).toBe('lb');
    expect(lb.points[0]!.value).toBeCloseTo(176.37, 2);
  });

  it('converts a table page like the chart', () => {
    const page = pointsInReadersUnits(MG.points, 'mg/dL', GLUCOSE_LOINCS, { units: 'us', glucose: 'mmol/L' });
    expect(page.map((p) => p.value)).toEqual([5.6, 5.5, 7.8]);
  });
});
