// `npm run bench:large-data [-- --dir bench-data/large] [--entries 2000000] [--seed N]`:
// writes the large-profile vault (issue #19, Scale): one profile of 2 million entries and
// readings (bench/large-data.ts), through the vault's import writer (reconciliation, blocking
// keys, provenance, search index, trend points, encryption) in transactions of several files.
// A manifest beside it records what was generated and how long it took, so the benchmark
// reuses it (bench-data/ is not in git).
//
// After the last transaction the generator runs, once, the search-index upkeep the app's
// checkpoint worker runs after every import (main/vault/search-index-upkeep.ts), so the profile
// is as the app leaves it after an import whose upkeep merged: one segment, not the 11 FTS5's
// own merging leaves. Not after each of the 9,411 transactions: merging the growing index again
// every third one would rewrite it thousands of times. Between two merges a person's profile
// holds up to three segments (README "Performance" has search measured in that state too).
import fs from 'node:fs';
import path from 'node:path';
import { prepareOriginal } from '../main/importers/original-file.ts';
import { writeImport } from '../main/vault/import-writer.ts';
import { upkeepSearchIndex } from '../main/vault/search-index-upkeep.ts';
import { createVault } from '../main/vault/vault.ts';
import { benchPassphrase } from './data.ts';
import { largeProfileFiles, planStreams } from './large-data.ts';

/** 2: the search-index upkeep runs after the last import (the index in one segment, not 11). */
export const LARGE_GENERATOR_VERSION = 2;
export const LARGE_DEFAULT_ENTRIES = 2_000_000;
export const LARGE_DEFAULT_SEED = 20_261_206;
const MANIFEST = 'large-manifest.json';
/** Records written per transaction: one encrypted commit per ~20,000 readings. */
const RECORDS_PER_TRANSACTION = 20_000;
const NOW = new Date('2026-01-01T12:00:00Z');

export interface LargeManifest {
  generatorVersion: number;
  seed: number;
  totalRecords: number;
  profileId: string;
  /** Entries in the profile after reconciliation (clinical copies merge). */
  entries: number;
  streams: { id: string; label: string; records: number }[];
  files: number;
  seconds: number;
  fileMb: number;
  /** The search-index upkeep after the last import: segments before and after, steps and seconds (part of `seconds`). */
  upkeep?: { before: number; after: number; steps: number; seconds: number };
}

export interface LargeArgs {
  dir: string;
  seed: number;
  total: number;
  fresh: boolean;
}

/** `plain`: --dir and --entries name the large vault (its own command); in the whole bench they are --large-dir and --large-entries. */
export function parseLargeArgs(argv: readonly string[], cwd: string, plain = false): LargeArgs {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    dir: path.resolve(cwd, value('--large-dir') ?? (plain ? value('--dir') : undefined) ?? 'bench-data/large'),
    seed: Number(value('--seed') ?? LARGE_DEFAULT_SEED),
    total: Number(value('--large-entries') ?? (plain ? value('--entries') : undefined) ?? LARGE_DEFAULT_ENTRIES),
    fresh: argv.includes('--fresh'),
  };
}

export function readLargeManifest(dir: string): LargeManifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as LargeManifest;
  } catch {
    return undefined;
  }
}

/** Writes the vault from scratch (the folder is emptied first). */
export function generateLargeVault(args: LargeArgs, passphrase: string, log: (line: string) => void): LargeManifest {
  const started = performance.now();
  fs.rmSync(args.dir, { recursive: true, force: true });
  const session = createVault(args.dir, passphrase, NOW);
  let profileId = '';
  let files = 0;
  let entries = 0;
  let upkeep: LargeManifest['upkeep'];
  const perStream = new Map<string, number>();
  try {
    const profile = session.addProfile({ name: 'Morgan Largeprofile', birthDate: '1961-04-12', sex: 'female' }, NOW);
    profileId = profile.id;
    const db = session.profileDb(profile.id);
    const stream = largeProfileFiles(args.seed, args.total);
    let done = false;
    let lastLog = performance.now();
    while (!done) {
      db.transaction(() => {
        for (let records = 0; records < RECORDS_PER_TRANSACTION; ) {
          const next = stream.next();
          if (next.done) {
            done = true;
            return;
          }
          const { stream: plan, file } = next.value;
          const outcome = writeImport(db, prepareOriginal(file.name, file.bytes), file.parsed, NOW.toISOString());
          for (const count of Object.values(outcome.counts)) entries += count.new;
          // Notes are entries the report does not count.
          entries += file.parsed.documents[0]!.records.filter((r) => r.kind === 'note').length;
          perStream.set(plan.id, (perStream.get(plan.id) ?? 0) + file.records);
          records += file.records;
          files++;
        }
      }).immediate();
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        log(`  ${entries.toLocaleString('en-US')} entries from ${files} files at ${Math.round((performance.now() - started) / 1000)} s`);
      }
    }
    db.pragma('optimize');
    const upkeepStarted = performance.now();
    const outcome = upkeepSearchIndex(db);
    upkeep = { before: outcome.before, after: outcome.after, steps: outcome.steps, seconds: Math.round((performance.now() - upkeepStarted) / 100) / 10 };
    log(`  search index: ${outcome.before} segments merged into ${outcome.after} in ${outcome.steps} steps, ${upkeep.seconds} s`);
  } finally {
    session.close();
  }
  const fileBytes = fs.readdirSync(path.join(args.dir, 'profiles')).reduce((sum, f) => sum + fs.statSync(path.join(args.dir, 'profiles', f)).size, 0);
  const manifest: LargeManifest = {
    generatorVersion: LARGE_GENERATOR_VERSION,
    seed: args.seed,
    totalRecords: args.total,
    profileId,
    entries,
    streams: planStreams(args.total).map((s) => ({ id: s.id, label: s.label, records: perStream.get(s.id) ?? 0 })),
    files,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    fileMb: Math.round(fileBytes / 1e5) / 10,
    ...(upkeep ? { upkeep } : {}),
  };
  fs.writeFileSync(path.join(args.dir, MANIFEST), JSON.stringify(manifest, null, 2), { mode: 0o600 });
  return manifest;
}

/** Reuses a finished vault of this generator version, seed and size unless `fresh`. */
export function ensureLargeVault(args: LargeArgs, passphrase: string, log: (line: string) => void): LargeManifest {
  const existing = readLargeManifest(args.dir);
  if (!args.fresh && existing?.generatorVersion === LARGE_GENERATOR_VERSION && existing.seed === args.seed && existing.totalRecords === args.total) {
    log(`Reusing the large-profile vault in ${args.dir} (${existing.entries.toLocaleString('en-US')} entries, generated in ${existing.seconds} s).`);
    return existing;
  }
  log(`Generating the large profile: ${args.total.toLocaleString('en-US')} records into ${args.dir} (seed ${args.seed}) …`);
  const manifest = generateLargeVault(args, passphrase, log);
  log(`Done: ${manifest.entries.toLocaleString('en-US')} entries from ${manifest.files} files in ${manifest.seconds} s (${manifest.fileMb} MB).`);
  return manifest;
}

if (import.meta.main) {
  const args = parseLargeArgs(process.argv.slice(2), process.cwd(), true);
  const { passphrase } = benchPassphrase();
  ensureLargeVault({ ...args, fresh: true }, passphrase, (line) => console.log(line));
}
