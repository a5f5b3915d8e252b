// One file's share of an import that needs no vault: detect, parse and map it, digest and
// compress the original and each document's content. Pure and CPU-bound; run by the import
// worker (parse-worker.ts) or, for an import too small to gain from one, in the calling thread
// (parse-pool.ts).
import { ImportError } from './errors.ts';
import { parseFile } from './index.ts';
import { prepareOriginal } from './original-file.ts';
import type { ParseReply, ParseRequest } from './parse-pool.ts';
import { storeFile } from './stored-document.ts';

export function runParseJob({ id, name, bytes, exitAfter, options }: ParseRequest): ParseReply {
  try {
    const parsed = parseFile(bytes, name, options ?? {});
    const original = prepareOriginal(name, bytes);
    // Not for a large file: its documents' JSON would be held here beside the whole parse
    // tree, the import's peak; the writer builds it after this worker has ended (exitAfter).
    if (exitAfter) return { id, ok: true, parsed, original };
    return { id, ok: true, original, ...storeFile(parsed) };
  } catch (error) {
    // Only an ImportError's sentence is meant for the user; anything else is a bug in Chartkeeper.
    return error instanceof ImportError ? { id, ok: false, importError: error.message } : { id, ok: false, internal: error instanceof Error ? error.name : 'Error' };
  }
}
