import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { AppError } from '../../main/errors.ts';
import { latestVersion, migrate, type Migration } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
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
});
