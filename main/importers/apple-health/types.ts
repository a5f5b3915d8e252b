// Which HealthKit types Chartkeeper keeps, how each is coded (LOINC, as the other importers
// code the same vital signs, so they join Trends) and read (Apple's units to UCUM), and
// which are kept as daily summaries. Everything else in an export is counted and left out.
import type { Code, EntryKind } from '../../records/model.ts';
import { own } from '../readings/daily.ts';

const Q = 'HKQuantityTypeIdentifier';

export interface KeptType {
  /** HealthKit's identifier without its prefix: "HeartRate". */
  id: string;
  title: string;
  kind: EntryKind;
  code: (unit: string) => Code;
  /**
   * 'stream': a watch writes it every few minutes, so it is kept as daily summaries;
   * 'watch-stream': summarised when a watch measured it (oxygen), else read by read;
   * 'spot': every reading is kept.
   */
  mode: 'spot' | 'stream' | 'watch-stream';
  /** Apple's unit → the UCUM unit stored; a unit not listed is not understood. */
  units: Readonly<Record<string, string>>;
  /** Apple stores this percentage as a fraction (0.97 for 97 %). */
  fraction?: boolean;
  /** A daily total means something (steps): the summary says it. */
  additive?: boolean;
}

const loinc = (code: string, display: string) => (): Code => ({ system: 'LOINC', code, display });
const PER_MIN = { 'count/min': '/min' };

export const SYSTOLIC: Code = { system: 'LOINC', code: '8480-6', display: 'Systolic blood pressure' };
export const DIASTOLIC: Code = { system: 'LOINC', code: '8462-4', display: 'Diastolic blood pressure' };
export const BP_PANEL: Code = { system: 'LOINC', code: '85354-9', display: 'Blood pressure panel' };
export const BP_UNITS: Readonly<Record<string, string>> = { mmHg: 'mm[Hg]' };
export const BP_SYSTOLIC_TYPE = `${Q}BloodPressureSystolic`;
export const BP_DIASTOLIC_TYPE = `${Q}BloodPressureDiastolic`;
export const BP_CORRELATION = 'HKCorrelationTypeIdentifierBloodPressure';

const TYPES: readonly KeptType[] = [
  { id: 'BodyMass', title: 'Body weight', kind: 'vital', code: loinc('29463-7', 'Body weight'), mode: 'spot', units: { kg: 'kg', lb: '[lb_av]', g: 'g', st: '[stone_av]' } },
  { id: 'Height', title: 'Body height', kind: 'vital', code: loinc('8302-2', 'Body height'), mode: 'spot', units: { cm: 'cm', m: 'm', in: '[in_i]', ft: '[ft_i]' } },
  { id: 'BodyMassIndex', title: 'Body mass index (BMI)', kind: 'vital', code: loinc('39156-5', 'Body mass index (BMI) [Ratio]'), mode: 'spot', units: { count: 'kg/m2' } },
  { id: 'BodyTemperature', title: 'Body temperature', kind: 'vital', code: loinc('8310-5', 'Body temperature'), mode: 'spot', units: { degC: 'Cel', degF: '[degF]' } },
  {
    id: 'BloodGlucose',
    title: 'Glucose',
    kind: 'result',
    code: (unit) =>
      unit === 'mmol/L' ? { system: 'LOINC', code: '15074-8', display: 'Glucose [Moles/volume] in Blood' } : { system: 'LOINC', code: '2339-0', display: 'Glucose [Mass/volume] in Blood' },
    mode: 'spot',
    // Apple writes the molar unit with glucose's molar mass in it.
    units: { 'mg/dL': 'mg/dL', 'mmol<180.1558800000541>/L': 'mmol/L', 'mmol/L': 'mmol/L' },
  },
  { id: 'OxygenSaturation', title: 'Oxygen saturation', kind: 'vital', code: loinc('59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry'), mode: 'watch-stream', units: { '%': '%' }, fraction: true },
  // A watch measures breathing through the night, every few minutes.
  { id: 'RespiratoryRate', title: 'Respiratory rate', kind: 'vital', code: loinc('9279-1', 'Respiratory rate'), mode: 'watch-stream', units: PER_MIN },
  { id: 'HeartRate', title: 'Heart rate', kind: 'vital', code: loinc('8867-4', 'Heart rate'), mode: 'stream', units: PER_MIN },
  { id: 'RestingHeartRate', title: 'Resting heart rate', kind: 'vital', code: loinc('40443-4', 'Heart rate --resting'), mode: 'spot', units: PER_MIN },
  { id: 'StepCount', title: 'Steps', kind: 'vital', code: loinc('55423-8', 'Number of steps in unspecified time Pedometer'), mode: 'stream', units: { count: '{steps}' }, additive: true },
];

const BY_TYPE = new Map<string, KeptType>(TYPES.map((t) => [Q + t.id, t]));

/** The kept type for a Record's `type` attribute, or undefined when it is left out. */
export function keptType(type: string): KeptType | undefined {
  return BY_TYPE.get(type);
}

const BY_ID = new Map<string, KeptType>(TYPES.map((t) => [t.id, t]));

