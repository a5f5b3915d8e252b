// Import figures: the whole C-CDA corpus through main/api's import.files into a fresh
// encrypted vault, against fast-xml-parser alone on the same bytes in the same process; the
// same writes into an encrypted and an unencrypted file; and a 5 MB document's peak memory in
// a child process.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFile } from '../main/importers/index.ts';
import { prepareOriginal } from '../main/importers/original-file.ts';
import { defaultWorkerCount } from '../main/importers/parse-pool.ts';
import { headerOf, storeDocuments } from '../main/importers/stored-document.ts';
import { writeImports, type ImportItem } from '../main/vault/import-writer.ts';
import type { Api } from '../main/api/index.ts';
import { migrate } from '../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../main/vault/migrations/profile/index.ts';
import { checkpoint, openEncrypted, openPlaintextForBenchmark, type Connection } from '../main/vault/sqlite.ts';
import { buildAppChild } from './app-bundle.ts';
import { bareParse } from './bare-parse.ts';
import { CORPUS, ccdaCorpus, type CorpusFile } from './corpus.ts';
import { benchApi, call } from './platform.ts';
import { median } from './stats.ts';
import { cpuByThreadName, threadSnapshot } from './thread-cpu.ts';

const PASS = 'bench import passphrase';
/** Encrypted and plain writes of the whole corpus, each (see measureImport). */
const WRITE_ROUNDS = 5;
const NOW = '2026-01-01T12:00:00.000Z';

export interface ImportFigures {
  files: number;
  refused: number;
  megabytes: number;
  bareParseMs: number;
  /**
   * CPU time of the bare parse, every thread of the process (its own and V8's collector and
   * compiler threads working for it), the baseline of the import's CPU time, which counts every
   * thread too (as the Apple Health figures do on both sides).
   */
  bareParseCpuMs: number;
  /** The same, its own thread only (the baseline until the seventh session). */
  bareParseThreadCpuMs: number;
  importerOnlyMs: number;
  fullImportMs: number;
  /** CPU time of every thread (main and parse workers) during the full import. */
  fullImportCpuMs: number;
  /** CPU time of the main thread alone: what the import takes from serving the app. */
  fullImportMainThreadCpuMs: number;
  /** Of fullImportCpuMs, the parse workers' threads (Linux only: /proc/self/task). */
  fullImportWorkerThreadsCpuMs?: number | undefined;
  /** Of fullImportCpuMs, V8's platform threads: concurrent compilation and GC helpers, for both isolates (Linux only). */
  fullImportV8HelperCpuMs?: number | undefined;
  workers: number;
  vaultWriteEncryptedMs: number;
  vaultWritePlainMs: number;
  /** The same writes' CPU time (this thread: SQLite encrypts in the writing thread). */
  vaultWriteEncryptedCpuMs: number;
  vaultWritePlainCpuMs: number;
}

function scratchDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-bench-import-'));
}

function freshProfileDb(dir: string, encrypted: boolean): Connection {
  const file = path.join(dir, `p-${crypto.randomBytes(4).toString('hex')}.db`);
  const db = encrypted ? openEncrypted(file, PASS, { create: true }) : openPlaintextForBenchmark(file);
  migrate(db, PROFILE_MIGRATIONS, file);
  return db;
}

/**
 * The whole import as the app runs it: main/api's import.files (read, parse in the worker
 * pool, identity check skipped as with --force since the corpus holds many patients, reconcile,
 * encrypted write, audit), in the contract's batches of at most 200 files, into a new profile
 * (a new encrypted file) of a vault that stays unlocked, as in the app.
 */
async function importThroughApi(
  api: Api,
  round: number,
  files: readonly CorpusFile[],
): Promise<{ ms: number; cpuMs: number; mainThreadCpuMs: number; workerThreadsCpuMs?: number | undefined; v8HelperCpuMs?: number | undefined; failed: number }> {
  const profile = await call<{ id: string }>(api, 'profiles.add', { name: `Bench Import ${round}`, birthDate: '1950-01-01' });
  const threadsBefore = threadSnapshot();
  const cpu = process.cpuUsage();
  const mainThread = process.threadCpuUsage();
  const start = performance.now();
  let failed = 0;
  for (let i = 0; i < files.length; i += 200) {
    const batch = files.slice(i, i + 200).map((f) => ({ name: f.name, bytes: f.bytes }));
    const report = await call<{ files: { error?: string }[] }>(api, 'import.files', { profileId: profile.id, files: batch, force: true });
    failed += report.files.filter((f) => f.error).length;
  }
  const ms = performance.now() - start;
  // The wall time ends with the answer; the CPU time also counts the checkpoint of the import's
  // log that the answer did not wait for (vault/background-checkpoints.ts).
  api.context.session?.settleCheckpoints();
  const used = process.cpuUsage(cpu);
  const usedHere = process.threadCpuUsage(mainThread);
  const threadsAfter = threadSnapshot();
  const byName = threadsBefore && threadsAfter ? cpuByThreadName(threadsBefore, threadsAfter) : undefined;
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    mainThreadCpuMs: (usedHere.user + usedHere.system) / 1000,
    workerThreadsCpuMs: byName && (byName.get('WorkerThread') ?? 0),
    v8HelperCpuMs: byName && (byName.get('V8Worker') ?? 0),
    failed,
  };
}

