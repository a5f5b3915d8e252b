import type { Migration } from '../migrate.ts';

// A sensor's or a watch's stream kept as one entry a day (count, minimum, mean, maximum) is
// drawn as a range with its mean, never as one exact reading, so the trend points carry the
// day's lowest and highest beside the mean. And a profile of two million readings needs the
// list of tests (how many values each test has, its latest) and a zoomed stretch of a series
// without reading every row: a partial index of the points that can be drawn, by date.
export const m019TrendReadings: Migration = {
  version: 19,
  name: 'trend-readings',
  up(db) {
    db.exec(`
      ALTER TABLE trend_points ADD COLUMN readings_count INTEGER;
      ALTER TABLE trend_points ADD COLUMN readings_min REAL;
      ALTER TABLE trend_points ADD COLUMN readings_max REAL;
      CREATE INDEX trend_points_drawn ON trend_points(code, date, number) WHERE number IS NOT NULL AND date IS NOT NULL;
    `);
    fillDailySummaries(db);
  },
};

// Glucose sensor daily means imported before this migration said their count, minimum and
// maximum only in the comment Chartkeeper wrote itself (main/importers/glucose-csv/readings.ts):
// "Daily summary of 96 sensor readings from … : minimum 4.1, mean 6.2, maximum 9.8 mmol/L".
const SUMMARY_COMMENT = /^Daily summary of (\d+) sensor readings? from .*\): minimum (-?\d+(?:\.\d+)?), mean -?\d+(?:\.\d+)?, maximum (-?\d+(?:\.\d+)?) /;

function fillDailySummaries(db: Parameters<Migration['up']>[0]): void {
  const rows = db
    .prepare(
      `SELECT t.code, t.entry_id, json_extract(e.draft_json, '$.details.comment') AS comment
       FROM trend_points t JOIN entries e ON e.id = t.entry_id
       WHERE t.code IN ('99504-3', '14745-4') AND t.title LIKE '%daily%'`,
    )
    .all() as { code: string; entry_id: number; comment: string | null }[];
  const set = db.prepare('UPDATE trend_points SET readings_count = ?, readings_min = ?, readings_max = ? WHERE code = ? AND entry_id = ?');
  for (const row of rows) {
    const m = SUMMARY_COMMENT.exec(row.comment ?? '');
    if (m) set.run(Number(m[1]), Number(m[2]), Number(m[3]), row.code, row.entry_id);
  }
}
