import type { Migration } from '../migrate.ts';

// A cache of each profile file's derived SQLCipher key, so opening a profile does not run the
// key derivation a second time after unlock (main/vault/profile-keys.ts says why this is safe).
// The salt is kept with the key: a file whose first 16 bytes differ is not the file the key
// was derived for. Rows go with their profile.
export const m002ProfileKeys: Migration = {
  version: 2,
  name: 'profile-keys',
  up(db) {
    db.exec(`
      CREATE TABLE profile_keys (
        profile_id TEXT PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
        salt BLOB NOT NULL,
        key BLOB NOT NULL
      );
    `);
  },
};
