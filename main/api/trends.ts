// Trends: the list of tests, one test's series as a chart of a given width shows it (zoomed
// to a range and reduced for the screen), and the table of every point of it, page by page.
// Nothing here reads a whole series: a chart reads the day or hour summaries of the range
// (or its points, when a pixel column spans less than an hour), a table page the stretch of
// days it shows (vault/trend-series.ts). What is kept between calls, per profile connection
// while the file is unchanged, is small: the list of tests and one series' frame (its unit,
// undrawn values and day summaries).
import type { TrendSeries, TrendTablePage, TrendTest } from '../../preload/contract.ts';
import { profileDataVersion } from '../vault/entries.ts';
import type { Connection } from '../vault/sqlite.ts';
import { listTrendTests } from '../vault/trend-tests.ts';
import { seriesFrame, seriesTablePage, seriesView, type SeriesFrame } from '../vault/trend-series.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

interface Kept<T> {
  key: string;
  version: string;
  value: T;
}

const keptFrames = new WeakMap<Connection, Kept<SeriesFrame>>();
const keptTests = new WeakMap<Connection, Kept<TrendTest[]>>();

function kept<T>(store: WeakMap<Connection, Kept<T>>, db: Connection, key: string, build: () => T): T {
  const version = profileDataVersion(db);
  const hit = store.get(db);
  if (hit && hit.key === key && hit.version === version) return hit.value;
  store.delete(db);
  const value = build();
  store.set(db, { key, version, value });
  return value;
}

function frame(db: Connection, code: string): SeriesFrame {
  return kept(keptFrames, db, code, () => seriesFrame(db, code));
}

export function trendHandlers(ctx: ApiContext): HandlerModule {
  const db = (profileId: string) => ctx.requireSession().profileDb(profileId);
  return {
    'trends.tests': ({ profileId }) => {
      const conn = db(profileId);
      return kept(keptTests, conn, '', () => listTrendTests(conn));
    },
    'trends.series': ({ profileId, code, from, to, columns }): TrendSeries => {
      const conn = db(profileId);
      return seriesView(conn, frame(conn, code), { from, to }, columns);
    },
    'trends.table': ({ profileId, code, from, to, offset, limit }): TrendTablePage => {
      const conn = db(profileId);
      return seriesTablePage(conn, frame(conn, code), { from, to }, offset, limit);
    },
  };
}
