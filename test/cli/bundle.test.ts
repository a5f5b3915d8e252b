// The command line's bundle (scripts/build-cli.mjs), which bin/chartkeeper.mjs runs while it is
// fresh: built here into a scratch folder inside the repository (its chunks find the native
// SQLite module in node_modules from there) and run the way the launcher runs it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tempDir } from '../support/temp.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

interface BuildCliScript {
  CLI_ENTRY: string;
  buildCli(options: { outdir: string }): Promise<string>;
  bundleIsFresh(outdir: string): boolean;
}

const outdir = path.join(repoRoot, 'dist', `cli-test-${process.pid}`);
let script: BuildCliScript;
let entry: string;

beforeAll(async () => {
  script = (await import(pathToFileURL(path.join(repoRoot, 'scripts/build-cli.mjs')).href)) as BuildCliScript;
  entry = await script.buildCli({ outdir });
});
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

function runBundle(args: string[], env: Record<string, string> = {}) {
  const code = `const { main } = await import(${JSON.stringify(pathToFileURL(entry).href)}); process.exitCode = await main(${JSON.stringify(args)});`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', env: { ...process.env, ...env }, input: '' });
}

/** Every chunk a module loads before any of its code runs (its static imports, transitively). */
function staticallyLoaded(file: string, seen = new Set<string>()): Set<string> {
  seen.add(file);
  for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(/^import\s[^;]*?["'](\.\/[^"']+)["'];?$/gm)) {
    const next = path.join(path.dirname(file), spec!);
    if (!seen.has(next)) staticallyLoaded(next, seen);
  }
  return seen;
}

describe('the command line bundle', () => {
  test('prints the usage without loading the API, the schemas or the importers', () => {
    const result = runBundle(['--help']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: chartkeeper <command>/);
    const loaded = [...staticallyLoaded(entry)].map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(loaded).toContain('Usage: chartkeeper');
    // The API, zod and fast-xml-parser are in chunks that only a command's dynamic import loads.
    expect(loaded).not.toMatch(/function createApi\(/);
    expect(loaded).not.toMatch(/\$ZodType|XMLParser/);
    expect(fs.readdirSync(outdir).some((f) => fs.readFileSync(path.join(outdir, f), 'utf8').includes('function createApi('))).toBe(true);
  });

  test('runs commands through the real API, with the import worker beside its chunks', () => {
    const vault = path.join(tempDir(), 'v');
    const env = { CHARTKEEPER_PASSPHRASE: 'bundle test passphrase' };
    expect(runBundle(['vault', 'create', '--vault', vault], env).status).toBe(0);
    expect(runBundle(['profile', 'add', 'Alice Example', '--birth-date', '1950-01-31', '--vault', vault], env).status).toBe(0);
    const list = runBundle(['profile', 'list', '--vault', vault, '--json'], env);
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout).map((p: { name: string }) => p.name)).toEqual(['Alice Example']);
    expect(fs.existsSync(path.join(outdir, 'parse-worker.cjs'))).toBe(true);
    expect(fs.existsSync(path.join(outdir, 'checkpoint-worker.cjs'))).toBe(true);
  });

  test('is fresh after a build and stale once a file it was built from changed or went away', () => {
    expect(script.bundleIsFresh(outdir)).toBe(true);
    const recordFile = path.join(outdir, 'inputs.json');
    const record = JSON.parse(fs.readFileSync(recordFile, 'utf8')) as { startedAt: number; inputs: string[] };
    expect(record.inputs).toContain('main/cli.ts');
    expect(record.inputs).toContain('main/importers/parse-pool.ts');
    try {
      // Every source was last changed before this build began; a build that began earlier is stale.
      const oldest = Math.min(...record.inputs.map((i) => fs.statSync(path.join(repoRoot, i)).mtimeMs));
      fs.writeFileSync(recordFile, JSON.stringify({ ...record, startedAt: oldest - 1 }));
      expect(script.bundleIsFresh(outdir)).toBe(false);
      fs.writeFileSync(recordFile, JSON.stringify({ ...record, inputs: [...record.inputs, 'main/no-such-file.ts'] }));
      expect(script.bundleIsFresh(outdir)).toBe(false);
      fs.writeFileSync(recordFile, JSON.stringify(record));
      expect(script.bundleIsFresh(outdir)).toBe(true);
    } finally {
      fs.writeFileSync(recordFile, JSON.stringify(record));
    }
    expect(script.bundleIsFresh(path.join(outdir, 'missing'))).toBe(false);
  });
});
