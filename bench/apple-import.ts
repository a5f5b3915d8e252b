// Apple Health export import against the bare streaming parse of the same file, each in a
// process of its own so neither's memory or JIT state colours the other:
// - bare: the file streamed (1 MB reads) through a TextDecoder into saxes, every open tag
//   seen by a handler that only counts: the least a streaming reader of it can do;
// - import: the same file imported into a fresh vault through main/api (import.files with a
//   file token), as the app and the command line do; the process's peak RSS (every thread).
// The bare parse reads 64 KB at a time, as the importer does (READ_CHUNK in archive.ts).
//   node bench/apple-import.ts bare|import FILE   → one JSON line
import { spawnSync } from 'node:child_process';
import diagnostics_channel from 'node:diagnostics_channel';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';

const here = fileURLToPath(import.meta.url);
/** main/api/apple-health.ts's `lastByteRead` (not imported: the bare parse's process loads none of Chartkeeper). */
const APPLE_LAST_BYTE = 'chartkeeper:apple-health:last-byte';

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

interface ChildResult {
  ms: number;
  /** CPU time of every thread of the process over the same span. */
  cpuMs?: number;
  peakRssMb: number;
  entries?: number;
  /** From the last byte read (main/api/apple-health.ts's `lastByteRead`) to the import's end: the writer's tail. */
  tailMs?: number;
  /** The main thread's CPU over that tail (the writer's; wall stretches with the load, this much less). */
  tailCpuMs?: number;
  /** CPU ms per thread of the import's process (name: ms), sampled from /proc (Linux only). */
  threads?: Record<string, number>;
  error?: string;
}

/**
 * CPU time per thread, sampled every 100 ms from /proc/self/task/<tid>/stat (a worker's thread
 * is gone once it ends, so its last sample stands for it). Named "main", "worker-<tid>" or by
 * the kernel's name (V8's GC helpers, libuv's pool); threads under 50 ms left out.
 */
function threadSampler(): { stop: () => Record<string, number> } | undefined {
  if (!fs.existsSync('/proc/self/task')) return undefined;
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const seen = new Map<string, { name: string; start: number; now: number }>();
  const sample = () => {
    for (const tid of fs.readdirSync('/proc/self/task')) {
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      } catch {
        continue;
      }
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * tick;
      const known = seen.get(tid);
      if (known) known.now = ms;
      else seen.set(tid, { name, start: ms, now: ms });
    }
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      const out: Record<string, number> = {};
      for (const [tid, t] of seen) {
        const used = t.now - t.start;
        if (used < 50) continue;
        const name = String(tid) === String(process.pid) ? 'main' : `${t.name}-${tid}`;
        out[name] = Math.round(used);
      }
      return out;
    },
  };
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

async function importOnce(file: string): Promise<ChildResult> {
  // Loaded here, not at the top: the bare parse's process loads none of Chartkeeper.
  const { benchApi, call } = await import('./platform.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-bench-apple-'));
  const api = benchApi(path.join(dir, 'vault'), undefined, { 'bench-apple-export-0001': file });
  try {
    await call(api, 'vault.create', { passphrase: 'bench apple health export' });
    const profile = await call<{ id: string }>(api, 'profiles.add', { name: 'Bench Person', birthDate: '1958-04-12' });
    const started = performance.now();
    const cpu = process.cpuUsage();
    const threads = threadSampler();
    let lastByte: number | undefined;
    let lastByteCpu: NodeJS.CpuUsage | undefined;
    // The importer says when its last byte is read: the tail after it runs in one go, so
    // asking import.progress meanwhile gets no answer before the import's own.
    const onLastByte = () => {
      lastByte ??= performance.now();
      lastByteCpu ??= process.threadCpuUsage();
    };
    diagnostics_channel.subscribe(APPLE_LAST_BYTE, onLastByte);
    const report = await call<{ files: { error?: string; counts?: Record<string, { new: number }> }[] }>(api, 'import.files', {
      profileId: profile.id,
      files: [{ token: 'bench-apple-export-0001' }],
    });
    const ms = performance.now() - started;
    diagnostics_channel.unsubscribe(APPLE_LAST_BYTE, onLastByte);
    const tailMs = lastByte === undefined ? undefined : performance.now() - lastByte;
    const tailCpu = lastByteCpu && process.threadCpuUsage(lastByteCpu);
    const tailCpuMs = tailCpu && (tailCpu.user + tailCpu.system) / 1000;
    const used = process.cpuUsage(cpu);
    const perThread = threads?.stop();
    const result = report.files[0]!;
    if (result.error) return { ms, peakRssMb: 0, error: result.error };
    const entries = Object.values(result.counts ?? {}).reduce((n, c) => n + c.new, 0);
    await call(api, 'vault.lock', {});
    return { ms, cpuMs: (used.user + used.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, entries, ...(tailMs !== undefined ? { tailMs } : {}), ...(tailCpuMs !== undefined ? { tailCpuMs } : {}), ...(perThread ? { threads: perThread } : {}) };
  } finally {
    await api.context.parsePool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function child(mode: 'bare' | 'import', file: string): ChildResult {
  const run = spawnSync(process.execPath, [here, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as ChildResult;
  } catch {
    return { ms: 0, peakRssMb: 0, error: `the ${mode} process failed (${run.status}): ${run.stderr.trim().split('\n').at(-1) ?? ''}` };
  }
}

/** Both measurements on `file` (made by `npm run bench:data`). */
export function measureAppleImport(file: string): AppleImportFigures | { error: string } {
  const b = child('bare', file);
  if (b.error) return { error: b.error };
  const i = child('import', file);
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
  const [mode, file] = process.argv.slice(2) as ['bare' | 'import' | 'both', string];
  if (mode === 'both') console.log(JSON.stringify(measureAppleImport(file)));
  else {
    const result = await (mode === 'bare' ? bare(file) : importOnce(file)).catch((error: unknown) => ({ ms: 0, peakRssMb: 0, error: String(error) }));
    console.log(JSON.stringify(result));
  }
}
