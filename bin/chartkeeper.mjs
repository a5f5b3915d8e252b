#!/usr/bin/env node
// Starts the command line. Chartkeeper needs Node 22 or newer (its SQLCipher library crashes
// on older Node); when started by an older system Node, hand over to the Node 24 that
// `npm install` put in node_modules.
//
// It runs the bundle in dist/cli/ (scripts/build-cli.mjs, built by `npm install`), built again
// here on first run or when a source file changed since, so a call never pays for stripping
// the TypeScript sources' types. CHARTKEEPER_CLI_SOURCE=1 runs main/cli.ts from source
// instead (debugging with source lines); so does a checkout without esbuild.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);

async function entry() {
  const source = pathToFileURL(join(root, 'main', 'cli.ts')).href;
  if (process.env.CHARTKEEPER_CLI_SOURCE === '1') return source;
  const bundle = await import('../scripts/build-cli.mjs');
  if (bundle.bundleIsFresh()) return pathToFileURL(join(bundle.CLI_DIR, bundle.CLI_ENTRY)).href;
  try {
    return pathToFileURL(await bundle.buildCli()).href;
  } catch {
    return source; // no esbuild (installed without dev dependencies): the sources still run
  }
}

if (major < 22) {
  const bundled = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bundled)) {
    process.stderr.write('chartkeeper: Node 22 or newer is needed; run `npm install` in the Chartkeeper folder first.\n');
    process.exit(1);
  }
  // Node cannot replace its own process (no exec), so the old Node waits for the new one and
  // passes on how it ended.
  const { spawnSync } = await import('node:child_process');
  const result = spawnSync(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.signal) process.kill(process.pid, result.signal);
  process.exit(result.status ?? 1);
} else {
  // V8's compiled code for the bundle, kept between calls: `profile list` starts ~30 ms sooner.
  // Only code is kept there, never data; a folder that cannot be written is simply not used.
  (await import('node:module')).enableCompileCache?.(join(root, 'node_modules', '.cache', 'chartkeeper-cli'));
  const { main } = await import(await entry());
  process.exitCode = await main(process.argv.slice(2));
}
