import { fillSummaries } from '../../trend-days.ts';
import type { Migration } from '../migrate.ts';

const SUMMARY_TABLE = (table: string) => `
  CREATE TABLE ${table} (
    code TEXT NOT NULL,
    -- The day (YYYY-MM-DD) or hour (YYYY-MM-DDTHH) as written (records/trend-days.ts).
    day TEXT NOT NULL,
    -- The unit as written ('' for none): values of two units are never compared here.
    unit TEXT NOT NULL,
    count INTEGER NOT NULL,
    low REAL NOT NULL, low_id INTEGER NOT NULL, low_date TEXT NOT NULL,
    high REAL NOT NULL, high_id INTEGER NOT NULL, high_date TEXT NOT NULL,
    first_date TEXT NOT NULL, first_id INTEGER NOT NULL, first_value REAL NOT NULL,
    last_date TEXT NOT NULL, last_id INTEGER NOT NULL, last_value REAL NOT NULL,
    PRIMARY KEY (code, day, unit)
  ) WITHOUT ROWID;`;

// A trend of 500,000 readings was read whole (every row of trend_points, converted, flagged
// and indexed in memory) before its chart could be drawn: seconds, and ~100 MB kept. A chart
// is at most a few thousand pixels wide, so when each pixel column spans a day or more it
// needs only each day's first, last, lowest and highest point; an hour's when it spans an
// hour or more. These tables keep them per code, day (or hour) and unit as written, in the
// same transaction as the points (vault/trend-days.ts, called by entries.ts). The drawable
// points' index gains the columns a zoomed chart and a table page read, so a range of points
// is read from the index alone; undrawn values and values with a reference range get small
// partial indexes of their own, so a series never reads every row to find them.
export const m020TrendDays: Migration = {
  version: 20,
  name: 'trend-days',
  up(db) {
    db.exec(`
      ${SUMMARY_TABLE('trend_days')}
      ${SUMMARY_TABLE('trend_hours')}
      DROP INDEX trend_points_drawn;
      CREATE INDEX trend_points_drawn ON trend_points(code, date, entry_id, number, unit, readings_count, readings_min, readings_max)
        WHERE number IS NOT NULL AND date IS NOT NULL;
      CREATE INDEX trend_points_undrawn ON trend_points(code) WHERE number IS NULL OR date IS NULL OR date = '';
      CREATE INDEX trend_points_ranged ON trend_points(code, date)
        WHERE (low IS NOT NULL OR high IS NOT NULL) AND number IS NOT NULL AND date IS NOT NULL;
    `);
    fillSummaries(db);
  },
};
