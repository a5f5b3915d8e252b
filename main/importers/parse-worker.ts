// The import worker: parses one file at a time off the main thread, where the vault and every
// window's requests are served (parse-job.ts says what that work is). Started by
// parse-pool.ts; messages are ParseRequest in, ParseReply out.
import { parentPort } from 'node:worker_threads';
import type * as ParseJob from './parse-job.ts';
import type { ParseRequest } from './parse-pool.ts';
import { runAppleStream, runPieceHelper, type ApplePiecesRequest, type AppleStreamRequest } from './apple-health/worker.ts';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs only as a worker thread');

// The importers are loaded with the first file: the two workers reading an Apple Health export
// never need them (an idle worker took about 10 MB more memory with them loaded).
let parseJob: Promise<typeof ParseJob> | undefined;

port.on('message', (request: ParseRequest | AppleStreamRequest | ApplePiecesRequest | { kind: 'ack' }) => {
  // An Apple Health export is read here too, in a worker of its own (apple-health/worker.ts),
  // a large one with a second worker helping (apple-pieces).
  if ('kind' in request) {
    if (request.kind === 'apple-health') void runAppleStream(request, port);
    else if (request.kind === 'apple-pieces') runPieceHelper(request.port);
    return;
  }
  // Answered in the order asked: each waits for the same import, then runs at once.
  parseJob ??= import('./parse-job.ts');
  void parseJob.then(({ runParseJob }) => {
    port.postMessage(runParseJob(request));
    // Messages posted before the exit are delivered first (see ParseRequest.exitAfter).
    if (request.exitAfter) process.exit(0);
  });
});
