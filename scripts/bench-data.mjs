// `npm run bench:data`: writes the large deterministic bench vault (bench/data.ts) and a
// synthetic Apple Health export.xml (bench/apple-export.ts, 2 GB unless --mb says otherwise)
// into bench-data/apple-health/ unless one of that size is there.
//   node scripts/bench-data.mjs [--dir bench-data/vault] [--seed N] [--entries N] [--mb N] [--apple-only]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const value = (flag) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
if (!argv.includes('--apple-only')) {
  const vaultArgs = argv.filter((a, i) => a !== '--mb' && argv[i - 1] !== '--mb');
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bench/data.ts'), ...vaultArgs], { cwd: process.cwd(), stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const mb = value('--mb') ?? '2048';
const out = path.resolve('bench-data/apple-health', `export-${mb}mb.xml`);
if (existsSync(out)) console.log(`Reusing ${out}.`);
else {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bench/apple-export.ts'), '--mb', mb, '--out', out], { cwd: process.cwd(), stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
