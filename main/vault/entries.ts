// Rows ↔ domain for entries: writing one entry with its codes, blocking keys and search text,
// and reading entries back with all their provenance. Statements are prepared once per
// connection.
import type { EntryKind, FormatId, ProvenanceLink, RecordDraft, StoredEntry } from '../records/model.ts';
import { trendFactFields, trendKeysOf, type TrendFact, type TrendFactFields } from '../records/trends.ts';
import { sortDate } from '../records/timeline.ts';
import { unitLabel } from '../records/units.ts';
import { CAUSE_OF_DEATH_SEARCH_WORDS } from '../records/readable/family.ts';
import { hiddenEntryIds, movePersonalStatements, standingStatements } from './personal-statements.ts';
import { cachedStatement, preparedPerConnection, type Connection, type Statement } from './sqlite.ts';
import { addToSummaries, countedPointsOf, countedPointsOfEntry, removeFromSummaries, samePoints } from './trend-days.ts';

interface EntryStatements {
  insert: Statement;
  update: Statement;
  updateInPlace: Statement;
  deleteCodes: Statement;
  insertCode: Statement;
  deleteKeys: Statement;
  insertKey: Statement;
  deleteFts: Statement;
  insertFts: Statement;
  insertProvenance: Statement;
  countSources: Statement;
  addSource: Statement;
  insertTrendPoint: Statement;
  deleteTrendPoints: Statement;
  hasTrendPoints: Statement;
  setTrendProviders: Statement;
  providersOf: Statement;
  providerLinked: Statement;
  keepOriginals: Statement;
}

/**
 * A provenance link's original_json when the source wrote the entry exactly as the entry now
 * stands: the entry that a source's record created holds that record as its draft, and
 * storing it twice was the largest part of an import's provenance pages. Before the entry's
 * draft changes, or the link moves to another entry, the draft is copied into the link
 * (keepOriginals), so a link's original is always what its source said.
 */
const AS_ENTRY = '';

/**
 * How a trend point is written since migration 019 (its columns for a daily summary's readings
 * included; migrations 005 and 011 keep their own statement: they run before those columns
 * exist). Positional: binding sixteen named parameters from an object took 2 µs more per point,
 * and a watch's daily summaries are tens of thousands of points per import.
 */
const INSERT_TREND_POINT = `INSERT OR REPLACE INTO trend_points
  (code, entry_id, kind, date, title, number, value_text, unit, low, high, range_unit, interpretation, providers, readings_count, readings_min, readings_max)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const statements = preparedPerConnection<EntryStatements>((db) => ({
  insert: db.prepare(
    `INSERT INTO entries (kind, title, sort_date, status, value_text, draft_json, manual, source_count, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  update: db.prepare(
    'UPDATE entries SET kind = ?, title = ?, sort_date = ?, status = ?, value_text = ?, draft_json = ?, updated_at = ?, source_count = source_count + ? WHERE id = ?',
  ),
  // The same without the columns the timeline indexes hold: SQLite rewrites an index entry
  // whenever its column is SET, even to the value it had.
  updateInPlace: db.prepare(
    'UPDATE entries SET title = ?, status = ?, value_text = ?, draft_json = ?, updated_at = ?, source_count = source_count + ? WHERE id = ?',
  ),
  deleteCodes: db.prepare('DELETE FROM entry_codes WHERE entry_id = ?'),
  insertCode: db.prepare('INSERT OR IGNORE INTO entry_codes (entry_id, system, code) VALUES (?, ?, ?)'),
  deleteKeys: db.prepare('DELETE FROM entry_keys WHERE entry_id = ?'),
  insertKey: db.prepare('INSERT OR IGNORE INTO entry_keys (key, entry_id) VALUES (?, ?)'),
  deleteFts: db.prepare('DELETE FROM entries_fts WHERE rowid = ?'),
  insertFts: db.prepare('INSERT INTO entries_fts (rowid, title, body) VALUES (?, ?, ?)'),
  insertProvenance: db.prepare('INSERT INTO provenance (entry_id, source_id, provider, original_json) VALUES (?, ?, ?, ?)'),
  addSource: db.prepare('UPDATE entries SET source_count = source_count + 1 WHERE id = ?'),
  countSources: db.prepare(
    'UPDATE entries SET source_count = (SELECT count(DISTINCT source_id) FROM provenance WHERE entry_id = ?) WHERE id = ?',
  ),
  insertTrendPoint: db.prepare(INSERT_TREND_POINT),
  deleteTrendPoints: db.prepare('DELETE FROM trend_points WHERE entry_id = ?'),
  hasTrendPoints: db.prepare('SELECT 1 FROM trend_points WHERE entry_id = ? LIMIT 1').pluck(),
  setTrendProviders: db.prepare('UPDATE trend_points SET providers = ? WHERE entry_id = ?'),
  providersOf: db.prepare('SELECT DISTINCT provider FROM provenance WHERE entry_id = ? ORDER BY provider').pluck(),
  providerLinked: db.prepare('SELECT 1 FROM provenance WHERE entry_id = ? AND provider = ? LIMIT 1').pluck(),
  keepOriginals: db.prepare(
    `UPDATE provenance SET original_json = (SELECT draft_json FROM entries WHERE id = :id) WHERE entry_id = :id AND original_json = '${AS_ENTRY}'`,
  ),
}));

