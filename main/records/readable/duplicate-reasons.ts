// Why two entries were flagged as possible duplicates, in words the reader's language has.
// Reconciliation stores its reason as an English sentence (main/records/reconcile.ts, and
// "Split by you" from a split); each known form is read back into a message key and the
// values it quotes, which are the sources' own words (doses, values, codes) and stay as written
// (a value's unit code reads as people write it: "150.2 [lb_av]" → "150.2 lb").
import { formatDecimal } from './numbers.ts';
import { unitJoinsNumber, unitLabel } from './units.ts';

export type DuplicateReasonKey =
  | 'dupReason_dose'
  | 'dupReason_severity'
  | 'dupReason_codes'
  | 'dupReason_notGiven'
  | 'dupReason_notSo'
  | 'dupReason_lot'
  | 'dupReason_value'
  | 'dupReason_times'
  | 'dupReason_twoCodes'
  | 'dupReason_claimType'
  | 'dupReason_split'
  | 'dupReason_other';

export interface DuplicateReason {
  key: DuplicateReasonKey;
  /** `a` and `b`: what each entry said, as the sources wrote it. */
  values: { a: string; b: string };
}

const FORMS: [RegExp, DuplicateReasonKey][] = [
  [/^Same medicine, different dose: (.*) vs (.*)$/s, 'dupReason_dose'],
  [/^Same allergy, different severity: (.*) vs (.*)$/s, 'dupReason_severity'],
  [/^Same (?:problem|allergy|vaccine) name, different codes: (.*) vs (.*)$/s, 'dupReason_codes'],
  [/^Same vaccine on the same day, but one record says it was not given$/, 'dupReason_notGiven'],
  [/^Same entry, but one source says it is not so$/, 'dupReason_notSo'],
  [/^Same vaccine on the same day, different lot number: (.*) vs (.*)$/s, 'dupReason_lot'],
  [/^Same (?:measurement|test) at the same time, different value: (.*) vs (.*)$/s, 'dupReason_value'],
  [/^Same entry on the same day, different value: (.*) vs (.*)$/s, 'dupReason_value'],
  [/^Same (?:measurement|test) and value on the same day, different times: (.*) vs (.*)$/s, 'dupReason_times'],
  [/^Same measurement under two codes, same value on the same day: (.*) vs (.*)$/s, 'dupReason_twoCodes'],
  [/^Same claim number, different claim type: (.*) vs (.*)$/s, 'dupReason_claimType'],
  [/^Split by you$/, 'dupReason_split'],
];

/** Reasons whose quoted values are a number and its unit as reconciliation wrote them ("150.2 [lb_av]"). */
const VALUE_REASONS: ReadonlySet<DuplicateReasonKey> = new Set(['dupReason_value']);

/**
 * "150.2 [lb_av]" → "150.2 lb" ("150,2 lb" in Spanish: the number at its written precision in the
 * reader's locale), "98.6 [degF]" → "98.6°F"; words ("Positive", "no value") as written.
 */
function readableValue(text: string, locale: string | undefined): string {
  const match = /^([+-]?\d*\.?\d+)\s+(\S+)$/.exec(text.trim());
  if (!match) return text;
  const number = locale ? formatDecimal(match[1]!, locale) : match[1]!;
  const label = unitLabel(match[2]);
  if (!label) return number;
  return unitJoinsNumber(label) ? `${number}${label}` : `${number} ${label}`;
}

/**
 * The reason's message key and quoted values (a value's number in `locale` when given); an
 * unknown form is 'dupReason_other' with the text as `a`.
 */
export function readDuplicateReason(reason: string, locale?: string): DuplicateReason {
  for (const [pattern, key] of FORMS) {
    const match = pattern.exec(reason.trim());
    if (!match) continue;
    const [a, b] = [match[1] ?? '', match[2] ?? ''];
    return { key, values: VALUE_REASONS.has(key) ? { a: readableValue(a, locale), b: readableValue(b, locale) } : { a, b } };
  }
  return { key: 'dupReason_other', values: { a: reason, b: '' } };
}
