import { decide } from '../../../records/reconcile.ts';
import type { RecordDraft } from '../../../records/model.ts';
import { StoredStreams } from '../../stream-readings.ts';
import type { Migration } from '../migrate.ts';

/**
 * Possible duplicates the rule of device streams no longer raises (issue #19): a watch's or a
 * sensor's reading is the same as another only at its minute, and a daily summary never meets
 * a reading (`streamsMeet` in main/records/reconcile.ts). Profiles imported before kept a
 * clinic's heart rate flagged against every watch sample of its day with the same value (57,000
 * pairs in a profile of two million readings). Each pair still waiting for the person's review
 * is asked again with the entries as they stand; a pair the rule would not flag is taken off the
 * list. Nothing is merged or split, and nothing the person decided is touched: pairs kept apart
 * (or split) stay, and so does every pair of an entry a merge by hand kept (its undo brings its
 * own flags back).
 */
export const m023StreamDuplicates: Migration = {
  version: 23,
  name: 'stream-duplicates',
  up(db) {
    const rows = db
      .prepare(
        `SELECT d.entry_id AS id, d.other_id AS otherId, a.draft_json AS draft, b.draft_json AS otherDraft
         FROM possible_duplicates d
         JOIN entries a ON a.id = d.entry_id
         JOIN entries b ON b.id = d.other_id
         WHERE d.dismissed = 0 AND a.kind IN ('result', 'vital') AND b.kind = a.kind
           AND d.entry_id NOT IN (SELECT kept_id FROM merges) AND d.other_id NOT IN (SELECT kept_id FROM merges)`,
      )
      .all() as { id: number; otherId: number; draft: string; otherDraft: string }[];
    if (rows.length === 0) return;
    const sameDocument = db
      .prepare('SELECT 1 FROM provenance p JOIN provenance q ON q.source_id = p.source_id WHERE p.entry_id = ? AND q.entry_id = ? LIMIT 1')
      .pluck();
    const remove = db.prepare('DELETE FROM possible_duplicates WHERE entry_id = ? AND other_id = ? AND dismissed = 0');
    const streams = new StoredStreams(db);
    for (const row of rows) {
      const draft = JSON.parse(row.draft) as RecordDraft;
      const other = JSON.parse(row.otherDraft) as RecordDraft;
      const candidate = {
        id: row.otherId,
        entry: other,
        sameDocument: sameDocument.get(row.id, row.otherId) !== undefined,
        stream: () => streams.isStream(row.otherId, other),
      };
      if (decide(draft, [candidate], streams.isStream(row.id, draft)).action === 'new') remove.run(row.id, row.otherId);
    }
  },
};
