// A result the person confirmed (as proposed, or as they corrected it) made into the record's
// draft: the value's number only when the value is nothing but a number, the range's bounds only
// when it reads "low-high", and the line as printed kept beside it as the entry's source text.
import type { RecordDraft } from '../../records/model.ts';
import type { ProposedResult } from './index.ts';
import { readRange, readValue } from './tokens.ts';

export interface ConfirmedResult {
  name: string;
  value: string;
  unit?: string | undefined;
  range?: string | undefined;
  /** H, L, HH, LL, A, AA, or none. */
  flag?: string | undefined;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  date?: string | undefined;
}

export function confirmedDraft(result: ConfirmedResult, from: Pick<ProposedResult, 'line' | 'page'>): RecordDraft {
  const valueText = result.value.trim();
  const number = readValue(valueText)?.number;
  const rangeText = result.range?.trim();
  const rangeTokens = rangeText ? rangeText.split(/\s+/) : [];
  const range = rangeTokens.length > 0 ? readRange(rangeTokens, 0) : undefined;
  // Bounds only when the whole text is the range; "M 13-18; F 12-16" stays text alone.
  const bounds = range?.range && range.length === rangeTokens.length ? range.range : undefined;
  const unit = result.unit?.trim() || undefined;
  return {
    kind: 'result',
    title: result.name.trim(),
    codes: [],
    status: 'completed',
    ...(result.date ? { start: result.date } : {}),
    value: { text: valueText, ...(number !== undefined ? { number } : {}), ...(unit ? { unit } : {}) },
    ...(rangeText
      ? { referenceRange: { text: rangeText, ...(bounds?.low !== undefined ? { low: bounds.low } : {}), ...(bounds?.high !== undefined ? { high: bounds.high } : {}) } }
      : {}),
    ...(result.flag ? { interpretation: result.flag } : {}),
    details: {},
    narrative: from.line,
    sourceLocation: `page ${from.page}`,
  };
}
