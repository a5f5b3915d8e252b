// Vault figures on the large bench vault, through main/api exactly as the app calls it:
// unlock against the bare SQLCipher key derivation, then the timeline, filters, search and
// trends, each as p50/p95/max over many calls.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TimelinePage, TrendSeries } from '../preload/contract.ts';
import { deriveRawKey, openEncrypted } from '../main/vault/sqlite.ts';
import { PROVIDERS } from './catalog.ts';
import { benchApi, call } from './platform.ts';
import { distribution, median, type Distribution } from './stats.ts';

/** What the renderer asks for (renderer/screens/Timeline.tsx): 200 rows a page, 100 search results a page (SEARCH_PAGE). */
export const PAGE = 200;
export const SEARCH_PAGE = 100;
/** The search results the screen showed in one answer before they came in pages: what the scroll reads, page by page. */
export const SEARCH_SCROLLED = 500;

export interface UnlockFigures {
  pbkdf2Ms: number;
  tinySqlcipherOpenMs: number;
  unlockMs: number;
  /** Unlock, the profile list and the first timeline page (opens the profile's own file). */
  unlockToFirstPageMs: number;
}

async function timed(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** The bare key derivation, twice over: OpenSSL's PBKDF2 and opening a tiny SQLCipher file. */
export function kdfBaselines(passphrase: string, repeats = 3): { pbkdf2Ms: number; tinySqlcipherOpenMs: number } {
  const salt = crypto.randomBytes(16);
  const pbkdf2 = Array.from({ length: repeats }, () => {
    const start = performance.now();
    // The derivation the vault itself runs at unlock (OpenSSL, SQLCipher 4's parameters).
    deriveRawKey(passphrase, salt);
    return performance.now() - start;
  });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-bench-kdf-'));
  try {
    const file = path.join(scratch, 'tiny.db');
    const db = openEncrypted(file, passphrase, { create: true });
    db.exec('CREATE TABLE t (x)');
    db.close();
    const opens = Array.from({ length: repeats }, () => {
      const start = performance.now();
      openEncrypted(file, passphrase).close();
      return performance.now() - start;
    });
    return { pbkdf2Ms: median(pbkdf2), tinySqlcipherOpenMs: median(opens) };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Unlock through main/api, alternating with the baseline (opening a tiny SQLCipher file, the
 * same key derivation) so both see the same machine load; medians of `repeats`.
 */
export async function measureUnlock(vaultDir: string, passphrase: string, repeats = 5): Promise<UnlockFigures> {
  const pbkdf2Ms = kdfBaselines(passphrase, 1).pbkdf2Ms;
  const baseline: number[] = [];
  const unlocks: number[] = [];
  const toFirstPage: number[] = [];
  for (let i = 0; i < repeats; i++) {
    baseline.push(kdfBaselines(passphrase, 1).tinySqlcipherOpenMs);
    // A fresh api each time: nothing cached from the previous unlock.
    const api = benchApi(vaultDir);
    const start = performance.now();
    await call(api, 'vault.unlock', { passphrase });
    unlocks.push(performance.now() - start);
    const profiles = await call<{ id: string }[]>(api, 'profiles.list', {});
    await call(api, 'timeline.page', { profileId: profiles[0]!.id, filter: {}, limit: PAGE });
    toFirstPage.push(performance.now() - start);
    await call(api, 'vault.lock', {});
  }
  return { pbkdf2Ms, tinySqlcipherOpenMs: median(baseline), unlockMs: median(unlocks), unlockToFirstPageMs: median(toFirstPage) };
}

/** Opens every profile once so pending migrations run before anything is timed. */
export async function migrateAll(vaultDir: string, passphrase: string): Promise<void> {
  const api = benchApi(vaultDir);
  await call(api, 'vault.unlock', { passphrase });
  for (const profile of await call<{ id: string }[]>(api, 'profiles.list', {})) await call(api, 'timeline.page', { profileId: profile.id, filter: {}, limit: 1 });
  await call(api, 'vault.lock', {});
}

export interface QueryFigures {
  firstPage: Distribution;
  firstPageColdMs: number;
  /** The first filter, search and trend call after unlock: cold pages and code not yet optimized. */
  firstFilterMs: number;
  firstSearchMs: number;
  firstTrendMs: number;
  laterPage: Distribution;
  filter: Distribution;
  search: Distribution;
  trend: Distribution;
  /** The slowest single case of each kind, so a miss can be traced. */
  worst: Record<string, string>;
}

export const SEARCHES = ['hemoglobin', 'metformin', 'chest pain', 'colonoscopy', 'influenza vaccine', 'glucose serum', 'potassium', 'cardiology', 'patient', 'thyroid', 'xyzzy'];
const TRENDS = ['4548-4', '2345-7', '8480-6', '2093-3', '718-7', '29463-7', '33914-3'];

function filters(): { label: string; filter: Record<string, unknown> }[] {
  const list: { label: string; filter: Record<string, unknown> }[] = [];
  for (const kind of ['result', 'vital', 'medication', 'problem', 'encounter', 'immunization', 'procedure', 'note']) list.push({ label: `kind ${kind}`, filter: { kinds: [kind] } });
  for (const provider of PROVIDERS) list.push({ label: `provider ${provider}`, filter: { providers: [provider] } });
  for (const year of [2008, 2015, 2024]) list.push({ label: `year ${year}`, filter: { from: `${year}-01-01`, to: `${year}-12-31` } });
  list.push({ label: 'kind medication + provider hospital', filter: { kinds: ['medication'], providers: [PROVIDERS[3]] } });
  list.push({ label: 'kind result + 2015', filter: { kinds: ['result'], from: '2015-01-01', to: '2015-12-31' } });
  return list;
}

/**
 * Passes over every input of a kind before it is sampled, so the p95 describes a main process
 * that has served such requests before (V8 optimizes a function after some calls; on our
 * 2-core machines the first dozen trend calls took 2–5× their later time while it did). The
 * very first call of each kind is reported on its own.
 */
const WARM_UP_PASSES = 3;

/** Makes WARM_UP_PASSES passes over the calls; returns how long the very first one took. */
async function warmUp(calls: readonly (() => Promise<unknown>)[]): Promise<number> {
  const first = await timed(calls[0]!);
  for (const request of calls.slice(1)) await request();
  for (let pass = 1; pass < WARM_UP_PASSES; pass++) for (const request of calls) await request();
  return first;
}

async function sample(label: string, repeats: number, worst: Record<string, string>, key: string, times: number[], fn: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < repeats; i++) {
    const ms = await timed(fn);
    times.push(ms);
    if (ms >= Math.max(...times)) worst[key] = `${label} (${ms.toFixed(1)} ms)`;
  }
}

export async function measureQueries(vaultDir: string, passphrase: string, profileId: string, log: (line: string) => void): Promise<QueryFigures> {
  const api = benchApi(vaultDir);
  await call(api, 'vault.unlock', { passphrase });
  const worst: Record<string, string> = {};
  try {
    const page = (filter: Record<string, unknown>, cursor?: string) =>
      call<TimelinePage>(api, 'timeline.page', { profileId, filter, limit: PAGE, ...(cursor ? { cursor } : {}) });

    const firstPageColdMs = await timed(() => page({}));
    const first: number[] = [];
    await sample('first page', 60, worst, 'firstPage', first, () => page({}));

    // Every later page of the whole timeline, newest to oldest.
    const later: number[] = [];
    let cursor = (await page({})).nextCursor;
    let depth = 1;
    while (cursor) {
      const start = performance.now();
      const next = await page({}, cursor);
      const ms = performance.now() - start;
      later.push(ms);
      if (ms >= Math.max(...later)) worst.laterPage = `page ${depth + 1} (${ms.toFixed(1)} ms)`;
      cursor = next.nextCursor;
      depth++;
    }
    log(`    walked ${depth} pages of ${PAGE}`);

    const filterTimes: number[] = [];
    const firstFilterMs = await warmUp(filters().map(({ filter }) => () => page(filter)));
    for (const { label, filter } of filters()) await sample(label, 4, worst, 'filter', filterTimes, () => page(filter));

    const search = (text: string) => () => call(api, 'search.entries', { profileId, text, limit: SEARCH_PAGE });
    const searchTimes: number[] = [];
    const firstSearchMs = await warmUp(SEARCHES.map(search));
    for (const text of SEARCHES) await sample(`search "${text}"`, 5, worst, 'search', searchTimes, search(text));

    const trend = (code: string) => () => call<TrendSeries>(api, 'trends.series', { profileId, code });
    const trendTimes: number[] = [];
    const firstTrendMs = await warmUp(TRENDS.map(trend));
    for (const code of TRENDS) {
      const series = await trend(code)();
      await sample(`trend ${code} (${series.points.length} points)`, 5, worst, 'trend', trendTimes, trend(code));
    }

    return {
      firstPage: distribution(first),
      firstPageColdMs,
      firstFilterMs,
      firstSearchMs,
      firstTrendMs,
      laterPage: distribution(later),
      filter: distribution(filterTimes),
      search: distribution(searchTimes),
      trend: distribution(trendTimes),
      worst,
    };
  } finally {
    await call(api, 'vault.lock', {});
  }
}
