// The export's XML is read in a worker thread (the import worker, parse-worker.ts, with a
// small young generation): reading gigabytes allocates fast, and on the main thread V8 grew
// its young generation to 128 MB for it, most of the import's memory. The worker sends the
// readings in batches and reads on while they are written, waiting before it sends another
// when IN_FLIGHT are still unwritten, so only a few batches are ever in memory; cancelling
// ends the worker. Asked to (`inPieces`: a large export on two cores or more, see
// readingInPieces in main/api/apple-health.ts), two workers read it at once (pieces.ts): this
// one reads the bytes, cuts them into pieces and reads some, a helper worker reads the others.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { PatientIdentity } from '../../records/model.ts';
import { ImportError } from '../errors.ts';
import { openAppleExport, READ_CHUNK, type ExportInput } from './archive.ts';
import { ImportCancelled, streamExport } from './index.ts';
import { PIECE_BYTES, PiecesFailed, readPiece, streamExportInPieces, type PieceHelper, type PieceJob } from './pieces.ts';
import type { KeyedDraft, PieceResult, ReaderResult } from './reader.ts';

export interface AppleStreamRequest {
  kind: 'apple-health';
  input: ExportInput;
  name: string;
  everySample: boolean;
  /** The helper worker's port: the export is read in pieces by both (pieces.ts). */
  helper?: MessagePort;
  /** The main thread hashes the export's file (hashFile): 'end' gives sha256 ''. */
  hashedElsewhere?: boolean;
}

/** Starts a helper worker reading pieces from `port`. */
export interface ApplePiecesRequest {
  kind: 'apple-pieces';
  port: MessagePort;
}

/** A piece's bytes go to the helper in `job.bytes[0]`, a view of a pooled buffer the helper hands back (`buffer`). */
type HelperMessage =
  | { kind: 'read'; job: PieceJob }
  | { kind: 'read'; index: number; result: PieceResult; buffer: ArrayBuffer }
  | { kind: 'read'; index: number; failed: string; buffer: ArrayBuffer };

type WorkerMessage =
  | { kind: 'patient'; patient: PatientIdentity }
  | { kind: 'batch'; items: KeyedDraft[] }
  | { kind: 'progress'; bytes: number; total: number }
  /** The helper has read its last piece: it ends while the reading worker absorbs the pieces left. */
  | { kind: 'pieces-read' }
  | { kind: 'end'; result: Omit<ReaderResult, 'drafts'>; sha256: string; bytes: number }
  | { kind: 'failed'; importError?: string; internal?: string; inOrder?: boolean };

/** Bytes read between two progress messages. */
const PROGRESS_EVERY = 1024 * 1024;
/**
 * Batches sent to the writer and not yet written, at most. Two were not measurably faster on a
 * quiet machine (2.21× and 2.00× against 2.21× and 1.93× with one) and took the import's peak
 * to 299–309 MB against 281–283 MB, over the 300 MB budget.
 */
const IN_FLIGHT = 1;
/** The end-of-file drafts (summaries) per message. */
const END_BATCH = 500;

