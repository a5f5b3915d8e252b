// Units as people write them, and the unit system (US or metric) a person reads body
// measurements in. UCUM codes are for machines: "mm[Hg]" → "mmHg", "10*3/uL" → "×10³/µL",
// "[in_us]" → "in", "[pH]" → no unit. Pure, no Node APIs, no UCUM library (the renderer
// bundles this file).

export const UNIT_SYSTEMS = ['us', 'metric'] as const;
export type UnitSystem = (typeof UNIT_SYSTEMS)[number];

/** Whole units with a fixed reading; "" means the number stands alone. */
const WHOLE_UNITS: Record<string, string> = {
  '1': '',
  '[pH]': '',
  '{ratio}': 'ratio',
  '[lb_av]': 'lb',
  '[oz_av]': 'oz',
  '[in_i]': 'in',
  '[in_us]': 'in',
  '[ft_i]': 'ft',
  '[ft_us]': 'ft',
  '[degF]': '°F',
  Cel: '°C',
  '%': '%',
  'mL/min/{1.73_m2}': 'mL/min/1.73 m²',
  '[IU]/L': 'IU/L',
  'm[IU]/mL': 'mIU/mL',
  'u[IU]/mL': 'µIU/mL',
  '[iU]/L': 'IU/L',
};

const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };
const superscript = (digits: string) => [...digits].map((d) => SUPERSCRIPT[d] ?? d).join('');

/** One factor of a unit ("10*3", "uL", "mm[Hg]", "{beats}", "m2") as a person writes it. */
function readableFactor(factor: string): string {
  if (factor === '') return '';
  const whole = WHOLE_UNITS[factor];
  if (whole !== undefined) return whole;
  // "10*3" in UCUM; "x10E3", "10^3", "10+3" as laboratories write it.
  const power = /^[x×]?10[*^+eE](-?\d+)$/.exec(factor);
  if (power) return `×10${superscript(power[1] ?? '')}`;
  return (
    factor
      // Annotations keep their words: "{beats}" → "beats", "{1.73_m2}" → "1.73 m2".
      .replace(/\{([^}]*)\}/g, (_m, words: string) => words.replace(/_/g, ' '))
      .replace(/\[degF\]/g, '°F')
      .replace(/\bCel\b/g, '°C')
      // Bracketed atoms lose their brackets and qualifiers: "[Hg]" → "Hg", "[lb_av]" → "lb".
      .replace(/\[([A-Za-z0-9]+)(?:_[a-z]+)?\]/g, '$1')
      // A "u" prefix is micro: "uL" → "µL", "umol" → "µmol"; micrograms read "mcg", the
      // spelling pharmacies use because "µg" is misread as "mg".
      .replace(/^ug$/, 'mcg')
      .replace(/^u(?=(?:L|mol|IU|eq|m|U)$)/, 'µ')
      // Powers of a length: "m2" → "m²", "mm3" → "mm³".
      .replace(/([a-zA-Z])(\d)$/, (_m, letter: string, digit: string) => `${letter}${superscript(digit)}`)
  );
}

const labels = new Map<string, string>();

/** How a person writes a unit ("[lb_av]" → "lb", "10*3/uL" → "×10³/µL"); "" for none or no unit. */
export function unitLabel(unit: string | undefined): string {
  if (!unit) return '';
  const trimmed = unit.trim();
  let label = labels.get(trimmed);
  if (label === undefined) {
    const whole = WHOLE_UNITS[trimmed];
    label =
      whole ??
      trimmed
        .split('/')
        .map(readableFactor)
        .join('/');
    if (labels.size > 2_000) labels.clear();
    labels.set(trimmed, label);
  }
  return label;
}

/**
 * Units Chartkeeper itself writes as UCUM annotations (Apple Health's steps, which Apple counts in
 * "count"), in the reader's language; a source's own unit words are said as written.
 */
const OWN_UNIT_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = { es: { '{steps}': 'pasos' } };

/** `unitLabel` in the reader's language for the units Chartkeeper itself writes. */
export function unitLabelIn(unit: string | undefined, locale: string): string {
  const own = unit ? OWN_UNIT_WORDS[locale.slice(0, 2)]?.[unit.trim()] : undefined;
  return own ?? unitLabel(unit);
}

/** Units that follow their number without a space ("5.89%", "98.6°F"). */
export function unitJoinsNumber(label: string): boolean {
  return label === '%' || label === '°F' || label === '°C';
}

type Measure = 'lb' | 'kg' | 'degF' | 'degC' | 'in' | 'cm';

/** Units of body measurements, as sources write them (lower case, spaces removed). */
const MEASURE_OF: Record<string, Measure> = {
  '[lb_av]': 'lb', lb: 'lb', lbs: 'lb', pound: 'lb', pounds: 'lb',
  kg: 'kg', kgs: 'kg', kilograms: 'kg',
  '[degf]': 'degF', degf: 'degF', '°f': 'degF', f: 'degF', fahrenheit: 'degF',
  cel: 'degC', degc: 'degC', '°c': 'degC', c: 'degC', celsius: 'degC',
  '[in_i]': 'in', '[in_us]': 'in', in: 'in', inch: 'in', inches: 'in',
  cm: 'cm',
};