function writeAll(db: Connection, items: readonly ImportItem[]): { ms: number; cpuMs: number } {
  const cpu = process.threadCpuUsage();
  const start = performance.now();
  writeImports(db, items, NOW);
  checkpoint(db);
  const used = process.threadCpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

export async function measureImport(log: (line: string) => void, rounds = 3): Promise<ImportFigures | undefined> {
  const all = ccdaCorpus();
  if (all.length === 0) return undefined;
  // Files the importer refuses are left out of both sides of the ratio.
  const files: CorpusFile[] = [];
  for (const file of all) {
    try {
      parseFile(file.bytes, file.name);
      files.push(file);
    } catch {
      // counted below
    }
  }
  const bytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  log(`    ${files.length} C-CDA files, ${(bytes / 1e6).toFixed(1)} MB (${all.length - files.length} refused by the importer)`);
  // Warm both paths up once so the JIT is not measured.
  for (const f of files) bareParse(f.bytes);

  const bare: number[] = [];
  const bareCpu: number[] = [];
  const bareThreadCpu: number[] = [];
  const importer: number[] = [];
  const full: number[] = [];
  const fullCpu: number[] = [];
  const mainCpu: number[] = [];
  const workerCpu: number[] = [];
  const helperCpu: number[] = [];
  const dir = scratchDir();
  const api = benchApi(path.join(dir, 'vault'));
  try {
    await call(api, 'vault.create', { passphrase: PASS });
    // The parse workers warm up too, as the in-process parsers did above.
    await importThroughApi(api, -1, files);
    for (let round = 0; round < rounds; round++) {
      let start = performance.now();
      const cpu = process.cpuUsage();
      const threadCpu = process.threadCpuUsage();
      for (const f of files) bareParse(f.bytes);
      bare.push(performance.now() - start);
      const used = process.cpuUsage(cpu);
      const usedHere = process.threadCpuUsage(threadCpu);
      bareCpu.push((used.user + used.system) / 1000);
      bareThreadCpu.push((usedHere.user + usedHere.system) / 1000);

      start = performance.now();
      for (const f of files) parseFile(f.bytes, f.name);
      importer.push(performance.now() - start);

      const run = await importThroughApi(api, round, files);
      if (run.failed > 0) throw new Error(`${run.failed} files failed to import through main/api`);
      full.push(run.ms);
      fullCpu.push(run.cpuMs);
      mainCpu.push(run.mainThreadCpuMs);
      if (run.workerThreadsCpuMs !== undefined) workerCpu.push(run.workerThreadsCpuMs);
      if (run.v8HelperCpuMs !== undefined) helperCpu.push(run.v8HelperCpuMs);
    }

    // Encrypted against plain: the same parsed files, prepared as the import worker prepares
    // them, written by the same writer in one batch. Alternating, with more rounds than above:
    // on our shared machines single writes of the same data varied by up to half.
    const items = files.map((file) => {
      const parsed = parseFile(file.bytes, file.name);
      const headers = parsed.documents.map((doc) => headerOf(doc.document));
      return { parsed, original: prepareOriginal(file.name, file.bytes), documents: storeDocuments(parsed), headers };
    });
    const encrypted: { ms: number; cpuMs: number }[] = [];
    const plain: { ms: number; cpuMs: number }[] = [];
    for (let round = 0; round < WRITE_ROUNDS; round++) {
      for (const isEncrypted of round % 2 === 0 ? [true, false] : [false, true]) {
        const db = freshProfileDb(dir, isEncrypted);
        (isEncrypted ? encrypted : plain).push(writeAll(db, items));
        db.close();
      }
    }
    return {
      files: files.length,
      refused: all.length - files.length,
      megabytes: bytes / 1e6,
      bareParseMs: median(bare),
      bareParseCpuMs: median(bareCpu),
      bareParseThreadCpuMs: median(bareThreadCpu),
      importerOnlyMs: median(importer),
      fullImportMs: median(full),
      fullImportCpuMs: median(fullCpu),
      fullImportMainThreadCpuMs: median(mainCpu),
      fullImportWorkerThreadsCpuMs: workerCpu.length > 0 ? median(workerCpu) : undefined,
      fullImportV8HelperCpuMs: helperCpu.length > 0 ? median(helperCpu) : undefined,
      workers: defaultWorkerCount(),
      vaultWriteEncryptedMs: median(encrypted.map((w) => w.ms)),
      vaultWritePlainMs: median(plain.map((w) => w.ms)),
      vaultWriteEncryptedCpuMs: median(encrypted.map((w) => w.cpuMs)),
      vaultWritePlainCpuMs: median(plain.map((w) => w.cpuMs)),
    };
  } finally {
    await api.invoke('vault.lock', {});
    await api.context.parsePool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface LargeDocumentFigures {
  megabytes: number;
  peakRssMb: number;
  rssBeforeMb: number;
  ms: number;
  entries: number;
}

/**
 * Imports a generated ~5 MB C-CDA in a child process and reports its peak RSS. The child runs
 * as the app does, from bundles built with scripts/build-app.mjs's options (main process and
 * import worker): run from source, each thread also loads Node's TypeScript stripper, ~15 MB
 * of memory per thread that the app never has.
 */
export async function measureLargeDocument(): Promise<LargeDocumentFigures | { error: string }> {
  const child = await buildAppChild('bench/large-document-child.ts', 'large-document-child.cjs');
  const run = spawnSync(process.execPath, [child, CORPUS], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as LargeDocumentFigures | { error: string };
  } catch {
    return { error: `the child process failed (${run.status}): ${run.stderr.trim().split('\n').at(-1) ?? ''}` };
  }
}
