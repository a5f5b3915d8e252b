// Timeline and search queries. Pages are keyset-paginated on (sort_date, id) so any page
// costs the same as the first, however deep the user has scrolled.
import type { Code, EntryKind, Quantity, ReferenceRange } from '../records/model.ts';
import { AppError } from '../errors.ts';
import { firstLetterVariants, MIN_TYPO_LENGTH, typoCandidates } from '../records/spelling.ts';
import { providersFor } from './entries.ts';
import { hiddenEntrySql, standingStatements } from './personal-statements.ts';
import { correctedFields, hiddenBecause } from '../records/readable/personal.ts';
import { cachedStatement, type Connection } from './sqlite.ts';

export interface TimelineFilter {
  kinds?: EntryKind[] | undefined;
  providers?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  text?: string | undefined;
  showHidden?: boolean | undefined;
}

export interface TimelineRow {
  id: number;
  kind: EntryKind;
  title: string;
  date?: string;
  end?: string;
  status?: string;
  value?: string;
  /** The value, range and flag as the source gave them: how they read is decided on screen. */
  quantity?: Quantity;
  referenceRange?: ReferenceRange;
  interpretation?: string;
  /** For showing a lab panel's components and a visit's vital signs together (readable/groups.ts). */
  panel?: string;
  panelCodes?: Code[];
  /** The entry's primary code (a blood pressure's halves are told apart by it). */
  codes?: Code[];
  providers: string[];
  sourceCount: number;
  manual: boolean;
  hiddenBy?: 'wrong' | 'hidden';
  correctedTitle?: string;
}

interface RawRow {
  id: number;
  kind: EntryKind;
  title: string;
  sort_date: string;
  status: string | null;
  value_text: string | null;
  source_count: number;
  manual: number;
  /** JSON array of the draft's end, value, referenceRange and interpretation. */
  draft_facts: string | null;
}

type DraftFacts = [string | null, Quantity | null, ReferenceRange | null, string | null, string | null, Code | null, Code | null];

function encodeCursor(sortDate: string, id: number): string {
  return Buffer.from(JSON.stringify([sortDate, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, number] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'string' && Number.isInteger(value[1])) return [value[0], value[1] as number];
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid-input', 'That page of the timeline is no longer available; scroll from the top.');
}

/**
 * Turns what a person typed into an FTS5 query: every word must appear, each as a prefix.
 * Quoting each word keeps FTS5 syntax characters in the text from being read as operators.
 */
export function ftsQuery(text: string): string | null {
  const words = queryWords(text);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' ');
}

function queryWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 20);
}

/** A word as the index holds it (the unicode61 tokenizer: lower case, diacritics removed). */
function indexForm(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * The query again with each word that may hold a one-letter typo widened to the indexed words
 * one edit away ("penicilin" → penicillin), or null when no word has such a neighbour. Words
 * starting with the same letter are read by range from the index's vocabulary; a typo in the
 * first letter is looked for word by word (`firstLetterVariants`), since a range cannot find it.
 */
function typoTolerantQuery(db: Connection, text: string): string | null {
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.entries_vocab USING fts5vocab(main, entries_fts, row)');
  const terms = db.prepare('SELECT term FROM temp.entries_vocab WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?').pluck();
  const exact = db.prepare('SELECT term FROM temp.entries_vocab WHERE term = ?').pluck();
  let widened = false;
  const parts = queryWords(text).map((word) => {
    const w = indexForm(word);
    const quoted = `"${word.replaceAll('"', '""')}"*`;
    const first = w[0];
    if (!first || w.length < MIN_TYPO_LENGTH) return quoted;
    const next = String.fromCodePoint(first.codePointAt(0)! + 1);
    const sameFirst = typoCandidates(w, terms.all(first, next, w.length - 1, w.length + 1) as string[]);
    const otherFirst = sameFirst.length > 0 ? [] : firstLetterVariants(w).filter((v) => exact.get(v) !== undefined);
    const candidates = [...sameFirst, ...otherFirst].slice(0, 5);
    if (candidates.length === 0) return quoted;
    widened = true;
    return `(${[quoted, ...candidates.map((c) => `"${c.replaceAll('"', '""')}"`)].join(' OR ')})`;
  });
  return widened ? parts.join(' ') : null;
}

/**
 * The filter's conditions on a row of entries (`e`) or provider_timeline (`t`, migration 021),
 * whose id, kind and date columns `cols` names. A provider filter reads provider_timeline's
 * ranges (mergedIds); the provenance test here serves a file without that table.
 */
function whereClause(db: Connection, filter: TimelineFilter, cols = ENTRY_COLUMNS): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  if (filter.kinds?.length) {
    sql.push(`${cols.kind} IN (${filter.kinds.map(() => '?').join(',')})`);
    params.push(...filter.kinds);
  }
  if (filter.from) {
    sql.push(`${cols.date} >= ?`);
    params.push(filter.from);
  }
  if (filter.to) {
    // Every time of day on `to` is included: '~' sorts after any date or time text.
    sql.push(`${cols.date} <= ?`);
    params.push(`${filter.to}~`);
  }
  if (filter.providers?.length && cols === ENTRY_COLUMNS) {
    // Only where provider_timeline is missing (hasProviderTimeline): the walk it replaced.
    sql.push(`EXISTS (SELECT 1 FROM provenance p WHERE p.entry_id = e.id AND p.provider IN (${filter.providers.map(() => '?').join(',')}))`);
    params.push(...filter.providers);
  }
  if (filter.text) {
    const query = ftsQuery(filter.text);
    if (query) {
      sql.push(`${cols.id} IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)`);
      params.push(query);
    }
  }
  const hidden = filter.showHidden ? undefined : hiddenEntrySql(db, cols.id);
  if (hidden) sql.push(`NOT ${hidden}`);
  return { sql, params };
}

