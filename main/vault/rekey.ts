// Changing the vault passphrase re-encrypts every file (the vault file and each profile).
// It must survive a crash at any moment: the next unlock, with the old or the new passphrase,
// either finishes the change for every file or rolls it back for every file.
//
// How: each file F is first copied, re-keyed, to F.next while F stays untouched. Only when
// every copy is complete and on disk is the commit marker written (atomically). After the
// marker, each F.next is renamed over F. So:
//   no marker, copies present  -> the change did not commit: delete the copies (roll back),
//                                 unless the passphrase given opens every copy (roll forward);
//   marker present             -> the change committed: finish the renames (roll forward).
// A copy is complete only once its WAL has been checkpointed into it and removed, so a copy
// with a WAL or journal beside it was interrupted while being written and never counts.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { fsyncDir, fsyncFile, removeAtomicWriteLeftovers, removeIfPresent, writeFileAtomic } from './files.ts';
import { type Connection, checkpoint, copyInto, isNotADatabase, openEncrypted, rekey } from './sqlite.ts';

const NEXT = '.next';
const MARKER = 'rekey-commit';
/** Beside a copy, these mean a write into it never finished. */
const UNFINISHED_WRITE = ['-wal', '-journal'];
const SIDE_FILES = [...UNFINISHED_WRITE, '-shm'];

export type RecoveryOutcome = 'none' | 'rolled-back' | 'rolled-forward';

/** Stage F.next for one open database: an encrypted copy under the new passphrase. */
function stageCopy(db: Connection, file: string, oldPassphrase: string, newPassphrase: string): void {
  const next = file + NEXT;
  removeWithSideFiles(next);
  copyInto(db, next);
  const copy = openEncrypted(next, oldPassphrase);
  try {
    rekey(copy, newPassphrase);
    checkpoint(copy);
  } finally {
    copy.close();
  }
  removeSideFiles(next);
  fsyncFile(next);
}

function removeSideFiles(file: string): void {
  for (const suffix of SIDE_FILES) removeIfPresent(file + suffix);
}

function removeWithSideFiles(file: string): void {
  removeIfPresent(file);
  removeSideFiles(file);
}

function isCompleteCopy(file: string): boolean {
  const next = file + NEXT;
  return fs.existsSync(next) && !UNFINISHED_WRITE.some((suffix) => fs.existsSync(next + suffix));
}

function markerPath(dir: string): string {
  return path.join(dir, MARKER);
}

/** Renames every staged copy over its original; needs no key, so it can run at any unlock. */
function rollForward(dir: string, files: string[]): void {
  for (const file of files) {
    const next = file + NEXT;
    if (!fs.existsSync(next)) continue;
    // The old WAL belongs to the old file; its frames are already inside the staged copy.
    removeSideFiles(file);
    // A complete copy has no WAL, so side files beside it are empty ones left by the
    // read-only check at unlock. Removed before the rename: afterwards nothing names them.
    removeSideFiles(next);
    fs.renameSync(next, file);
    fsyncDir(path.dirname(file));
  }
  removeIfPresent(markerPath(dir));
  fsyncDir(dir);
}

function rollBack(dir: string, files: string[]): void {
  for (const file of files) removeWithSideFiles(file + NEXT);
  fsyncDir(dir);
}

/**
 * Re-encrypts every file. `connections` are the open connections of the unlocked vault, one
 * per file; they are used for the copies and closed by `closeAll` before the commit, since a
 * file must not be renamed under an open connection.
 */
export function changePassphrase(
  dir: string,
  connections: { file: string; db: Connection }[],
  oldPassphrase: string,
  newPassphrase: string,
  closeAll: () => void,
): void {
  const files = connections.map((c) => c.file);
  try {
    for (const { file, db } of connections) stageCopy(db, file, oldPassphrase, newPassphrase);
  } catch (error) {
    rollBack(dir, files);
    throw error;
  }
  closeAll();
  writeFileAtomic(markerPath(dir), JSON.stringify(files.map((f) => path.relative(dir, f))));
  rollForward(dir, files);
}

function opensWith(file: string, passphrase: string): boolean {
  try {
    const db = openEncrypted(file, passphrase, { readonly: true });
    try {
      const check = db.pragma('quick_check', { simple: true });
      return check === 'ok';
    } finally {
      db.close();
    }
  } catch (error) {
    if (isNotADatabase(error) || error instanceof AppError) return false;
    throw error;
  }
}

/**
 * Whether a passphrase change left anything behind (its marker, the marker's temporary file,
 * a staged copy or a copy's side files): only then does unlocking need the vault to itself.
 */
export function hasInterruptedChange(dir: string, files: string[]): boolean {
  const marker = path.basename(markerPath(dir));
  if (fs.readdirSync(dir).some((name) => name.startsWith(marker))) return true;
  return files.some((file) => [NEXT, ...SIDE_FILES.map((suffix) => NEXT + suffix)].some((suffix) => fs.existsSync(file + suffix)));
}

/**
 * Finishes or undoes a passphrase change that a crash interrupted. Called at unlock before
 * anything is opened, when hasInterruptedChange() finds something, with the folder's lock
 * taken exclusively (lock.ts). `files` are all the vault's database files.
 */
export function recoverInterruptedChange(dir: string, files: string[], passphrase: string, vaultFile: string): RecoveryOutcome {
  // A marker whose atomic write was cut short never existed; only its temporary file is left.
  removeAtomicWriteLeftovers(markerPath(dir));
  if (fs.existsSync(markerPath(dir))) {
    rollForward(dir, files);
    return 'rolled-forward';
  }
  if (!files.some((f) => fs.existsSync(f + NEXT))) return 'none';
  const complete = files.every(isCompleteCopy);
  if (complete && !opensWith(vaultFile, passphrase) && files.every((f) => opensWith(f + NEXT, passphrase))) {
    // The passphrase given is the new one and every copy is whole: finish the change.
    writeFileAtomic(markerPath(dir), JSON.stringify(files.map((f) => path.relative(dir, f))));
    rollForward(dir, files);
    return 'rolled-forward';
  }
  rollBack(dir, files);
  return 'rolled-back';
}
