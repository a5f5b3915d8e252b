// Fault injection: passphrases typed on keyboards that compose accents differently (NFC/NFD),
// vaults keyed before passphrases were normalised, a passphrase of spaces, and validator
// errors, which reach a person as sentences (issue #14, "Passphrases").
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { changePassphrase } from '../../main/vault/rekey.ts';
import { openEncrypted } from '../../main/vault/sqlite.ts';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

// "José Peña's café" with precomposed letters (NFC) and with combining accents (NFD).
const NFC = 'Jos\u00e9 Pe\u00f1a caf\u00e9 ma\u00f1ana';
const NFD = NFC.normalize('NFD');

test('the two forms are different bytes but the same text', () => {
  expect(NFC).not.toBe(NFD);
  expect(Buffer.from(NFC).length).toBeLessThan(Buffer.from(NFD).length);
  expect(NFD.normalize('NFC')).toBe(NFC);
});

async function vaultWithNote(passphrase: string): Promise<{ dir: string; profileId: string }> {
  const dir = tempDir();
  const api = testApi(dir);
  await ok(api, 'vault.create', { passphrase });
  const profile = await ok(api, 'profiles.add', { name: 'Ann Example', birthDate: '1950-01-31' });
  await ok(api, 'records.save', { profileId: profile.id, entry: { kind: 'note', title: 'Still here' } });
  await ok(api, 'vault.lock', {});
  return { dir, profileId: profile.id };
}

async function opensWith(dir: string, profileId: string, passphrase: string): Promise<boolean> {
  const api = testApi(dir);
  const unlocked = await api.invoke('vault.unlock', { passphrase });
  if (!unlocked.ok) {
    expect(unlocked.error.kind).toBe('wrong-passphrase');
    return false;
  }
  const page = await ok(api, 'timeline.page', { profileId, filter: {} });
  expect(page.items.map((i) => i.title)).toEqual(['Still here']);
  await ok(api, 'vault.lock', {});
  return true;
}

describe('passphrases are normalised to NFC', () => {
  test('a vault created with NFD typing opens with NFC typing, and the other way round', async () => {
    const fromNfd = await vaultWithNote(NFD);
    expect(await opensWith(fromNfd.dir, fromNfd.profileId, NFC)).toBe(true);
    expect(await opensWith(fromNfd.dir, fromNfd.profileId, NFD)).toBe(true);
    const fromNfc = await vaultWithNote(NFC);
    expect(await opensWith(fromNfc.dir, fromNfc.profileId, NFD)).toBe(true);
    expect(await opensWith(fromNfc.dir, fromNfc.profileId, NFC)).toBe(true);
    // The files are keyed with the NFC bytes: the sqlcipher tool opens them with those.
    openEncrypted(path.join(fromNfd.dir, 'chartkeeper-vault.db'), NFC, { readonly: true }).close();
    expect(() => openEncrypted(path.join(fromNfd.dir, 'chartkeeper-vault.db'), NFD, { readonly: true })).toThrow();
  });

  test('a vault keyed with the bytes as typed (before normalisation) keeps opening, and moves to NFC at the next passphrase change', async () => {
    const { dir, profileId } = await vaultWithNote(NFC);
    // Re-key every file to the NFD bytes, as a vault created by an earlier version from an NFD keyboard was.
    const files = [path.join(dir, 'chartkeeper-vault.db'), path.join(dir, 'profiles', `${profileId}.db`)];
    const connections = files.map((file) => ({ file, db: openEncrypted(file, NFC) }));
    changePassphrase(dir, connections, NFC, NFD, () => connections.forEach((c) => c.db.close()));
    expect(() => openEncrypted(files[0]!, NFC, { readonly: true })).toThrow();

    // Typed the same way as before: opens (NFC is tried first, then the bytes as typed).
    expect(await opensWith(dir, profileId, NFD)).toBe(true);
    // Typed on an NFC keyboard it cannot open: the file was keyed with other bytes.
    expect(await opensWith(dir, profileId, NFC)).toBe(false);

    // The next passphrase change (here to the same passphrase) moves every file to NFC.
    const api = testApi(dir);
    await ok(api, 'vault.unlock', { passphrase: NFD });
    await ok(api, 'vault.changePassphrase', { current: NFC, next: NFD });
    await ok(api, 'vault.lock', {});
    for (const file of files) openEncrypted(file, NFC, { readonly: true }).close();
    expect(await opensWith(dir, profileId, NFC)).toBe(true);
    expect(await opensWith(dir, profileId, NFD)).toBe(true);
  });

  test('backups: made with either form, restored with the other', async () => {
    const { dir, profileId } = await vaultWithNote(NFC);
    const target = path.join(tempDir(), 'b.chartkeeper');
    const api = testApi(dir, { chooseSavePath: async () => target, resolveFileToken: () => target });
    await ok(api, 'vault.unlock', { passphrase: NFC });
    await ok(api, 'backup.create', { profileId, passphrase: NFD });
    const restored = await ok(api, 'backup.restore', { file: { token: 'backup-file-token-0001' }, passphrase: NFC });
    expect(restored.profiles.map((p) => p.name)).toEqual(['Ann Example (restored)']);
    expect((await ok(api, 'timeline.page', { profileId: restored.profiles[0]!.id, filter: {} })).items.map((i) => i.title)).toEqual(['Still here']);
  });
});

