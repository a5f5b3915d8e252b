// A document's "none known" statements ("No known allergies"), kept in the `none_known` table
// beside the document's stored JSON (migration 035) so an empty list finds them with one
// indexed query instead of inflating every document of the profile.
import { restoreDocument } from '../importers/stored-document.ts';
import type { DocumentMeta, NoneKnownStatement } from '../records/model.ts';
import { preparedPerConnection, type Connection } from './sqlite.ts';

/** The statements inside one stored document (its sources row's JSON). */
export function noneKnownOfStoredDocument(json: string | Buffer, encoding: string): NoneKnownStatement[] {
  const text = restoreDocument(json, encoding);
  // Most documents state none; the key's name spares parsing the rest (narrative, sections).
  if (!text.includes('"statements":')) return [];
  const meta = JSON.parse(text) as Partial<DocumentMeta>;
  return Array.isArray(meta.statements) ? meta.statements.filter((s) => typeof s?.kind === 'string') : [];
}

/** Writes a source's statements; called with the source row, inside the import's transaction. */
export function recordNoneKnown(db: Connection, sourceId: number, said: readonly NoneKnownStatement[]): void {
  if (said.length === 0) return;
  const insert = insertStatement(db);
  for (const s of said) insert.run(sourceId, s.kind, s.date ?? null, s.text ?? null);
}

// Prepared on first use, after migration 035 made the table: an import writes it per document.
const insertStatement = preparedPerConnection((db) => db.prepare('INSERT INTO none_known (source_id, kind, date, text) VALUES (?, ?, ?, ?)'));
