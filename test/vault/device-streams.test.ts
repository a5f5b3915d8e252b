// Reconciliation of device streams (issue #19) against a real profile: a clinic's visit, the
// person's own typed reading, a watch's samples, a glucose sensor's stream and a second,
// overlapping export of the same sensor, and a second clinic document of the same visit.
// What merges and what is flagged is listed pair by pair, and the writer's answer is checked
// against a reference that compares every reading with every stored entry of its kind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { prepareOriginal } from '../../main/importers/original-file.ts';
import type { FormatId, ParsedFile, RecordDraft } from '../../main/records/model.ts';
import { blockingKeys, decide, DEVICE_FORMATS, isStreamReading, mergeDrafts, seriesReadings, type Candidate } from '../../main/records/reconcile.ts';
import { insertEntry } from '../../main/vault/entries.ts';
import { mergeEntries, undoMerge } from '../../main/vault/merges.ts';
import { DraftCache, ImportBatch, insertFile, insertSource, RecordWriter, writeImport } from '../../main/vault/import-writer.ts';
import { storeDocument } from '../../main/importers/stored-document.ts';
import { migrate } from '../../main/vault/migrations/migrate.ts';
import { m023StreamDuplicates } from '../../main/vault/migrations/profile/023-stream-duplicates.ts';
import { m027TwoInstruments } from '../../main/vault/migrations/profile/027-two-instruments.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { manualSourceId, MANUAL_PROVIDER } from '../../main/vault/sources.ts';
import { openEncrypted, type Connection } from '../../main/vault/sqlite.ts';
import { tempDir } from '../support/temp.ts';

const NOW = '2026-03-01T12:00:00.000Z';
let db: Connection;

beforeEach(() => {
  const file = path.join(tempDir('ck-streams-'), 'p.db');
  db = openEncrypted(file, 'stream test passphrase', { create: true });
  migrate(db, PROFILE_MIGRATIONS, file);
});
afterEach(() => db.close());

const LOINC = (code: string, display: string) => ({ system: 'LOINC', code, display });
const HR = LOINC('8867-4', 'Heart rate');
const SPO2_CLINIC = LOINC('2708-6', 'Oxygen saturation in Arterial blood');
const SPO2_WATCH = LOINC('59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry');
const SENSOR = LOINC('99504-3', 'Glucose [Mass/volume] in Interstitial fluid');
const BLOOD_GLUCOSE = LOINC('2339-0', 'Glucose [Mass/volume] in Blood');

function reading(kind: 'vital' | 'result', title: string, code: ReturnType<typeof LOINC>, start: string, value: number, unit: string): RecordDraft {
  return { kind, title, codes: [code], start, value: { number: value, text: String(value), unit }, details: {} };
}
const hr = (start: string, value: number) => reading('vital', 'Heart rate', HR, start, value, '/min');
const glucose = (start: string, value: number) => reading('result', 'Glucose (sensor)', SENSOR, start, value, 'mg/dL');
const pad = (n: number) => String(n).padStart(2, '0');
const at = (day: string, minutes: number, zone = '-05:00') => `${day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00${zone}`;

function parsed(format: FormatId, organization: string, records: RecordDraft[]): ParsedFile {
  return {
    format,
    documents: [{ patient: {}, document: { title: `${organization} export`, authorOrganization: organization, sections: [], attachments: [] }, records, problems: [] }],
  };
}

/**
 * The watch's heart rate every 4 hours of 2025-03-04 (midnight included; 72 at midnight, 8:00
 * and 10:15 as the clinic measured) and of 2025-03-05's first hours (80 at midnight and 2:00,
 * as the clinic's date-only reading), and its oxygen saturation every 6 hours (97 as the clinic's).
 */
function watchRecords(): RecordDraft[] {
  const records: RecordDraft[] = [];
  for (let m = 0; m < 24 * 60; m += 240) records.push(hr(at('2025-03-04', m), [72, 64, 72, 80][(m / 240) % 4]!));
  records.push(hr(at('2025-03-04', 10 * 60 + 15), 72));
  for (let m = 0; m <= 3 * 60; m += 60) records.push(hr(at('2025-03-05', m), [80, 61, 80][(m / 60) % 3]!));
  for (let m = 0; m < 24 * 60; m += 360) records.push(reading('vital', 'Oxygen saturation', SPO2_WATCH, at('2025-03-04', m), [97, 95, 96][(m / 360) % 3]!, '%'));
  return records;
}

