// Parses imported files in worker threads. The main process serves the vault and every
// window; a large record parsed there would freeze the app for seconds, and a hostile one
// could exhaust its memory. In a worker it does neither, and with several workers the next
// files are parsed while the current one is written to the vault.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParsedFile } from '../records/model.ts';
import { ImportError } from './errors.ts';
import { runParseJob } from './parse-job.ts';
import type { PreparedOriginal } from './original-file.ts';
import { restoreFile, type DocumentHeader, type StoredDocument, type StoredFile } from './stored-document.ts';
import type { ParseOptions } from './index.ts';

export interface ParseRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
  /**
   * After a large file the worker ends instead of waiting for the next one: its heap (the
   * whole parse tree, not yet collected) is released while the main thread takes the result,
   * rather than both being held at once. A 5 MB document peaked 30 MB lower this way.
   */
  exitAfter: boolean;
  /** Health card keys, a column mapping, keeping every sensor reading: what the person chose for this import. */
  options?: ParseOptions;
}

export type ParseReply =
  | { id: number; ok: true; parsed: StoredFile; original: PreparedOriginal; documents: StoredDocument[] }
  /** After a large file: as parsed, its content stored by the writer (see ParseRequest.exitAfter). */
  | { id: number; ok: true; parsed: ParsedFile; original: PreparedOriginal; documents?: undefined }
  | { id: number; ok: false; importError: string }
  | { id: number; ok: false; internal: string };

export interface ParsedUpload {
  parsed: ParsedFile;
  original: PreparedOriginal;
  /** The documents' content as stored, except after a large file (see ParseRequest.exitAfter). */
  documents?: StoredDocument[];
  /** With `documents`: each document's header, which the writer reads instead of its content. */
  headers?: DocumentHeader[];
}

interface Task {
  request: ParseRequest;
  resolve(value: ParsedUpload): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** Files posted to this worker and not yet answered, the one it is parsing first. */
  tasks: Task[];
}

/**
 * Files posted to one worker at a time. A second one waits in the worker's own queue, so the
 * worker goes on to it at once instead of waiting for the main thread, busy writing the
 * previous file to the vault, to read its answer and post the next.
 */
const PIPELINE = 2;

// Bundled, the shell's main.cjs (and the command line's chunks, scripts/build-cli.mjs) have
// parse-worker.cjs beside them (unpacked from the app archive, electron-builder.yml); from
// source it is the .ts file.
export const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './parse-worker.ts' : './parse-worker.cjs',
  import.meta.url.replace('/app.asar/', '/app.asar.unpacked/'),
);

/** A parse may use this much heap; past it the worker dies and the file is refused. */
const WORKER_HEAP_MB = 1536;
// A parse keeps its whole tree alive until it ends, so a large young generation mostly adds
// slack: at V8's default a 5 MB document took the process to ~300 MB. 32 MB keeps parsing as
// fast as in-process (8 MB cost a third more CPU); see also LARGE_FILE_BYTES in the worker.
const WORKER_YOUNG_MB = 32;
/** Files larger than this are parsed by a worker that then ends (ParseRequest.exitAfter). */
const LARGE_FILE_BYTES = 2 * 1024 * 1024;
/**
 * An import of at most this many files, each at most INLINE_MAX_BYTES and not a zip, is parsed
 * in the calling thread when no worker is running: starting one costs more than such a parse
 * (a worker loads the whole importer first: ~100 ms of CPU from the bundle, ~250 ms from the
 * TypeScript sources, against ~15 ms for a 256 KB C-CDA), and the command line imports one
 * file per request. 512 KB of XML parses in ~30 ms, short enough not to stall the app.
 */
const INLINE_MAX_FILES = 2;
export const INLINE_MAX_BYTES = 512 * 1024;
/** Idle workers are stopped after this long, so an app left open holds no parser memory. */
const IDLE_MS = 30_000;

/**
 * One worker per core but one, at least one and at most four: the main thread's share of an
 * import (reconciling and the encrypted writes) is about 0.6 of the workers' (parse, map,
 * digest, deflate), so it needs a core of its own. On two cores a second worker makes three
 * busy threads for two cores: in alternating corpus imports on our (heavily shared) machine the
 * total CPU was 2.5–2.9 s with one worker and 2.7–3.5 s with two, the wall times within noise.
 */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

/** Whether a file may be parsed in the calling thread: small, and not a zip. */
function inlineSafe(bytes: Uint8Array): boolean {
  if (bytes.byteLength > INLINE_MAX_BYTES) return false;
  // A small zip may inflate to far more than it looks (an XDM package, or a hostile one):
  // only a worker's capped heap keeps that away from the app's own memory.
  return !(bytes[0] === 0x50 && bytes[1] === 0x4b);
}

function settle(reply: ParseReply, task: Pick<Task, 'resolve' | 'reject'>): void {
  if (reply.ok && !reply.documents) task.resolve({ parsed: reply.parsed, original: reply.original });
  else if (reply.ok) task.resolve({ ...restoreFile(reply.parsed, reply.documents), original: reply.original, documents: reply.documents });
  else if ('importError' in reply) task.reject(new ImportError(reply.importError));
  else task.reject(new Error(`The import worker failed (${reply.internal}).`));
}

export class ParsePool {
  readonly size: number;
  #slots: Slot[] = [];
  #queue: Task[] = [];
  #nextId = 1;
  #idleTimer: NodeJS.Timeout | undefined;

  /** `size` workers at most; 0 parses every file in the calling thread. */
  constructor(size = defaultWorkerCount()) {
    this.size = size;
  }

