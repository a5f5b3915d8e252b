// The document inspection worker: reads one PDF (pages, text layer) off the main thread, with
// a capped heap, so a hostile file can cost neither the app's memory nor its responsiveness.
import { parentPort, workerData } from 'node:worker_threads';
import { DocumentError } from './errors.ts';
import { inspectFile } from './inspect.ts';
import { readPdf } from './pdf.ts';

const port = parentPort;
if (!port) throw new Error('inspect-worker.ts runs only as a worker thread');
const { name, bytes } = workerData as { name: string; bytes: Uint8Array };

inspectFile(name, bytes, readPdf).then(
  (file) => port.postMessage({ ok: true, file }),
  (error: unknown) => port.postMessage(error instanceof DocumentError ? { ok: false, sentence: error.message } : { ok: false, internal: error instanceof Error ? error.name : 'Error' }),
);
