// `npm run bench:data`: writes a large, realistic vault for the benchmark through the real
// import path (writeImport: reconciliation, blocking keys, FTS, provenance, encryption).
// Deterministic content for a seed; a manifest next to the data records what was generated
// so the benchmark reuses it rather than regenerating every run.
import fs from 'node:fs';
import path from 'node:path';
import { writeImport } from '../main/vault/import-writer.ts';
import { createVault } from '../main/vault/vault.ts';
import { PROFILE_PEOPLE } from './catalog.ts';
import { visitStream, type GeneratedVisit } from './documents.ts';
import { prepareOriginal } from '../main/importers/original-file.ts';

export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20_260_101;
export const DEFAULT_ENTRIES = 200_000;
/** Not a secret: it opens generated, invented records only. */
export const BENCH_PASSPHRASE = 'chartkeeper bench vault (invented records)';
export const MANIFEST_FILE = 'bench-manifest.json';
/** Share of all entries per profile: one busy record, a few smaller ones. */
const SHARES = [0.35, 0.25, 0.2, 0.12, 0.08];
const VISITS_PER_TRANSACTION = 200;
// A fixed clock keeps imported_at stable between runs.
const NOW = new Date('2026-01-01T12:00:00Z');

export interface BenchManifest {
  generatorVersion: number;
  seed: number;
  totalEntries: number;
  profiles: { id: string; entries: number; documents: number; mergedLinks: number }[];
  /** The profile the query benchmarks use (the largest). */
  largestProfileId: string;
  seconds: number;
}

export interface GenerateOptions {
  dir: string;
  passphrase: string;
  seed?: number;
  totalEntries?: number;
  log?: (line: string) => void;
}

export function readManifest(dir: string): BenchManifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as BenchManifest;
  } catch {
    return undefined;
  }
}

/** True when `dir` holds a finished vault from this generator version, seed and size. */
export function isCurrent(manifest: BenchManifest | undefined, seed: number, totalEntries: number): manifest is BenchManifest {
  return manifest?.generatorVersion === GENERATOR_VERSION && manifest.seed === seed && manifest.totalEntries === totalEntries;
}

export function entryTargets(totalEntries: number): number[] {
  const targets = SHARES.map((s) => Math.floor(totalEntries * s));
  targets[0]! += totalEntries - targets.reduce((a, b) => a + b, 0);
  return targets;
}

/** Writes the vault from scratch (the folder is emptied first). */
export function generateBenchVault(options: GenerateOptions): BenchManifest {
  const seed = options.seed ?? DEFAULT_SEED;
  const totalEntries = options.totalEntries ?? DEFAULT_ENTRIES;
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  fs.rmSync(options.dir, { recursive: true, force: true });
  const session = createVault(options.dir, options.passphrase, NOW);
  const profiles: BenchManifest['profiles'] = [];
  try {
    entryTargets(totalEntries).forEach((target, index) => {
      const person = PROFILE_PEOPLE[index]!;
      const profile = session.addProfile({ name: person.name, birthDate: person.birthDate, sex: person.sex }, NOW);
      const db = session.profileDb(profile.id);
      const stream = visitStream(seed, index);
      let entries = 0;
      let documents = 0;
      let mergedLinks = 0;
      while (entries < target) {
        db.transaction(() => {
          for (let i = 0; i < VISITS_PER_TRANSACTION && entries < target; i++) {
            const visit: GeneratedVisit = stream.next().value;
            const doc = visit.parsed.documents[0]!;
            // The last document is cut so the profile lands on its share exactly.
            if (visit.repeats === 0 && doc.records.length > target - entries) doc.records.length = target - entries;
            const outcome = writeImport(db, prepareOriginal(visit.name, visit.bytes), visit.parsed, NOW.toISOString());
            for (const count of Object.values(outcome.counts)) {
              entries += count.new;
              mergedLinks += count.merged;
            }
            entries += doc.records.filter((r) => r.kind === 'note').length;
            documents += 1;
          }
        }).immediate();
      }
      db.pragma('optimize');
      profiles.push({ id: profile.id, entries, documents, mergedLinks });
      log(`  profile ${index + 1}/${SHARES.length}: ${entries} entries from ${documents} documents (${mergedLinks} merged) at ${Math.round((performance.now() - started) / 1000)} s`);
    });
  } finally {
    session.close();
  }
  const manifest: BenchManifest = {
    generatorVersion: GENERATOR_VERSION,
    seed,
    totalEntries,
    profiles,
    largestProfileId: profiles.reduce((a, b) => (b.entries > a.entries ? b : a)).id,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
  fs.writeFileSync(path.join(options.dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2), { mode: 0o600 });
  return manifest;
}

export interface BenchDataArgs {
  dir: string;
  seed: number;
  totalEntries: number;
  fresh: boolean;
}

export function parseDataArgs(argv: readonly string[], cwd: string): BenchDataArgs {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    dir: path.resolve(cwd, value('--dir') ?? 'bench-data/vault'),
    seed: Number(value('--seed') ?? DEFAULT_SEED),
    totalEntries: Number(value('--entries') ?? DEFAULT_ENTRIES),
    fresh: argv.includes('--fresh'),
  };
}

/** Reuses a current vault unless `fresh`; returns its manifest. */
export function ensureBenchVault(args: BenchDataArgs, passphrase: string, log: (line: string) => void): BenchManifest {
  const existing = readManifest(args.dir);
  if (!args.fresh && isCurrent(existing, args.seed, args.totalEntries)) {
    log(`Reusing the bench vault in ${args.dir} (generator v${GENERATOR_VERSION}, seed ${args.seed}, ${args.totalEntries} entries).`);
    return existing;
  }
  log(`Generating ${args.totalEntries} entries in 5 profiles into ${args.dir} (seed ${args.seed}) …`);
  const manifest = generateBenchVault({ dir: args.dir, passphrase, seed: args.seed, totalEntries: args.totalEntries, log });
  log(`Done in ${manifest.seconds} s.`);
  return manifest;
}

export function benchPassphrase(): { passphrase: string; fromEnvironment: boolean } {
  const env = process.env.CHARTKEEPER_PASSPHRASE;
  return env ? { passphrase: env, fromEnvironment: true } : { passphrase: BENCH_PASSPHRASE, fromEnvironment: false };
}

if (import.meta.main) {
  const args = parseDataArgs(process.argv.slice(2), process.cwd());
  const { passphrase, fromEnvironment } = benchPassphrase();
  console.log(fromEnvironment ? 'Passphrase: from CHARTKEEPER_PASSPHRASE.' : `Passphrase: ${passphrase}`);
  ensureBenchVault({ ...args, fresh: true }, passphrase, (line) => console.log(line));
}
