// `node bench/apple-reader-cpu.ts FILE [ROUNDS] [--summaries-at-end]`: the Apple Health reader alone on one thread
// (streamExport: read, SHA-256, saxes, Chartkeeper's per-record work, the summaries made at
// the end), ROUNDS times, printing each round's CPU and wall time. For comparing two versions
// of the reader; `npm run bench` measures the whole import. `--summaries-at-end`: every daily
// summary after the last byte, as readers before summaries went out during the read handed
// them on (their output hashes the same as such a reader's).
import crypto from 'node:crypto';
import { openAppleExport, streamExport } from '../main/importers/apple-health/index.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/apple-reader-cpu.ts FILE [ROUNDS]');
const rounds = Number(process.argv.slice(3).find((a) => !a.startsWith('--')) ?? 3);
const summariesAtEnd = process.argv.includes('--summaries-at-end');
for (let round = 0; round < rounds; round++) {
  const exp = await openAppleExport({ path: file }, 'export.xml');
  if (!exp) throw new Error(`${file} is not an Apple Health export`);
  const cpu = process.threadCpuUsage();
  const start = performance.now();
  let items = 0;
  // Everything the reader hands on, so two versions can be shown to read the same.
  const output = crypto.createHash('sha256');
  const streamed = await streamExport(exp, {
    ...(summariesAtEnd ? { summariesAtEnd: true } : {}),
    onBatch: (batch) => {
      items += batch.length;
      output.update(JSON.stringify(batch));
    },
  });
  for (const item of streamed.result.drafts) {
    items += 1;
    output.update(JSON.stringify(item));
  }
  const used = process.threadCpuUsage(cpu);
  const { drafts: _drafts, ...rest } = streamed.result;
  output.update(JSON.stringify(rest));
  exp.close();
  console.log(`round ${round}: ${((used.user + used.system) / 1000).toFixed(0)} ms CPU, wall ${(performance.now() - start).toFixed(0)} ms, ${items} drafts, output sha256 ${output.digest('hex').slice(0, 16)}`);
}
