// What a home measurement is: the readings a person can map from a CSV column or type in by
// hand, each with the LOINC code the record stores and the units it may be written in (UCUM,
// with the spellings devices and people use). Shared with the renderer, which lists them.
import type { Code, EntryKind } from '../model.ts';

export const MEASURE_IDS = [
  'weight',
  'height',
  'bmi',
  'systolic',
  'diastolic',
  'pulse',
  'glucose',
  'glucoseSensor',
  'temperature',
  'spo2',
  'respiration',
  'waist',
  'bodyFat',
  'inr',
  'peakFlow',
] as const;
export type MeasureId = (typeof MEASURE_IDS)[number];

export interface MeasureUnit {
  /** UCUM, as stored. */
  ucum: string;
  /** How people write it, lower case, for reading a unit column. */
  spellings: readonly string[];
  /** A code that depends on the unit (glucose by mass or by moles). */
  code?: Code;
  /** What a person could plausibly measure at home in this unit: outside it a value is kept and flagged "please check". */
  plausible: readonly [number, number];
}

export interface Measure {
  id: MeasureId;
  kind: Extract<EntryKind, 'vital' | 'result'>;
  /** The stored title, as Chartkeeper writes it (said in Spanish by readable/titles.ts). */
  title: string;
  code: Code;
  units: readonly MeasureUnit[];
}

const loinc = (code: string, display: string): Code => ({ system: 'LOINC', code, display });

