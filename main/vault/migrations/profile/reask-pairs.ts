import { decide } from '../../../records/reconcile.ts';
import type { RecordDraft } from '../../../records/model.ts';
import { StoredStreams } from '../../stream-readings.ts';
import type { Connection } from '../../sqlite.ts';

/**
 * Asks `decide` again about every result or vital pair still waiting for the person's review,
 * with the entries as they stand, and takes off the list each pair it would no longer flag.
 * Nothing is merged or split; pairs the person kept apart and pairs of an entry a merge by
 * hand kept (its undo brings its own flags back) are not asked. `withReadings`: the sources'
 * readings of the day are counted too (`twoInstruments`), every source being whole.
 */
export function reaskWaitingPairs(db: Connection, withReadings: boolean): void {
  reaskPairs(db, db.prepare(WAITING_PAIRS).all() as WaitingPair[], withReadings);
}

/** A pair waiting for review, with both entries' drafts as stored. */
export interface WaitingPair {
  id: number;
  otherId: number;
  draft: string;
  otherDraft: string;
}

/** Result and vital pairs still waiting, neither kept by a merge by hand (`reaskWaitingPairs`); a caller may narrow it with AND. */
export const WAITING_PAIRS = `SELECT d.entry_id AS id, d.other_id AS otherId, a.draft_json AS draft, b.draft_json AS otherDraft
       FROM possible_duplicates d
       JOIN entries a ON a.id = d.entry_id
       JOIN entries b ON b.id = d.other_id
       WHERE d.dismissed = 0 AND a.kind IN ('result', 'vital') AND b.kind = a.kind
         AND d.entry_id NOT IN (SELECT kept_id FROM merges) AND d.other_id NOT IN (SELECT kept_id FROM merges)`;

/** Asks `decide` again about these pairs (as `reaskWaitingPairs` does) and returns how many it took off the list. */
export function reaskPairs(db: Connection, rows: readonly WaitingPair[], withReadings: boolean): number {
  if (rows.length === 0) return 0;
  let removed = 0;
  const sameDocument = db
    .prepare('SELECT 1 FROM provenance p JOIN provenance q ON q.source_id = p.source_id WHERE p.entry_id = ? AND q.entry_id = ? LIMIT 1')
    .pluck();
  const remove = db.prepare('DELETE FROM possible_duplicates WHERE entry_id = ? AND other_id = ? AND dismissed = 0');
  const streams = new StoredStreams(db);
  const complete = () => true;
  for (const row of rows) {
    const draft = JSON.parse(row.draft) as RecordDraft;
    const other = JSON.parse(row.otherDraft) as RecordDraft;
    const candidate = {
      id: row.otherId,
      entry: other,
      sameDocument: sameDocument.get(row.id, row.otherId) !== undefined,
      stream: () => streams.isStream(row.otherId, other),
      ...(withReadings ? { readings: () => streams.readings(row.otherId, other, complete) } : {}),
    };
    const readings = withReadings ? () => streams.readings(row.id, draft, complete) : undefined;
    if (decide(draft, [candidate], streams.isStream(row.id, draft), readings).action === 'new') removed += remove.run(row.id, row.otherId).changes;
  }
  return removed;
}
