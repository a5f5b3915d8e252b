// `node bench/import-main-cpu.ts [ROUNDS]`: the C-CDA corpus imported through main/api as
// bench/import.ts does (batches of 200, a new profile per round, after one warm-up round),
// printing each round's CPU of the main thread and of all threads. For profiling the import's
// main thread (node --cpu-prof) and for comparing two versions of the writer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ccdaCorpus } from './corpus.ts';
import { benchApi, call } from './platform.ts';

const rounds = Number(process.argv[2] ?? 3);
const files = ccdaCorpus();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-main-cpu-'));
const api = benchApi(path.join(dir, 'vault'));
try {
  await call(api, 'vault.create', { passphrase: 'import main cpu passphrase' });
  for (let round = -1; round < rounds; round++) {
    const profile = await call<{ id: string }>(api, 'profiles.add', { name: `Round ${round + 1}`, birthDate: '1950-01-01' });
    const all = process.cpuUsage();
    const main = process.threadCpuUsage();
    const start = performance.now();
    for (let i = 0; i < files.length; i += 200) {
      const batch = files.slice(i, i + 200).map((f) => ({ name: f.name, bytes: f.bytes }));
      await call(api, 'import.files', { profileId: profile.id, files: batch, force: true });
    }
    const ms = performance.now() - start;
    const a = process.cpuUsage(all);
    const m = process.threadCpuUsage(main);
    if (round >= 0) console.log(`round ${round}: main thread ${((m.user + m.system) / 1000).toFixed(0)} ms CPU, all threads ${((a.user + a.system) / 1000).toFixed(0)} ms, wall ${ms.toFixed(0)} ms`);
  }
} finally {
  await api.invoke('vault.lock', {});
  await api.context.parsePool.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
