// Glucose sensor and meter exports (Dexcom Clarity, Abbott LibreView/LibreLink) → glucose
// results with the device as their source. Found by header, never by file name.
import type { ImportedDocument, ImportProblem, PatientIdentity, RecordDraft } from '../../records/model.ts';
import { ImportError } from '../errors.ts';
import { delimiterOf, headerKey, headLines, lines, present, splitLine } from '../csv/rows.ts';
import { dayOrderOf, localDateTime, type DayOrder } from './dates.ts';
import { dailySummaries, spotRecord, type GlucoseUnit, type Reading } from './readings.ts';

export interface GlucoseOptions {
  /** Keep every sensor reading instead of daily summaries. */
  everySample?: boolean;
}

interface Table {
  headerAt: number;
  header: string[];
  rows: { cells: string[]; line: number }[];
  banner: string[];
}

function findTable(text: string, test: (header: string[]) => boolean, maxBanner: number): Table | undefined {
  const all = lines(text);
  for (let i = 0; i <= maxBanner && i < all.length; i++) {
    const delimiter = delimiterOf(all[i]!);
    const header = splitLine(all[i]!, delimiter).map(headerKey);
    if (!test(header)) continue;
    const rows: Table['rows'] = [];
    for (let j = i + 1; j < all.length; j++) if (all[j]!.trim()) rows.push({ cells: splitLine(all[j]!, delimiter), line: j + 1 });
    return { headerAt: i, header, rows, banner: all.slice(0, i) };
  }
  return undefined;
}

const isDexcom = (h: string[]): boolean => h.includes('event type') && h.some((c) => c.startsWith('glucose value'));
const isLibre = (h: string[]): boolean => h.includes('device timestamp') && h.includes('record type');

export function looksLikeGlucoseCsv(text: string): boolean {
  const head = headLines(text, 4).join('\n');
  return Boolean(findTable(head, isDexcom, 0) ?? findTable(head, isLibre, 3));
}

export function parseGlucoseCsv(text: string, options: GlucoseOptions = {}): ImportedDocument {
  const dexcom = findTable(text, isDexcom, 0);
  if (dexcom) return finish(readDexcom(dexcom), options, 'Dexcom Clarity CSV');
  const libre = findTable(text, isLibre, 3);
  if (libre) return finish(readLibre(libre), options, 'Abbott LibreView CSV');
  throw new ImportError('This file is not a Dexcom or LibreView glucose export Chartkeeper can read.');
}

interface Read {
  spot: Reading[];
  sensor: Reading[];
  problems: ImportProblem[];
  devices: string[];
  patient: PatientIdentity;
}

function unitOf(header: string): GlucoseUnit | undefined {
  if (header.includes('mg/dl')) return 'mg/dL';
  if (header.includes('mmol/l')) return 'mmol/L';
  return undefined;
}

function notImported(counts: Map<string, number>, what: string, wordsOf: ReadonlyMap<string, string[]> = new Map()): ImportProblem[] {
  return [...counts].map(([type, count]) => {
    const words = wordsOf.get(type) ?? [];
    const said = words.length ? ` The file says: ${words.map((w) => `"${w}"`).join(', ')}.` : '';
    return {
      reason: `${count} ${type} ${count === 1 ? 'entry' : 'entries'} of this ${what} ${count === 1 ? 'was' : 'were'} not imported because Chartkeeper does not read them yet.${said}`,
      notice: { kind: 'not-read' as const, resourceType: type, count, ...(words.length ? { words } : {}) },
    };
  });
}

function readDexcom(t: Table): Read {
  const col = (name: string): number => t.header.findIndex((h) => h.startsWith(name));
  const glucoseCol = col('glucose value');
  const unit = unitOf(t.header[glucoseCol] ?? '');
  if (!unit) throw new ImportError('This Dexcom export does not say whether its glucose values are in mg/dL or mmol/L, so it was not imported.');
  const [timeCol, typeCol, subtypeCol, infoCol, deviceInfoCol, sourceCol] = ['timestamp', 'event type', 'event subtype', 'patient info', 'device info', 'source device id'].map(col) as number[];
  const read: Read = { spot: [], sensor: [], problems: [], devices: [], patient: {} };
  const skipped = new Map<string, number>();
  /** What the Alert rows say (their subtype, "Urgent Low"): the app's alert settings, not readings, but named in the report. */
  const alerts: string[] = [];
  /** The app each Device line names, by the device id it gives: a reading's app is its own device's, never another's. */
  const apps = new Map<string, string>();
  const given: string[] = [];
  for (const { cells, line } of t.rows) {
    const type = present(cells[typeCol!]) ?? '';
    const info = present(cells[infoCol!]);
    if (type === 'FirstName' && info) given.push(info);
    else if (type === 'LastName' && info) read.patient.family = info;
    else if (type === 'DateOfBirth' && info && /^\d{4}-\d{2}-\d{2}$/.test(info)) read.patient.birthDate = info;
    else if (type === 'Device') {
      const named = present(cells[deviceInfoCol!]);
      if (named) apps.set(present(cells[sourceCol!]) ?? '', named);
    }
    if (type !== 'EGV' && type !== 'Calibration') {
      if (!['FirstName', 'LastName', 'DateOfBirth', 'PatientIdentifier', 'Device'].includes(type)) skipped.set(type || 'unnamed', (skipped.get(type || 'unnamed') ?? 0) + 1);
      const subtype = present(cells[subtypeCol!]);
      if (type === 'Alert' && subtype && !alerts.includes(subtype)) alerts.push(subtype);
      continue;
    }
    const value = present(cells[glucoseCol]) ?? present(cells[subtypeCol!]);
    const time = localDateTime(cells[timeCol!] ?? '', undefined);
    if (!value || !time) {
      read.problems.push({ kind: 'results', reason: `Line ${line} has no readable ${time ? 'glucose value' : 'time'}, so it was not imported.`, where: `line ${line}` });
      continue;
    }
    const sourceDevice = present(cells[sourceCol!]) ?? '';
    // A Device line without an id names the only device of the file.
    const app = apps.get(sourceDevice) ?? (apps.size === 1 && apps.has('') ? apps.get('') : undefined);
    const device = [app ?? 'Dexcom', sourceDevice && sourceDevice !== app ? `(${sourceDevice})` : undefined].filter(Boolean).join(' ');
    if (!read.devices.includes(device)) read.devices.push(device);
    const reading: Reading = { time, text: value, unit, specimen: type === 'EGV' ? 'sensor' : 'blood', how: type === 'EGV' ? 'Sensor' : 'Calibration (finger-stick)', device, where: `line ${line}` };
    (type === 'EGV' ? read.sensor : read.spot).push(reading);
  }
  if (given.length) read.patient.given = given;
  const name = [...given, read.patient.family].filter(Boolean).join(' ');
  if (name) read.patient.name = name;
  read.problems.push(...notImported(skipped, 'Dexcom export', new Map([['Alert', alerts]])));
  return read;
}

