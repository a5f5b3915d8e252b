// Reading a vault file's bytes beside SQLite (the page check and the read-ahead) must not let go
// of the locks SQLite holds on it: closing any descriptor of a file drops every POSIX lock the
// process holds on that file. If it did, another process closing its connection could take the
// file's exclusive lock, checkpoint and delete the write-ahead log this process still uses.
// Linux lists every process's locks in /proc/locks, which is what this test reads.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkPages } from '../../main/vault/integrity.ts';
import { openRaw } from '../../main/vault/raw-files.ts';
import { readAhead } from '../../main/vault/read-ahead.ts';
import { assertNotPlaintext, readSalt } from '../../main/vault/sqlite.ts';
import { createVault, profileFile } from '../../main/vault/vault.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const PROC_LOCKS = '/proc/locks';

/**
 * This process's POSIX locks on a file, as /proc/locks lists them, without each line's ordinal:
 * that is its place in the whole machine's list, which moves when another process takes or
 * drops a lock (other test files running beside this one).
 */
function locksHeld(file: string): string[] {
  const { ino } = fs.statSync(file);
  return fs
    .readFileSync(PROC_LOCKS, 'utf8')
    .split('\n')
    .filter((line) => line.includes(' POSIX ') && line.includes(` ${process.pid} `) && line.includes(`:${ino} `))
    .map((line) => line.replace(/^\d+:\s*/, ''));
}

describe('raw reads of open vault files', () => {
  test.skipIf(!fs.existsSync(PROC_LOCKS))('the read-ahead, the page check and the salt and header reads keep the lock SQLite holds on an open file', async () => {
    const dir = tempDir();
    const session = createVault(dir, PASS, new Date());
    const profile = session.addProfile({ name: 'Test Person', birthDate: '1950-01-31' }, new Date());
    const db = session.profileDb(profile.id);
    db.exec('CREATE TABLE canary (n INTEGER)');
    db.prepare('INSERT INTO canary VALUES (1)').run();
    const file = profileFile(dir, profile.id);
    const held = locksHeld(file);
    expect(held.length).toBeGreaterThan(0);

    await readAhead([file]);
    checkPages(file, Buffer.alloc(64));
    readSalt(file);
    assertNotPlaintext(file);
    expect(locksHeld(file)).toEqual(held);
    db.prepare('INSERT INTO canary VALUES (2)').run();
    expect(db.prepare('SELECT count(*) AS n FROM canary').get()).toEqual({ n: 2 });
    session.close();
  }, 60_000);

  test('descriptors are kept while a session of the folder is open and closed when it ends', () => {
    const dir = tempDir();
    const session = createVault(dir, PASS, new Date());
    const file = path.join(dir, 'chartkeeper-vault.db');
    const first = openRaw(file);
    first.done();
    expect(() => fs.fstatSync(first.fd)).not.toThrow();
    expect(openRaw(file).fd).toBe(first.fd);
    session.close();
    expect(() => fs.fstatSync(first.fd)).toThrow();
    // With no session of the folder open, a descriptor is closed as soon as it is done.
    const alone = openRaw(file);
    alone.done();
    expect(() => fs.fstatSync(alone.fd)).toThrow();
  });
});
