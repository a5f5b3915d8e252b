// A profile file created with a key derived by Node and written through connections opened with
// a cached raw key (main/vault/profile-keys.ts) is the same SQLCipher 4 file as ever: the standard sqlcipher tool opens it
// with the passphrase alone. Checked with the independent build in test/support/sqlcipher.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createVault, unlockVault, vaultFile } from '../../main/vault/vault.ts';
import { independentSqlcipher, needReader, querySqlcipher } from '../support/sqlcipher/reader.ts';

const PASSPHRASE = "correct horse 'battery' staple";
const NOW = new Date('2025-03-01T10:00:00Z');

let reader: string | null = null;
let dir: string;
let profileFile: string;

beforeAll(async () => {
  reader = await independentSqlcipher();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-interop-keys-'));
  const created = createVault(dir, PASSPHRASE, NOW);
  const { id } = created.addProfile({ name: 'Ana María López', birthDate: '1980-04-02' }, NOW);
  created.close();
  // The key made when the profile was created; then, the cache emptied, a key derived on first
  // open; then that key from the cache.
  for (const [round, expected] of [['creation', 'cached'], ['derived', 'derived'], ['cached', 'cached']] as const) {
    const session = unlockVault(dir, PASSPHRASE);
    if (round === 'derived') session.db.prepare('DELETE FROM profile_keys').run();
    const db = session.profileDb(id);
    expect(session.profileKeySource(id)).toBe(expected);
    db.exec(`CREATE TABLE IF NOT EXISTS canary (t TEXT); INSERT INTO canary VALUES ('written with the ${round} key')`);
    session.close();
  }
  profileFile = path.join(dir, 'profiles', `${id}.db`);
}, 600_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('a profile file written with the creation, derived and cached raw keys opens with the passphrase alone', ({ skip }) => {
  needReader(reader, skip);
  expect(querySqlcipher(profileFile, PASSPHRASE, 'SELECT t FROM canary ORDER BY rowid').trim().split('\n')).toEqual([
    'written with the creation key',
    'written with the derived key',
    'written with the cached key',
  ]);
  expect(querySqlcipher(profileFile, PASSPHRASE, 'PRAGMA integrity_check').trim()).toBe('ok');
});

it('the vault file holding the key cache opens with the passphrase alone, and only with it', ({ skip }) => {
  needReader(reader, skip);
  expect(querySqlcipher(vaultFile(dir), PASSPHRASE, 'SELECT count(*), length(salt), length(key) FROM profile_keys').trim()).toBe('1|16|32');
  expect(() => querySqlcipher(vaultFile(dir), 'correct horse battery staple', 'SELECT count(*) FROM profile_keys')).toThrow(/file is not a database/);
});
