import type { Migration } from '../migrate.ts';

/**
 * The parts of an entry's draft a trend reads (dates, value, reference range, interpretation,
 * title), as one small JSON array. Sub-objects keep their JSON text, so numbers come back
 * exactly as written. A query must spell the expression exactly like this (with its table's
 * alias) for SQLite to read it from the index below instead of parsing draft_json again.
 */
export function trendFactsExpression(alias: string): string {
  const draft = `${alias}draft_json`;
  return `json_array(${draft} -> '$.start', ${draft} -> '$.end', ${draft} -> '$.details.plannedFor', ${draft} -> '$.title', ${draft} -> '$.value', ${draft} -> '$.referenceRange', ${draft} -> '$.interpretation')`;
}

// A trend reads a few fields of thousands of entries by id. From the table that means a
// 600-byte row and a JSON parse of the whole draft per point (a 3,200-point series took
// 50 ms); this covering index holds those fields precomputed, about 150 bytes an entry,
// and SQLite keeps it up to date on every write. Creating it fills it for existing entries.
export const m004TrendFacts: Migration = {
  version: 4,
  name: 'trend-facts',
  up(db) {
    db.exec(`CREATE INDEX entries_trend_facts ON entries(id, kind, ${trendFactsExpression('')})`);
  },
};
