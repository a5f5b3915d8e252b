import type { Migration } from '../migrate.ts';

// Original files are kept compressed. Health record XML shrinks about eightfold, and every byte
// the vault stores is encrypted and authenticated page by page on write (and again on every
// backup): storing 20 MB of downloads as 3 MB cut the import's encrypted write by more than
// anything else. Rows written before this migration stay as they were ('identity').
export const m003CompressedOriginals: Migration = {
  version: 3,
  name: 'compressed-originals',
  up(db) {
    db.exec(`ALTER TABLE files ADD COLUMN encoding TEXT NOT NULL DEFAULT 'identity' CHECK (encoding IN ('identity', 'deflate-raw'))`);
  },
};