/** What a body measurement reads as in each unit system, and how to get there. */
const CONVERSIONS: Record<Measure, { us: Measure; metric: Measure }> = {
  lb: { us: 'lb', metric: 'kg' },
  kg: { us: 'lb', metric: 'kg' },
  degF: { us: 'degF', metric: 'degC' },
  degC: { us: 'degF', metric: 'degC' },
  in: { us: 'in', metric: 'cm' },
  cm: { us: 'in', metric: 'cm' },
};

const CONVERT: Partial<Record<`${Measure}>${Measure}`, (v: number) => number>> = {
  'lb>kg': (v) => v * 0.45359237,
  'kg>lb': (v) => v / 0.45359237,
  'degF>degC': (v) => ((v - 32) * 5) / 9,
  'degC>degF': (v) => (v * 9) / 5 + 32,
  'in>cm': (v) => v * 2.54,
  'cm>in': (v) => v / 2.54,
};

const MEASURE_LABEL: Record<Measure, string> = { lb: 'lb', kg: 'kg', degF: '°F', degC: '°C', in: 'in', cm: 'cm' };

/**
 * A body measurement (weight, temperature, length) in the reader's unit system: the converted
 * number and its unit label, or undefined when the unit is not one of these or already fits.
 */
export function inUnitSystem(value: number, unit: string | undefined, system: UnitSystem): { value: number; unit: string } | undefined {
  if (!unit) return undefined;
  const from = MEASURE_OF[unit.trim().toLowerCase().replace(/\s+/g, '')];
  if (!from) return undefined;
  const to = CONVERSIONS[from][system];
  const convert = CONVERT[`${from}>${to}`];
  return convert ? { value: convert(value), unit: MEASURE_LABEL[to] } : undefined;
}

/**
 * The unit glucose is read in: mg/dL, mmol/L, or "auto" (as most of the person's readings:
 * a chart in the unit most of its values were written in, anything else as written).
 */
export const GLUCOSE_UNITS = ['auto', 'mg/dL', 'mmol/L'] as const;
export type GlucoseUnit = (typeof GLUCOSE_UNITS)[number];

/** LOINC codes of glucose in blood, plasma, capillary blood and body fluid (lab, meter, sensor). */
const GLUCOSE_LOINCS: ReadonlySet<string> = new Set(['2345-7', '2339-0', '41653-7', '15074-8', '99504-3', '14745-4']);

/** Whether any of these codes (LOINC codes, or `{ code }` as entries carry them) is glucose. */
export function isGlucose(codes: readonly (string | { code: string })[] | undefined): boolean {
  return codes?.some((c) => GLUCOSE_LOINCS.has(typeof c === 'string' ? c : c.code)) ?? false;
}

/**
 * Codes of one measure written in two units: a meter's glucose in mmol/L has its own LOINC
 * code (15074-8) beside mg/dL's (2339-0), but it is the same blood glucose, so a list of tests
 * shows it as one test. Each code names itself otherwise.
 */
const SAME_MEASURE_AS: Readonly<Record<string, string>> = { '15074-8': '2339-0' };

/** The code a list of tests groups this LOINC code under (one row for a measure written in two units). */
export function sameMeasureCode(loinc: string): string {
  return SAME_MEASURE_AS[loinc] ?? loinc;
}

/** Glucose's molar mass (g/mol), as main/records/units.ts converts it with UCUM: 1 mmol/L = 18.016 mg/dL. */
const GLUCOSE_MG_PER_DL_PER_MMOL_PER_L = 180.16 / 10;

/** mg/dL or mmol/L as sources write them ("mg/dl", "mmol/l", "MMOL/L"), or undefined. */
function glucoseUnitOf(unit: string | undefined): 'mg/dL' | 'mmol/L' | undefined {
  const key = unit?.trim().toLowerCase().replace(/\s+/g, '');
  return key === 'mg/dl' ? 'mg/dL' : key === 'mmol/l' ? 'mmol/L' : undefined;
}

/** Rounded as clinicians read glucose: mmol/L to one decimal, mg/dL whole. */
export function roundGlucose(value: number, unit: 'mg/dL' | 'mmol/L'): number {
  return unit === 'mmol/L' ? Math.round(value * 10) / 10 : Math.round(value);
}

/**
 * A glucose value in the unit the person chose: the converted number (rounded as clinicians
 * read it) and its unit, or undefined when the preference is "auto", the unit is neither
 * mg/dL nor mmol/L, or it already is the chosen one.
 */
export function inGlucoseUnit(value: number, unit: string | undefined, preference: GlucoseUnit | undefined): { value: number; unit: 'mg/dL' | 'mmol/L' } | undefined {
  if (!preference || preference === 'auto') return undefined;
  const from = glucoseUnitOf(unit);
  if (!from || from === preference) return undefined;
  const converted = preference === 'mmol/L' ? value / GLUCOSE_MG_PER_DL_PER_MMOL_PER_L : value * GLUCOSE_MG_PER_DL_PER_MMOL_PER_L;
  return { value: roundGlucose(converted, preference), unit: preference };
}