/**
 * provider_timeline (migration 021) gains the entry's row for a new link's provider. A
 * statement here rather than a trigger on provenance: any AFTER INSERT trigger there, even an
 * empty one, cost the import writer 60% more CPU on device readings (one link each). A file
 * not yet migrated to 021 (a test's old file) has no table and nothing to keep.
 */
const providerLinks = new WeakMap<Connection, { known: Statement; lookup: Statement } | null>();
function linkProvider(db: Connection, entryId: number, provider: string, known?: { kind: string; sortDate: string }): void {
  let link = providerLinks.get(db);
  if (link === undefined) {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'provider_timeline'").get() !== undefined;
    link = exists
      ? {
          known: db.prepare('INSERT OR IGNORE INTO provider_timeline (provider, kind, sort_date, entry_id) VALUES (?, ?, ?, ?)'),
          lookup: db.prepare('INSERT OR IGNORE INTO provider_timeline (provider, kind, sort_date, entry_id) SELECT ?, kind, sort_date, id FROM entries WHERE id = ?'),
        }
      : null;
    // Only a yes is kept: a file migrated later on this connection gains the table.
    if (link) providerLinks.set(db, link);
  }
  if (!link) return;
  if (known) link.known.run(provider, known.kind, known.sortDate, entryId);
  else link.lookup.run(provider, entryId);
}

/** The entry kinds a trend draws from; their LOINC-coded entries have trend points. */
const TREND_KINDS: ReadonlySet<EntryKind> = new Set<EntryKind>(['result', 'vital']);

/**
 * Makes the entry's trend points (migrations 005, 011) say what its draft says: one per LOINC
 * code of a result or vital, or one under its name when it has no LOINC code, none otherwise. `providers` is its provider list as JSON, when known.
 */
function writeTrendPoints(db: Connection, id: number, draft: RecordDraft, providers?: string): void {
  const before = countedPointsOfEntry(db, id);
  statements(db).deleteTrendPoints.run(id);
  const keys = TREND_KINDS.has(draft.kind) ? trendKeysOf(draft) : [];
  const fields = keys.length > 0 ? trendFactFields(draft) : undefined;
  const after = fields ? countedPointsOf(id, keys, fields) : [];
  // The day summaries change only when what they count changed (most merges change neither
  // the value nor the date). A summary naming a removed point is recomputed from the rows
  // left, so the new points go in after.
  const changed = !samePoints(before, after);
  if (changed) removeFromSummaries(db, before);
  if (fields) insertTrendPointRows(db, id, keys, fields, providers);
  if (changed) addToSummaries(db, after);
}

function insertTrendPoints(db: Connection, id: number, draft: RecordDraft, providers?: string): void {
  if (!TREND_KINDS.has(draft.kind)) return;
  const keys = trendKeysOf(draft);
  if (keys.length === 0) return;
  const fields = trendFactFields(draft);
  insertTrendPointRows(db, id, keys, fields, providers);
  addToSummaries(db, countedPointsOf(id, keys, fields));
}

function insertTrendPointRows(db: Connection, id: number, keys: readonly string[], fields: TrendFactFields, providers?: string): void {
  const s = statements(db);
  providers ??= JSON.stringify(s.providersOf.all(id));
  const f = fields;
  for (const key of keys) {
    s.insertTrendPoint.run(key, id, f.kind, f.date, f.title, f.number, f.valueText, f.unit, f.low, f.high, f.rangeUnit, f.interpretation, providers, f.readingsCount, f.readingsMin, f.readingsMax);
  }
}

