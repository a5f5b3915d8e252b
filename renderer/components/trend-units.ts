// A trend series in the reader's units, decided at read time: weights, temperatures and
// heights in their unit system, glucose in the glucose unit they chose. Only the values as
// drawn change (points, ranges, daily summaries' lowest and highest, bands); what each source
// wrote (`originalValue`, `originalUnit`) is kept as it came. Pure, so it is tested alone.
import type { TrendPoint, TrendSeries } from '../../preload/contract.ts';
import { inGlucoseUnit, inUnitSystem, isGlucose, roundGlucose, unitLabel, type GlucoseUnit, type UnitSystem } from '../../main/records/readable/index.ts';

export interface ReadersUnits {
  units: UnitSystem;
  glucose: GlucoseUnit;
}

type Convert = (v: number) => number;

/** mg/dL or mmol/L for a glucose chart's unit ("mg/dL", "mmol/L" as UCUM), else undefined. */
function glucoseUnitOf(unit: string): 'mg/dL' | 'mmol/L' | undefined {
  const key = unit.trim().toLowerCase();
  return key === 'mg/dl' ? 'mg/dL' : key === 'mmol/l' ? 'mmol/L' : undefined;
}

/**
 * How a series' values read in the reader's units: the label and the conversion of a value
 * in the series' unit, and for glucose the unit a point's own value may already be in.
 * Undefined when nothing changes.
 */
function plan(unit: string, loincs: readonly string[], readers: ReadersUnits): { label: string; convert: Convert; glucose?: 'mg/dL' | 'mmol/L' } | undefined {
  const chartGlucose = glucoseUnitOf(unit);
  if (chartGlucose && isGlucose(loincs)) {
    const target = readers.glucose === 'auto' ? chartGlucose : readers.glucose;
    const convert: Convert = target === chartGlucose ? (v) => v : (v) => inGlucoseUnit(v, chartGlucose, target)!.value;
    return { label: target, glucose: target, convert };
  }
  const probe = inUnitSystem(1, unit, readers.units);
  if (!probe || probe.unit === unitLabel(unit)) return undefined;
  return { label: probe.unit, convert: (v) => inUnitSystem(v, unit, readers.units)!.value };
}

/** Points in `unit` (UCUM) of a series of these LOINC codes, with their values as the reader reads them. */
export function pointsInReadersUnits(points: TrendPoint[], unit: string, loincs: readonly string[], readers: ReadersUnits): TrendPoint[] {
  const how = plan(unit, loincs, readers);
  if (!how) return points;
  const { convert, glucose } = how;
  const to = (v: number | undefined) => (v === undefined ? undefined : convert(v));
  return points.map((p) => {
    // A glucose value written in the unit read is drawn as written; one converted is rounded
    // as clinicians read glucose (mmol/L to one decimal, mg/dL whole).
    const own = glucose && glucoseUnitOf(p.originalUnit ?? '') === glucose;
    const value = own ? p.originalValue : glucose ? roundGlucose(convert(p.value), glucose) : convert(p.value);
    return {
      ...p,
      value,
      low: to(p.low),
      high: to(p.high),
      ...(p.readings ? { readings: { ...p.readings, min: convert(p.readings.min), max: convert(p.readings.max) } } : {}),
    };
  });
}

/** A series with its points, normal ranges and unit as the reader reads them. */
export function seriesInReadersUnits(series: TrendSeries, readers: ReadersUnits): TrendSeries {
  const how = plan(series.unit, series.loincs, readers);
  if (!how) return series;
  const to = (v: number | undefined) => (v === undefined ? undefined : how.convert(v));
  return {
    ...series,
    unitLabel: how.label,
    points: pointsInReadersUnits(series.points, series.unit, series.loincs, readers),
    referenceBands: series.referenceBands.map((b) => ({ ...b, low: to(b.low), high: to(b.high) })),
  };
}
