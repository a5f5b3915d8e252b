import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { ok, testApi } from '../support/api.ts';
import { snapshotFiles, tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const CANARIES = ['Zebulon Canaryfield', 'canary-metformin-7734', 'CANARY NOTE 55918', '1931-07-04'];

function containsText(bytes: Buffer, text: string): boolean {
  return bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'));
}

test('the vault files and their -wal/-shm hold no plaintext after writing canary strings', async () => {
  const dir = tempDir();
  const api = testApi(dir);
  await ok(api, 'vault.create', { passphrase: PASS });
  const profile = await ok(api, 'profiles.add', { name: CANARIES[0]!, birthDate: CANARIES[3]! });
  await ok(api, 'records.save', {
    profileId: profile.id,
    entry: { kind: 'medication', title: CANARIES[1]!, details: { dose: '500 mg', comment: CANARIES[2]! } },
  });
  await ok(api, 'records.save', { profileId: profile.id, entry: { kind: 'note', title: CANARIES[2]! } });

  // While the vault is still open, the WAL holds the newest pages: check it too.
  const open = snapshotFiles(dir);
  expect([...open.keys()].some((f) => f.endsWith('-wal'))).toBe(true);
  for (const [file, bytes] of open) {
    for (const canary of CANARIES) expect(containsText(bytes, canary), `${canary} in ${file}`).toBe(false);
  }
  await ok(api, 'vault.lock', {});
  for (const [file, bytes] of snapshotFiles(dir)) {
    for (const canary of CANARIES) expect(containsText(bytes, canary), `${canary} in ${file}`).toBe(false);
  }
  // Nothing was written beside the vault (no JSON side files, no temp files) but the lock
  // file, which SQLite only ever locks: it stays empty.
  const names = fs.readdirSync(dir);
  expect(names.sort()).toEqual(['chartkeeper-vault.db', 'chartkeeper.lock', 'profiles']);
  expect(fs.statSync(path.join(dir, 'chartkeeper.lock')).size).toBe(0);
  expect(fs.readdirSync(path.join(dir, 'profiles')).every((n) => /^[0-9a-f]{20}\.db(-wal|-shm)?$/.test(n))).toBe(true);
});
