import { trendFactFields, type TrendDraft, type TrendFactFields } from '../../../records/trends.ts';
import type { Connection } from '../../sqlite.ts';
import type { Migration } from '../migrate.ts';

/** How entries.ts and this migration write a trend point: a TrendFact's fields by name. */
export const INSERT_TREND_POINT = `INSERT OR REPLACE INTO trend_points
  (code, entry_id, kind, date, title, number, value_text, unit, low, high, range_unit, interpretation, providers)
  VALUES (:code, :entryId, :kind, :date, :title, :number, :valueText, :unit, :low, :high, :rangeUnit, :interpretation, :providers)`;

// A trend series is every result or vital carrying one of a few LOINC codes. Read through the
// code index, each point cost one seek into the entries index for its facts and another into
// provenance for its providers, then a parse of those facts and a rebuilt draft: a
// 3,200-point blood-pressure series took 14 ms of reading before any chart work. This table
// holds each point once, clustered by code, with the fields a chart uses as typed columns
// (trendFactFields) and the entry's providers, so a series is one contiguous range read
// straight into flat facts. entries.ts keeps it current with every change it makes to an
// entry or its provenance (triggers did the same but added 40% to an import's write time).
// It replaces the covering index of migration 004, which is dropped.
export const m005TrendPoints: Migration = {
  version: 5,
  name: 'trend-points',
  up(db) {
    db.exec(`
      CREATE TABLE trend_points (
        code TEXT NOT NULL,
        entry_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        date TEXT,
        title TEXT NOT NULL,
        number REAL,
        value_text TEXT,
        unit TEXT,
        low REAL,
        high REAL,
        range_unit TEXT,
        interpretation TEXT,
        -- JSON array of the entry's providers, A to Z.
        providers TEXT NOT NULL,
        PRIMARY KEY (code, entry_id)
      ) WITHOUT ROWID;
      CREATE INDEX trend_points_entry ON trend_points(entry_id);
      DROP INDEX entries_trend_facts;
    `);
    fillTrendPoints(db);
  },
};

/** Every existing result and vital with a LOINC code gets its points, as entries.ts writes them. */
function fillTrendPoints(db: Connection): void {
  const insert = db.prepare(INSERT_TREND_POINT);
  const providersOf = db.prepare('SELECT DISTINCT provider FROM provenance WHERE entry_id = ? ORDER BY provider').pluck();
  // A window of entries at a time: a large profile's drafts need not all be in memory at once.
  const window = db.prepare(
    `SELECT c.code, e.id, e.draft_json FROM entries e JOIN entry_codes c ON c.entry_id = e.id
     WHERE e.id > ? AND e.id <= ? AND c.system = 'LOINC' AND e.kind IN ('result', 'vital') ORDER BY e.id`,
  );
  const lastId = (db.prepare('SELECT max(id) FROM entries').pluck().get() as number | null) ?? 0;
  for (let after = 0; after < lastId; after += 2000) {
    let current: { id: number; fields: TrendFactFields; providers: string } | undefined;
    for (const row of window.all(after, after + 2000) as { code: string; id: number; draft_json: string }[]) {
      if (current?.id !== row.id) {
        current = { id: row.id, fields: trendFactFields(JSON.parse(row.draft_json) as TrendDraft), providers: JSON.stringify(providersOf.all(row.id)) };
      }
      insert.run({ code: row.code, entryId: row.id, ...current.fields, providers: current.providers });
    }
  }
}
