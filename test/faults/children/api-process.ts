// A second Chartkeeper process for the concurrency tests, like the browser server: main/api
// with the vault folder given, answering one JSON request per stdin line with one JSON line.
// A request's `paths` are read here and passed to import.files as the files' bytes.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { testApi } from '../../support/api.ts';

const [dir] = process.argv.slice(2) as [string];
const api = testApi(dir, { now: () => new Date() });

interface Request {
  channel: string;
  input: Record<string, unknown>;
  paths?: string[];
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const request = JSON.parse(line) as Request;
  const input = request.paths
    ? { ...request.input, files: request.paths.map((p) => ({ name: path.basename(p), bytes: new Uint8Array(fs.readFileSync(p)) })) }
    : request.input;
  void api.invoke(request.channel, input).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => process.stdout.write(`${JSON.stringify({ ok: false, error: { kind: 'thrown', message: String(error) } })}\n`),
  );
});
process.stdout.write('ready\n');
