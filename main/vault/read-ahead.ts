// Reads a profile's files ahead, right after unlock, so the screens that follow the first one
// find their pages in the OS page cache instead of on disk. After a reboot the first timeline
// pages and the first search each waited for dozens of scattered reads (later pages p95 35 ms,
// first search 225 ms); one sequential read of the file costs a fraction of that and runs on
// libuv's thread pool, never on the main thread, so the app keeps answering meanwhile.
// Only encrypted bytes pass through, into one scratch buffer that is dropped.
import fs from 'node:fs';
import { openRaw, type RawFile } from './raw-files.ts';

function readAt(fd: number, buffer: Buffer, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => fs.read(fd, buffer, 0, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));
}

/** Read in pieces of this size, so a lock stops the reading within one piece. */
const CHUNK_BYTES = 1024 * 1024;
/** Past this much, reading ahead would take longer than the first screens are worth waiting for. */
export const READ_AHEAD_MAX_BYTES = 512 * 1024 * 1024;

export interface ReadAheadOptions {
  /** Asked before every piece; true stops the reading (the vault was locked). */
  stop?: () => boolean;
  maxBytes?: number;
}

/**
 * Reads each existing file (its write-ahead log too) from start to end and discards the bytes.
 * Resolves with how many bytes were read; a file that vanished or cannot be read is skipped,
 * since reading ahead only ever saves time.
 */
export async function readAhead(files: readonly string[], options: ReadAheadOptions = {}): Promise<number> {
  const maxBytes = options.maxBytes ?? READ_AHEAD_MAX_BYTES;
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let total = 0;
  for (const file of files.flatMap((f) => [f, `${f}-wal`])) {
    // Through openRaw: closing a descriptor of a file SQLite has open would drop its locks.
    let raw: RawFile;
    try {
      raw = openRaw(file);
    } catch {
      continue;
    }
    try {
      // A kept descriptor may have been read before: read by position, from the start.
      let position = 0;
      for (;;) {
        if (options.stop?.() || total >= maxBytes) return total;
        const bytesRead = await readAt(raw.fd, buffer, Math.min(CHUNK_BYTES, maxBytes - total), position);
        if (bytesRead === 0) break;
        total += bytesRead;
        position += bytesRead;
      }
    } catch {
      // Skipped: see above.
    } finally {
      raw.done();
    }
  }
  return total;
}
