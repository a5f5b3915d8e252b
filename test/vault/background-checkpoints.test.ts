// An import's write-ahead log is checkpointed after its answer, by a worker thread with its own
// connection (vault/background-checkpoints.ts), and nothing the session does to a file races it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Worker } from 'node:worker_threads';
import { BackgroundCheckpoints, waitWhile } from '../../main/vault/background-checkpoints.ts';
import { openEncrypted, type Connection } from '../../main/vault/sqlite.ts';
import { createVault, unlockVault, type VaultSession } from '../../main/vault/vault.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'checkpoint test passphrase';
const NOW = new Date('2026-03-01T12:00:00Z');
const ROWS = 3000;

function profileFileOf(dir: string, id: string): string {
  return path.join(dir, 'profiles', `${id}.db`);
}

/** Writes ~6 MB in one transaction: far past the 1,000 pages at which a commit checkpoints. */
function writeMuch(db: Connection, tag: string): void {
  const insert = db.prepare('INSERT INTO profile_settings (key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(`${tag}-${i}`, `${tag} ${i} `.padEnd(2000, 'x'));
  })();
}

function setUp(): { dir: string; session: VaultSession; id: string; file: string; db: Connection } {
  const dir = tempDir();
  const session = createVault(dir, PASS, NOW);
  const { id } = session.addProfile({ name: 'Alice Example', birthDate: '1950-01-31' }, NOW);
  const db = session.profileDb(id);
  return { dir, session, id, file: profileFileOf(dir, id), db };
}

