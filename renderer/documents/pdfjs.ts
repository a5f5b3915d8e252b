// PDF.js in the sandboxed renderer: loaded only when a PDF is shown (it is most of a megabyte),
// its worker a file of the app (the CSP allows scripts and workers from the app only). Pages are
// drawn on a canvas from bytes main handed over: PDF.js fetches nothing, never evaluates code
// (isEvalSupported off; the CSP forbids it anyway), and a PDF's own scripts, forms and XFA are
// never run (no scripting manager is created, enableXfa off).
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { DOCUMENT_LIMITS } from '../../main/documents/kinds.ts';

/** A zoomed page is drawn at most this many pixels (about 160 MB of canvas). */
const MAX_CANVAS_PIXELS = 40_000_000;

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy };

export function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({
    // PDF.js takes the buffer over; the caller keeps its copy.
    data: bytes.slice(),
    isEvalSupported: false,
    enableXfa: false,
    disableAutoFetch: true,
    disableStream: true,
    // An image inside the PDF larger than a kept picture may be is not decoded.
    maxImageSize: DOCUMENT_LIMITS.maxImagePixels,
    stopAtErrors: false,
    verbosity: 0,
  }).promise;
}

/**
 * Draws one page to fit `cssWidth` pixels wide (times `zoom`), sharp on high-density screens
 * (`ratio`, the device's pixel ratio unless given).
 */
export async function renderPage(doc: PDFDocumentProxy, pageNumber: number, canvas: HTMLCanvasElement, cssWidth: number, zoom: number, ratio = Math.min(window.devicePixelRatio || 1, 2)): Promise<void> {
  const page = await doc.getPage(pageNumber);
  const base = page.getViewport({ scale: 1 });
  const wanted = (cssWidth / base.width) * zoom;
  const scale = Math.min(wanted, Math.sqrt(MAX_CANVAS_PIXELS / (base.width * base.height)) / ratio);
  const viewport = page.getViewport({ scale: scale * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
  await page.render({ canvas, viewport }).promise;
}