/**
 * Whether the entry's trend points would change when its draft goes from `before` to `after`
 * (their providers aside): a merge usually adds a code system or a detail a chart never reads.
 */
function trendPointsDiffer(before: RecordDraft, after: RecordDraft): boolean {
  const wasTrend = TREND_KINDS.has(before.kind);
  if (wasTrend !== TREND_KINDS.has(after.kind)) return true;
  if (!wasTrend) return false;
  const keysBefore = trendKeysOf(before);
  const keysAfter = trendKeysOf(after);
  if (keysBefore.length !== keysAfter.length || keysBefore.some((key, i) => key !== keysAfter[i])) return true;
  if (keysAfter.length === 0) return false;
  const a = trendFactFields(before);
  const b = trendFactFields(after);
  for (const field of Object.keys(b) as (keyof TrendFactFields)[]) if (!Object.is(a[field], b[field])) return true;
  return Object.keys(a).length !== Object.keys(b).length;
}

/** Whether the entry already has a provenance link from `provider` (its trend points list it). */
function linkedToProvider(db: Connection, entryId: number, provider: string): boolean {
  return statements(db).providerLinked.get(entryId, provider) !== undefined;
}

/** Updates the provider list on the entry's trend points after its provenance changed. */
function refreshTrendProviders(db: Connection, entryId: number): void {
  const s = statements(db);
  if (s.hasTrendPoints.get(entryId)) s.setTrendProviders.run(JSON.stringify(s.providersOf.all(entryId)), entryId);
}

/** The value as a person reads it: "7.2 %", "Positive", "120/80 mm[Hg]". */
export function displayValue(draft: RecordDraft): string | null {
  const v = draft.value;
  // A null-flavored value is no answer: its words read only beside the flavor (readable/quantity.ts).
  if (!v || v.nullFlavor) return null;
  // UCUM codes ("mm[Hg]", "[lb_av]") are for machines; people read "mmHg", "lb".
  const unit = v.unit ? unitLabel(v.unit) : '';
  const shown = v.number !== undefined && v.number !== null ? String(v.number) : v.text;
  if (!shown) return null;
  return unit && unit !== '%' ? `${shown} ${unit}` : `${shown}${unit}`;
}

/** Everything a full-text search should find the entry by, beyond its title. */
function searchBody(draft: RecordDraft): string {
  const parts: string[] = [];
  if (draft.narrative) parts.push(draft.narrative);
  // A null-flavored value's words ("Unknown") are still what the source wrote, so they are found.
  const value = displayValue(draft) ?? draft.value?.text;
  if (value) parts.push(value);
  for (const code of draft.codes) {
    parts.push(code.code);
    if (code.display) parts.push(code.display);
  }
  for (const detail of Object.values(draft.details)) {
    if (typeof detail === 'string') parts.push(detail);
    else if (Array.isArray(detail)) for (const d of detail) if (typeof d === 'string') parts.push(d);
  }
  if (draft.details.causeOfDeath) parts.push(...CAUSE_OF_DEATH_SEARCH_WORDS);
  if (draft.status) parts.push(draft.status);
  return parts.join(' \n');
}

function writeIndexes(db: Connection, id: number, draft: RecordDraft, keys: readonly string[]): void {
  const s = statements(db);
  for (const code of draft.codes) s.insertCode.run(id, code.system, code.code);
  for (const key of keys) s.insertKey.run(key, id);
  s.insertFts.run(id, draft.title, searchBody(draft));
}

/** The source whose record creates an entry: its first provenance link. */
export interface CreatingSource {
  sourceId: number;
  provider: string;
}

/**
 * Inserts an entry. Given its `creator`, the entry is linked to that source with the entry's
 * own draft as the link's original (AS_ENTRY); without one (a split), the caller moves links
 * to it. `json` is the draft already serialized, when the caller has it.
 */
