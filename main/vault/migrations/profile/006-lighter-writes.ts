import type { Migration } from '../migrate.ts';

// Fewer pages per import. Every page written is encrypted and authenticated, and written
// twice (the write-ahead log, then the checkpoint), so pages are what the vault's encryption
// costs on import:
// - a document's content (narratives, attachments) is stored deflated (stored-document.ts);
//   rows written before keep their JSON text as 'identity';
// - provenance_entry duplicated the leading column of provenance_entry_provider (migration
//   002), which serves every lookup by entry and the cascade from entries as well.
export const m006LighterWrites: Migration = {
  version: 6,
  name: 'lighter-writes',
  up(db) {
    db.exec(`
      ALTER TABLE sources ADD COLUMN document_encoding TEXT NOT NULL DEFAULT 'identity' CHECK (document_encoding IN ('identity', 'deflate-raw'));
      DROP INDEX provenance_entry;
    `);
  },
};
