// A value with its unit, and a reference range, as a person reads them: the source's own
// precision, units as people write them, body measurements in the reader's unit system.

import type { Quantity, ReferenceRange } from '../model.ts';
import { formatComputed, formatDecimal, isPlainDecimal } from './numbers.ts';
import { inGlucoseUnit, inUnitSystem, unitJoinsNumber, unitLabel, unitLabelIn, type GlucoseUnit, type UnitSystem } from './units.ts';

export interface ReadingOptions {
  /** BCP 47 locale for numbers and dates. */
  locale: string;
  /** The unit system for weights, temperatures and lengths. */
  units: UnitSystem;
  /** The unit glucose is read in ("auto": as written); absent is "auto". */
  glucose?: GlucoseUnit;
}

/** What a value is of, where that decides its unit: glucose (by its code) follows the glucose setting. */
export interface ValueOf {
  glucose?: boolean;
}

/** A value in the reader's units: glucose in the chosen glucose unit, body measurements in the unit system. */
function inReadersUnit(value: number, unit: string | undefined, options: ReadingOptions, of: ValueOf | undefined): { value: number; unit: string; digits: number } | undefined {
  if (of?.glucose) {
    const glucose = inGlucoseUnit(value, unit, options.glucose);
    return glucose && { ...glucose, digits: glucose.unit === 'mmol/L' ? 1 : 0 };
  }
  const body = inUnitSystem(value, unit, options.units);
  return body && { ...body, digits: 1 };
}

export interface ReadableQuantity {
  /** Number and unit together: "5.89%", "185 lb", "×10³/µL" after its number. */
  text: string;
  /** Set when the value was converted into the reader's unit system: how the source wrote it. */
  asWritten?: string;
}

/** "<0.5", "≥ 60": a comparator before a plain number. */
const COMPARED = /^(<=?|>=?|≤|≥)\s*([+-]?\d*\.?\d+)$/;

function joined(number: string, label: string): string {
  if (!label) return number;
  return unitJoinsNumber(label) ? `${number}${label}` : `${number} ${label}`;
}

/** The number as written, or undefined when the value is words ("Positive", "120/80"). */
function writtenNumber(q: Quantity): string | undefined {
  const text = q.text?.trim();
  if (text) return isPlainDecimal(text) ? text : undefined;
  return typeof q.number === 'number' && Number.isFinite(q.number) ? String(q.number) : undefined;
}

const NO_ANSWER = {
  en: (flavor: string) => `the source gives no answer: ${flavor}`,
  es: (flavor: string) => `la fuente no da respuesta: ${flavor}`,
} as const;

/** "Unknown (the source gives no answer: UNK)": the source's words beside its null flavor, never read as an answer. */
function noAnswer(q: Quantity & { nullFlavor: string }, locale: string): string {
  const said = NO_ANSWER[/^es\b/i.test(locale) ? 'es' : 'en'](q.nullFlavor);
  return q.text?.trim() ? `${q.text.trim()} (${said})` : said;
}

/** A value as a person reads it, or undefined when there is none. */
export function readableQuantity(q: Quantity | undefined, options: ReadingOptions, of?: ValueOf): ReadableQuantity | undefined {
  if (!q) return undefined;
  if (q.nullFlavor) return { text: noAnswer({ ...q, nullFlavor: q.nullFlavor }, options.locale) };
  const label = unitLabelIn(q.unit, options.locale);
  const written = writtenNumber(q);
  if (written !== undefined) {
    const asWritten = joined(formatDecimal(written, options.locale), label);
    const converted = inReadersUnit(Number(written), q.unit, options, of);
    if (converted && converted.unit !== label) {
      return { text: joined(formatComputed(converted.value, options.locale, converted.digits), converted.unit), asWritten };
    }
    return { text: asWritten };
  }
  const text = q.text?.trim();
  if (!text) return undefined;
  const compared = COMPARED.exec(text);
  if (compared) return { text: joined(`${compared[1]}${formatDecimal(compared[2] ?? '', options.locale)}`, label) };
  // Words may already carry their unit ("120/80 mmHg").
  if (!label || text.endsWith(label) || (q.unit && text.endsWith(q.unit.trim()))) return { text };
  return { text: joined(text, label) };
}

/** readableQuantity's text, or "" when there is no value. */
export function formatQuantity(q: Quantity | undefined, options: ReadingOptions, of?: ValueOf): string {
  return readableQuantity(q, options, of)?.text ?? '';
}

/**
 * A reference range: as the source wrote it when it gave text, else from its bounds
 * ("3.5–5.1 mmol/L", "≤ 200 mg/dL"). `valueUnit` stands in when the range names no unit.
 */
export function formatRange(range: ReferenceRange | undefined, options: ReadingOptions, valueUnit?: string, of?: ValueOf): string {
  if (!range) return '';
  const unit = range.unit?.trim() ? range.unit : valueUnit;
  const { low, high } = range;
  const convertible = (low !== undefined || high !== undefined) && [low, high].every((b) => b === undefined || inReadersUnit(b, unit, options, of) !== undefined);
  const text = range.text?.trim();
  if (text && !convertible) return text;
  if (low === undefined && high === undefined) return text ?? '';
  let label = unitLabelIn(unit, options.locale);
  const bound = (b: number) => {
    const converted = inReadersUnit(b, unit, options, of);
    if (converted && converted.unit !== unitLabel(unit)) {
      label = converted.unit;
      return formatComputed(converted.value, options.locale, converted.digits);
    }
    return formatDecimal(b, options.locale);
  };
  const lowText = low === undefined ? undefined : bound(low);
  const highText = high === undefined ? undefined : bound(high);
  const suffix = label ? (unitJoinsNumber(label) ? label : ` ${label}`) : '';
  if (lowText !== undefined && highText !== undefined) return `${lowText}–${highText}${suffix}`;
  if (highText !== undefined) return `≤ ${highText}${suffix}`;
  return `≥ ${lowText}${suffix}`;
}
