// The pure half of the large-profile generator (issue #19, Scale): a deterministic stream of
// ParsedFiles for ONE person whose record is mostly readings from home devices — a watch's
// heart rate, oxygen saturation and breathing rate kept sample by sample, a glucose sensor's
// stream (every 5 minutes) and its daily summaries, meter and cuff readings — beside the usual
// clinical record (visits, labs, problems, medications) of bench/documents.ts. Same seed, same
// files. bench/large.ts writes them through the vault's import writer.
import type { ImportedDocument, ParsedFile, RecordDraft } from '../main/records/model.ts';
import { visitStream, type GeneratedVisit } from './documents.ts';
import { seededRandom, type Random } from './random.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Every stream ends here; the record reaches back as far as each stream's size needs. */
export const LAST_DAY = Date.UTC(2025, 11, 31, 23, 55);
/** Readings per generated file: a device export of a few weeks. */
export const READINGS_PER_FILE = 5_000;

export interface StreamPlan {
  id: string;
  /** What the stream holds, for the log. */
  label: string;
  count: number;
}

/**
 * How `total` entries are split. The heart-rate stream is exactly 500,000 samples (the
 * benchmark's 500k-point trend); the glucose sensor takes what the fixed parts leave.
 */
export function planStreams(total: number): StreamPlan[] {
  const scale = total / 2_000_000;
  const fixed: StreamPlan[] = [
    { id: 'clinical', label: 'clinical record (visits, labs, problems, medications, notes)', count: Math.round(100_000 * scale) },
    { id: 'heart-rate', label: 'watch heart rate, every sample', count: Math.round(500_000 * scale) },
    { id: 'heart-rate-daily', label: 'watch heart rate, daily summaries (older years)', count: Math.round(1_800 * scale) },
    { id: 'spo2', label: 'watch oxygen saturation, every sample', count: Math.round(400_000 * scale) },
    { id: 'resp', label: 'watch respiratory rate, every sample', count: Math.round(300_000 * scale) },
    { id: 'glucose-meter', label: 'glucose meter (finger-stick), mg/dL and mmol/L', count: Math.round(14_600 * scale) },
    { id: 'glucose-daily', label: 'glucose sensor daily summaries (mmol/L, older years)', count: Math.round(1_500 * scale) },
    { id: 'bp', label: 'home blood pressure: systolic, diastolic and pulse', count: Math.round(21_900 * scale) },
  ];
  const used = fixed.reduce((sum, s) => sum + s.count, 0);
  return [...fixed, { id: 'glucose-sensor', label: 'glucose sensor, every 5 minutes', count: Math.max(0, total - used) }];
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A wall-clock time with the zone the devices write (US Eastern standard time). */
function localTime(ms: number): string {
  const d = new Date(ms - 5 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00-05:00`;
}
const dayOf = (ms: number) => localTime(ms).slice(0, 10);

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

interface StreamShape {
  provider: string;
  title: string;
  kind: 'vital' | 'result';
  loinc: string;
  display: string;
  unit: string;
  decimals: number;
  /** Minutes between readings. */
  every: number;
  value: (rng: Random, ms: number) => number;
  comment?: string;
}

const circadian = (ms: number) => Math.sin(((ms % DAY) / DAY) * 2 * Math.PI - Math.PI / 2);

const SHAPES: Record<string, StreamShape> = {
  'heart-rate': {
    provider: 'Apple Watch',
    title: 'Heart rate',
    kind: 'vital',
    loinc: '8867-4',
    display: 'Heart rate',
    unit: '/min',
    decimals: 0,
    every: 10,
    // Resting overnight, higher by day, a run now and then.
    value: (rng, ms) => Math.max(38, 68 + 10 * circadian(ms) + rng.normal(0, 6) + (rng.chance(0.01) ? rng.int(40, 90) : 0)),
  },
  spo2: {
    provider: 'Apple Watch',
    title: 'Oxygen saturation',
    kind: 'vital',
    loinc: '59408-5',
    display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
    unit: '%',
    decimals: 0,
    every: 15,
    value: (rng) => Math.min(100, rng.normal(96.5, 1.4)),
  },
  resp: {
    provider: 'Apple Watch',
    title: 'Respiratory rate',
    kind: 'vital',
    loinc: '9279-1',
    display: 'Respiratory rate',
    unit: '/min',
    decimals: 0,
    every: 15,
    value: (rng) => rng.normal(15, 1.8),
  },
  'glucose-sensor': {
    provider: 'Dexcom G6, serial SM12345678',
    title: 'Glucose (sensor)',
    kind: 'result',
    loinc: '99504-3',
    display: 'Glucose [Mass/volume] in Interstitial fluid',
    unit: 'mg/dL',
    decimals: 0,
    every: 5,
    // Meals push it up three times a day; a low now and then.
    value: (rng, ms) => {
      const hour = (ms % DAY) / 3_600_000;
      const meal = [7, 12.5, 19].reduce((sum, at) => sum + (hour > at && hour < at + 3 ? 55 * Math.exp(-((hour - at - 1) ** 2)) : 0), 0);
      return Math.min(400, Math.max(40, 118 + meal + rng.normal(0, 14) - (rng.chance(0.003) ? 60 : 0)));
    },
    comment: 'Sensor reading from Dexcom G6, serial SM12345678',
  },
};

function reading(shape: StreamShape, rng: Random, ms: number, where: string): RecordDraft {
  const value = round(shape.value(rng, ms), shape.decimals);
  return {
    kind: shape.kind,
    title: shape.title,
    codes: [{ system: 'LOINC', code: shape.loinc, display: shape.display }],
    start: localTime(ms),
    value: { number: value, text: String(value), unit: shape.unit },
    details: { comment: shape.comment ?? `Recorded by ${shape.provider}` },
    sourceLocation: where,
  };
}

function deviceDocument(provider: string, title: string, records: RecordDraft[], variant: string): ImportedDocument {
  const dates = records.map((r) => r.start ?? '').sort();
  return {
    patient: {},
    document: { title, variant, authorOrganization: provider, date: dates.at(-1)?.slice(0, 10), sections: [], attachments: [] },
    records,
    problems: [],
  };
}

export interface GeneratedFile {
  name: string;
  bytes: Uint8Array;
  parsed: ParsedFile;
  /** Records in the file (a clinical visit's copies merge, so fewer entries may result). */
  records: number;
}

function fileOf(name: string, format: ParsedFile['format'], doc: ImportedDocument): GeneratedFile {
  // The original stands in for the device's export: one line per reading, as a CSV would be.
  const lines = doc.records.map((r) => `${r.start},${r.value?.text ?? ''},${r.value?.unit ?? ''},${r.codes?.[0]?.code ?? ''}`);
  return { name, bytes: new TextEncoder().encode(`${name}\n${lines.join('\n')}\n`), parsed: { format, documents: [doc] }, records: doc.records.length };
}

/** A stream sampled every `every` minutes backwards from LAST_DAY, oldest first, in files. */
function* sampled(id: string, count: number, rng: Random): Generator<GeneratedFile> {
  const shape = SHAPES[id]!;
  const start = LAST_DAY - (count - 1) * shape.every * MINUTE;
  for (let i = 0, file = 0; i < count; file++) {
    const records: RecordDraft[] = [];
    for (let j = 0; j < READINGS_PER_FILE && i < count; j++, i++) records.push(reading(shape, rng, start + i * shape.every * MINUTE, `line ${j + 2}`));
    const format = shape.kind === 'result' ? 'glucose-csv' : 'fhir-r4';
    yield fileOf(`${id}-${String(file).padStart(4, '0')}.csv`, format, deviceDocument(shape.provider, `${shape.title} readings`, records, 'generated device export'));
  }
}

/** One summary a day (count, min, mean, max), ending the day before `beforeMs`. */
function* dailySummaries(id: string, count: number, beforeMs: number, rng: Random): Generator<GeneratedFile> {
  const glucose = id === 'glucose-daily';
  const shape = glucose
    ? { provider: 'FreeStyle Libre 2, serial JXB4C7Q9', title: 'Glucose (sensor), daily mean', kind: 'result' as const, loinc: '14745-4', display: 'Glucose [Moles/volume] in Body fluid', unit: 'mmol/L', decimals: 1 }
    : { provider: 'Apple Watch', title: 'Heart rate, daily summary', kind: 'vital' as const, loinc: '8867-4', display: 'Heart rate', unit: '/min', decimals: 0 };
  const firstDay = Math.floor(beforeMs / DAY) * DAY - count * DAY;
  for (let i = 0, file = 0; i < count; file++) {
    const records: RecordDraft[] = [];
    for (let j = 0; j < READINGS_PER_FILE && i < count; j++, i++) {
      const day = firstDay + i * DAY;
      const n = glucose ? rng.int(60, 96) : rng.int(150, 288);
      const mean = glucose ? rng.normal(7.1, 0.8) : rng.normal(71, 4);
      const min = glucose ? Math.max(2.2, mean - rng.normal(3, 0.6)) : mean - rng.normal(18, 3);
      const max = glucose ? mean + rng.normal(5, 1) : mean + rng.normal(55, 12);
      const [lo, avg, hi] = [min, mean, max].map((v) => round(v, shape.decimals)) as [number, number, number];
      const first = `${dayOf(day + 5 * 3_600_000)}T00:0${rng.int(0, 9)}`;
      const last = `${dayOf(day + 5 * 3_600_000)}T23:5${rng.int(0, 9)}`;
      records.push({
        kind: shape.kind,
        title: shape.title,
        codes: [{ system: 'LOINC', code: shape.loinc, display: shape.display }],
        start: dayOf(day + 5 * 3_600_000),
        value: { number: avg, text: String(avg), unit: shape.unit },
        details: {
          readings: { count: n, min: lo, max: hi, first, last },
          comment: `Daily summary of ${n} readings from ${shape.provider} (${first} to ${last}): minimum ${lo}, mean ${avg}, maximum ${hi} ${shape.unit}.`,
        },
        sourceLocation: `day ${j + 1}`,
      });
    }
    yield fileOf(`${id}-${String(file).padStart(4, '0')}.csv`, glucose ? 'glucose-csv' : 'fhir-r4', deviceDocument(shape.provider, `${shape.title} (daily summaries)`, records, 'generated device export'));
  }
}

/** Finger-sticks about four a day; the older half in mmol/L (another meter), the rest in mg/dL. */
function* meter(count: number, rng: Random): Generator<GeneratedFile> {
  const start = LAST_DAY - Math.ceil(count / 4) * DAY;
  for (let i = 0, file = 0; i < count; file++) {
    const records: RecordDraft[] = [];
    for (let j = 0; j < READINGS_PER_FILE && i < count; j++, i++) {
      const ms = start + Math.floor(i / 4) * DAY + [7, 11.5, 17.5, 22][i % 4]! * 3_600_000 + rng.int(0, 40) * MINUTE;
      const mgdl = Math.max(45, rng.normal(135, 32));
      const molar = i < count / 2;
      const value = molar ? round(mgdl / 18.016, 1) : Math.round(mgdl);
      records.push({
        kind: 'result',
        title: 'Glucose (meter)',
        codes: [molar ? { system: 'LOINC', code: '15074-8', display: 'Glucose [Moles/volume] in Blood' } : { system: 'LOINC', code: '2339-0', display: 'Glucose [Mass/volume] in Blood' }],
        start: localTime(ms),
        value: { number: value, text: String(value), unit: molar ? 'mmol/L' : 'mg/dL' },
        details: { comment: `Finger-stick reading from ${molar ? 'Accu-Chek Guide' : 'Contour Next One'}` },
        sourceLocation: `line ${j + 2}`,
      });
    }
    yield fileOf(`meter-${String(file).padStart(4, '0')}.csv`, 'glucose-csv', deviceDocument('Glucose meters', 'Glucose readings', records, 'generated device export'));
  }
}

/** Morning and evening cuff readings: each one a systolic, a diastolic and a pulse entry. */
function* bloodPressure(count: number, rng: Random): Generator<GeneratedFile> {
  const readings = Math.floor(count / 3);
  const start = LAST_DAY - Math.ceil(readings / 2) * DAY;
  const SYSTOLIC = { system: 'LOINC', code: '8480-6', display: 'Systolic blood pressure' };
  const DIASTOLIC = { system: 'LOINC', code: '8462-4', display: 'Diastolic blood pressure' };
  const PANEL = [{ system: 'LOINC', code: '85354-9', display: 'Blood pressure panel' }];
  for (let i = 0, file = 0; i < readings; file++) {
    const records: RecordDraft[] = [];
    for (let j = 0; j < READINGS_PER_FILE / 3 && i < readings; j++, i++) {
      const ms = start + Math.floor(i / 2) * DAY + (i % 2 ? 20 : 7.5) * 3_600_000 + rng.int(0, 30) * MINUTE;
      const sys = Math.round(rng.normal(134, 12));
      const dia = Math.round(rng.normal(84, 8));
      const pulse = Math.round(rng.normal(72, 8));
      const at = localTime(ms);
      const comment = `Reading ${sys}/${dia}, pulse ${pulse}`;
      const vital = (title: string, code: typeof SYSTOLIC, value: number, unit: string, panel: boolean): RecordDraft => ({
        kind: 'vital',
        title,
        codes: [code],
        start: at,
        value: { number: value, text: String(value), unit },
        details: panel ? { panel: 'Blood pressure', panelCodes: PANEL, comment } : { comment },
        sourceLocation: `row ${j + 2}`,
      });
      records.push(vital('Systolic blood pressure', SYSTOLIC, sys, 'mm[Hg]', true), vital('Diastolic blood pressure', DIASTOLIC, dia, 'mm[Hg]', true), vital('Heart rate', { system: 'LOINC', code: '8867-4', display: 'Heart rate' }, pulse, '/min', false));
    }
    yield fileOf(`bp-${String(file).padStart(4, '0')}.csv`, 'bp-csv', deviceDocument('Blood Pressure Monitor app', 'Blood pressure readings', records, 'generated device export'));
  }
}

/** The clinical part: bench/documents.ts's visits for one person, cut to `count` records. */
function* clinical(seed: number, count: number): Generator<GeneratedFile> {
  const stream = visitStream(seed, 0);
  for (let records = 0; records < count; ) {
    const visit: GeneratedVisit = stream.next().value;
    const doc = visit.parsed.documents[0]!;
    if (doc.records.length > count - records) doc.records.length = count - records;
    records += doc.records.length;
    yield { name: visit.name, bytes: visit.bytes, parsed: visit.parsed, records: doc.records.length };
  }
}

/** Every file of the large profile, stream by stream. */
export function* largeProfileFiles(seed: number, total: number): Generator<{ stream: StreamPlan; file: GeneratedFile }> {
  const plan = planStreams(total);
  const spanOf = (id: string) => (plan.find((s) => s.id === id)!.count - 1) * SHAPES[id]!.every * MINUTE;
  for (const stream of plan) {
    const rng = seededRandom(seed * 131 + stream.id.length * 7 + stream.id.charCodeAt(0));
    const files =
      stream.id === 'clinical'
        ? clinical(seed, stream.count)
        : stream.id === 'heart-rate-daily'
          ? dailySummaries(stream.id, stream.count, LAST_DAY - spanOf('heart-rate'), rng)
          : stream.id === 'glucose-daily'
            ? dailySummaries(stream.id, stream.count, LAST_DAY - spanOf('glucose-sensor'), rng)
            : stream.id === 'glucose-meter'
              ? meter(stream.count, rng)
              : stream.id === 'bp'
                ? bloodPressure(stream.count, rng)
                : sampled(stream.id, stream.count, rng);
    for (const file of files) yield { stream, file };
  }
}
