// Timeline and search queries. Pages are keyset-paginated on (sort_date, id) so any page
// costs the same as the first, however deep the user has scrolled.
import type { Code, EntryKind, Quantity, ReferenceRange } from '../records/model.ts';
import { AppError } from '../errors.ts';
import { firstLetterVariants, MIN_TYPO_LENGTH, typoCandidates } from '../records/spelling.ts';
import { providersFor } from './entries.ts';
import { hiddenEntrySql, standingStatements } from './personal-statements.ts';
import { correctedFields, hiddenBecause } from '../records/readable/personal.ts';
import type { Connection } from './sqlite.ts';

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

function whereClause(db: Connection, filter: TimelineFilter): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  if (filter.kinds?.length) {
    sql.push(`e.kind IN (${filter.kinds.map(() => '?').join(',')})`);
    params.push(...filter.kinds);
  }
  if (filter.from) {
    sql.push('e.sort_date >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    // Every time of day on `to` is included: '~' sorts after any date or time text.
    sql.push('e.sort_date <= ?');
    params.push(`${filter.to}~`);
  }
  if (filter.providers?.length) {
    sql.push(`EXISTS (SELECT 1 FROM provenance p WHERE p.entry_id = e.id AND p.provider IN (${filter.providers.map(() => '?').join(',')}))`);
    params.push(...filter.providers);
  }
  if (filter.text) {
    const query = ftsQuery(filter.text);
    if (query) {
      sql.push('e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)');
      params.push(query);
    }
  }
  const hidden = filter.showHidden ? undefined : hiddenEntrySql(db, 'e.id');
  if (hidden) sql.push(`NOT ${hidden}`);
  return { sql, params };
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
  const where = whereClause(db, filter);
  if (cursor) {
    const [sortDate, id] = decodeCursor(cursor);
    // A row value, not `a < ? OR (a = ? AND b < ?)`: SQLite turns the row value into a range
    // on the (sort_date, id) index, while the OR form scans the index from the newest entry,
    // so a deep page would cost as much as every page before it.
    where.sql.push('(e.sort_date, e.id) < (?, ?)');
    where.params.push(sortDate, id);
  }
  const sql = `SELECT ${ROW_COLUMNS} FROM entries e
    ${where.sql.length ? `WHERE ${where.sql.join(' AND ')}` : ''}
    ORDER BY e.sort_date DESC, e.id DESC LIMIT ?`;
  const raw = db.prepare(sql).all(...where.params, limit + 1) as RawRow[];
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
