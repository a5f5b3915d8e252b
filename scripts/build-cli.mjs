// Bundles the command line (main/cli.ts) into dist/cli/, so the installed `chartkeeper` runs
// plain JavaScript instead of loading every TypeScript source through Node's type stripper on
// each call. An ES-module bundle split into chunks: `--help` loads only the entry chunk, and
// the API, the contract's schemas and the importers load when a command needs them. The import
// worker is bundled beside it (parse-pool.ts starts parse-worker.cjs from beside its chunk), and so
// are the document inspection worker (inspect-worker.cjs, inspect-off-thread.ts) and the
// checkpoint worker (checkpoint-worker.cjs, background-checkpoints.ts).
//   node scripts/build-cli.mjs [--outdir <dir>]      (run by `npm install` through `prepare`)
// bin/chartkeeper.mjs uses the bundle while it is fresh (see bundleIsFresh) and rebuilds it
// on first run or after a source changed; CHARTKEEPER_CLI_SOURCE=1 runs the sources instead.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIR = path.join(repoRoot, 'dist', 'cli');
export const CLI_ENTRY = 'cli.mjs';
/** Every file the bundle was built from, and when: what bundleIsFresh checks. */
const INPUTS_FILE = 'inputs.json';

/**
 * Fresh when the bundle exists and no file it was built from changed since the build began.
 * Only stat calls (a few hundred, ~1 ms): it runs on every start of the command.
 */
export function bundleIsFresh(outdir = CLI_DIR) {
  let record;
  try {
    record = JSON.parse(fs.readFileSync(path.join(outdir, INPUTS_FILE), 'utf8'));
  } catch {
    return false;
  }
  if (!fs.existsSync(path.join(outdir, CLI_ENTRY))) return false;
  for (const input of record.inputs) {
    let stat;
    try {
      stat = fs.statSync(path.join(repoRoot, input));
    } catch {
      return false; // a file the bundle was built from was removed or moved
    }
    if (stat.mtimeMs > record.startedAt) return false;
  }
  return true;
}

/** esbuild options for the command line's bundle. */
export function cliBuildOptions(outdir = CLI_DIR) {
  return {
    entryPoints: { cli: 'main/cli.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    absWorkingDir: repoRoot,
    // The native SQLite binding cannot be bundled; playwright-core (PDF only) reads files of
    // its own package at run time and is loaded from node_modules when a PDF is made.
    external: ['better-sqlite3-multiple-ciphers', 'playwright-core', 'electron', 'tesseract.js', '@napi-rs/canvas', 'heic-decode'],
    // Bundled CommonJS packages call require() for Node's modules; an ES module has none.
    banner: { js: "import { createRequire as __chartkeeperCreateRequire } from 'node:module'; const require = __chartkeeperCreateRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'warning',
    legalComments: 'inline',
  };
}

/**
 * Builds the bundle into a scratch folder and moves it into place, so a command started during
 * the build (or a second build racing this one) never loads half-written chunks.
 */
export async function buildCli({ outdir = CLI_DIR } = {}) {
  const { build } = await import('esbuild');
  const { checkpointWorkerBuildOptions, inspectWorkerBuildOptions, parseWorkerBuildOptions } = await import('./build-app.mjs');
  const scratch = `${outdir}.build-${process.pid}-${Date.now()}`;
  const startedAt = Date.now();
  try {
    const workers = [parseWorkerBuildOptions, inspectWorkerBuildOptions, checkpointWorkerBuildOptions].map((options) => ({ ...options(scratch), metafile: true }));
    const results = await Promise.all([build(cliBuildOptions(scratch)), ...workers.map((options) => build(options))]);
    // The workers' own sources, and the build scripts, make the bundle stale too.
    const inputs = [...new Set([...results.flatMap((result) => Object.keys(result.metafile.inputs)), 'scripts/build-cli.mjs', 'scripts/build-app.mjs'])].filter((input) => !input.startsWith('<'));
    fs.writeFileSync(path.join(scratch, INPUTS_FILE), JSON.stringify({ startedAt, inputs }));
    // A build that raced this one and finished first may already be running: leave it be.
    if (bundleIsFresh(outdir)) return path.join(outdir, CLI_ENTRY);
    fs.rmSync(outdir, { recursive: true, force: true });
    try {
      fs.renameSync(scratch, outdir);
    } catch (error) {
      // Another build moved its folder in first; that one is as good as this one.
      if (!fs.existsSync(path.join(outdir, CLI_ENTRY))) throw error;
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return path.join(outdir, CLI_ENTRY);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  const outdir = at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : undefined;
  try {
    await buildCli(outdir ? { outdir } : {});
  } catch (error) {
    // `npm install --omit=dev` has no esbuild: the command then runs from the sources.
    process.stderr.write(`chartkeeper: the command line was not bundled (${error.message.split('\n')[0]}); it will run from the TypeScript sources.\n`);
  }
}
