// The document worker, one file per run: reads one PDF (pages, text layer) or decodes one HEIC
// or TIFF (pictures of its pages) off the main thread (`inspect`), or draws the pages of a
// scanned PDF for recognition (`render`), with a capped heap, so a hostile file can cost
// neither the app's memory nor its responsiveness.
import { parentPort, workerData } from 'node:worker_threads';
import { DocumentError } from './errors.ts';
import { inspectFile } from './inspect.ts';
import { readPdf } from './pdf.ts';
import { renderPdfPages } from './pdf-render.ts';
import { decodeRaster } from './raster.ts';

const port = parentPort;
if (!port) throw new Error('inspect-worker.ts runs only as a worker thread');
const job = workerData as { task: 'inspect'; name: string; bytes: Uint8Array } | { task: 'render'; bytes: Uint8Array; pages: number[] };

const failed = (error: unknown) =>
  port.postMessage(error instanceof DocumentError ? { ok: false, sentence: error.message } : { ok: false, internal: error instanceof Error ? error.name : 'Error' });

if (job.task === 'render') {
  renderPdfPages(job.bytes, job.pages, (page, png) => port.postMessage({ page, png }, [png.buffer as ArrayBuffer])).then(() => port.postMessage({ ok: true }), failed);
} else {
  inspectFile(job.name, job.bytes, { readPdf, decodeRaster }).then(
    (file) => port.postMessage({ ok: true, file }, (file.pictures ?? []).map((p) => p.buffer as ArrayBuffer)),
    failed,
  );
}
