// Text and date helpers for the visit packet. Everything here is pure: the packet must come
// out byte for byte the same for the same input, so no clock and no machine time zone.

import type { PartialDate } from '../records/model.ts';
import { dateParts } from '../records/readable/dates.ts';

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

export { dateParts, formatPartialDate } from '../records/readable/dates.ts';

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
