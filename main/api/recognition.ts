// Finding the words in a kept document's pictures on this computer: photos as they are, the
// pictures main drew of HEIC and TIFF pages, and the pages of a PDF that have no text of their
// own, drawn first in the document worker. One run per document at a time, started when asked
// (the viewer, the command line) or when a document is added from the app; followed by its
// progress, stopped when asked, and stopped when the vault locks (its connection would be gone).
import { DocumentError } from '../documents/errors.ts';
import { RecognitionCancelled, recognizeImages, type OcrLanguage } from '../documents/ocr.ts';
import { renderPagesOffThread } from '../documents/render-off-thread.ts';
import type { RecognitionProgress } from '../documents/types.ts';
import { getKeptDocument, keptFileBytes, keptPicture, pagesWithOwnText, setRecognizedText } from '../vault/kept-documents.ts';
import { isDiskFull, type Connection } from '../vault/sqlite.ts';
import type { VaultSession } from '../vault/vault.ts';
import { AppError } from '../errors.ts';
import type { ApiContext } from './context.ts';
import { readSettings } from './settings.ts';

/** A profile's connection for writing, after its file's health check. */
export async function writableProfile(ctx: ApiContext, profileId: string): Promise<Connection> {
  const session = ctx.requireSession();
  const profile = session.getProfile(profileId);
  await session.health.checkProfileOnce(profileId);
  session.health.assertWritable(profile);
  return session.profileDb(profileId);
}

interface PagePicture {
  position: number;
  page: number;
  bytes: Uint8Array;
}

/** What a run reads: pictures ready to recognise, and PDF pages without their own text to draw first. */
export interface RecognitionWork {
  pictures: PagePicture[];
  pdfPages: { position: number; bytes: Uint8Array; pages: number[] }[];
}

export function recognitionWork(db: Connection, documentId: number): RecognitionWork {
  const work: RecognitionWork = { pictures: [], pdfPages: [] };
  for (const file of getKeptDocument(db, documentId).files) {
    if (file.mediaType === 'image/jpeg' || file.mediaType === 'image/png') {
      work.pictures.push({ position: file.position, page: 1, bytes: keptFileBytes(db, documentId, file.position).bytes });
    } else if (file.mediaType === 'application/pdf') {
      const own = pagesWithOwnText(db, documentId, file.position);
      const pages = Array.from({ length: file.pageCount }, (_, i) => i + 1).filter((p) => !own.has(p));
      if (pages.length > 0) work.pdfPages.push({ position: file.position, bytes: keptFileBytes(db, documentId, file.position).bytes, pages });
    } else {
      for (let page = 1; page <= file.pageCount; page++) {
        const picture = keptPicture(db, documentId, file.position, page);
        if (picture) work.pictures.push({ position: file.position, page, bytes: picture.bytes });
      }
    }
  }
  return work;
}

/** Pages a run would read: zero when every page has its own text. */
export function pagesToRecognise(work: RecognitionWork): number {
  return work.pictures.length + work.pdfPages.reduce((n, f) => n + f.pages.length, 0);
}

/** Drawing a page costs about a tenth of recognising it; progress is shared out accordingly. */
const DRAW_WEIGHT = 0.1;

async function run(work: RecognitionWork, language: OcrLanguage, signal: AbortSignal, progress: (share: number) => void): Promise<{ position: number; page: number; text: string }[]> {
  const drawnPages = work.pdfPages.reduce((n, f) => n + f.pages.length, 0);
  const total = pagesToRecognise(work);
  const drawShare = (drawnPages * DRAW_WEIGHT) / (drawnPages * DRAW_WEIGHT + total);
  const pictures = [...work.pictures];
  let drawnBefore = 0;
  for (const file of work.pdfPages) {
    const drawn = await renderPagesOffThread(file.bytes, file.pages, signal, (share) => progress((drawShare * (drawnBefore + share * file.pages.length)) / drawnPages));
    drawnBefore += file.pages.length;
    for (const page of file.pages) pictures.push({ position: file.position, page, bytes: drawn.get(page)! });
  }
  const texts = await recognizeImages(
    pictures.map((p) => p.bytes),
    language,
    (share) => progress(drawShare + (1 - drawShare) * share),
    signal,
  );
  return pictures.map((p, i) => ({ position: p.position, page: p.page, text: texts[i] ?? '' }));
}

const LOCK_WATCH_MS = 250;