/** A sensor every 5 minutes (local times without a zone), values recurring; a finger-stick at 0:32. */
function sensorRecords(fromMinute: number, toMinute: number): RecordDraft[] {
  const records: RecordDraft[] = [];
  for (let m = fromMinute; m <= toMinute; m += 5) records.push(glucose(`2025-03-04T${pad(Math.floor(m / 60))}:${pad(m % 60)}:00`, 100 + ((m / 5) % 3) * 5));
  records.push(reading('result', 'Glucose (meter)', BLOOD_GLUCOSE, '2025-03-04T00:32:00', 110, 'mg/dL'));
  return records;
}

const clinic = () =>
  parsed('ccda', 'Good Health Clinic', [
    hr(at('2025-03-04', 10 * 60 + 15), 72),
    reading('vital', 'Oxygen saturation', SPO2_CLINIC, at('2025-03-04', 10 * 60 + 15), 97, '%'),
    hr('2025-03-05', 80),
    reading('result', 'Glucose', BLOOD_GLUCOSE, at('2025-03-04', 8 * 60), 110, 'mg/dL'),
    glucose('2025-03-04', 105),
  ]);

/** Every file of the fixture, in the order they are imported (the typed reading comes second). */
function files(): ({ name: string; file: ParsedFile } | { manual: RecordDraft })[] {
  return [
    { name: 'clinic.xml', file: clinic() },
    { manual: hr(at('2025-03-04', 19 * 60), 72) },
    { name: 'watch.json', file: parsed('fhir-r4', 'Apple Watch', watchRecords()) },
    { name: 'clarity-1.csv', file: parsed('glucose-csv', 'Dexcom G6', sensorRecords(0, 40)) },
    { name: 'clarity-2.csv', file: parsed('glucose-csv', 'Dexcom G6', sensorRecords(20, 60)) },
    { name: 'portal.json', file: parsed('fhir-r4', 'Good Health Clinic portal', [hr(at('2025-03-04', 15 * 60 + 44), 72)]) },
  ];
}

function importAll(): void {
  for (const item of files()) {
    if ('manual' in item) {
      db.transaction(() =>
        insertEntry(db, item.manual, blockingKeys(item.manual), true, NOW, { creator: { sourceId: manualSourceId(db, NOW), provider: MANUAL_PROVIDER } }),
      ).immediate();
    } else {
      writeImport(db, prepareOriginal(item.name, Buffer.from(`${item.name} ${JSON.stringify(item.file)}`)), item.file, NOW);
    }
  }
}

const label = (d: RecordDraft) => `${d.codes?.[0]?.code} ${d.start} ${d.value?.text}`;

/** Entries that hold more than one source's record: what each source wrote, by provider. */
function merged(): string[] {
  const rows = db
    .prepare(
      `SELECT p.entry_id AS id, p.provider, coalesce(nullif(p.original_json, ''), e.draft_json) AS json
       FROM provenance p JOIN entries e ON e.id = p.entry_id
       WHERE p.entry_id IN (SELECT entry_id FROM provenance GROUP BY entry_id HAVING count(*) > 1) ORDER BY p.entry_id, p.id`,
    )
    .all() as { id: number; provider: string; json: string }[];
  const byEntry = new Map<number, string[]>();
  for (const row of rows) byEntry.set(row.id, [...(byEntry.get(row.id) ?? []), `${row.provider}: ${label(JSON.parse(row.json) as RecordDraft)}`]);
  return [...byEntry.values()].map((sources) => sources.join(' + '));
}

function flagged(): string[] {
  const rows = db
    .prepare(
      `SELECT a.draft_json AS a, b.draft_json AS b, d.reason FROM possible_duplicates d
       JOIN entries a ON a.id = d.entry_id JOIN entries b ON b.id = d.other_id ORDER BY d.entry_id, d.other_id`,
    )
    .all() as { a: string; b: string; reason: string }[];
  return rows.map((r) => `${label(JSON.parse(r.a) as RecordDraft)} ~ ${label(JSON.parse(r.b) as RecordDraft)}: ${r.reason}`);
}

