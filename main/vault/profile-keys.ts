// Opening a profile file without running the key derivation a second time.
//
// Every file of a vault is keyed by the same passphrase, but each has its own random salt, so
// SQLCipher derives a separate key per file: unlocking and then opening one profile used to
// cost two full PBKDF2 runs (256,000 iterations each). The vault file therefore keeps each
// profile file's derived key, with the salt it belongs to, in its profile_keys table, and a
// profile opens with that raw key at the cost of a table lookup.
//
// Why this is safe: the table lives inside the vault file, which is encrypted with the same
// passphrase (through the same KDF) as the profile files themselves. Whoever can read a cached
// key has already opened the vault file, which takes the passphrase, and with the passphrase
// they could open every profile file anyway. The cache adds no way in; it only saves the KDF
// (and makes switching between a caregiver's profiles instant). A derived key opens only
// its own file (its salt is unique), is never logged or sent to the renderer, and the cache is
// emptied whenever the passphrase changes, so a key never outlives the passphrase it came from.
// Every file still opens with the passphrase alone (backups, the sqlcipher tool, recovery).
import crypto from 'node:crypto';
import type { Connection, OpenOptions, RawKey } from './sqlite.ts';
import { deriveRawKey, isNotADatabase, openEncrypted, readSalt, SALT_BYTES } from './sqlite.ts';

/** How a profile file was opened; for tests and diagnostics (never the key itself). */
export type KeySource = 'cached' | 'derived' | 'passphrase';

export function cachedKey(vaultDb: Connection, profileId: string): RawKey | undefined {
  const row = vaultDb.prepare('SELECT salt, key FROM profile_keys WHERE profile_id = ?').get(profileId) as { salt: Buffer; key: Buffer } | undefined;
  return row ? { key: row.key, salt: row.salt } : undefined;
}

/** Caches a profile file's derived key (and the salt it belongs to) in the vault file. */
export function storeKey(vaultDb: Connection, profileId: string, raw: RawKey): void {
  vaultDb
    .prepare('INSERT INTO profile_keys (profile_id, salt, key) VALUES (?, ?, ?) ON CONFLICT(profile_id) DO UPDATE SET salt = excluded.salt, key = excluded.key')
    .run(profileId, raw.salt, raw.key);
}

/** Drops one profile's cached key (its file was replaced, or the key no longer opens it). */
export function forgetProfileKey(vaultDb: Connection, profileId: string): void {
  vaultDb.prepare('DELETE FROM profile_keys WHERE profile_id = ?').run(profileId);
}

/** Drops every cached key; called before a passphrase change re-keys the files. */
export function forgetAllProfileKeys(vaultDb: Connection): void {
  vaultDb.prepare('DELETE FROM profile_keys').run();
}

function wipe(raw: RawKey | undefined): void {
  raw?.key.fill(0);
}

/** Opens with a raw key, or undefined when that key does not open the file. */
function tryRawKey(file: string, raw: RawKey, options: OpenOptions): Connection | undefined {
  try {
    return openEncrypted(file, raw, options);
  } catch (error) {
    if (isNotADatabase(error)) return undefined;
    throw error;
  }
}

/**
 * Opens a profile's file: with the cached key when its salt matches the file's first 16 bytes;
 * otherwise with a key derived here from the file's salt (one derivation, as SQLCipher would
 * do), which is then cached; and if no raw key opens the file, with the passphrase exactly as
 * before, so a damaged file or a wrong key fails the way it always did.
 *
 * The cache is only a cache: when the vault file cannot be read where the key is kept (that
 * file is damaged), the profile opens with a derived key and `vaultFileFailed` says why, so
 * the damage is blamed on the vault file and not on the profile's own, intact file.
 */
export function openProfileFile(
  vaultDb: Connection,
  profileId: string,
  file: string,
  passphrase: string,
  options: OpenOptions = {},
): { db: Connection; source: KeySource; vaultFileFailed?: boolean } {
  const salt = readSalt(file);
  // Missing or shorter than a salt: openEncrypted gives the usual sentence for it.
  if (!salt) return { db: openEncrypted(file, passphrase, options), source: 'passphrase' };

  let vaultFileFailed = false;
  const fromVaultFile = <T>(use: () => T): T | undefined => {
    try {
      return use();
    } catch (error) {
      if (!isNotADatabase(error)) throw error;
      vaultFileFailed = true;
      return undefined;
    }
  };
  const cached = fromVaultFile(() => cachedKey(vaultDb, profileId));
  if (cached) {
    try {
      if (cached.salt.equals(salt)) {
        const db = tryRawKey(file, cached, options);
        if (db) return { db, source: 'cached' };
      }
    } finally {
      wipe(cached);
    }
    // A stale key: the file was replaced or re-keyed since it was cached.
    fromVaultFile(() => forgetProfileKey(vaultDb, profileId));
  }

  const derived = deriveRawKey(passphrase, salt);
  try {
    const db = tryRawKey(file, derived, options);
    if (db) {
      if (vaultFileFailed) return { db, source: 'derived', vaultFileFailed };
      try {
        storeKey(vaultDb, profileId, derived);
      } catch {
        // Only a cache: a vault file that cannot take the row (disk full, busy) must not keep
        // the profile from opening; the next open derives the key again.
      }
      return { db, source: 'derived' };
    }
  } finally {
    wipe(derived);
  }
  return { db: openEncrypted(file, passphrase, options), source: 'passphrase', ...(vaultFileFailed ? { vaultFileFailed } : {}) };
}

/**
 * The key for a new profile file: derived here from the passphrase and a fresh salt, exactly
 * as SQLCipher would derive it, so the file is created with it (openEncrypted with a raw key
 * writes that salt as the file's first 16 bytes) and the caller caches it once the profile's
 * row exists. Created with the passphrase instead, the file's key was derived by SQLCipher
 * and never cached, and the first import into the new profile waited for a second derivation
 * (the damage check's, see health.ts) before it could start. Wipe it after use.
 */
export function newProfileKey(passphrase: string): RawKey {
  return deriveRawKey(passphrase, crypto.randomBytes(SALT_BYTES));
}
