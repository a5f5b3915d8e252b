// Apple Health export import against the bare streaming parse of the same file, each in a
// process of its own so neither's memory or JIT state colours the other:
// - bare: the file streamed (1 MB reads) through a TextDecoder into saxes, every open tag
//   seen by a handler that only counts: the least a streaming reader of it can do;
// - import: the same file imported into a fresh vault through main/api, as the app and the
//   command line do, by bench/apple-import-child.ts bundled as the app's main process is.
// The bare parse reads 64 KB at a time, as the importer does (READ_CHUNK in archive.ts).
//   node bench/apple-import.ts bare FILE   → one JSON line
//   node bench/apple-import.ts both FILE   → both figures, one JSON line
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { buildAppChild } from './app-bundle.ts';
import type { ChildResult } from './apple-import-child.ts';

const here = fileURLToPath(import.meta.url);

export interface AppleImportFigures {
  megabytes: number;
  bareParseMs: number;
  importMs: number;
  importPeakRssMb: number;
  bareParsePeakRssMb: number;
  /** CPU time (all threads): on a loaded machine wall time stretches, CPU time much less. */
  bareParseCpuMs: number;
  importCpuMs: number;
  entries: number;
  /** From the last byte read to the import's end. */
  importTailMs?: number;
  importTailCpuMs?: number;
  /** The import's CPU ms per thread, where /proc tells it. */
  importThreads?: Record<string, number>;
}


async function bare(file: string): Promise<ChildResult> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const parser = new SaxesParser({ position: true });
  let tags = 0;
  parser.on('opentag', () => {
    tags += 1;
  });
  const decoder = new TextDecoder('utf-8');
  // saxes reads no DTD: the bare parse starts at the document element, as the importer's parser does after its prolog check.
  let started2 = false;
  // Read as the importer reads a bare export.xml (READ_CHUNK bytes at a time).
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
    let text = decoder.decode(chunk, { stream: true });
    if (!started2) {
      const at = text.indexOf('<HealthData');
      if (at < 0) continue;
      text = text.slice(at);
      started2 = true;
    }
    parser.write(text);
  }
  parser.close();
  if (tags === 0) throw new Error('no elements');
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

function child(mode: 'bare' | 'import', file: string, importChild: string): ChildResult {
  const args = mode === 'bare' ? [here, mode, file] : [importChild, file];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as ChildResult;
  } catch {
    return { ms: 0, peakRssMb: 0, error: `the ${mode} process failed (${run.status}): ${run.stderr.trim().split('\n').at(-1) ?? ''}` };
  }
}

/** Both measurements on `file` (made by `npm run bench:data`). */
export async function measureAppleImport(file: string): Promise<AppleImportFigures | { error: string }> {
  const importChild = await buildAppChild('bench/apple-import-child.ts', 'apple-import-child.cjs');
  const b = child('bare', file, importChild);
  if (b.error) return { error: b.error };
  const i = child('import', file, importChild);
  if (i.error) return { error: i.error };
  return {
    megabytes: fs.statSync(file).size / 2 ** 20,
    bareParseMs: b.ms,
    importMs: i.ms,
    bareParseCpuMs: b.cpuMs ?? 0,
    importCpuMs: i.cpuMs ?? 0,
    importPeakRssMb: i.peakRssMb,
    bareParsePeakRssMb: b.peakRssMb,
    entries: i.entries ?? 0,
    ...(i.tailMs !== undefined ? { importTailMs: i.tailMs } : {}),
    ...(i.tailCpuMs !== undefined ? { importTailCpuMs: i.tailCpuMs } : {}),
    ...(i.threads ? { importThreads: i.threads } : {}),
  };
}

/** The largest export `npm run bench:data` left in `dir`, if any. */
export function findAppleExport(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^export-\d+mb\.xml$/.test(f))
    .map((f) => path.join(dir, f));
  return files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
}

if (import.meta.main && process.argv[2]) {
  const [mode, file] = process.argv.slice(2) as ['bare' | 'both', string];
  if (mode === 'both') console.log(JSON.stringify(await measureAppleImport(file)));
  else {
    const result = await bare(file).catch((error: unknown) => ({ ms: 0, peakRssMb: 0, error: String(error) }));
    console.log(JSON.stringify(result));
  }
}
