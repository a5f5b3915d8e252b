import type { Migration } from '../migrate.ts';

// A person's own papers (PDFs, scans, photos), kept as documents with a title, date, kind and
// notes. Each file's bytes are a row of `files` like every imported original, so the originals
// export and backups carry them without further code; `kept_document_files` orders them
// within their document and says what each is. A PDF's own text is indexed per page for the
// search (kept_document_text), beside entries_fts.
export const m013KeptDocuments: Migration = {
  version: 13,
  name: 'kept-documents',
  up(db) {
    db.exec(`
      CREATE TABLE kept_documents (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        document_date TEXT,
        kind TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE kept_document_files (
        document_id INTEGER NOT NULL REFERENCES kept_documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        file_id INTEGER NOT NULL UNIQUE REFERENCES files(id),
        media_type TEXT NOT NULL,
        page_count INTEGER NOT NULL,
        width INTEGER,
        height INTEGER,
        orientation INTEGER,
        has_location INTEGER NOT NULL DEFAULT 0,
        thumbnail BLOB,
        PRIMARY KEY (document_id, position)
      ) WITHOUT ROWID;
      CREATE TABLE kept_document_links (
        document_id INTEGER NOT NULL REFERENCES kept_documents(id) ON DELETE CASCADE,
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
        PRIMARY KEY (document_id, entry_id)
      ) WITHOUT ROWID;
      CREATE INDEX kept_document_links_entry ON kept_document_links(entry_id, document_id);
      CREATE VIRTUAL TABLE kept_document_text USING fts5(
        -- origin: 'text-layer' (the PDF's own text) or 'recognized' (found in the picture on this computer).
        document_id UNINDEXED, position UNINDEXED, page UNINDEXED, origin UNINDEXED, text,
        tokenize = 'unicode61 remove_diacritics 2'
      );
    `);
  },
};
