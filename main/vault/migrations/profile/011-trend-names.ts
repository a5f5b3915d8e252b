import { trendFactFields, trendKeysOf, type TrendDraft } from '../../../records/trends.ts';
import type { Migration } from '../migrate.ts';
import { INSERT_TREND_POINT } from './005-trend-points.ts';

// Results and vitals without a LOINC code had no trend points, so a VA Blue Button report's
// labs (VA text prints no codes) never reached Trends. They are now filed under their name as
// the source wrote it (trendKeysOf, a "name:" key that no LOINC code can equal); entries.ts
// writes those for new entries, and this fills them in for the entries already stored.
export const m011TrendNames: Migration = {
  version: 11,
  name: 'trend-names',
  up(db) {
    const insert = db.prepare(INSERT_TREND_POINT);
    const providersOf = db.prepare('SELECT DISTINCT provider FROM provenance WHERE entry_id = ? ORDER BY provider').pluck();
    const uncoded = db.prepare(
      `SELECT e.id, e.draft_json FROM entries e
       WHERE e.id > ? AND e.kind IN ('result', 'vital')
         AND NOT EXISTS (SELECT 1 FROM entry_codes c WHERE c.entry_id = e.id AND c.system = 'LOINC')
       ORDER BY e.id LIMIT 2000`,
    );
    // A window of entries at a time: a large profile's drafts need not all be in memory at once.
    for (let after = 0; ; ) {
      const rows = uncoded.all(after) as { id: number; draft_json: string }[];
      if (rows.length === 0) break;
      for (const row of rows) {
        after = row.id;
        const draft = JSON.parse(row.draft_json) as TrendDraft;
        const keys = trendKeysOf(draft);
        if (keys.length === 0) continue;
        const fields = trendFactFields(draft);
        const providers = JSON.stringify(providersOf.all(row.id));
        for (const key of keys) insert.run({ code: key, entryId: row.id, ...fields, providers });
      }
    }
  },
};
