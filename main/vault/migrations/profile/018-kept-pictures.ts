import type { Migration } from '../migrate.ts';

// The JPEG pictures main draws of a HEIC photo's or TIFF scan's pages (turned, no metadata),
// which the viewer, the thumbnails and recognition use: the renderer cannot decode either
// format. Derived from the kept original and never exported; the original stays in `files`.
export const m018KeptPictures: Migration = {
  version: 18,
  name: 'kept-pictures',
  up(db) {
    db.exec(`
      CREATE TABLE kept_document_pictures (
        document_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        page INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (document_id, position, page),
        FOREIGN KEY (document_id, position) REFERENCES kept_document_files(document_id, position) ON DELETE CASCADE
      ) WITHOUT ROWID;
    `);
  },
};
