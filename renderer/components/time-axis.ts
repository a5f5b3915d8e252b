// The ticks of a chart's time axis, at the unit the stretch shown spans: hours across a day,
// days across a week or a month, months across a year, years across a whole record. Ticks sit
// on calendar boundaries of the wall-clock times the chart places points at (wallClockMs), so
// "6:00 AM" is where the 6 o'clock readings are. Pure.
import type { AxisUnit } from '../../main/records/readable/index.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface AxisTick {
  ms: number;
  /**
   * The tick also says the larger unit: a day or month its year (the first tick, and where the
   * year changes), the first hour its day (a midnight tick says its day anyway).
   */
  full: boolean;
}

export interface TimeTicks {
  unit: AxisUnit;
  ticks: AxisTick[];
}

interface Step {
  unit: AxisUnit;
  /** Every `n` units. */
  n: number;
}

// Finest first: the first that fits the width is used.
const STEPS: Step[] = [
  ...[1, 2, 3, 4, 6, 12].map((n) => ({ unit: 'hour' as const, n })),
  ...[1, 2, 7, 14].map((n) => ({ unit: 'day' as const, n })),
  ...[1, 2, 3, 6].map((n) => ({ unit: 'month' as const, n })),
  ...[1, 2, 5, 10, 20, 50, 100].map((n) => ({ unit: 'year' as const, n })),
];

/** The first boundary of the step at or after `t0` (months and years by the calendar, hours and days by the clock). */
function firstAt(t0: number, { unit, n }: Step): number {
  if (unit === 'hour') return Math.ceil(t0 / (n * HOUR)) * n * HOUR;
  // Days counted from 1970, so a tick stays on the same day while the range moves by weeks.
  if (unit === 'day') return Math.ceil(t0 / (n * DAY)) * n * DAY;
  const d = new Date(t0);
  if (unit === 'month') {
    const months = d.getUTCFullYear() * 12 + d.getUTCMonth();
    const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    const first = start < t0 ? months + 1 : months;
    const aligned = Math.ceil(first / n) * n;
    return Date.UTC(Math.floor(aligned / 12), aligned % 12, 1);
  }
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const year = Math.ceil((start < t0 ? d.getUTCFullYear() + 1 : d.getUTCFullYear()) / n) * n;
  return new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(year);
}

function next(ms: number, { unit, n }: Step): number {
  if (unit === 'hour') return ms + n * HOUR;
  if (unit === 'day') return ms + n * DAY;
  const d = new Date(ms);
  if (unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1);
  return new Date(ms).setUTCFullYear(d.getUTCFullYear() + n);
}

function ticksOf(t0: number, t1: number, step: Step, most: number): number[] | undefined {
  const out: number[] = [];
  for (let ms = firstAt(t0, step); ms <= t1; ms = next(ms, step)) {
    if (out.length === most) return undefined;
    out.push(ms);
  }
  return out;
}

/**
 * Up to `most` ticks (or as many as fit the unit's labels) between `t0` and `t1` (wall-clock milliseconds) at the finest step that
 * fits (a stretch shorter than two hours gets its ends, labelled by the time).
 */
export function timeTicks(t0: number, t1: number, most: number | ((unit: AxisUnit) => number)): TimeTicks {
  const limitOf = typeof most === 'number' ? () => most : most;
  for (const step of STEPS) {
    const ms = ticksOf(t0, t1, step, Math.max(2, limitOf(step.unit)));
    if (!ms) continue;
    if (ms.length >= 2 || (ms.length === 1 && step !== STEPS[0])) return { unit: step.unit, ticks: withYears(ms, step.unit) };
    return { unit: 'hour', ticks: withYears(t1 > t0 ? [t0, t1] : [t0], 'hour') };
  }
  return { unit: 'year', ticks: withYears([t0, t1], 'year') };
}

function withYears(ms: number[], unit: AxisUnit): AxisTick[] {
  return ms.map((t, i) => ({
    ms: t,
    full: unit === 'hour' ? i === 0 : unit !== 'year' && (i === 0 || new Date(t).getUTCFullYear() !== new Date(ms[i - 1]!).getUTCFullYear()),
  }));
}
