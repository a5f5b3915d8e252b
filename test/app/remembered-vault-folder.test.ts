// The shell's memory of the chosen vault folder: the path alone, owner-only, read back at start.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readRememberedVaultFolder,
  REMEMBERED_VAULT_FOLDER_FILE,
  writeRememberedVaultFolder,
} from '../../main/app/policy/remembered-vault-folder.ts';
import { tempDir } from '../support/temp.ts';

describe('the remembered vault folder', () => {
  it('is absent until a folder is chosen, then read back', () => {
    const userData = tempDir();
    expect(readRememberedVaultFolder(userData)).toBeUndefined();
    writeRememberedVaultFolder(userData, '/home/someone/Vaults/chartkeeper');
    expect(readRememberedVaultFolder(userData)).toBe('/home/someone/Vaults/chartkeeper');
    writeRememberedVaultFolder(userData, '/media/usb/chartkeeper');
    expect(readRememberedVaultFolder(userData)).toBe('/media/usb/chartkeeper');
  });

  it('stores only the path, owner-only, with no temporary file left behind', () => {
    const userData = tempDir();
    writeRememberedVaultFolder(userData, '/home/someone/vault');
    expect(fs.readdirSync(userData)).toEqual([REMEMBERED_VAULT_FOLDER_FILE]);
    const file = path.join(userData, REMEMBERED_VAULT_FOLDER_FILE);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ vaultFolder: '/home/someone/vault' });
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('creates the app data folder when it does not exist yet', () => {
    const userData = path.join(tempDir(), 'Chartkeeper');
    writeRememberedVaultFolder(userData, '/srv/vault');
    expect(readRememberedVaultFolder(userData)).toBe('/srv/vault');
  });

  it('ignores a damaged file or a path that is not absolute, so the default folder is used', () => {
    const userData = tempDir();
    const file = path.join(userData, REMEMBERED_VAULT_FOLDER_FILE);
    for (const text of ['{not json', '[]', 'null', '{"vaultFolder":42}', '{"vaultFolder":"relative/vault"}', '{"vaultFolder":""}']) {
      fs.writeFileSync(file, text);
      expect(readRememberedVaultFolder(userData), text).toBeUndefined();
    }
  });
});
