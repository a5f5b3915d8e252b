// The benchmark's child processes run as the app runs: bundled with scripts/build-app.mjs's
// options (the main process's, its import worker and its checkpoint worker beside it) into
// dist/bench, inside the repository so the bundle finds the native SQLite module. Run from
// sources, every thread would also load Node's TypeScript stripper (time and ~15 MB a thread)
// that the app never has. Loads nothing of Chartkeeper itself: a bare parse's process imports it.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface AppBuildScript {
  mainBuildOptions(outdir?: string): BuildOptions;
  parseWorkerBuildOptions(outdir?: string): BuildOptions;
  checkpointWorkerBuildOptions(outdir?: string): BuildOptions;
}

/** Bundles `entry` (a bench/ file) as dist/bench/`outName` with the workers it starts; returns its path. */
export async function buildAppChild(entry: string, outName: string): Promise<string> {
  const outdir = path.join(repoRoot, 'dist', 'bench');
  const script = (await import(pathToFileURL(path.join(repoRoot, 'scripts/build-app.mjs')).href)) as AppBuildScript;
  const outfile = path.join(outdir, outName);
  await build({ ...script.mainBuildOptions(outdir), entryPoints: [entry], outfile });
  // parse-pool.ts and background-checkpoints.ts start their workers from beside the bundle.
  await build(script.parseWorkerBuildOptions(outdir));
  await build(script.checkpointWorkerBuildOptions(outdir));
  return outfile;
}
