// Runs inspectFile for a PDF in its own worker thread (inspect-worker.ts), ended after one
// file: memory is capped and a file that takes too long is stopped and refused. Images are
// checked from their headers alone, which is quick, so they are inspected in the caller's thread.
import { Worker } from 'node:worker_threads';
import { DocumentError } from './errors.ts';
import { inspectImage, precheck, quoted, type InspectedFile } from './inspect.ts';
import { DOCUMENT_LIMITS } from './kinds.ts';

const WORKER_HEAP_MB = 512;

// Bundled, the app's main.cjs has inspect-worker.cjs beside it (scripts/build-app.mjs).
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './inspect-worker.ts' : './inspect-worker.cjs',
  import.meta.url.replace('/app.asar/', '/app.asar.unpacked/'),
);

function tooMuchMemory(what: string): DocumentError {
  return new DocumentError(`${what} needs more memory to read than any document should, so it was not kept.`);
}

type Reply = { ok: true; file: InspectedFile } | { ok: false; sentence: string } | { ok: false; internal: string };

export async function inspectOffThread(name: string, bytes: Uint8Array, timeoutMs: number = DOCUMENT_LIMITS.inspectTimeoutMs): Promise<InspectedFile> {
  if (precheck(name, bytes) !== 'application/pdf') return inspectImage(name, bytes);
  const what = quoted(name);
  return new Promise<InspectedFile>((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { name, bytes }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(new DocumentError(`${what} took too long to read, so it was not kept.`))), timeoutMs);
    // The worker's buffers are outside its heap limit; the process's growth is watched instead.
    const baseline = process.memoryUsage.rss();
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > DOCUMENT_LIMITS.inspectMemoryBytes) finish(() => reject(tooMuchMemory(what)));
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
