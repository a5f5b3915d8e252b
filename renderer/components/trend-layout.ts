// Where a trend chart draws everything, from its lines and its width: the value and time
// scales, the normal-range bands, one path per line, the daily summaries' ranges, which points
// are marks of their own, and the nearest point to a pointer. Pure (no React, no DOM), so the
// chart lays out once per series and width, and the rules are tested on their own.
import type { TrendPoint, TrendSeries } from '../../preload/contract.ts';
import { wallClockMs, type AxisUnit } from '../../main/records/readable/index.ts';
import { timeTicks, type TimeTicks } from './time-axis.ts';

export interface ChartSeries {
  label: string;
  colour: string;
  series: TrendSeries;
  /** Drawn as a thinner line, so a dense sensor stream does not hide the readings beside it. */
  thin?: boolean;
}

/** Above this many flagged points of a long line, none is drawn one by one (hovering and the table read them). */
const MARKS_OF_FLAGGED_UP_TO = 200;

export const PAD = { top: 30, right: 20, bottom: 40, left: 56 };
const MIN_WIDTH = 300;

function niceTicks(min: number, max: number, count = 5): number[] {
  if (min === max) {
    const d = Math.abs(min) * 0.1 || 1;
    min -= d;
    max += d;
  }
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  // From the step at or below min up to the first step at or above max, so no point is clipped.
  for (let v = Math.floor(min / step) * step; ticks.length < 50; v += step) {
    ticks.push(Number(v.toPrecision(12)));
    if (v >= max) break;
  }
  return ticks;
}

export interface Placed {
  key: string;
  line: ChartSeries;
  p: TrendPoint;
  cx: number;
  cy: number;
}

export interface Geometry {
  W: number;
  H: number;
  unit: string;
  title: string;
  ticks: number[];
  time: TimeTicks;
  y: (v: number) => number;
  xT: (ms: number) => number;
  bands: { key: string; x: number; width: number; y: number; height: number }[];
  paths: { key: string; d: string; colour: string; thin: boolean }[];
  /** Daily summaries' ranges, lowest to highest reading. */
  ranges: { key: string; d: string; colour: string }[];
  /** The points drawn as marks of their own, left to right: the order the arrow keys follow. */
  placed: Placed[];
  byKey: Map<string, Placed>;
  /** Some points are drawn by the line alone, without a mark of their own. */
  unmarked: boolean;
  /** Every point (marked or not) nearest a pointer `x` within `reach` pixels: what hovering the line reads. */
  nearest(x: number, y: number, reach: number): Placed | undefined;
  /** Every point drawn, marked or not, left to right: what the arrow keys walk on a line drawn as one path. */
  walk(): Placed[];
}

/**
 * Each point is a mark of its own (a pointer target and a keyboard stop) while the marks are
 * on average this many pixels apart or more; closer, they only cover each other and the line.
 */
const PIXELS_PER_MARK = 6;
/** Pixels a time axis label needs at each unit, with a gap: "Mar 2, 12:00 PM" first, "Dec 28, 2025", "Sep 2025", "2025". */
const TICK_ROOM: Record<AxisUnit, number> = { hour: 80, day: 90, month: 72, year: 64 };

/** However narrow the chart, this many points are always marked one by one. */
const EVERY_MARK_UP_TO = 40;

/** A line's points with their wall-clock times, in time order. */
function timed(points: readonly TrendPoint[]): { p: TrendPoint; ms: number }[] {
  const out = points.map((p) => ({ p, ms: wallClockMs(p.date) })).filter((item) => !Number.isNaN(item.ms));
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.ms < out[i - 1]!.ms) return out.sort((a, b) => a.ms - b.ms);
  }
  return out;
}

/**
 * `domain`: the days asked for (a zoom), drawn whole even where they hold no point; without
 * it the axis runs from the first point to the last.
 */
