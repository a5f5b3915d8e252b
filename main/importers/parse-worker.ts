// The import worker: parses one file at a time off the main thread, where the vault and every
// window's requests are served (parse-job.ts says what that work is). Started by
// parse-pool.ts; messages are ParseRequest in, ParseReply out.
import { parentPort } from 'node:worker_threads';
import { runParseJob } from './parse-job.ts';
import type { ParseRequest } from './parse-pool.ts';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs only as a worker thread');

port.on('message', (request: ParseRequest) => {
  port.postMessage(runParseJob(request));
  // Messages posted before the exit are delivered first (see ParseRequest.exitAfter).
  if (request.exitAfter) process.exit(0);
});
