// Timeline and search queries. Pages are keyset-paginated on (sort_date, id) so any page
// costs the same as the first, however deep the user has scrolled.
import type { Code, EntryKind, Quantity, ReferenceRange } from '../records/model.ts';
import { AppError } from '../errors.ts';
import { firstLetterVariants, MIN_TYPO_LENGTH, typoCandidates } from '../records/spelling.ts';
import { providersFor } from './entries.ts';
import { hiddenEntrySql, standingStatements } from './personal-statements.ts';
import { correctedFields, hiddenBecause } from '../records/readable/personal.ts';
import { rankedWindow, type WindowRow } from '../records/window-rank.ts';
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
function typoTolerantQuery(db: Connection, text: string): Searched | null {
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.entries_vocab USING fts5vocab(main, entries_fts, row)');
  const terms = db.prepare('SELECT term FROM temp.entries_vocab WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?').pluck();
  const exact = db.prepare('SELECT term FROM temp.entries_vocab WHERE term = ?').pluck();
  let widened = false;
  const parts = queryWords(text).map((word) => {
    const w = indexForm(word);
    const quoted = `"${word.replaceAll('"', '""')}"*`;
    const first = w[0];
    if (!first || w.length < MIN_TYPO_LENGTH) return { query: quoted, lazy: lazyWord(db, word) };
    const next = String.fromCodePoint(first.codePointAt(0)! + 1);
    const sameFirst = typoCandidates(w, terms.all(first, next, w.length - 1, w.length + 1) as string[]);
    const otherFirst = sameFirst.length > 0 ? [] : firstLetterVariants(w).filter((v) => exact.get(v) !== undefined);
    const candidates = [...sameFirst, ...otherFirst].slice(0, 5).map((c) => `"${c.replaceAll('"', '""')}"`);
    if (candidates.length === 0) return { query: quoted, lazy: lazyWord(db, word) };
    widened = true;
    return { query: `(${[quoted, ...candidates].join(' OR ')})`, lazy: `(${[lazyWord(db, word), ...candidates].join(' OR ')})` };
  });
  return widened ? { query: parts.map((p) => p.query).join(' '), lazy: parts.map((p) => p.lazy) } : null;
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

/** A search as FTS5 queries: `query` as bm25 ranks it, and its words in `lazy` (stoppingWord). */
interface Searched {
  query: string;
  lazy: string[];
}

export interface SearchResult {
  items: TimelineRow[];
  /** Opaque keyset cursor for the next page of the same search; absent at the end. */
  nextCursor?: string;
  /**
   * How many entries match, counted from the search index (first page only). Absent when
   * `newestOnly` is set: more matched than were counted.
   */
  total?: number;
  /**
   * Set when a word of the search is in more than MANY_MATCHES entries and more entries than
   * this number match: only this many, those added most recently, were ranked.
   */
  newestOnly?: number;
}

/**
 * Where a page of search results ends: the ranking the search used ('b' FTS5's bm25 over
 * every match, 'w' the newest window), whether it was widened to typos, and the last row's
 * score, date and id. The next page reads the rows ranked after it, so a page costs the same
 * however far the person has scrolled and no row comes twice or is skipped while the profile
 * is unchanged (an import starts the screen's search over).
 */
interface SearchCursor {
  ranking: 'b' | 'w';
  tolerant: boolean;
  score: number;
  date: string;
  id: number;
}

function encodeSearchCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify([c.ranking, c.tolerant ? 1 : 0, c.score, c.date, c.id])).toString('base64url');
}

function decodeSearchCursor(cursor: string): SearchCursor {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && (v[0] === 'b' || v[0] === 'w') && (v[1] === 0 || v[1] === 1) && Number.isFinite(v[2]) && typeof v[3] === 'string' && Number.isInteger(v[4])) {
      return { ranking: v[0], tolerant: v[1] === 1, score: v[2] as number, date: v[3], id: v[4] as number };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid-input', 'That page of the search results is no longer available; search again.');
}

/**
 * Full-text search, best matches first, a page at a time (`cursor` from the page before); when
 * nothing matches, words one typo away are tried, and the later pages keep to them.
 */