/**
 * The same import done by comparing each reading with every entry of its kind stored before
 * it (no blocking keys): which entries merge and which are flagged must not depend on how
 * the writer finds its candidates.
 */
function reference(): { merged: string[]; flagged: string[] } {
  interface Known { id: number; draft: RecordDraft; sources: Set<number>; originals: { doc: number; draft: RecordDraft; stream: boolean }[] }
  const entries: Known[] = [];
  const pairs: { id: number; other: number; reason: string }[] = [];
  const providers: string[] = [];
  for (const [doc, item] of files().entries()) {
    if ('manual' in item) {
      providers.push(MANUAL_PROVIDER);
      entries.push({ id: entries.length + 1, draft: item.manual, sources: new Set([doc]), originals: [{ doc, draft: item.manual, stream: false }] });
      continue;
    }
    providers.push(item.file.documents[0]!.document.authorOrganization!);
    const series = seriesReadings(item.file.documents[0]!.records);
    for (const draft of item.file.documents[0]!.records) {
      // A stream's reading, stored or arriving: every record of it is one (or it is a day's summary).
      const stream = isStreamReading(draft, DEVICE_FORMATS.has(item.file.format), series.has(draft));
      const candidates: Candidate[] = entries
        .filter((e) => e.draft.kind === draft.kind)
        .map((e) => ({ id: e.id, entry: e.draft, sameDocument: e.sources.has(doc), stream: isStreamReading(e.draft, false, false) || e.originals.every((o) => o.stream) }));
      const decision = decide(draft, candidates, stream);
      if (decision.action === 'merge') {
        const entry = entries[decision.entryId - 1]!;
        entry.draft = mergeDrafts(entry.draft, draft);
        entry.sources.add(doc);
        entry.originals.push({ doc, draft, stream });
        continue;
      }
      const id = entries.length + 1;
      entries.push({ id, draft, sources: new Set([doc]), originals: [{ doc, draft, stream }] });
      if (decision.action === 'possible-duplicate') pairs.push({ id, other: decision.ofEntryId, reason: decision.reason });
    }
  }
  return {
    merged: entries.filter((e) => e.originals.length > 1).map((e) => e.originals.map((o) => `${providers[o.doc]}: ${label(o.draft)}`).join(' + ')),
    flagged: pairs.map((p) => `${label(entries[p.id - 1]!.draft)} ~ ${label(entries[p.other - 1]!.draft)}: ${p.reason}`),
  };
}

describe('a day of device streams beside a clinic visit', () => {
  it('gives the answer of comparing every reading with every stored entry', () => {
    importAll();
    expect({ merged: merged(), flagged: flagged() }).toEqual(reference());
  });

  it('merges and flags these pairs', () => {
    importAll();
    expect(merged()).toEqual(EXPECTED_MERGED);
    expect(flagged()).toEqual(EXPECTED_FLAGGED);
  });
});

