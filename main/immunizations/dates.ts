// Dates as whole days since 1970-01-01 (UTC), and CDSi's date arithmetic (logic specification
// 4.6, section 3.4, CALCDT-1..6): years, then months (a day that does not exist moves to the
// first of the next month), then weeks and days.

export type Day = number;

/** A CDSi duration such as "6 months - 4 days" or "1 years + 4 weeks". */
export interface Duration {
  readonly months: number;
  readonly days: number;
}

export const MIN_DAY: Day = fromYmd(1900, 1, 1);
export const MAX_DAY: Day = fromYmd(2999, 12, 31);

// Civil-date conversions without Date objects (H. Hinnant's days_from_civil / civil_from_days):
// the engine converts dates millions of times in a run over many histories.
export function fromYmd(year: number, month: number, day: number): Day {
  // Normalise a month past December (fromYmd(y, 13, 1) is 1 January of the next year).
  const y0 = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function toYmd(day: Day): { year: number; month: number; day: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1] ?? 31;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` to a day, or null when it is not a real calendar date. */
export function parseIsoDate(text: string): Day | null {
  const match = ISO.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return fromYmd(year, month, day);
}

export function formatIsoDate(day: Day): string {
  const { year, month, day: d } = toYmd(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The supporting data writes dates as `YYYYMMDD` (effective, cessation, season) or `MM/DD/YYYY` (immunity). */
export function parseDataDate(text: string): Day | null {
  const trimmed = text.trim();
  let match = /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed);
  if (match) return fromYmd(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  if (match) return fromYmd(Number(match[3]), Number(match[1]), Number(match[2]));
  return null;
}

const TERM = /^([+-])?\s*(\d+)\s*(year|month|week|day)s?$/i;

/** Parses "6 weeks - 4 days", "12 months + 4 weeks", "0 days"; null for empty or unreadable text. */
export function parseDuration(text: string | undefined): Duration | null {
  if (text === undefined) return null;
  const trimmed = text.trim();
  if (trimmed === '' || /^n\/a$/i.test(trimmed)) return null;
  let months = 0;
  let days = 0;
  // Split before each sign that follows a unit, keeping the sign with its term.
  const terms = trimmed.replace(/\s+([+-])\s*/g, '|$1').split('|');
  for (const term of terms) {
    const match = TERM.exec(term.trim());
    if (!match) return null;
    const sign = match[1] === '-' ? -1 : 1;
    const amount = sign * Number(match[2]);
    switch ((match[3] ?? '').toLowerCase()) {
      case 'year':
        months += 12 * amount;
        break;
      case 'month':
        months += amount;
        break;
      case 'week':
        days += 7 * amount;
        break;
      default:
        days += amount;
    }
  }
  return { months, days };
}

/** CALCDT-1..6: add the years and months holding the day, roll a non-existent day to the 1st of the next month, then add days. */
export function addDuration(day: Day, duration: Duration): Day {
  let result = day;
  if (duration.months !== 0) {
    const { year, month, day: d } = toYmd(day);
    const total = year * 12 + (month - 1) + duration.months;
    const newYear = Math.floor(total / 12);
    const newMonth = (total % 12) + 1;
    result = d > daysInMonth(newYear, newMonth) ? fromYmd(newYear, newMonth + 1, 1) : fromYmd(newYear, newMonth, d);
  }
  return result + duration.days;
}

export function addDays(day: Day, days: number): Day {
  return day + days;
}
