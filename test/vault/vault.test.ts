import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { AppError } from '../../main/errors.ts';
import { openEncrypted, setUserVersion } from '../../main/vault/sqlite.ts';
import { createVault, unlockVault, VAULT_FILE } from '../../main/vault/vault.ts';
import { snapshotFiles, tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const NOW = new Date('2026-03-01T12:00:00Z');

function expectAppError(fn: () => unknown, kind: string, message?: RegExp): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe(kind);
    if (message) expect((error as AppError).message).toMatch(message);
    return error as AppError;
  }
  throw new Error(`expected an AppError of kind ${kind}`);
}

describe('vault lifecycle', () => {
  test('create, add profiles, lock, unlock', () => {
    const dir = tempDir();
    const session = createVault(dir, PASS, NOW);
    session.addProfile({ name: 'Alice Example', birthDate: '1950-01-31' }, NOW);
    session.addProfile({ name: 'Bob Example', birthDate: '1952-02-29', sex: 'male' }, NOW);
    session.close();
    expect(session.isOpen).toBe(false);
    expectAppError(() => session.listProfiles(), 'locked');

    const again = unlockVault(dir, PASS);
    expect(again.listProfiles().map((p) => p.name)).toEqual(['Alice Example', 'Bob Example']);
    expect(again.listProfiles()[1]?.sex).toBe('male');
    again.close();
  });

  test('files and folders are owner-only', () => {
    const dir = tempDir();
    const session = createVault(dir, PASS, NOW);
    const profile = session.addProfile({ name: 'Alice Example', birthDate: '1950-01-31' }, NOW);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'profiles')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, VAULT_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(session.profileFilePath(profile.id)).mode & 0o777).toBe(0o600);
    for (const f of fs.readdirSync(path.join(dir, 'profiles'))) {
      expect(fs.statSync(path.join(dir, 'profiles', f)).mode & 0o777).toBe(0o600);
    }
    session.close();
  });

  test('a wrong passphrase is a clear error and leaves every file byte-identical', () => {
    const dir = tempDir();
    const session = createVault(dir, PASS, NOW);
    session.addProfile({ name: 'Alice Example', birthDate: '1950-01-31' }, NOW);
    session.close();
    const before = snapshotFiles(dir);
    expectAppError(() => unlockVault(dir, 'Tr0ub4dor&3'), 'wrong-passphrase', /passphrase does not open this vault/);
    const after = snapshotFiles(dir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), name).toBe(true);
  });

  test('a missing vault asks to create one; creating twice is refused', () => {
    const dir = tempDir();
    expectAppError(() => unlockVault(dir, PASS), 'no-vault');
    createVault(dir, PASS, NOW).close();
    expectAppError(() => createVault(dir, PASS, NOW), 'vault-exists');
  });

  test('profile names are unique, rename and delete work', () => {
    const dir = tempDir();
    const session = createVault(dir, PASS, NOW);
    const alice = session.addProfile({ name: 'Alice Example', birthDate: '1950-01-31' }, NOW);
    expectAppError(() => session.addProfile({ name: 'alice example', birthDate: '1950-01-31' }, NOW), 'conflict');
    session.updateProfile(alice.id, { name: 'Alice B. Example' }, NOW);
    expect(session.getProfile(alice.id).name).toBe('Alice B. Example');
    const file = session.profileFilePath(alice.id);
    expect(fs.existsSync(file)).toBe(true);
    session.deleteProfile(alice.id, NOW);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(session.listProfiles()).toEqual([]);
    expectAppError(() => session.getProfile(alice.id), 'not-found');
    // The name is gone from the vault file too (secure_delete + checkpoint).
    session.close();
    const raw = snapshotFiles(dir);
    for (const bytes of raw.values()) expect(bytes.includes('Alice B. Example')).toBe(false);
    expect(unlockVault(dir, PASS).auditLog(10).map((a) => a.action)).toContain('profile.delete');
  });

  test('a damaged profile file is named in a clear error, never an offer to delete', () => {
    const dir = tempDir();
    const session = createVault(dir, PASS, NOW);
    const alice = session.addProfile({ name: 'Alice Example', birthDate: '1950-01-31' }, NOW);
    session.close();
    const file = path.join(dir, 'profiles', `${alice.id}.db`);
    const bytes = fs.readFileSync(file);
    bytes[100] = bytes[100]! ^ 0xff; // inside the first page: its HMAC no longer matches
    fs.writeFileSync(file, bytes);
    const again = unlockVault(dir, PASS);
    const error = expectAppError(() => again.profileDb(alice.id), 'corrupt');
    expect(error.message).toContain(`${alice.id}.db`);
    expect(error.message).not.toMatch(/delete/i);
    again.close();
  });

  test('a damaged vault file is reported as damaged, not as a wrong passphrase', () => {
    const dir = tempDir();
    const session = createVault(dir, PASS, NOW);
    session.addProfile({ name: 'Alice Example', birthDate: '1950-01-31' }, NOW);
    session.close();
    const file = path.join(dir, VAULT_FILE);
    const bytes = fs.readFileSync(file);
    bytes[50] = bytes[50]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    const error = expectAppError(() => unlockVault(dir, PASS), 'corrupt');
    expect(error.message).toContain(VAULT_FILE);
  });

  test('a vault written by a newer version is refused with a clear message', () => {
    const dir = tempDir();
    createVault(dir, PASS, NOW).close();
    const db = openEncrypted(path.join(dir, VAULT_FILE), PASS);
    setUserVersion(db, 999);
    db.close();
    expectAppError(() => unlockVault(dir, PASS), 'too-new', /newer version of Chartkeeper/);
  });

  test('a plaintext SQLite file is never treated as part of the vault', () => {
    const dir = tempDir();
    createVault(dir, PASS, NOW).close();
    const file = path.join(dir, VAULT_FILE);
    const plain = Buffer.alloc(4096);
    plain.write('SQLite format 3\0', 'latin1');
    fs.writeFileSync(file, plain);
    expectAppError(() => unlockVault(dir, PASS), 'corrupt', /not encrypted/);
  });

  test('every connection has the SQLCipher 4 scheme and the safety pragmas', () => {
    const dir = tempDir();
    const session = createVault(dir, PASS, NOW);
    const db = session.db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(String(db.pragma('kdf_iter', { simple: true }))).toBe('256000');
    const header = fs.readFileSync(path.join(dir, VAULT_FILE)).subarray(0, 16).toString('latin1');
    expect(header).not.toBe('SQLite format 3\0');
    session.close();
  });
});
