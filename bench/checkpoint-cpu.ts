// `node bench/checkpoint-cpu.ts [bundle|src] [JOBS]`: the CPU of the process (every thread) for
// one import's checkpoint in the background worker (vault/background-checkpoints.ts): ~2 MB of
// log (500 pages) written with the automatic checkpoint off, then `start` and `settle`, as
// holdCheckpoints does after an import's commit. Alternates blocks of jobs where the worker is
// ended after each job (`fresh`: what every import paid until the ninth session) with blocks
// where one worker serves them all (`kept`: imports within its idle time). `bundle` runs the
// app's dist/app/checkpoint-worker.cjs (`npm run build` first), `src` the TypeScript source, as
// `npm run bench` does. Prints the median and range of each.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BackgroundCheckpoints, CHECKPOINT_WORKER_URL } from '../main/vault/background-checkpoints.ts';
import { openEncrypted } from '../main/vault/sqlite.ts';
import { repoRoot } from './corpus.ts';
import { median } from './stats.ts';

const mode = process.argv[2] === 'src' ? 'src' : 'bundle';
const jobs = Number(process.argv[3] ?? 40);
const BLOCK = 5;
const url = mode === 'src' ? CHECKPOINT_WORKER_URL : new URL(`file://${path.join(repoRoot, 'dist/app/checkpoint-worker.cjs')}`);
if (url.protocol === 'file:' && !fs.existsSync(new URL(url))) throw new Error(`${url.pathname} is missing: run npm run build first, or pass src.`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkpoint-cpu-'));
const file = path.join(dir, 'p.db');
const key = { key: crypto.randomBytes(32), salt: crypto.randomBytes(16) };
const db = openEncrypted(file, key, { create: true });
db.exec('CREATE TABLE t (k TEXT, v TEXT)');
db.pragma('wal_autocheckpoint = 0');
const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
const checkpoints = new BackgroundCheckpoints(url);
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const figures: Record<'fresh' | 'kept', number[]> = { fresh: [], kept: [] };
try {
  for (let i = 0; i < jobs; i++) {
    const how = Math.floor(i / BLOCK) % 2 === 0 ? 'fresh' : 'kept';
    db.transaction(() => {
      for (let j = 0; j < 1000; j++) insert.run(`${i}-${j}`, 'x'.repeat(2000));
    })();
    // A `fresh` job never finds the worker a `kept` block left running.
    if (how === 'fresh') checkpoints.close();
    await pause(100);
    const before = cpu();
    checkpoints.start(file, { key: Buffer.from(key.key), salt: Buffer.from(key.salt) });
    checkpoints.settle();
    // The worker's answer (and, for `fresh`, its end) within the measured time.
    if (how === 'fresh') checkpoints.close();
    await pause(150);
    const used = cpu() - before;
    // A `kept` block's first job starts the worker the `fresh` block before it ended.
    if (how === 'fresh' || i % BLOCK > 0) figures[how].push(used);
  }
} finally {
  checkpoints.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
for (const [how, list] of Object.entries(figures)) {
  console.log(`${mode} ${how}: median ${median(list).toFixed(1)} ms of CPU a checkpoint (${Math.min(...list).toFixed(0)}–${Math.max(...list).toFixed(0)}, ${list.length} jobs)`);
}