  /** Workers started and not yet stopped. */
  get running(): number {
    return this.#slots.length;
  }

  /**
   * Parses one file; rejects with an ImportError carrying the sentence for the user.
   * `filesInImport`: how many files the import it belongs to has (see INLINE_MAX_FILES).
   */
  parse(name: string, bytes: Uint8Array, options: { filesInImport?: number } & ParseOptions = {}): Promise<ParsedUpload> {
    const { filesInImport: _, ...chosen } = options;
    const keys = Object.keys(chosen).length > 0 ? { options: chosen } : {};
    clearTimeout(this.#idleTimer);
    if (this.#inline(bytes, options.filesInImport ?? Number.POSITIVE_INFINITY)) {
      // Later than now, so the caller's loop (reading the next files, writing) is not held up.
      return new Promise<ParsedUpload>((resolve, reject) => setImmediate(() => settle(runParseJob({ id: 0, name, bytes, exitAfter: false, ...keys }), { resolve, reject })));
    }
    return new Promise<ParsedUpload>((resolve, reject) => {
      // A copy the worker can own: `bytes` may be a view into a larger buffer the caller keeps.
      const request: ParseRequest = { id: this.#nextId++, name, bytes: new Uint8Array(bytes), exitAfter: bytes.byteLength > LARGE_FILE_BYTES, ...keys };
      this.#queue.push({ request, resolve, reject });
      this.#dispatch();
    });
  }

  /**
   * Parses here, in the calling thread, one file still waiting for a worker, and says whether
   * there was one. The importer calls this while it waits for the file it must write next: on
   * two cores one worker parses more slowly than the main thread writes, and the main thread
   * sat idle for a third of a corpus import. Only a file small enough for an inline parse is
   * taken (so the app is not held up for long), the last one waiting (the furthest from being
   * needed), and never the first: the worker goes on to that one without waiting for the
   * main thread.
   */
  parseOneHere(): boolean {
    for (let k = this.#queue.length - 1; k >= 1; k--) {
      const task = this.#queue[k]!;
      if (task.request.exitAfter || !inlineSafe(task.request.bytes)) continue;
      this.#queue.splice(k, 1);
      settle(runParseJob(task.request), task);
      return true;
    }
    return false;
  }

  /** Stops every worker; queued files are refused. */
  async close(): Promise<void> {
    clearTimeout(this.#idleTimer);
    for (const task of this.#queue.splice(0)) task.reject(new ImportError('The import was stopped before this file was read.'));
    const slots = this.#slots.splice(0);
    for (const slot of slots) for (const task of slot.tasks.splice(0)) task.reject(new ImportError('The import was stopped before this file was read.'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /** A small import of small files is parsed here rather than paying for a worker's start. */
  #inline(bytes: Uint8Array, filesInImport: number): boolean {
    if (this.size === 0) return true;
    // Workers already running cost nothing more to use.
    if (this.#slots.length > 0 || filesInImport > INLINE_MAX_FILES) return false;
    return inlineSafe(bytes);
  }

  /**
   * A worker for the next file: an idle one, else a new one, else one with a small file in
   * hand and room in its queue. A large file waits for a worker of its own (only its parse
   * tree should be in that worker's memory), and nothing queues behind one (its worker ends).
   */
  #slotFor(next: Task): Slot | undefined {
    const idle = this.#slots.find((s) => s.tasks.length === 0);
    if (idle) return idle;
    if (this.#slots.length < this.size) return this.#spawn();
    if (next.request.exitAfter) return undefined;
    return this.#slots.find((s) => s.tasks.length < PIPELINE && s.tasks.every((t) => !t.request.exitAfter));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slotFor(this.#queue[0]!);
      if (!slot) return;
      const task = this.#queue.shift()!;
      // A file queued behind another is copied, not handed over: should the worker die on the
      // first, this one goes to another worker (see retire).
      const transfer = slot.tasks.length === 0 ? [task.request.bytes.buffer as ArrayBuffer] : [];
      slot.tasks.push(task);
      slot.worker.ref();
      slot.worker.postMessage(task.request, transfer);
    }
    if (this.#slots.every((s) => s.tasks.length === 0)) {
      this.#idleTimer = setTimeout(() => void this.close(), IDLE_MS);
      this.#idleTimer.unref();
    }
  }

  #spawn(): Slot {
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    const slot: Slot = { worker, tasks: [] };
    worker.on('message', (reply: ParseReply) => {
      const task = slot.tasks[0];
      if (!task || task.request.id !== reply.id) return;
      slot.tasks.shift();
      // A worker told to end after this file takes no other.
      if (task.request.exitAfter) this.#slots = this.#slots.filter((s) => s !== slot);
      // An idle worker must not keep a command-line run alive.
      if (slot.tasks.length === 0) worker.unref();
      settle(reply, task);
      this.#dispatch();
    });
    const retire = (error: Error) => {
      this.#slots = this.#slots.filter((s) => s !== slot);
      const [task, ...waiting] = slot.tasks.splice(0);
      // Files queued behind the one that failed were never started: another worker takes them.
      this.#queue.unshift(...waiting);
      if (task) {
        // Out of memory is what a decompression or nesting bomb that slipped past the limits does.
        const sentence =
          (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `"${task.request.name}" needs more memory to read than any health record should, so it was not imported.`
            : `"${task.request.name}" could not be read; nothing was imported from it.`;
        task.reject(new ImportError(sentence));
      }
      this.#dispatch();
    };
    worker.on('error', retire);
    worker.on('exit', (code) => {
      if (this.#slots.includes(slot)) retire(new Error(`exit ${code}`));
    });
    this.#slots.push(slot);
    return slot;
  }
}