export const MEASURES: readonly Measure[] = [
  {
    id: 'weight',
    kind: 'vital',
    title: 'Body weight',
    code: loinc('29463-7', 'Body weight'),
    units: [
      { ucum: 'kg', spellings: ['kg', 'kgs', 'kilogram', 'kilograms', 'kilo', 'kilos'], plausible: [0.3, 400] },
      { ucum: '[lb_av]', spellings: ['lb', 'lbs', 'pound', 'pounds', '[lb_av]'], plausible: [0.5, 900] },
      { ucum: 'g', spellings: ['g', 'gram', 'grams'], plausible: [300, 400000] },
    ],
  },
  {
    id: 'height',
    kind: 'vital',
    title: 'Body height',
    code: loinc('8302-2', 'Body height'),
    units: [
      { ucum: 'cm', spellings: ['cm', 'centimeter', 'centimeters', 'centimetre', 'centimetres'], plausible: [20, 260] },
      { ucum: '[in_i]', spellings: ['in', 'inch', 'inches', '"', '[in_i]', '[in_us]'], plausible: [8, 105] },
      { ucum: 'm', spellings: ['m', 'meter', 'meters', 'metre', 'metres'], plausible: [0.2, 2.6] },
    ],
  },
  {
    id: 'bmi',
    kind: 'vital',
    title: 'Body mass index',
    code: loinc('39156-5', 'Body mass index (BMI) [Ratio]'),
    units: [{ ucum: 'kg/m2', spellings: ['kg/m2', 'kg/m²', 'kg/m^2', 'bmi'], plausible: [5, 100] }],
  },
  {
    id: 'systolic',
    kind: 'vital',
    title: 'Systolic blood pressure',
    code: loinc('8480-6', 'Systolic blood pressure'),
    units: [{ ucum: 'mm[Hg]', spellings: ['mmhg', 'mm hg', 'mm[hg]'], plausible: [50, 300] }],
  },
  {
    id: 'diastolic',
    kind: 'vital',
    title: 'Diastolic blood pressure',
    code: loinc('8462-4', 'Diastolic blood pressure'),
    units: [{ ucum: 'mm[Hg]', spellings: ['mmhg', 'mm hg', 'mm[hg]'], plausible: [20, 200] }],
  },
  {
    id: 'pulse',
    kind: 'vital',
    title: 'Heart rate',
    code: loinc('8867-4', 'Heart rate'),
    units: [{ ucum: '/min', spellings: ['/min', 'bpm', 'beats/min', 'beats per minute', 'ppm', 'lpm', '1/min'], plausible: [20, 250] }],
  },
  {
    id: 'glucose',
    kind: 'result',
    title: 'Glucose (meter)',
    code: loinc('2339-0', 'Glucose [Mass/volume] in Blood'),
    units: [
      { ucum: 'mg/dL', spellings: ['mg/dl'], code: loinc('2339-0', 'Glucose [Mass/volume] in Blood'), plausible: [10, 800] },
      { ucum: 'mmol/L', spellings: ['mmol/l'], code: loinc('15074-8', 'Glucose [Moles/volume] in Blood'), plausible: [0.5, 45] },
    ],
  },
  {
    id: 'glucoseSensor',
    kind: 'result',
    title: 'Glucose (sensor)',
    code: loinc('99504-3', 'Glucose [Mass/volume] in Interstitial fluid'),
    // The codes the glucose importer gives sensor readings (readings.ts), the HL7 CGM guide's.
    units: [
      { ucum: 'mg/dL', spellings: ['mg/dl'], code: loinc('99504-3', 'Glucose [Mass/volume] in Interstitial fluid'), plausible: [10, 800] },
      { ucum: 'mmol/L', spellings: ['mmol/l'], code: loinc('14745-4', 'Glucose [Moles/volume] in Body fluid'), plausible: [0.5, 45] },
    ],
  },
  {
    id: 'temperature',
    kind: 'vital',
    title: 'Body temperature',
    code: loinc('8310-5', 'Body temperature'),
    units: [
      { ucum: 'Cel', spellings: ['°c', 'c', 'cel', 'celsius', 'ºc', 'degc'], plausible: [30, 45] },
      { ucum: '[degF]', spellings: ['°f', 'f', 'fahrenheit', 'ºf', 'degf', '[degf]'], plausible: [86, 113] },
    ],
  },
  {
    id: 'spo2',
    kind: 'vital',
    title: 'Oxygen saturation',
    code: loinc('59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry'),
    units: [{ ucum: '%', spellings: ['%', 'percent', 'spo2 %'], plausible: [50, 100] }],
  },
  {
    id: 'respiration',
    kind: 'vital',
    title: 'Respiratory rate',
    code: loinc('9279-1', 'Respiratory rate'),
    units: [{ ucum: '/min', spellings: ['/min', 'breaths/min', 'rpm', '1/min'], plausible: [4, 80] }],
  },
  {
    id: 'waist',
    kind: 'vital',
    title: 'Waist circumference',
    code: loinc('8280-0', 'Waist Circumference at umbilicus by Tape measure'),
    units: [
      { ucum: 'cm', spellings: ['cm'], plausible: [30, 250] },
      { ucum: '[in_i]', spellings: ['in', 'inch', 'inches', '[in_i]'], plausible: [12, 100] },
    ],
  },
  {
    id: 'bodyFat',
    kind: 'vital',
    title: 'Body fat',
    code: loinc('41982-0', 'Percentage of body fat Measured'),
    units: [{ ucum: '%', spellings: ['%', 'percent'], plausible: [1, 75] }],
  },
  {
    id: 'inr',
    kind: 'result',
    title: 'INR (home meter)',
    code: loinc('6301-6', 'INR in Platelet poor plasma by Coagulation assay'),
    units: [{ ucum: '{INR}', spellings: ['inr', '{inr}', ''], plausible: [0.5, 10] }],
  },
  {
    id: 'peakFlow',
    kind: 'vital',
    title: 'Peak expiratory flow',
    code: loinc('19935-6', 'Maximum expiratory gas flow Respiratory system airway by Peak flow meter'),
    units: [{ ucum: 'L/min', spellings: ['l/min', 'lpm', 'liters/min', 'litres/min'], plausible: [50, 900] }],
  },
];

export function measureOf(id: MeasureId): Measure {
  return MEASURES.find((m) => m.id === id)!;
}

/** The measure's unit for a unit as written (any case, spaces evened out), or undefined. */
export function unitOfMeasure(measure: Measure, written: string): MeasureUnit | undefined {
  const w = written.trim().toLowerCase().replace(/\s+/g, ' ');
  return measure.units.find((u) => u.ucum.toLowerCase() === w || u.spellings.includes(w));
}

/** The code stored for a value of `measure` in `unit` (glucose's depends on the unit). */
export function codeOfMeasure(measure: Measure, unit: MeasureUnit): Code {
  return unit.code ?? measure.code;
}
