// Bundles the Electron shell: main/app/main.ts → dist/app/main.cjs, its import worker →
// dist/app/parse-worker.cjs, its document inspection worker → dist/app/inspect-worker.cjs, its
// checkpoint worker → dist/app/checkpoint-worker.cjs, and preload/index.ts → dist/app/preload.cjs (and copies the CDSi
// supporting data to dist/app/cdsi). Both are CommonJS because Electron loads the main entry with require and a
// sandboxed preload can only require 'electron' (so zod and the contract are bundled in).
//   node scripts/build-app.mjs [--outdir <dir>]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultOutdir = path.join(repoRoot, 'dist', 'app');

/**
 * Modules that must stay outside the bundle: Electron itself, the native SQLite binding,
 * tesseract.js (it starts its own worker thread and WebAssembly core from files of its package),
 * the native canvas (@napi-rs/canvas: its .node binary is found beside its package) and
 * heic-decode (libheif's 2 MB WebAssembly build, loaded only by the document worker).
 */
export const EXTERNAL = ['electron', 'better-sqlite3-multiple-ciphers', 'tesseract.js', '@napi-rs/canvas', 'heic-decode'];

const common = {
  bundle: true,
  format: 'cjs',
  external: EXTERNAL,
  absWorkingDir: repoRoot,
  logLevel: 'warning',
  legalComments: 'inline',
};

/** esbuild options for the main process bundle. */
export function mainBuildOptions(outdir = defaultOutdir) {
  return {
    ...common,
    entryPoints: ['main/app/main.ts'],
    outfile: path.join(outdir, 'main.cjs'),
    platform: 'node',
    target: 'node22', // Electron 45 ships Node 22
    // Shared main/ code is written as ES modules; give import.meta its CommonJS meaning.
    define: {
      'import.meta.url': '__chartkeeperImportMetaUrl',
      'import.meta.dirname': '__dirname',
      'import.meta.filename': '__filename',
    },
    banner: { js: "const __chartkeeperImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
}

/**
 * esbuild options for the import worker (main/importers/parse-worker.ts), which the main
 * process starts from dist/app/parse-worker.cjs beside main.cjs (see parse-pool.ts).
 */
export function parseWorkerBuildOptions(outdir = defaultOutdir) {
  const main = mainBuildOptions(outdir);
  return { ...main, entryPoints: ['main/importers/parse-worker.ts'], outfile: path.join(outdir, 'parse-worker.cjs') };
}

/**
 * esbuild options for the checkpoint worker (main/vault/checkpoint-worker.ts: a profile's
 * write-ahead log copied into its file after an import), started from checkpoint-worker.cjs
 * beside main.cjs (see background-checkpoints.ts).
 */
export function checkpointWorkerBuildOptions(outdir = defaultOutdir) {
  const main = mainBuildOptions(outdir);
  return { ...main, entryPoints: ['main/vault/checkpoint-worker.ts'], outfile: path.join(outdir, 'checkpoint-worker.cjs') };
}

/**
 * esbuild options for the document inspection worker (main/documents/inspect-worker.ts: a PDF's
 * pages and text with PDF.js), started from dist/app/inspect-worker.cjs beside main.cjs
 * (see inspect-off-thread.ts).
 */
export function inspectWorkerBuildOptions(outdir = defaultOutdir) {
  const main = mainBuildOptions(outdir);
  return { ...main, entryPoints: ['main/documents/inspect-worker.ts'], outfile: path.join(outdir, 'inspect-worker.cjs') };
}

/** esbuild options for the sandboxed preload bundle. */
export function preloadBuildOptions(outdir = defaultOutdir) {
  return {
    ...common,
    entryPoints: ['preload/index.ts'],
    outfile: path.join(outdir, 'preload.cjs'),
    platform: 'node',
    target: 'chrome140', // Electron 45's Chromium
    minify: true, // zod is most of it, and the preload loads with every page
  };
}

export async function buildApp({ outdir = defaultOutdir } = {}) {
  await Promise.all([build(mainBuildOptions(outdir)), build(parseWorkerBuildOptions(outdir)), build(inspectWorkerBuildOptions(outdir)), build(checkpointWorkerBuildOptions(outdir)), build(preloadBuildOptions(outdir))]);
  // CDC's CDSi supporting data, read by main/immunizations at first use from beside main.cjs.
  fs.cpSync(path.join(repoRoot, 'resources', 'cdsi'), path.join(outdir, 'cdsi'), { recursive: true });
  return { main: path.join(outdir, 'main.cjs'), parseWorker: path.join(outdir, 'parse-worker.cjs'), preload: path.join(outdir, 'preload.cjs') };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  const outdir = at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : undefined;
  await buildApp(outdir ? { outdir } : {});
}
