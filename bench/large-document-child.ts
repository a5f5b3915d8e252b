// Run by bench/import.ts in its own process: imports the ~5 MB document into a fresh vault and
// prints one JSON line with the process's peak RSS, so nothing else inflates the figure.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFile } from '../main/importers/index.ts';
import { writeImport } from '../main/vault/import-writer.ts';
import { createVault } from '../main/vault/vault.ts';
import { largeDocument } from './large-document.ts';

const xml = largeDocument();
if (!xml) {
  console.log(JSON.stringify({ error: 'the corpus document it is made from is missing' }));
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-bench-large-'));
  try {
    const session = createVault(path.join(dir, 'vault'), 'bench large document', new Date());
    const profile = session.addProfile({ name: 'Large Document', birthDate: '1950-01-01' }, new Date());
    const db = session.profileDb(profile.id);
    const bytes = new TextEncoder().encode(xml);
    const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
    const start = performance.now();
    const parsed = parseFile(bytes, 'large.xml');
    const outcome = writeImport(db, { name: 'large.xml', bytes, sha256: crypto.createHash('sha256').update(bytes).digest('hex') }, parsed, new Date().toISOString());
    const ms = performance.now() - start;
    const entries = Object.values(outcome.counts).reduce((n, c) => n + c.new + c.merged, 0);
    session.close();
    console.log(JSON.stringify({ megabytes: bytes.byteLength / 2 ** 20, peakRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb, ms, entries }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
