import type { Migration } from '../migrate.ts';

// One person's record. `files` keeps every imported file's original bytes so a better parser
// can re-read them and the user can always take the originals back out.
export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        format TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        imported_at TEXT NOT NULL
      );

      -- One clinical document (a file, a document inside an XDM zip, or the manual entries).
      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        file_id INTEGER REFERENCES files(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('document', 'manual')),
        format TEXT NOT NULL,
        provider TEXT NOT NULL,
        title TEXT,
        document_date TEXT,
        patient_json TEXT,
        document_json TEXT NOT NULL DEFAULT '{}',
        imported_at TEXT NOT NULL
      );
      CREATE INDEX sources_file ON sources(file_id);

      CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        -- The date the timeline sorts by; '' when the source gave none (sorts last).
        sort_date TEXT NOT NULL DEFAULT '',
        status TEXT,
        value_text TEXT,
        draft_json TEXT NOT NULL,
        manual INTEGER NOT NULL DEFAULT 0,
        source_count INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX entries_timeline ON entries(sort_date DESC, id DESC);
      CREATE INDEX entries_kind_timeline ON entries(kind, sort_date DESC, id DESC);

      CREATE TABLE entry_codes (
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
        system TEXT NOT NULL,
        code TEXT NOT NULL,
        PRIMARY KEY (entry_id, system, code)
      ) WITHOUT ROWID;
      CREATE INDEX entry_codes_lookup ON entry_codes(system, code, entry_id);

      -- Reconciliation blocking keys: any two entries that might be the same share one.
      CREATE TABLE entry_keys (
        key TEXT NOT NULL,
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
        PRIMARY KEY (key, entry_id)
      ) WITHOUT ROWID;
      CREATE INDEX entry_keys_entry ON entry_keys(entry_id);

      CREATE TABLE provenance (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        provider TEXT NOT NULL,
        original_json TEXT NOT NULL
      );
      CREATE INDEX provenance_entry ON provenance(entry_id);
      CREATE INDEX provenance_source ON provenance(source_id);
      CREATE INDEX provenance_provider ON provenance(provider, entry_id);

      CREATE TABLE possible_duplicates (
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
        other_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        dismissed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (entry_id, other_id)
      ) WITHOUT ROWID;
      CREATE INDEX possible_duplicates_other ON possible_duplicates(other_id);

      CREATE VIRTUAL TABLE entries_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');

      CREATE TABLE education_cache (
        system TEXT NOT NULL,
        code TEXT NOT NULL,
        language TEXT NOT NULL,
        fetched_at INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (system, code, language)
      ) WITHOUT ROWID;

      CREATE TABLE profile_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
