// The shell remembers which folder the user chose for the vault, so the next start opens the
// same vault. The file holds that one path and nothing else: a folder path is not health data
// (it names no person, date or record), which is why it may sit unencrypted in the app's data
// folder next to Electron's own files. Anything else must never be added to it.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../vault/files.ts';

export const REMEMBERED_VAULT_FOLDER_FILE = 'vault-folder.json';

interface RememberedVaultFolder {
  vaultFolder: string;
}

/** The remembered vault folder, or undefined when there is none or the file is unreadable. */
export function readRememberedVaultFolder(userDataDir: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(userDataDir, REMEMBERED_VAULT_FOLDER_FILE), 'utf8'));
  } catch {
    return undefined; // missing or damaged: fall back to the default folder
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const folder = (parsed as Partial<RememberedVaultFolder>).vaultFolder;
  return typeof folder === 'string' && folder.length > 0 && !folder.includes('\0') && path.isAbsolute(folder) ? folder : undefined;
}

/** Stores the path alone, owner-only (0600), so a crash leaves either the old file or the new one. */
export function writeRememberedVaultFolder(userDataDir: string, vaultFolder: string): void {
  fs.mkdirSync(userDataDir, { recursive: true, mode: 0o700 });
  const record: RememberedVaultFolder = { vaultFolder };
  writeFileAtomic(path.join(userDataDir, REMEMBERED_VAULT_FOLDER_FILE), `${JSON.stringify(record)}\n`);
}
