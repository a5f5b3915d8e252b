// Encrypted backups: a backup restored into another vault (another passphrase) gives back the
// same rows; a wrong passphrase or a damaged backup changes nothing; the file opens with the
// standard sqlcipher tool and holds no plaintext.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../main/errors.ts';
import { parseFile } from '../../main/importers/index.ts';
import type { RecordDraft } from '../../main/records/model.ts';
import { createBackup, restoreBackup } from '../../main/vault/backup.ts';
import { addProvenance, insertEntry } from '../../main/vault/entries.ts';
import { writeImport } from '../../main/vault/import-writer.ts';
import { manualSourceId } from '../../main/vault/sources.ts';
import { type Connection, openEncrypted } from '../../main/vault/sqlite.ts';
import { createVault, PROFILES_DIR, type VaultSession, vaultFile } from '../../main/vault/vault.ts';
import { independentSqlcipher, needReader, querySqlcipher } from '../support/sqlcipher/reader.ts';
import { prepareOriginal } from '../../main/importers/original-file.ts';

const NOW = new Date('2025-02-01T09:00:00Z');
const VAULT_A = 'first vault passphrase';
const VAULT_B = "second vault's passphrase";
const BACKUP = 'backup passphrase 4 the drawer';
const CANARY = 'Canary-b4c7 Ostrich feather allergy';
const FIXTURE = path.join(import.meta.dirname, '../export/fixtures/clinic-bundle.json');

let root: string;
let a: VaultSession;
let anaId: string;
let benId: string;
let reader: string | null = null;
/** Made once: every profile, and Ben alone (key derivation makes each backup take a while). */
let allBackup: string;
let benBackup: string;

function addManual(db: Connection, draft: RecordDraft): void {
  const id = insertEntry(db, draft, [], true, NOW.toISOString());
  addProvenance(db, id, manualSourceId(db, NOW.toISOString()), 'Entered by hand', draft, true);
}

function newVault(name: string, passphrase: string): VaultSession {
  return createVault(path.join(root, name), passphrase, NOW);
}

function expectAppError(fn: () => unknown, kind: string): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe(kind);
    return error as AppError;
  }
  throw new Error(`expected an AppError of kind ${kind}`);
}

/** A hash over every row of every table (FTS shadow tables included) and the schema version. */
function tableHashes(db: Connection): Record<string, string> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const out: Record<string, string> = { user_version: String(db.pragma('user_version', { simple: true })) };
  for (const table of tables) {
    const columns = (db.prepare(`SELECT * FROM "${table}" LIMIT 0`).columns() as unknown[]).length;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().all();
    const hash = crypto.createHash('sha256');
    for (const row of rows as unknown[][]) {
      hash.update(JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? `blob:${v.toString('hex')}` : v))));
    }
    out[table] = `${rows.length}:${hash.digest('hex')}`;
  }
  return out;
}

function profileFiles(session: VaultSession): string[] {
  return fs.readdirSync(path.join(session.dir, PROFILES_DIR)).sort();
}

beforeAll(async () => {
  reader = await independentSqlcipher();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-backup-'));
  a = newVault('a', VAULT_A);
  anaId = a.addProfile({ name: 'Ana Ruiz', birthDate: '1968-07-21', sex: 'female', colour: '#8e24aa' }, NOW).id;
  benId = a.addProfile({ name: 'Ben Ruiz', birthDate: '2010-03-04' }, NOW).id;
  const bytes = fs.readFileSync(FIXTURE);
  writeImport(a.profileDb(anaId), prepareOriginal('clinic-bundle.json', bytes), parseFile(bytes, 'clinic-bundle.json'), NOW.toISOString());
  addManual(a.profileDb(anaId), { kind: 'allergy', title: CANARY, codes: [], details: { reactions: ['Sneezing'] } });
  addManual(a.profileDb(benId), { kind: 'note', title: 'Ben broke his wrist at football', codes: [], start: '2024-10-02', details: {} });
  allBackup = path.join(root, 'all.chartkeeper');
  createBackup(a, [anaId, benId], allBackup, BACKUP, NOW);
  benBackup = path.join(root, 'ben.chartkeeper');
  createBackup(a, [benId], benBackup, BACKUP, NOW);
}, 600_000);