/** The kept type of that id ("HeartRate"). */
export function keptTypeById(id: string): KeptType | undefined {
  return BY_ID.get(id);
}

export const KEPT_TYPE_IDS: readonly string[] = [...TYPES.map((t) => t.id), 'BloodPressure'];

/** "HKQuantityTypeIdentifierHeartRate" → "HeartRate": how the report names every type. */
export function shortType(type: string): string {
  return type.replace(/^HK(Quantity|Category|Correlation|DataType|Characteristic)TypeIdentifier/, '') || type;
}

/** Apple's "2026-03-07 20:00:00 -0500" → "2026-03-07T20:00:00-05:00" (the offset kept), or undefined. */
let lastStamp = '';
let lastIso: string | undefined;

export function isoTime(stamp: string | undefined): string | undefined {
  if (!stamp) return undefined;
  // A reading's end is usually its start: read once.
  if (stamp === lastStamp) return lastIso;
  lastStamp = stamp;
  lastIso = readStamp(stamp);
  return lastIso;
}

const DIGIT_0 = 48;
const T = 84;
const COLON = 58;
/** What each position of "YYYY-MM-DD hh:mm:ss ±hhmm" holds: a digit (0) or that character's code. */
const STAMP_SHAPE = [...'0000-00-00 00:00:00 ?0000'].map((c) => (c === '0' ? 0 : c === '?' ? -1 : c.charCodeAt(0)));

/**
 * Read character by character rather than with a regular expression: a watch's export has
 * millions of readings, each with a start and an end, and this is per reading.
 */
function readStamp(stamp: string): string | undefined {
  if (stamp.length !== STAMP_SHAPE.length) return undefined;
  for (let i = 0; i < STAMP_SHAPE.length; i++) {
    const c = stamp.charCodeAt(i);
    const shape = STAMP_SHAPE[i]!;
    if (shape === 0 ? c < DIGIT_0 || c > DIGIT_0 + 9 : shape === -1 ? c !== 43 && c !== 45 : c !== shape) return undefined;
  }
  const two = (at: number) => (stamp.charCodeAt(at) - DIGIT_0) * 10 + stamp.charCodeAt(at + 1) - DIGIT_0;
  const month = two(5);
  const day = two(8);
  if (month < 1 || month > 12 || day < 1 || day > 31 || two(11) > 23 || two(14) > 59 || two(17) > 60) return undefined;
  // Built character by character: one new flat string that holds nothing of the file's chunk.
  // Joined from four slices it was five short strings and a rope, flattened again when the
  // reader compares it (the day, DailyStats' first and last): twice per reading of a stream.
  const c = (at: number) => stamp.charCodeAt(at);
  return String.fromCharCode(
    c(0), c(1), c(2), c(3), c(4), c(5), c(6), c(7), c(8), c(9), T,
    c(11), c(12), c(13), c(14), c(15), c(16), c(17), c(18),
    c(20), c(21), c(22), COLON, c(23), c(24),
  );
}

/** "<<HKDevice: 0x…>, name:Apple Watch, manufacturer:Apple Inc., …>" → "Apple Watch". */
const DEVICE_NAMES = new Map<string, string | undefined>();
// Readings of one device come one after another: the last one answers most calls without
// hashing the long attribute again.
let lastDevice: string | undefined;
let lastDeviceName: string | undefined;

export function deviceName(device: string | undefined): string | undefined {
  if (!device) return undefined;
  if (device === lastDevice) return lastDeviceName;
  let name: string | undefined;
  if (DEVICE_NAMES.has(device)) name = DEVICE_NAMES.get(device);
  else {
    const found = /(?:^|[,\s])name:([^,>]+)/.exec(device)?.[1]?.trim() || undefined;
    // Copied: an attribute is a slice of the chunk it was read from (see own()).
    name = found === undefined ? undefined : own(found);
    // An export names a handful of devices; a hostile one cannot grow this without bound.
    if (DEVICE_NAMES.size < 1000) DEVICE_NAMES.set(own(device), name);
  }
  lastDevice = device;
  lastDeviceName = name;
  return name;
}

/**
 * A reading's value as a number when it is written as one: an optional minus, digits with an
 * optional fraction (or a fraction alone), an optional exponent; anything else (a word, "1,5",
 * "Infinity", hexadecimal) is not. Scanned by hand: it is once per reading, and the regular
 * expression it replaces (/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/, which it accepts exactly,
 * test/apple-health/types.test.ts) cost several times more.
 */
export function numberOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = text.length;
  let i = 0;
  if (i < n && text.charCodeAt(i) === MINUS) i++;
  const whole = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  let digits = i - whole;
  if (i < n && text.charCodeAt(i) === DOT) {
    const fraction = ++i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    digits += i - fraction;
  }
  if (digits === 0) return undefined;
  if (i < n && (text.charCodeAt(i) === 101 || text.charCodeAt(i) === 69)) {
    i++;
    if (i < n && (text.charCodeAt(i) === PLUS || text.charCodeAt(i) === MINUS)) i++;
    const exponent = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i === exponent) return undefined;
  }
  return i === n ? Number(text) : undefined;
}

const MINUS = 45;
const PLUS = 43;
const DOT = 46;

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_0 + 9;
}
