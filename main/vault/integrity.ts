// Telling a damaged file of the vault from a wrong passphrase, and finding damage before a
// person meets it in the middle of their record.
//
// Every page of a SQLCipher 4 file carries an HMAC-SHA512 of its ciphertext, its IV and its
// page number, keyed by a key derived from the file's encryption key. Checking that tag is
// all it takes to know whether a page is the one Chartkeeper wrote: a flipped byte anywhere in
// a page fails it, and a wrong key fails every page. Doing it here, with Node's crypto over the
// file's bytes, needs no SQLite connection, reads every page (free ones and page 1 included,
// which SQLite's own checks never reach or cannot open), tells which pages are damaged, and
// runs in slices that keep the main thread free. SQLite3MultipleCiphers has no
// `PRAGMA cipher_integrity_check` (it answers with no rows), so this is that pragma.
// `quick_check` adds SQLite's view (the b-trees hold together) and runs where the person waits
// anyway: before a backup.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { openRaw } from './raw-files.ts';
import { type Connection, KEY_BYTES, type RawKey, SALT_BYTES } from './sqlite.ts';

/** SQLCipher 4's page layout with Chartkeeper's settings (cipher_page_size 4096, HMAC-SHA512). */
export const PAGE_SIZE = 4096;
const HMAC_BYTES = 64;
/** SQLCipher derives the HMAC key from the encryption key with the salt XORed with 0x3a, 2 rounds. */
const HMAC_SALT_MASK = 0x3a;
const HMAC_KDF_ITERATIONS = 2;
/** Pages read and checked per slice of the background check: about 0.5 ms of work. */
const PAGES_PER_SLICE = 64;

export type FileState = 'ok' | 'damaged' | 'missing';

/** The key SQLCipher 4 authenticates a file's pages with, from that file's encryption key. */
export function pageAuthKey(raw: RawKey): Buffer {
  if (raw.key.length !== KEY_BYTES || raw.salt.length !== SALT_BYTES) throw new Error('A SQLCipher key is 32 bytes with a 16-byte salt.');
  const salt = Buffer.from(raw.salt.map((b) => b ^ HMAC_SALT_MASK));
  return crypto.pbkdf2Sync(raw.key, salt, HMAC_KDF_ITERATIONS, KEY_BYTES, 'sha512');
}

const SHA512_BLOCK = 128;

/**
 * HMAC-SHA512 (RFC 2104) of one page, built from two one-shot hashes over buffers made once:
 * half the time of a crypto.createHmac object per page, which matters for a 100 MB profile.
 */
class PageAuthenticator {
  readonly #inner = Buffer.alloc(SHA512_BLOCK + PAGE_SIZE);
  readonly #outer = Buffer.alloc(SHA512_BLOCK + HMAC_BYTES);

  constructor(authKey: Buffer) {
    for (let i = 0; i < SHA512_BLOCK; i++) {
      const k = authKey[i] ?? 0;
      this.#inner[i] = k ^ 0x36;
      this.#outer[i] = k ^ 0x5c;
    }
  }

