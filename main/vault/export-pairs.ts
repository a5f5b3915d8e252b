// A second look, once an Apple Health export is written, at the pairs its own apps made with
// each other ("same time, different value"). While the export streams, its apps' readings come
// mixed and no app's count of a day is known whole, so the two-instruments rule
// (`twoInstruments` in main/records/reconcile.ts: one side ≥ 24 readings that day, the other
// ≤ 4) cannot tell a glucose sensor's app from a meter's app at the same minute, and flags them.
// Once every app's readings are in, the counts are known: each such pair is asked again, once,
// and taken off the list when the rule says two instruments. Nothing is merged or split; pairs
// the person kept apart, and pairs of an entry a merge by hand kept, are not asked.
import { reaskPairs, WAITING_PAIRS, type WaitingPair } from './migrations/profile/reask-pairs.ts';
import type { Connection } from './sqlite.ts';

const OF_FILE = (side: 'entry_id' | 'other_id') =>
  `EXISTS (SELECT 1 FROM provenance p JOIN sources s ON s.id = p.source_id WHERE p.entry_id = d.${side} AND s.file_id = ?)`;

/** Pairs waiting for review whose two entries both come from the file `fileId` (an export's apps are its sources). */
const PAIRS_OF_FILE = `${WAITING_PAIRS} AND ${OF_FILE('entry_id')} AND ${OF_FILE('other_id')}`;

/**
 * Asks again about the waiting pairs inside one export (both entries read from the file
 * `fileId`), every source's readings of the day now counted whole; returns how many were taken
 * off the list. Called once, inside the import's transaction, after the export is written.
 */
export function settleExportPairs(db: Connection, fileId: number): number {
  return reaskPairs(db, db.prepare(PAIRS_OF_FILE).all(fileId, fileId) as WaitingPair[], true);
}
