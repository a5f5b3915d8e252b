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
