// Reading a vault file's own bytes beside SQLite: the page check (integrity.ts) and the
// read-ahead after unlock (read-ahead.ts).
//
// POSIX record locks belong to a process and a file, not to a descriptor: closing ANY
// descriptor of a file drops every lock the process holds on it, SQLite's included. SQLite
// protects its own descriptors from this (it defers closing them while a lock is held), but a
// descriptor opened with node:fs is outside that care. Closing one would silently let go of the
// shared lock SQLite keeps on an open database, and another process closing its last
// connection could then checkpoint and delete the write-ahead log this process still uses.
// So a descriptor opened here while a session of its vault folder is open in this process
// stays open until no session of that folder has a connection left.
import fs from 'node:fs';
import path from 'node:path';

interface Held {
  fd: number;
  dev: number;
  ino: number;
}

interface Folder {
  sessions: number;
  /** The newest descriptor per path (a renamed-over path gets a new one). */
  byPath: Map<string, Held>;
  /** Every descriptor opened, the superseded ones too: each is closed only when it is safe. */
  all: number[];
}

const folders = new Map<string, Folder>();

function folderOf(file: string): Folder | undefined {
  let dir = path.dirname(path.resolve(file));
  // A profile's file lives one level below the vault folder (profiles/<id>.db).
  for (let i = 0; i < 2; i++) {
    const folder = folders.get(dir);
    if (folder) return folder;
    dir = path.dirname(dir);
  }
  return undefined;
}

export interface RawFile {
  fd: number;
  /** Closes the descriptor, or leaves it open while a session of its folder may hold locks. */
  done(): void;
}

/** Opens a file for reading its bytes; throws as fs.openSync does (ENOENT for a missing file). */
export function openRaw(file: string): RawFile {
  const folder = folderOf(file);
  if (!folder) {
    const fd = fs.openSync(file, 'r');
    return { fd, done: () => fs.closeSync(fd) };
  }
  const key = path.resolve(file);
  const now = fs.statSync(key);
  const held = folder.byPath.get(key);
  if (held && held.dev === now.dev && held.ino === now.ino) return { fd: held.fd, done: () => {} };
  const fd = fs.openSync(key, 'r');
  const stat = fs.fstatSync(fd);
  folder.byPath.set(key, { fd, dev: stat.dev, ino: stat.ino });
  folder.all.push(fd);
  return { fd, done: () => {} };
}

function closeAll(folder: Folder): void {
  for (const fd of folder.all) {
    try {
      fs.closeSync(fd);
    } catch {
      // Already closed: nothing held.
    }
  }
  folder.all = [];
  folder.byPath.clear();
}

/**
 * Registers a session of a vault folder. `settle` is called when the session has closed every
 * connection (it closes the descriptors if no other session of the folder is open, so a file
 * replaced by a passphrase change is not kept alive); `release` when the session ends.
 */
export function useRawFiles(dir: string): { settle(): void; release(): void } {
  const key = path.resolve(dir);
  const folder = folders.get(key) ?? { sessions: 0, byPath: new Map(), all: [] };
  folder.sessions += 1;
  folders.set(key, folder);
  let released = false;
  return {
    settle() {
      if (!released && folder.sessions === 1) closeAll(folder);
    },
    release() {
      if (released) return;
      released = true;
      folder.sessions -= 1;
      if (folder.sessions === 0) {
        closeAll(folder);
        folders.delete(key);
      }
    },
  };
}
