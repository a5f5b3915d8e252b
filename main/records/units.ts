// Units of measure: turning the unit strings found in documents into UCUM, and converting
// values between UCUM units with @lhncbc/ucum-lhc. Mass↔molar conversions need the
// substance's molecular weight, which only a few well-known tests get (MOLECULAR_WEIGHTS).

import ucum from '@lhncbc/ucum-lhc';

// Loading UCUM's unit tables takes ~20 ms and a good deal of garbage: only when a unit is
// first checked, not for every start of the command line or the app.
let loaded: ReturnType<typeof ucum.UcumLhcUtils.getInstance> | undefined;
function ucumUtils(): ReturnType<typeof ucum.UcumLhcUtils.getInstance> {
  return (loaded ??= ucum.UcumLhcUtils.getInstance());
}

// Whole unit strings seen in documents that are not UCUM, keyed in lower case with spaces
// removed. Case matters in UCUM ("G" is gauss), so lower-case keys only serve the lookup.
const UNIT_ALIASES: Record<string, string> = {
  'mg/dl': 'mg/dL',
  'g/dl': 'g/dL',
  'gm/dl': 'g/dL',
  'mmol/l': 'mmol/L',
  'umol/l': 'umol/L',
  'µmol/l': 'umol/L',
  'meq/l': 'meq/L',
  'mg/l': 'mg/L',
  'ng/ml': 'ng/mL',
  'pg/ml': 'pg/mL',
  'ug/dl': 'ug/dL',
  'mcg/dl': 'ug/dL',
  'ml/min': 'mL/min',
  'u/l': 'U/L',
  'iu/l': '[IU]/L',
  'miu/ml': 'm[IU]/mL',
  'uiu/ml': 'u[IU]/mL',
  // Bare units whose upper-case spelling means something else in UCUM ("MG" is megagram).
  mg: 'mg',
  mcg: 'ug',
  ug: 'ug',
  ng: 'ng',
  ml: 'mL',
  l: 'L',
  dl: 'dL',
  mmol: 'mmol',
  fl: 'fL',
  pg: 'pg',
  lb: '[lb_av]',
  lbs: '[lb_av]',
  pound: '[lb_av]',
  pounds: '[lb_av]',
  '[lb_av]': '[lb_av]',
  oz: '[oz_av]',
  kg: 'kg',
  kgs: 'kg',
  kilograms: 'kg',
  g: 'g',
  in: '[in_i]',
  inch: '[in_i]',
  inches: '[in_i]',
  '[in_i]': '[in_i]',
  // US survey inch differs from the international inch by two parts per million.
  '[in_us]': '[in_i]',
  ft: '[ft_i]',
  cm: 'cm',
  m: 'm',
  f: '[degF]',
  degf: '[degF]',
  '°f': '[degF]',
  '[degf]': '[degF]',
  fahrenheit: '[degF]',
  c: 'Cel',
  cel: 'Cel',
  degc: 'Cel',
  '°c': 'Cel',
  celsius: 'Cel',
  mmhg: 'mm[Hg]',
  'mm[hg]': 'mm[Hg]',
  '%': '%',
  percent: '%',
  pct: '%',
  bpm: '/min',
  '/min': '/min',
  'beats/min': '/min',
  'breaths/min': '/min',
  '{beats}/min': '/min',
  '{breaths}/min': '/min',
  'kg/m2': 'kg/m2',
  'kg/m²': 'kg/m2',
  'kg/m^2': 'kg/m2',
  'ml/min/1.73m2': 'mL/min/{1.73_m2}',
  'ml/min/1.73m²': 'mL/min/{1.73_m2}',
  'ml/min/1.73m^2': 'mL/min/{1.73_m2}',
  'ml/min/{1.73_m2}': 'mL/min/{1.73_m2}',
  'ml/min/1.73sqm': 'mL/min/{1.73_m2}',
  'k/ul': '10*3/uL',
  'k/mm3': '10*3/mm3',
  'thou/ul': '10*3/uL',
  '1000/ul': '10*3/uL',
  '1000/mm3': '10*3/mm3',
  'm/ul': '10*6/uL',
  'm/mm3': '10*6/mm3',
  'mil/ul': '10*6/uL',
  'million/ul': '10*6/uL',
  'mg/g': 'mg/g',
  'mg/mmol': 'mg/mmol',
};

// "10^3/ul", "10+3/ul", "x10E3/uL", "10*9/L": powers of ten per volume.
const POWER_OF_TEN = /^x?10(?:\^|\*|\+|e)(\d+)\/(ul|µl|mcl|mm3|l|ml)$/;
const VOLUME_CASE: Record<string, string> = { ul: 'uL', µl: 'uL', mcl: 'uL', mm3: 'mm3', l: 'L', ml: 'mL' };

/**
 * A UCUM unit for a unit string as written in a document, or the string itself (trimmed)
 * when no alias is known. Undefined for an absent or blank unit.
 */
