// Text and date helpers for the visit packet. Everything here is pure: the packet must come
// out byte for byte the same for the same input, so no clock and no machine time zone.

import type { PartialDate } from '../records/model.ts';

// C0 controls (except tab, line feed, carriage return) and DEL are not allowed in HTML text;
// a hostile file may carry them to confuse the parser, so they are dropped.
const DISALLOWED_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(DISALLOWED_CONTROLS, '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

interface DateParts {
  year: number;
  month?: number;
  day?: number;
}

/** Reads the calendar date as written (time and offset ignored: the day the source meant). */
export function dateParts(date: PartialDate | undefined): DateParts | undefined {
  if (!date) return undefined;
  const match = ISO_DATE.exec(date.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return { year };
  if (month !== undefined && day !== undefined && (day < 1 || day > 31)) return { year, month };
  return { year, month, day };
}

/**
 * Formats a partial date at the precision the source gave, in the packet's language:
 * en-US "Jan 31, 1950", es "31 ene 1950"; "Jan 1950" for a month; "1950" for a year.
 * A date that cannot be read is shown as written (escaped by the caller).
 */
export function formatPartialDate(date: PartialDate | undefined, locale: string): string {
  if (!date) return '';
  const parts = dateParts(date);
  if (!parts) return date;
  if (parts.month === undefined) return String(parts.year);
  const utc = new Date(Date.UTC(parts.year, parts.month - 1, parts.day ?? 1));
  // Date.UTC maps years 0–99 to 1900–1999; set the year explicitly.
  utc.setUTCFullYear(parts.year);
  const options: Intl.DateTimeFormatOptions =
    parts.day === undefined
      ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(utc);
}

/** The date part (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) used to order and compare dates. */
export function sortableDate(date: PartialDate | undefined): string {
  if (!date) return '';
  const parts = dateParts(date);
  if (!parts) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  let text = String(parts.year).padStart(4, '0');
  if (parts.month !== undefined) text += `-${pad(parts.month)}`;
  if (parts.day !== undefined) text += `-${pad(parts.day)}`;
  return text;
}

/**
 * True when the whole period a partial date names lies before `day` (YYYY-MM-DD):
 * "2023" is before 2024-05-01, "2024-05" is not.
 */
export function isWhollyBefore(date: PartialDate | undefined, day: string): boolean {
  const sortable = sortableDate(date);
  if (!sortable) return false;
  return sortable < day.slice(0, sortable.length);
}

/** The YYYY-MM-DD date `months` calendar months before `day` (clamped to the month's end). */
export function monthsBefore(day: string, months: number): string {
  const parts = dateParts(day);
  if (!parts || parts.month === undefined || parts.day === undefined) return day;
  const totalMonths = parts.year * 12 + (parts.month - 1) - months;
  const year = Math.floor(totalMonths / 12);
  const month = (totalMonths % 12) + 1;
  const lastDay = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthEnd = month === 2 ? (isLeap ? 29 : 28) : lastDay;
  const d = Math.min(parts.day, monthEnd);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Completed years between a full birth date and a day, or undefined when either is partial. */
export function ageOn(birthDate: PartialDate | undefined, day: string): number | undefined {
  const birth = dateParts(birthDate);
  const on = dateParts(day);
  if (!birth?.day || !birth.month || !on?.day || !on.month) return undefined;
  let age = on.year - birth.year;
  if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) age -= 1;
  return age >= 0 && age < 150 ? age : undefined;
}
