// Dates as a person reads them, at the precision the source gave. Pure and deterministic: no
// clock and no machine time zone (a time is shown as the source's own wall-clock time).

import type { PartialDate } from '../model.ts';

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?)?)?/;

export interface DateParts {
  year: number;
  month?: number;
  day?: number;
  /** Set only when the source gave a time other than midnight on the dot. */
  hour?: number;
  minute?: number;
}

/**
 * Reads the calendar date as written (the offset ignored: the day the source meant). A time of
 * exactly midnight is how many systems write a date without a time, so it is not a time.
 */
export function dateParts(date: PartialDate | undefined): DateParts | undefined {
  if (!date) return undefined;
  const match = ISO_DATE.exec(date.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return { year };
  if (month !== undefined && day !== undefined && (day < 1 || day > 31)) return { year, month };
  const parts: DateParts = { year, month, day };
  if (match[4] !== undefined && day !== undefined) {
    const hour = Number(match[4]);
    const minute = Number(match[5]);
    const second = match[6] === undefined ? 0 : Number(match[6]);
    if (hour < 24 && minute < 60 && (hour !== 0 || minute !== 0 || second !== 0)) {
      parts.hour = hour;
      parts.minute = minute;
    }
  }
  return parts;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, precision: 'year' | 'month' | 'day' | 'time'): Intl.DateTimeFormat {
  const key = `${locale}|${precision}`;
  let format = formats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      precision === 'year'
        ? { year: 'numeric', timeZone: 'UTC' }
        : precision === 'month'
          ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
          : precision === 'day'
            ? { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }
            : { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC' };
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/**
 * A partial date at the precision the source gave, in the reader's language: en-US
 * "Jan 31, 1950", es "31 ene 1950"; "Jan 1950" for a month; "1950" for a year; with
 * `time`, "Mar 2, 2015, 2:30 PM" when the source gave a time (never "12:00 AM" for a date).
 * A date that cannot be read is shown as written.
 */
export function formatPartialDate(date: PartialDate | undefined, locale: string, options: { time?: boolean } = {}): string {
  if (!date) return '';
  const parts = dateParts(date);
  if (!parts) return date;
  if (parts.month === undefined) return String(parts.year);
  const withTime = options.time === true && parts.hour !== undefined;
  const utc = new Date(Date.UTC(parts.year, parts.month - 1, parts.day ?? 1, withTime ? parts.hour : 0, withTime ? parts.minute : 0));
  // Date.UTC maps years 0–99 to 1900–1999; set the year explicitly.
  utc.setUTCFullYear(parts.year);
  const precision = parts.day === undefined ? 'month' : withTime ? 'time' : 'day';
  return dateFormat(locale, precision).format(utc);
}

/** The digits of `text` from `at`, `length` of them, as a number; -1 when one is not a digit. */
function digits(text: string, at: number, length: number): number {
  if (text.length < at + length) return -1;
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * A date's wall-clock time as written, in milliseconds as if it were UTC (its zone offset left
 * aside, as every date here is read): where a time axis places it, so the axis and the point's
 * own label say the same time. A year alone is its 1 January, a month its first day; reading
 * stops at the first part that is not there. NaN when there is no year. Read by character
 * codes: a chart places thousands of dates at each redraw.
 */
export function wallClockMs(date: string): number {
  const year = digits(date, 0, 4);
  if (year < 0) return Number.NaN;
  const after = (at: number, separator: string) => (date[at - 1] === separator ? digits(date, at, 2) : -1);
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let milli = 0;
  const mo = after(5, '-');
  const d = mo < 0 ? -1 : after(8, '-');
  const h = d < 0 || (date[10] !== 'T' && date[10] !== ' ') ? -1 : digits(date, 11, 2);
  const mi = h < 0 ? -1 : after(14, ':');
  const s = mi < 0 ? -1 : after(17, ':');
  if (mo >= 0) month = mo;
  if (d >= 0) day = d;
  if (mi >= 0) {
    hour = h;
    minute = mi;
  }
  if (s >= 0) {
    second = s;
    for (let i = 20, scale = 100; date[19] === '.' && scale >= 1; i++, scale /= 10) {
      const digit = date.charCodeAt(i) - 48;
      if (!(digit >= 0 && digit <= 9)) break;
      milli += digit * scale;
    }
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, milli);
  // Date.UTC reads years 0–99 as 1900–1999.
  return year < 100 ? new Date(ms).setUTCFullYear(year) : ms;
}

/** What a time axis's ticks stand for: the unit of the stretch shown. */
export type AxisUnit = 'hour' | 'day' | 'month' | 'year';

const axisFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A tick of a time axis at its unit, in the reader's language (`ms` a wall-clock time as
 * wallClockMs gives): an hour "6:00 AM" / "6:00" (midnight as its day, "Mar 2" / "2 mar"), a
 * day "Mar 2" / "2 mar", a month "Mar" / "mar", a year "2026". `full` adds the larger unit:
 * a day's or a month's year ("Mar 2, 2026"), an hour's day ("Mar 2, 6:00 AM").
 */
export function formatAxisTick(ms: number, unit: AxisUnit, locale: string, full = false): string {
  const d = new Date(ms);
  const at = unit === 'hour' && d.getUTCHours() === 0 && d.getUTCMinutes() === 0 ? 'day' : unit;
  const key = `${locale}|${at}|${full}`;
  let format = axisFormats.get(key);
  if (!format) {
    const year = full && at !== 'hour' ? ({ year: 'numeric' } as const) : {};
    const options: Intl.DateTimeFormatOptions =
      at === 'hour'
        ? { hour: 'numeric', minute: '2-digit', ...(full ? { day: 'numeric', month: 'short' } : {}) }
        : at === 'day'
          ? { day: 'numeric', month: 'short', ...year }
          : at === 'month'
            ? { month: 'short', ...year }
            : { year: 'numeric' };
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    axisFormats.set(key, format);
  }
  return format.format(d);
}