  /** Whether one page (PAGE_SIZE bytes, numbered from 1) carries the tag its key gives it. */
  authentic(page: Buffer, pgno: number): boolean {
    // Page 1 begins with the salt in plaintext; the tag covers what follows it up to the tag,
    // the IV (the 16 bytes before the tag) included, then the page number (little-endian).
    const start = pgno === 1 ? SALT_BYTES : 0;
    const length = PAGE_SIZE - HMAC_BYTES - start;
    page.copy(this.#inner, SHA512_BLOCK, start, start + length);
    this.#inner.writeUInt32LE(pgno, SHA512_BLOCK + length);
    const innerDigest = crypto.hash('sha512', this.#inner.subarray(0, SHA512_BLOCK + length + 4), 'buffer');
    innerDigest.copy(this.#outer, SHA512_BLOCK);
    return crypto.timingSafeEqual(crypto.hash('sha512', this.#outer, 'buffer'), page.subarray(PAGE_SIZE - HMAC_BYTES));
  }
}

/**
 * True when a profile's file is gone or holds nothing: absent, or empty with no write-ahead
 * log that could still hold its pages (a new file's first pages wait in the WAL until the
 * first checkpoint, so an empty main file beside a WAL with frames is not missing).
 */
export function fileIsMissing(file: string): boolean {
  const size = sizeOf(file);
  if (size === undefined) return true;
  if (size > 0) return false;
  return (sizeOf(`${file}-wal`) ?? 0) === 0;
}

function sizeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export interface PageCheck {
  /** Pages in the file's main part (a trailing partial page counts as one, and as damaged). */
  pages: number;
  /** Page numbers (from 1) whose tag does not match. */
  damaged: number[];
}

/** Checks pages [from, to] of an open file descriptor's bytes; `to` inclusive. */
function checkRange(fd: number, auth: PageAuthenticator, from: number, to: number, buffer: Buffer, damaged: number[]): void {
  const count = to - from + 1;
  const read = fs.readSync(fd, buffer, 0, count * PAGE_SIZE, (from - 1) * PAGE_SIZE);
  for (let i = 0; i < count; i++) {
    const pgno = from + i;
    const end = (i + 1) * PAGE_SIZE;
    if (end > read || !auth.authentic(buffer.subarray(i * PAGE_SIZE, end), pgno)) damaged.push(pgno);
  }
}

function pagesOf(size: number): number {
  return Math.ceil(size / PAGE_SIZE);
}

/**
 * Authenticates every page of a file at once (used where the person is waiting for the
 * answer: at unlock when the vault file does not open, and before a backup).
 * `firstPage` lets the unlock check skip page 1, which it already knows failed.
 */
export function checkPages(file: string, authKey: Buffer, firstPage = 1): PageCheck {
  // Through openRaw: closing a descriptor of a file SQLite has open would drop its locks.
  const raw = openRaw(file);
  const { fd } = raw;
  try {
    const pages = pagesOf(fs.fstatSync(fd).size);
    const damaged: number[] = [];
    const buffer = Buffer.alloc(PAGES_PER_SLICE * 16 * PAGE_SIZE);
    const step = buffer.length / PAGE_SIZE;
    const auth = new PageAuthenticator(authKey);
    for (let from = firstPage; from <= pages; from += step) checkRange(fd, auth, from, Math.min(pages, from + step - 1), buffer, damaged);
    return { pages, damaged };
  } finally {
    raw.done();
  }
}

/**
 * The same check in slices, giving the event loop back between them, so a person's requests
 * are answered while a large profile is checked. A page that fails is read once more at the
 * end: a checkpoint of this or another process may have been writing it at that moment.
 */
export async function checkPagesInBackground(file: string, authKey: Buffer, shouldStop: () => boolean = () => false): Promise<PageCheck | undefined> {
  const raw = openRaw(file);
  const { fd } = raw;
  try {
    const pages = pagesOf(fs.fstatSync(fd).size);
    const suspects: number[] = [];
    const buffer = Buffer.alloc(PAGES_PER_SLICE * PAGE_SIZE);
    const auth = new PageAuthenticator(authKey);
    for (let from = 1; from <= pages; from += PAGES_PER_SLICE) {
      if (shouldStop()) return undefined;
      checkRange(fd, auth, from, Math.min(pages, from + PAGES_PER_SLICE - 1), buffer, suspects);
      await nextTurn();
    }
    const damaged: number[] = [];
    for (const pgno of suspects) checkRange(fd, auth, pgno, pgno, buffer, damaged);
    return { pages, damaged };
  } finally {
    raw.done();
  }
}

/** SQLite's quick_check on an open connection: true when it answers 'ok'. */
export function quickCheckPasses(db: Connection): boolean {
  return db.pragma('quick_check', { simple: true }) === 'ok';
}

/**
 * Whether a file whose page 1 could not be opened is damaged rather than keyed differently:
 * with the key the passphrase derives from its salt, most of its other pages authenticate.
 * (Half is a margin for a file damaged in many places; a wrong key authenticates none.)
 */
export function restOfFileAuthenticates(file: string, raw: RawKey): boolean {
  const { pages, damaged } = checkPages(file, pageAuthKey(raw), 2);
  const checked = pages - 1;
  return checked > 0 && damaged.length < checked / 2;
}
