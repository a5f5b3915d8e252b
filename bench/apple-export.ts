// A synthetic Apple Health export.xml for the benchmark: Apple's DTD (export version 14), the
// person's characteristics, then years of a watch's and phone's samples in Apple's order
// (Records grouped by type, Correlations after them, then Workouts with inline routes), in
// the proportions of a real export: mostly heart rate, steps, energy and distance, the watch's
// night-time oxygen and breathing; and, whatever the size, ten years of one resting heart rate
// a day, a weight every third day and a blood pressure every other day for five years.
// Deterministic for a seed. Invented values only.
//   node bench/apple-export.ts [--mb 2048] [--out bench-data/apple-health/export-2048mb.xml]
import fs from 'node:fs';
import path from 'node:path';
import { seededRandom } from './random.ts';

export const APPLE_DEFAULT_MB = 2048;

const DTD = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Me EMPTY>
<!ATTLIST Me
  HKCharacteristicTypeIdentifierDateOfBirth         CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBiologicalSex       CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBloodType           CDATA #REQUIRED
  HKCharacteristicTypeIdentifierFitzpatrickSkinType CDATA #REQUIRED
  HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!-- Note: Any Records that appear as children of a correlation also appear as top-level records in this document. -->
<!ELEMENT Correlation ((MetadataEntry|Record)*)>
<!ATTLIST Correlation
  type          CDATA #REQUIRED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
<!ATTLIST Workout
  workoutActivityType   CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
  sourceName            CDATA #REQUIRED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
<!ELEMENT WorkoutRoute ((MetadataEntry|FileReference)*)>
<!ATTLIST WorkoutRoute
  sourceName    CDATA #REQUIRED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT FileReference EMPTY>
<!ATTLIST FileReference
  path CDATA #REQUIRED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
]>
<HealthData locale="en_US">
 <ExportDate value="2026-12-01 09:00:00 -0500"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1958-04-12" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>
`;

const WATCH = 'sourceName="Bench Person’s Apple Watch" sourceVersion="10.2" device="&lt;&lt;HKDevice: 0x300d1a2b0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:10.2&gt;"';
const PHONE = 'sourceName="Bench Person’s iPhone" sourceVersion="17.4" device="&lt;&lt;HKDevice: 0x300d1a2c0&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone15,2, software:17.4&gt;"';
const CUFF = 'sourceName="Cuff App" sourceVersion="3.1"';
const DAY_MS = 86_400_000;
const START = Date.UTC(2015, 0, 1);

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Apple's local stamp with the offset of the US Eastern zone (DST approximated by month). */
function stamp(ms: number): string {
  const month = new Date(ms).getUTCMonth();
  const offset = month >= 3 && month <= 9 ? -4 : -5;
  const d = new Date(ms + offset * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${offset < 0 ? '-' : '+'}0${Math.abs(offset)}00`;
}

