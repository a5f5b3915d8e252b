// Glucose readings → record drafts: spot readings (finger-stick, scans, calibrations) one by
// one; sensor streams as one daily summary per device and day (count, minimum, mean, maximum).
import type { Code, RecordDraft } from '../../records/model.ts';
import { DailyStats } from '../readings/daily.ts';

export type GlucoseUnit = 'mg/dL' | 'mmol/L';
export type Specimen = 'sensor' | 'blood';

export interface Reading {
  /** Local `YYYY-MM-DDTHH:MM[:SS]`. */
  time: string;
  /** The cell as written: "108.0", "Low". */
  text: string;
  unit: GlucoseUnit;
  specimen: Specimen;
  /** "Scan", "Finger-stick", "Calibration", "Sensor". */
  how: string;
  device: string;
  where: string;
}

// LOINC: interstitial fluid for sensors (the HL7 CGM guide's 99504-3 and 14745-4), blood for meters.
const CODES: Record<Specimen, Record<GlucoseUnit, Code>> = {
  sensor: {
    'mg/dL': { system: 'LOINC', code: '99504-3', display: 'Glucose [Mass/volume] in Interstitial fluid' },
    'mmol/L': { system: 'LOINC', code: '14745-4', display: 'Glucose [Moles/volume] in Body fluid' },
  },
  blood: {
    'mg/dL': { system: 'LOINC', code: '2339-0', display: 'Glucose [Mass/volume] in Blood' },
    'mmol/L': { system: 'LOINC', code: '15074-8', display: 'Glucose [Moles/volume] in Blood' },
  },
};

function numeric(text: string): number | undefined {
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

export function spotRecord(r: Reading): RecordDraft {
  const n = numeric(r.text);
  return {
    kind: 'result',
    title: r.specimen === 'sensor' ? 'Glucose (sensor)' : 'Glucose (meter)',
    codes: [CODES[r.specimen][r.unit]],
    start: r.time,
    value: n === undefined ? { text: r.text, unit: r.unit } : { number: n, text: r.text, unit: r.unit },
    details: { comment: `${r.how} reading from ${r.device}` },
    sourceLocation: r.where,
  };
}

/** One record per device, unit and local day; out-of-range words ("Low", "High") are counted, not averaged. */
export function dailySummaries(readings: readonly Reading[]): RecordDraft[] {
  const groups = new Map<string, { first: Reading; stats: DailyStats }>();
  for (const r of readings) {
    const key = `${r.device}\u0000${r.unit}\u0000${r.time.slice(0, 10)}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { first: r, stats: new DailyStats() }));
    group.stats.add(r.time, r.text, numeric(r.text));
  }
  const records: RecordDraft[] = [];
  for (const { first, stats } of groups.values()) {
    const wordText = stats.wordText();
    const day = first.time.slice(0, 10);
    const base = { count: stats.count, device: first.device, unit: first.unit };
    const intro = `Daily summary of ${base.count} sensor ${base.count === 1 ? 'reading' : 'readings'} from ${base.device} (${stats.first} to ${stats.last})`;
    const mean = stats.mean();
    if (mean === undefined) {
      records.push({
        kind: 'result',
        title: 'Glucose (sensor), daily summary',
        codes: [CODES.sensor[first.unit]],
        start: day,
        value: { text: wordText, unit: first.unit },
        details: { comment: `${intro}: ${wordText}.` },
        sourceLocation: `${first.where} …`,
      });
      continue;
    }
    records.push({
      kind: 'result',
      title: 'Glucose (sensor), daily mean',
      codes: [CODES.sensor[first.unit]],
      start: day,
      value: { number: mean, text: String(mean), unit: first.unit },
      details: {
        // Only the numeric readings: a "Low" or "High" the device wrote has no number to place.
        readings: { count: stats.numbers, min: stats.min, max: stats.max, first: stats.first, last: stats.last },
        comment: `${intro}: minimum ${stats.min}, mean ${mean}, maximum ${stats.max} ${base.unit}${wordText ? `; ${wordText}` : ''}.`,
      },
      sourceLocation: `${first.where} …`,
    });
  }
  return records;
}
