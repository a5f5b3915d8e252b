// Dates as a person types them, in the order of the app's language (not the browser's, which
// is what <input type=date> follows): en-US month/day/year, Spanish day/month/year. Pure, so the
// parsing is unit-tested; the field itself is components/DateField.tsx. Values are ISO
// (YYYY, YYYY-MM or YYYY-MM-DD), as the contract and the vault keep them.

export type DateOrder = 'mdy' | 'dmy' | 'ymd';

const orders = new Map<string, DateOrder>();

/** The order of day, month and year in a numeric date of the locale, from Intl itself. */
export function dateOrder(locale: string): DateOrder {
  let order = orders.get(locale);
  if (!order) {
    const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })
      .formatToParts(new Date(Date.UTC(2024, 10, 22)))
      .map((p) => p.type)
      .filter((type) => type === 'day' || type === 'month' || type === 'year');
    order = parts[0] === 'year' ? 'ymd' : parts[0] === 'day' ? 'dmy' : 'mdy';
    orders.set(locale, order);
  }
  return order;
}

/** The letters a language writes for day, month and year in a pattern ("dd/mm/aaaa"). */
export interface PatternLetters {
  day: string;
  month: string;
  year: string;
}

/** The pattern shown beside the field: "mm/dd/yyyy", "dd/mm/aaaa"; with `partial`, the shorter forms too. */
export function datePattern(order: DateOrder, letters: PatternLetters): string {
  const d = letters.day.repeat(2);
  const m = letters.month.repeat(2);
  const y = letters.year.repeat(4);
  return order === 'ymd' ? `${y}-${m}-${d}` : order === 'dmy' ? `${d}/${m}/${y}` : `${m}/${d}/${y}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO value written in the field's order: "1948-03-02" → "03/02/1948" (mdy) or "02/03/1948" (dmy); "2024-03" → "03/2024". */
export function formatDateInput(iso: string | undefined, order: DateOrder): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return iso;
  const [, year, month, day] = m;
  if (order === 'ymd') return [year, month, day].filter(Boolean).join('-');
  if (!month) return year!;
  if (!day) return `${month}/${year}`;
  return order === 'dmy' ? `${day}/${month}/${year}` : `${month}/${day}/${year}`;
}

export type DateProblem = 'format' | 'no-such-day' | 'need-day' | 'year-digits';
export type DateParse = { ok: true; value: string } | { ok: false; problem: DateProblem };

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function build(year: number, month: number | undefined, day: number | undefined, partial: boolean): DateParse {
  if (month === undefined) return partial ? { ok: true, value: String(year).padStart(4, '0') } : { ok: false, problem: 'need-day' };
  if (month < 1 || month > 12) return { ok: false, problem: 'no-such-day' };
  const ym = `${String(year).padStart(4, '0')}-${pad(month)}`;
  if (day === undefined) return partial ? { ok: true, value: ym } : { ok: false, problem: 'need-day' };
  if (day < 1 || day > daysIn(year, month)) return { ok: false, problem: 'no-such-day' };
  return { ok: true, value: `${ym}-${pad(day)}` };
}

/**
 * What a person typed, read in the field's order. Separators may be "/", "-", "." or spaces.
 * ISO (2024-03-01) is always understood too, since the year first leaves no doubt. A two-digit
 * year is refused rather than guessed (is "48" 1948 or 2048?). With `partial`, a month and year
 * ("03/2024") or a year alone is a date too, as manual entries allow. Empty text is no date.
 */
export function parseDateInput(text: string, order: DateOrder, options: { partial?: boolean } = {}): DateParse {
  const partial = options.partial === true;
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: '' };
  const pieces = trimmed.split(/\s*[/.\-\s]\s*/);
  if (pieces.some((p) => !/^\d+$/.test(p)) || pieces.length > 3) return { ok: false, problem: 'format' };
  const nums = pieces.map(Number);
  // Year first: ISO, whatever the language.
  if (pieces[0]!.length === 4) {
    if (pieces.slice(1).some((p) => p.length > 2)) return { ok: false, problem: 'format' };
    return build(nums[0]!, nums[1], nums[2], partial);
  }
  const yearIndex = pieces.length - 1;
  const yearText = pieces[yearIndex]!;
  if (pieces.slice(0, yearIndex).some((p) => p.length > 2)) return { ok: false, problem: 'format' };
  if (yearText.length !== 4) return { ok: false, problem: pieces.length === 1 || yearText.length > 4 ? 'format' : 'year-digits' };
  const year = nums[yearIndex]!;
  if (pieces.length === 2) return build(year, nums[0], undefined, partial);
  const [first, second] = [nums[0]!, nums[1]!];
  return order === 'dmy' ? build(year, second, first, partial) : build(year, first, second, partial);
}
