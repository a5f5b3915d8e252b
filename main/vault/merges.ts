// Merging two entries by hand, undoing such a merge, splitting one source off an entry, and
// the possible-duplicate flags between entries. The entry a merge makes is always rebuilt from
// every source's own record (mergeSourceRecords), so what the sources said is never lost and
// the result does not depend on which of the two entries was kept.
import type { DuplicatePair, MergeRecord } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import type { ProvenanceLink, RecordDraft, StoredEntry } from '../records/model.ts';
import { blockingKeys, mergeSourceRecords } from '../records/reconcile.ts';
import { deleteEntry, getEntry, insertEntry, moveProvenance, readDraft, recountSources, updateEntry } from './entries.ts';
import { moveKeptDocumentLinks } from './kept-documents.ts';
import { hasPersonalStatements } from './personal-statements.ts';
import type { Connection } from './sqlite.ts';

interface FlagRow {
  entry_id: number;
  other_id: number;
  reason: string;
  dismissed: number;
}

interface RemovedEntry {
  kind: string;
  title: string;
  manual: boolean;
  createdAt: string;
  draft: RecordDraft;
  /** The person's standing statements about the removed entry, which the merge moved to the kept one. */
  statementIds?: number[];
  /** Statements the merge withdrew (two on one question: the newer stood), with the time it wrote. */
  withdrawn?: { id: number; at: string }[];
}

function standingStatementIds(db: Connection, entryId: number): number[] {
  if (!hasPersonalStatements(db)) return [];
  return db.prepare('SELECT id FROM personal_statements WHERE entry_id = ? AND withdrawn_at IS NULL').pluck().all(entryId) as number[];
}

/** The date a source's record speaks for: its document's, or when a hand entry was made. */
function recordDate(link: ProvenanceLink): string | undefined {
  return link.documentDate ?? (link.format === 'manual' ? link.importedAt : undefined);
}

/** The entry its remaining sources make; `fallback` for an entry without provenance (older vaults). */
function rebuild(db: Connection, entryId: number, fallback: RecordDraft, now: string): void {
  const entry = getEntry(db, entryId);
  if (!entry) return;
  const draft = mergeSourceRecords(entry.sources.map((s) => ({ original: s.original, documentDate: recordDate(s) }))) ?? fallback;
  updateEntry(db, entryId, draft, blockingKeys(draft), now);
  recountSources(db, entryId);
}

function flagsOf(db: Connection, ids: readonly number[]): FlagRow[] {
  const marks = ids.map(() => '?').join(',');
  return db
    .prepare(`SELECT entry_id, other_id, reason, dismissed FROM possible_duplicates WHERE entry_id IN (${marks}) OR other_id IN (${marks})`)
    .all(...ids, ...ids) as FlagRow[];
}

/**
 * Merges `mergeId` into `keepId`: the removed entry's sources move to the kept one, its flags
 * follow it, and the kept entry is rebuilt from all its sources. Returns the merge's id.
 */