const LIBRE_TYPES: Record<string, string> = { '3': 'ketone', '4': 'insulin', '5': 'carbohydrate', '6': 'note' };

function readLibre(t: Table): Read {
  const col = (start: string): number => t.header.findIndex((h) => h.startsWith(start));
  const historic = col('historic glucose');
  const scan = col('scan glucose');
  const strip = col('strip glucose');
  const unit = unitOf(t.header[historic] ?? t.header[scan] ?? '');
  if (!unit) throw new ImportError('This LibreView export does not say whether its glucose values are in mg/dL or mmol/L, so it was not imported.');
  const [deviceCol, serialCol, timeCol, typeCol] = ['device', 'serial number', 'device timestamp', 'record type'].map((h) => t.header.indexOf(h)) as number[];
  const order = libreDayOrder(t, timeCol!);
  const read: Read = { spot: [], sensor: [], problems: [], devices: [], patient: {} };
  const skipped = new Map<string, number>();
  for (const { cells, line } of t.rows) {
    const type = present(cells[typeCol!]) ?? '';
    const valueCol = type === '0' ? historic : type === '1' ? scan : type === '2' ? strip : -1;
    if (valueCol < 0) {
      const what = LIBRE_TYPES[type] ?? `record type ${type || 'unknown'}`;
      skipped.set(what, (skipped.get(what) ?? 0) + 1);
      continue;
    }
    const value = present(cells[valueCol]);
    const time = localDateTime(cells[timeCol!] ?? '', order);
    if (!value || !time) {
      read.problems.push({ kind: 'results', reason: `Line ${line} has no readable ${time ? 'glucose value' : 'time'}, so it was not imported.`, where: `line ${line}` });
      continue;
    }
    const serial = present(cells[serialCol!]);
    const device = [present(cells[deviceCol!]) ?? 'FreeStyle Libre', serial ? `serial ${serial}` : undefined].filter(Boolean).join(', ');
    if (!read.devices.includes(device)) read.devices.push(device);
    const how = type === '0' ? 'Sensor' : type === '1' ? 'Sensor scan' : 'Finger-stick';
    const reading: Reading = { time, text: value, unit, specimen: type === '2' ? 'blood' : 'sensor', how, device, where: `line ${line}` };
    (type === '0' ? read.sensor : read.spot).push(reading);
  }
  read.problems.push(...notImported(skipped, 'LibreView export'));
  return read;
}

/** From the timestamps themselves, else from the banner's "Generated on" date, which uses the same locale. */
function libreDayOrder(t: Table, timeCol: number): DayOrder | undefined {
  const fromColumn = dayOrderOf(t.rows.map((r) => r.cells[timeCol] ?? ''));
  if (fromColumn) return fromColumn;
  const banner = t.banner.flatMap((l) => splitLine(l, delimiterOf(l)));
  const generated = banner[banner.findIndex((c) => /^generated on$/i.test(c)) + 1];
  return generated ? dayOrderOf([generated.replace(/\s*UTC$/i, '')]) : undefined;
}

function finish(read: Read, options: GlucoseOptions, variant: string): ImportedDocument {
  const records: RecordDraft[] = read.spot.map(spotRecord);
  if (options.everySample) records.push(...read.sensor.map(spotRecord));
  else records.push(...dailySummaries(read.sensor));
  if (records.length === 0) throw new ImportError('This glucose export holds no glucose readings.');
  const problems = [...read.problems];
  if (!options.everySample && read.sensor.length > 0) {
    const days = records.length - read.spot.length;
    problems.unshift({
      reason:
        `${read.sensor.length} sensor ${read.sensor.length === 1 ? 'reading was' : 'readings were'} kept as ${days} daily ${days === 1 ? 'summary' : 'summaries'} ` +
        '(count, minimum, mean, maximum); the original file, kept in the vault, holds every reading.',
      notice: { kind: 'summarised', readings: read.sensor.length, summaries: days },
    });
  }
  const times = [...read.spot, ...read.sensor].map((r) => r.time).sort();
  return {
    patient: read.patient,
    document: {
      title: 'Glucose readings',
      variant,
      authorOrganization: read.devices.length === 1 ? read.devices[0] : read.devices.map((d) => d.split(',')[0]).filter((d, i, a) => a.indexOf(d) === i).join(', '),
      date: times.at(-1)?.slice(0, 10),
      sections: [],
      attachments: [],
    },
    records,
    problems,
  };
}
