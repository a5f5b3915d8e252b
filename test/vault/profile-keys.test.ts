// The cache of derived profile-file keys inside the vault file (main/vault/profile-keys.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AppError } from '../../main/errors.ts';
import { openProfileFile } from '../../main/vault/profile-keys.ts';
import { openEncrypted, readSalt } from '../../main/vault/sqlite.ts';
import { createVault, unlockVault, VAULT_FILE, type VaultSession } from '../../main/vault/vault.ts';
import { snapshotFiles, tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const NEW = 'a different passphrase altogether';
const NOW = new Date('2026-03-01T12:00:00Z');

/** A vault with one profile whose file holds a canary row; its key was cached when it was created. */
let template: { dir: string; id: string };

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-profile-keys-'));
  const session = createVault(dir, PASS, NOW);
  const { id } = session.addProfile({ name: 'Alice Example', birthDate: '1950-01-31' }, NOW);
  session.profileDb(id).exec("CREATE TABLE canary (t TEXT); INSERT INTO canary VALUES ('kept')");
  session.close();
  template = { dir, id };
});

afterAll(() => fs.rmSync(template.dir, { recursive: true, force: true }));

function canary(session: VaultSession, id: string): unknown {
  return session.profileDb(id).prepare('SELECT t FROM canary').get();
}

function cacheRows(session: VaultSession): { profile_id: string; salt: Buffer; key: Buffer }[] {
  return session.db.prepare('SELECT profile_id, salt, key FROM profile_keys').all() as { profile_id: string; salt: Buffer; key: Buffer }[];
}

/** What SQLCipher 4 derives for that file from that passphrase. */
function expectedKey(file: string, passphrase: string): Buffer {
  return crypto.pbkdf2Sync(passphrase, readSalt(file)!, 256_000, 32, 'sha512');
}

/** A fresh copy of the template vault, whose one profile's key is cached. */
function cachedVault(): { dir: string; id: string; file: string } {
  const dir = tempDir();
  fs.cpSync(template.dir, dir, { recursive: true });
  return { dir, id: template.id, file: path.join(dir, 'profiles', `${template.id}.db`) };
}

