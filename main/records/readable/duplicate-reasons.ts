// Why two entries were flagged as possible duplicates, in words the reader's language has.
// Reconciliation stores its reason as an English sentence (main/records/reconcile.ts, and
// "Split by you" from a split); each known form is read back into a message key and the
// values it quotes, which are the sources' own words (doses, values, codes) and stay as written.

export type DuplicateReasonKey =
  | 'dupReason_dose'
  | 'dupReason_severity'
  | 'dupReason_codes'
  | 'dupReason_notGiven'
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
  [/^Same vaccine on the same day, different lot number: (.*) vs (.*)$/s, 'dupReason_lot'],
  [/^Same (?:measurement|test) at the same time, different value: (.*) vs (.*)$/s, 'dupReason_value'],
  [/^Same entry on the same day, different value: (.*) vs (.*)$/s, 'dupReason_value'],
  [/^Same (?:measurement|test) and value on the same day, different times: (.*) vs (.*)$/s, 'dupReason_times'],
  [/^Same measurement under two codes, same value on the same day: (.*) vs (.*)$/s, 'dupReason_twoCodes'],
  [/^Same claim number, different claim type: (.*) vs (.*)$/s, 'dupReason_claimType'],
  [/^Split by you$/, 'dupReason_split'],
];

/** The reason's message key and quoted values; an unknown form is 'dupReason_other' with the text as `a`. */
export function readDuplicateReason(reason: string): DuplicateReason {
  for (const [pattern, key] of FORMS) {
    const match = pattern.exec(reason.trim());
    if (match) return { key, values: { a: match[1] ?? '', b: match[2] ?? '' } };
  }
  return { key: 'dupReason_other', values: { a: reason, b: '' } };
}
