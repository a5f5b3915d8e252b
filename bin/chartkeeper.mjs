#!/usr/bin/env node
// Starts the command line. Chartkeeper needs Node 22 or newer (its SQLCipher library crashes
// on older Node); when started by an older system Node, hand over to the Node 24 that
// `npm install` put in node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);

if (major < 22) {
  const bundled = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bundled)) {
    process.stderr.write('chartkeeper: Node 22 or newer is needed; run `npm install` in the Chartkeeper folder first.\n');
    process.exit(1);
  }
  const result = spawnSync(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
} else {
  const { main } = await import(pathToFileURL(join(root, 'main', 'cli.ts')).href);
  process.exitCode = await main(process.argv.slice(2));
}
