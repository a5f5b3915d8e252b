// The second look at an Apple Health export's own pairs (main/vault/export-pairs.ts): once the
// export is written, every app's readings of a day are counted whole, and a pair of two apps
// at one minute that the two-instruments rule tells apart (a sensor's app, ≥ 24 readings that
// day, and a meter's app, ≤ 4) is taken off the review list. Two spot apps, two streams, and a
// pair across two exports stay listed; nothing is merged or split.
import { describe, expect, it } from 'vitest';
import type { Api } from '../../main/api/index.ts';
import { exportXml, exportZip } from '../apple-health/fixtures.ts';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const pad = (n: number) => String(n).padStart(2, '0');
const time = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00`;

function record(type: string, app: string, unit: string, day: string, minutes: number, value: number): string {
  const at = `${day} ${time(minutes)} -0500`;
  return ` <Record type="HKQuantityTypeIdentifier${type}" sourceName="${app}" unit="${unit}" startDate="${at}" endDate="${at}" value="${value}"/>\n`;
}
const glucose = (app: string, day: string, minutes: number, value: number) => record('BloodGlucose', app, 'mg/dL', day, minutes, value);

/** A sensor's app every 5 minutes of `day` (288 readings). */
function sensorDay(app: string, day: string): string {
  let xml = '';
  for (let m = 0; m < 24 * 60; m += 5) xml += glucose(app, day, m, 100 + ((m / 5) % 4));
  return xml;
}

async function importExport(api: Api, profileId: string, body: string) {
  const report = (await ok(api, 'import.files', { profileId, files: [{ name: 'export.zip', bytes: exportZip({ 'apple_health_export/export.xml': exportXml(body) }) }] })).files[0]!;
  expect(report.error).toBeUndefined();
  return report;
}

async function pairs(api: Api, profileId: string) {
  const list = await ok(api, 'duplicates.list', { profileId });
  return list
    .map((p) => [p.entry.sources[0]!.provider, p.other.sources[0]!.provider, p.entry.start, p.reason].join(' | '))
    .sort();
}

describe('pairs inside one Apple Health export, asked again once it is written', () => {
  it('takes a sensor app against a meter app off the list, keeps two spot apps and two streams, merges and splits nothing', async () => {
    const api = testApi(tempDir('ck-export-pairs-'));
    await ok(api, 'vault.create', { passphrase: PASS });
    const ana = await ok(api, 'profiles.add', { name: 'Ana Fixture', birthDate: '1960-01-20' });
    const body =
      // 2026-02-01: the sensor's app all day; the meter's app at 7:00 and 19:00, other values.
      sensorDay('Dexcom G7', '2026-02-01') +
      glucose('OneTouch Reveal', '2026-02-01', 7 * 60, 131) +
      glucose('OneTouch Reveal', '2026-02-01', 19 * 60, 87) +
      // Two spot apps (a scale and the person typing into Health) at one minute: still asked.
      record('BodyMass', 'Withings', 'lb', '2026-02-01', 8 * 60, 150.2) +
      record('BodyMass', 'Health', 'lb', '2026-02-01', 8 * 60, 150.6) +
      // 2026-02-02: two sensors' apps hourly (24 readings each): two streams, still asked.
      Array.from({ length: 24 }, (_, h) => glucose('Dexcom G7', '2026-02-02', h * 60, 110) + glucose('Libre 3', '2026-02-02', h * 60, 120)).join('');
    const report = await importExport(api, ana.id, body);

    const listed = await pairs(api, ana.id);
    expect(listed.filter((p) => p.includes('OneTouch'))).toEqual([]);
    expect(listed.filter((p) => p.includes('Body weight') || p.includes('lb'))).toHaveLength(1);
    expect(listed.filter((p) => p.includes('Libre 3'))).toHaveLength(24);
    expect(listed).toHaveLength(25);
    // The report counts what is still listed.
    expect(report.possibleDuplicates).toBe(25);
    // Nothing was merged: every reading is its own entry.
    const entries = (await ok(api, 'timeline.page', { profileId: ana.id, filter: { kinds: ['result'] }, limit: 500 })).items;
    expect(entries).toHaveLength(288 + 2 + 48);
    expect(entries.every((e) => e.sourceCount === 1)).toBe(true);

    // A later export of the meter alone: its pair with the first export's sensor is not inside
    // one export, so it stays on the list as before.
    const later = await importExport(api, ana.id, glucose('OneTouch Reveal', '2026-02-01', 12 * 60, 140));
    expect(later.possibleDuplicates).toBe(1);
    expect((await pairs(api, ana.id)).filter((p) => p.includes('OneTouch'))).toHaveLength(1);
  });
});
