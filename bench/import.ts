// Import figures: the whole C-CDA corpus through parseFile + writeImport into a fresh
// encrypted vault, against fast-xml-parser alone on the same bytes in the same process;
// the same writes into an encrypted and an unencrypted file; and a 5 MB document's peak
// memory in a child process.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFile } from '../main/importers/index.ts';
import type { ParsedFile } from '../main/records/model.ts';
import { writeImport } from '../main/vault/import-writer.ts';
import { migrate } from '../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../main/vault/migrations/profile/index.ts';
import { checkpoint, openEncrypted, openPlaintextForBenchmark, type Connection } from '../main/vault/sqlite.ts';
import { bareParse } from './bare-parse.ts';
import { ccdaCorpus, repoRoot, type CorpusFile } from './corpus.ts';
import { median } from './stats.ts';

const PASS = 'bench import passphrase';
const NOW = '2026-01-01T12:00:00.000Z';

export interface ImportFigures {
  files: number;
  refused: number;
  megabytes: number;
  bareParseMs: number;
  importerOnlyMs: number;
  fullImportMs: number;
  vaultWriteEncryptedMs: number;
  vaultWritePlainMs: number;
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

function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Parse, map, reconcile and encrypted write of every file, as main/api's import does. */
function importAll(db: Connection, files: readonly CorpusFile[]): void {
  for (const file of files) {
    const parsed = parseFile(file.bytes, file.name);
    writeImport(db, { name: file.name, bytes: file.bytes, sha256: sha256(file.bytes) }, parsed, NOW);
  }
  checkpoint(db);
}

function writeAll(db: Connection, parsed: readonly { file: CorpusFile; parsed: ParsedFile; sha: string }[]): number {
  const start = performance.now();
  for (const p of parsed) writeImport(db, { name: p.file.name, bytes: p.file.bytes, sha256: p.sha }, p.parsed, NOW);
  checkpoint(db);
  return performance.now() - start;
}

export function measureImport(log: (line: string) => void, rounds = 3): ImportFigures | undefined {
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
  const importer: number[] = [];
  const full: number[] = [];
  const dir = scratchDir();
  try {
    for (let round = 0; round < rounds; round++) {
      let start = performance.now();
      for (const f of files) bareParse(f.bytes);
      bare.push(performance.now() - start);

      start = performance.now();
      for (const f of files) parseFile(f.bytes, f.name);
      importer.push(performance.now() - start);

      const db = freshProfileDb(dir, true);
      start = performance.now();
      importAll(db, files);
      full.push(performance.now() - start);
      db.close();
    }

    // Encrypted against plain: the same parsed files written, alternating to share any drift.
    const parsed = files.map((file) => ({ file, parsed: parseFile(file.bytes, file.name), sha: sha256(file.bytes) }));
    const encrypted: number[] = [];
    const plain: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const isEncrypted of round % 2 === 0 ? [true, false] : [false, true]) {
        const db = freshProfileDb(dir, isEncrypted);
        (isEncrypted ? encrypted : plain).push(writeAll(db, parsed));
        db.close();
      }
    }
    return {
      files: files.length,
      refused: all.length - files.length,
      megabytes: bytes / 1e6,
      bareParseMs: median(bare),
      importerOnlyMs: median(importer),
      fullImportMs: median(full),
      vaultWriteEncryptedMs: median(encrypted),
      vaultWritePlainMs: median(plain),
    };
  } finally {
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

/** Imports a generated ~5 MB C-CDA in a child process and reports its peak RSS. */
export function measureLargeDocument(): LargeDocumentFigures | { error: string } {
  const child = spawnSync(process.execPath, [path.join(repoRoot, 'bench/large-document-child.ts')], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as LargeDocumentFigures | { error: string };
  } catch {
    return { error: `the child process failed (${child.status}): ${child.stderr.trim().split('\n').at(-1) ?? ''}` };
  }
}
