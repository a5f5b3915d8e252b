// One vocabulary for abnormal results, everywhere a result is shown: High, Low, Critically
// high, Critically low, Abnormal (and Critically abnormal, so a critical flag is never read as
// a mild one). From the source's interpretation code; from the reference range only when the
// source gave no code. Each flag has a word (the caller's language), an icon and a colour
// class, so it is never told by colour alone.

import type { EntryKind, Quantity, ReferenceRange } from '../model.ts';
import { saysNotSo } from './negation.ts';
import { isPlainDecimal } from './numbers.ts';

export const ABNORMAL_FLAGS = ['critical_high', 'critical_low', 'critical', 'high', 'low', 'abnormal'] as const;
export type AbnormalFlag = (typeof ABNORMAL_FLAGS)[number];

export interface FlagReading {
  flag: AbnormalFlag;
  /** Whether the source coded it, or Chartkeeper compared the value with the source's range. */
  from: 'code' | 'range';
}

/** Icons beside the word: the direction, doubled when critical. */
export const FLAG_ICONS: Readonly<Record<AbnormalFlag, string>> = {
  critical_high: '▲▲',
  critical_low: '▼▼',
  critical: '◆◆',
  high: '▲',
  low: '▼',
  abnormal: '◆',
};

/** Whether a flag is critical (shown more strongly). */
export function isCritical(flag: AbnormalFlag): boolean {
  return flag === 'critical_high' || flag === 'critical_low' || flag === 'critical';
}

/**
 * HL7 interpretation codes (v2 table 0078, v3 ObservationInterpretation) and the words some
 * sources write instead, upper case. "N" and "Normal" say the result is normal; codes that say
 * nothing about normality ("<" and ">" for off-scale, susceptibility S/I/R, better/worse)
 * are absent, so the reference range decides.
 */
const CODES: Readonly<Record<string, AbnormalFlag | 'normal'>> = {
  N: 'normal',
  NORMAL: 'normal',
  H: 'high',
  HU: 'high',
  'H>': 'high',
  HIGH: 'high',
  ABOVE: 'high',
  HH: 'critical_high',
  'H*': 'critical_high',
  'CRITICAL HIGH': 'critical_high',
  'CRITICALLY HIGH': 'critical_high',
  L: 'low',
  LU: 'low',
  'L<': 'low',
  LOW: 'low',
  BELOW: 'low',
  LL: 'critical_low',
  'L*': 'critical_low',
  'CRITICAL LOW': 'critical_low',
  'CRITICALLY LOW': 'critical_low',
  A: 'abnormal',
  ABNORMAL: 'abnormal',
  AA: 'critical',
  CRITICAL: 'critical',
  'CRITICALLY ABNORMAL': 'critical',
};

/** What an interpretation code says: a flag, 'normal', or undefined when it says neither. */
export function flagOfCode(interpretation: string | undefined): AbnormalFlag | 'normal' | undefined {
  if (!interpretation) return undefined;
  return CODES[interpretation.trim().toUpperCase().replace(/\s+/g, ' ')];
}

function numberOf(value: Quantity | undefined): number | undefined {
  if (!value) return undefined;
  const text = value.text?.trim();
  if (text) return isPlainDecimal(text) ? Number(text) : undefined;
  return typeof value.number === 'number' && Number.isFinite(value.number) ? value.number : undefined;
}

const sameUnit = (a: string | undefined, b: string | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/**
 * High or low from the reference range: only for a plain number in the range's own unit (a
 * range without a unit is taken to be in the value's).
 */
export function flagFromRange(value: Quantity | undefined, range: ReferenceRange | undefined): 'high' | 'low' | undefined {
  const n = numberOf(value);
  if (n === undefined || !range) return undefined;
  if (range.unit?.trim() && !sameUnit(range.unit, value?.unit)) return undefined;
  if (range.high !== undefined && n > range.high) return 'high';
  if (range.low !== undefined && n < range.low) return 'low';
  return undefined;
}

/**
 * The flag of a result, or undefined when it is normal or nothing says otherwise, or when the
 * source says the finding is not so (a value not found is neither high nor low).
 */
export function abnormalFlag(entry: {
  interpretation?: string | undefined;
  value?: Quantity | undefined;
  referenceRange?: ReferenceRange | undefined;
  kind?: EntryKind;
  status?: string | undefined;
}): FlagReading | undefined {
  if (entry.kind && saysNotSo({ kind: entry.kind, status: entry.status })) return undefined;
  const coded = flagOfCode(entry.interpretation);
  if (coded === 'normal') return undefined;
  if (coded) return { flag: coded, from: 'code' };
  const ranged = flagFromRange(entry.value, entry.referenceRange);
  return ranged ? { flag: ranged, from: 'range' } : undefined;
}
