// Every Apple Health sample of the corpus, each into a profile of its own through main/api as
// the app imports it: it imports readings or is refused with one sentence, and the manifest's
// (partial) negatives refuse what they should. Then a clinician's check of several readings
// against the source file, field by field: value, unit, date, time and zone, device or app,
// typed in or not.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../main/api/index.ts';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const manifest = path.join(corpus, 'MANIFEST.tsv');

/** Samples refused as a whole, with why. */
const REFUSED: Record<string, RegExp> = {
  'apple-health/healthkit-to-sqlite/route_2019-06-11_3.00pm.gpx': /is not a health record Chartkeeper can read/,
  'apple-health/health-data-parser/export.zip': /^This Apple Health export holds no readings Chartkeeper keeps \(it holds 8 Workout/,
  'apple-health/health-data-parser/export.xml': /^This Apple Health export holds no readings Chartkeeper keeps \(it holds 8 Workout/,
};

function samples(): { file: string; negative: boolean; partial: boolean }[] {
  return readFileSync(manifest, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((cells) => cells[0]?.startsWith('apple-health/'))
    .map((cells) => ({ file: cells[0]!, negative: /\bNEGATIVE\b/.test(cells[6] ?? ''), partial: /\bPARTIAL NEGATIVE\b/.test(cells[6] ?? '') }));
}

async function vault() {
  const api = testApi(tempDir('ck-apple-corpus-'));
  await ok(api, 'vault.create', { passphrase: PASS });
  return api;
}

async function importInto(api: Api, file: string) {
  const person = await ok(api, 'profiles.add', { name: `Person ${path.basename(path.dirname(file))} ${path.basename(file)}`, birthDate: '1960-01-20' });
  const report = (await ok(api, 'import.files', { profileId: person.id, files: [{ name: path.basename(file), bytes: readFileSync(path.join(corpus, file)) }], force: true })).files[0]!;
  return { person, report };
}

async function entries(api: Api, profileId: string) {
  const items = (await ok(api, 'timeline.page', { profileId, filter: {}, limit: 500 })).items;
  return Promise.all(items.map(async (item) => ({ item, entry: await ok(api, 'records.get', { profileId, entryId: item.id }) })));
}

describe.skipIf(!existsSync(manifest))('every Apple Health sample of the corpus', () => {
  const list = existsSync(manifest) ? samples() : [];

  it('finds them in the manifest', () => {
    expect(list.length).toBeGreaterThanOrEqual(10);
  });

  it.each(list.map((s) => [s.file, s.negative, s.partial] as const))('%s imports or is refused with one sentence', async (file, negative, partial) => {
    const api = await vault();
    const { report } = await importInto(api, file);
    if (report.error) {
      expect(REFUSED[file], `${file} was refused: ${report.error}`).toBeDefined();
      expect(report.error).toMatch(REFUSED[file]!);
      expect(report.error).toMatch(/^[A-Z"].*\.$/);
      expect(report.error).not.toMatch(/\.\s+[A-Z]/);
      return;
    }
    expect(negative && !partial, `${file} is NEGATIVE in the manifest but imported`).toBe(false);
    expect(REFUSED[file]).toBeUndefined();
    expect(report.format).toBe('apple-health');
    const counted = Object.values(report.appleHealth!.kept).reduce((a, b) => a + b, 0) + Object.values(report.appleHealth!.summarised).reduce((a, s) => a + s.readings, 0);
    expect(counted).toBeGreaterThan(0);
    // A partly broken export keeps its good readings and names each refused one with a reason.
    if (partial) {
      expect(report.appleHealth!.refused).toBe(4);
      expect(report.skipped?.length).toBeGreaterThanOrEqual(1);
    }
  });
});

describe.skipIf(!existsSync(manifest))('Apple Health readings checked against their source, field by field', () => {
  it('local-health-agent: weight across the change to daylight time, the blood pressure once, resting heart rate with its watch', async () => {
    const api = await vault();
    const { person } = await importInto(api, 'apple-health/local-health-agent/export.xml');
    const all = await entries(api, person.id);
    const titled = (title: string) => all.filter((e) => e.item.title === title);

    // <Record BodyMass unit="lb" startDate="2026-03-01 07:30:00 -0500" value="180.0"/> and "2026-03-09 07:30:00 -0400" value="179.0"
    expect(titled('Body weight').map((e) => [e.item.date, e.item.quantity?.text, e.item.quantity?.unit, e.item.providers, e.entry.details.comment])).toEqual([
      ['2026-03-09T07:30:00-04:00', '179.0', '[lb_av]', ['Fixture Scale (Apple Health)'], 'Recorded by Fixture Scale.'],
      ['2026-03-01T07:30:00-05:00', '180.0', '[lb_av]', ['Fixture Scale (Apple Health)'], 'Recorded by Fixture Scale.'],
    ]);
    // The Correlation 118/76 at 20:00 -0500, and the same pair written alone: one reading.
    expect(titled('Systolic blood pressure').map((e) => [e.item.date, e.item.quantity?.text, e.item.quantity?.unit])).toEqual([['2026-03-07T20:00:00-05:00', '118', 'mm[Hg]']]);
    expect(titled('Diastolic blood pressure').map((e) => [e.item.date, e.item.quantity?.text, e.entry.details.comment])).toEqual([['2026-03-07T20:00:00-05:00', '76', 'Reading 118/76. Recorded by Fixture Cuff.']]);
    // The first resting heart rate names the watch (the record's device), the others only the app.
    const resting = titled('Resting heart rate');
    expect(resting).toHaveLength(7);
    expect(resting.at(-1)!.entry.details.comment).toBe('Recorded by Fixture Watch (Apple Watch).');
    expect([resting.at(-1)!.item.date, resting.at(-1)!.item.quantity?.text, resting.at(-1)!.item.quantity?.unit]).toEqual(['2026-03-01T08:00:00-05:00', '58', '/min']);
    // Steps per source and day: the watch's 1000 + 2000 + 3000 on 2 March, the phone's 2500 + 3000 apart.
    expect(titled('Steps, daily total').map((e) => [e.item.date, e.item.quantity?.number, e.item.providers[0]])).toEqual([
      ['2026-03-03', 8500, 'Fixture Watch (Apple Health)'],
      ['2026-03-02', 5500, 'Fixture Phone (Apple Health)'],
      ['2026-03-02', 6000, 'Fixture Watch (Apple Health)'],
    ]);
  });

  it('healthkit-to-sqlite: a Withings BMI from Health Mate at its own time and zone, a watch heart rate as a day summary', async () => {
    const api = await vault();
    const { person } = await importInto(api, 'apple-health/healthkit-to-sqlite/export.xml');
    const all = await entries(api, person.id);
    const bmi = all.find((e) => e.item.title === 'Body mass index (BMI)')!;
    // <Record BodyMassIndex sourceName="Health Mate" startDate="2016-04-18 08:25:32 -0700" value="22.5312"/>
    expect([bmi.item.date, bmi.item.quantity?.text, bmi.item.providers, bmi.entry.details.comment]).toEqual(['2016-04-18T08:25:32-07:00', '22.5312', ['Health Mate (Apple Health)'], 'Recorded by Health Mate.']);
    const heart = all.find((e) => e.item.title === 'Heart rate, daily mean')!;
    expect([heart.item.date, heart.item.quantity?.number]).toEqual(['2018-09-10', 72]);
    expect(heart.entry.details.comment).toContain('from Apple\u00a0Watch (2018-09-10T02:28:55-07:00 to 2018-09-10T02:28:55-07:00)');
  });

  it('the partly broken export keeps its two good readings as written; none of the corpus readings was typed in', async () => {
    const api = await vault();
    const { person } = await importInto(api, 'apple-health/local-health-agent/export_malformed.xml');
    const all = await entries(api, person.id);
    // Lines 18 and 23; a bad date, a missing date, "unknown" and a weight without its unit are refused.
    expect(all.map((e) => [e.item.title, e.item.date, e.item.quantity?.text, e.entry.details.comment])).toEqual([
      ['Resting heart rate', '2026-03-06T08:00:00-05:00', '57', 'Recorded by Fixture Watch.'],
      ['Resting heart rate', '2026-03-01T08:00:00-05:00', '58', 'Recorded by Fixture Watch.'],
    ]);
    // healthkit-to-sqlite's BMI says HKWasUserEntered 0: recorded, not typed in (checked above).
  });
});
