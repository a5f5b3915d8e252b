import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { AppError } from '../../main/errors.ts';
import { latestVersion, migrate, type Migration } from '../../main/vault/migrations/migrate.ts';
import { m001Initial } from '../../main/vault/migrations/profile/001-initial.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { getEntry, listTrendFacts, PROVENANCE_SELECT } from '../../main/vault/entries.ts';
import { getSource, listOriginalFiles, noneKnownStatements } from '../../main/vault/sources.ts';
import { storeDocument, storedValue } from '../../main/importers/stored-document.ts';
import { VAULT_MIGRATIONS } from '../../main/vault/migrations/vault/index.ts';
import { openEncrypted, userVersion } from '../../main/vault/sqlite.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'pass phrase for migrations';

describe('migrations', () => {
  test('vault 001: profiles, settings and audit rows', () => {
    const file = path.join(tempDir(), 'v.db');
    const db = openEncrypted(file, PASS, { create: true });
    migrate(db, VAULT_MIGRATIONS, file);
    expect(userVersion(db)).toBe(latestVersion(VAULT_MIGRATIONS));
    db.prepare('INSERT INTO profiles VALUES (?, ?, ?, ?, ?, ?)').run('a1b2c3d4e5f6a7b8c9d0', 'María José Núñez', '1948-03-02', 'female', '#1f6feb', '2026-01-01T00:00:00Z');
    db.prepare('INSERT INTO settings VALUES (?, ?)').run('app', JSON.stringify({ language: 'es' }));
    db.prepare('INSERT INTO audit_log (at, action, profile_id, detail) VALUES (?, ?, ?, ?)').run('2026-01-01T00:00:00Z', 'import', 'a1b2c3d4e5f6a7b8c9d0', 'Imported ccd.xml');
    expect(db.prepare('SELECT name FROM profiles').get()).toEqual({ name: 'María José Núñez' });
    db.close();
  });

  test('profile 001: a file, a source, entries with codes, provenance and search', () => {
    const file = path.join(tempDir(), 'p.db');
    const db = openEncrypted(file, PASS, { create: true });
    migrate(db, PROFILE_MIGRATIONS, file);
    db.prepare('INSERT INTO files (id, name, format, sha256, size, bytes, imported_at) VALUES (1, ?, ?, ?, ?, ?, ?)').run('ccd.xml', 'ccda', 'ab'.repeat(32), 3, Buffer.from('<x/>'), '2026-01-01');
    db.prepare("INSERT INTO sources (id, file_id, kind, format, provider, imported_at) VALUES (1, 1, 'document', 'ccda', 'Good Health Clinic', '2026-01-01')").run();
    db.prepare("INSERT INTO entries (id, kind, title, sort_date, draft_json, created_at, updated_at) VALUES (1, 'medication', 'Metformin 500 mg', '2024-03-01', '{}', 'now', 'now')").run();
    db.prepare("INSERT INTO entry_codes VALUES (1, 'RXNORM', '860975')").run();
    db.prepare("INSERT INTO provenance (entry_id, source_id, provider, original_json) VALUES (1, 1, 'Good Health Clinic', '{}')").run();
    db.prepare("INSERT INTO entries_fts (rowid, title, body) VALUES (1, 'Metformin 500 mg', 'diabetes')").run();
    expect(db.prepare("SELECT rowid FROM entries_fts WHERE entries_fts MATCH 'metformin'").all()).toEqual([{ rowid: 1 }]);
    // Deleting the file cascades to its sources and their provenance links.
    db.prepare('DELETE FROM files WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM provenance').get()).toEqual({ n: 0 });
    db.close();
  });

  test('pending migrations run in one transaction: a failing one leaves nothing behind', () => {
    const file = path.join(tempDir(), 'p.db');
    const db = openEncrypted(file, PASS, { create: true });
    const broken: Migration[] = [
      { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x)') },
      { version: 5, name: 'fails', up: (d) => d.exec('CREATE TABLE b (x); INSERT INTO nowhere VALUES (1)') },
    ];
    expect(() => migrate(db, broken, file)).toThrow();
    expect(userVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('a', 'b')").get()).toEqual({ n: 0 });
    db.close();
  });

  test('a file from a newer version is refused by name', () => {
    const file = path.join(tempDir(), 'p.db');
    const db = openEncrypted(file, PASS, { create: true });
    db.pragma('user_version = 77');
    try {
      migrate(db, PROFILE_MIGRATIONS, file);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).kind).toBe('too-new');
      expect((error as AppError).message).toContain('p.db');
    }
    db.close();
  });

  test('profile 002: a version-1 file with imported rows gains the listing indexes and keeps every row', () => {
    const file = path.join(tempDir(), 'p.db');
    const db = openEncrypted(file, PASS, { create: true });
    migrate(db, [m001Initial], file);
    expect(userVersion(db)).toBe(1);
    // A realistic import: a 200 KB original file and a source whose document JSON spans many pages.
    const original = Buffer.from(`<ClinicalDocument>${'<component/>'.repeat(16_000)}</ClinicalDocument>`);
    const documentJson = JSON.stringify({ title: 'Continuity of Care Document', sections: [{ title: 'Results', narrative: ['Hemoglobin A1c 7.2 %. '.repeat(4000)] }], attachments: [] });
    db.prepare('INSERT INTO files (id, name, format, sha256, size, bytes, imported_at) VALUES (1, ?, ?, ?, ?, ?, ?)').run('ccd.xml', 'ccda', 'cd'.repeat(32), original.length, original, '2026-01-01T00:00:00Z');
    db.prepare("INSERT INTO sources (id, file_id, kind, format, provider, title, document_date, patient_json, document_json, imported_at) VALUES (1, 1, 'document', 'ccda', 'Good Health Clinic', 'CCD', '2024-03-01', '{}', ?, '2026-01-01T00:00:00Z')").run(documentJson);
    const draft = { kind: 'result', title: 'Hemoglobin A1c', codes: [{ system: 'LOINC', code: '4548-4' }], start: '2024-03-01', value: { number: 7.2, unit: '%' }, details: {} };
    db.prepare("INSERT INTO entries (id, kind, title, sort_date, draft_json, source_count, created_at, updated_at) VALUES (1, 'result', 'Hemoglobin A1c', '2024-03-01', ?, 1, 'now', 'now')").run(JSON.stringify(draft));
    db.prepare('INSERT INTO provenance (entry_id, source_id, provider, original_json) VALUES (1, 1, ?, ?)').run('Good Health Clinic', JSON.stringify(draft));
    db.prepare("INSERT INTO entry_codes (entry_id, system, code) VALUES (1, 'LOINC', '4548-4')").run();

    migrate(db, PROFILE_MIGRATIONS, file);
    expect(userVersion(db)).toBe(latestVersion(PROFILE_MIGRATIONS));
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('entries_dates', 'files_names', 'sources_listing') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(['entries_dates', 'files_names', 'sources_listing']);
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    // The rows read back whole, with their provenance, through the vault's own reader.
    const entry = getEntry(db, 1)!;
    expect(entry.title).toBe('Hemoglobin A1c');
    expect(entry.sources).toEqual([
      expect.objectContaining({ sourceId: 1, provider: 'Good Health Clinic', format: 'ccda', fileName: 'ccd.xml', documentDate: '2024-03-01', importedAt: '2026-01-01T00:00:00Z' }),
    ]);
    expect((db.prepare('SELECT length(bytes) AS n FROM files WHERE id = 1').get() as { n: number }).n).toBe(original.length);
    // Profile 003: a file stored before originals were compressed reads back byte for byte.
    expect(db.prepare('SELECT encoding FROM files WHERE id = 1').pluck().get()).toBe('identity');
    expect(listOriginalFiles(db)[0]!.bytes.equals(original)).toBe(true);
    // The provenance reader names both indexes, so reading an entry's sources never touches
    // the rows holding the file's bytes or the document JSON.
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${PROVENANCE_SELECT} WHERE p.entry_id IN (1) ORDER BY p.id`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toContain('COVERING INDEX files_names');
    expect(plan).toContain('COVERING INDEX sources_listing');
    // Profile 005: the entry's trend point is filled from the row written before it.
    expect(listTrendFacts(db, ['4548-4'])).toEqual([
      { entryId: 1, loinc: '4548-4', sources: ['Good Health Clinic'], kind: 'result', date: '2024-03-01', title: 'Hemoglobin A1c', number: 7.2, valueText: null, unit: '%', low: null, high: null, rangeUnit: null, interpretation: null, readingsCount: null, readingsMin: null, readingsMax: null },
    ]);
    // Profile 006: the document JSON written before documents were deflated reads back as it was.
    expect(db.prepare('SELECT document_encoding FROM sources WHERE id = 1').pluck().get()).toBe('identity');
    expect(getSource(db, 1)!.document).toEqual({ ...JSON.parse(documentJson), attachments: [] });
    db.close();
  });
});

describe('profile 035: none-known statements in a table of their own', () => {
  test('a version-27 file gains the table, filled from every stored document once; a deleted file takes its rows', () => {
    const file = path.join(tempDir(), 'p.db');
    const db = openEncrypted(file, PASS, { create: true });
    migrate(db, PROFILE_MIGRATIONS.filter((m) => m.version <= 27), file);
    expect(userVersion(db)).toBe(27);
    const said = storeDocument({ title: 'CCD', sections: [{ title: 'Allergies', narrative: ['None. '.repeat(200)] }], attachments: [], statements: [{ kind: 'allergies', date: '2017-08-08', text: 'No Known Drug Allergies' }, { kind: 'medications' }] });
    const silent = storeDocument({ title: 'Visit', sections: [{ title: 'Results', narrative: ['Hemoglobin A1c 7.2 %. '.repeat(200)] }], attachments: [] });
    expect(said.encoding).toBe('deflate-raw');
    db.prepare('INSERT INTO files (id, name, format, sha256, size, bytes, imported_at) VALUES (1, ?, ?, ?, ?, ?, ?)').run('ccd.xml', 'ccda', 'ab'.repeat(32), 3, Buffer.from('<x/>'), '2026-01-01');
    const source = db.prepare("INSERT INTO sources (id, file_id, kind, format, provider, document_date, document_json, document_encoding, imported_at) VALUES (?, 1, 'document', 'ccda', ?, ?, ?, ?, '2026-01-01')");
    source.run(1, 'MedConnect', '2017-08-08', storedValue(said), said.encoding);
    source.run(2, 'Riverside', '2020-01-01', storedValue(silent), silent.encoding);
    migrate(db, PROFILE_MIGRATIONS, file);
    expect(userVersion(db)).toBe(latestVersion(PROFILE_MIGRATIONS));
    expect(noneKnownStatements(db, ['allergies', 'medications', 'problems'])).toEqual([
      { kind: 'allergies', sourceId: 1, provider: 'MedConnect', date: '2017-08-08', text: 'No Known Drug Allergies' },
      { kind: 'medications', sourceId: 1, provider: 'MedConnect', date: '2017-08-08' },
    ]);
    expect(noneKnownStatements(db, ['problems'])).toEqual([]);
    db.prepare('DELETE FROM files WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM none_known').get()).toEqual({ n: 0 });
    db.close();
  });
});
