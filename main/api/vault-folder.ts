// Checks a folder the user chose for the vault before Chartkeeper starts using it, so that a bad
// choice is refused with one sentence now rather than failing later while creating the vault.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';

function refuse(message: string): never {
  throw new AppError('invalid-input', message);
}

function statOrNull(dir: string): fs.Stats | null {
  try {
    return fs.statSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null; // not there (yet): its parent decides
    return refuse('Chartkeeper cannot open that folder; choose another one.');
  }
}

function writable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The normalised folder when it can hold a vault: an absolute path that is a writable folder,
 * or that does not exist yet but can be created (its nearest existing parent is a writable
 * folder). Nothing is created here; vault.create makes the folder when it is needed.
 */
export function checkVaultFolder(chosen: string): string {
  if (!chosen || chosen.includes('\0') || !path.isAbsolute(chosen)) refuse('Choose the vault folder by its full path.');
  const dir = path.resolve(chosen);
  const stat = statOrNull(dir);
  if (stat) {
    if (!stat.isDirectory()) refuse('That is a file, not a folder; choose a folder for the vault.');
    if (!writable(dir)) refuse('Chartkeeper cannot save files in that folder; choose another one.');
    return dir;
  }
  let parent = path.dirname(dir);
  for (;;) {
    const parentStat = statOrNull(parent);
    if (parentStat) {
      if (!parentStat.isDirectory() || !writable(parent)) refuse('Chartkeeper cannot create that folder; choose another one.');
      return dir;
    }
    const up = path.dirname(parent);
    if (up === parent) refuse('Chartkeeper cannot create that folder; choose another one.');
    parent = up;
  }
}
