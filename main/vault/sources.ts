// Source documents (an imported file's documents, or the profile's own hand-entered source)
// and the original files they came from.
import type { DocumentMeta, FormatId, PatientIdentity } from '../records/model.ts';
import type { NoneKnownListKind, SourceNoneKnown } from '../records/readable/left-out.ts';
import type { Connection } from './sqlite.ts';
import { restoreOriginal } from '../importers/original-file.ts';
import { restoreDocument, storeDocument, storedValue } from '../importers/stored-document.ts';

export const MANUAL_PROVIDER = 'Entered by hand';

export interface SourceRow {
  id: number;
  fileName?: string;
  format: FormatId | 'manual';
  provider: string;
  documentTitle?: string;
  documentDate?: string;
  importedAt: string;
  patient?: PatientIdentity;
  entryCount: number;
}

interface RawSource {
  id: number;
  file_name: string | null;
  format: string;
  provider: string;
  title: string | null;
  document_date: string | null;
  imported_at: string;
  patient_json: string | null;
  entry_count: number;
}

const SELECT = `SELECT s.id, f.name AS file_name, s.format, s.provider, s.title, s.document_date, s.imported_at, s.patient_json,
  (SELECT count(*) FROM provenance p WHERE p.source_id = s.id) AS entry_count
  FROM sources s LEFT JOIN files f ON f.id = s.file_id`;

function toSource(r: RawSource): SourceRow {
  return {
    id: r.id,
    ...(r.file_name ? { fileName: r.file_name } : {}),
    format: r.format as FormatId | 'manual',
    provider: r.provider,
    ...(r.title ? { documentTitle: r.title } : {}),
    ...(r.document_date ? { documentDate: r.document_date } : {}),
    importedAt: r.imported_at,
    ...(r.patient_json ? { patient: JSON.parse(r.patient_json) as PatientIdentity } : {}),
    entryCount: r.entry_count,
  };
}

export function listSources(db: Connection): SourceRow[] {
  return (db.prepare(`${SELECT} ORDER BY coalesce(s.document_date, s.imported_at) DESC, s.id DESC`).all() as RawSource[]).map(toSource);
}

export function getSource(db: Connection, id: number): { source: SourceRow; document: DocumentMeta } | undefined {
  const row = db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as RawSource | undefined;
  if (!row) return undefined;
  const doc = db.prepare('SELECT document_json, document_encoding FROM sources WHERE id = ?').get(id) as { document_json: string | Buffer; document_encoding: string };
  const parsed = JSON.parse(restoreDocument(doc.document_json, doc.document_encoding)) as Partial<DocumentMeta>;
  return { source: toSource(row), document: { sections: [], attachments: [], ...parsed } };
}

/**
 * A health card file imported before, read again once its signature could be checked (its
 * issuer's keys fetched or kept since, or a revocation list): each card's document takes the
 * title with the new state. A checked state is never turned back into "not checked". Returns
 * the indices (in `titles`) of the documents whose title changed.
 */
export function retitleHealthCards(db: Connection, sha256: string, titles: readonly string[]): number[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.title, s.document_json, s.document_encoding FROM sources s JOIN files f ON f.id = s.file_id
       WHERE f.sha256 = ? AND s.format = 'shc' ORDER BY s.id`,
    )
    .all(sha256) as { id: number; title: string | null; document_json: string | Buffer; document_encoding: string }[];
  const changed: number[] = [];
  rows.forEach((row, i) => {
    const title = titles[i];
    if (!title || title === row.title || title.endsWith('(signature not checked)')) return;
    const meta = JSON.parse(restoreDocument(row.document_json, row.document_encoding)) as DocumentMeta;
    const stored = storeDocument({ ...meta, title });
    db.prepare('UPDATE sources SET title = ?, document_json = ?, document_encoding = ? WHERE id = ?').run(title, storedValue(stored), stored.encoding, row.id);
    changed.push(i);
  });
  return changed;
}

/** The profile's source for entries typed by hand, created on first use. */
export function manualSourceId(db: Connection, now: string): number {
  const row = db.prepare("SELECT id FROM sources WHERE kind = 'manual'").get() as { id: number } | undefined;
  if (row) return row.id;
  return Number(
    db
      .prepare("INSERT INTO sources (file_id, kind, format, provider, imported_at) VALUES (NULL, 'manual', 'manual', ?, ?)")
      .run(MANUAL_PROVIDER, now).lastInsertRowid,
  );
}

export interface OriginalFile {
  name: string;
  format: string;
  bytes: Buffer;
  importedAt: string;
}

export function listOriginalFiles(db: Connection): OriginalFile[] {
  return (
    db.prepare('SELECT name, format, bytes, encoding, imported_at FROM files ORDER BY id').all() as {
      name: string;
      format: string;
      bytes: Buffer;
      encoding: string;
      imported_at: string;
    }[]
  ).map((r) => ({ name: r.name, format: r.format, bytes: restoreOriginal(r.bytes, r.encoding), importedAt: r.imported_at }));
}

/** Per provider of imported documents: when its files were last imported, its newest document's date, how many documents. */
export interface ProviderImports {
  provider: string;
  lastImportedAt: string;
  newestDocumentDate?: string;
  documents: number;
}

export function importsByProvider(db: Connection): ProviderImports[] {
  const rows = db
    .prepare(
      "SELECT provider, max(imported_at) AS last_imported_at, max(document_date) AS newest_document_date, count(*) AS documents FROM sources WHERE kind = 'document' GROUP BY provider ORDER BY last_imported_at DESC, provider",
    )
    .all() as { provider: string; last_imported_at: string; newest_document_date: string | null; documents: number }[];
  return rows.map((r) => ({
    provider: r.provider,
    lastImportedAt: r.last_imported_at,
    ...(r.newest_document_date ? { newestDocumentDate: r.newest_document_date } : {}),
    documents: r.documents,
  }));
}

/**
 * The documents' "none known" statements for `kinds` (kept inside each document, not as
 * entries; found through the `none_known` table, migration 035).
 */
export function noneKnownStatements(db: Connection, kinds: readonly NoneKnownListKind[]): SourceNoneKnown[] {
  if (kinds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT n.kind, n.date, n.text, s.id, s.provider, s.document_date FROM none_known n JOIN sources s ON s.id = n.source_id
       WHERE n.kind IN (SELECT value FROM json_each(?)) ORDER BY n.rowid`,
    )
    .all(JSON.stringify(kinds)) as { kind: NoneKnownListKind; date: string | null; text: string | null; id: number; provider: string; document_date: string | null }[];
  return rows.map((row) => {
    const date = row.date ?? row.document_date ?? undefined;
    return { kind: row.kind, sourceId: row.id, provider: row.provider, ...(date ? { date } : {}), ...(row.text ? { text: row.text } : {}) };
  });
}