export function toUcum(unit: string | undefined): string | undefined {
  if (!unit) return undefined;
  let ucumUnit = ucumOf.get(unit);
  if (ucumUnit === undefined) {
    if (ucumOf.size >= 5_000) ucumOf.clear();
    ucumUnit = toUcumUncached(unit) ?? '';
    ucumOf.set(unit, ucumUnit);
  }
  return ucumUnit || undefined;
}

const ucumOf = new Map<string, string>();

function toUcumUncached(unit: string): string | undefined {
  const trimmed = unit.trim();
  if (!trimmed) return undefined;
  const key = trimmed.toLowerCase().replace(/\s+/g, '');
  const alias = UNIT_ALIASES[key];
  if (alias) return alias;
  const power = POWER_OF_TEN.exec(key);
  if (power) return `10*${power[1]}/${VOLUME_CASE[power[2] ?? ''] ?? power[2]}`;
  return trimmed;
}

const validity = new Map<string, boolean>();

/** Whether UCUM understands the unit exactly as given. */
export function isUcum(unit: string): boolean {
  let valid = validity.get(unit);
  if (valid === undefined) {
    valid = ucumUtils().validateUnitString(unit).status === 'valid';
    validity.set(unit, valid);
  }
  return valid;
}

/** Molecular weights (g/mol) for the tests whose mass and molar units we convert between. */
export const MOLECULAR_WEIGHTS: Readonly<Record<string, number>> = {
  // Glucose
  '2345-7': 180.16,
  '2339-0': 180.16,
  '41653-7': 180.16,
  '15074-8': 180.16,
  '99504-3': 180.16,
  '14745-4': 180.16,
  // Cholesterol: total, HDL, LDL (calculated and direct)
  '2093-3': 386.65,
  '2085-9': 386.65,
  '13457-7': 386.65,
  '2089-1': 386.65,
  '18262-6': 386.65,
  // Triglycerides, by the laboratory convention (as triolein: 88.57 mg/dL per mmol/L).
  '2571-8': 885.7,
};

/** Why a value could not be converted: the reader's language words it (renderer/i18n). */
export type ConversionWhy = 'no-unit' | 'unit-vs-none' | 'unknown-unit' | 'needs-molecular-weight' | 'not-convertible';
export type ConversionFailure = { ok: false; reason: string; why: ConversionWhy };
export type Conversion = { ok: true; value: number } | ConversionFailure;

/** Converted values carry no more precision than a lab would print. */
export function roundConverted(value: number): number {
  return Number(value.toPrecision(4));
}

/**
 * Converts a value between two units as written in documents. Same unit (after
 * normalization) returns the value untouched; otherwise both must be UCUM, and mass↔molar
 * conversions need `molecularWeight`.
 */
export function convertValue(
  value: number,
  fromUnit: string | undefined,
  toUnit: string | undefined,
  molecularWeight?: number,
): Conversion {
  const key = `${fromUnit}\u0000${toUnit}\u0000${molecularWeight}\u0000${value}`;
  let result = conversions.get(key);
  if (!result) {
    if (conversions.size >= 20_000) conversions.clear();
    result = convertUncached(value, fromUnit, toUnit, molecularWeight);
    conversions.set(key, result);
  }
  return result;
}

// Reconciliation compares the same few values and units many times during an import.
const conversions = new Map<string, Conversion>();

function convertUncached(
  value: number,
  fromUnit: string | undefined,
  toUnit: string | undefined,
  molecularWeight?: number,
): Conversion {
  const from = toUcum(fromUnit);
  const to = toUcum(toUnit);
  if (from === to) return { ok: true, value };
  if (!from) return { ok: false, why: 'no-unit', reason: `No unit given, so it cannot be shown in ${to}.` };
  if (!to) return { ok: false, why: 'unit-vs-none', reason: `Its unit ${from} cannot be compared with values that have no unit.` };
  if (!isUcum(from)) return { ok: false, why: 'unknown-unit', reason: `The unit "${fromUnit}" is not one Chartkeeper can convert.` };
  if (!isUcum(to)) return { ok: false, why: 'unknown-unit', reason: `The unit "${toUnit}" is not one Chartkeeper can convert.` };
  const result = ucumUtils().convertUnitTo(
    from,
    value,
    to,
    molecularWeight === undefined ? {} : { molecularWeight },
  );
  if (result.status === 'succeeded' && typeof result.toVal === 'number' && Number.isFinite(result.toVal)) {
    return { ok: true, value: roundConverted(result.toVal) };
  }
  const needsWeight = result.msg.some((message) => /mole(cular)? weight/i.test(message));
  return {
    ok: false,
    why: needsWeight ? 'needs-molecular-weight' : 'not-convertible',
    reason: needsWeight
      ? `Converting ${from} to ${to} needs the substance's molecular weight, which Chartkeeper does not know for this test.`
      : `${from} cannot be converted to ${to}.`,
  };
}

/** How a person writes a UCUM unit ("[lb_av]" → "lb", "mm[Hg]" → "mmHg"): see readable/units.ts. */
export { unitLabel } from './readable/units.ts';