export function insertEntry(
  db: Connection,
  draft: RecordDraft,
  keys: readonly string[],
  manual: boolean,
  now: string,
  options: { creator?: CreatingSource; json?: string } = {},
): number {
  const s = statements(db);
  const { creator, json = JSON.stringify(draft) } = options;
  const info = s.insert.run(draft.kind, draft.title, sortDate(draft) ?? '', draft.status ?? null, displayValue(draft), json, manual ? 1 : 0, creator ? 1 : 0, now, now);
  const id = Number(info.lastInsertRowid);
  writeIndexes(db, id, draft, keys);
  if (creator) {
    s.insertProvenance.run(id, creator.sourceId, creator.provider, AS_ENTRY);
    linkProvider(db, id, creator.provider, { kind: draft.kind, sortDate: sortDate(draft) ?? '' });
  }
  insertTrendPoints(db, id, draft, JSON.stringify(creator ? [creator.provider] : []));
  return id;
}

/**
 * Rewrites an entry. Given what the entry was (`previous`, as a merge knows it), only what
 * changed is rewritten: a merge only ever adds codes and keys, and most merges leave the
 * searchable text alone, so deleting and re-adding every index row would be wasted writes.
 * Returns the stored JSON.
 */
export function updateEntry(
  db: Connection,
  id: number,
  draft: RecordDraft,
  keys: readonly string[],
  now: string,
  previous?: { draft: RecordDraft; keys: readonly string[] },
  options: { json?: string; addedSource?: boolean; originalsKept?: boolean; providerAdded?: boolean } = {},
): string {
  const s = statements(db);
  const { json = JSON.stringify(draft), addedSource = false, originalsKept = false, providerAdded = true } = options;
  // Finding the links to keep reads every link of the entry, each holding its source's draft:
  // for an entry merged from many documents, the writer's costliest statement. A caller that
  // knows it already ran for this entry since its last link was added says so.
  if (!originalsKept) s.keepOriginals.run({ id });
  const sorted = sortDate(draft) ?? '';
  if (previous && previous.draft.kind === draft.kind && (sortDate(previous.draft) ?? '') === sorted) {
    s.updateInPlace.run(draft.title, draft.status ?? null, displayValue(draft), json, now, addedSource ? 1 : 0, id);
  } else {
    s.update.run(draft.kind, draft.title, sorted, draft.status ?? null, displayValue(draft), json, now, addedSource ? 1 : 0, id);
  }
  // Trend points are rewritten only when what they hold changes; `providerAdded` (false when
  // the caller knows no new provider was linked since they were written) spares the recount.
  if (!previous || trendPointsDiffer(previous.draft, draft)) writeTrendPoints(db, id, draft);
  else if (providerAdded) refreshTrendProviders(db, id);
  if (!previous) {
    s.deleteCodes.run(id);
    s.deleteKeys.run(id);
    s.deleteFts.run(id);
    writeIndexes(db, id, draft, keys);
    return json;
  }
  const hadCodes = new Set(previous.draft.codes.map((c) => `${c.system}\u0000${c.code}`));
  for (const code of draft.codes) if (!hadCodes.has(`${code.system}\u0000${code.code}`)) s.insertCode.run(id, code.system, code.code);
  const hadKeys = new Set(previous.keys);
  for (const key of keys) if (!hadKeys.has(key)) s.insertKey.run(key, id);
  const body = searchBody(draft);
  if (draft.title !== previous.draft.title || body !== searchBody(previous.draft)) {
    s.deleteFts.run(id);
    s.insertFts.run(id, draft.title, body);
  }
  return json;
}

export function deleteEntry(db: Connection, id: number): void {
  statements(db).deleteFts.run(id);
  const counted = countedPointsOfEntry(db, id);
  statements(db).deleteTrendPoints.run(id);
  removeFromSummaries(db, counted);
  db.prepare('DELETE FROM entries WHERE id = ?').run(id);
}

/**
 * Links an entry to a source that saw it (`original`: the draft as that source had it, or its
 * JSON). `firstLinkFromSource` says the entry has no link from
 * this source yet, so its source count goes up by one (callers that cannot tell recount).
 */
export function addProvenance(
  db: Connection,
  entryId: number,
  sourceId: number,
  provider: string,
  original: RecordDraft | string,
  firstLinkFromSource: boolean,
): void {
  const s = statements(db);
  const providerKnown = linkedToProvider(db, entryId, provider);
  s.insertProvenance.run(entryId, sourceId, provider, typeof original === 'string' ? original : JSON.stringify(original));
  // A provider the entry was linked from already has its provider_timeline row.
  if (!providerKnown) linkProvider(db, entryId, provider);
  if (firstLinkFromSource) s.addSource.run(entryId);
  // The trend points' provider list changes only with a provider the entry had no link from.
  if (!providerKnown) refreshTrendProviders(db, entryId);
}