describe('passphrase rules and validator messages are sentences', () => {
  const pathLike = /\([a-zA-Z]+(\.[a-zA-Z0-9]+)*\)/;
  const zodText = /Too big|Too small|expected|Invalid input|Invalid string|Unrecognized key|must match pattern/;

  test('a passphrase of only spaces is refused, and no vault is made', async () => {
    const dir = tempDir();
    const api = testApi(dir);
    const error = await fails(api, 'vault.create', { passphrase: ' '.repeat(12) });
    expect(error).toEqual({ kind: 'invalid-input', message: 'A passphrase cannot be only spaces; use words or other characters too.' });
    expect(fs.readdirSync(dir)).toEqual([]);
    await ok(api, 'vault.create', { passphrase: 'correct horse battery staple' });
    expect((await fails(api, 'vault.changePassphrase', { current: 'correct horse battery staple', next: '\u00a0 \t        ' })).message).toBe(
      'A passphrase cannot be only spaces; use words or other characters too.',
    );
    expect((await fails(api, 'backup.create', { passphrase: '          ' })).kind).toBe('invalid-input');
  });

  test('a passphrase over 1,024 characters gets a sentence, not validator text', async () => {
    const api = testApi(tempDir());
    const error = await fails(api, 'vault.create', { passphrase: 'a'.repeat(1025) });
    expect(error).toEqual({ kind: 'invalid-input', message: 'Use a passphrase of at most 1,024 characters.' });
    expect((await fails(api, 'vault.unlock', { passphrase: 'a'.repeat(1025) })).message).toBe('Use a passphrase of at most 1,024 characters.');
  });

  test('every kind of failed check reads as a sentence without field paths', async () => {
    const dir = tempDir();
    const api = testApi(dir);
    await ok(api, 'vault.create', { passphrase: 'correct horse battery staple' });
    const profile = await ok(api, 'profiles.add', { name: 'Ann Example', birthDate: '1950-01-31' });
    const cases: [string, unknown, string][] = [
      ['records.save', { profileId: profile.id, entry: { kind: 'note', title: 'x', start: 'last Tuesday' } }, 'Use a date like 2024-03-01.'],
      ['records.save', { profileId: profile.id, entry: { kind: 'note', title: 'x', details: { comment: 'y'.repeat(10_001) } } }, 'The comment is too long; use at most 10,000 characters.'],
      ['records.save', { profileId: profile.id, entry: { kind: 'note', title: 'x', details: { mood: 'fine' } } }, 'That request has something in it Chartkeeper does not know, so nothing was done.'],
      ['records.save', { profileId: profile.id, entry: { kind: 'surgery', title: 'x' } }, 'The kind is not one of the choices Chartkeeper offers.'],
      ['records.save', { profileId: profile.id, entry: { kind: 'note' } }, 'The name is missing.'],
      ['profiles.add', { name: 'B', birthDate: '1950-02-30' }, 'That date does not exist.'],
      ['profiles.add', { name: 'B'.repeat(201), birthDate: '1950-02-03' }, 'The name is too long; use at most 200 characters.'],
      ['settings.set', { idleLockMinutes: 1000 }, 'The minutes before locking is too large; use at most 240.'],
      ['timeline.page', { profileId: profile.id, filter: {}, limit: 0 }, 'The number of items asked for is too small; use at least 1.'],
      ['records.get', { profileId: profile.id, entryId: 'seven' }, 'The entry id is not the kind of value Chartkeeper expects there.'],
      ['import.files', { profileId: profile.id, files: [] }, 'The list of files is empty; choose at least 1.'],
    ];
    for (const [channel, input, sentence] of cases) {
      const result = await api.invoke(channel, input);
      expect(result.ok, channel).toBe(false);
      if (result.ok) continue;
      expect(result.error.kind).toBe('invalid-input');
      expect(result.error.message, `${channel} ${JSON.stringify(input).slice(0, 80)}`).toBe(sentence);
      expect(result.error.message).not.toMatch(pathLike);
      expect(result.error.message).not.toMatch(zodText);
    }
  });
});
