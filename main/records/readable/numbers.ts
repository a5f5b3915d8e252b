// Numbers as a person reads them: the precision the source wrote, never a float artefact.
// Pure and free of Node APIs: the renderer and the visit summary both use it.

/** A decimal written without exponent: sign, integer digits, fraction digits. */
const PLAIN_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * Up to this many significant digits, a number is shown exactly as written ("1.015" stays
 * "1.015", "7.0" stays "7.0"). Laboratories print at most four or five; more than that is a
 * computed value written out in full ("5.89432835095002", "99.06944876666404").
 */
const AS_WRITTEN_UP_TO = 5;
/** Significant digits kept of a computed value: enough to read, never fewer than its integer digits. */
const ARTEFACT_DIGITS = 3;

/** Whether text is a plain decimal number ("12", "-0.5", "1.015"), which formatDecimal can show. */
export function isPlainDecimal(text: string): boolean {
  const m = PLAIN_DECIMAL.exec(text.trim());
  return m !== null && ((m[2] ?? '') + (m[3] ?? '')).length > 0;
}

/**
 * How many fraction digits to show for a number written as `written`: as written when it has
 * a sensible number of significant digits, else rounded to three significant digits (all of
 * its integer digits kept). Undefined when `written` is not a plain decimal.
 */
export function shownFractionDigits(written: string): number | undefined {
  const m = PLAIN_DECIMAL.exec(written.trim());
  if (!m) return undefined;
  const integer = (m[2] ?? '').replace(/^0+/, '');
  const fraction = m[3] ?? '';
  if (integer.length + fraction.length === 0 && !m[2]) return undefined;
  const significant = integer.length > 0 ? integer.length + fraction.length : fraction.replace(/^0+/, '').length;
  if (significant <= AS_WRITTEN_UP_TO) return fraction.length;
  if (integer.length > 0) return Math.max(0, ARTEFACT_DIGITS - integer.length);
  const leadingZeros = fraction.length - fraction.replace(/^0+/, '').length;
  return leadingZeros + ARTEFACT_DIGITS;
}

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, minFraction: number, maxFraction: number): Intl.NumberFormat {
  const key = `${locale}|${minFraction}|${maxFraction}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: minFraction, maximumFractionDigits: maxFraction });
    formats.set(key, format);
  }
  return format;
}

/** Plain decimal text for a finite number, never in exponent form (1e-7 → "0.0000001"). */
export function writtenForm(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const fixed = value.toFixed(Math.min(100, Math.max(0, -Math.floor(Math.log10(Math.abs(value))) + 15)));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/**
 * A number in the reader's language at the precision its source wrote it: "1.015" → "1.015"
 * (es "1,015"), "5.89432835095002" → "5.89", "99.06944876666404" → "99.1". A number given
 * only as a number is read from its shortest written form.
 */
export function formatDecimal(written: string | number, locale: string): string {
  const text = typeof written === 'number' ? writtenForm(written) : written.trim();
  const value = Number(text);
  const digits = shownFractionDigits(text);
  if (digits === undefined || !Number.isFinite(value)) return typeof written === 'number' ? String(written) : text;
  return numberFormat(locale, digits, digits).format(value);
}

/** A computed number (a converted unit, a chart tick): at most `maxFraction` fraction digits. */
export function formatComputed(value: number, locale: string, maxFraction = 1): string {
  return numberFormat(locale, 0, maxFraction).format(value);
}