/**
 * Links a source's record merged into an existing entry and, when the merge changed the
 * entry (`update`: as updateEntry takes it), rewrites it. The link goes in first, so the row
 * and its trend points are written once, the new source already counted and listed, rather
 * than rewritten again by addProvenance.
 */
export function linkMerged(
  db: Connection,
  entryId: number,
  link: { sourceId: number; provider: string; original: string; firstLinkFromSource: boolean },
  update?: { draft: RecordDraft; keys: readonly string[]; now: string; previous: { draft: RecordDraft; keys: readonly string[] }; json: string; originalsKept?: boolean },
): void {
  if (!update) {
    addProvenance(db, entryId, link.sourceId, link.provider, link.original, link.firstLinkFromSource);
    return;
  }
  const providerAdded = !linkedToProvider(db, entryId, link.provider);
  statements(db).insertProvenance.run(entryId, link.sourceId, link.provider, link.original);
  // A provider the entry was linked from already has its provider_timeline row (re-dated with
  // the others by the trigger when updateEntry moves the entry's date).
  if (providerAdded) linkProvider(db, entryId, link.provider);
  // The trend points updateEntry writes for a result or vital list the new link's provider.
  updateEntry(db, entryId, update.draft, update.keys, update.now, update.previous, {
    json: update.json,
    addedSource: link.firstLinkFromSource,
    originalsKept: update.originalsKept === true,
    providerAdded,
  });
}

/**
 * Moves provenance links from one entry to another: all of them (a merge), those of one
 * source (a split) or the given links (an undone merge). Source counts are the caller's to
 * recount.
 */
export function moveProvenance(db: Connection, fromEntryId: number, toEntryId: number, sourceId?: number, linkIds?: readonly number[]): void {
  statements(db).keepOriginals.run({ id: fromEntryId });
  if (linkIds) {
    // An undone merge: the caller moves the person's statements back with the links.
    const move = db.prepare('UPDATE provenance SET entry_id = ? WHERE entry_id = ? AND id = ?');
    for (const linkId of linkIds) move.run(toEntryId, fromEntryId, linkId);
  } else if (sourceId === undefined) {
    db.prepare('UPDATE provenance SET entry_id = ? WHERE entry_id = ?').run(toEntryId, fromEntryId);
    // A merge: what the person said about either entry is now said about the one that stays.
    movePersonalStatements(db, fromEntryId, toEntryId);
  }
  else db.prepare('UPDATE provenance SET entry_id = ? WHERE entry_id = ? AND source_id = ?').run(toEntryId, fromEntryId, sourceId);
  refreshTrendProviders(db, fromEntryId);
  refreshTrendProviders(db, toEntryId);
}

export function recountSources(db: Connection, entryId: number): void {
  statements(db).countSources.run(entryId, entryId);
}

export function readDraft(db: Connection, id: number): RecordDraft | undefined {
  const row = db.prepare('SELECT draft_json FROM entries WHERE id = ?').get(id) as { draft_json: string } | undefined;
  return row ? (JSON.parse(row.draft_json) as RecordDraft) : undefined;
}

/** What one source said, for each entry it is linked to (its links' originals, not the merged entries). */
export function originalsOfSource(db: Connection, sourceId: number): RecordDraft[] {
  const rows = db.prepare('SELECT entry_id, original_json FROM provenance WHERE source_id = ?').all(sourceId) as { entry_id: number; original_json: string }[];
  return rows
    .map((r) => (r.original_json === AS_ENTRY ? readDraft(db, r.entry_id) : (JSON.parse(r.original_json) as RecordDraft)))
    .filter((d): d is RecordDraft => d !== undefined);
}

interface EntryRow {
  id: number;
  draft_json: string;
  manual: number;
}

interface ProvenanceRow {
  entry_id: number;
  source_id: number;
  provider: string;
  original_json: string;
  format: string;
  file_name: string | null;
  document_date: string | null;
  imported_at: string;
}

/**
 * Provenance links with their source's and file's facts. The covering indexes (migration 002)
 * are named because `files` rows hold the original bytes and `sources` rows the document JSON:
 * without them each link reads blob pages (and a source's whole overflow chain to reach
 * imported_at), which made a trend over 1,600 results take hundreds of milliseconds.
 */
