// vault.chooseFolder: the user picks where the vault lives; the choice is checked, remembered
// by the host, and every vault channel then works in that folder.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { AppError } from '../../main/errors.ts';
import { VAULT_FILE } from '../../main/vault/vault.ts';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const PASSPHRASE = 'correct horse battery staple';

/** A test API whose folder dialog answers `answer` and which records what it was asked to remember. */
function withFolderDialog(answer: () => string | null) {
  const remembered: string[] = [];
  const defaultDir = path.join(tempDir(), 'default-vault');
  const api = testApi(defaultDir, {
    chooseVaultFolder: async () => answer(),
    rememberVaultFolder: (dir) => remembered.push(dir),
  });
  return { api, remembered, defaultDir };
}

describe('choosing the vault folder', () => {
  test('status follows the chosen folder, create makes the vault there, and the host remembers the path', async () => {
    const chosen = tempDir('chartkeeper-chosen-');
    const { api, remembered, defaultDir } = withFolderDialog(() => chosen);
    expect(await ok(api, 'vault.status', {})).toEqual({ exists: false, unlocked: false, location: defaultDir });

    const status = await ok(api, 'vault.chooseFolder', {});
    expect(status).toEqual({ exists: false, unlocked: false, location: chosen });
    expect(remembered).toEqual([chosen]);
    expect((await ok(api, 'vault.status', {})).location).toBe(chosen);

    const created = await ok(api, 'vault.create', { passphrase: PASSPHRASE });
    expect(created).toEqual({ exists: true, unlocked: true, location: chosen });
    expect(fs.existsSync(path.join(chosen, VAULT_FILE))).toBe(true);
    expect(fs.existsSync(path.join(defaultDir, VAULT_FILE))).toBe(false);

    // After a lock the same folder is unlocked, not the default one.
    await ok(api, 'vault.lock', {});
    expect(await ok(api, 'vault.unlock', { passphrase: PASSPHRASE })).toEqual({ exists: true, unlocked: true, location: chosen });
  });

  test('choosing a folder that already holds a vault reports it, so the UI offers Unlock', async () => {
    const existing = tempDir('chartkeeper-existing-');
    const first = testApi(existing);
    await ok(first, 'vault.create', { passphrase: PASSPHRASE });
    await ok(first, 'vault.lock', {});

    const { api } = withFolderDialog(() => existing);
    expect(await ok(api, 'vault.chooseFolder', {})).toEqual({ exists: true, unlocked: false, location: existing });
    expect((await ok(api, 'vault.unlock', { passphrase: PASSPHRASE })).unlocked).toBe(true);
  });

  test('a folder that does not exist yet is accepted and created with the vault', async () => {
    const chosen = path.join(tempDir('chartkeeper-parent-'), 'new', 'vault');
    const { api } = withFolderDialog(() => chosen);
    expect(await ok(api, 'vault.chooseFolder', {})).toEqual({ exists: false, unlocked: false, location: chosen });
    expect(fs.existsSync(chosen)).toBe(false);
    await ok(api, 'vault.create', { passphrase: PASSPHRASE });
    expect(fs.existsSync(path.join(chosen, VAULT_FILE))).toBe(true);
  });

  test('cancelling the dialog answers null and changes nothing', async () => {
    const { api, remembered, defaultDir } = withFolderDialog(() => null);
    expect(await ok(api, 'vault.chooseFolder', {})).toBeNull();
    expect(remembered).toEqual([]);
    expect((await ok(api, 'vault.status', {})).location).toBe(defaultDir);
  });

  test('is refused while a vault is unlocked, without showing the dialog', async () => {
    let asked = 0;
    const other = tempDir('chartkeeper-other-');
    const { api, remembered, defaultDir } = withFolderDialog(() => {
      asked++;
      return other;
    });
    await ok(api, 'vault.create', { passphrase: PASSPHRASE });
    const error = await fails(api, 'vault.chooseFolder', {});
    expect(error).toEqual({ kind: 'invalid-input', message: 'Lock the vault before choosing another folder.' });
    expect(asked).toBe(0);
    expect(remembered).toEqual([]);
    expect((await ok(api, 'vault.status', {})).location).toBe(defaultDir);
  });

  test('a file instead of a folder is refused with one sentence and nothing changes', async () => {
    const file = path.join(tempDir('chartkeeper-file-'), 'notes.txt');
    fs.writeFileSync(file, 'not a folder');
    const { api, remembered, defaultDir } = withFolderDialog(() => file);
    const error = await fails(api, 'vault.chooseFolder', {});
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toMatch(/^[A-Z][^.]*\.$/); // one sentence
    expect(error.message).toContain('not a folder');
    expect(remembered).toEqual([]);
    expect((await ok(api, 'vault.status', {})).location).toBe(defaultDir);
  });

  test('a path under a file, or a relative path, is refused', async () => {
    const file = path.join(tempDir('chartkeeper-file-'), 'notes.txt');
    fs.writeFileSync(file, 'not a folder');
    const under = withFolderDialog(() => path.join(file, 'vault'));
    expect((await fails(under.api, 'vault.chooseFolder', {})).message).toBe('Chartkeeper cannot create that folder; choose another one.');
    const relative = withFolderDialog(() => 'vault');
    expect((await fails(relative.api, 'vault.chooseFolder', {})).message).toBe('Choose the vault folder by its full path.');
    expect(relative.remembered).toEqual([]);
  });

  test('a folder Chartkeeper cannot write to is refused', async () => {
    const readOnly = tempDir('chartkeeper-readonly-');
    // Permission bits do not stop root, so the refusal of the write check is simulated.
    const access = vi.spyOn(fs, 'accessSync').mockImplementation((target) => {
      if (String(target) === readOnly) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    });
    try {
      const { api, remembered } = withFolderDialog(() => readOnly);
      expect((await fails(api, 'vault.chooseFolder', {})).message).toBe('Chartkeeper cannot save files in that folder; choose another one.');
      expect(remembered).toEqual([]);
      const inside = withFolderDialog(() => path.join(readOnly, 'vault'));
      expect((await fails(inside.api, 'vault.chooseFolder', {})).message).toBe('Chartkeeper cannot create that folder; choose another one.');
    } finally {
      access.mockRestore();
    }
  });

  test('when the host cannot remember the choice, the folder in use stays as it was', async () => {
    const chosen = tempDir('chartkeeper-chosen-');
    const defaultDir = path.join(tempDir(), 'default-vault');
    const api = testApi(defaultDir, {
      chooseVaultFolder: async () => chosen,
      rememberVaultFolder: () => {
        throw new AppError('unavailable', 'Chartkeeper could not save your folder choice, so it kept using the current folder.');
      },
    });
    expect((await fails(api, 'vault.chooseFolder', {})).kind).toBe('unavailable');
    expect((await ok(api, 'vault.status', {})).location).toBe(defaultDir);
  });
});
