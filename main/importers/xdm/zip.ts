// A zip reader that never trusts the archive: it reads the central directory itself, checks
// entry count, declared sizes and compression ratio before inflating anything, and inflates
// in small steps so an entry that lies about its size is stopped as soon as it overruns.
import { Inflate } from 'fflate';
import { LIMITS } from '../limits.ts';
import { ImportError } from '../errors.ts';

export interface ZipEntry {
  /** The name as stored, `\` turned into `/`. Never used as a path on disk. */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DAMAGED = 'This zip file is damaged or incomplete and cannot be opened.';

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

export function listZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ImportError(DAMAGED);
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) {
    throw new ImportError('This zip file uses the ZIP64 format for very large archives, which Chartkeeper does not read.');
  }
  if (count > LIMITS.maxZipEntries) {
    throw new ImportError(`This zip file holds more than ${LIMITS.maxZipEntries} files, too many to be a health record download.`);
  }
  if (directoryOffset + directorySize > bytes.length) throw new ImportError(DAMAGED);
  const entries: ZipEntry[] = [];
  const utf8 = new TextDecoder('utf-8');
  const latin1 = new TextDecoder('latin1');
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw new ImportError(DAMAGED);
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) throw new ImportError(DAMAGED);
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = ((flags & 0x800) !== 0 ? utf8 : latin1).decode(rawName).replace(/\\/g, '/');
    entries.push({
      name,
      flags,
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Tracks how many decompressed bytes the whole package has produced. */
export class InflateBudget {
  used = 0;
  take(n: number): void {
    this.used += n;
    if (this.used > LIMITS.maxZipTotalBytes) {
      throw new ImportError('This zip file expands to more than 500 MB, which looks like a zip bomb, so it was not opened.');
    }
  }
}

/** Checks the declared sizes of the entries that will be read, before reading any. */
export function checkDeclaredSizes(entries: readonly ZipEntry[]): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.size;
    const ratio = entry.size / Math.max(entry.compressedSize, 1);
    if (entry.size > 1024 * 1024 && ratio > LIMITS.maxCompressionRatio) {
      throw new ImportError('This zip file is compressed suspiciously well, which looks like a zip bomb, so it was not opened.');
    }
    if (entry.size > LIMITS.maxFileBytes) {
      throw new ImportError('This zip file holds a file larger than 100 MB, which is too large to import.');
    }
  }
  if (total > LIMITS.maxZipTotalBytes) {
    throw new ImportError('This zip file expands to more than 500 MB, which looks like a zip bomb, so it was not opened.');
  }
}

const STEP = 16 * 1024;

export function readEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) throw new ImportError(DAMAGED);
  if ((entry.flags & 1) !== 0) throw new ImportError(`The file ${entry.name} in the zip is encrypted and cannot be read.`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ImportError(DAMAGED);
  const compressed = bytes.subarray(start, end);
  if (entry.method === 0) {
    budget.take(compressed.length);
    return compressed;
  }
  if (entry.method !== 8) {
    throw new ImportError(`The file ${entry.name} in the zip uses a compression method Chartkeeper cannot read.`);
  }
  const chunks: Uint8Array[] = [];
  let produced = 0;
  const inflater = new Inflate();
  inflater.ondata = (chunk) => {
    produced += chunk.length;
    // An entry may not expand past what the directory declared: a liar is a bomb.
    if (produced > entry.size) {
      throw new ImportError('This zip file holds more data than it declares, which looks like a zip bomb, so it was not opened.');
    }
    budget.take(chunk.length);
    chunks.push(chunk);
  };
  try {
    for (let offset = 0; offset < compressed.length; offset += STEP) {
      const last = offset + STEP >= compressed.length;
      inflater.push(compressed.subarray(offset, Math.min(offset + STEP, compressed.length)), last);
    }
    if (compressed.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(`The file ${entry.name} in the zip is damaged and cannot be read.`);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(produced);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
