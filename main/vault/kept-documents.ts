// Kept documents (a person's own PDFs, scans and photos) in a profile's file: the document's
// details, its files (their bytes are `files` rows, like every original), links to entries,
// and each page's own text in the full-text index.
import type { InspectedFile } from '../documents/inspect.ts';
import type { DocumentKind, KeptMediaType } from '../documents/kinds.ts';
import type { KeptDocument, KeptDocumentHit, KeptFileInfo } from '../documents/types.ts';
import { AppError } from '../errors.ts';
import { restoreOriginal, type PreparedOriginal } from '../importers/original-file.ts';
import type { Connection } from './sqlite.ts';
import { ftsQuery } from './timeline.ts';

/** The format `files` rows of kept documents carry (imported originals carry their record format). */
export const KEPT_FILE_FORMAT = 'kept-document';

/** A checked file (main/documents/inspect.ts) and its bytes as the vault stores them. */
export type KeptFileToStore = Omit<InspectedFile, 'name'> & { original: PreparedOriginal };

export interface DocumentDetails {
  title: string;
  date?: string | undefined;
  kind: DocumentKind;
  notes: string;
}

interface RawDocument {
  id: number;
  title: string;
  document_date: string | null;
  kind: DocumentKind;
  notes: string;
  created_at: string;
  updated_at: string;
}

interface RawFile {
  document_id: number;
  position: number;
  name: string;
  size: number;
  media_type: KeptMediaType;
  page_count: number;
  width: number | null;
  height: number | null;
  orientation: number | null;
  has_location: number;
  thumbnail: Buffer | null;
}

function refuseDuplicates(db: Connection, files: readonly KeptFileToStore[]): void {
  const seen = new Set<string>();
  const find = db.prepare(
    `SELECT d.title FROM files f LEFT JOIN kept_document_files k ON k.file_id = f.id LEFT JOIN kept_documents d ON d.id = k.document_id WHERE f.sha256 = ?`,
  );
  for (const file of files) {
    const name = `"${file.original.name}"`;
    if (seen.has(file.original.sha256)) throw new AppError('duplicate-file', `${name} was chosen twice; each file is kept once.`);
    seen.add(file.original.sha256);
    const row = find.get(file.original.sha256) as { title: string | null } | undefined;
    if (row) {
      throw new AppError('duplicate-file', row.title ? `${name} is already kept, in the document "${row.title}"; nothing was changed.` : `${name} was already imported into this profile; nothing was changed.`);
    }
  }
}

