import type { Migration } from '../migrate.ts';
import { noneKnownOfStoredDocument, recordNoneKnown } from '../../none-known.ts';

/**
 * A document's "none known" statements ("No known allergies") live inside its stored JSON. At
 * a glance and the lists show them when a list is empty, and finding them meant inflating every
 * document of the profile each time (~100 ms for 7,000 documents warm, far more from a cold
 * disk). They get a table of their own, filled here from every stored document once; imports
 * write it with the source row.
 */
export const m035NoneKnown: Migration = {
  version: 35,
  name: 'none-known',
  up(db) {
    db.exec(`
      CREATE TABLE none_known (
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        date TEXT,
        text TEXT
      );
      CREATE INDEX none_known_by_kind ON none_known(kind);
    `);
    const rows = db.prepare("SELECT id, document_json, document_encoding FROM sources WHERE kind = 'document' AND document_json IS NOT NULL").iterate() as Iterable<{
      id: number;
      document_json: string | Buffer;
      document_encoding: string;
    }>;
    const found: { id: number; said: ReturnType<typeof noneKnownOfStoredDocument> }[] = [];
    for (const row of rows) {
      const said = noneKnownOfStoredDocument(row.document_json, row.document_encoding);
      if (said.length > 0) found.push({ id: row.id, said });
    }
    for (const { id, said } of found) recordNoneKnown(db, id, said);
  },
};
