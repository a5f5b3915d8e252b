// A document's own content as the vault keeps it in sources: its narrative sections,
// attachments, title and dates, as JSON deflated. After the original file it is the largest
// thing an import writes (most of a C-CDA's bytes are its narrative), and every page written
// is encrypted and authenticated, then again when the write-ahead log is checkpointed:
// deflating it took a fifth off the pages of a corpus import. Pure and CPU-bound, so it runs
// in the import worker with the parse.
import zlib from 'node:zlib';
import type { DocumentMeta, ImportedDocument, ParsedFile } from '../records/model.ts';
import { DEFLATE_LEVEL } from './original-file.ts';

/** Deflated JSON, or the JSON text itself where deflating would not make it smaller. */
export type StoredDocument = { encoding: 'deflate-raw'; bytes: Uint8Array } | { encoding: 'identity'; json: string };

export function storeDocument(meta: DocumentMeta): StoredDocument {
  const json = JSON.stringify(meta);
  // A short document would not shrink by more than deflate's own overhead.
  if (json.length < 256) return { encoding: 'identity', json };
  const deflated = zlib.deflateRawSync(json, { level: DEFLATE_LEVEL });
  return deflated.byteLength < Buffer.byteLength(json) ? { encoding: 'deflate-raw', bytes: deflated } : { encoding: 'identity', json };
}

/** What goes into the sources row's document_json column: text, or the deflated bytes. */
export function storedValue(doc: StoredDocument): string | Buffer {
  return doc.encoding === 'identity' ? doc.json : Buffer.from(doc.bytes.buffer, doc.bytes.byteOffset, doc.bytes.byteLength);
}

/** One StoredDocument per document of the file, in order. */
export function storeDocuments(parsed: ParsedFile): StoredDocument[] {
  return parsed.documents.map((doc) => storeDocument(doc.document));
}

/** What the writer reads of a document beside its stored content: the sources row's columns. */
// `statements` too: the writer keeps a document's "none known" statements in a table of their own.
export type DocumentHeader = Pick<DocumentMeta, 'title' | 'date' | 'authorOrganization' | 'authorName' | 'custodian' | 'statements'>;

/** A parsed file whose documents keep only their header; the content is in its StoredDocuments. */
export interface StoredFile {
  format: ParsedFile['format'];
  documents: (Omit<ImportedDocument, 'document'> & { document: DocumentHeader })[];
}

const HEADER_FIELDS = ['title', 'date', 'authorOrganization', 'authorName', 'custodian', 'statements'] as const;

export function headerOf(meta: DocumentHeader): DocumentHeader {
  const header: DocumentHeader = {};
  for (const key of HEADER_FIELDS) if (meta[key] !== undefined) (header as Record<string, unknown>)[key] = meta[key];
  return header;
}

/**
 * The file as the import worker sends it to the main thread: each document's content
 * (narrative, attachments, statements: most of a C-CDA) once, deflated, rather than also as
 * the object tree it came from, which the main thread would copy in only for the writer to
 * store it as this same JSON.
 */
export function storeFile(parsed: ParsedFile): { parsed: StoredFile; documents: StoredDocument[] } {
  return {
    parsed: { format: parsed.format, documents: parsed.documents.map((doc) => ({ ...doc, document: headerOf(doc.document) })) },
    documents: storeDocuments(parsed),
  };
}

/**
 * The parsed file back from storeFile's form. Each document's content is restored from its
 * stored JSON when it is first read; the writer reads only the headers, so an import never
 * restores it.
 */
export function restoreFile(file: StoredFile, documents: readonly StoredDocument[]): { parsed: ParsedFile; headers: DocumentHeader[] } {
  const restored = file.documents.map(({ document: header, ...rest }, index) => {
    const doc = rest as ImportedDocument;
    const stored = documents[index];
    if (!stored) throw new Error('A stored file lacks the content of one of its documents.');
    let meta: DocumentMeta | undefined;
    Object.defineProperty(doc, 'document', {
      enumerable: true,
      configurable: true,
      get: () => (meta ??= JSON.parse(stored.encoding === 'identity' ? stored.json : restoreDocument(stored.bytes, stored.encoding)) as DocumentMeta),
    });
    return { doc, header };
  });
  return { parsed: { format: file.format, documents: restored.map((r) => r.doc) }, headers: restored.map((r) => r.header) };
}

/**
 * The document JSON back from a sources row. Rows from before profile migration 006 (and
 * short documents) hold the JSON as text.
 */
export function restoreDocument(stored: string | Uint8Array, encoding: string): string {
  if (typeof stored === 'string') return stored;
  if (encoding === 'deflate-raw') return zlib.inflateRawSync(stored).toString('utf8');
  throw new Error(`A document stored as ${encoding} holds bytes rather than text.`);
}
