// The unencrypted connection exists for the benchmark's baseline only: nothing in the product
// (main/, preload/, renderer/) may reach it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NAME = 'openPlaintextForBenchmark';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

test('only main/vault/sqlite.ts (its definition) and bench code mention the plaintext opener', () => {
  const product = ['main', 'preload', 'renderer'].flatMap((d) => sourceFiles(path.join(repoRoot, d)));
  expect(product.length).toBeGreaterThan(10);
  const users = product.filter((f) => fs.readFileSync(f, 'utf8').includes(NAME)).map((f) => path.relative(repoRoot, f));
  expect(users).toEqual(['main/vault/sqlite.ts']);
  // And the definition is the only mention there, beside its documentation.
  const own = fs.readFileSync(path.join(repoRoot, 'main/vault/sqlite.ts'), 'utf8');
  expect(own.match(new RegExp(`function ${NAME}\\b`, 'g'))).toHaveLength(1);
  // The benchmark does use it, so the guard is guarding something real.
  const bench = sourceFiles(path.join(repoRoot, 'bench')).filter((f) => fs.readFileSync(f, 'utf8').includes(NAME));
  expect(bench.length).toBeGreaterThan(0);
});
