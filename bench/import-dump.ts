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

/** The columns of each table that hold an id of another row: table → column → the table it names. */
const ID_COLUMNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  files: { id: 'files' },
  sources: { id: 'sources', file_id: 'files' },
  entries: { id: 'entries' },
  entry_codes: { entry_id: 'entries' },
  entry_keys: { entry_id: 'entries' },
  provenance: { id: 'provenance', entry_id: 'entries', source_id: 'sources' },
  possible_duplicates: { entry_id: 'entries', other_id: 'entries' },
  trend_points: { entry_id: 'entries' },
  entries_fts: { rowid: 'entries' },
  trend_days: { low_id: 'entries', high_id: 'entries', first_id: 'entries', last_id: 'entries' },
  trend_hours: { low_id: 'entries', high_id: 'entries', first_id: 'entries', last_id: 'entries' },
  provider_timeline: { entry_id: 'entries' },
};

/**
 * Stable names for the rows autoincrement ids name, so two imports that wrote the same rows in
 * another order dump the same: a file by its name and digest; a source by its file, provider
 * and title; an entry by its stable keys (`apple-health:` …) or else its draft's digest; a
 * provenance link by nothing (its row says what it links). Names that would repeat get `#n`
 * in id order.
 */
function stableNames(db: Connection): Map<string, Map<number, string>> {
  const names = new Map<string, Map<number, string>>();
  const unique = (table: string, rows: { id: number; name: string }[]) => {
    const seen = new Map<string, number>();
    const map = new Map<number, string>();
    for (const { id, name } of rows) {
      const n = seen.get(name) ?? 0;
      seen.set(name, n + 1);
      map.set(id, n === 0 ? name : `${name}#${n}`);
    }
    names.set(table, map);
  };
  unique('files', (db.prepare('SELECT id, name, sha256 FROM files ORDER BY id').all() as { id: number; name: string; sha256: string }[]).map((r) => ({ id: r.id, name: `file:${r.name}:${r.sha256.slice(0, 16)}` })));
  const files = names.get('files')!;
  unique('sources', (db.prepare('SELECT id, file_id, provider, title FROM sources ORDER BY id').all() as { id: number; file_id: number; provider: string; title: string | null }[]).map((r) => ({ id: r.id, name: `source:${files.get(r.file_id)}:${r.provider}:${r.title ?? ''}` })));
  const keys = new Map<number, string[]>();
  for (const { key, entry_id } of db.prepare("SELECT key, entry_id FROM entry_keys WHERE key LIKE 'apple-health:%' ORDER BY key").all() as { key: string; entry_id: number }[]) {
    const list = keys.get(entry_id);
    if (list) list.push(key);
    else keys.set(entry_id, [key]);
  }
  unique('entries', (db.prepare('SELECT id, draft_json FROM entries ORDER BY id').all() as { id: number; draft_json: string }[]).map((r) => ({
    id: r.id,
    name: keys.has(r.id) ? `entry:${keys.get(r.id)!.join(',')}` : `entry:draft:${crypto.createHash('sha256').update(r.draft_json).digest('hex').slice(0, 16)}`,
  })));
  names.set('provenance', new Map());
  return names;
}

/**
 * Every stored row of a profile's database, table by table in key order, as text lines.
 * `normalised`: ids replaced by stable names (stableNames) and each table's lines sorted, so
 * the same rows written in another order (another entry's id) dump the same.
 */
export function dumpRows(db: Connection, { normalised = false }: { normalised?: boolean } = {}): string[] {
  const lines: string[] = [];
  const names = normalised ? stableNames(db) : undefined;
  for (const [table, order] of TABLES) {
    const rows = db.prepare(`SELECT ${table === 'entries_fts' ? 'rowid, *' : '*'} FROM ${table} ORDER BY ${order}`).all() as Record<string, unknown>[];
    lines.push(`table ${table}: ${rows.length} rows`);
    const ids = ID_COLUMNS[table] ?? {};
    const text = rows.map((row) =>
      `${table} ${Object.entries(row)
        .filter(([k]) => !(names && ids[k] === 'provenance'))
        .map(([k, v]) => (names && ids[k] ? `${k}=${names.get(ids[k])!.get(Number(v)) ?? `missing:${String(v)}`}` : `${k}=${cell(table, k, v, row)}`))
        .join(' | ')}`,
    );
    if (names) text.sort();
    lines.push(...text);
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