export function layout(lines: ChartSeries[], width: number, domain?: { from?: string; to?: string }): Geometry | undefined {
  const byLine = lines.map((l) => timed(l.series.points));
  if (byLine.every((l) => l.length === 0)) return undefined;
  const W = Math.max(MIN_WIDTH, width);
  const H = Math.round(Math.min(340, Math.max(240, W * 0.45)));
  const plotW = W - PAD.left - PAD.right;
  // Loops rather than Math.min(...): a reduced series is still thousands of points.
  let vMin = Infinity;
  let vMax = -Infinity;
  let tMin = Infinity;
  let tMax = -Infinity;
  for (const line of byLine) {
    for (const { p, ms } of line) {
      vMin = Math.min(vMin, p.readings ? p.readings.min : p.value);
      vMax = Math.max(vMax, p.readings ? p.readings.max : p.value);
      tMin = Math.min(tMin, ms);
      tMax = Math.max(tMax, ms);
    }
  }
  for (const l of lines) {
    for (const b of l.series.referenceBands) {
      for (const v of [b.low, b.high]) {
        if (typeof v !== 'number') continue;
        vMin = Math.min(vMin, v);
        vMax = Math.max(vMax, v);
      }
    }
  }
  if (domain?.from) tMin = Math.min(tMin, wallClockMs(domain.from));
  if (domain?.to) tMax = Math.max(tMax, wallClockMs(domain.to) + 86_400_000);
  if (tMin === tMax) {
    tMin -= 86_400_000 * 30;
    tMax += 86_400_000 * 30;
  }
  const ticks = niceTicks(vMin, vMax);
  const yMin = ticks[0]!;
  const yMax = ticks.at(-1)!;
  const xT = (ms: number) => PAD.left + ((ms - tMin) / (tMax - tMin)) * plotW;
  const y = (v: number) => PAD.top + (1 - (v - yMin) / (yMax - yMin || 1)) * (H - PAD.top - PAD.bottom);
  const clampT = (d: string) => Math.min(Math.max(wallClockMs(d), tMin), tMax);
  // Band i holds from its first point until the next band begins; the first from the left
  // edge, the last to the right edge, so a range the sources gave reads as in force over time.
  const bands = lines.flatMap((l, li) =>
    l.series.referenceBands.map((b, i, list) => {
      const next = list[i + 1];
      const x1 = i === 0 ? PAD.left : xT(clampT(b.from));
      const x2 = next ? xT(clampT(next.from)) : W - PAD.right;
      const top = y(b.high ?? yMax);
      const bottom = y(b.low ?? yMin);
      return { key: `${li}-${i}`, x: x1, width: Math.max(x2 - x1, 2), y: top, height: Math.max(bottom - top, 1) };
    }),
  );
  const paths = lines.map((l, li) => {
    let d = '';
    for (const { p, ms } of byLine[li]!) d += `${d ? ' L' : 'M'}${xT(ms).toFixed(1)},${y(p.value).toFixed(1)}`;
    return { key: l.label, colour: l.colour, thin: l.thin === true, d };
  });
  // A daily summary's range, lowest to highest reading: one path per line, not one element per day.
  const ranges = lines.flatMap((l, li) => {
    let d = '';
    for (const { p, ms } of byLine[li]!) if (p.readings) d += `${d ? ' ' : ''}M${xT(ms).toFixed(1)},${y(p.readings.min).toFixed(1)} V${y(p.readings.max).toFixed(1)}`;
    return d ? [{ key: l.label, colour: l.colour, d }] : [];
  });
  // Few points: each is a mark. Many (a reduced line, a week of a watch's samples): the line
  // alone, with its flagged points as marks when they are few enough to tell apart; hovering
  // reads any point, and the table lists every value for the keyboard.
  const count = byLine.reduce((sum, l) => sum + l.length, 0);
  const everyMark = count <= Math.max(EVERY_MARK_UP_TO, plotW / PIXELS_PER_MARK);
  const flagged = everyMark ? [] : byLine.flatMap((l) => l.filter(({ p }) => p.flag));
  const markFlagged = !everyMark && flagged.length <= MARKS_OF_FLAGGED_UP_TO;
  const place = (li: number, { p, ms }: { p: TrendPoint; ms: number }): Placed => ({ key: `${li}-${p.entryId}-${p.date}`, line: lines[li]!, p, cx: xT(ms), cy: y(p.value) });
  const placed: Placed[] = (everyMark || markFlagged ? byLine.flatMap((l, li) => l.filter(({ p }) => everyMark || p.flag).map((item) => place(li, item))) : []).sort(
    (a, b) => a.cx - b.cx || a.cy - b.cy,
  );
  // Built on the first hover or key: every point by its x (with every point marked, the marks).
  let all: Placed[] | undefined;
  const walk = () => (all ??= everyMark ? placed : byLine.flatMap((l, li) => l.map((item) => place(li, item))).sort((a, b) => a.cx - b.cx || a.cy - b.cy));
  const nearest = (x: number, yAt: number, reach: number) => {
    walk();
    if (!all) return undefined;
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid]!.cx < x - reach) lo = mid + 1;
      else hi = mid;
    }
    let best: Placed | undefined;
    let bestD = Infinity;
    for (let i = lo; i < all.length && all[i]!.cx <= x + reach; i++) {
      const item = all[i]!;
      const d = (item.cx - x) ** 2 + ((item.cy - yAt) / 4) ** 2;
      if (d < bestD) {
        bestD = d;
        best = item;
      }
    }
    return best;
  };
  return {
    W,
    H,
    unit: lines[0]?.series.unitLabel ?? '',
    title: lines.map((l) => l.label).join(' / '),
    ticks,
    time: timeTicks(tMin, tMax, (unit) => Math.max(3, Math.floor(plotW / TICK_ROOM[unit]))),
    y,
    xT,
    bands,
    paths,
    ranges,
    placed,
    byKey: new Map(placed.map((item) => [item.key, item])),
    unmarked: placed.length < count,
    nearest,
    walk,
  };
}