async function replyFor(session: VaultSession, file: string): Promise<{ ok: boolean; log?: number; checkpointed?: number }> {
  for (let i = 0; i < 200; i++) {
    const reply = session.checkpointReplies.find((r) => r.file === file);
    if (reply) return reply;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the checkpoint worker never answered');
}

describe('checkpoints after an import', () => {
  test('the commit leaves the log to the worker, which copies all of it into the file', async () => {
    const { session, id, file, db } = setUp();
    const before = fs.statSync(file).size;
    const release = session.holdCheckpoints(id);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    writeMuch(db, 'a');
    // Committed and durable in the log; the file itself is as it was: no checkpoint at the commit.
    expect(fs.statSync(file).size).toBe(before);
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(5_000_000);

    release(true);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    session.settleCheckpoints();
    expect(fs.statSync(file).size).toBeGreaterThan(before + 5_000_000);
    const reply = await replyFor(session, file);
    expect(reply.ok).toBe(true);
    expect(reply.log).toBeGreaterThan(1000);
    expect(reply.checkpointed).toBe(reply.log);
    // Nothing left for this connection to copy.
    const [left] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(left!.checkpointed).toBe(left!.log);
    session.close();
  });

  test('holds nest: the checkpoint waits for the last one, made when any of them wrote; a second release does nothing', () => {
    const { session, id, file, db } = setUp();
    const before = fs.statSync(file).size;
    const outer = session.holdCheckpoints(id);
    const inner = session.holdCheckpoints(id);
    writeMuch(db, 'b');
    inner(true);
    inner(true);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    session.settleCheckpoints();
    expect(fs.statSync(file).size).toBe(before);
    outer(false);
    session.settleCheckpoints();
    expect(fs.statSync(file).size).toBeGreaterThan(before + 5_000_000);
    session.close();
  });

  test('locking while the worker checkpoints waits for it; every row is there after unlock', () => {
    const { dir, session, id, db } = setUp();
    const release = session.holdCheckpoints(id);
    writeMuch(db, 'c');
    release(true);
    session.close();
    const again = unlockVault(dir, PASS);
    const reopened = again.profileDb(id);
    expect(reopened.prepare("SELECT count(*) AS n FROM profile_settings WHERE key LIKE 'c-%'").get()).toEqual({ n: ROWS });
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
  });

  test('deleting the profile while the worker checkpoints leaves no file behind', () => {
    const { session, id, file, db } = setUp();
    const release = session.holdCheckpoints(id);
    writeMuch(db, 'd');
    release(true);
    session.deleteProfile(id, NOW);
    session.settleCheckpoints();
    for (const suffix of ['', '-wal', '-shm']) expect(fs.existsSync(file + suffix)).toBe(false);
    session.close();
  });

  test('a rolled-back write turns the automatic checkpoint back on and is never checkpointed', () => {
    const { session, id, db } = setUp();
    const release = session.holdCheckpoints(id);
    expect(() =>
      db.transaction(() => {
        writeMuch(db, 'e');
        throw new Error('cancelled');
      })(),
    ).toThrow('cancelled');
    release(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.prepare("SELECT count(*) AS n FROM profile_settings WHERE key LIKE 'e-%'").get()).toEqual({ n: 0 });
    session.close();
  });
});

describe('BackgroundCheckpoints', () => {
  const key = () => ({ key: Buffer.alloc(32, 1), salt: Buffer.alloc(16, 2) });

  test('one worker serves checkpoints in a row and is ended once idle, or at close', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.db');
    const db = openEncrypted(file, key(), { create: true });
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (v TEXT)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const checkpoints = new BackgroundCheckpoints(undefined, 300);
    const checkpointed = async (n: number) => {
      for (let i = 0; i < 400 && checkpoints.replies.length < n; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      return checkpoints.replies[n - 1];
    };
    for (let round = 1; round <= 3; round++) {
      db.transaction(() => {
        for (let i = 0; i < 500; i++) insert.run(`${round}-${i}`.padEnd(2000, 'x'));
      })();
      expect(checkpoints.start(file, key())).toBe(true);
      checkpoints.settle();
      const reply = await checkpointed(round);
      expect(reply).toMatchObject({ file, ok: true });
      expect(reply!.checkpointed).toBe(reply!.log);
    }
    // The three jobs came within the idle time of each other: one thread did them all.
    expect(checkpoints.starts).toBe(1);
    expect(checkpoints.running).toBe(true);
    for (let i = 0; i < 200 && checkpoints.running; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(checkpoints.running).toBe(false);
    // After that, a job starts a worker again, which close ends at once.
    db.transaction(() => insert.run('last'.padEnd(2000, 'x')))();
    expect(checkpoints.start(file, key())).toBe(true);
    checkpoints.settle();
    expect(checkpoints.starts).toBe(2);
    checkpoints.close();
    expect(checkpoints.running).toBe(false);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1501 });
    db.close();
  });

  test('without its worker file (a build that left it out) it refuses at once, so the caller checkpoints itself', () => {
    const dir = tempDir();
    const checkpoints = new BackgroundCheckpoints(new URL(`file://${path.join(dir, 'no-such-worker.cjs')}`));
    expect(checkpoints.start(path.join(dir, 'x.db'), key())).toBe(false);
    expect(checkpoints.busy).toBe(false);
    checkpoints.close();
  });

  test('a worker that dies on loading is given up: settle does not wait for it, later jobs are refused', async () => {
    const dir = tempDir();
    const broken = path.join(dir, 'broken-worker.cjs');
    fs.writeFileSync(broken, "throw new Error('cannot load');\n");
    const checkpoints = new BackgroundCheckpoints(new URL(`file://${broken}`));
    const given = key();
    expect(checkpoints.start(path.join(dir, 'x.db'), given)).toBe(true);
    // The caller's key is copied, never moved: it stays the caller's to wipe.
    expect(given.key.every((b) => b === 1)).toBe(true);
    for (let i = 0; i < 200 && checkpoints.busy; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(checkpoints.busy).toBe(false);
    const started = Date.now();
    checkpoints.settle();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(checkpoints.start(path.join(dir, 'x.db'), key())).toBe(false);
    checkpoints.close();
  });

  test('where Atomics.wait may not block the thread (it throws), the wait loops on the value until another thread changes it', async () => {
    const state = new Int32Array(new SharedArrayBuffer(8));
    state[0] = 1;
    const forbidden = () => {
      throw new TypeError('Atomics.wait cannot be called in this context');
    };
    // Nothing changes it: the loop ends at its time limit.
    let started = Date.now();
    waitWhile(state, 0, 1, 50, forbidden);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    // Another thread sets it after a moment: the loop ends then, not at the limit.
    const other = new Worker(
      "const { workerData } = require('node:worker_threads'); const s = new Int32Array(workerData); setTimeout(() => { Atomics.store(s, 0, 0); Atomics.notify(s, 0); }, 100);",
      { eval: true, workerData: state.buffer },
    );
    await new Promise((resolve) => other.once('online', resolve));
    started = Date.now();
    waitWhile(state, 0, 1, 10_000, forbidden);
    expect(state[0]).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    await other.terminate();
  });
});