describe('a cuff’s pulse, a watch’s heart rate of the same minutes, and the cuff’s readings copied by its phone app', () => {
  const DAY = '2025-06-10';
  /** The watch: a sample every 5 minutes all day (288), and at the cuff's 7:31 (64) and 19:02 (68). */
  const watch = () => {
    const records: RecordDraft[] = [];
    for (let m = 0; m < 24 * 60; m += 5) records.push(hr(at(DAY, m), 60 + (m % 7)));
    records.push(hr(at(DAY, 7 * 60 + 31), 64), hr(at(DAY, 19 * 60 + 2), 68));
    return parsed('fhir-r4', 'Apple Watch', records);
  };
  /** The cuff's morning and evening readings: pulse 71 at 7:31, 68 at 19:02 (the watch's value by chance). */
  const cuff = () => parsed('bp-csv', 'Blood Pressure Monitor', [hr(at(DAY, 7 * 60 + 31), 71), hr(at(DAY, 19 * 60 + 2), 68)]);
  /** The same two readings as the cuff's phone app exported them: one as it was, one the app wrote as 72. */
  const copy = () => parsed('csv-mapped', 'OMRON connect', [hr(at(DAY, 7 * 60 + 31), 72), hr(at(DAY, 19 * 60 + 2), 68)]);
  const write = (name: string, file: ParsedFile) => writeImport(db, prepareOriginal(name, Buffer.from(`${name} ${JSON.stringify(file)}`)), file, NOW);
  const hrEntries = () => db.prepare(`SELECT count(*) FROM entries WHERE draft_json LIKE '%8867-4%'`).pluck().get() as number;

  for (const order of [['watch', 'cuff'], ['cuff', 'watch']] as const) {
    it(`two instruments are two measurements, whichever comes first (${order.join(' then ')}): nothing merged, nothing flagged`, () => {
      for (const which of order) write(`${which}.file`, which === 'watch' ? watch() : cuff());
      expect(merged()).toEqual([]);
      expect(flagged()).toEqual([]);
      expect(hrEntries()).toBe(290 + 2);
    });
  }

  it('the cuff’s readings and their copy are still one fact: merged when equal, flagged when the copy differs; the watch stays apart', () => {
    write('cuff.csv', cuff());
    write('watch.json', watch());
    write('omron.csv', copy());
    expect(merged()).toEqual([`Blood Pressure Monitor: 8867-4 ${at(DAY, 19 * 60 + 2)} 68 + OMRON connect: 8867-4 ${at(DAY, 19 * 60 + 2)} 68`]);
    expect(flagged()).toEqual([`8867-4 ${at(DAY, 7 * 60 + 31)} 72 ~ 8867-4 ${at(DAY, 7 * 60 + 31)} 71: Same measurement at the same time, different value: 71 /min vs 72 /min`]);
  });

  it('migration 027 takes off the list the pairs of two instruments flagged before, and nothing else', () => {
    write('cuff.csv', cuff());
    write('watch.json', watch());
    write('omron.csv', copy());
    const idOf = (provider: string, minute: number, value: number) =>
      db
        .prepare(`SELECT p.entry_id FROM provenance p JOIN entries e ON e.id = p.entry_id WHERE p.provider = ? AND e.sort_date = ? AND e.draft_json LIKE ? ORDER BY p.entry_id LIMIT 1`)
        .pluck()
        .get(provider, at(DAY, minute), `%"number":${value},%`) as number;
    const flag = (id: number, other: number, reason: string, dismissed = 0) =>
      db.prepare('INSERT INTO possible_duplicates (entry_id, other_id, reason, dismissed) VALUES (?, ?, ?, ?)').run(id, other, reason, dismissed);
    const pairs = () => db.prepare('SELECT entry_id AS id, other_id AS other, dismissed FROM possible_duplicates ORDER BY entry_id, other_id').all();
    const morning = 7 * 60 + 31;
    const watchMorning = idOf('Apple Watch', morning, 64);
    const cuffMorning = idOf('Blood Pressure Monitor', morning, 71);
    // As imports flagged them before: the watch's sample against the cuff's pulse of its minute,
    // one such pair the person kept apart; and the copy's pair the import flags still.
    flag(watchMorning, cuffMorning, 'Same measurement at the same time, different value: 71 /min vs 64 /min');
    flag(idOf('Apple Watch', morning, 64), idOf('Blood Pressure Monitor', 19 * 60 + 2, 68), 'Same measurement and value on the same day, different times', 1);
    const before = pairs();
    const entries = db.prepare('SELECT id, draft_json FROM entries ORDER BY id').all();
    m027TwoInstruments.up(db);
    expect(pairs()).toEqual(before.filter((p) => JSON.stringify(p) !== JSON.stringify({ id: watchMorning, other: cuffMorning, dismissed: 0 })));
    expect(pairs()).toHaveLength(before.length - 1);
    expect(flagged()).toEqual(expect.arrayContaining([expect.stringContaining('8867-4 2025-06-10T07:31:00-05:00 72 ~ 8867-4 2025-06-10T07:31:00-05:00 71')]));
    expect(db.prepare('SELECT id, draft_json FROM entries ORDER BY id').all()).toEqual(entries);
  });

  it('apps of one Apple Health export come mixed: an app whose day is not read to the end cannot be told a spot source, so its pair is flagged', () => {
    const fileId = insertFile(db, prepareOriginal('export.xml', Buffer.from('export')), 'apple-health', NOW);
    const source = (app: string) => {
      const meta = { title: 'Apple Health export', authorOrganization: `${app} (Apple Health)`, sections: [], attachments: [] };
      return insertSource(db, fileId, 'apple-health', meta, {}, storeDocument(meta), NOW);
    };
    const watchApp = source('Apple Watch');
    const cuffApp = source('OMRON connect');
    const write = (interleaved: boolean) => {
      const writer = new RecordWriter(db, NOW, new DraftCache(), 2000, { interleaved });
      writer.write(hr(at(DAY, 7 * 60 + 31), 71), cuffApp);
      for (let m = 0; m < 24 * 60; m += 5) writer.write(hr(at(DAY, m), 60 + (m % 7)), watchApp);
      writer.write(hr(at(DAY, 7 * 60 + 31), 64), watchApp);
      // The cuff app's evening reading comes after the watch's day in the export.
      writer.write(hr(at(DAY, 19 * 60 + 2), 68), cuffApp);
      writer.finish();
    };
    db.transaction(() => write(true)).immediate();
    expect(flagged()).toEqual([`8867-4 ${at(DAY, 7 * 60 + 31)} 64 ~ 8867-4 ${at(DAY, 7 * 60 + 31)} 71: Same measurement at the same time, different value: 71 /min vs 64 /min`]);
  });

  it('a watch whose day is not a stream (a few samples) cannot be told from a copy: flagged as before', () => {
    write('cuff.csv', cuff());
    write('watch.json', parsed('fhir-r4', 'Apple Watch', [hr(at(DAY, 7 * 60 + 31), 64), hr(at(DAY, 12 * 60), 70), hr(at(DAY, 19 * 60 + 2), 80)]));
    expect(flagged()).toEqual([
      `8867-4 ${at(DAY, 7 * 60 + 31)} 64 ~ 8867-4 ${at(DAY, 7 * 60 + 31)} 71: Same measurement at the same time, different value: 71 /min vs 64 /min`,
      `8867-4 ${at(DAY, 19 * 60 + 2)} 80 ~ 8867-4 ${at(DAY, 19 * 60 + 2)} 68: Same measurement at the same time, different value: 68 /min vs 80 /min`,
    ]);
  });
});