export const PROVENANCE_SELECT = `
  SELECT p.entry_id, p.source_id, p.provider, p.original_json, s.format, f.name AS file_name, s.document_date, s.imported_at
  FROM provenance p JOIN sources s INDEXED BY sources_listing ON s.id = p.source_id
  LEFT JOIN files f INDEXED BY files_names ON f.id = s.file_id`;

/** Reads entries with their provenance and open duplicate links, in the order of `rows`. */
function hydrate(db: Connection, rows: EntryRow[]): StoredEntry[] {
  if (rows.length === 0) return [];
  const byId = new Map<number, StoredEntry>();
  const draftJsonOf = new Map<number, string>();
  const ordered: StoredEntry[] = [];
  for (const row of rows) {
    draftJsonOf.set(row.id, row.draft_json);
    const entry: StoredEntry = {
      ...(JSON.parse(row.draft_json) as RecordDraft),
      id: row.id,
      manual: row.manual === 1,
      sources: [],
      possibleDuplicates: [],
    };
    byId.set(row.id, entry);
    ordered.push(entry);
  }
  // Chunked to stay under SQLite's bound-parameter limit.
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const marks = chunk.map(() => '?').join(',');
    const links = db
      .prepare(`${PROVENANCE_SELECT} WHERE p.entry_id IN (${marks}) ORDER BY p.id`)
      .all(...chunk) as ProvenanceRow[];
    for (const link of links) {
      const provenance: ProvenanceLink = {
        sourceId: link.source_id,
        provider: link.provider,
        format: link.format as FormatId | 'manual',
        ...(link.file_name ? { fileName: link.file_name } : {}),
        ...(link.document_date ? { documentDate: link.document_date } : {}),
        importedAt: link.imported_at,
        original: JSON.parse(link.original_json === AS_ENTRY ? draftJsonOf.get(link.entry_id)! : link.original_json) as RecordDraft,
      };
      byId.get(link.entry_id)?.sources.push(provenance);
    }
    const duplicates = db
      .prepare(
        `SELECT entry_id, other_id FROM possible_duplicates WHERE dismissed = 0 AND (entry_id IN (${marks}) OR other_id IN (${marks}))`,
      )
      .all(...chunk, ...chunk) as { entry_id: number; other_id: number }[];
    for (const d of duplicates) {
      byId.get(d.entry_id)?.possibleDuplicates.push(d.other_id);
      byId.get(d.other_id)?.possibleDuplicates.push(d.entry_id);
    }
    for (const [entryId, said] of standingStatements(db, chunk)) {
      const entry = byId.get(entryId);
      if (entry) entry.personal = said;
    }
  }
  return ordered;
}

export function getEntry(db: Connection, id: number): StoredEntry | undefined {
  const rows = db.prepare('SELECT id, draft_json, manual FROM entries WHERE id = ?').all(id) as EntryRow[];
  return hydrate(db, rows)[0];
}

export function listEntries(db: Connection, kinds: readonly EntryKind[]): StoredEntry[] {
  const marks = kinds.map(() => '?').join(',');
  const rows = db
    .prepare(`SELECT id, draft_json, manual FROM entries WHERE kind IN (${marks}) ORDER BY sort_date DESC, id DESC`)
    .all(...kinds) as EntryRow[];
  return hydrate(db, rows);
}

/** Entries of some kinds dated on or after `from` (YYYY-MM-DD), newest first: one range of the kind index each. */
export function listEntriesSince(db: Connection, kinds: readonly EntryKind[], from: string): StoredEntry[] {
  const marks = kinds.map(() => '?').join(',');
  const rows = db
    .prepare(`SELECT id, draft_json, manual FROM entries WHERE kind IN (${marks}) AND sort_date >= ? ORDER BY sort_date DESC, id DESC`)
    .all(...kinds, from) as EntryRow[];
  return hydrate(db, rows);
}

/** The `limit` newest dated entries of one kind, newest first: one range of the kind index. */
export function listNewestEntries(db: Connection, kind: EntryKind, limit: number): StoredEntry[] {
  const rows = db
    .prepare("SELECT id, draft_json, manual FROM entries WHERE kind = ? AND sort_date IS NOT NULL AND sort_date <> '' ORDER BY sort_date DESC, id DESC LIMIT ?")
    .all(kind, limit) as EntryRow[];
  return hydrate(db, rows);
}