/** In the worker: reads the export and talks to the main thread (see the protocol above). */
export async function runAppleStream(request: AppleStreamRequest, port: MessagePort): Promise<void> {
  // Batches sent and not yet written (acknowledged), and the wait for one to be.
  let unacked = 0;
  let room: (() => void) | undefined;
  const onAck = (message: { kind?: string }) => {
    if (message?.kind !== 'ack') return;
    unacked -= 1;
    room?.();
    room = undefined;
  };
  port.on('message', onAck);
  const settled = async (atMost: number) => {
    while (unacked > atMost) await new Promise<void>((resolve) => (room = resolve));
  };
  // IN_FLIGHT batches at most: the worker reads on while the main thread writes, and waits
  // only when the writer is that far behind (summaries come in bursts, as days pass).
  const send = async (items: KeyedDraft[]) => {
    await settled(IN_FLIGHT - 1);
    unacked += 1;
    port.postMessage({ kind: 'batch', items } satisfies WorkerMessage);
  };
  try {
    const exp = await openAppleExport(request.input, request.name);
    if (!exp) throw new ImportError(`${request.name} is not an Apple Health export.`);
    const pending: KeyedDraft[][] = [];
    let reported = 0;
    try {
      // The helper ends as soon as it has read its last piece, while the pieces left are
      // absorbed here: the heap pages of an ended worker stay in the process, but V8 reuses
      // them for the heaps that grow after it (the main thread's, writing the summaries).
      const helperDone = () => port.postMessage({ kind: 'pieces-read' } satisfies WorkerMessage);
      const stream = request.helper ? (e: typeof exp, o: Parameters<typeof streamExport>[1]) => streamExportInPieces(e, { ...o, helper: helperOver(request.helper!), helperDone }) : streamExport;
      const streamed = await stream(exp, {
        everySample: request.everySample,
        ...(request.hashedElsewhere && !request.helper ? { hashedElsewhere: true } : {}),
        onPatient: (patient) => port.postMessage({ kind: 'patient', patient } satisfies WorkerMessage),
        onBatch: (batch) => void pending.push(batch),
        afterChunk: async () => {
          for (const batch of pending.splice(0)) await send(batch);
        },
        onProgress: (bytes, total) => {
          if (bytes - reported < PROGRESS_EVERY && bytes < total) return;
          reported = bytes;
          port.postMessage({ kind: 'progress', bytes, total } satisfies WorkerMessage);
        },
      });
      for (const batch of pending.splice(0)) await send(batch);
      const { drafts, ...result } = streamed.result;
      let batch: KeyedDraft[] = [];
      for (const item of drafts) {
        batch.push(item);
        if (batch.length >= END_BATCH) {
          await send(batch);
          batch = [];
        }
      }
      if (batch.length > 0) await send(batch);
      await settled(0);
      port.postMessage({ kind: 'end', result, sha256: streamed.sha256, bytes: streamed.bytes } satisfies WorkerMessage);
    } finally {
      exp.close();
    }
  } catch (error) {
    port.postMessage(
      (error instanceof PiecesFailed
        ? { kind: 'failed', inOrder: true, internal: error.message }
        : error instanceof ImportError ? { kind: 'failed', importError: error.message } : { kind: 'failed', internal: error instanceof Error ? `${error.name}: ${error.message}` : 'Error' }) satisfies WorkerMessage,
    );
  } finally {
    port.off('message', onAck);
    request.helper?.close();
  }
}

/** A pooled piece buffer's size: a piece (PIECE_BYTES and the rest of the chunk it was cut in) fits. */
const POOLED_BYTES = PIECE_BYTES + READ_CHUNK;

/**
 * The reading worker's side of the helper: each piece sent, its result when it comes back.
 * A piece is copied into one of a few buffers that go to the helper and come back with its
 * result, not into new ones each time: megabytes of small buffers allocated in one thread
 * and freed in another (whenever its garbage collector runs) grew the process's malloc arenas
 * by ~20 MB, memory the process keeps (the README's Performance section).
 */
function helperOver(port: MessagePort): PieceHelper {
  const waiting = new Map<number, { resolve: (result: PieceResult) => void; reject: (error: Error) => void }>();
  const spare: ArrayBuffer[] = [];
  port.on('message', (message: HelperMessage) => {
    if (!('index' in message)) return;
    if (message.buffer.byteLength === POOLED_BYTES) spare.push(message.buffer);
    const wait = waiting.get(message.index);
    waiting.delete(message.index);
    if ('result' in message) wait?.resolve(message.result);
    else wait?.reject(new Error(message.failed));
  });
  return {
    read: (job) =>
      new Promise<PieceResult>((resolve, reject) => {
        waiting.set(job.index, { resolve, reject });
        const size = job.bytes.reduce((n, part) => n + part.length, 0);
        // A piece larger than a pooled buffer (an element over a megabyte long) gets its own.
        const buffer = size <= POOLED_BYTES ? (spare.pop() ?? new ArrayBuffer(POOLED_BYTES)) : new ArrayBuffer(size);
        const bytes = new Uint8Array(buffer, 0, size);
        let at = 0;
        for (const part of job.bytes) {
          bytes.set(part, at);
          at += part.length;
        }
        port.postMessage({ kind: 'read', job: { ...job, bytes: [bytes] } } satisfies HelperMessage, [buffer]);
      }),
  };
}

