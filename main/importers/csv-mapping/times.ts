// A mapped CSV's date, time and zone cells → the stored time: the wall-clock time as written
// with the zone the file or the person gave (`…+01:00`, `…Z`), or with none when the person
// said the times are local. Every cell that does not read as the mapping says is a reason,
// never a guess.
import type { DateOrder, ZoneRule } from './types.ts';

export type Read<T> = { ok: T } | { why: string };

interface Wall {
  y: number;
  m: number;
  d: number;
  time?: { h: number; mi: number; s?: number };
  /** A zone written in the cell itself. */
  zone?: string;
}

const ORDER_WORDS: Record<DateOrder, string> = {
  ymd: 'year-month-day',
  dmy: 'day/month/year',
  mdy: 'month/day/year',
  'epoch-s': 'seconds since 1970',
  'epoch-ms': 'milliseconds since 1970',
};

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp]\.?[Mm]\.?)?`;
const CELL_ZONE = String.raw`\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?`;
const DATE = new RegExp(String.raw`^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:(?:T|\s+)${TIME}${CELL_ZONE})?$`);
const TIME_ONLY = new RegExp(String.raw`^${TIME}${CELL_ZONE}$`);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function clock(h: string, mi: string, s: string | undefined, ampm: string | undefined): Wall['time'] | undefined {
  let hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? undefined : Number(s);
  const half = ampm?.replace(/\./g, '').toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || (second !== undefined && second > 59)) return undefined;
  return { h: hour, mi: minute, ...(second !== undefined ? { s: second } : {}) };
}

/** A date cell (maybe with a time and a zone) in the order the mapping says. */
export function readDate(cell: string, order: DateOrder): Read<Wall | { instant: string }> {
  const v = cell.trim();
  if (order === 'epoch-s' || order === 'epoch-ms') {
    if (!/^\d{1,13}(\.\d+)?$/.test(v)) return { why: `the date "${v}" is not written as ${ORDER_WORDS[order]}` };
    const ms = Number(v) * (order === 'epoch-s' ? 1000 : 1);
    const date = new Date(ms);
    if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1900 || date.getUTCFullYear() > 2200) {
      return { why: `the date "${v}" is not written as ${ORDER_WORDS[order]}` };
    }
    return { ok: { instant: date.toISOString().replace(/\.000Z$/, 'Z') } };
  }
  const m = DATE.exec(v);
  const wrong = { why: `the date "${v}" is not written as ${ORDER_WORDS[order]}` };
  if (!m) return wrong;
  const [a, b, c] = [m[1]!, m[2]!, m[3]!];
  let y: string, mo: string, d: string;
  if (order === 'ymd') [y, mo, d] = [a, b, c];
  else if (order === 'dmy') [d, mo, y] = [a, b, c];
  else [mo, d, y] = [a, b, c];
  if (y.length !== 4) return y.length === 2 ? { why: `the date "${v}" has a two-digit year, which could be more than one century` } : wrong;
  const wall: Wall = { y: Number(y), m: Number(mo), d: Number(d) };
  if (wall.m < 1 || wall.m > 12 || wall.d < 1 || wall.d > daysIn(wall.y, wall.m)) return { why: `the date "${v}" is not a day on the calendar when read as ${ORDER_WORDS[order]}` };
  if (m[4] !== undefined) {
    const time = clock(m[4], m[5]!, m[6], m[7]);
    if (!time) return { why: `the time in "${v}" cannot be read` };
    wall.time = time;
    if (m[8]) wall.zone = m[8];
  }
  return { ok: wall };
}

/** A time cell of its own ("08:15", "8:15 PM", "08:15:00+02:00"). */
export function readTime(cell: string): Read<{ time: NonNullable<Wall['time']>; zone?: string }> {
  const v = cell.trim();
  const m = TIME_ONLY.exec(v);
  const time = m ? clock(m[1]!, m[2]!, m[3], m[4]) : undefined;
  if (!m || !time) return { why: `the time "${v}" cannot be read` };
  return { ok: { time, ...(m[5] ? { zone: m[5] } : {}) } };
}

/** `+01:00`, `Z`, or undefined for an offset written another way. */
export function normalOffset(text: string): string | undefined {
  const v = text.trim().toUpperCase();
  if (v === 'Z' || v === 'UTC' || v === 'GMT' || v === 'UTC+0' || v === 'GMT+0') return 'Z';
  const m = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(v);
  if (!m) return undefined;
  const h = Number(m[2]);
  const mi = Number(m[3] ?? '0');
  if (h > 14 || mi > 59) return undefined;
  return `${m[1]}${pad(h)}:${pad(mi)}`;
}

export function isIanaZone(name: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(name) && name !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The offset of an IANA zone at a wall-clock time there (the zone's rules on that day). */
function ianaOffset(zone: string, wall: Wall): string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset', year: 'numeric' });
  const offsetAt = (utc: number): number => {
    const name = format.formatToParts(new Date(utc)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  };
  const asUtc = Date.UTC(wall.y, wall.m - 1, wall.d, wall.time?.h ?? 12, wall.time?.mi ?? 0, wall.time?.s ?? 0);
  // Two passes: the offset at the guessed instant, then at the instant that offset gives.
  const minutes = offsetAt(asUtc - offsetAt(asUtc) * 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return abs === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The zone suffix for a reading: '' (local, as the person said), 'Z' or an offset. */
export function zoneOf(rule: ZoneRule | undefined, cells: readonly string[], wall: Wall): Read<string> {
  if (wall.zone) return { ok: normalOffset(wall.zone)! };
  if (!rule) return { why: 'its time has no time zone and this mapping does not say which zone the times are in' };
  if ('local' in rule) return { ok: '' };
  if ('utc' in rule) return { ok: 'Z' };
  if ('offset' in rule) {
    const offset = normalOffset(rule.offset);
    return offset ? { ok: offset } : { why: `the time zone "${rule.offset}" cannot be read` };
  }
  if ('iana' in rule) return isIanaZone(rule.iana) ? { ok: ianaOffset(rule.iana, wall) } : { why: `the time zone "${rule.iana}" cannot be read` };
  const cell = (cells[rule.column] ?? '').trim();
  if (!cell) return { why: 'its time zone cell is empty' };
  const offset = normalOffset(cell);
  if (offset) return { ok: offset };
  if (isIanaZone(cell)) return { ok: ianaOffset(cell, wall) };
  return { why: `the time zone "${cell}" cannot be read` };
}

/** The stored partial date: `YYYY-MM-DD`, or with the time and zone suffix. */
export function stamp(wall: Wall, zone: string): string {
  const day = `${pad(wall.y, 4)}-${pad(wall.m)}-${pad(wall.d)}`;
  if (!wall.time) return day;
  const seconds = wall.time.s !== undefined ? `:${pad(wall.time.s)}` : zone ? ':00' : '';
  return `${day}T${pad(wall.time.h)}:${pad(wall.time.mi)}${seconds}${zone}`;
}

export type { Wall };

/**
 * An instant (milliseconds since 1970) as the wall-clock time of an IANA zone with that zone's
 * offset then (`2023-12-22T11:11:48+01:00`): the same instant, read where the person lives,
 * rather than as the UTC clock, which a chart would show as the time of day the reading was taken.
 */
export function instantInZone(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const offset = /GMT([+-]\d{2}:\d{2})/.exec(part('timeZoneName'))?.[1] ?? 'Z';
  return `${pad(Number(part('year')), 4)}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}${offset === '+00:00' ? 'Z' : offset}`;
}
