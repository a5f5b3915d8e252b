// A day of one test's drawable points in one unit, summarized: how many, the lowest and the
// highest (which point), the first and the last (which point, its value). A chart whose pixel
// columns each span a day or more needs nothing else: M4 (reduce.ts) per column is the first
// day's first, the last day's last and the extremes of the days' extremes. The vault keeps
// these summaries (trend_days, migration 020); this module is the rule they follow, so the
// writer, the migration, a recomputed day and the tests agree. Pure; no Node APIs.

/** What a day summary reads of one trend point (a row of trend_points that can be drawn). */
export interface DayPoint {
  entryId: number;
  /** The date as written (sortDate of the entry). */
  date: string;
  number: number;
  /** The unit as written ('' when none). */
  unit: string;
  readingsCount: number | null;
  readingsMin: number | null;
  readingsMax: number | null;
}

/** One row of trend_days: one code, one day (dayKey), one unit as written. */
export interface DaySummary {
  code: string;
  day: string;
  unit: string;
  count: number;
  low: number;
  lowId: number;
  lowDate: string;
  high: number;
  highId: number;
  highDate: string;
  firstDate: string;
  firstId: number;
  firstValue: number;
  lastDate: string;
  lastId: number;
  lastValue: number;
}

/**
 * The day a written date falls on, as YYYY-MM-DD: the date as written, so a reading keeps the
 * day its source wrote whatever its zone; a date known only to the year or month counts on
 * its first day, as the chart places it (reduce.ts timeOf).
 */
export function dayKey(date: string): string {
  if (date.length === 4) return `${date}-01-01`;
  if (date.length === 7) return `${date}-01`;
  return date.slice(0, 10);
}

/**
 * Bounds on dates as written for the days `from`..`to` (YYYY-MM-DD, inclusive): `date >= lo
 * AND date < hi` holds exactly when dayKey(date) is in the range ("2024" sorts before
 * "2024-01-01", so a range starting on the first of a year or month takes the shorter form).
 */
export function writtenDateBounds(from: string | undefined, to: string | undefined): [string, string] {
  let lo = from ?? '';
  if (lo.endsWith('-01-01')) lo = lo.slice(0, 4);
  else if (lo.endsWith('-01')) lo = lo.slice(0, 7);
  return [lo, to === undefined ? '\uffff' : `${to}\uffff`];
}

/**
 * The hour of the day a written date falls in, as YYYY-MM-DDTHH (the hour as written); a
 * date without a time of day counts in the first hour of its day.
 */
export function hourKey(date: string): string {
  const hh = date.length >= 13 && date[10] === 'T' ? date.slice(11, 13) : '';
  return `${dayKey(date)}T${/^\d\d$/.test(hh) ? hh : '00'}`;
}

/** Bounds on dates as written (as writtenDateBounds) for one hour (hourKey). */
export function writtenHourBounds(hour: string): [string, string] {
  const day = hour.slice(0, 10);
  return [hour.endsWith('T00') ? writtenDateBounds(day, day)[0] : hour, `${hour}\uffff`];
}

/** Hours since 1970-01-01T00 of a YYYY-MM-DDTHH hour. */
export function hourNumber(hour: string): number {
  return dayNumber(hour.slice(0, 10)) * 24 + Number(hour.slice(11, 13));
}

/** Days since 1970-01-01 of a YYYY-MM-DD day. */
export function dayNumber(day: string): number {
  return Math.round(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000);
}

/** A point's lowest and highest value: a daily summary's lowest and highest reading, else the value. */
export function lowOf(p: Pick<DayPoint, 'number' | 'readingsCount' | 'readingsMin' | 'readingsMax'>): number {
  return p.readingsCount !== null && p.readingsMin !== null && p.readingsMax !== null ? p.readingsMin : p.number;
}
export function highOf(p: Pick<DayPoint, 'number' | 'readingsCount' | 'readingsMin' | 'readingsMax'>): number {
  return p.readingsCount !== null && p.readingsMin !== null && p.readingsMax !== null ? p.readingsMax : p.number;
}

/** Whether a point comes before another in a series: by date as written, then entry id. */
export function earlier(date: string, id: number, otherDate: string, otherId: number): boolean {
  return date < otherDate || (date === otherDate && id < otherId);
}

/** A summary of one point, in the day (or, with hourKey, the hour) it was written on. */
export function summaryOf(code: string, p: DayPoint, bucketOf: (date: string) => string = dayKey): DaySummary {
  const low = lowOf(p);
  const high = highOf(p);
  return {
    code,
    day: bucketOf(p.date),
    unit: p.unit,
    count: 1,
    low,
    lowId: p.entryId,
    lowDate: p.date,
    high,
    highId: p.entryId,
    highDate: p.date,
    firstDate: p.date,
    firstId: p.entryId,
    firstValue: p.number,
    lastDate: p.date,
    lastId: p.entryId,
    lastValue: p.number,
  };
}

/**
 * Adds `s` (of the same code, day and unit) into `into`. Of equal extremes the earlier point
 * is kept, as M4 keeps the first of equal values.
 */
