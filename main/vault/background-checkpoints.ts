// Checkpoints after an import, off the main thread. SQLite checkpoints a write-ahead log in the
// connection that commits, once the log passes 1,000 pages: at the end of an import, in the
// thread that answers it. SQLite3MultipleCiphers decrypts each frame of the log and encrypts
// it again into the file, so for a 300 MB Apple Health export (53 MB of log) that was ~0.4 s
// between the last row written and the answer, and ~0.1 s for the C-CDA corpus. The import's
// rows are durable at its commit (synchronous=FULL, the log encrypted like the file); the
// checkpoint only moves them from the log into the file. So during an import the connection's
// automatic checkpoint is off (VaultSession.holdCheckpoints), and afterwards a worker thread
// (checkpoint-worker.ts) checkpoints the file through a connection of its own, PASSIVE: it never
// waits for the main thread's connection nor blocks it, which goes on reading and writing.
//
// After the checkpoint the worker keeps the profile's search index in few segments
// (search-index-upkeep.ts), a merge of seconds on a profile of millions of entries, in steps.
//
// Before the session closes a connection or replaces a file it waits for the worker (settle):
// a checkpoint must never write into a file being re-keyed, shredded or swapped. settle() first
// tells the worker to stop merging (STOP), so it waits for one merge step at most, not the merge.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FAILED, PENDING, RUNNING, STARTED, STATE_SLOTS, STOP } from './checkpoint-state.ts';
import type { CheckpointJob, CheckpointReply } from './checkpoint-worker.ts';
import type { RawKey } from './sqlite.ts';

// Bundled, the app's main.cjs (and the command line's chunks) have checkpoint-worker.cjs
// beside them (scripts/build-app.mjs, build-cli.mjs).
export const CHECKPOINT_WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './checkpoint-worker.ts' : './checkpoint-worker.cjs',
  import.meta.url.replace('/app.asar/', '/app.asar.unpacked/'),
);

/** A checkpoint takes well under a second per 50 MB of log; past this something is wrong and the session goes on. */
const SETTLE_LIMIT_MS = 60_000;
/** A worker starts in ~50 ms; one that has not said it runs after this never will. */
const START_LIMIT_MS = 10_000;
/** A worker with no job for this long is ended (see #stopWhenIdle); the parse pool's workers wait as long. */
const IDLE_MS = 30_000;

type Wait = (state: Int32Array, index: number, value: number, timeoutMs: number) => unknown;

/**
 * Blocks while `state[index]` is `value`, for at most `timeoutMs`. Atomics.wait sleeps; where the
 * embedder forbids blocking its main thread with it (it throws a TypeError: Chromium's renderer
 * threads do, and Electron's main process may), the same wait is a loop on the value instead, a
 * fraction of a second at most (a checkpoint under way when the vault locks).
 */
export function waitWhile(state: Int32Array, index: number, value: number, timeoutMs: number, wait: Wait = Atomics.wait): void {
  try {
    wait(state, index, value, timeoutMs);
    return;
  } catch {
    // Not allowed on this thread: spin below.
  }
  const until = Date.now() + timeoutMs;
  while (Atomics.load(state, index) === value && Date.now() < until) {
    // Nothing to yield to: the thread is blocked by design until the worker is done.
  }
}

export class BackgroundCheckpoints {
  readonly #url: URL;
  #worker: Worker | undefined;
  /**
   * Shared with the worker: jobs posted and not yet done (it counts down), and whether it runs
   * or failed to load. settle() waits on them with Atomics, its event loop blocked.
   */
  readonly #state = new Int32Array(new SharedArrayBuffer(STATE_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  #idleTimer: NodeJS.Timeout | undefined;
  /** The worker could not start or died: checkpoints run in the caller's thread from then on. */
  #failed = false;
  /** The worker's answers, newest last (diagnostics and tests; never the key). */
  readonly replies: CheckpointReply[] = [];
  /** What each job posted and not yet answered asked to be told when it is over, oldest first (the worker takes jobs in order). */
  #answered: (() => void)[] = [];

  readonly #idleMs: number;
  readonly #stepPages: number | undefined;
  /** Worker threads started so far (diagnostics and tests). */
  starts = 0;

  /**
   * `idleMs`: how long an idle worker is kept (IDLE_MS otherwise); `stepPages`: the search-index
   * merge's step (the upkeep's own default otherwise). Both for tests.
   */
  constructor(url: URL = CHECKPOINT_WORKER_URL, options: { idleMs?: number; stepPages?: number } = {}) {
    this.#url = url;
    this.#idleMs = options.idleMs ?? IDLE_MS;
    this.#stepPages = options.stepPages;
  }

  /** Whether a worker thread is running (busy or idle). */
  get running(): boolean {
    return this.#worker !== undefined;
  }