/** A copy of a backup that a test may change. */
function copyOf(backup: string, name: string): string {
  const copy = path.join(root, name);
  fs.copyFileSync(backup, copy);
  return copy;
}

afterAll(() => {
  a?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('createBackup and restoreBackup', () => {
  it('restores every profile into another vault with the same rows, keyed by that vault', () => {
    const target = allBackup;
    // Only the finished file is left beside it: no .partial, no scratch copies.
    expect(fs.readdirSync(root).filter((n) => n.startsWith('all') || n.startsWith('.all'))).toEqual(['all.chartkeeper']);

    const b = newVault('b-all', VAULT_B);
    try {
      const restored = restoreBackup(b, target, BACKUP, NOW);
      expect(restored.map((p) => [p.name, p.birthDate, p.sex, p.colour])).toEqual([
        ['Ana Ruiz', '1968-07-21', 'female', '#8e24aa'],
        ['Ben Ruiz', '2010-03-04', undefined, a.getProfile(benId).colour],
      ]);
      expect(b.listProfiles().map((p) => p.name)).toEqual(['Ana Ruiz', 'Ben Ruiz']);
      for (const p of restored) expect([anaId, benId]).not.toContain(p.id);
      expect(tableHashes(b.profileDb(restored[0]!.id))).toEqual(tableHashes(a.profileDb(anaId)));
      expect(tableHashes(b.profileDb(restored[1]!.id))).toEqual(tableHashes(a.profileDb(benId)));
      expect(Object.keys(tableHashes(a.profileDb(anaId)))).toEqual(expect.arrayContaining(['entries', 'provenance', 'sources', 'files', 'entry_codes']));

      // The restored files are keyed by vault B's passphrase now, not by the backup's.
      const file = b.profileFilePath(restored[0]!.id);
      b.close();
      openEncrypted(file, VAULT_B, { readonly: true }).close();
      expect(() => openEncrypted(file, BACKUP, { readonly: true })).toThrow();
      expect(fs.readdirSync(path.dirname(file)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    } finally {
      b.close();
    }
  });

  it('backs up one profile alone, and names a restored profile apart when its name is taken', () => {
    const target = benBackup;
    const b = newVault('b-one', VAULT_B);
    try {
      b.addProfile({ name: 'ben ruiz', birthDate: '1950-01-01' }, NOW);
      const restored = restoreBackup(b, target, BACKUP, NOW);
      expect(restored.map((p) => p.name)).toEqual(['Ben Ruiz (restored)']);
      expect(b.listProfiles()).toHaveLength(2);
      expect(tableHashes(b.profileDb(restored[0]!.id))).toEqual(tableHashes(a.profileDb(benId)));
      expect(b.auditLog(5).map((e) => e.action)).toContain('backup.restore');
    } finally {
      b.close();
    }
  });

  it('refuses a wrong backup passphrase and changes nothing', () => {
    const target = benBackup;
    const b = newVault('b-wrong', VAULT_B);
    try {
      b.addProfile({ name: 'Existing Person', birthDate: '1990-01-01' }, NOW);
      const before = { profiles: b.listProfiles(), files: profileFiles(b) };
      const error = expectAppError(() => restoreBackup(b, target, 'not the backup passphrase', NOW), 'wrong-passphrase');
      expect(error.message).toBe('That passphrase does not open this backup; nothing was changed.');
      // The vault's own passphrase does not open a backup made with another one either.
      expectAppError(() => restoreBackup(b, target, VAULT_B, NOW), 'wrong-passphrase');
      expect({ profiles: b.listProfiles(), files: profileFiles(b) }).toEqual(before);
    } finally {
      b.close();
    }
  });

  it('tells a file that is not a backup, and a backup from a newer version, from a wrong passphrase', () => {
    const b = newVault('b-other', VAULT_B);
    try {
      const text = path.join(root, 'notes.txt');
      fs.writeFileSync(text, 'just some notes\n');
      expectAppError(() => restoreBackup(b, text, BACKUP, NOW), 'corrupt');
      // A Chartkeeper database that is not a backup: the vault file itself, with its passphrase.
      expectAppError(() => restoreBackup(b, vaultFile(a.dir), VAULT_A, NOW), 'corrupt');

      const newer = copyOf(benBackup, 'newer.chartkeeper');
      const db = openEncrypted(newer, BACKUP);
      db.prepare('UPDATE backup_meta SET format_version = 99').run();
      db.close();
      expectAppError(() => restoreBackup(b, newer, BACKUP, NOW), 'too-new');
      expect(b.listProfiles()).toEqual([]);
      expect(profileFiles(b)).toEqual([]);
    } finally {
      b.close();
    }
  });

  it('is all or nothing: a damaged profile inside the backup leaves the vault as it was', () => {
    const target = copyOf(allBackup, 'damaged.chartkeeper');
    const db = openEncrypted(target, BACKUP);
    db.prepare('UPDATE backup_profile_files SET bytes = ? WHERE profile_id = ?').run(crypto.randomBytes(8192), benId);
    db.close();
    const b = newVault('b-damaged', VAULT_B);
    try {
      expectAppError(() => restoreBackup(b, target, BACKUP, NOW), 'corrupt');
      expect(b.listProfiles()).toEqual([]);
      expect(profileFiles(b)).toEqual([]);
    } finally {
      b.close();
    }
  });

  it('leaves nothing under the chosen name when a backup fails', () => {
    const target = path.join(root, 'failed.chartkeeper');
    expectAppError(() => createBackup(a, [anaId, 'ffffffffffffffffffff'], target, BACKUP, NOW), 'not-found');
    const dir = path.join(root, 'unwritable');
    fs.mkdirSync(dir);
    const inside = path.join(dir, 'missing-folder', 'x.chartkeeper');
    expect(() => createBackup(a, [anaId], inside, BACKUP, NOW)).toThrow();
    expect(fs.readdirSync(root).filter((n) => n.includes('failed'))).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('a backup file without Chartkeeper', () => {
  let target: string;
  let bytes: Buffer;

  beforeAll(() => {
    target = allBackup;
    bytes = fs.readFileSync(target);
  });

  it('holds no plaintext: no canary, no name, no SQLite header', () => {
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    for (const needle of [CANARY, 'Canary-b4c7', 'Ana Ruiz', 'Metformin', 'clinic-bundle.json', 'Riverside Family Medicine']) {
      expect(bytes.includes(Buffer.from(needle, 'utf8')), needle).toBe(false);
      expect(bytes.includes(Buffer.from(needle, 'utf16le')), needle).toBe(false);
    }
  });

  it('opens with the standard sqlcipher tool and the backup passphrase alone', ({ skip }) => {
    needReader(reader, skip);
    expect(querySqlcipher(target, BACKUP, 'SELECT format_version, created_at FROM backup_meta').trim()).toBe('1|2025-02-01T09:00:00.000Z');
    expect(querySqlcipher(target, BACKUP, 'SELECT name FROM backup_profiles ORDER BY name').trim().split('\n')).toEqual(['Ana Ruiz', 'Ben Ruiz']);
    expect(() => querySqlcipher(target, VAULT_A, 'SELECT count(*) FROM backup_profiles')).toThrow(/file is not a database/);

    // The recovery the file's layout documents: write a profile out, open it with the same passphrase.
    const extracted = path.join(root, 'extracted-ana.db');
    querySqlcipher(target, BACKUP, `SELECT writefile('${extracted}', bytes) FROM backup_profile_files WHERE profile_id = '${anaId}'`);
    expect(querySqlcipher(extracted, BACKUP, `SELECT title FROM entries WHERE title = '${CANARY}'`).trim()).toBe(CANARY);
    expect(Number(querySqlcipher(extracted, BACKUP, "SELECT count(*) FROM entries WHERE kind = 'result'"))).toBeGreaterThan(0);
    expect(fs.readFileSync(extracted).includes(Buffer.from('Canary-b4c7'))).toBe(false);
  });
});
