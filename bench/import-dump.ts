// `node bench/import-dump.ts [OUT]`: imports the C-CDA corpus through main/api (as the
// benchmark does, in the contract's batches of 200 files, at a fixed clock) into a new profile
// and writes every stored row of that profile, table by table in key order, as text: the
// originals and document contents decoded (so a change of how they are compressed is not a
// change of what is stored). Run it before and after a change to the import path and diff the
// two files; it ends with one SHA-256 of the whole dump.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { restoreOriginal } from '../main/importers/original-file.ts';
import { restoreDocument } from '../main/importers/stored-document.ts';
import { ccdaCorpus } from './corpus.ts';
import type { Connection } from '../main/vault/sqlite.ts';
import { benchApi, call } from './platform.ts';

const PASS = 'import dump passphrase';
const NOW = new Date('2026-01-01T12:00:00.000Z');

/** Each table with the columns that identify a row, for a stable order. */
const TABLES: readonly (readonly [string, string])[] = [
  ['files', 'id'],
  ['sources', 'id'],
  ['entries', 'id'],
  ['entry_codes', 'entry_id, system, code'],
  ['entry_keys', 'key, entry_id'],
  ['provenance', 'id'],
  ['possible_duplicates', 'entry_id, other_id'],
  ['trend_points', 'code, entry_id'],
  ['entries_fts', 'rowid'],
  ['trend_days', 'code, day, unit'],
  ['trend_hours', 'code, day, unit'],
  ['provider_timeline', 'provider, kind, sort_date, entry_id'],
];

function cell(table: string, column: string, value: unknown, row: Record<string, unknown>): string {
  if (table === 'files' && column === 'bytes') {
    const bytes = restoreOriginal(value as Uint8Array, String(row.encoding));
    return `sha256:${crypto.createHash('sha256').update(bytes).digest('hex')} (${bytes.byteLength} bytes)`;
  }
  if (table === 'sources' && column === 'document_json') return restoreDocument(value as string | Uint8Array, String(row.document_encoding));
  // How a value is compressed is not what is stored.
  if ((table === 'files' && column === 'encoding') || (table === 'sources' && column === 'document_encoding')) return '-';
  return value instanceof Uint8Array ? `blob:${Buffer.from(value).toString('hex')}` : JSON.stringify(value);
}

/** Every stored row of a profile's database, table by table in key order, as text lines. */
export function dumpRows(db: Connection): string[] {
  const lines: string[] = [];
  for (const [table, order] of TABLES) {
    const rows = db.prepare(`SELECT ${table === 'entries_fts' ? 'rowid, *' : '*'} FROM ${table} ORDER BY ${order}`).all() as Record<string, unknown>[];
    lines.push(`table ${table}: ${rows.length} rows`);
    for (const row of rows) lines.push(`${table} ${Object.entries(row).map(([k, v]) => `${k}=${cell(table, k, v, row)}`).join(' | ')}`);
  }
  return lines;
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? path.join(os.tmpdir(), 'chartkeeper-import-dump.txt');
  const files = ccdaCorpus();
  if (files.length === 0) throw new Error('The corpus (../shared/corpus) is absent.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-import-dump-'));
  const api = benchApi(path.join(dir, 'vault'), () => NOW);
  try {
    await call(api, 'vault.create', { passphrase: PASS });
    const profile = await call<{ id: string }>(api, 'profiles.add', { name: 'Import Dump', birthDate: '1950-01-01' });
    const lines: string[] = [];
    for (let i = 0; i < files.length; i += 200) {
      const batch = files.slice(i, i + 200).map((f) => ({ name: f.name, bytes: f.bytes }));
      const report = await call<{ files: unknown[] }>(api, 'import.files', { profileId: profile.id, files: batch, force: true });
      for (const file of report.files) lines.push(`report ${JSON.stringify(file)}`);
    }
    for (const line of dumpRows(api.context.requireSession().profileDb(profile.id))) lines.push(line);
    const text = `${lines.join('\n')}\n`;
    fs.writeFileSync(out, text);
    for (const line of lines) if (line.startsWith('table ')) console.log(line);
    console.log(`${out}: sha256 ${crypto.createHash('sha256').update(text).digest('hex')}`);
  } finally {
    await api.invoke('vault.lock', {});
    await api.context.parsePool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await main();
