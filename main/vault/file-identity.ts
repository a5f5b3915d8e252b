// An open connection keeps writing into the file it opened even after another program renames
// a different file over that path or removes it; those writes then land where nobody will
// read them. Remembering which file (device and inode) each path named when it was opened
// lets the vault notice such a swap before it writes. One stat per check: microseconds.
import fs from 'node:fs';

interface Identity {
  dev: number;
  ino: number;
}

function identityOf(file: string): Identity | undefined {
  try {
    const stat = fs.statSync(file);
    return { dev: stat.dev, ino: stat.ino };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export class FileIdentities {
  readonly #known = new Map<string, Identity>();

  /** Call right after opening `file`. */
  remember(file: string): void {
    const identity = identityOf(file);
    if (identity) this.#known.set(file, identity);
  }

  forget(file: string): void {
    this.#known.delete(file);
  }

  clear(): void {
    this.#known.clear();
  }

  /** False when the path now names another file or none; true for a path never remembered. */
  unchanged(file: string): boolean {
    const known = this.#known.get(file);
    if (!known) return true;
    const now = identityOf(file);
    return now !== undefined && now.dev === known.dev && now.ino === known.ino;
  }
}