export function search(db: Connection, text: string, limit: number, cursor?: string): SearchResult {
  const after = cursor ? decodeSearchCursor(cursor) : undefined;
  const query = ftsQuery(text);
  if (!query) return { items: [], total: 0 };
  if (after?.tolerant) {
    const tolerant = typoTolerantQuery(db, text);
    return tolerant ? rankedSearch(db, tolerant, true, limit, after) : { items: [] };
  }
  const found = rankedSearch(db, { query, lazy: queryWords(text).map((word) => lazyWord(db, word)) }, false, limit, after);
  if (found.items.length > 0 || after) return found;
  const tolerant = typoTolerantQuery(db, text);
  return tolerant ? rankedSearch(db, tolerant, true, limit, undefined) : found;
}

/** The first `limit` results of a search (tests and callers that want no more than that). */
export function searchEntries(db: Connection, text: string, limit: number): TimelineRow[] {
  return search(db, text, limit).items;
}

/** A word in more entries than this (a word of every reading of a device) bounds the ranking to RANKED_WHEN_MANY. */
export const MANY_MATCHES = 20_000;
export const RANKED_WHEN_MANY = 1_000;
/** A word with more completions than this in the index is searched as FTS5's prefix. */
const MAX_COMPLETIONS = 50;

/**
 * A word as FTS5 can read it lazily: its prefix spelled out as the complete words of the index
 * that start with it ("glucose"* → "glucose" OR "glucoses"). FTS5 answers a prefix by first
 * merging the match lists of every word with that prefix into one (for "glucose" in a profile
 * of sensor readings, hundreds of thousands of entries) before returning the first match;
 * complete words it reads as asked, newest first, and stops. Both forms match the same
 * entries. Only words of ASCII letters and digits are spelled out (for them the index form is
 * plain lower case, as here); other words, and words with more than MAX_COMPLETIONS
 * completions, keep the prefix.
 */
function lazyWord(db: Connection, word: string): string {
  const prefix = `"${word.replaceAll('"', '""')}"*`;
  if (!/^[A-Za-z0-9]+$/.test(word)) return prefix;
  const terms = completions(db, word.toLowerCase(), MAX_COMPLETIONS + 1);
  if (terms.length === 0 || terms.length > MAX_COMPLETIONS) return prefix;
  return `(${terms.map((t) => `"${t}"`).join(' OR ')})`;
}

const termTables = new WeakSet<Connection>();

/**
 * Up to `max` indexed words starting with `prefix`, in index order: one seek each in the
 * index's list of words (fts5vocab "instance" rows come one occurrence at a time, so the next
 * word is found without counting the occurrences of the one before, as the "row" table does).
 */
function completions(db: Connection, prefix: string, max: number): string[] {
  if (!termTables.has(db)) {
    db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.entries_terms USING fts5vocab(main, entries_fts, instance)');
    termTables.add(db);
  }
  const next = cachedStatement(db, 'SELECT term FROM temp.entries_terms WHERE term >= ? LIMIT 1').pluck();
  const terms: string[] = [];
  // '\u0001' sorts after the word and before any longer word: no index word holds it.
  for (let term = next.get(prefix) as string | undefined; term?.startsWith(prefix) && terms.length < max; term = next.get(`${term}\u0001`) as string | undefined) {
    terms.push(term);
  }
  return terms;
}

/**
 * The search ranked. FTS5's bm25() weighs each word by how many entries hold it, and counts
 * them all before scoring the first match: for a word of every reading of a device, a walk
 * over hundreds of thousands of entries (seconds). So when a word is in more than
 * MANY_MATCHES entries, the matches are read newest first (the highest ids: added last) and
 * the first RANKED_WHEN_MANY are ranked here without the words' weights (window-rank.ts).
 * Otherwise every match is ranked by bm25 as it always was.
 */