describe('one import batch', () => {
  // A ward's chart: the heart rate every two hours of 2025-03-04 in one clinic document, a
  // series without being a device's; then documents whose readings meet it, one of them adding
  // a code to an entry (another key for its day) and one moving nothing.
  const ward = () => parsed('ccda', 'General Hospital', [0, 2, 4, 6, 8, 10].map((h) => hr(at('2025-03-04', h * 60 + 5), 70 + h)));
  const discharge = () =>
    parsed('ccda', 'General Hospital discharge', [
      { ...hr(at('2025-03-04', 4 * 60 + 5), 74), codes: [HR, LOINC('8889-8', 'Heart rate by Pulse oximetry')] },
      hr(at('2025-03-04', 6 * 60 + 5), 76),
      hr('2025-03-04', 72),
    ]);
  const batchFiles = (): { name: string; file: ParsedFile }[] => [
    { name: 'clinic.xml', file: clinic() },
    { name: 'ward.xml', file: ward() },
    { name: 'watch.json', file: parsed('fhir-r4', 'Apple Watch', watchRecords()) },
    { name: 'discharge.xml', file: discharge() },
    { name: 'clarity-1.csv', file: parsed('glucose-csv', 'Dexcom G6', sensorRecords(0, 40)) },
    { name: 'ward-again.xml', file: parsed('ccda', 'General Hospital copy', ward().documents[0]!.records) },
    { name: 'clarity-2.csv', file: parsed('glucose-csv', 'Dexcom G6', sensorRecords(20, 60)) },
    { name: 'portal.json', file: parsed('fhir-r4', 'Good Health Clinic portal', [hr(at('2025-03-04', 15 * 60 + 44), 72), hr(at('2025-03-04', 8 * 60 + 5), 78)]) },
    // A cuff's pulse (a device's: a stream's reading), met at another time (not flagged), then
    // merged with a clinic's reading of its minute: no longer a stream's, so a third reading of
    // that value later that day is flagged against it.
    { name: 'cuff.csv', file: parsed('bp-csv', 'Omron', [hr(at('2025-03-06', 9 * 60), 72)]) },
    { name: 'clinic-11.xml', file: parsed('ccda', 'Good Health Clinic', [hr(at('2025-03-06', 11 * 60), 72)]) },
    { name: 'clinic-9.xml', file: parsed('ccda', 'Good Health Clinic', [hr(at('2025-03-06', 9 * 60), 72)]) },
    { name: 'portal-13.json', file: parsed('fhir-r4', 'Good Health Clinic portal', [hr(at('2025-03-06', 13 * 60), 72)]) },
  ];
  const original = (name: string, file: ParsedFile) => prepareOriginal(name, Buffer.from(`${name} ${JSON.stringify(file)}`));
  const rows = (conn: Connection) =>
    Object.fromEntries(
      [
        'SELECT id, kind, sort_date, draft_json, source_count FROM entries ORDER BY id',
        'SELECT entry_id, source_id, provider, original_json FROM provenance ORDER BY id',
        'SELECT key, entry_id FROM entry_keys ORDER BY key, entry_id',
        'SELECT entry_id, other_id, reason FROM possible_duplicates ORDER BY entry_id, other_id',
        'SELECT code, entry_id, date, number, providers FROM trend_points ORDER BY code, entry_id',
      ].map((sql) => [sql, conn.prepare(sql).all()]),
    );

  it('stores what the same files imported one by one store', () => {
    for (const { name, file } of batchFiles()) writeImport(db, original(name, file), file, NOW);
    const file = path.join(tempDir('ck-streams-batch-'), 'p.db');
    const batched = openEncrypted(file, 'stream test passphrase', { create: true });
    try {
      migrate(batched, PROFILE_MIGRATIONS, file);
      const batch = new ImportBatch(batched);
      for (const { name, file: parsedFile } of batchFiles()) batch.write({ original: original(name, parsedFile), parsed: parsedFile }, NOW);
      batch.commit();
      const separate = rows(db);
      // The fixture does what it is for: the cuff's reading flagged once it is the clinic's too,
      // and an entry given another key by a merge.
      const cuffEntry = db.prepare("SELECT p.entry_id FROM provenance p JOIN sources s ON s.id = p.source_id WHERE s.provider = 'Omron'").pluck().get();
      expect(db.prepare('SELECT count(*) FROM possible_duplicates WHERE other_id = ?').pluck().get(cuffEntry)).toBe(1);
      expect((separate['SELECT key, entry_id FROM entry_keys ORDER BY key, entry_id'] as { key: string }[]).some((k) => k.key.includes('8889-8'))).toBe(true);
      expect(rows(batched)).toEqual(separate);
    } finally {
      batched.close();
    }
  });
});