interface TimelineColumns {
  id: string;
  kind: string;
  date: string;
}
const ENTRY_COLUMNS: TimelineColumns = { id: 'e.id', kind: 'e.kind', date: 'e.sort_date' };
const PROVIDER_COLUMNS: TimelineColumns = { id: 't.entry_id', kind: 't.kind', date: 't.sort_date' };

/**
 * Whether the file has provider_timeline: a damaged profile is opened read-only and never
 * migrated, so one written before migration 021 has none, and its provider filter walks the
 * timeline as before.
 */
const providerTimeline = new WeakMap<Connection, boolean>();
function hasProviderTimeline(db: Connection): boolean {
  if (providerTimeline.get(db)) return true;
  const known = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'provider_timeline'").get() !== undefined;
  // Only a yes is kept: a file migrated later on this connection gains the table.
  if (known) providerTimeline.set(db, known);
  return known;
}

/** The kinds of entry a provider has, one seek each (a skip over provider_timeline's kind column). */
function kindsOfProvider(db: Connection, provider: string): string[] {
  const next = cachedStatement(db, 'SELECT kind FROM provider_timeline WHERE provider = ? AND kind > ? ORDER BY kind LIMIT 1').pluck();
  const kinds: string[] = [];
  for (let kind = next.get(provider, '') as string | undefined; kind !== undefined; kind = next.get(provider, kind) as string | undefined) kinds.push(kind);
  return kinds;
}

interface Keyed {
  id: number;
  sort_date: string;
}

/** Timeline order: newest date first, then highest id. */
function newer(a: Keyed, b: Keyed): boolean {
  return a.sort_date > b.sort_date || (a.sort_date === b.sort_date && a.id > b.id);
}

/**
 * The ids of the page's entries when the filter names providers or several kinds: each
 * (provider, kind) pair, or each kind, is one range of an index in timeline order, read from
 * the cursor a chunk at a time and merged here, so a page reads about `want` index rows
 * however many ranges there are. An entry from two of the providers is in two ranges and
 * counts once.
 */