function rankedSearch(db: Connection, searched: Searched, tolerant: boolean, limit: number, after: SearchCursor | undefined): SearchResult {
  const count = cachedStatement(db, 'SELECT count(*) FROM (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? LIMIT ?)').pluck();
  // A later page keeps the ranking of the first, so its rows follow on from the cursor.
  const many = after ? after.ranking === 'w' : searched.lazy.some((word) => (count.get(word, MANY_MATCHES + 1) as number) > MANY_MATCHES);
  if (many) return newestRanked(db, searched, tolerant, limit, after);
  // Ranked in two steps: the inner query sorts every match by score, date and id only; the row
  // columns (draft_json's end date among them) are read for the page's rows alone. Sorting
  // full rows made a common word ("hemoglobin": thousands of matches) cost over 100 ms.
  // A later page takes the matches ranked after the cursor's row, in the same order.
  const rest = after ? 'WHERE score > ? OR (score = ? AND (sort_date < ? OR (sort_date = ? AND id < ?)))' : '';
  const raw = cachedStatement(
    db,
    `SELECT ${ROW_COLUMNS}, hit.score AS score FROM (
       SELECT id, score, sort_date FROM (
         SELECT f.rowid AS id, bm25(entries_fts, 5.0, 1.0) AS score, m.sort_date AS sort_date
         FROM entries_fts f JOIN entries m INDEXED BY entries_dates ON m.id = f.rowid
         WHERE entries_fts MATCH ?
       ) ${rest}
       ORDER BY score, sort_date DESC, id DESC LIMIT ?
     ) hit JOIN entries e ON e.id = hit.id
     ORDER BY hit.score, hit.sort_date DESC, hit.id DESC`,
  ).all(searched.query, ...(after ? [after.score, after.score, after.date, after.date, after.id] : []), limit + 1) as (RawRow & { score: number })[];
  const page = raw.slice(0, limit);
  const last = page.at(-1);
  return {
    items: toRows(db, page),
    ...(raw.length > limit && last ? { nextCursor: encodeSearchCursor({ ranking: 'b', tolerant, score: last.score, date: last.sort_date, id: last.id }) } : {}),
    // Counted from the index alone: FTS5 rows are written and deleted with their entries.
    ...(after ? {} : { total: cachedStatement(db, 'SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?').pluck().get(searched.query) as number }),
  };
}

function newestRanked(db: Connection, searched: Searched, tolerant: boolean, limit: number, after: SearchCursor | undefined): SearchResult {
  const lazy = searched.lazy.join(' AND ');
  const newest = cachedStatement(db, 'SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid DESC LIMIT ?')
    .pluck()
    .all(lazy, RANKED_WHEN_MANY + 1) as number[];
  if (newest.length === 0) return after ? { items: [] } : { items: [], total: 0 };
  // A BigInt: FTS5 takes a rowid bound only as an integer value, and a JS number is bound as a
  // real, which FTS5 ignores (it would read every match for SQLite to drop the older ones).
  const floor = BigInt(newest[Math.min(newest.length, RANKED_WHEN_MANY) - 1]!);
  const window = cachedStatement(
    db,
    `SELECT f.rowid AS id, f.title, f.body, m.sort_date AS sortDate
     FROM entries_fts f JOIN entries m INDEXED BY entries_dates ON m.id = f.rowid
     WHERE entries_fts MATCH ? AND f.rowid >= ?`,
  ).all(lazy, floor) as WindowRow[];
  // The whole window is ranked for every page (its text is a thousand short rows); a later
  // page starts after the cursor's row in that order.
  const ranked = rankedWindow(window, searchedPrefixes(searched.query));
  const from = after ? ranked.findIndex((r) => r.score < after.score || (r.score === after.score && (r.date < after.date || (r.date === after.date && r.id < after.id)))) : 0;
  const page = from < 0 ? [] : ranked.slice(from, from + limit);
  const byId = new Map((cachedStatement(db, `SELECT ${ROW_COLUMNS} FROM entries e WHERE e.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(page.map((r) => r.id))) as RawRow[]).map((r) => [r.id, r]));
  const items = toRows(
    db,
    page.map((r) => byId.get(r.id)).filter((r): r is RawRow => r !== undefined),
  );
  const last = page.at(-1);
  const more = from >= 0 && from + limit < ranked.length && last;
  return {
    items,
    ...(more ? { nextCursor: encodeSearchCursor({ ranking: 'w', tolerant, score: last.score, date: last.date, id: last.id }) } : {}),
    ...(after ? {} : newest.length > RANKED_WHEN_MANY ? { newestOnly: RANKED_WHEN_MANY } : { total: window.length }),
  };
}

/** The words (and typo candidates) a query searches for, in index form, from its quoted phrases. */
function searchedPrefixes(query: string): string[] {
  return [...query.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => indexForm(m[1]!.replaceAll('""', '"')));
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
