// The pieces a laboratory line is made of, each recognised only in the forms reports print:
// a value, a flag, a unit, a reference range. Anything else is not one of them, so a line with
// a word these do not know is not read at all rather than read wrongly.

/** A plain decimal number as printed: "95", "1.90", "0.5", "-2.1". No thousands commas (ambiguous between 1,200 and 1,2). */
const NUMBER = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;
/** A value with a comparator: "<0.5", ">60", "<=1.0", ">= 90". */
const COMPARED = /^(?:<=|>=|<|>|≤|≥)\s?(?:\d+(?:\.\d+)?|\.\d+)$/;

export interface ValueToken {
  text: string;
  /** Only for a plain number: "<0.5" is kept as text alone (a bound is not the measured value). */
  number?: number;
}

export function readValue(token: string): ValueToken | undefined {
  if (NUMBER.test(token)) {
    const number = Number(token);
    return Number.isFinite(number) ? { text: token, number } : undefined;
  }
  if (COMPARED.test(token)) return { text: token };
  return undefined;
}

/** Flags as laboratories print them, and the interpretation code each stands for. */
const FLAGS: Record<string, string> = {
  H: 'H',
  L: 'L',
  HH: 'HH',
  LL: 'LL',
  A: 'A',
  AA: 'AA',
  HIGH: 'H',
  LOW: 'L',
  ABNORMAL: 'A',
  'H*': 'HH',
  'L*': 'LL',
  '(H)': 'H',
  '(L)': 'L',
  ALTO: 'H',
  BAJO: 'L',
  ANORMAL: 'A',
};

/** The interpretation code of a printed flag, or undefined when the token is not a flag. */
export function readFlag(token: string): string | undefined {
  const upper = token.toUpperCase();
  if (!Object.hasOwn(FLAGS, upper)) return undefined;
  // "H", "HIGH" or "High"; a lower-case word after a value is prose, not a flag column.
  return token === upper || /^[A-Z][a-z]+$/.test(token) ? FLAGS[upper] : undefined;
}

/**
 * Units laboratories print, matched as written (case as printed is kept; the match ignores
 * case). A unit outside this list makes the line unread: a word after a value may be anything.
 */
const UNIT_WORDS = [
  'mg/dL',
  'g/dL',
  'g/L',
  'mg/L',
  'ug/dL',
  'µg/dL',
  'mcg/dL',
  'ug/L',
  'µg/L',
  'mcg/L',
  'ng/mL',
  'ng/dL',
  'ng/L',
  'pg/mL',
  'pg',
  'fL',
  'fl',
  'um3',
  'mmol/L',
  'umol/L',
  'µmol/L',
  'nmol/L',
  'pmol/L',
  'mEq/L',
  'meq/L',
  'mIU/L',
  'mIU/mL',
  'uIU/mL',
  'µIU/mL',
  'IU/L',
  'IU/mL',
  'U/L',
  'U/mL',
  'kU/L',
  'EU/dL',
  'mL/min',
  'mL/min/1.73m2',
  'mL/min/1.73 m2',
  'mL/min/{1.73_m2}',
  '%',
  'g/24h',
  'mg/24h',
  'mg/g',
  'mg/g creat',
  'mg/mmol',
  'ratio',
  'seconds',
  'sec',
  's',
  'mm/h',
  'mm/hr',
  '/uL',
  '/µL',
  '/mm3',
  '/HPF',
  '/LPF',
  'cells/uL',
  'K/uL',
  'M/uL',
  'K/µL',
  'M/µL',
  'x10E3/uL',
  'x10E6/uL',
  'x10E3/µL',
  'x10E6/µL',
  'x10^3/uL',
  'x10^6/uL',
  '10^3/uL',
  '10^6/uL',
  '10*3/uL',
  '10*6/uL',
  '10^9/L',
  '10^12/L',
  '10*9/L',
  '10*12/L',
  'x10^9/L',
  'x10^12/L',
  'x10E9/L',
  'x10E12/L',
  'thou/uL',
  'mill/uL',
  'Thousand/uL',
  'Million/uL',
  'mOsm/kg',
  'mmHg',
  '[pH]',
];

const UNITS = new Map(UNIT_WORDS.map((u) => [u.toLowerCase(), u]));
const LONGEST_UNIT_WORDS = Math.max(...UNIT_WORDS.map((u) => u.split(' ').length));

/** How many tokens from `at` make a known unit (the longest match), or 0. */
export function unitLength(tokens: readonly string[], at: number): number {
  for (let n = Math.min(LONGEST_UNIT_WORDS, tokens.length - at); n >= 1; n--) {
    if (UNITS.has(tokens.slice(at, at + n).join(' ').toLowerCase())) return n;
  }
  return 0;
}

export interface RangeToken {
  /** As printed, with the spaces around a dash as printed. */
  text: string;
  low?: number;
  high?: number;
  /** A unit printed inside the range ("4.8-5.6%", "2 ng/mL - 8 ng/mL"): the value's must agree. */
  unit?: string;
}

const BOUND = String.raw`(?:\d+(?:\.\d+)?|\.\d+)`;
const BETWEEN = new RegExp(String.raw`^\(?(${BOUND})\s?(?:-|–|to)\s?(${BOUND})(%?)\)?$`);
const ONE_SIDED = new RegExp(String.raw`^\(?(<=|>=|<|>|≤|≥)\s?(${BOUND})(%?)\)?$`);
/** Ranges printed as words for a numeric value ("Glucose, urine 50 mg/dL Negative"). */
const IN_WORDS = /^(negative|neg|normal|nonreactive|non-reactive|not detected|none detected|negativo|no detectado)$/i;
const DASH = /^[-–]$/;

/** How many tokens from `at` make a reference range, and the range; 0 when none. */
export function readRange(tokens: readonly string[], at: number): { length: number; range?: RangeToken } {
  // "70-99", "70 - 99", "70 -99", "(70-99)", "4.8-5.6%", "<200", "> 59", ">=60".
  for (let n = Math.min(3, tokens.length - at); n >= 1; n--) {
    const text = tokens.slice(at, at + n).join(' ');
    const between = BETWEEN.exec(text);
    if (between) {
      const low = Number(between[1]);
      const high = Number(between[2]);
      if (low <= high) return { length: n, range: { text, low, high, ...(between[3] ? { unit: '%' } : {}) } };
      return { length: 0 };
    }
    const sided = ONE_SIDED.exec(text);
    if (sided && n <= 2) {
      // Only the text: whether the bound itself is inside the range is the laboratory's to say.
      return { length: n, range: { text, ...(sided[3] ? { unit: '%' } : {}) } };
    }
    if (IN_WORDS.test(text)) return { length: n, range: { text } };
  }
  // "2 ng/mL - 8 ng/mL": the unit on both bounds, the same.
  const low = tokens[at];
  const u1 = unitLength(tokens, at + 1);
  if (low && new RegExp(`^${BOUND}$`).test(low) && u1 > 0 && DASH.test(tokens[at + 1 + u1] ?? '')) {
    const high = tokens[at + 2 + u1];
    const u2 = unitLength(tokens, at + 3 + u1);
    const unit = tokens.slice(at + 1, at + 1 + u1).join(' ');
    if (high && new RegExp(`^${BOUND}$`).test(high) && u2 === u1 && tokens.slice(at + 3 + u1, at + 3 + u1 + u2).join(' ').toLowerCase() === unit.toLowerCase() && Number(low) <= Number(high)) {
      const length = 3 + 2 * u1;
      return { length, range: { text: tokens.slice(at, at + length).join(' '), low: Number(low), high: Number(high), unit } };
    }
  }
  return { length: 0 };
}
