// The only module that imports the SQLite library. Every connection Chartkeeper opens goes
// through openEncrypted(), so every file gets the same SQLCipher 4 scheme and pragmas.
import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { openRaw, type RawFile } from './raw-files.ts';

export type Connection = Database.Database;
export type Statement = Database.Statement;

const PLAINTEXT_HEADER = 'SQLite format 3\0';

/** SQLite error codes Chartkeeper turns into sentences. */
export function sqliteCode(error: unknown): string | undefined {
  return error instanceof Database.SqliteError ? error.code : undefined;
}

export function isDiskFull(error: unknown): boolean {
  const code = sqliteCode(error) ?? (error as NodeJS.ErrnoException | undefined)?.code;
  // SHMSIZE: the WAL index (-shm) of a new file could not be grown, which on Linux means no space.
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_SHMSIZE';
}

/** Another connection (usually another process) held the lock SQLite needed past the busy timeout. */
export function isBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_BUSY' || (code?.startsWith('SQLITE_BUSY_') ?? false);
}

export function isNotADatabase(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

/** Refuses to treat a plaintext SQLite file as a vault: it would mean health data unencrypted. */
export function assertNotPlaintext(file: string): void {
  let raw: RawFile | undefined;
  try {
    raw = openRaw(file);
    const head = Buffer.alloc(16);
    const n = fs.readSync(raw.fd, head, 0, 16, 0);
    if (n === 16 && head.toString('latin1') === PLAINTEXT_HEADER) {
      throw new AppError('corrupt', `${path.basename(file)} is not encrypted, so Chartkeeper will not open it as part of your vault.`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  } finally {
    raw?.done();
  }
}

/** Escapes a passphrase for a PRAGMA string literal (SQLite has no bound PRAGMA arguments). */
function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export interface OpenOptions {
  /** Create the file when it does not exist (owner-only permissions). */
  create?: boolean;
  readonly?: boolean;
}

/** SQLCipher 4's key derivation: PBKDF2-HMAC-SHA512, 256,000 iterations, 32-byte key, 16-byte salt. */
export const KDF_ITERATIONS = 256_000;
export const KDF_DIGEST = 'sha512';
export const KEY_BYTES = 32;
export const SALT_BYTES = 16;

/**
 * A file's already-derived SQLCipher key with the salt it was derived from (the salt is the
 * first 16 bytes of every SQLCipher 4 file). Opening with it skips the key derivation; a key
 * that does not match the file fails exactly like a wrong passphrase (SQLITE_NOTADB).
 */
export interface RawKey {
  key: Buffer;
  salt: Buffer;
}

/** The salt in a SQLCipher 4 file's first 16 bytes, or undefined when the file is shorter or missing. */
export function readSalt(file: string): Buffer | undefined {
  // Through openRaw, like every read of a vault file's bytes: see raw-files.ts.
  let raw: RawFile | undefined;
  try {
    raw = openRaw(file);
    const salt = Buffer.alloc(SALT_BYTES);
    return fs.readSync(raw.fd, salt, 0, SALT_BYTES, 0) === SALT_BYTES ? salt : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  } finally {
    raw?.done();
  }
}

/** The key SQLCipher 4 derives from `passphrase` for a file with this salt (one full KDF run). */
export function deriveRawKey(passphrase: string, salt: Buffer): RawKey {
  return { key: crypto.pbkdf2Sync(passphrase, salt, KDF_ITERATIONS, KEY_BYTES, KDF_DIGEST), salt: Buffer.from(salt) };
}

/**
 * The key pragma's literal. A raw key is given as x'<key hex><salt hex>', which
 * SQLite3MultipleCiphers takes as the SQLCipher key itself (no derivation) plus the salt.
 * The hex string cannot be wiped afterwards (JavaScript strings are immutable); it is never
 * logged and goes out of scope at once.
 */
function keyLiteral(key: string | RawKey): string {
  if (typeof key === 'string') return quote(key);
  if (key.key.length !== KEY_BYTES || key.salt.length !== SALT_BYTES) throw new Error('A raw SQLCipher key must be 32 bytes with a 16-byte salt.');
  return `"x'${key.key.toString('hex')}${key.salt.toString('hex')}'"`;
}

/**
 * Opens a SQLCipher 4 database with the passphrase (or a raw key, see RawKey) and applies
 * Chartkeeper's pragmas. The key is checked at once by reading the schema: a wrong passphrase
 * or key (or a damaged first page) throws SQLITE_NOTADB here, before anything is written.
 */
export function openEncrypted(file: string, passphrase: string | RawKey, options: OpenOptions = {}): Connection {
  const exists = fs.existsSync(file);
  if (!exists && !options.create) throw new AppError('not-found', `${path.basename(file)} is missing from the vault folder.`);
  assertNotPlaintext(file);
  if (!exists) {
    // Created empty with owner-only permissions before SQLite writes a byte into it.
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  }
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: true });
  try {
    // Cipher scheme before the key, or SQLite3MultipleCiphers uses its own default cipher.
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = ${keyLiteral(passphrase)}`);
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    applySafetyPragmas(db, options.readonly ?? false);
  } catch (error) {
    db.close();
    throw error;
  }
  for (const suffix of ['-wal', '-shm']) {
    try {
      fs.chmodSync(file + suffix, 0o600);
    } catch {
      // Not created yet; SQLite creates them with the main file's permissions.
    }
  }
  return db;
}

/** The pragmas every Chartkeeper connection runs with, after the key. */
function applySafetyPragmas(db: Connection, readonly: boolean): void {
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Temporary tables and sort spills would otherwise go to unencrypted temp files.
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  // Every page read from disk is decrypted and checked; a larger cache (in memory only) keeps
  // a profile's hot pages decrypted while it is open. 64 MiB per connection.
  db.pragma('cache_size = -65536');
}

/**
 * Opens the vault folder's lock file: an empty file that SQLite only ever locks, never writes
 * (the journal stays in memory and every transaction on it is rolled back), so it holds no
 * data, encrypted or not. Its locks are the operating system's file locks, which go away with
 * the process that held them, however it ended.
 */
export function openLockFile(file: string): Connection {
  try {
    // Created empty, owner-only. Never opened through fs once it exists: on POSIX, closing any
    // descriptor of a file drops every lock this process holds on it.
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 0');
  return db;
}

/** Changes the key of an open database in place (SQLCipher rewrites every page). */
export function rekey(db: Connection, passphrase: string): void {
  db.pragma(`rekey = ${quote(passphrase)}`);
}

/** Writes a consistent encrypted copy (same key) of an open database, WAL included. */
export function copyInto(db: Connection, target: string): void {
  db.prepare('VACUUM INTO ?').run(target);
  fs.chmodSync(target, 0o600);
}

/** Moves everything from the WAL into the main file and empties it. */
export function checkpoint(db: Connection): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

export function userVersion(db: Connection): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function setUserVersion(db: Connection, version: number): void {
  db.pragma(`user_version = ${Math.trunc(version)}`);
}

/**
 * BENCHMARK ONLY — never used by the product. Opens an UNENCRYPTED SQLite file with the same
 * pragmas as openEncrypted(), so `npm run bench` can compare encrypted writes against plain
 * ones on the same machine. Health data must never go through it; a test
 * (test/bench/plaintext-guard.test.ts) fails if anything under main/ other than this module
 * mentions the name.
 */
export function openPlaintextForBenchmark(file: string): Connection {
  const db = new Database(file);
  applySafetyPragmas(db, false);
  return db;
}

/**
 * A module's statements, prepared once per connection on first use: hot paths (an import
 * writes thousands of rows) would otherwise compile the same SQL again and again.
 */
export function preparedPerConnection<T>(prepare: (db: Connection) => T): (db: Connection) => T {
  const cache = new WeakMap<Connection, T>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) {
      statements = prepare(db);
      cache.set(db, statements);
    }
    return statements;
  };
}

const CACHED_STATEMENTS = 64;
const statementCache = new WeakMap<Connection, Map<string, Statement>>();

/**
 * A statement whose text is built per call (a filter's conditions, an IN list of a page's
 * ids) but repeats: compiled once per connection and kept among the last few dozen used.
 * Compiling was a fifth of a timeline page's time in a profile of two million entries.
 */
export function cachedStatement(db: Connection, sql: string): Statement {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (statement) {
    // Most recently used last: the first key is the one to drop.
    cache.delete(sql);
  } else {
    statement = db.prepare(sql);
    if (cache.size >= CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
  }
  cache.set(sql, statement);
  return statement;
}