export function mergeEntries(db: Connection, keepId: number, mergeId: number, now: string): number {
  if (keepId === mergeId) throw new AppError('conflict', 'An entry cannot be merged with itself.');
  const keep = getEntry(db, keepId);
  const other = getEntry(db, mergeId);
  if (!keep || !other) throw new AppError('not-found', 'That entry is no longer in this profile.');
  if (keep.kind !== other.kind) throw new AppError('conflict', 'Only entries of the same kind can be merged.');
  return db.transaction(() => {
    const keptDraft = readDraft(db, keepId)!;
    const removedDraft = readDraft(db, mergeId)!;
    const created = db.prepare('SELECT created_at FROM entries WHERE id = ?').pluck().get(mergeId) as string;
    const moved = db.prepare('SELECT id FROM provenance WHERE entry_id = ? ORDER BY id').pluck().all(mergeId) as number[];
    const flagsBefore = flagsOf(db, [keepId, mergeId]);
    const statementIds = standingStatementIds(db, mergeId);
    const standingBefore = [...standingStatementIds(db, keepId), ...statementIds];
    moveProvenance(db, mergeId, keepId);
    // Documents the person attached to either entry stay attached to the one entry (an undo
    // leaves them there: the link records no side).
    moveKeptDocumentLinks(db, mergeId, keepId);
    const standingAfter = new Set(standingStatementIds(db, keepId));
    const withdrawn = standingBefore
      .filter((id) => !standingAfter.has(id))
      .map((id) => ({ id, at: db.prepare('SELECT withdrawn_at FROM personal_statements WHERE id = ?').pluck().get(id) as string }));
    db.prepare('UPDATE OR IGNORE possible_duplicates SET entry_id = ? WHERE entry_id = ?').run(keepId, mergeId);
    db.prepare('UPDATE OR IGNORE possible_duplicates SET other_id = ? WHERE other_id = ?').run(keepId, mergeId);
    db.prepare('DELETE FROM possible_duplicates WHERE entry_id = other_id OR entry_id = ? OR other_id = ?').run(mergeId, mergeId);
    deleteEntry(db, mergeId);
    rebuild(db, keepId, keptDraft, now);
    const removed: RemovedEntry = { kind: other.kind, title: other.title, manual: other.manual, createdAt: created, draft: removedDraft, statementIds, withdrawn };
    const info = db
      .prepare('INSERT INTO merges (kept_id, removed_json, kept_title, provenance_ids, flags_before, merged_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(keepId, JSON.stringify(removed), keep.title, JSON.stringify(moved), JSON.stringify(flagsBefore), now);
    return Number(info.lastInsertRowid);
  }).immediate();
}

interface MergeRow {
  id: number;
  kept_id: number;
  removed_json: string;
  kept_title: string;
  provenance_ids: string;
  flags_before: string;
  merged_at: string;
  undone_at: string | null;
}

/** Why a merge can no longer be undone, if it cannot: its sources must all still be on the kept entry. */
function undoBlocker(db: Connection, row: MergeRow): MergeRecord['cannotUndo'] | undefined {
  const ids = JSON.parse(row.provenance_ids) as number[];
  const keptExists = db.prepare('SELECT 1 FROM entries WHERE id = ?').get(row.kept_id) !== undefined;
  if (ids.length === 0) return keptExists ? undefined : 'merged-again';
  const marks = ids.map(() => '?').join(',');
  const holders = new Set(db.prepare(`SELECT entry_id FROM provenance WHERE id IN (${marks})`).pluck().all(...ids) as number[]);
  const found = db.prepare(`SELECT count(*) FROM provenance WHERE id IN (${marks})`).pluck().get(...ids) as number;
  if (found !== ids.length || holders.size !== 1) return 'sources-moved';
  if (!keptExists) return 'merged-again';
  if (!holders.has(row.kept_id)) return 'sources-moved';
  // The kept entry must keep a source of its own.
  const own = db.prepare(`SELECT count(*) FROM provenance WHERE entry_id = ? AND id NOT IN (${marks})`).pluck().get(row.kept_id, ...ids) as number;
  return own > 0 ? undefined : 'sources-moved';
}

const UNDO_BLOCKED: Record<NonNullable<MergeRecord['cannotUndo']>, string> = {
  'merged-again': 'This merge cannot be undone while the entry it made is merged into another; undo that later merge first.',
  'sources-moved': 'This merge cannot be undone because its sources have since been separated from the entry.',
};

/**
 * Undoes a merge: the removed entry comes back (under a new id) with the sources that came
 * with it, both entries are rebuilt from their own sources, and the flags either had before
 * the merge are as they were. Returns [the kept entry, the entry brought back].
 */
export function undoMerge(db: Connection, mergeId: number, now: string): [StoredEntry, StoredEntry] {
  const row = db.prepare('SELECT * FROM merges WHERE id = ?').get(mergeId) as MergeRow | undefined;
  if (!row) throw new AppError('not-found', 'That merge is not in this profile.');
  if (row.undone_at) throw new AppError('conflict', 'This merge was already undone.');
  const blocker = undoBlocker(db, row);
  if (blocker) throw new AppError('conflict', UNDO_BLOCKED[blocker]);
  const removed = JSON.parse(row.removed_json) as RemovedEntry;
  const moved = JSON.parse(row.provenance_ids) as number[];
  const flagsBefore = JSON.parse(row.flags_before) as FlagRow[];
  const keptId = row.kept_id;
  const restoredId = db.transaction(() => {
    const id = insertEntry(db, removed.draft, blockingKeys(removed.draft), removed.manual, now);
    db.prepare('UPDATE entries SET created_at = ? WHERE id = ?').run(removed.createdAt, id);
    moveProvenance(db, keptId, id, undefined, moved);
    if (hasPersonalStatements(db)) {
      // What the person said about the removed entry goes back to it; what the merge withdrew
      // stands again, unless the person changed it since.
      const back = db.prepare('UPDATE personal_statements SET entry_id = ? WHERE id = ? AND entry_id = ?');
      for (const statementId of removed.statementIds ?? []) back.run(id, statementId, keptId);
      const stand = db.prepare('UPDATE personal_statements SET withdrawn_at = NULL WHERE id = ? AND withdrawn_at = ?');
      for (const w of removed.withdrawn ?? []) stand.run(w.id, w.at);
    }
    rebuild(db, id, removed.draft, now);
    rebuild(db, keptId, readDraft(db, keptId)!, now);
    // The removed entry's id in the flags recorded before the merge is the restored entry's now.
    const removedIds = new Set(flagsBefore.flatMap((f) => [f.entry_id, f.other_id]).filter((x) => x !== keptId));
    const mapId = (x: number) => (removedIds.has(x) ? id : x);
    const before = flagsBefore.map((f) => ({ ...f, entry_id: mapId(f.entry_id), other_id: mapId(f.other_id) }));
    const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);
    const keptHad = new Set(before.filter((f) => f.entry_id === keptId || f.other_id === keptId).map((f) => pairKey(f.entry_id, f.other_id)));
    // Flags the merge moved onto the kept entry go back to the restored one.
    for (const f of before) {
      if (f.entry_id !== id && f.other_id !== id) continue;
      const third = f.entry_id === id ? f.other_id : f.entry_id;
      if (third !== keptId && !keptHad.has(pairKey(keptId, third))) {
        db.prepare('DELETE FROM possible_duplicates WHERE (entry_id = ? AND other_id = ?) OR (entry_id = ? AND other_id = ?)').run(keptId, third, third, keptId);
      }
    }
    const exists = db.prepare('SELECT 1 FROM entries WHERE id = ?').pluck();
    const put = db.prepare('INSERT OR REPLACE INTO possible_duplicates (entry_id, other_id, reason, dismissed) VALUES (?, ?, ?, ?)');
    for (const f of before) if (exists.get(f.entry_id) && exists.get(f.other_id)) put.run(f.entry_id, f.other_id, f.reason, f.dismissed);
    db.prepare('UPDATE merges SET undone_at = ? WHERE id = ?').run(now, mergeId);
    return id;
  }).immediate();
  return [getEntry(db, keptId)!, getEntry(db, restoredId)!];
}

