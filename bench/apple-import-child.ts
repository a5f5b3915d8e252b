// The import side of bench/apple-import.ts, in a process of its own and run as the app runs
// it: bundled the way scripts/build-app.mjs bundles the main process, its import worker beside
// it (the Apple Health reading worker is that worker), so no thread pays for Node's TypeScript
// stripping. Imports the export into a fresh vault through main/api (import.files with a file
// token), as the app and the command line do, and prints one JSON line: wall and CPU time, the
// process's peak RSS (every thread), the tail after the last byte and the CPU per thread.
//   node dist/bench/apple-import-child.cjs FILE   (built by measureAppleImport)
//   node bench/apple-import-child.ts FILE         (from source, for profiling)
import diagnostics_channel from 'node:diagnostics_channel';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchApi, call } from './platform.ts';

/** main/api/apple-health.ts's `lastByteRead`. */
const APPLE_LAST_BYTE = 'chartkeeper:apple-health:last-byte';

export interface ChildResult {
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

async function importOnce(file: string): Promise<ChildResult> {
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
    // The wall time ends with the answer; the CPU time also counts the checkpoint of the
    // import's log that the answer did not wait for (vault/background-checkpoints.ts).
    api.context.session?.settleCheckpoints();
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

// A CommonJS bundle has no top-level await.
if (process.argv[2]) {
  importOnce(process.argv[2])
    .catch((error: unknown): ChildResult => ({ ms: 0, peakRssMb: 0, error: String(error) }))
    .then((result) => console.log(JSON.stringify(result)))
    .catch(() => {
      process.exitCode = 1;
    });
}
