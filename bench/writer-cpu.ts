// `node bench/writer-cpu.ts [ROUNDS] [plain]`: the import writer alone, single-threaded: the
// C-CDA corpus parsed and prepared as the import worker prepares it, then written in one batch
// (as bench/import.ts's encrypted-vs-plain figure does) into a fresh profile, ROUNDS times.
// Prints the CPU of this thread for the writes, the commit and the checkpoint apart.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFile } from '../main/importers/index.ts';
import { prepareOriginal } from '../main/importers/original-file.ts';
import { headerOf, storeDocuments } from '../main/importers/stored-document.ts';
import { ImportBatch, type ImportItem } from '../main/vault/import-writer.ts';
import { migrate } from '../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../main/vault/migrations/profile/index.ts';
import { checkpoint, openEncrypted, openPlaintextForBenchmark } from '../main/vault/sqlite.ts';
import { ccdaCorpus } from './corpus.ts';

const rounds = Number(process.argv[2] ?? 5);
const plain = process.argv[3] === 'plain';
const NOW = '2026-01-01T12:00:00.000Z';

const items: ImportItem[] = [];
for (const file of ccdaCorpus()) {
  let parsed;
  try {
    parsed = parseFile(file.bytes, file.name);
  } catch {
    continue;
  }
  const headers = parsed.documents.map((doc) => headerOf(doc.document));
  items.push({ parsed, original: prepareOriginal(file.name, file.bytes), documents: storeDocuments(parsed), headers });
}
const cpu = (): number => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'writer-cpu-'));
const rows: string[] = [];
for (let round = 0; round < rounds; round++) {
  const file = path.join(dir, `p-${crypto.randomBytes(4).toString('hex')}.db`);
  const db = plain ? openPlaintextForBenchmark(file) : openEncrypted(file, 'writer bench passphrase', { create: true });
  migrate(db, PROFILE_MIGRATIONS, file);
  if (process.env.NO_AUTOCHECKPOINT) db.pragma('wal_autocheckpoint = 0');
  const t0 = cpu();
  const w0 = performance.now();
  const batch = new ImportBatch(db);
  for (const item of items) batch.write(item, NOW);
  const t1 = cpu();
  batch.commit();
  const t2 = cpu();
  checkpoint(db);
  const t3 = cpu();
  const wall = performance.now() - w0;
  const size = fs.statSync(file).size;
  db.close();
  rows.push(`round ${round}: write ${(t1 - t0).toFixed(0)} commit ${(t2 - t1).toFixed(0)} checkpoint ${(t3 - t2).toFixed(0)} total ${(t3 - t0).toFixed(0)} ms CPU, wall ${wall.toFixed(0)} ms, file ${(size / 1e6).toFixed(2)} MB`);
  console.log(rows.at(-1));
}
fs.rmSync(dir, { recursive: true, force: true });