/** The merges the person made, newest first. */
export function listMerges(db: Connection): MergeRecord[] {
  const rows = db.prepare('SELECT * FROM merges ORDER BY id DESC').all() as MergeRow[];
  return rows.map((row) => {
    const removed = JSON.parse(row.removed_json) as RemovedEntry;
    const blocker = row.undone_at ? undefined : undoBlocker(db, row);
    return {
      id: row.id,
      keptEntryId: row.kept_id,
      kind: removed.kind as MergeRecord['kind'],
      titles: [row.kept_title, removed.title],
      mergedAt: row.merged_at,
      ...(row.undone_at ? { undoneAt: row.undone_at } : {}),
      ...(blocker ? { cannotUndo: blocker } : {}),
    };
  });
}

/**
 * Splits one source off an entry into an entry of its own; both are rebuilt from their
 * sources, and the two are remembered as kept apart so they are not offered again.
 */
export function splitSource(db: Connection, entryId: number, sourceId: number, now: string): [StoredEntry, StoredEntry] {
  const entry = getEntry(db, entryId);
  if (!entry) throw new AppError('not-found', 'That entry is no longer in this profile.');
  const link = entry.sources.find((s) => s.sourceId === sourceId);
  if (!link) throw new AppError('not-found', 'That source is not one of this entry’s sources.');
  if (new Set(entry.sources.map((s) => s.sourceId)).size < 2) throw new AppError('conflict', 'This entry has only one source, so there is nothing to split.');
  const newId = db.transaction(() => {
    const id = insertEntry(db, link.original, blockingKeys(link.original), false, now);
    moveProvenance(db, entryId, id, sourceId);
    rebuild(db, entryId, readDraft(db, entryId)!, now);
    rebuild(db, id, link.original, now);
    db.prepare('INSERT OR REPLACE INTO possible_duplicates (entry_id, other_id, reason, dismissed) VALUES (?, ?, ?, 1)').run(id, entryId, 'Split by you');
    return id;
  }).immediate();
  return [getEntry(db, entryId)!, getEntry(db, newId)!];
}

/** Marks two flagged entries as kept apart, or (again = true) as to review again. */
export function setKeptApart(db: Connection, entryId: number, otherId: number, keptApart: boolean): void {
  const info = db
    .prepare('UPDATE possible_duplicates SET dismissed = ? WHERE (entry_id = ? AND other_id = ?) OR (entry_id = ? AND other_id = ?)')
    .run(keptApart ? 1 : 0, entryId, otherId, otherId, entryId);
  if (info.changes === 0) throw new AppError('not-found', 'Those two entries are not marked as possible duplicates.');
}

/** Flagged pairs, open ones (or those kept apart), of one entry or all, the newest flag first. */
export function listDuplicatePairs(db: Connection, keptApart: boolean, entryId?: number): DuplicatePair[] {
  const where = entryId === undefined ? '' : 'AND (entry_id = :entry OR other_id = :entry)';
  const rows = db
    .prepare(`SELECT entry_id, other_id, reason FROM possible_duplicates WHERE dismissed = :dismissed ${where} ORDER BY entry_id DESC, other_id DESC`)
    .all({ dismissed: keptApart ? 1 : 0, ...(entryId === undefined ? {} : { entry: entryId }) }) as { entry_id: number; other_id: number; reason: string }[];
  const pairs: DuplicatePair[] = [];
  for (const row of rows) {
    // entry_id is the entry that was flagged when it arrived, other_id the one already there.
    const entry = getEntry(db, row.entry_id);
    const other = getEntry(db, row.other_id);
    if (entry && other) pairs.push({ entry, other, reason: row.reason, keptApart });
  }
  return pairs;
}

export function countOpenDuplicates(db: Connection): number {
  return db.prepare(`SELECT count(*) FROM possible_duplicates WHERE dismissed = 0`).pluck().get() as number;
}