describe('profile key cache', () => {
  test("a new profile's key is cached as its file is created: what SQLCipher derives from the passphrase for its salt", () => {
    const { dir, id, file } = cachedVault();
    const session = unlockVault(dir, PASS);
    const rows = cacheRows(session);
    expect(rows.map((r) => r.profile_id)).toEqual([id]);
    expect(rows[0]!.salt.equals(readSalt(file)!)).toBe(true);
    expect(rows[0]!.key.equals(expectedKey(file, PASS))).toBe(true);
    // The first open after an unlock needs no derivation.
    expect(canary(session, id)).toEqual({ t: 'kept' });
    expect(session.profileKeySource(id)).toBe('cached');
    session.close();
    // The file opens with the passphrase alone, as every vault file does.
    const byPassphrase = openEncrypted(file, PASS, { readonly: true });
    expect(byPassphrase.prepare('SELECT t FROM canary').get()).toEqual({ t: 'kept' });
    byPassphrase.close();
  });

  test('a profile whose key was never cached (added before keys were cached at creation) derives and caches it on first open', () => {
    const { dir, id, file } = cachedVault();
    let session = unlockVault(dir, PASS);
    session.db.prepare('DELETE FROM profile_keys').run();
    session.close();
    session = unlockVault(dir, PASS);
    expect(canary(session, id)).toEqual({ t: 'kept' });
    expect(session.profileKeySource(id)).toBe('derived');
    const rows = cacheRows(session);
    expect(rows.map((r) => r.profile_id)).toEqual([id]);
    expect(rows[0]!.key.equals(expectedKey(file, PASS))).toBe(true);
    session.close();
  });

  test('the cached key alone opens the file: no passphrase is needed for it', () => {
    const { dir, id, file } = cachedVault();
    const session = unlockVault(dir, PASS);
    const opened = openProfileFile(session.db, id, file, 'not the passphrase at all');
    expect(opened.source).toBe('cached');
    expect(opened.db.prepare('SELECT t FROM canary').get()).toEqual({ t: 'kept' });
    opened.db.close();
    session.close();
  });

  test('a stale key (same salt, wrong key) falls back, opens the file and refreshes the cache', () => {
    const { dir, id, file } = cachedVault();
    let session = unlockVault(dir, PASS);
    session.db.prepare('UPDATE profile_keys SET key = ? WHERE profile_id = ?').run(crypto.randomBytes(32), id);
    session.close();

    session = unlockVault(dir, PASS);
    expect(canary(session, id)).toEqual({ t: 'kept' });
    expect(session.profileKeySource(id)).toBe('derived');
    expect(cacheRows(session)[0]!.key.equals(expectedKey(file, PASS))).toBe(true);
    session.close();

    session = unlockVault(dir, PASS);
    expect(canary(session, id)).toEqual({ t: 'kept' });
    expect(session.profileKeySource(id)).toBe('cached');
    session.close();
  });

  test('a replaced file (another salt) is not opened with the old key; its own key is cached', () => {
    const { dir, id, file } = cachedVault();
    // Another file keyed by the same passphrase has its own random salt, like a file put back by hand.
    const other = `${file}.other`;
    const replacement = openEncrypted(other, PASS, { create: true });
    replacement.exec("CREATE TABLE canary (t TEXT); INSERT INTO canary VALUES ('replaced')");
    replacement.close();
    const oldSalt = readSalt(file)!;
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    fs.renameSync(other, file);
    expect(readSalt(file)!.equals(oldSalt)).toBe(false);

    const session = unlockVault(dir, PASS);
    expect(canary(session, id)).toEqual({ t: 'replaced' });
    expect(session.profileKeySource(id)).toBe('derived');
    const [row] = cacheRows(session);
    expect(row!.salt.equals(readSalt(file)!)).toBe(true);
    expect(row!.key.equals(expectedKey(file, PASS))).toBe(true);
    session.close();
  });

  test('a damaged profile file is still reported as damaged, not opened with a cached key', () => {
    const { dir, id, file } = cachedVault();
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 16, 4096); // the first page after the salt
    fs.writeFileSync(file, bytes);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    const session = unlockVault(dir, PASS);
    expect(() => session.profileDb(id)).toThrow(/damaged/);
    session.close();
  });

  test('changing the passphrase empties the cache; profiles open with the new passphrase and cache its key', () => {
    const { dir, id, file } = cachedVault();
    let session = unlockVault(dir, PASS);
    expect(cacheRows(session)).toHaveLength(1);
    session.changePassphrase(PASS, NEW, NOW);
    expect(cacheRows(session)).toEqual([]);
    expect(canary(session, id)).toEqual({ t: 'kept' });
    expect(session.profileKeySource(id)).toBe('derived');
    session.close();

    // Every file opens with the new passphrase alone, and no longer with the old one.
    for (const f of [path.join(dir, VAULT_FILE), file]) {
      expect(() => openEncrypted(f, NEW, { readonly: true }).close()).not.toThrow();
      expect(() => openEncrypted(f, PASS, { readonly: true })).toThrow();
    }

    session = unlockVault(dir, NEW);
    const [row] = cacheRows(session);
    expect(row!.key.equals(expectedKey(file, NEW))).toBe(true);
    expect(canary(session, id)).toEqual({ t: 'kept' });
    expect(session.profileKeySource(id)).toBe('cached');
    session.close();
  });

  test('a wrong passphrase changes nothing: not at unlock, not when changing it', () => {
    const { dir, id } = cachedVault();
    const before = snapshotFiles(dir);
    expect(() => unlockVault(dir, 'Tr0ub4dor&3')).toThrow(AppError);
    expect(snapshotFiles(dir)).toEqual(before);

    const session = unlockVault(dir, PASS);
    expect(() => session.changePassphrase('not it', NEW, NOW)).toThrow(/does not open/);
    expect(cacheRows(session).map((r) => r.profile_id)).toEqual([id]);
    expect(canary(session, id)).toEqual({ t: 'kept' });
    expect(session.profileKeySource(id)).toBe('cached');
    session.close();
  });

  test('deleting a profile deletes its cached key', () => {
    const { dir, id } = cachedVault();
    const session = unlockVault(dir, PASS);
    expect(cacheRows(session)).toHaveLength(1);
    session.deleteProfile(id, NOW);
    expect(cacheRows(session)).toEqual([]);
    session.close();
  });

  test('the cached key is only inside the encrypted vault file: its bytes appear nowhere on disk', () => {
    const { dir, file } = cachedVault();
    const key = expectedKey(file, PASS);
    const needles = [key, Buffer.from(key.toString('hex')), Buffer.from(key.toString('hex').toUpperCase()), Buffer.from(key.toString('base64'))];
    const files = snapshotFiles(dir);
    expect([...files.keys()]).toContain(VAULT_FILE);
    for (const [name, bytes] of files) {
      for (const needle of needles) expect(bytes.includes(needle), `${name} holds the key`).toBe(false);
    }
    // Still there when read through the passphrase: the cache is in the file, encrypted.
    const vault = openEncrypted(path.join(dir, VAULT_FILE), PASS, { readonly: true });
    const row = vault.prepare('SELECT key FROM profile_keys').get() as { key: Buffer };
    vault.close();
    expect(row.key.equals(key)).toBe(true);
  });
});
