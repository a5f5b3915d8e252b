// An Apple Health export imported through main/api as the app and the command line do: the
// zip found by content (localised names, macOS junk), health records through the FHIR importer
// with the sending health system as provider, a newer export adding only what is new, cancel
// leaving nothing, and nothing of a workout route in the vault.
import diagnostics_channel from 'node:diagnostics_channel';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../main/api/index.ts';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';
import { bloodPressure, clinicalRecord, DSTU2_MEDICATION_ORDER, exportXml, exportZip, heartRate, R4_OBSERVATION, workoutWithRoute } from './fixtures.ts';

const PASS = 'correct horse battery staple';
/** main/api/apple-health.ts's `lastByteRead`, by name as bench/apple-import-child.ts subscribes to it. */
const APPLE_LAST_BYTE = 'chartkeeper:apple-health:last-byte';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/apple-health');

const saved = path.join(tempDir('ck-apple-out-'), 'originals.zip');

async function profile(tokens: Record<string, string> = {}) {
  const api = testApi(tempDir('ck-apple-'), { resolveFileToken: (t) => tokens[t], chooseSavePath: async () => saved });
  await ok(api, 'vault.create', { passphrase: PASS });
  const ana = await ok(api, 'profiles.add', { name: 'Ana Fixture', birthDate: '1960-01-20' });
  return { api, ana };
}

async function timeline(api: Api, profileId: string) {
  return (await ok(api, 'timeline.page', { profileId, filter: {}, limit: 500 })).items;
}