describe('migration 023', () => {
  const idOf = (provider: string, start: string) =>
    db.prepare(`SELECT p.entry_id FROM provenance p JOIN entries e ON e.id = p.entry_id WHERE p.provider = ? AND e.sort_date = ? ORDER BY p.entry_id LIMIT 1`).pluck().get(provider, start) as number;
  const flag = (id: number, other: number, reason: string, dismissed = 0) =>
    db.prepare('INSERT INTO possible_duplicates (entry_id, other_id, reason, dismissed) VALUES (?, ?, ?, ?)').run(id, other, reason, dismissed);
  const pairs = () => db.prepare('SELECT entry_id AS id, other_id AS other, dismissed FROM possible_duplicates ORDER BY entry_id, other_id').all();

  it('takes off the list the pairs the rule of streams no longer flags, and nothing the person decided', () => {
    importAll();
    const clinicHr = idOf('Good Health Clinic', '2025-03-04T10:15:00-05:00');
    const portalHr = idOf('Good Health Clinic portal', '2025-03-04T15:44:00-05:00');
    const watchAt = (time: string) => idOf('Apple Watch', `2025-03-04T${time}:00-05:00`);
    const sensorAt = (time: string) => idOf('Dexcom G6', `2025-03-04T${time}:00`);
    const sameDay = 'Same measurement and value on the same day, different times: 10:15 vs 08:00';
    // As the rule before flagged them: watch samples against the clinic's reading, one export's
    // readings against the other's at another time; one the person kept apart; one of an undone merge.
    flag(watchAt('08:00'), clinicHr, sameDay);
    flag(watchAt('16:00'), clinicHr, sameDay, 1);
    flag(sensorAt('00:50'), sensorAt('00:05'), 'Same test and value on the same day, different times: 00:05 vs 00:50');
    flag(watchAt('00:00'), watchAt('04:00'), 'Same measurement at the same time, different value: 64 /min vs 72 /min');
    flag(watchAt('12:00'), watchAt('20:00'), 'Same measurement at the same time, different value: 80 /min vs 72 /min');
    const merge = mergeEntries(db, watchAt('20:00'), watchAt('12:00'), NOW);
    const [kept, restored] = undoMerge(db, merge, NOW);
    const undone = { id: restored.id, other: kept.id, dismissed: 0 };
    const before = pairs();
    const entries = db.prepare('SELECT id, draft_json FROM entries ORDER BY id').all();
    const links = db.prepare('SELECT entry_id, source_id FROM provenance ORDER BY id').all();

    m023StreamDuplicates.up(db);

    const gone = [
      { id: watchAt('08:00'), other: clinicHr, dismissed: 0 },
      { id: sensorAt('00:50'), other: sensorAt('00:05'), dismissed: 0 },
      { id: watchAt('00:00'), other: watchAt('04:00'), dismissed: 0 },
    ];
    expect(pairs()).toEqual(before.filter((p) => !gone.some((g) => JSON.stringify(g) === JSON.stringify(p))));
    // Still there: the clinic documents' pair, the pair kept apart, the undone merge's pair.
    expect(pairs()).toEqual(
      expect.arrayContaining([
        { id: portalHr, other: clinicHr, dismissed: 0 },
        { id: watchAt('16:00'), other: clinicHr, dismissed: 1 },
        undone,
      ]),
    );
    expect(pairs()).toHaveLength(before.length - 3);
    // Nothing merged, split or rewritten.
    expect(db.prepare('SELECT id, draft_json FROM entries ORDER BY id').all()).toEqual(entries);
    expect(db.prepare('SELECT entry_id, source_id FROM provenance ORDER BY id').all()).toEqual(links);
  });
});

