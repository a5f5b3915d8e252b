// Trends: the list of tests, one test's series as a chart of a given width shows it (zoomed
// to a range and reduced for the screen), and the table of every point of it, page by page.
// A series of hundreds of thousands of readings is built once (read, converted, flagged) and
// kept, for the profile's file as it is, so zooming and paging read only the kept index.
import type { TrendSeries, TrendTablePage, TrendTest } from '../../preload/contract.ts';
import { seriesFromFacts, seriesLoincs } from '../records/trends.ts';
import { indexSeries, tablePage, viewOf, type IndexedSeries } from '../records/trend-view.ts';
import { listTrendFacts, profileDataVersion } from '../vault/entries.ts';
import type { Connection } from '../vault/sqlite.ts';
import { listTrendTests } from '../vault/trend-tests.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

interface Kept<T> {
  key: string;
  version: string;
  value: T;
}

/**
 * The last series and the last list of tests asked for, per profile connection, while the
 * file is unchanged. One series is kept: a 500,000-point series is ~100 MB of objects.
 */
const keptSeries = new WeakMap<Connection, Kept<IndexedSeries>>();
const keptTests = new WeakMap<Connection, Kept<TrendTest[]>>();

function kept<T>(store: WeakMap<Connection, Kept<T>>, db: Connection, key: string, build: () => T): T {
  const version = profileDataVersion(db);
  const hit = store.get(db);
  if (hit && hit.key === key && hit.version === version) return hit.value;
  // Dropped before building the next one, so two large series are never held at once.
  store.delete(db);
  const value = build();
  store.set(db, { key, version, value });
  return value;
}

function indexed(db: Connection, code: string): IndexedSeries {
  return kept(keptSeries, db, code, () => indexSeries(seriesFromFacts(listTrendFacts(db, seriesLoincs(code)), code)));
}

export function trendHandlers(ctx: ApiContext): HandlerModule {
  const db = (profileId: string) => ctx.requireSession().profileDb(profileId);
  return {
    'trends.tests': ({ profileId }) => {
      const conn = db(profileId);
      return kept(keptTests, conn, '', () => listTrendTests(conn));
    },
    'trends.series': ({ profileId, code, from, to, columns }): TrendSeries => viewOf(indexed(db(profileId), code), { from, to }, columns),
    'trends.table': ({ profileId, code, from, to, offset, limit }): TrendTablePage => tablePage(indexed(db(profileId), code), { from, to }, offset, limit),
  };
}
