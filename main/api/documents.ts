// Kept documents: a person's own PDFs, scans and photos, each checked (kind, size, pages,
// pixels, whole structure) off the main thread before anything is written, stored inside the
// profile's encrypted file, found by their own text, and given back as kept (a photo's location
// left out unless asked).
import path from 'node:path';
import type { FileImportReport, ParsedInputOf } from '../../preload/contract.ts';
import { DocumentError } from '../documents/errors.ts';
import { inspectOffThread } from '../documents/inspect-off-thread.ts';
import type { InspectedFile } from '../documents/inspect.ts';
import { DOCUMENT_LIMITS } from '../documents/kinds.ts';
import { withoutLocation } from '../documents/location.ts';
import { sniffDocument } from '../documents/sniff.ts';
import { AppError } from '../errors.ts';
import { prepareOriginal } from '../importers/original-file.ts';
import {
  appendKeptFiles,
  deleteKeptDocument,
  getKeptDocument,
  insertKeptDocument,
  keptDocumentsForEntry,
  keptFileBytes,
  keptPicture,
  listKeptDocuments,
  searchKeptDocuments,
  setKeptThumbnail,
  updateKeptDocument,
  type KeptFileToStore,
} from '../vault/kept-documents.ts';
import { isDiskFull, type Connection } from '../vault/sqlite.ts';
import type { ApiContext } from './context.ts';
import { readInput } from './import.ts';
import type { HandlerModule } from './router.ts';
import { recognitions, startRecognition, writableProfile } from './recognition.ts';
import { writeUserFile } from './summary.ts';

type FileInput = ParsedInputOf<'papers.add'>['files'][number];

/** Whether import.files should keep this file as a document rather than parse it as a record. */
export function isDocumentFile(bytes: Uint8Array): boolean {
  return sniffDocument(bytes) !== undefined;
}

/** Checks one file (in a worker for a PDF) and prepares what the vault stores; throws a sentence. */
export async function prepareKeptFile(name: string, bytes: Uint8Array): Promise<KeptFileToStore> {
  let inspected: InspectedFile;
  try {
    inspected = await inspectOffThread(name, bytes);
  } catch (error) {
    if (error instanceof DocumentError) throw new AppError('unreadable-file', error.message);
    throw error;
  }
  const { pageTexts, name: _name, ...facts } = inspected;
  return { ...facts, pageTexts, original: prepareOriginal(name, bytes) };
}

/** A document's title when the person gave none: the file's name without its extension. */
export function titleFromFileName(name: string): string {
  const base = path.basename(name).replace(/\.[A-Za-z0-9]{1,5}$/, '').trim();
  return (base || 'Document').slice(0, 300);
}

/** Writes a file chosen at Import as a document of its own, inside the import's transaction. */
export function keepImportedFile(db: Connection, name: string, file: KeptFileToStore, now: string): FileImportReport['keptDocument'] {
  const id = insertKeptDocument(db, { title: titleFromFileName(name), kind: 'other', notes: '' }, [file], [], now);
  const kept = getKeptDocument(db, id);
  return { id, title: kept.title, mediaType: file.mediaType, pageCount: file.pageCount, pagesWithText: kept.pagesWithText };
}

function write<T>(db: Connection, run: () => T): T {
  try {
    return db.transaction(run).immediate();
  } catch (error) {
    if (isDiskFull(error)) throw new AppError('disk-full', 'The disk is full, so the document was not kept; nothing was changed.');
    throw error;
  }
}

