// The import worker: parses one file at a time off the main thread, where the vault and every
// window's requests are served. Everything CPU-bound about an import that does not need the
// vault happens here: detecting, parsing and mapping, the digest and the compression of the
// original and of each document's content. Started by parse-pool.ts; messages are ParseRequest
// in, ParseReply out.
import { parentPort } from 'node:worker_threads';
import { ImportError } from './errors.ts';
import { parseFile } from './index.ts';
import { prepareOriginal } from './original-file.ts';
import { storeDocuments } from './stored-document.ts';
import type { ParseReply, ParseRequest } from './parse-pool.ts';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs only as a worker thread');

port.on('message', ({ id, name, bytes, exitAfter }: ParseRequest) => {
  let reply: ParseReply;
  try {
    const parsed = parseFile(bytes, name);
    reply = { id, ok: true, parsed, original: prepareOriginal(name, bytes) };
    // Not for a large file: its documents' JSON would be held here beside the whole parse
    // tree, the import's peak; the writer builds it after this worker has ended (exitAfter).
    if (!exitAfter) reply.documents = storeDocuments(parsed);
  } catch (error) {
    // Only an ImportError's sentence is meant for the user; anything else is a bug in Chartkeeper.
    reply = error instanceof ImportError ? { id, ok: false, importError: error.message } : { id, ok: false, internal: error instanceof Error ? error.name : 'Error' };
  }
  port.postMessage(reply);
  // Messages posted before the exit are delivered first (see ParseRequest.exitAfter).
  if (exitAfter) process.exit(0);
});
