// The promise to users: every vault file opens with the standard sqlcipher tool and the
// passphrase, even without Chartkeeper. Checked with an independent SQLCipher 4 build
// (test/support/sqlcipher), not with the library Chartkeeper writes through.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordDraft } from '../../main/records/model.ts';
import { addProvenance, insertEntry } from '../../main/vault/entries.ts';
import { manualSourceId } from '../../main/vault/sources.ts';
import { createVault, vaultFile } from '../../main/vault/vault.ts';
import { independentSqlcipher, needReader, querySqlcipher } from '../support/sqlcipher/reader.ts';

const PASSPHRASE = "correct horse 'battery' staple";
const CANARY = 'Canary-7f3a entry: Zebrafish allergy';
const NOW = new Date('2025-03-01T10:00:00Z');

let reader: string | null = null;
let dir: string;
let profileFile: string;
let profileId: string;

beforeAll(async () => {
  reader = await independentSqlcipher();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-interop-'));
  const session = createVault(dir, PASSPHRASE, NOW);
  const profile = session.addProfile({ name: 'Ana María López', birthDate: '1980-04-02', sex: 'female' }, NOW);
  session.addProfile({ name: 'Ben López', birthDate: '2012-09-15' }, NOW);
  profileId = profile.id;
  const db = session.profileDb(profile.id);
  const draft: RecordDraft = { kind: 'allergy', title: CANARY, codes: [{ system: 'SNOMED', code: '91935009' }], details: { reactions: ['Hives'] } };
  const id = insertEntry(db, draft, [], true, NOW.toISOString());
  addProvenance(db, id, manualSourceId(db, NOW.toISOString()), 'Entered by hand', draft, true);
  profileFile = session.profileFilePath(profile.id);
  session.close();
}, 600_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('vault files open with the standard sqlcipher tool and the passphrase', () => {
  it('the reader is SQLCipher 4 with its default settings, and the files are not plaintext SQLite', ({ skip }) => {
    needReader(reader, skip);
    expect(querySqlcipher(':memory:', 'x', 'PRAGMA cipher_version').trim()).toMatch(/^4\.\d+\.\d+/);
    // The settings a person gets by typing only the passphrase, which the files must match.
    const defaults = ['kdf_iter', 'page_size', 'kdf_algorithm', 'hmac_algorithm'].map((p) => `PRAGMA cipher_default_${p};`).join('\n');
    expect(querySqlcipher(':memory:', 'x', defaults).trim().split('\n')).toEqual(['256000', '4096', 'PBKDF2_HMAC_SHA512', 'HMAC_SHA512']);
    for (const file of [vaultFile(dir), profileFile]) {
      expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    }
  });

  it('reads the profile names from the vault file', ({ skip }) => {
    needReader(reader, skip);
    const out = querySqlcipher(vaultFile(dir), PASSPHRASE, 'SELECT id, name, birth_date FROM profiles ORDER BY name');
    expect(out.trim().split('\n')).toEqual([`${profileId}|Ana María López|1980-04-02`, expect.stringMatching(/^[0-9a-f]{20}\|Ben López\|2012-09-15$/)]);
  });

  it('reads the canary entry from the profile file, with its code and provenance', ({ skip }) => {
    needReader(reader, skip);
    const out = querySqlcipher(
      profileFile,
      PASSPHRASE,
      `SELECT e.kind, e.title, c.system, c.code, p.provider FROM entries e
       JOIN entry_codes c ON c.entry_id = e.id JOIN provenance p ON p.entry_id = e.id`,
    );
    expect(out.trim()).toBe(`allergy|${CANARY}|SNOMED|91935009|Entered by hand`);
    // The full-text index (FTS5) is part of the file too and readable the same way.
    expect(querySqlcipher(profileFile, PASSPHRASE, "SELECT title FROM entries_fts WHERE entries_fts MATCH 'zebrafish'").trim()).toBe(CANARY);
  });

  it('refuses a wrong passphrase, for the vault file and the profile file', ({ skip }) => {
    needReader(reader, skip);
    for (const file of [vaultFile(dir), profileFile]) {
      expect(() => querySqlcipher(file, 'correct horse battery staple', 'SELECT count(*) FROM sqlite_master')).toThrow(/file is not a database/);
    }
  });
});