/** In the helper worker: reads each piece it is sent and sends back what it read, with the piece's buffer. */
export function runPieceHelper(port: MessagePort): void {
  port.on('message', (message: HelperMessage) => {
    if (!('job' in message)) return;
    const { job } = message;
    const buffer = job.bytes[0]!.buffer as ArrayBuffer;
    let reply: HelperMessage;
    try {
      reply = { kind: 'read', index: job.index, result: readPiece(job), buffer };
    } catch (error) {
      reply = { kind: 'read', index: job.index, failed: error instanceof Error ? error.message : String(error), buffer };
    }
    port.postMessage(reply, [buffer]);
  });
}

export interface StreamInWorkerOptions {
  everySample: boolean;
  /** Read by two workers at once (a large export; see pieces.ts). */
  inPieces: boolean;
  /** The caller hashes the file (not with inPieces): the outcome's sha256 is ''. */
  hashedElsewhere?: boolean;
  /** The person's characteristics; return false to stop (someone else's export). */
  onPatient: (patient: PatientIdentity) => boolean;
  /** Writes a batch; the worker reads on once it returns. */
  onBatch: (items: KeyedDraft[]) => void;
  onProgress: (bytes: number, total: number) => void;
  signal: AbortSignal;
}

export type StreamOutcome = { stopped: true; patient: PatientIdentity } | { stopped: false; result: Omit<ReaderResult, 'drafts'>; sha256: string; bytes: number };

/** Young generation of the reading worker: enough for saxes to run at full speed. */
const YOUNG_MB = 16;

/** The reading could not be done in pieces: undo what was written and read the export again in one go. */
export class ReadAgainInOrder extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ReadAgainInOrder';
  }
}

/** On the main thread: reads the export in a worker started from `workerUrl` (the import worker). */
export function streamInWorker(workerUrl: URL, input: ExportInput, name: string, options: StreamInWorkerOptions): Promise<StreamOutcome> {
  return new Promise<StreamOutcome>((resolve, reject) => {
    const limits = { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: 512 } };
    const worker = new Worker(workerUrl, limits);
    const helper = options.inPieces ? new Worker(workerUrl, limits) : undefined;
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      options.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      void helper?.terminate();
      settle();
    };
    const onAbort = () => finish(() => reject(new ImportCancelled()));
    options.signal.addEventListener('abort', onAbort);
    worker.on('message', (message: WorkerMessage) => {
      if (settled) return;
      try {
        switch (message.kind) {
          case 'patient':
            if (!options.onPatient(message.patient)) finish(() => resolve({ stopped: true, patient: message.patient }));
            return;
          case 'batch':
            options.onBatch(message.items);
            worker.postMessage({ kind: 'ack' });
            return;
          case 'progress':
            options.onProgress(message.bytes, message.total);
            return;
          case 'pieces-read':
            helper?.removeAllListeners('exit');
            void helper?.terminate();
            return;
          case 'end':
            finish(() => resolve({ stopped: false, result: message.result, sha256: message.sha256, bytes: message.bytes }));
            return;
          case 'failed':
            if (message.inOrder) finish(() => reject(new ReadAgainInOrder(message.internal ?? '')));
            else finish(() => reject(message.importError !== undefined ? new ImportError(message.importError) : new Error(`The import worker failed (${message.internal}).`)));
        }
      } catch (error) {
        finish(() => reject(error));
      }
    });
    for (const w of helper ? [worker, helper] : [worker]) {
      w.on('error', (error) => {
        const sentence =
          (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `${name} needs more memory to read than any health export should, so it was not imported.`
            : `${name} could not be read; nothing was imported from it.`;
        finish(() => reject(new ImportError(sentence)));
      });
      w.on('exit', () => finish(() => reject(new ImportError(`${name} could not be read; nothing was imported from it.`))));
    }
    if (helper) {
      const { port1, port2 } = new MessageChannel();
      helper.postMessage({ kind: 'apple-pieces', port: port2 } satisfies ApplePiecesRequest, [port2]);
      worker.postMessage({ kind: 'apple-health', input, name, everySample: options.everySample, helper: port1 } satisfies AppleStreamRequest, [port1]);
    } else worker.postMessage({ kind: 'apple-health', input, name, everySample: options.everySample, ...(options.hashedElsewhere ? { hashedElsewhere: true } : {}) } satisfies AppleStreamRequest);
  });
}
