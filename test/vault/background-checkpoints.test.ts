// An import's write-ahead log is checkpointed after its answer, by a worker thread with its own
// connection (vault/background-checkpoints.ts), and nothing the session does to a file races it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Worker } from 'node:worker_threads';
import { BackgroundCheckpoints, waitWhile } from '../../main/vault/background-checkpoints.ts';
import type { CheckpointReply } from '../../main/vault/checkpoint-worker.ts';
import { migrate } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { segmentShape } from '../../main/vault/search-index-upkeep.ts';
import { deriveRawKey, openEncrypted, readSalt, type Connection } from '../../main/vault/sqlite.ts';
import { createVault, unlockVault, type VaultSession } from '../../main/vault/vault.ts';
import { found, importMany } from '../support/search-index.ts';
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
    // Off while the worker has the log: a small write now would otherwise find the log long
    // and copy it here, in this thread, taking the checkpoint lock from the worker.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    db.transaction(() => db.prepare("INSERT INTO profile_settings (key, value) VALUES ('after', 'the import')").run()).immediate();
    session.settleCheckpoints();
    expect(fs.statSync(file).size).toBeGreaterThan(before + 5_000_000);
    const reply = await replyFor(session, file);
    expect(reply.ok).toBe(true);
    expect(reply.log).toBeGreaterThan(1000);
    expect(reply.checkpointed).toBe(reply.log);
    // Answered: on again, as every connection has it.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
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

  test('an import that begins while the worker has the last one\'s log keeps the automatic checkpoint off until both are over', async () => {
    const { session, id, db } = setUp();
    const first = session.holdCheckpoints(id);
    writeMuch(db, 'f');
    first(true);
    const second = session.holdCheckpoints(id);
    const answers = async (n: number) => {
      for (let i = 0; i < 400 && session.checkpointReplies.length < n; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(session.checkpointReplies).toHaveLength(n);
    };
    await answers(1);
    // The first job is over, but the second import holds it off still.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    writeMuch(db, 'g');
    second(true);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await answers(2);
    expect(session.checkpointReplies.every((reply) => reply.ok)).toBe(true);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
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
    const checkpoints = new BackgroundCheckpoints(undefined, { idleMs: 300 });
    const over: number[] = [];
    const checkpointed = async (n: number) => {
      for (let i = 0; i < 400 && checkpoints.replies.length < n; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      return checkpoints.replies[n - 1];
    };
    for (let round = 1; round <= 3; round++) {
      db.transaction(() => {
        for (let i = 0; i < 500; i++) insert.run(`${round}-${i}`.padEnd(2000, 'x'));
      })();
      expect(checkpoints.start(file, key(), () => over.push(round))).toBe(true);
      checkpoints.settle();
      const reply = await checkpointed(round);
      expect(reply).toMatchObject({ file, ok: true });
      expect(reply!.checkpointed).toBe(reply!.log);
      // Told once its answer has come, and only then.
      expect(over).toEqual([1, 2, 3].slice(0, round));
    }
    // The three jobs came within the idle time of each other: one thread did them all.
    expect(checkpoints.starts).toBe(1);
    expect(checkpoints.running).toBe(true);
    for (let i = 0; i < 200 && checkpoints.running; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(checkpoints.running).toBe(false);
    // After that, a job starts a worker again, which close ends at once.
    db.transaction(() => insert.run('last'.padEnd(2000, 'x')))();
    expect(checkpoints.start(file, key(), () => over.push(4))).toBe(true);
    checkpoints.settle();
    expect(checkpoints.starts).toBe(2);
    checkpoints.close();
    expect(checkpoints.running).toBe(false);
    // Ended before its answer was read: told all the same, at close.
    expect(over).toEqual([1, 2, 3, 4]);
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
    let over = 0;
    expect(checkpoints.start(path.join(dir, 'x.db'), given, () => over++)).toBe(true);
    // The caller's key is copied, never moved: it stays the caller's to wipe.
    expect(given.key.every((b) => b === 1)).toBe(true);
    for (let i = 0; i < 200 && checkpoints.busy; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(checkpoints.busy).toBe(false);
    // Its job will never be answered, and the caller is told so.
    expect(over).toBe(1);
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

describe('the search index merged after an import, in the worker', () => {
  /** A profile file whose index many small imports left in many segments, and the key the worker opens it with. */
  function fragmented(each = 4): { file: string; db: Connection; key: () => { key: Buffer; salt: Buffer } } {
    const file = path.join(tempDir(), 'profile.db');
    const db = openEncrypted(file, PASS, { create: true });
    migrate(db, PROFILE_MIGRATIONS, file);
    importMany(db, 255, each);
    const salt = readSalt(file)!;
    return { file, db, key: () => deriveRawKey(PASS, salt) };
  }

  async function replyOf(checkpoints: BackgroundCheckpoints): Promise<CheckpointReply> {
    for (let i = 0; i < 800 && checkpoints.replies.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(checkpoints.replies).toHaveLength(1);
    return checkpoints.replies[0]!;
  }

  /** Resolves once the worker's merge has written its first step (the main connection sees the index change). */
  async function mergeUnderWay(db: Connection, segments: number): Promise<void> {
    for (const until = Date.now() + 30_000; Date.now() < until; ) {
      if (segmentShape(db).segments !== segments) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error('the merge never began');
  }

  test('after an import into a profile with many segments the worker merges them into one; searches find the same entries', async () => {
    const { session, id, db } = setUp();
    const release = session.holdCheckpoints(id);
    // Many small writes, each a segment (one import's commit would leave one; FTS5 merges some).
    importMany(db, 255, 4);
    const before = segmentShape(db).segments;
    expect(before).toBeGreaterThan(3);
    const was = found(db);
    release(true);
    const file = profileFileOf(session.dir, id);
    const reply = await replyFor(session, file);
    expect(reply).toMatchObject({ ok: true, upkeep: { before, after: 1, stopped: false } });
    expect(segmentShape(db).segments).toBe(1);
    expect(found(db)).toEqual(was);
    db.exec("INSERT INTO entries_fts(entries_fts, rank) VALUES('integrity-check', 1)");
    session.close();
  });

  test('settle stops a merge under way between two steps; the index is whole and the next job merges it', async () => {
    // Large enough for a merge of many one-page steps, so settle meets it under way.
    const { file, db, key } = fragmented(60);
    const was = found(db);
    const segments = segmentShape(db).segments;
    const checkpoints = new BackgroundCheckpoints(undefined, { stepPages: 1 });
    expect(checkpoints.start(file, key())).toBe(true);
    await mergeUnderWay(db, segments);
    const started = performance.now();
    checkpoints.settle();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(checkpoints.busy).toBe(false);
    const stopped = await replyOf(checkpoints);
    expect(stopped).toMatchObject({ ok: true, upkeep: { stopped: true } });
    expect(stopped.upkeep!.after).toBeGreaterThan(1);
    expect(found(db)).toEqual(was);
    db.exec("INSERT INTO entries_fts(entries_fts, rank) VALUES('integrity-check', 1)");

    // Set only while settle waits: the next job merges again, to the end.
    checkpoints.replies.length = 0;
    expect(checkpoints.start(file, key())).toBe(true);
    const finished = (await replyOf(checkpoints)).upkeep;
    expect(finished).toMatchObject({ after: 1, stopped: false });
    expect(found(db)).toEqual(was);
    checkpoints.close();
    db.close();
  });

  test('settle before the worker has begun: the job checkpoints and merges nothing', async () => {
    const { file, db, key } = fragmented();
    const segments = segmentShape(db).segments;
    const checkpoints = new BackgroundCheckpoints();
    expect(checkpoints.start(file, key())).toBe(true);
    checkpoints.settle();
    const reply = await replyOf(checkpoints);
    expect(reply.ok).toBe(true);
    expect(reply.upkeep).toBeUndefined();
    expect(segmentShape(db).segments).toBe(segments);
    checkpoints.close();
    db.close();
  });

  test('main-thread writes while the worker merges all succeed and are kept', async () => {
    const { file, db, key } = fragmented();
    // As the session's connection is until the worker answers (holdCheckpoints).
    db.pragma('wal_autocheckpoint = 0');
    const checkpoints = new BackgroundCheckpoints(undefined, { stepPages: 1 });
    expect(checkpoints.start(file, key())).toBe(true);
    // Writes as the app's are (BEGIN IMMEDIATE; the busy timeout waits out a merge step), one
    // per turn of the event loop until the worker answers: whichever step they meet, none fails.
    const insert = db.prepare('INSERT INTO profile_settings (key, value) VALUES (?, ?)');
    let written = 0;
    while (checkpoints.replies.length === 0) {
      db.transaction(() => insert.run(`during-${written}`, 'kept')).immediate();
      written++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const reply = checkpoints.replies[0]!;
    expect(reply.ok).toBe(true);
    expect(written).toBeGreaterThan(0);
    expect(db.prepare("SELECT count(*) FROM profile_settings WHERE key LIKE 'during-%'").pluck().get()).toBe(written);
    db.exec("INSERT INTO entries_fts(entries_fts, rank) VALUES('integrity-check', 1)");
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    checkpoints.close();
    db.close();
  });

  test('a merge step that meets the main thread writing gives the merge up quietly; the write is kept', async () => {
    const { file, db, key } = fragmented();
    const segments = segmentShape(db).segments;
    const was = found(db);
    // An import's batch holds its write transaction open across turns of the event loop.
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO profile_settings (key, value) VALUES ('written during the upkeep', 'kept')").run();
    const checkpoints = new BackgroundCheckpoints();
    expect(checkpoints.start(file, key())).toBe(true);
    const reply = await replyOf(checkpoints);
    db.exec('COMMIT');
    // The checkpoint ran (PASSIVE, beside the writer); the upkeep met the lock and ended there.
    expect(reply.ok).toBe(true);
    expect(reply.upkeep).toBeUndefined();
    expect(segmentShape(db).segments).toBe(segments);
    expect(db.prepare("SELECT value FROM profile_settings WHERE key = 'written during the upkeep'").pluck().get()).toBe('kept');
    expect(found(db)).toEqual(was);
    // Left to the next import's upkeep, which merges it.
    checkpoints.replies.length = 0;
    expect(checkpoints.start(file, key())).toBe(true);
    expect((await replyOf(checkpoints)).upkeep).toMatchObject({ before: segments, after: 1 });
    expect(found(db)).toEqual(was);
    checkpoints.close();
    db.close();
  });
});
