// A large export imported through main/api is read by two workers (pieces.ts) and stores the
// same as a read in one go; one whose cut falls inside a comment is read again in one go,
// with nothing of the first reading left.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readingInPieces } from '../../main/api/apple-health.ts';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';
import { bloodPressure, exportXml, heartRate } from './fixtures.ts';

const PASS = 'correct horse battery staple';

/** 30,000 heart-rate readings (over 9 MB; a day every 300), a blood pressure a day, and `extra` two thirds in. */
function largeExport(extra = ''): string {
  const parts: string[] = [];
  for (let i = 0; i < 30_000; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 300) * 86_400_000).toISOString().slice(0, 10);
    const seconds = (i % 300) * 240;
    const time = `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:00`;
    let line = heartRate(day, time, 55 + ((i * 13) % 60));
    if (i % 300 === 0) line += bloodPressure(day, '07:30:00', 115 + (i % 20), 75 + (i % 10));
    if (i === 20_000) line += extra;
    parts.push(line);
  }
  return exportXml(parts.join(''));
}

async function importFile(file: string) {
  const api = testApi(tempDir('ck-apple-pieces-'), { resolveFileToken: (t) => (t === 'apple-pieces-token-1' ? file : undefined) });
  await ok(api, 'vault.create', { passphrase: PASS });
  const ana = await ok(api, 'profiles.add', { name: 'Ana Fixture', birthDate: '1960-01-20' });
  const report = (await ok(api, 'import.files', { profileId: ana.id, files: [{ token: 'apple-pieces-token-1' }] })).files[0]!;
  const items = (await ok(api, 'timeline.page', { profileId: ana.id, filter: {}, limit: 500 })).items;
  return { report, items: items.map((i) => [i.title, i.date, i.value, i.providers.join(', ')]) };
}

describe('a large export read by two workers', () => {
  // Set here at the size it was built and tested for, whatever the app's default.
  const off = readingInPieces.minBytes;
  beforeAll(() => {
    readingInPieces.minBytes = 8 * 2 ** 20;
  });
  afterAll(() => {
    readingInPieces.minBytes = off;
  });

  it('imports what the export holds, and a cut inside a comment is read again in one go', async () => {
    const dir = tempDir('ck-apple-pieces-files-');
    const plain = path.join(dir, 'export.xml');
    writeFileSync(plain, largeExport());
    const first = await importFile(plain);
    expect(first.report.error).toBeUndefined();
    const apple = first.report.appleHealth!;
    expect(apple.kept).toEqual({ BloodPressure: 100 });
    expect(apple.summarised).toEqual({ HeartRate: { readings: 30_000, summaries: 100 } });
    expect(apple.leftOut).toEqual({ BloodPressureCopies: 200 });
    expect(first.items).toContainEqual(['Heart rate, daily mean', '2024-01-01', expect.stringMatching(/ \/min$/), 'Ana’s Apple Watch (Apple Health)']);

    // A comment whose lines look like records: the piece that ends inside it cannot be read on
    // its own, so the export is read again in one go, and the commented-out weight is no reading.
    const commented = path.join(dir, 'export-commented.xml');
    const weight = ' <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="kg" startDate="2024-02-01 07:00:00 -0500" endDate="2024-02-01 07:00:00 -0500" value="80"/>\n';
    writeFileSync(commented, largeExport(` <!-- an app's note\n${weight.repeat(7000)} -->\n`));
    const again = await importFile(commented);
    expect(again.report.error).toBeUndefined();
    expect(again.report.appleHealth!.kept['BodyMass']).toBeUndefined();
    expect(again.items.some((i) => i[0] === 'Body weight')).toBe(false);
    expect(again.report.appleHealth!.summarised).toEqual(apple.summarised);
    expect(again.report.counts).toEqual(first.report.counts);
  }, 120_000);
});
