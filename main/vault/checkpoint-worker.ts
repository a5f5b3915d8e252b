// The thread background-checkpoints.ts starts: copies a profile file's write-ahead log into
// the file through a connection of its own, so the import that wrote the log answers without
// waiting for it. A job is one file, opened with its raw key (no key derivation), checkpointed
// PASSIVE (never waits for, nor blocks, the main thread's connection), then its search index
// kept in few segments (search-index-upkeep.ts), and closed again: between jobs the thread
// holds no connection, so nothing of it outlives the session's own.
import { parentPort, workerData } from 'node:worker_threads';
import { FAILED, PENDING, RUNNING, STARTED, STOP } from './checkpoint-state.ts';
import { upkeepSearchIndex, type UpkeepOutcome } from './search-index-upkeep.ts';
import type { Connection, RawKey } from './sqlite.ts';

export interface CheckpointJob {
  file: string;
  /** The file's SQLCipher key and salt (RawKey), wiped here once the file is open. */
  key: Uint8Array;
  salt: Uint8Array;
  /** Pages per search-index merge step (tests make it small to watch a merge under way). */
  stepPages?: number;
}

export interface CheckpointReply {
  file: string;
  ok: boolean;
  /** Frames in the log and frames copied into the file (SQLite's wal_checkpoint answer). */
  log?: number;
  checkpointed?: number;
  /** The search-index upkeep after the checkpoint: undefined when it did not run or failed (a lock met). */
  upkeep?: UpkeepOutcome & { ms: number };
}

/**
 * The upkeep's connection reads the whole index once: a small cache keeps the thread small
 * (the session's connections keep 64 MiB; pages read once in a merge gain nothing from it).
 */
const UPKEEP_CACHE = 'cache_size = -4096';


const port = parentPort;
if (!port) throw new Error('checkpoint-worker.ts runs only as a worker thread');
const shared = new Int32Array((workerData as { state: SharedArrayBuffer }).state);

function done(): void {
  Atomics.sub(shared, PENDING, 1);
  Atomics.notify(shared, PENDING);
}

function checkpointOne(openEncrypted: (file: string, key: RawKey) => Connection, job: CheckpointJob): CheckpointReply {
  const reply: CheckpointReply = { file: job.file, ok: false };
  try {
    const db = openEncrypted(job.file, { key: Buffer.from(job.key.buffer, job.key.byteOffset, job.key.byteLength), salt: Buffer.from(job.salt) });
    job.key.fill(0);
    try {
      const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      reply.ok = row !== undefined && row.busy === 0;
      if (row) Object.assign(reply, { log: row.log, checkpointed: row.checkpointed });
      upkeep(db, reply, job.stepPages);
    } finally {
      db.close();
    }
  } catch {
    // Left to the connection's own automatic checkpoint at its next commit.
  } finally {
    job.key.fill(0);
  }
  return reply;
}

/**
 * After the checkpoint: merges the search index when it needs it, stopped between steps by
 * settle(). Never waits for the lock: a step that meets the main thread writing (SQLITE_BUSY)
 * ends the upkeep, and the next import's upkeep takes it up again from the index as it is then
 * (a merge cut short leaves a valid index). Any failure only costs the merge.
 */
function upkeep(db: Connection, reply: CheckpointReply, stepPages: number | undefined): void {
  if (Atomics.load(shared, STOP) !== 0) return;
  try {
    db.pragma('busy_timeout = 0');
    db.pragma(UPKEEP_CACHE);
    const started = performance.now();
    const outcome = upkeepSearchIndex(db, { shouldStop: () => Atomics.load(shared, STOP) !== 0, ...(stepPages ? { stepPages } : {}) });
    reply.upkeep = { ...outcome, ms: Math.round(performance.now() - started) };
    // What the merge wrote into the log, moved into the file as after the import.
    if (outcome.steps > 0) db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Left to the next import's upkeep.
  }
}

// SQLite is loaded after the thread has said it runs, so a module that fails to load is told
// through the shared state too: the main thread may be waiting on it with its event loop
// blocked, where no 'error' event could reach it.
import('./sqlite.ts').then(
  ({ openEncrypted }) => {
    Atomics.store(shared, STARTED, RUNNING);
    Atomics.notify(shared, STARTED);
    port.on('message', (job: CheckpointJob) => {
      const reply = checkpointOne(openEncrypted, job);
      done();
      port.postMessage(reply);
    });
  },
  () => {
    Atomics.store(shared, STARTED, FAILED);
    Atomics.store(shared, PENDING, 0);
    Atomics.notify(shared, STARTED);
    Atomics.notify(shared, PENDING);
  },
);
