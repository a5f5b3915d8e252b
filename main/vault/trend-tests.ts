// The list of tests for Trends, read from trend_points without reading every point: a profile
// of two million readings had the list built from every row in JavaScript (about a minute).
// The counts come from the day summaries (migration 020), where an entry filed under two
// codes of one trend group counts once already; the latest value from a descending seek per
// code of the drawable points' index; what the person hid or said is wrong is taken out as
// the facts-based list (trendableTestsFromFacts) does, which this must equal.
import { isNameKey, specimenOfKey, trendGroupOf, type TrendableTest } from '../records/trends.ts';
import { normalizeText } from '../records/normalize.ts';
import { hiddenEntryIds } from './personal-statements.ts';
import type { Connection } from './sqlite.ts';

// Every row of trend_points is a result or a vital (entries.ts writes no other kind).
const DRAWABLE = 'number IS NOT NULL AND date IS NOT NULL';

interface Row {
  entry_id: number;
  date: string;
  number: number;
  unit: string | null;
  title: string;
}

export function listTrendTests(db: Connection): TrendableTest[] {
  const perCode = db.prepare('SELECT code, sum(count) AS n FROM trend_days GROUP BY code').all() as { code: string; n: number }[];
  const hidden = hiddenEntryIds(db);
  const keyOf = (code: string) => trendGroupOf(code)?.loincs[0] ?? code;
  const byKey = new Map<string, { code: string; n: number }[]>();
  for (const row of perCode) {
    const list = byKey.get(keyOf(row.code));
    if (list) list.push(row);
    else byKey.set(keyOf(row.code), [row]);
  }
  const hiddenPerKey = new Map<string, number>();
  const codesOfEntry = db.prepare(`SELECT code FROM trend_points INDEXED BY trend_points_entry WHERE entry_id = ? AND ${DRAWABLE}`).pluck();
  for (const id of hidden) {
    for (const key of new Set((codesOfEntry.all(id) as string[]).map(keyOf))) hiddenPerKey.set(key, (hiddenPerKey.get(key) ?? 0) + 1);
  }
  const newest = db.prepare(
    `SELECT entry_id, date, number, unit, title FROM trend_points INDEXED BY trend_points_drawn WHERE code = ? AND ${DRAWABLE} ORDER BY date DESC`,
  );
  const anyTitle = db.prepare("SELECT title FROM trend_points WHERE code = ? AND title <> '' LIMIT 1").pluck();

  const tests: TrendableTest[] = [];
  for (const [key, rows] of byKey) {
    let count = rows.reduce((sum, row) => sum + row.n, 0);
    count -= hiddenPerKey.get(key) ?? 0;
    if (count <= 0) continue;
    // The newest value not hidden; of one day and time, the lowest entry id (the facts' order).
    let latest: Row | undefined;
    for (const { code } of rows) {
      let top: Row | undefined;
      // Newest first: of the rows of the newest date not hidden, the lowest id.
      for (const row of newest.iterate(code) as Iterable<Row>) {
        if (hidden.has(row.entry_id)) continue;
        if (top && row.date !== top.date) break;
        if (!top || row.entry_id < top.entry_id) top = row;
      }
      if (top && (!latest || top.date > latest.date || (top.date === latest.date && top.entry_id < latest.entry_id))) latest = top;
    }
    if (!latest) continue;
    const group = trendGroupOf(key);
    const test: TrendableTest = {
      code: key,
      title: group?.title ?? (latest.title || (anyTitle.get(key) as string | undefined) || key),
      byName: isNameKey(key),
      count,
      latestDate: latest.date,
      latestValue: latest.number,
    };
    const specimen = specimenOfKey(key);
    if (specimen) test.specimen = specimen;
    if (latest.unit) test.latestUnit = latest.unit;
    tests.push(test);
  }
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return tests.sort((a, b) => byText(b.latestDate, a.latestDate) || byText(normalizeText(a.title), normalizeText(b.title)) || byText(a.code, b.code));
}
