// Apple Health "Export All Health Data": the export's XML streamed through the reader chunk by
// chunk (the event loop is free between chunks, so the app stays responsive during a
// several-gigabyte read), with its digest, progress and cancellation. What is written where
// is the caller's (main/api/apple-health.ts); nothing here touches the vault.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { ImportError } from '../errors.ts';
import { READ_CHUNK, type AppleExport } from './archive.ts';
import { ExportReader, type KeyedDraft, type ReaderOptions, type ReaderResult } from './reader.ts';

export { openAppleExport, type AppleExport, type ExportPart } from './archive.ts';
export type { AppleHealthReport, ClinicalRecordRef, KeyedDraft, ReaderResult } from './reader.ts';

/** Thrown when the person cancels: the caller undoes everything written. */
export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled; nothing was imported from it.');
    this.name = 'ImportCancelled';
  }
}

export interface StreamOptions extends Pick<ReaderOptions, 'everySample' | 'onPatient' | 'batchSize' | 'summariesAtEnd'> {
  /** Each batch of readings as it is read (written by the caller before the next chunk is read). */
  onBatch: (batch: KeyedDraft[]) => void;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** After each chunk's batches: the reading waits for it (a worker waits for the writer). */
  afterChunk?: () => Promise<void>;
  signal?: AbortSignal;
  /** Someone else hashes the XML (hashFile, on the main thread, which waits for the reader): sha256 is then ''. */
  hashedElsewhere?: boolean;
}

export interface StreamedExport {
  result: ReaderResult;
  /** SHA-256 of the export's XML as read: the same export imported twice is recognised by it ('' when hashed elsewhere). */
  sha256: string;
  bytes: number;
}

export async function streamExport(exp: AppleExport, options: StreamOptions): Promise<StreamedExport> {
  const what = exp.xml.name.split('/').pop() || 'export.xml';
  const reader = new ExportReader(
    {
      what,
      ...(options.everySample ? { everySample: true } : {}),
      ...(options.onPatient ? { onPatient: options.onPatient } : {}),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.summariesAtEnd ? { summariesAtEnd: true } : {}),
    },
    options.onBatch,
  );
  const hash = options.hashedElsewhere ? undefined : crypto.createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  // A bare export.xml is read on this thread, not through libuv's pool (see fileChunks).
  const chunks = exp.bareFile ? fileChunks(exp.bareFile, what, options.signal) : xmlChunks(exp, what, options.signal);
  for await (const chunk of chunks) {
    hash?.update(chunk);
    bytes += chunk.length;
    reader.write(decode(decoder, chunk, what));
    await options.afterChunk?.();
    options.onProgress?.(bytes, exp.xml.size);
  }
  reader.write(decode(decoder, undefined, what));
  await options.afterChunk?.();
  return { result: reader.end(), sha256: hash?.digest('hex') ?? '', bytes };
}

/**
 * SHA-256 of a file read on this thread while another reads it: the import's main thread is
 * idle most of a large export's read, the reading worker never. Stops (rejecting) on `signal`.
 */
export async function hashFile(file: string, signal: AbortSignal): Promise<string> {
  const hash = crypto.createHash('sha256');
  // One buffer read into again and again: a new megabyte per read (a read stream's) is
  // external memory that sets off the main thread's full garbage collections.
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  const handle = await fs.promises.open(file, 'r');
  try {
    for (;;) {
      if (signal.aborted) throw new ImportCancelled();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return hash.digest('hex');
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

/**
 * A bare file's bytes, READ_CHUNK at a time, read synchronously into one buffer that each
 * chunk reuses: the caller is done with a chunk before it asks for the next (streamExport
 * hashes and decodes it, both copies). For the reading worker, which does nothing else: an
 * asynchronous read waits for one of libuv's pool threads to be scheduled, and with the
 * writer and the garbage collector busy on a two-core machine that was ~0.35 ms per chunk,
 * 1.7 s of a 300 MB export's read. A read from the page cache takes microseconds.
 */
export function* fileChunks(file: string, what: string, signal?: AbortSignal): Generator<Buffer> {
  const unreadable = (error: unknown) =>
    new ImportError(`${what} could not be read to its end (${error instanceof Error ? error.message : 'unknown error'}), so nothing was imported from it.`);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    throw unreadable(error);
  }
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (;;) {
      let read: number;
      try {
        read = fs.readSync(fd, buffer, 0, READ_CHUNK, null);
      } catch (error) {
        throw unreadable(error);
      }
      if (signal?.aborted) throw new ImportCancelled();
      if (read === 0) return;
      yield buffer.subarray(0, read);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The export's XML, chunk by chunk in order; an unreadable one said in a sentence, a cancel as ImportCancelled. */
export async function* xmlChunks(exp: AppleExport, what: string, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const stream = await exp.openXml();
  const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (error) {
        // yauzl's size check, a truncated entry, an unreadable file.
        throw new ImportError(`${what} could not be read to its end (${error instanceof Error ? error.message : 'unknown error'}), so nothing was imported from it.`);
      }
      if (signal?.aborted) throw new ImportCancelled();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    stream.destroy();
  }
}

function decode(decoder: InstanceType<typeof TextDecoder>, chunk: Buffer | undefined, what: string): string {
  try {
    return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
  } catch {
    throw new ImportError(`${what} is not valid UTF-8 text, so it was not imported.`);
  }
}
