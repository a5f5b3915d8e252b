// Runs inspectFile for a PDF, HEIC or TIFF in its own worker thread (inspect-worker.ts), ended
// after one file: memory is capped and a file that takes too long is stopped and refused. JPEG
// and PNG are checked from their headers alone, which is quick, so in the caller's thread.
import { Worker } from 'node:worker_threads';
import { DocumentError } from './errors.ts';
import { inspectImage, needsWorker, precheck, quoted, type InspectedFile } from './inspect.ts';
import { DOCUMENT_LIMITS } from './kinds.ts';

export const WORKER_HEAP_MB = 512;

// Bundled, the app's main.cjs has inspect-worker.cjs beside it (scripts/build-app.mjs).
export const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './inspect-worker.ts' : './inspect-worker.cjs',
  import.meta.url.replace('/app.asar/', '/app.asar.unpacked/'),
);

function tooMuchMemory(what: string): DocumentError {
  return new DocumentError(`${what} needs more memory to read than any document should, so it was not kept.`);
}

type Reply = { ok: true; file: InspectedFile } | { ok: false; sentence: string } | { ok: false; internal: string };

export async function inspectOffThread(name: string, bytes: Uint8Array, timeoutMs?: number): Promise<InspectedFile> {
  const type = precheck(name, bytes);
  if (!needsWorker(type)) return inspectImage(name, bytes);
  const what = quoted(name);
  const pdf = type === 'application/pdf';
  const limitMs = timeoutMs ?? (pdf ? DOCUMENT_LIMITS.inspectTimeoutMs : DOCUMENT_LIMITS.rasterTimeoutMs);
  const memoryBytes = pdf ? DOCUMENT_LIMITS.inspectMemoryBytes : DOCUMENT_LIMITS.rasterMemoryBytes;
  return new Promise<InspectedFile>((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { task: 'inspect', name, bytes }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(new DocumentError(`${what} took too long to read, so it was not kept.`))), limitMs);
    // The worker's buffers are outside its heap limit; the process's growth is watched instead.
    const baseline = process.memoryUsage.rss();
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > memoryBytes) finish(() => reject(tooMuchMemory(what)));
    }, 50);
    worker.on('message', (reply: Reply) =>
      finish(() => {
        if (reply.ok) resolve(reply.file);
        else if ('sentence' in reply) reject(new DocumentError(reply.sentence));
        else reject(new Error(`The document worker failed (${reply.internal}).`));
      }),
    );
    worker.on('error', (error: NodeJS.ErrnoException) =>
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? tooMuchMemory(what)
            : new DocumentError(`${what} could not be read, so it was not kept.`),
        ),
      ),
    );
    worker.on('exit', () => finish(() => reject(new DocumentError(`${what} could not be read, so it was not kept.`))));
  });
}
