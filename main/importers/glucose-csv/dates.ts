// Device-local timestamps of glucose exports. LibreView writes the account locale's order
// (DD-MM-YYYY, DD/MM/YYYY, MM-DD-YYYY hh:mm AM/PM, M/D/YY); the order is settled from the
// whole column (a first field above 12 is a day), then from the banner's own date, and
// otherwise refused, never guessed.
import { ImportError } from '../errors.ts';

export type DayOrder = 'day-first' | 'month-first';

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const LOCAL = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/;

/** The order a column of local dates implies, or undefined when every date reads both ways. */
export function dayOrderOf(values: readonly string[]): DayOrder | undefined {
  let dayFirst = false;
  let monthFirst = false;
  for (const v of values) {
    const m = LOCAL.exec(v.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
  }
  if (dayFirst && monthFirst) {
    throw new ImportError('The dates in this file are written both day-first and month-first, so Chartkeeper cannot tell which day each reading was taken.');
  }
  return dayFirst ? 'day-first' : monthFirst ? 'month-first' : undefined;
}

/** `YYYY-MM-DDTHH:MM[:SS]` without a zone (the device's local time), or undefined. */
export function localDateTime(value: string, order: DayOrder | undefined): string | undefined {
  const v = value.trim();
  const iso = ISO.exec(v);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}${iso[6] ? `:${iso[6]}` : ''}`;
  const m = LOCAL.exec(v);
  if (!m) return undefined;
  if (!order) {
    throw new ImportError('The dates in this file could be day-first or month-first and nothing in the file settles which, so it was not imported.');
  }
  const [a, b] = [Number(m[1]), Number(m[2])];
  const [day, month] = order === 'day-first' ? [a, b] : [b, a];
  const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  let hour = Number(m[4]);
  const ampm = m[7]?.toLowerCase();
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || Number(m[5]) > 59) return undefined;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${m[5]}${m[6] ? `:${m[6]}` : ''}`;
}
