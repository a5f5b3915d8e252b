import type { Migration } from '../migrate.ts';

// The vault-level file: who the profiles are, settings, and the audit log. Names and birth
// dates live only here, encrypted; profile files are named by random ids.
export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE profiles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        birth_date TEXT NOT NULL,
        sex TEXT,
        colour TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        profile_id TEXT,
        detail TEXT NOT NULL
      );
    `);
  },
};
