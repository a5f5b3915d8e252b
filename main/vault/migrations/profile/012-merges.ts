import type { Migration } from '../migrate.ts';

// Merges the person made, so each can be undone (issue 15). A merge moves the provenance links
// of one entry to another and removes the first; undoing it needs to know which links moved,
// what the removed entry was and which possible-duplicate flags it had. Nothing here is what a
// source said (that stays in provenance), so no entry is ever rebuilt from this table alone.
// Numbered 12: 7 to 11 are taken by other work of this session (gaps are allowed).
export const m012Merges: Migration = {
  version: 12,
  name: 'merges',
  up(db) {
    db.exec(`
      CREATE TABLE merges (
        id INTEGER PRIMARY KEY,
        -- No foreign key: the kept entry may later be merged again; undo then says so.
        kept_id INTEGER NOT NULL,
        -- { kind, title, manual, createdAt, draft } of the entry the merge removed.
        removed_json TEXT NOT NULL,
        kept_title TEXT NOT NULL,
        -- JSON array of the provenance ids that moved from the removed entry to the kept one.
        provenance_ids TEXT NOT NULL,
        -- JSON array of the possible_duplicates rows of either entry before the merge.
        flags_before TEXT NOT NULL,
        merged_at TEXT NOT NULL,
        undone_at TEXT
      );
      CREATE INDEX merges_kept ON merges(kept_id);
    `);
  },
};