export function addSummary(into: DaySummary, s: DaySummary): void {
  into.count += s.count;
  if (s.low < into.low || (s.low === into.low && earlier(s.lowDate, s.lowId, into.lowDate, into.lowId))) {
    into.low = s.low;
    into.lowId = s.lowId;
    into.lowDate = s.lowDate;
  }
  if (s.high > into.high || (s.high === into.high && earlier(s.highDate, s.highId, into.highDate, into.highId))) {
    into.high = s.high;
    into.highId = s.highId;
    into.highDate = s.highDate;
  }
  if (earlier(s.firstDate, s.firstId, into.firstDate, into.firstId)) {
    into.firstDate = s.firstDate;
    into.firstId = s.firstId;
    into.firstValue = s.firstValue;
  }
  if (earlier(into.lastDate, into.lastId, s.lastDate, s.lastId)) {
    into.lastDate = s.lastDate;
    into.lastId = s.lastId;
    into.lastValue = s.lastValue;
  }
}

/** The summaries of one code's points, one per day (or hour) and unit, by day then unit. */
export function summarize(code: string, points: Iterable<DayPoint>, bucketOf: (date: string) => string = dayKey): DaySummary[] {
  const byKey = new Map<string, DaySummary>();
  for (const p of points) {
    const s = summaryOf(code, p, bucketOf);
    const key = `${s.day}\u0000${s.unit}`;
    const into = byKey.get(key);
    if (into) addSummary(into, s);
    else byKey.set(key, s);
  }
  return [...byKey.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}

/** A day's or an hour's summary in the chart's unit (values converted; conversion keeps order). */
export type ChartDay = Pick<DaySummary, 'code' | 'low' | 'lowId' | 'lowDate' | 'high' | 'highId' | 'highDate' | 'firstDate' | 'firstId' | 'lastDate' | 'lastId'> & {
  /** Its day number or hour number (dayNumber, hourNumber). */
  bucket: number;
};

/** A point chosen for the chart: the code it is filed under and its entry. */
export interface ChosenPoint {
  code: string;
  entryId: number;
  date: string;
}

/**
 * M4 over whole days (or hours): `days` (one specimen's, any codes and units, in order) fall
 * into `columns` columns spanning the buckets day0..day0+spanDays-1; each column gives its first,
 * lowest, highest and last point, each once, in series order. The same points extremesByDay
 * (reduce.ts) picks from every point.
 * Each column must span at least one bucket.
 */
export function dayColumnPicks(days: readonly ChartDay[], columns: number, day0: number, spanDays: number): ChosenPoint[] {
  const cols = Math.max(1, Math.floor(columns));
  const picked: ChosenPoint[] = [];
  let column = -1;
  let first: ChosenPoint | undefined;
  let last: ChosenPoint | undefined;
  let low: ChosenPoint | undefined;
  let high: ChosenPoint | undefined;
  let lowValue = 0;
  let highValue = 0;
  const before = (a: ChosenPoint, b: ChosenPoint) => earlier(a.date, a.entryId, b.date, b.entryId);
  const flush = () => {
    if (!first || !last || !low || !high) return;
    const four = [first, low, high, last].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    for (let k = 0; k < 4; k++) if (k === 0 || four[k] !== four[k - 1]) picked.push(four[k]!);
  };
  for (const d of days) {
    const c = Math.min(cols - 1, Math.max(0, Math.floor(((d.bucket - day0) * cols) / spanDays)));
    const dFirst = { code: d.code, entryId: d.firstId, date: d.firstDate };
    const dLast = { code: d.code, entryId: d.lastId, date: d.lastDate };
    const dLow = { code: d.code, entryId: d.lowId, date: d.lowDate };
    const dHigh = { code: d.code, entryId: d.highId, date: d.highDate };
    if (c !== column) {
      flush();
      column = c;
      [first, last, low, high, lowValue, highValue] = [dFirst, dLast, dLow, dHigh, d.low, d.high];
      // One point may be several of the four: the same object, so it is pushed once.
      if (same(low, first)) low = first;
      if (same(high, first)) high = first;
      if (same(last, first)) last = first;
      if (same(high, low)) high = low;
      if (same(last, low)) last = low;
      if (same(last, high)) last = high;
      continue;
    }
    if (d.low < lowValue || (d.low === lowValue && before(dLow, low!))) [low, lowValue] = [dLow, d.low];
    if (d.high > highValue || (d.high === highValue && before(dHigh, high!))) [high, highValue] = [dHigh, d.high];
    if (before(dFirst, first!)) first = dFirst;
    if (before(last!, dLast)) last = dLast;
  }
  flush();
  return dedupe(picked);
}

function same(a: ChosenPoint, b: ChosenPoint): boolean {
  return a.entryId === b.entryId && a.date === b.date && a.code === b.code;
}

/** Each point once (a point can be one column's low and also its first, from two days' rows). */
function dedupe(points: ChosenPoint[]): ChosenPoint[] {
  const out: ChosenPoint[] = [];
  for (const p of points) if (out.length === 0 || !same(out.at(-1)!, p)) out.push(p);
  return out;
}
