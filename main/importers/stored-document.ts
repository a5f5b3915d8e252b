// A document's own content as the vault keeps it in sources: its narrative sections,
// attachments, title and dates, as JSON deflated. After the original file it is the largest
// thing an import writes (most of a C-CDA's bytes are its narrative), and every page written
// is encrypted and authenticated, then again when the write-ahead log is checkpointed:
// deflating it took a fifth off the pages of a corpus import. Pure and CPU-bound, so it runs
// in the import worker with the parse.
import zlib from 'node:zlib';
import type { DocumentMeta, ParsedFile } from '../records/model.ts';
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

/**
 * The document JSON back from a sources row. Rows from before profile migration 006 (and
 * short documents) hold the JSON as text.
 */
export function restoreDocument(stored: string | Uint8Array, encoding: string): string {
  if (typeof stored === 'string') return stored;
  if (encoding === 'deflate-raw') return zlib.inflateRawSync(stored).toString('utf8');
  throw new Error(`A document stored as ${encoding} holds bytes rather than text.`);
}
