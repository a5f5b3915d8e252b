import type { Migration } from '../migrate.ts';
import { trendFactsExpression } from './004-trend-facts.ts';

// A trend series is every result or vital carrying one of a few LOINC codes. Read through the
// code index, each point cost one seek into the entries index for its facts and another into
// provenance for its providers: a 3,200-point blood-pressure series took 14 ms of reading
// before any chart work. This table holds each point once, clustered by code, facts and
// providers included, so a series is one contiguous range. entries.ts keeps it current with
// every change it makes to an entry or its provenance (triggers did the same but added 40% to
// an import's write time). It replaces the covering index of migration 004, which is dropped.
export const m005TrendPoints: Migration = {
  version: 5,
  name: 'trend-points',
  up(db) {
    db.exec(`
      CREATE TABLE trend_points (
        code TEXT NOT NULL,
        entry_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        -- trendFactsExpression (migration 004): dates, title, value, range, interpretation.
        -- entries.ts writes the same array from the draft (trendFacts).
        facts TEXT NOT NULL,
        -- JSON array of the entry's providers, A to Z.
        providers TEXT NOT NULL,
        PRIMARY KEY (code, entry_id)
      ) WITHOUT ROWID;
      CREATE INDEX trend_points_entry ON trend_points(entry_id);

      INSERT INTO trend_points (code, entry_id, kind, facts, providers)
      SELECT c.code, e.id, e.kind, ${trendFactsExpression('e.')},
        (SELECT json_group_array(provider) FROM (SELECT DISTINCT provider FROM provenance WHERE entry_id = e.id ORDER BY provider))
      FROM entry_codes c JOIN entries e ON e.id = c.entry_id
      WHERE c.system = 'LOINC' AND e.kind IN ('result', 'vital');

      DROP INDEX entries_trend_facts;
    `);
  },
};