function mergedIds(db: Connection, filter: TimelineFilter, after: [string, number] | undefined, want: number): Keyed[] {
  const rest: TimelineFilter = { ...filter, kinds: undefined, providers: undefined };
  const specs: { table: string; cols: TimelineColumns; equal: [string, unknown][] }[] = [];
  if (filter.providers?.length) {
    for (const provider of new Set(filter.providers)) {
      for (const kind of filter.kinds?.length ? new Set(filter.kinds) : kindsOfProvider(db, provider)) {
        specs.push({ table: 'provider_timeline t', cols: PROVIDER_COLUMNS, equal: [['t.provider', provider], ['t.kind', kind]] });
      }
    }
  } else {
    for (const kind of new Set(filter.kinds)) specs.push({ table: 'entries e INDEXED BY entries_kind_timeline', cols: ENTRY_COLUMNS, equal: [['e.kind', kind]] });
  }
  // A first read of each range a fair share of the page (and some): one range holds most
  // pages' entries, and the rest cost a seek.
  const chunk = Math.min(want, Math.ceil(want / Math.max(1, specs.length)) + 16);
  const read = (spec: (typeof specs)[number], from: [string, number] | undefined, count: number): Keyed[] => {
    const { table, cols, equal } = spec;
    const where = whereClause(db, rest, cols);
    if (from) {
      where.sql.push(`(${cols.date}, ${cols.id}) < (?, ?)`);
      where.params.push(...from);
    }
    const sql = `SELECT ${cols.id} AS id, ${cols.date} AS sort_date FROM ${table}
      WHERE ${[...equal.map(([column]) => `${column} = ?`), ...where.sql].join(' AND ')}
      ORDER BY ${cols.date} DESC, ${cols.id} DESC LIMIT ?`;
    return cachedStatement(db, sql).all(...equal.map(([, value]) => value), ...where.params, count) as Keyed[];
  };
  const heads = specs.map((spec) => {
    const rows = read(spec, after, chunk);
    return { spec, rows, at: 0, done: rows.length < chunk };
  });
  const seen = new Set<number>();
  const merged: Keyed[] = [];
  while (merged.length < want) {
    let best: (typeof heads)[number] | undefined;
    for (const head of heads) {
      if (head.at === head.rows.length) {
        if (head.done) continue;
        // A range read to its end is read on for all the page still needs: one more read.
        const last = head.rows[head.rows.length - 1]!;
        const count = want - merged.length;
        head.rows = read(head.spec, [last.sort_date, last.id], count);
        head.at = 0;
        head.done = head.rows.length < count;
        if (head.rows.length === 0) continue;
      }
      if (!best || newer(head.rows[head.at]!, best.rows[best.at]!)) best = head;
    }
    if (!best) break;
    const row = best.rows[best.at++]!;
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    merged.push(row);
  }
  return merged;
}

function toRows(db: Connection, raw: RawRow[]): TimelineRow[] {
  const providers = providersFor(
    db,
    raw.map((r) => r.id),
  );
  const said = standingStatements(
    db,
    raw.map((r) => r.id),
  );
  return raw.map((r) => {
    const personal = said.get(r.id);
    const hiddenBy = personal ? hiddenBecause({ personal })?.kind : undefined;
    const correctedTitle = personal ? correctedFields({ title: r.title, details: {}, personal }).find((f) => f.field === 'title')?.yours : undefined;
    const [end, quantity, range, interpretation, panel, panelCode, code] = (r.draft_facts ? JSON.parse(r.draft_facts) : []) as Partial<DraftFacts>;
    return {
      id: r.id,
      kind: r.kind,
      title: r.title,
      ...(r.sort_date ? { date: r.sort_date } : {}),
      ...(end ? { end } : {}),
      ...(r.status ? { status: r.status } : {}),
      ...(r.value_text ? { value: r.value_text } : {}),
      ...(quantity ? { quantity } : {}),
      ...(range ? { referenceRange: range } : {}),
      ...(interpretation ? { interpretation } : {}),
      ...(panel ? { panel } : {}),
      ...(panelCode ? { panelCodes: [panelCode] } : {}),
      ...(code ? { codes: [code] } : {}),
      providers: providers.get(r.id) ?? [],
      sourceCount: r.source_count,
      manual: r.manual === 1,
      ...(hiddenBy === 'wrong' || hiddenBy === 'hidden' ? { hiddenBy } : {}),
      ...(correctedTitle ? { correctedTitle } : {}),
    };
  });
}

// One json_extract with several paths parses the draft once for all of them.
const ROW_COLUMNS = `e.id, e.kind, e.title, e.sort_date, e.status, e.value_text, e.source_count, e.manual,
  json_extract(e.draft_json, '$.end', '$.value', '$.referenceRange', '$.interpretation', '$.details.panel', '$.details.panelCodes[0]', '$.codes[0]') AS draft_facts`;

