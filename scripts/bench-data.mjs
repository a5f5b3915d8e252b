// `npm run bench:data`: writes the large deterministic bench vault (bench/data.ts).
//   node scripts/bench-data.mjs [--dir bench-data/vault] [--seed N] [--entries N]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, [path.join(repoRoot, 'bench/data.ts'), ...process.argv.slice(2)], { cwd: process.cwd(), stdio: 'inherit' });
process.exit(r.status ?? 1);