describe('importing an Apple Health export', () => {
  it('reads a zip with health records, routes and macOS junk, and says what was kept, summarised and left out', async () => {
    const { api, ana } = await profile();
    const xml = exportXml(
      heartRate('2026-02-01', '08:00:00', 60) +
        heartRate('2026-02-01', '09:00:00', 80) +
        bloodPressure('2026-02-01', '07:30:00', 128, 82) +
        workoutWithRoute() +
        clinicalRecord('Observation-1.json', '4.0.1') +
        clinicalRecord('MedicationOrder-2.json', '1.0.2', 'Riverside Hospital'),
    );
    const zip = exportZip({
      'apple_health_export/export.xml': xml,
      'apple_health_export/export_cda.xml': '<ClinicalDocument xmlns="urn:hl7-org:v3"/>',
      'apple_health_export/workout-routes/route_2026-02-01_7.00am.gpx': '<gpx><trk><trkpt lat="40.712776" lon="-74.005974"/></trk></gpx>',
      'apple_health_export/clinical-records/Observation-1.json': R4_OBSERVATION,
      'apple_health_export/clinical-records/MedicationOrder-2.json': DSTU2_MEDICATION_ORDER,
    });
    const report = (await ok(api, 'import.files', { profileId: ana.id, files: [{ name: 'export.zip', bytes: zip }] })).files[0]!;
    expect(report.error).toBeUndefined();
    expect(report.format).toBe('apple-health');
    const apple = report.appleHealth!;
    expect(apple.kept).toEqual({ BloodPressure: 1 });
    expect(apple.summarised).toEqual({ HeartRate: { readings: 2, summaries: 1 } });
    expect(apple.leftOut).toEqual({ Workout: 1, WorkoutRoute: 1, RouteLocation: 1, BloodPressureCopies: 2, 'workout-routes': 1, 'export_cda.xml': 1 });

    const items = await timeline(api, ana.id);
    const shown = items.map((i) => [i.title, i.value, i.providers.join(', ')]);
    expect(shown).toContainEqual(['Heart rate, daily mean', '70 /min', 'Ana’s Apple Watch (Apple Health)']);
    expect(shown).toContainEqual(['Systolic blood pressure', '128 mmHg', 'Cuff App (Apple Health)']);
    expect(shown).toContainEqual(['Diastolic blood pressure', '82 mmHg', 'Cuff App (Apple Health)']);
    expect(items.filter((i) => i.title === 'Systolic blood pressure')).toHaveLength(1);
    // The health system's record, with the health system as its provider.
    const a1c = items.find((i) => i.codes?.some((c) => c.code === '4548-4'));
    expect(a1c?.providers).toEqual(['Good Health Clinic']);
    // The DSTU2 record (Apple states its FHIR version) is read too, with its health system.
    expect(apple.clinicalRecords).toEqual({ imported: 2, failed: [] });
    const metformin = items.find((i) => i.codes?.some((c) => c.code === '860975'));
    expect(metformin?.providers).toEqual(['Riverside Hospital']);

    // Nothing of the route anywhere a person (or an export) can reach.
    const entries = await ok(api, 'records.list', { profileId: ana.id, kinds: ['vital', 'result', 'medication'] });
    expect(JSON.stringify(entries)).not.toMatch(/40\.712776|-74\.005974|latitude|\.gpx/);
    await ok(api, 'export.originals', { profileId: ana.id, includeLocation: false });
    const originals = readFileSync(saved);
    expect(originals.includes(Buffer.from('40.712776'))).toBe(false);
    expect(originals.includes(Buffer.from('export.zip (not kept).txt'))).toBe(true);
    expect(originals.includes(Buffer.from('Observation-1.json'))).toBe(true);
  });

  it('finds a localised export file in a localised folder', async () => {
    const { api, ana } = await profile();
    const zip = exportZip({ 'apple_health_export_de/Exportieren.xml': exportXml(heartRate('2026-02-01', '08:00:00', 64)) });
    const report = (await ok(api, 'import.files', { profileId: ana.id, files: [{ name: 'Export.zip', bytes: zip }] })).files[0]!;
    expect(report.appleHealth?.summarised).toEqual({ HeartRate: { readings: 1, summaries: 1 } });
  });

  it('adds only what is new from a newer export of the same phone, and keeps the larger day summary', async () => {
    const { api, ana } = await profile();
    const older = exportXml(heartRate('2026-02-01', '08:00:00', 60) + heartRate('2026-02-01', '09:00:00', 80) + bloodPressure('2026-02-01', '07:30:00', 128, 82));
    const newer = exportXml(
      heartRate('2026-02-01', '08:00:00', 60) +
        heartRate('2026-02-01', '09:00:00', 80) +
        heartRate('2026-02-01', '21:00:00', 100) +
        heartRate('2026-02-02', '08:00:00', 70) +
        bloodPressure('2026-02-01', '07:30:00', 128, 82) +
        bloodPressure('2026-02-02', '07:30:00', 121, 79),
    );
    const put = async (name: string, text: string) => (await ok(api, 'import.files', { profileId: ana.id, files: [{ name, bytes: new TextEncoder().encode(text) }] })).files[0]!;
    await put('export.xml', older);
    const second = await put('export.xml', newer);
    expect(second.appleHealth).toMatchObject({ alreadyThere: 2, summariesGrown: 1, summariesSmaller: 0 });
    let items = await timeline(api, ana.id);
    const heart = () => items.filter((i) => i.title === 'Heart rate, daily mean').map((i) => [i.date, i.value]);
    expect(heart()).toEqual([
      ['2026-02-02', '70 /min'],
      ['2026-02-01', '80 /min'],
    ]);
    expect(items.filter((i) => i.title === 'Systolic blood pressure').map((i) => i.value)).toEqual(['121 mmHg', '128 mmHg']);
    // The replaced summary is still what the first export said, in the entry's provenance.
    const day = items.find((i) => i.title === 'Heart rate, daily mean' && i.date === '2026-02-01')!;
    const entry = await ok(api, 'records.get', { profileId: ana.id, entryId: day.id });
    expect(entry.sources.map((p) => p.original.details.summaryOf)).toEqual([2, 3]);

    // The older export again: its smaller summary does not replace the larger one.
    const third = await put('older-again.xml', older.replace('2026-02-03 09:00:00', '2026-02-03 09:00:01'));
    expect(third.appleHealth).toMatchObject({ alreadyThere: 2, summariesGrown: 0, summariesSmaller: 1 });
    items = await timeline(api, ana.id);
    expect(heart()).toEqual([
      ['2026-02-02', '70 /min'],
      ['2026-02-01', '80 /min'],
    ]);
    // The very same file again is recognised as such.
    expect((await put('export.xml', newer)).alreadyImported).toBe(true);
  });

  it('refuses an export for someone else at its first lines, writing nothing', async () => {
    const { api, ana } = await profile();
    const report = (await ok(api, 'import.files', { profileId: ana.id, files: [{ name: 'export.xml', bytes: new TextEncoder().encode(exportXml(heartRate('2026-02-01', '08:00:00', 60), '1971-05-05')) }] })).files[0]!;
    expect(report).toMatchObject({ errorKind: 'identity-mismatch', error: 'This file is for someone without a name, born 1971-05-05, not Ana Fixture; nothing was imported.' });
    expect(await timeline(api, ana.id)).toEqual([]);
  });

  it('leaves nothing when cancelled, and reports progress with a time estimate', async () => {
    const dir = tempDir('ck-apple-big-');
    const file = path.join(dir, 'export.xml');
    const readings: string[] = [];
    for (let i = 0; i < 40_000; i++) readings.push(heartRate(`2025-${String((i % 12) + 1).padStart(2, '0')}-10`, `08:${String(i % 60).padStart(2, '0')}:00`, 50 + (i % 70)));
    writeFileSync(file, exportXml(readings.join('') + bloodPressure('2026-02-01', '07:30:00', 128, 82)));
    const { api, ana } = await profile({ 'big-export-token-0001': file });
    const running = ok(api, 'import.files', { profileId: ana.id, files: [{ token: 'big-export-token-0001' }] });
    let progress = null;
    while (!progress || progress.bytesRead === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      progress = await ok(api, 'import.progress', { profileId: ana.id });
    }
    expect(progress.totalBytes).toBeGreaterThan(progress.bytesRead);
    await ok(api, 'import.cancel', { profileId: ana.id });
    const report = await running;
    expect(report.files[0]).toMatchObject({ cancelled: true, error: 'The import was cancelled; nothing was imported from it.' });
    expect(await timeline(api, ana.id)).toEqual([]);
    expect(await ok(api, 'import.progress', { profileId: ana.id })).toMatchObject({ finished: true, cancelled: true });
    // And the same file imports in full afterwards, telling its last byte once (the benchmark's tail figure).
    const told: unknown[] = [];
    const tell = (name: unknown) => told.push(name);
    diagnostics_channel.subscribe(APPLE_LAST_BYTE, tell);
    try {
      const again = await ok(api, 'import.files', { profileId: ana.id, files: [{ token: 'big-export-token-0001' }] });
      expect(again.files[0]!.appleHealth?.summarised).toEqual({ HeartRate: { readings: 40_000, summaries: 12 } });
    } finally {
      diagnostics_channel.unsubscribe(APPLE_LAST_BYTE, tell);
    }
    expect(told).toEqual(['export.xml']);
  });
});

describe.skipIf(!existsSync(corpus))('the corpus exports', () => {
  it('imports the zip with macOS junk and refuses the one that holds only workouts with a sentence', async () => {
    const { api, ana } = await profile();
    const files = ['apple-health-parser/export.zip', 'health-data-parser/export.zip'].map((f) => ({ name: 'export.zip', bytes: readFileSync(path.join(corpus, f)) }));
    const [parser, workouts] = (await ok(api, 'import.files', { profileId: ana.id, files, force: true })).files;
    expect(parser!.appleHealth?.summarised).toEqual({ HeartRate: { readings: 2, summaries: 1 } });
    expect(workouts!.error).toBe(
      'This Apple Health export holds no readings Chartkeeper keeps (it holds 8 Workout, 4 WorkoutRoute, 4 workout-routes); 5 readings could not be read (the first: “Line 71: a heart rate reading (150) gives no unit, so it cannot be read safely and was not imported.”), so nothing was imported.',
    );
  });
});
