import type { Migration } from '../migrate.ts';

// What the person says about an entry ("I no longer take this", "This is wrong", a hidden
// entry, their correction of a name or a date), kept beside the entry and never written into
// it or its provenance: what each source said stays exactly as imported. A statement that is
// withdrawn keeps its row with the moment it was withdrawn, so the record of who said what
// stays whole; only standing statements are read with the entry. (Numbered 8: 7 was left for
// the merge-history migration being written beside this one.)
export const m008PersonalStatements: Migration = {
  version: 8,
  name: 'personal-statements',
  up(db) {
    db.exec(`
      CREATE TABLE personal_statements (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('no-longer', 'still', 'wrong', 'hidden', 'correction')),
        said_on TEXT NOT NULL,
        made_at TEXT NOT NULL,
        -- The person's note and, for a correction, the corrected fields.
        body_json TEXT NOT NULL DEFAULT '{}',
        withdrawn_at TEXT
      );
      CREATE INDEX personal_statements_standing ON personal_statements(entry_id) WHERE withdrawn_at IS NULL;
    `);
  },
};