/** The distinct providers of each entry (chunked under SQLite's bound-parameter limit). */
export function providersFor(db: Connection, ids: readonly number[]): Map<number, string[]> {
  const result = new Map<number, string[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = cachedStatement(db, `SELECT DISTINCT entry_id, provider FROM provenance WHERE entry_id IN (${chunk.map(() => '?').join(',')})`)
      .all(...chunk) as { entry_id: number; provider: string }[];
    for (const row of rows) {
      const list = result.get(row.entry_id);
      if (list) list.push(row.provider);
      else result.set(row.entry_id, [row.provider]);
    }
  }
  return result;
}

/** One row of trend_points (migration 005), as an array, in TREND_POINT_SELECT's order. */
export type TrendPointRow = [string, number, EntryKind, string | null, string, number | null, string | null, string | null, number | null, number | null, string | null, string | null, string, number | null, number | null, number | null];

export const TREND_POINT_SELECT = 'SELECT code, entry_id, kind, date, title, number, value_text, unit, low, high, range_unit, interpretation, providers, readings_count, readings_min, readings_max FROM trend_points';

/**
 * The trend facts of the results and vitals with LOINC codes (trend_points, migration 005),
 * oldest entry first. With `loincs` (a series' codes: one range of the table each), one fact
 * per entry, under whichever of the codes comes first; without, one per entry and code (the
 * list of trendable tests).
 */
export function listTrendFacts(db: Connection, loincs?: readonly string[]): TrendFact[] {
  if (loincs?.length === 0) return [];
  // Rows as arrays rather than objects: a series is thousands of them.
  // Row by row: a series of 500,000 points would otherwise hold every row's array beside its fact.
  const rows = (
    loincs
      ? db.prepare(`${TREND_POINT_SELECT} WHERE code IN (${loincs.map(() => '?').join(',')})`).raw().iterate(...loincs)
      : db.prepare(TREND_POINT_SELECT).raw().iterate()
  ) as Iterable<TrendPointRow>;
  // A series has thousands of points but a handful of provider lists: each is parsed once and
  // shared (read-only) by every point that has it.
  const providerLists = new Map<string, string[]>();
  const seen = new Set<number>();
  const facts: TrendFact[] = [];
  for (const [loinc, entryId, kind, date, title, number, valueText, unit, low, high, rangeUnit, interpretation, providers, readingsCount, readingsMin, readingsMax] of rows) {
    if (loincs) {
      // An entry with two of the series' codes has a point under each; it counts once.
      if (seen.has(entryId)) continue;
      seen.add(entryId);
    }
    let sources = providerLists.get(providers);
    if (!sources) providerLists.set(providers, (sources = JSON.parse(providers) as string[]));
    facts.push({ entryId, loinc, sources, kind, date, title, number, valueText, unit, low, high, rangeUnit, interpretation, readingsCount, readingsMin, readingsMax });
  }
  // What the person hid or said is wrong is not drawn.
  const hidden = hiddenEntryIds(db);
  // Stable: an entry's facts keep the table's code order.
  return (hidden.size > 0 ? facts.filter((f) => !hidden.has(f.entryId)) : facts).sort((a, b) => a.entryId - b.entryId);
}

/**
 * Facts from rows of TREND_POINT_SELECT; a provider list is parsed once per `lists` (shared,
 * read-only, by every fact that has it).
 */
export function trendFactOfRow(row: TrendPointRow, lists: Map<string, string[]>): TrendFact {
  const [loinc, entryId, kind, date, title, number, valueText, unit, low, high, rangeUnit, interpretation, providers, readingsCount, readingsMin, readingsMax] = row;
  let sources = lists.get(providers);
  if (!sources) lists.set(providers, (sources = JSON.parse(providers) as string[]));
  return { entryId, loinc, sources, kind, date, title, number, valueText, unit, low, high, rangeUnit, interpretation, readingsCount, readingsMin, readingsMax };
}

/**
 * Changes whenever anything in the profile's file may have changed: another connection's
 * commit (SQLite's data_version) or a write through this one (total_changes). What is
 * computed from many rows (a trend series) is kept while this stays the same.
 */
export function profileDataVersion(db: Connection): string {
  return `${db.pragma('data_version', { simple: true }) as number}:${db.prepare('SELECT total_changes()').pluck().get() as number}`;
}
