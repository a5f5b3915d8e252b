// `node bench/export-pairs.ts [--days 90] [--meter-per-day 3]`: how many pairs of one Apple
// Health export's own apps the second look (main/vault/export-pairs.ts) takes off the review
// list, and what it costs. Writes a synthetic export to a temporary folder: a glucose sensor's
// app every 5 minutes, a meter's app a few times a day at sensor minutes with other values,
// and a scale app and the Health app typing a weight at the same minute once a week (two spot
// apps: still asked). Imports it through main/api, counts the pairs waiting by their apps, then
// runs the second look once more by hand (CPU and wall): 0 pairs when the import already ran
// it; with the import's call left out (an A/B of the code), the pairs it takes off. Invented
// values only; removed afterwards. Not part of `npm run bench`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { settleExportPairs } from '../main/vault/export-pairs.ts';
import { benchApi, call } from './platform.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}
const days = option('--days', 90);
const meterPerDay = option('--meter-per-day', 3);
const pad = (n: number) => String(n).padStart(2, '0');

function exportXml(): string {
  const lines: string[] = [];
  const record = (type: string, app: string, unit: string, at: string, value: string) =>
    lines.push(` <Record type="HKQuantityTypeIdentifier${type}" sourceName="${app}" unit="${unit}" startDate="${at}" endDate="${at}" value="${value}"/>`);
  const start = Date.UTC(2026, 0, 1);
  for (let d = 0; d < days; d++) {
    const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    const at = (minutes: number) => `${day} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00 -0500`;
    for (let m = 0; m < 24 * 60; m += 5) record('BloodGlucose', 'Dexcom G7', 'mg/dL', at(m), String(95 + ((m / 5 + d) % 40)));
    for (let i = 0; i < meterPerDay; i++) record('BloodGlucose', 'OneTouch Reveal', 'mg/dL', at(7 * 60 + i * 300), String(150 + i));
    if (d % 7 === 0) {
      record('BodyMass', 'Withings', 'lb', at(8 * 60), '150.2');
      record('BodyMass', 'Health', 'lb', at(8 * 60), '150.6');
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,Record*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
<!ELEMENT Record EMPTY>
<!ATTLIST Record type CDATA #REQUIRED unit CDATA #IMPLIED value CDATA #IMPLIED sourceName CDATA #REQUIRED startDate CDATA #REQUIRED endDate CDATA #REQUIRED>
]>
<HealthData locale="en_US">
 <ExportDate value="2026-06-01 09:00:00 -0500"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1960-01-20" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet"/>
${lines.join('\n')}
</HealthData>
`;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-export-pairs-'));
const file = path.join(dir, 'export.xml');
fs.writeFileSync(file, exportXml());
const api = benchApi(path.join(dir, 'vault'), () => new Date('2026-06-02T12:00:00.000Z'), { 'export-pairs-token-1': file });
try {
  await call(api, 'vault.create', { passphrase: 'export pairs passphrase' });
  const profile = await call<{ id: string }>(api, 'profiles.add', { name: 'Export Pairs', birthDate: '1960-01-20' });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await call<{ files: { possibleDuplicates?: number; counts: Record<string, { new: number }> }[] }>(api, 'import.files', { profileId: profile.id, files: [{ token: 'export-pairs-token-1' }] });
  const importCpu = process.cpuUsage(cpu0);
  const importWall = performance.now() - t0;
  const db = api.context.requireSession().profileDb(profile.id);
  const waiting = () =>
    db
      .prepare(
        `SELECT (SELECT provider FROM provenance WHERE entry_id = d.entry_id LIMIT 1) || ' / ' || (SELECT provider FROM provenance WHERE entry_id = d.other_id LIMIT 1) AS apps, count(*) AS pairs
         FROM possible_duplicates d WHERE dismissed = 0 GROUP BY 1 ORDER BY 1`,
      )
      .all();
  console.log(`load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${days} days, ${meterPerDay} meter readings a day`);
  console.log(`import: ${Math.round(importWall)} ms wall, ${Math.round((importCpu.user + importCpu.system) / 1000)} ms CPU; report possibleDuplicates ${report.files[0]?.possibleDuplicates}`);
  console.table(waiting());
  const fileId = db.prepare("SELECT id FROM files WHERE format = 'apple-health'").pluck().get() as number;
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  db.prepare('BEGIN IMMEDIATE').run();
  const removed = settleExportPairs(db, fileId);
  db.prepare('COMMIT').run();
  const passCpu = process.cpuUsage(cpu1);
  console.log(`second look by hand: ${removed} pairs taken off, ${Math.round(performance.now() - t1)} ms wall, ${Math.round((passCpu.user + passCpu.system) / 1000)} ms CPU`);
  console.table(waiting());
} finally {
  await api.invoke('vault.lock', {});
  await api.context.parsePool.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
