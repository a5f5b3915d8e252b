// File-system steps the vault needs to be crash-safe: owner-only folders, durable renames,
// and overwriting a file before removing it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

const ATOMIC_TEMP = '.tmp-';

/**
 * Writes a file so that it either exists whole or not at all: the bytes go to a temporary
 * file beside it (same folder, so the rename cannot cross file systems), which is flushed and
 * renamed over `file` only when complete. On any failure (a full disk, say) the temporary
 * file is removed and a file already at `file` is left exactly as it was.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const temp = `${file}${ATOMIC_TEMP}${crypto.randomBytes(4).toString('hex')}`;
  try {
    fs.writeFileSync(temp, data, { mode: 0o600, flag: 'wx' });
    fsyncFile(temp);
    fs.renameSync(temp, file);
  } catch (error) {
    removeIfPresent(temp);
    throw error;
  }
  fsyncDir(path.dirname(file));
}

/** Removes the temporary files of writeFileAtomic calls for `file` that a crash cut short. */
export function removeAtomicWriteLeftovers(file: string): void {
  const dir = path.dirname(file);
  const prefix = path.basename(file) + ATOMIC_TEMP;
  for (const name of fs.readdirSync(dir)) {
    // Exactly the names writeFileAtomic makes, so a file of the user's that merely starts alike stays.
    if (name.startsWith(prefix) && /^[0-9a-f]{8}$/.test(name.slice(prefix.length))) removeIfPresent(path.join(dir, name));
  }
}

export function removeIfPresent(file: string): void {
  fs.rmSync(file, { force: true });
}

/**
 * Overwrites a file with random bytes before unlinking it, so a deleted profile cannot be
 * read back from the disk blocks it used (as far as the file system lets us reach them).
 */
export function shredFile(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const chunk = Buffer.alloc(Math.min(size, 1 << 20));
    for (let offset = 0; offset < size; offset += chunk.length) {
      crypto.randomFillSync(chunk);
      fs.writeSync(fd, chunk, 0, Math.min(chunk.length, size - offset), offset);
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.unlinkSync(file);
}

/**
 * Removes a database file and its side files (-wal, -shm, -journal), overwriting what can be
 * overwritten first. Used after a failed creation, when the disk may be full: a file that
 * cannot be overwritten is still removed.
 */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal', '']) {
    try {
      shredFile(file + suffix);
    } catch {
      removeIfPresent(file + suffix);
    }
  }
}
