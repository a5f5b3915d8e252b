// A PDF's pages and its own text layer, read with PDF.js (pdfjs-dist, Mozilla's reader) under
// Node: no rendering, no scripts (PDF.js never runs a PDF's JavaScript unless asked, and eval
// is off), no fonts or anything else fetched. Runs in the inspection worker (inspect-worker.ts),
// so a hostile file costs that worker's capped memory and time, not the app's.
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DOCUMENT_LIMITS } from './kinds.ts';
import { DocumentError } from './errors.ts';

import type { PdfPage } from './types.ts';

const RENDER_DPI = 150;

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/**
 * PDF.js's display layer creates a few canvas types when it loads (for rendering, which this
 * never does) and otherwise loads a native canvas module to provide them; empty stand-ins keep
 * native code out of the worker. Its own worker code runs in this thread ("fake worker"),
 * imported here so the bundled app need not find a file beside it.
 */
async function loadPdfjs(): Promise<typeof Pdfjs> {
  const global = globalThis as Record<string, unknown>;
  for (const name of ['DOMMatrix', 'Path2D', 'ImageData']) global[name] ??= class {};
  global['pdfjsWorker'] ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  return import('pdfjs-dist/legacy/build/pdf.mjs');
}

/** How main opens a PDF with PDF.js: no eval, no XFA forms, no fonts loaded or looked up, no huge images. */
export const SAFE_PDF_OPTIONS = {
  isEvalSupported: false,
  enableXfa: false,
  disableFontFace: true,
  useSystemFonts: false,
  maxImageSize: DOCUMENT_LIMITS.maxImagePixels,
  verbosity: 0,
} as const;

export async function readPdf(bytes: Uint8Array, what: string): Promise<PdfPage[]> {
  const { getDocument } = await loadPdfjs();
  // PDF.js takes ownership of (and detaches) the buffer it is given.
  const task = getDocument({ data: new Uint8Array(bytes), ...SAFE_PDF_OPTIONS, stopAtErrors: true });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    if (errorName(error) === 'PasswordException') throw new DocumentError(`${what} is protected by a password, so Chartkeeper cannot read it; save a copy without the password and add that.`);
    throw new DocumentError(`${what} is a damaged PDF that cannot be opened, so it was not kept.`);
  }
  try {
    if (doc.numPages > DOCUMENT_LIMITS.maxPdfPages) {
      throw new DocumentError(`${what} has ${doc.numPages.toLocaleString('en-US')} pages; Chartkeeper keeps PDFs of at most ${DOCUMENT_LIMITS.maxPdfPages} pages.`);
    }
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      const pixels = ((width * RENDER_DPI) / 72) * ((height * RENDER_DPI) / 72);
      if (!(pixels > 0) || pixels > DOCUMENT_LIMITS.maxPdfPagePixels) {
        throw new DocumentError(`Page ${n} of ${what} is too large to show (${Math.round(width / 72)} × ${Math.round(height / 72)} inches), so the file was not kept.`);
      }
      const content = await page.getTextContent();
      let text = '';
      let previous: { endX: number; y: number; eol: boolean } | undefined;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a = 0, b = 0, , , x = 0, y = 0] = item.transform as number[];
        // PDF.js gives a ligature ("fi" in "Specific") as an item of its own: items that touch on
        // one line are one word, so only a gap between them is a space.
        const touches = previous && !previous.eol && Math.abs(y - previous.y) < 1 && Math.abs(x - previous.endX) < 0.1 * Math.hypot(a, b);
        if (previous && !previous.eol && !touches) text += ' ';
        text += item.str + (item.hasEOL ? '\n' : '');
        previous = { endX: x + item.width, y, eol: item.hasEOL };
        if (text.length > DOCUMENT_LIMITS.maxTextPerPage) break;
      }
      pages.push({ width, height, text: text.slice(0, DOCUMENT_LIMITS.maxTextPerPage).replace(/[ \t]+\n/g, '\n').trim() });
      page.cleanup();
    }
    return pages;
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError(`${what} is a damaged PDF that cannot be read, so it was not kept.`);
  } finally {
    await doc.destroy();
  }
}