function storeFiles(db: Connection, documentId: number, files: readonly KeptFileToStore[], firstPosition: number, now: string): void {
  const insertFile = db.prepare('INSERT INTO files (name, format, sha256, size, bytes, encoding, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertKept = db.prepare(
    `INSERT INTO kept_document_files (document_id, position, file_id, media_type, page_count, width, height, orientation, has_location)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertText = db.prepare("INSERT INTO kept_document_text (document_id, position, page, origin, text) VALUES (?, ?, ?, 'text-layer', ?)");
  const insertPicture = db.prepare("INSERT INTO kept_document_pictures (document_id, position, page, media_type, bytes) VALUES (?, ?, ?, 'image/jpeg', ?)");
  files.forEach((file, i) => {
    const o = file.original;
    const fileId = Number(insertFile.run(o.name, KEPT_FILE_FORMAT, o.sha256, o.size, o.stored, o.encoding, now).lastInsertRowid);
    const position = firstPosition + i;
    insertKept.run(documentId, position, fileId, file.mediaType, file.pageCount, file.width ?? null, file.height ?? null, file.orientation ?? null, file.hasLocation ? 1 : 0);
    file.pageTexts.forEach((text, page) => {
      if (text.trim()) insertText.run(documentId, position, page + 1, text);
    });
    file.pictures?.forEach((picture, page) => insertPicture.run(documentId, position, page + 1, picture));
  });
}

function setLinks(db: Connection, documentId: number, entryIds: readonly number[]): void {
  db.prepare('DELETE FROM kept_document_links WHERE document_id = ?').run(documentId);
  const exists = db.prepare('SELECT 1 FROM entries WHERE id = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO kept_document_links (document_id, entry_id) VALUES (?, ?)');
  for (const entryId of entryIds) {
    if (!exists.get(entryId)) throw new AppError('not-found', 'An entry this document was to be linked to is no longer in this profile; nothing was changed.');
    insert.run(documentId, entryId);
  }
}

/** Adds a document with its files; the caller holds the transaction. */
export function insertKeptDocument(db: Connection, details: DocumentDetails, files: readonly KeptFileToStore[], entryIds: readonly number[], now: string): number {
  refuseDuplicates(db, files);
  const id = Number(
    db
      .prepare('INSERT INTO kept_documents (title, document_date, kind, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(details.title, details.date ?? null, details.kind, details.notes, now, now).lastInsertRowid,
  );
  storeFiles(db, id, files, 0, now);
  setLinks(db, id, entryIds);
  return id;
}

function mustExist(db: Connection, id: number): void {
  if (!db.prepare('SELECT 1 FROM kept_documents WHERE id = ?').get(id)) throw new AppError('not-found', 'That document is no longer in this profile.');
}

export function appendKeptFiles(db: Connection, id: number, files: readonly KeptFileToStore[], maxFiles: number, now: string): void {
  mustExist(db, id);
  refuseDuplicates(db, files);
  const { count, next } = db.prepare('SELECT count(*) AS count, coalesce(max(position) + 1, 0) AS next FROM kept_document_files WHERE document_id = ?').get(id) as { count: number; next: number };
  if (count + files.length > maxFiles) throw new AppError('invalid-input', `A document holds at most ${maxFiles} files; make another document for the rest.`);
  storeFiles(db, id, files, next, now);
  db.prepare('UPDATE kept_documents SET updated_at = ? WHERE id = ?').run(now, id);
}

export function updateKeptDocument(db: Connection, id: number, details: Partial<DocumentDetails>, entryIds: readonly number[] | undefined, now: string): void {
  mustExist(db, id);
  const current = db.prepare('SELECT * FROM kept_documents WHERE id = ?').get(id) as RawDocument;
  const date = 'date' in details ? (details.date ?? null) : current.document_date;
  db.prepare('UPDATE kept_documents SET title = ?, document_date = ?, kind = ?, notes = ?, updated_at = ? WHERE id = ?').run(
    details.title ?? current.title,
    date,
    details.kind ?? current.kind,
    details.notes ?? current.notes,
    now,
    id,
  );
  if (entryIds) setLinks(db, id, entryIds);
}

/** Text recognised in pages of one file (1-based), replacing what was recognised on those pages before. */
export function setRecognizedText(db: Connection, id: number, position: number, pages: readonly { page: number; text: string }[]): void {
  const remove = db.prepare("DELETE FROM kept_document_text WHERE document_id = ? AND position = ? AND page = ? AND origin = 'recognized'");
  const insert = db.prepare("INSERT INTO kept_document_text (document_id, position, page, origin, text) VALUES (?, ?, ?, 'recognized', ?)");
  for (const { page, text } of pages) {
    remove.run(id, position, page);
    if (text.trim()) insert.run(id, position, page, text);
  }
}

/** Pages (1-based) of one file that hold their own text (a PDF's text layer). */
export function pagesWithOwnText(db: Connection, id: number, position: number): Set<number> {
  const pages = db.prepare("SELECT page FROM kept_document_text WHERE document_id = ? AND position = ? AND origin = 'text-layer'").pluck().all(id, position) as number[];
  return new Set(pages);
}

/** When two entries are merged, documents linked to the one that goes are linked to the one kept. */
export function moveKeptDocumentLinks(db: Connection, fromEntryId: number, toEntryId: number): void {
  db.prepare('UPDATE OR IGNORE kept_document_links SET entry_id = ? WHERE entry_id = ?').run(toEntryId, fromEntryId);
}

const RESULTS_ADDED = `SELECT k.document_id, count(DISTINCT p.entry_id) AS n FROM kept_document_files k
  JOIN sources s ON s.file_id = k.file_id JOIN provenance p ON p.source_id = s.id`;

/** Removes the document, its files' bytes and its text; the caller holds the transaction. */
export function deleteKeptDocument(db: Connection, id: number): void {
  mustExist(db, id);
  // Results added from it have it as their source, as an imported file is for its entries.
  const added = (db.prepare(`${RESULTS_ADDED} WHERE k.document_id = ?`).get(id) as { n: number }).n;
  if (added > 0) {
    throw new AppError(
      'conflict',
      `${added === 1 ? 'A result was' : `${added} results were`} added to the record from this document, which is their source, so it is kept; a result that is wrong can be marked "This is wrong".`,
    );
  }
  const fileIds = db.prepare('SELECT file_id FROM kept_document_files WHERE document_id = ?').pluck().all(id) as number[];
  db.prepare('DELETE FROM kept_document_text WHERE document_id = ?').run(id);
  db.prepare('DELETE FROM kept_document_pictures WHERE document_id = ?').run(id);
  db.prepare('DELETE FROM kept_documents WHERE id = ?').run(id);
  const removeFile = db.prepare('DELETE FROM files WHERE id = ?');
  for (const fileId of fileIds) removeFile.run(fileId);
}

export function setKeptThumbnail(db: Connection, id: number, position: number, thumbnail: Uint8Array): void {
  const changed = db.prepare('UPDATE kept_document_files SET thumbnail = ? WHERE document_id = ? AND position = ?').run(thumbnail, id, position).changes;
  if (changed === 0) throw new AppError('not-found', 'That document is no longer in this profile.');
}

const FILE_COLUMNS = `k.document_id, k.position, f.name, f.size, k.media_type, k.page_count, k.width, k.height, k.orientation, k.has_location, k.thumbnail
  FROM kept_document_files k JOIN files f ON f.id = k.file_id`;

function toFile(r: RawFile): KeptFileInfo {
  return {
    position: r.position,
    name: r.name,
    mediaType: r.media_type,
    size: r.size,
    pageCount: r.page_count,
    ...(r.width !== null ? { width: r.width } : {}),
    ...(r.height !== null ? { height: r.height } : {}),
    ...(r.orientation !== null ? { orientation: r.orientation } : {}),
    hasLocation: r.has_location === 1,
    ...(r.thumbnail ? { thumbnail: new Uint8Array(r.thumbnail) } : {}),
  };
}

function assemble(db: Connection, docs: RawDocument[]): KeptDocument[] {
  if (docs.length === 0) return [];
  const ids = docs.map((d) => d.id);
  const marks = ids.map(() => '?').join(',');
  const files = db.prepare(`SELECT ${FILE_COLUMNS} WHERE k.document_id IN (${marks}) ORDER BY k.document_id, k.position`).all(...ids) as RawFile[];
  const links = db
    .prepare(`SELECT l.document_id, e.id, e.kind, e.title FROM kept_document_links l JOIN entries e ON e.id = l.entry_id WHERE l.document_id IN (${marks}) ORDER BY e.sort_date DESC, e.id`)
    .all(...ids) as { document_id: number; id: number; kind: string; title: string }[];
  const textPages = db
    .prepare(`SELECT document_id, count(*) AS n, sum(origin = 'recognized') AS recognized FROM kept_document_text WHERE document_id IN (${marks}) GROUP BY document_id`)
    .all(...ids) as { document_id: number; n: number; recognized: number }[];
  const added = db.prepare(`${RESULTS_ADDED} WHERE k.document_id IN (${marks}) GROUP BY k.document_id`).all(...ids) as { document_id: number; n: number }[];
  return docs.map((d) => ({
    id: d.id,
    title: d.title,
    ...(d.document_date ? { date: d.document_date } : {}),
    kind: d.kind,
    notes: d.notes,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    files: files.filter((f) => f.document_id === d.id).map(toFile),
    pagesWithText: textPages.find((t) => t.document_id === d.id)?.n ?? 0,
    pagesRecognized: textPages.find((t) => t.document_id === d.id)?.recognized ?? 0,
    linkedEntries: links.filter((l) => l.document_id === d.id).map((l) => ({ id: l.id, kind: l.kind, title: l.title })),
    resultsAdded: added.find((a) => a.document_id === d.id)?.n ?? 0,
  }));
}

/** Newest first, by the document's own date, else when it was added. */
export function listKeptDocuments(db: Connection): KeptDocument[] {
  return assemble(db, db.prepare('SELECT * FROM kept_documents ORDER BY coalesce(document_date, substr(created_at, 1, 10)) DESC, id DESC').all() as RawDocument[]);
}

export function getKeptDocument(db: Connection, id: number): KeptDocument {
  const row = db.prepare('SELECT * FROM kept_documents WHERE id = ?').get(id) as RawDocument | undefined;
  if (!row) throw new AppError('not-found', 'That document is no longer in this profile.');
  return assemble(db, [row])[0]!;
}

export function keptDocumentsForEntry(db: Connection, entryId: number): KeptDocument[] {
  return assemble(
    db,
    db.prepare('SELECT d.* FROM kept_document_links l JOIN kept_documents d ON d.id = l.document_id WHERE l.entry_id = ? ORDER BY d.id DESC').all(entryId) as RawDocument[],
  );
}

/** A file's bytes exactly as the person gave them. */
export function keptFileBytes(db: Connection, id: number, position: number): { name: string; mediaType: KeptMediaType; bytes: Buffer } {
  const row = db
    .prepare('SELECT f.name, f.bytes, f.encoding, k.media_type FROM kept_document_files k JOIN files f ON f.id = k.file_id WHERE k.document_id = ? AND k.position = ?')
    .get(id, position) as { name: string; bytes: Buffer; encoding: string; media_type: KeptMediaType } | undefined;
  if (!row) throw new AppError('not-found', 'That file is no longer in this profile.');
  return { name: row.name, mediaType: row.media_type, bytes: restoreOriginal(row.bytes, row.encoding) };
}

/** The picture main drew of a HEIC or TIFF page (1-based), or undefined for a file shown as it is. */
export function keptPicture(db: Connection, id: number, position: number, page: number): { mediaType: string; bytes: Buffer } | undefined {
  const row = db.prepare('SELECT media_type, bytes FROM kept_document_pictures WHERE document_id = ? AND position = ? AND page = ?').get(id, position, page) as
    | { media_type: string; bytes: Buffer }
    | undefined;
  return row ? { mediaType: row.media_type, bytes: row.bytes } : undefined;
}

/** Every kept document with each file's bytes, for the FHIR export. */
export function keptDocumentsWithBytes(db: Connection): { document: KeptDocument; files: { info: KeptFileInfo; bytes: Buffer }[] }[] {
  return listKeptDocuments(db).map((document) => ({
    document,
    files: document.files.map((info) => ({ info, bytes: keptFileBytes(db, document.id, info.position).bytes })),
  }));
}

/** Pages of kept documents whose text holds every word, best matches first. */
export function searchKeptDocuments(db: Connection, text: string, limit: number): KeptDocumentHit[] {
  const query = ftsQuery(text);
  if (!query) return [];
  const rows = db
    .prepare(
      `SELECT t.document_id, t.position, t.page, snippet(kept_document_text, 4, '«', '»', '…', 12) AS snippet, t.origin, d.title, d.kind, d.document_date
       FROM kept_document_text t JOIN kept_documents d ON d.id = t.document_id
       WHERE kept_document_text MATCH ? ORDER BY bm25(kept_document_text), d.id DESC, t.position, t.page LIMIT ?`,
    )
    .all(query, limit) as { document_id: number; position: number; page: number; snippet: string; origin: string; title: string; kind: DocumentKind; document_date: string | null }[];
  return rows.map((r) => ({
    documentId: r.document_id,
    title: r.title,
    kind: r.kind,
    ...(r.document_date ? { date: r.document_date } : {}),
    position: r.position,
    page: r.page,
    snippet: r.snippet.replace(/\s+/g, ' ').trim(),
    recognized: r.origin === 'recognized',
  }));
}

/** Every page's text of a document (a PDF's own, or recognised in a picture), in order. */
export function keptDocumentPages(db: Connection, id: number): { position: number; page: number; text: string; recognized: boolean }[] {
  mustExist(db, id);
  const rows = db
    .prepare('SELECT position, page, origin, text FROM kept_document_text WHERE document_id = ? ORDER BY position, page, origin')
    .all(id) as { position: number; page: number; origin: string; text: string }[];
  return rows.map((r) => ({ position: r.position, page: r.page, text: r.text, recognized: r.origin === 'recognized' }));
}

/** The `files` row of one file of a document. */
export function keptFileId(db: Connection, id: number, position: number): number {
  const fileId = db.prepare('SELECT file_id FROM kept_document_files WHERE document_id = ? AND position = ?').pluck().get(id, position) as number | undefined;
  if (fileId === undefined) throw new AppError('not-found', 'That file is no longer in this profile.');
  return fileId;
}

/** The kept document a source is, when results were added from it. */
export function keptDocumentOfSource(db: Connection, sourceId: number): { documentId: number; position: number; title: string } | undefined {
  const row = db
    .prepare(
      `SELECT d.id, k.position, d.title FROM sources s JOIN kept_document_files k ON k.file_id = s.file_id JOIN kept_documents d ON d.id = k.document_id
       WHERE s.id = ? AND s.format = 'kept-document'`,
    )
    .get(sourceId) as { id: number; position: number; title: string } | undefined;
  return row && { documentId: row.id, position: row.position, title: row.title };
}