/** Writes about `mb` megabytes; returns the number of Records written. */
export function writeAppleExport(file: string, mb: number, seed = 20_261_206): { records: number; bytes: number } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const target = mb * 1024 * 1024;
  const random = seededRandom(seed);
  const fd = fs.openSync(`${file}.partial`, 'w', 0o600);
  let bytes = 0;
  let records = 0;
  let buffer: string[] = [];
  let buffered = 0;
  const put = (text: string) => {
    buffer.push(text);
    buffered += text.length;
    if (buffered > 4 * 1024 * 1024) flush();
  };
  const flush = () => {
    const chunk = Buffer.from(buffer.join(''), 'utf8');
    fs.writeSync(fd, chunk);
    bytes += chunk.length;
    buffer = [];
    buffered = 0;
  };
  const record = (type: string, source: string, unit: string, value: string, start: number, end = start, meta = '') => {
    const s = stamp(start);
    put(` <Record type="HKQuantityTypeIdentifier${type}" ${source} unit="${unit}" creationDate="${stamp(end + 60_000)}" startDate="${s}" endDate="${stamp(end)}" value="${value}"${meta ? `>\n${meta}  </Record>\n` : '/>\n'}`);
    records += 1;
  };
  put(DTD);
  // Shares of the file by type, as in a real export: the high-frequency streams dominate.
  const plan: [number, (day: number) => void][] = [
    [0.4, (t) => {
      for (let i = 0; i < 96; i++) record('HeartRate', WATCH, 'count/min', String(Math.round(random.normal(72, 9))), t + i * 900_000, t + i * 900_000, '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n');
    }],
    [0.2, (t) => {
      for (let i = 0; i < 40; i++) record('StepCount', i % 2 ? WATCH : PHONE, 'count', String(random.int(10, 900)), t + i * 1_800_000, t + i * 1_800_000 + 600_000);
    }],
    [0.2, (t) => {
      for (let i = 0; i < 60; i++) record('ActiveEnergyBurned', WATCH, 'Cal', (random.next() * 5).toFixed(3), t + i * 1_200_000, t + i * 1_200_000 + 60_000);
    }],
    [0.1, (t) => {
      for (let i = 0; i < 30; i++) record('DistanceWalkingRunning', PHONE, 'mi', (random.next() * 0.3).toFixed(5), t + i * 2_400_000, t + i * 2_400_000 + 300_000);
    }],
    [0.1, (t) => {
      // The watch measures oxygen and breathing through the night, every few minutes.
      for (let i = 0; i < 12; i++) record('OxygenSaturation', WATCH, '%', (random.int(93, 100) / 100).toFixed(2), t + i * 1_200_000);
      for (let i = 0; i < 12; i++) record('RespiratoryRate', WATCH, 'count/min', random.normal(15, 1.5).toFixed(1), t + 600_000 + i * 1_200_000);
    }],
  ];
  for (const [share, write] of plan) {
    const until = bytes + buffered + target * share;
    for (let day = 0; bytes + buffered < until; day++) write(START + (day % 4000) * DAY_MS + Math.floor(day / 4000) * 1000);
  }
  // Spot readings once a day at most, for the ten years the file spans, however large it is.
  for (let day = 0; day < 3650; day++) {
    const t = START + day * DAY_MS;
    record('RestingHeartRate', WATCH, 'count/min', String(random.int(55, 70)), t + 28_800_000);
    if (day % 3 === 0) record('BodyMass', 'sourceName="Scale App"', 'lb', random.normal(165, 2).toFixed(1), t + 25_200_000);
  }
  // Blood pressure: Apple writes each reading top-level and again inside its Correlation.
  const bp: string[] = [];
  for (let day = 0; day < 2000; day += 2) {
    const t = START + day * DAY_MS + 72_000_000;
    const sys = random.int(110, 150);
    const dia = random.int(65, 95);
    const r = (type: string, v: number) => `<Record type="HKQuantityTypeIdentifierBloodPressure${type}" ${CUFF} unit="mmHg" creationDate="${stamp(t)}" startDate="${stamp(t)}" endDate="${stamp(t)}" value="${v}"/>`;
    put(` ${r('Systolic', sys)}\n ${r('Diastolic', dia)}\n`);
    bp.push(` <Correlation type="HKCorrelationTypeIdentifierBloodPressure" ${CUFF} creationDate="${stamp(t)}" startDate="${stamp(t)}" endDate="${stamp(t)}">\n  ${r('Systolic', sys)}\n  ${r('Diastolic', dia)}\n </Correlation>\n`);
    records += 2;
  }
  for (const c of bp) put(c);
  for (let day = 0; day < 500; day += 3) {
    const t = START + day * DAY_MS + 39_600_000;
    put(
      ` <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="31.5" durationUnit="min" ${WATCH} startDate="${stamp(t)}" endDate="${stamp(t + 1_890_000)}">\n` +
        `  <WorkoutRoute ${PHONE} startDate="${stamp(t)}" endDate="${stamp(t + 1_890_000)}">\n   <FileReference path="/workout-routes/route_${stamp(t).slice(0, 10)}.gpx"/>\n  </WorkoutRoute>\n </Workout>\n`,
    );
  }
  put('</HealthData>\n');
  flush();
  fs.closeSync(fd);
  fs.renameSync(`${file}.partial`, file);
  return { records, bytes };
}

export function appleExportPath(dir: string, mb: number): string {
  return path.join(dir, `export-${mb}mb.xml`);
}

if (import.meta.main) {
  const argv = process.argv.slice(2);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const mb = Number(value('--mb') ?? APPLE_DEFAULT_MB);
  if (!Number.isFinite(mb) || mb <= 0) {
    console.error('--mb takes a size in megabytes, e.g. --mb 200.');
    process.exit(2);
  }
  const out = path.resolve(value('--out') ?? appleExportPath('bench-data/apple-health', mb));
  const started = performance.now();
  const { records, bytes } = writeAppleExport(out, mb);
  console.log(`Wrote ${out}: ${Math.round(bytes / 2 ** 20)} MB, ${records} records, in ${Math.round((performance.now() - started) / 1000)} s.`);
}
