// Several processes may open one vault folder at once (the app, the command line, the browser
// mode): SQLite's WAL keeps their ordinary reads and writes safe. What is not safe is an
// operation that replaces or removes files (a passphrase change, a restore, deleting a
// profile, finishing an interrupted change) while another process has those files open: its
// later writes would land in a file no longer in the folder. So every unlocked vault holds a
// shared lock on `chartkeeper.lock`, and such an operation first takes it exclusively.
//
// The lock is SQLite's own locking on an empty file: a read transaction holds a SHARED lock,
// BEGIN EXCLUSIVE waits until no other SHARED lock is left. These are the operating system's
// file locks (fcntl, LockFileEx), so a process that crashes or is killed releases them at
// once; there is no stale lock to time out. SQLite also keeps them straight between
// connections of one process, so two sessions in one process exclude each other too.
import path from 'node:path';
import { AppError } from '../errors.ts';
import { type Connection, isBusy, isNotADatabase, openLockFile } from './sqlite.ts';

export const LOCK_FILE = 'chartkeeper.lock';

/** How long unlocking waits for an operation in another process that is replacing files. */
export const SHARED_WAIT_MS = 5000;
/** How long a file-replacing operation waits for other processes to let go before refusing. */
export const EXCLUSIVE_WAIT_MS = 1000;

export const OPEN_ELSEWHERE = 'Chartkeeper is open in another window; close it and try again.';
const CHANGING_ELSEWHERE = 'Chartkeeper is changing this vault in another window; try again when it has finished.';

type Mode = 'shared' | 'exclusive' | 'none';

export class VaultLock {
  readonly #db: Connection;
  #mode: Mode = 'none';

  private constructor(db: Connection) {
    this.#db = db;
  }

  /** Takes the vault folder's lock, waiting a little for others; throws a 'busy' sentence otherwise. */
  static acquire(dir: string, mode: 'shared' | 'exclusive'): VaultLock {
    const file = path.join(dir, LOCK_FILE);
    let db: Connection;
    try {
      db = openLockFile(file);
    } catch (error) {
      if (isNotADatabase(error)) throw notOurLockFile();
      throw error;
    }
    const lock = new VaultLock(db);
    try {
      if (mode === 'shared') lock.#takeShared(SHARED_WAIT_MS);
      else lock.#takeExclusive(EXCLUSIVE_WAIT_MS);
    } catch (error) {
      db.close();
      throw error;
    }
    return lock;
  }

  get mode(): Mode {
    return this.#mode;
  }

  /** True while this lock still protects its holder (not released, not lost on the way back to shared). */
  get held(): boolean {
    return this.#mode !== 'none';
  }

  /**
   * Runs `replaceFiles` while no other process has the vault open, then goes back to shared.
   * Refuses with one sentence when others hold it longer than EXCLUSIVE_WAIT_MS. Re-entrant.
   */
  exclusively<T>(replaceFiles: () => T): T {
    if (this.#mode === 'exclusive') return replaceFiles();
    if (this.#mode === 'none') throw new AppError('locked', 'The vault is locked; unlock it first.');
    this.#release();
    try {
      this.#takeExclusive(EXCLUSIVE_WAIT_MS);
    } catch (error) {
      this.#backToShared();
      throw error;
    }
    try {
      return replaceFiles();
    } finally {
      this.#release();
      this.#backToShared();
    }
  }

  /** Lets go of the lock and its file. */
  release(): void {
    this.#release();
    if (this.#db.open) this.#db.close();
  }

  #takeShared(waitMs: number): void {
    this.#wait(waitMs, CHANGING_ELSEWHERE, () => {
      // Nothing is ever written: the journal would otherwise be a file beside the lock.
      this.#db.pragma('journal_mode = MEMORY');
      this.#db.exec('BEGIN');
      // The read that makes the transaction hold its SHARED lock until it ends.
      this.#db.prepare('SELECT count(*) FROM sqlite_master').get();
    });
    this.#mode = 'shared';
  }

  #takeExclusive(waitMs: number): void {
    this.#wait(waitMs, OPEN_ELSEWHERE, () => {
      this.#db.pragma('journal_mode = MEMORY');
      this.#db.exec('BEGIN EXCLUSIVE');
    });
    this.#mode = 'exclusive';
  }

  /**
   * Between giving up one lock and taking the other, another process may have taken it. Then
   * this process holds nothing, and its session must not go on as if protected (see `held`).
   */
  #backToShared(): void {
    try {
      this.#takeShared(SHARED_WAIT_MS);
    } catch (error) {
      if (!(error instanceof AppError && error.kind === 'busy')) throw error;
      this.#mode = 'none';
    }
  }

  #wait(waitMs: number, sentence: string, take: () => void): void {
    // SQLite's busy handler retries for up to waitMs, sleeping between tries.
    this.#db.pragma(`busy_timeout = ${Math.trunc(waitMs)}`);
    try {
      take();
    } catch (error) {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      if (isBusy(error)) throw new AppError('busy', sentence);
      if (isNotADatabase(error)) throw notOurLockFile();
      throw error;
    } finally {
      this.#db.pragma('busy_timeout = 0');
    }
  }

  #release(): void {
    // A rollback, never a commit: the lock file must stay empty.
    if (this.#db.open && this.#db.inTransaction) this.#db.exec('ROLLBACK');
    this.#mode = 'none';
  }
}

function notOurLockFile(): AppError {
  return new AppError('corrupt', `${LOCK_FILE} in the vault folder is not Chartkeeper's lock file; remove it while Chartkeeper is closed.`);
}
