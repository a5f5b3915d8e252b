import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { LOCK_FILE, OPEN_ELSEWHERE, VaultLock } from '../../main/vault/lock.ts';
import { createVault, unlockVault } from '../../main/vault/vault.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';

// SQLite keeps its locks straight between connections of one process, so these run in one;
// test/faults/concurrency.test.ts does the same across processes.
describe("the vault folder's lock", () => {
  test('any number share it; an exclusive taker waits for them, refuses with one sentence, then goes ahead', () => {
    const dir = tempDir();
    const a = VaultLock.acquire(dir, 'shared');
    const b = VaultLock.acquire(dir, 'shared');
    let ran = false;
    expect(() => a.exclusively(() => (ran = true))).toThrow(OPEN_ELSEWHERE);
    expect(ran).toBe(false);
    // A refused taker keeps what it had.
    expect(a.mode).toBe('shared');
    b.release();
    expect(a.exclusively(() => a.exclusively(() => a.mode))).toBe('exclusive');
    expect(a.mode).toBe('shared');
    expect(() => VaultLock.acquire(dir, 'exclusive')).toThrow(OPEN_ELSEWHERE);
    a.release();
    VaultLock.acquire(dir, 'exclusive').release();
    // Only ever locked: no byte, no journal beside it.
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
    expect(fs.statSync(path.join(dir, LOCK_FILE)).size).toBe(0);
  });

  test('an unlocked vault holds it until locked: a passphrase change waits for every other session', () => {
    const dir = tempDir();
    createVault(dir, PASS, new Date()).close();
    const first = unlockVault(dir, PASS);
    const second = unlockVault(dir, PASS);
    expect(() => first.changePassphrase(PASS, 'another passphrase', new Date())).toThrow(OPEN_ELSEWHERE);
    // Refused before anything was touched: both sessions still work with the old passphrase.
    expect(first.listProfiles()).toEqual([]);
    expect(second.listProfiles()).toEqual([]);
    second.close();
    first.changePassphrase(PASS, 'another passphrase', new Date());
    first.close();
    unlockVault(dir, 'another passphrase').close();
  });

  test('a file that is not an empty lock is named, not mistaken for a busy vault', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE), 'not a database at all, just some text that fills a page'.repeat(100));
    expect(() => VaultLock.acquire(dir, 'shared')).toThrow(`${LOCK_FILE} in the vault folder is not Chartkeeper's lock file; remove it while Chartkeeper is closed.`);
  });
});
