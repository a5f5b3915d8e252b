// Pages of a PDF drawn to pictures in main, for recognising the words of a scan that has no
// text layer: PDF.js (legacy build) draws on @napi-rs/canvas (Skia, an N-API module with
// prebuilt binaries, so Electron needs no rebuild). Runs only in the render worker
// (render-off-thread.ts), never in the app's thread. No script runs and nothing is fetched.
import { createRequire } from 'node:module';
import type * as NapiCanvas from '@napi-rs/canvas';
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DOCUMENT_LIMITS } from './kinds.ts';
import { SAFE_PDF_OPTIONS } from './pdf.ts';

const require = createRequire(import.meta.url);

/** Recognition reads a page best at about 300 dpi; a page larger than the picture limit is drawn smaller. */
export const RECOGNITION_DPI = 300;

async function loadPdfjs(): Promise<typeof Pdfjs> {
  // PDF.js draws with these; taken from the same canvas module before PDF.js looks for its own.
  const canvas = require('@napi-rs/canvas') as Record<string, unknown>;
  const global = globalThis as Record<string, unknown>;
  for (const name of ['DOMMatrix', 'Path2D', 'ImageData']) global[name] ??= canvas[name];
  global['pdfjsWorker'] ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  return import('pdfjs-dist/legacy/build/pdf.mjs');
}

/** Draws the given pages (1-based) on white, one PNG each, calling `onPage` after each. */
export async function renderPdfPages(bytes: Uint8Array, pages: readonly number[], onPage: (page: number, png: Uint8Array) => void): Promise<void> {
  const { createCanvas } = require('@napi-rs/canvas') as typeof NapiCanvas;
  const { getDocument } = await loadPdfjs();
  const task = getDocument({ data: new Uint8Array(bytes), ...SAFE_PDF_OPTIONS });
  const doc = await task.promise;
  try {
    for (const n of pages) {
      const page = await doc.getPage(n);
      const natural = page.getViewport({ scale: 1 });
      const wanted = RECOGNITION_DPI / 72;
      const scale = Math.min(wanted, Math.sqrt(DOCUMENT_LIMITS.maxRenditionPixels / (natural.width * natural.height)));
      const viewport = page.getViewport({ scale });
      const canvas = createCanvas(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
      const context = canvas.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvasContext: context as never, canvas: canvas as never, viewport }).promise;
      page.cleanup();
      onPage(n, new Uint8Array(canvas.encodeSync('png')));
    }
  } finally {
    await doc.destroy();
  }
}
