// Draws the pages of a scanned PDF to pictures in the document worker (inspect-worker.ts,
// task `render`) for recognition: off the app's thread, with a capped heap, the process's
// growth watched, a time limit per page, and stopped at once when the run is cancelled.
import { Worker } from 'node:worker_threads';
import { DocumentError } from './errors.ts';
import { WORKER_HEAP_MB, WORKER_URL } from './inspect-off-thread.ts';
import { DOCUMENT_LIMITS } from './kinds.ts';
import { RecognitionCancelled } from './ocr.ts';

/** Time allowed per page drawn (a 300 dpi letter page takes about a second here). */
const PAGE_TIMEOUT_MS = 30_000;

type Reply = { page: number; png: Uint8Array } | { ok: true } | { ok: false; sentence: string } | { ok: false; internal: string };

/** PNG pictures of the given pages (1-based), in order; `onPage` after each with the share done. */
export function renderPagesOffThread(bytes: Uint8Array, pages: readonly number[], signal: AbortSignal, onPage: (share: number) => void): Promise<Map<number, Uint8Array>> {
  if (signal.aborted) return Promise.reject(new RecognitionCancelled());
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { task: 'render', bytes, pages: [...pages] }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const drawn = new Map<number, Uint8Array>();
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const armTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(() => reject(new DocumentError('Drawing a page of this PDF took too long, so its words were not looked for.'))), PAGE_TIMEOUT_MS);
    };
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      signal.removeEventListener('abort', cancel);
      void worker.terminate();
      outcome();
    };
    const cancel = () => finish(() => reject(new RecognitionCancelled()));
    signal.addEventListener('abort', cancel, { once: true });
    const baseline = process.memoryUsage.rss();
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > DOCUMENT_LIMITS.inspectMemoryBytes) {
        finish(() => reject(new DocumentError('A page of this PDF needs more memory to draw than any page should, so its words were not looked for.')));
      }
    }, 50);
    armTimer();
    worker.on('message', (reply: Reply) => {
      if ('page' in reply) {
        drawn.set(reply.page, reply.png);
        onPage(drawn.size / pages.length);
        armTimer();
        return;
      }
      finish(() => {
        if (reply.ok) resolve(drawn);
        else if ('sentence' in reply) reject(new DocumentError(reply.sentence));
        else reject(new Error(`The document worker failed (${reply.internal}).`));
      });
    });
    worker.on('error', () => finish(() => reject(new DocumentError('A page of this PDF could not be drawn, so its words were not looked for.'))));
    worker.on('exit', () => finish(() => reject(new DocumentError('A page of this PDF could not be drawn, so its words were not looked for.'))));
  });
}