export function documentHandlers(ctx: ApiContext): HandlerModule {
  const writable = (profileId: string) => writableProfile(ctx, profileId);
  // Started after a document is added when asked (the app asks; tests and scripts need not).
  const recogniseIfAsked = (profileId: string, documentId: number, asked: boolean | undefined) => {
    if (asked) startRecognition(ctx, profileId, documentId);
  };
  const db = (profileId: string) => ctx.requireSession().profileDb(profileId);
  // Every file is read and checked before the first is written: one refused file keeps nothing.
  const prepareAll = async (files: readonly FileInput[]): Promise<KeptFileToStore[]> => {
    const prepared: KeptFileToStore[] = [];
    for (const input of files) {
      const file = readInput(ctx, input);
      prepared.push(await prepareKeptFile(file.name, file.bytes));
    }
    return prepared;
  };
  const audit = (profileId: string, action: string, detail: string) => ctx.requireSession().audit(ctx.platform.now(), action, profileId, detail);
  const copyOf = (profileId: string, documentId: number, position: number, includeLocation: boolean) => {
    const file = keptFileBytes(db(profileId), documentId, position);
    const stripped = includeLocation ? { bytes: file.bytes, removed: false } : withoutLocation(file.bytes);
    return { ...file, bytes: new Uint8Array(stripped.bytes), locationRemoved: stripped.removed };
  };

  return {
    'papers.list': ({ profileId }) => listKeptDocuments(db(profileId)),
    'papers.get': ({ profileId, documentId }) => getKeptDocument(db(profileId), documentId),
    'papers.add': async ({ profileId, files, title, date, kind, notes, entryIds, recognise }) => {
      await writable(profileId);
      const prepared = await prepareAll(files);
      const conn = await writable(profileId);
      const firstName = prepared[0]!.original.name;
      const id = write(conn, () =>
        insertKeptDocument(conn, { title: title ?? titleFromFileName(firstName), date: date ?? undefined, kind: kind ?? 'other', notes: notes ?? '' }, prepared, entryIds ?? [], ctx.nowIso()),
      );
      audit(profileId, 'documents.add', `Kept a document of ${prepared.length} file(s)`);
      recogniseIfAsked(profileId, id, recognise);
      return getKeptDocument(conn, id);
    },
    'papers.addFiles': async ({ profileId, documentId, files, recognise }) => {
      getKeptDocument(await writable(profileId), documentId);
      const prepared = await prepareAll(files);
      const conn = await writable(profileId);
      write(conn, () => appendKeptFiles(conn, documentId, prepared, DOCUMENT_LIMITS.maxFilesPerDocument, ctx.nowIso()));
      audit(profileId, 'documents.add', `Added ${prepared.length} file(s) to a document`);
      recogniseIfAsked(profileId, documentId, recognise);
      return getKeptDocument(conn, documentId);
    },
    'papers.update': async ({ profileId, documentId, entryIds, date, ...details }) => {
      const conn = await writable(profileId);
      write(conn, () => updateKeptDocument(conn, documentId, { ...details, ...(date !== undefined ? { date: date ?? undefined } : {}) }, entryIds, ctx.nowIso()));
      return getKeptDocument(conn, documentId);
    },
    'papers.delete': async ({ profileId, documentId }) => {
      const conn = await writable(profileId);
      write(conn, () => deleteKeptDocument(conn, documentId));
      audit(profileId, 'documents.delete', 'Deleted a kept document');
      return null;
    },
    'papers.file': ({ profileId, documentId, position, includeLocation }) => {
      const { name, mediaType, bytes, locationRemoved } = copyOf(profileId, documentId, position, includeLocation);
      return { name, mediaType, bytes, locationRemoved };
    },
    'papers.saveCopy': async ({ profileId, documentId, position, includeLocation }) => {
      const file = copyOf(profileId, documentId, position, includeLocation);
      const target = await ctx.platform.chooseSavePath(path.basename(file.name), 'attachment');
      if (!target) return null;
      writeUserFile(target, file.bytes);
      audit(profileId, 'export.document', includeLocation ? 'Saved a copy of a kept file with its location' : 'Saved a copy of a kept file');
      return { savedTo: target };
    },
    'papers.saveThumbnail': async ({ profileId, documentId, position, bytes }) => {
      const type = sniffDocument(bytes);
      if (type !== 'image/jpeg' && type !== 'image/png') throw new AppError('invalid-input', 'A thumbnail must be a JPEG or PNG picture.');
      const conn = await writable(profileId);
      write(conn, () => setKeptThumbnail(conn, documentId, position, bytes));
      return null;
    },
    'papers.picture': ({ profileId, documentId, position, page }) => {
      const picture = keptPicture(db(profileId), documentId, position, page);
      if (!picture) throw new AppError('not-found', 'That page has no picture in this profile.');
      return { mediaType: picture.mediaType, bytes: new Uint8Array(picture.bytes) };
    },
    'papers.search': ({ profileId, text, limit }) => searchKeptDocuments(db(profileId), text, limit),
    'papers.recognize': async ({ profileId, documentId }) => {
      getKeptDocument(await writable(profileId), documentId);
      const started = startRecognition(ctx, profileId, documentId);
      if (!started) throw new AppError('invalid-input', 'Every page of this document has its own text already, which the search finds; there are no words to look for in pictures.');
      return started;
    },
    'papers.recognizeProgress': ({ profileId, documentId }) => recognitions(ctx).get(profileId, documentId),
    'papers.recognizeCancel': ({ profileId, documentId }) => recognitions(ctx).cancel(profileId, documentId),
    'papers.forEntry': ({ profileId, entryId }) => keptDocumentsForEntry(db(profileId), entryId),
  };
}