export function timelinePage(
  db: Connection,
  filter: TimelineFilter,
  cursor: string | undefined,
  limit: number,
): { items: TimelineRow[]; nextCursor?: string } {
  const after = cursor ? decodeCursor(cursor) : undefined;
  let raw: RawRow[];
  const byProvider = filter.providers?.length && hasProviderTimeline(db);
  if (byProvider || (!filter.providers?.length && (filter.kinds?.length ?? 0) > 1)) {
    const ids = mergedIds(db, filter, after, limit + 1);
    const byId = new Map(
      (cachedStatement(db, `SELECT ${ROW_COLUMNS} FROM entries e WHERE e.id IN (${ids.map(() => '?').join(',')})`).all(...ids.map((k) => k.id)) as RawRow[]).map((r) => [r.id, r]),
    );
    raw = ids.map((k) => byId.get(k.id)).filter((r): r is RawRow => r !== undefined);
  } else {
    const where = whereClause(db, filter);
    if (after) {
      // A row value, not `a < ? OR (a = ? AND b < ?)`: SQLite turns the row value into a range
      // on the (sort_date, id) index, while the OR form scans the index from the newest entry,
      // so a deep page would cost as much as every page before it.
      where.sql.push('(e.sort_date, e.id) < (?, ?)');
      where.params.push(...after);
    }
    const sql = `SELECT ${ROW_COLUMNS} FROM entries e
      ${where.sql.length ? `WHERE ${where.sql.join(' AND ')}` : ''}
      ORDER BY e.sort_date DESC, e.id DESC LIMIT ?`;
    raw = cachedStatement(db, sql).all(...where.params, limit + 1) as RawRow[];
  }
  const more = raw.length > limit;
  const page = more ? raw.slice(0, limit) : raw;
  const last = page[page.length - 1];
  return {
    items: toRows(db, page),
    ...(more && last ? { nextCursor: encodeCursor(last.sort_date, last.id) } : {}),
  };
}

/** Full-text search, best matches first; when nothing matches, words one typo away are tried. */
export function searchEntries(db: Connection, text: string, limit: number): TimelineRow[] {
  const query = ftsQuery(text);
  if (!query) return [];
  const found = rankedSearch(db, query, limit);
  if (found.length > 0) return found;
  const tolerant = typoTolerantQuery(db, text);
  return tolerant ? rankedSearch(db, tolerant, limit) : found;
}

/** More matches than this, and only the RANKED_WHEN_MANY most recently added are ranked. */
export const MANY_MATCHES = 20_000;
export const RANKED_WHEN_MANY = 5_000;

function rankedSearch(db: Connection, query: string, limit: number): TimelineRow[] {
  // A word in every reading of a device ("glucose", "heart") matches hundreds of thousands of
  // entries in a profile of a few years of readings, and scoring each one took seconds. Past
  // MANY_MATCHES, the entries added last (the highest ids; FTS5 walks them newest first and
  // stops) are the ones ranked: counting and finding that bound read ids only.
  const many = db.prepare('SELECT count(*) FROM (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? LIMIT ?)').pluck().get(query, MANY_MATCHES + 1) as number;
  const floor = many > MANY_MATCHES
    ? (db.prepare('SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?').pluck().get(query, RANKED_WHEN_MANY - 1) as number)
    : 0;
  // Ranked in two steps: the inner query sorts every match by score and date only; the row
  // columns (draft_json's end date among them) are read for the `limit` winners alone. Sorting
  // full rows made a common word ("hemoglobin": thousands of matches) cost over 100 ms.
  const raw = db
    .prepare(
      `SELECT ${ROW_COLUMNS} FROM (
         SELECT f.rowid AS id, bm25(entries_fts, 5.0, 1.0) AS score, m.sort_date AS sort_date
         FROM entries_fts f JOIN entries m INDEXED BY entries_dates ON m.id = f.rowid
         WHERE entries_fts MATCH ? AND f.rowid >= ? ORDER BY score, m.sort_date DESC LIMIT ?
       ) hit JOIN entries e ON e.id = hit.id
       ORDER BY hit.score, hit.sort_date DESC`,
    )
    .all(query, floor, limit) as RawRow[];
  return toRows(db, raw);
}

/**
 * Every provider with at least one entry, A to Z. Walks the provenance_provider index one
 * distinct value at a time (one seek per provider) rather than reading every link: a profile
 * has a handful of providers and hundreds of thousands of links, and SELECT DISTINCT read them
 * all (up to 240 ms on the bench vault, on the way to the first timeline screen).
 */
export function listProviders(db: Connection): string[] {
  const next = db.prepare('SELECT provider FROM provenance INDEXED BY provenance_provider WHERE provider > ? ORDER BY provider LIMIT 1').pluck();
  const providers: string[] = [];
  let current = next.get('') as string | undefined;
  // '' itself is a provider name the schema allows; it sorts first.
  if (db.prepare("SELECT 1 FROM provenance INDEXED BY provenance_provider WHERE provider = '' LIMIT 1").get()) providers.push('');
  while (current !== undefined) {
    providers.push(current);
    current = next.get(current) as string | undefined;
  }
  return providers.sort(byNoCase);
}

/** SQLite's NOCASE order: ASCII letters folded, everything else compared as is. */
function byNoCase(a: string, b: string): number {
  const x = a.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const y = b.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return x < y ? -1 : x > y ? 1 : 0;
}