/**
 * Runs, one per document, kept until the app ends so a finished run can be read. They run one
 * after another: ten photos chosen at Import would otherwise start ten recognisers at once on a
 * two-core machine. A run waiting its turn reads as 0% done and can be stopped like any other.
 */
class Recognitions {
  readonly #runs = new Map<string, { progress: RecognitionProgress; controller: AbortController }>();
  #queue: Promise<unknown> = Promise.resolve();

  get(profileId: string, documentId: number): RecognitionProgress | null {
    const going = this.#runs.get(`${profileId}:${documentId}`);
    return going ? { ...going.progress } : null;
  }

  /** Starts a run unless one is going; answers with its progress at once. */
  start(session: VaultSession, profileId: string, documentId: number, work: (signal: AbortSignal, progress: (share: number) => void) => Promise<number>): RecognitionProgress {
    const key = `${profileId}:${documentId}`;
    const going = this.#runs.get(key);
    if (going && !going.progress.finished) return { ...going.progress };
    const entry = { progress: { documentId, done: 0, finished: false } as RecognitionProgress, controller: new AbortController() };
    this.#runs.set(key, entry);
    const { signal } = entry.controller;
    const watch = setInterval(() => {
      if (!session.isOpen) entry.controller.abort('locked');
    }, LOCK_WATCH_MS);
    watch.unref();
    const stopped = (error: unknown): RecognitionProgress => {
      const done = entry.progress.done;
      if (signal.aborted && signal.reason === 'locked') {
        return { documentId, done, finished: true, stoppedBecause: 'locked', sentence: 'Finding the words stopped because the vault was locked; nothing of that run was kept. Start it again from the document.' };
      }
      if (error instanceof RecognitionCancelled || signal.aborted) return { documentId, done, finished: true, stoppedBecause: 'cancelled', sentence: 'Finding the words was stopped; nothing of that run was kept.' };
      const sentence = error instanceof DocumentError || error instanceof AppError ? error.message : 'Finding the words stopped because of an error; nothing of that run was kept.';
      return { documentId, done, finished: true, stoppedBecause: 'error', sentence };
    };
    const turn = this.#queue.then(() => {
      if (signal.aborted) throw new RecognitionCancelled();
      return work(signal, (share) => (entry.progress.done = Math.max(entry.progress.done, share)));
    });
    this.#queue = turn.catch(() => {});
    void turn
      .then(
        (pagesWithWords) => (entry.progress = { documentId, done: 1, finished: true, pagesWithWords }),
        (error: unknown) => (entry.progress = stopped(error)),
      )
      .finally(() => clearInterval(watch));
    return { ...entry.progress };
  }

  cancel(profileId: string, documentId: number): RecognitionProgress | null {
    this.#runs.get(`${profileId}:${documentId}`)?.controller.abort('cancelled');
    return this.get(profileId, documentId);
  }
}

const registry = new WeakMap<ApiContext, Recognitions>();

/** The runs of this API (shared by papers.* and import.files). */
export function recognitions(ctx: ApiContext): Recognitions {
  let found = registry.get(ctx);
  if (!found) registry.set(ctx, (found = new Recognitions()));
  return found;
}

/**
 * Starts finding the words of a document, or answers with the run going; null when every page
 * already has its own text. The person's language decides the model (it reads the other
 * language's letters well enough too).
 */
export function startRecognition(ctx: ApiContext, profileId: string, documentId: number): RecognitionProgress | null {
  const session = ctx.requireSession();
  const going = recognitions(ctx).get(profileId, documentId);
  if (going && !going.finished) return going;
  const work = recognitionWork(session.profileDb(profileId), documentId);
  if (pagesToRecognise(work) === 0) return null;
  const language: OcrLanguage = readSettings(session).language === 'es' ? 'spa' : 'eng';
  return recognitions(ctx).start(session, profileId, documentId, async (signal, progress) => {
    const texts = await run(work, language, signal, progress);
    if (signal.aborted) throw new RecognitionCancelled();
    // The vault may have been locked meanwhile: the connection is asked for again.
    const db = await writableProfile(ctx, profileId);
    const byFile = new Map<number, { page: number; text: string }[]>();
    for (const t of texts) byFile.set(t.position, [...(byFile.get(t.position) ?? []), t]);
    try {
      db.transaction(() => byFile.forEach((pages, position) => setRecognizedText(db, documentId, position, pages))).immediate();
    } catch (error) {
      if (isDiskFull(error)) throw new AppError('disk-full', 'The disk is full, so the words found were not kept; nothing was changed.');
      throw error;
    }
    return texts.filter((t) => t.text.trim()).length;
  });
}