  /**
   * Checkpoints `file` in the worker; false when the worker cannot (the caller checkpoints in
   * its own thread). The key is copied for the worker, so the caller may wipe its own.
   * `over` is called once the job is over: answered, or never to be (the worker lost or ended).
   */
  start(file: string, key: RawKey, over: () => void = () => {}): boolean {
    if (this.#failed) return false;
    clearTimeout(this.#idleTimer);
    let worker = this.#worker;
    if (!worker) {
      try {
        // Missing (a build without it), it would only fail in an event settle() cannot see.
        if (this.#url.protocol === 'file:' && !fs.existsSync(fileURLToPath(this.#url))) throw new Error('no checkpoint worker');
        Atomics.store(this.#state, STARTED, 0);
        worker = new Worker(this.#url, { workerData: { state: this.#state.buffer } });
        this.starts += 1;
      } catch {
        this.#failed = true;
        return false;
      }
      // Never what keeps the process alive: a checkpoint cut short by the process's end
      // leaves the frames in the log, where SQLite finds them at the next open.
      worker.unref();
      worker.on('message', (reply: CheckpointReply) => {
        this.replies.push(reply);
        if (this.replies.length > 20) this.replies.shift();
        // One the session has given up and ended answers nothing more: its jobs were told already.
        if (this.#worker === worker) this.#answered.shift()?.();
        // Idle for a while, the thread is ended: it costs ~10 MB while it lives.
        if (Atomics.load(this.#state, PENDING) === 0 && this.#worker === worker) this.#stopWhenIdle();
      });
      const lost = () => {
        if (this.#worker !== worker) return;
        this.#failed = true;
        this.#worker = undefined;
        // Its jobs will never count down; nothing it did is left half-done in the file
        // (a checkpoint is crash-safe), so nobody waits for them.
        Atomics.store(this.#state, PENDING, 0);
        Atomics.notify(this.#state, PENDING);
        this.#allOver();
      };
      worker.on('error', lost);
      worker.on('exit', lost);
      this.#worker = worker;
    }
    // A copy of its own, moved to the worker (which wipes it): nothing of it stays here.
    const copy = new ArrayBuffer(key.key.byteLength);
    new Uint8Array(copy).set(key.key);
    const job: CheckpointJob = { file, key: new Uint8Array(copy), salt: Uint8Array.from(key.salt), ...(this.#stepPages ? { stepPages: this.#stepPages } : {}) };
    Atomics.add(this.#state, PENDING, 1);
    this.#answered.push(over);
    worker.postMessage(job, [copy]);
    return true;
  }

  /** Whether a checkpoint is under way. */
  get busy(): boolean {
    return Atomics.load(this.#state, PENDING) > 0;
  }

  /**
   * Blocks until no checkpoint is under way (at most a minute), stopping a search-index merge
   * at its next step. Called before a connection is closed or a file replaced; a checkpoint
   * takes a fraction of a second and a merge step less, so the wait is short.
   */
  settle(): void {
    // Read by the worker before each merge step; cleared once nothing is under way, so the
    // next import's job merges again.
    Atomics.store(this.#state, STOP, 1);
    try {
      this.#settle();
    } finally {
      Atomics.store(this.#state, STOP, 0);
    }
  }

  #settle(): void {
    const until = Date.now() + SETTLE_LIMIT_MS;
    for (let n = Atomics.load(this.#state, PENDING); n > 0; n = Atomics.load(this.#state, PENDING)) {
      const started = Atomics.load(this.#state, STARTED);
      if (started === FAILED) break;
      const left = until - Date.now();
      if (left <= 0) return;
      if (started !== RUNNING) {
        waitWhile(this.#state, STARTED, started, Math.min(left, START_LIMIT_MS));
        if (Atomics.load(this.#state, STARTED) !== RUNNING) break;
        continue;
      }
      waitWhile(this.#state, PENDING, n, left);
    }
    // It failed to load or never started: its jobs are given up (the connection's own
    // automatic checkpoint takes over) and so is the worker.
    if (Atomics.load(this.#state, PENDING) > 0 || Atomics.load(this.#state, STARTED) === FAILED) {
      this.#failed = true;
      Atomics.store(this.#state, PENDING, 0);
      this.#stop();
    }
  }

  /** Waits for the checkpoint under way, then ends the worker. */
  close(): void {
    this.settle();
    this.#stop();
  }

  /**
   * Ends the worker once it has had no job for IDLE_MS. Idle, it costs ~10 MB; started anew
   * for every import it cost ~60 ms of CPU each time (a thread, its module loader, SQLite), and
   * an import of more than 200 files is several import requests in a row.
   */
  #stopWhenIdle(): void {
    const worker = this.#worker;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      if (this.#worker === worker && Atomics.load(this.#state, PENDING) === 0) this.#stop();
    }, this.#idleMs);
    // Never what keeps the process alive, like the worker itself.
    this.#idleTimer.unref();
  }

  #stop(): void {
    clearTimeout(this.#idleTimer);
    const worker = this.#worker;
    this.#worker = undefined;
    void worker?.terminate();
    this.#allOver();
  }

  /** The worker is gone or going: whatever it was given will never be answered. */
  #allOver(): void {
    const waiting = this.#answered;
    this.#answered = [];
    for (const over of waiting) over();
  }
}