// Before device streams were told apart (commit fa26467 of this test), the watch's samples of
// 72 at 0:00, 8:00 and 16:00 and the portal's 15:44 collapsed into the clinic's 10:15 reading
// (the midnight sample merged first and made the entry a date), the clinic's date-only 80 took
// three samples of the next day, the sensor's 0:00 reading took every later 100 of its own
// export, and the clinic's date-only glucose took the sensor's 0:05; the watch's oxygen at 0:00
// was flagged against the clinic's, the finger-stick against the clinic's lab glucose, and two
// sensor readings against the other export's at other times. Now a stream's reading meets
// another only at its minute: one sample merges with the clinic's reading of 10:15, and the
// second export's readings with the first's.
const EXPECTED_MERGED: string[] = [
  'Good Health Clinic: 8867-4 2025-03-04T10:15:00-05:00 72 + Apple Watch: 8867-4 2025-03-04T10:15:00-05:00 72',
  'Dexcom G6: 99504-3 2025-03-04T00:20:00 105 + Dexcom G6: 99504-3 2025-03-04T00:20:00 105',
  'Dexcom G6: 99504-3 2025-03-04T00:25:00 110 + Dexcom G6: 99504-3 2025-03-04T00:25:00 110',
  'Dexcom G6: 99504-3 2025-03-04T00:30:00 100 + Dexcom G6: 99504-3 2025-03-04T00:30:00 100',
  'Dexcom G6: 99504-3 2025-03-04T00:35:00 105 + Dexcom G6: 99504-3 2025-03-04T00:35:00 105',
  'Dexcom G6: 99504-3 2025-03-04T00:40:00 110 + Dexcom G6: 99504-3 2025-03-04T00:40:00 110',
  'Dexcom G6: 2339-0 2025-03-04T00:32:00 110 + Dexcom G6: 2339-0 2025-03-04T00:32:00 110',
];
// The one pair left is the visit's heart rate in two clinic documents timed differently.
const EXPECTED_FLAGGED: string[] = [
  '8867-4 2025-03-04T15:44:00-05:00 72 ~ 8867-4 2025-03-04T10:15:00-05:00 72: Same measurement and value on the same day, different times: 10:15 vs 15:44',
];
