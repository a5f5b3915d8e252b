// `npm run bench`: the performance benchmark (bench/run.ts). `-- --json` ends with one JSON line.
//   node scripts/bench.mjs [--json] [--fresh] [--dir bench-data/vault] [--skip-ui]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, [path.join(repoRoot, 'bench/run.ts'), ...process.argv.slice(2)], { cwd: process.cwd(), stdio: 'inherit' });
process.exit(r.status ?? 1);
