// The large-profile scenario (issue #19, Scale): one profile of 2 million entries and readings
// (bench/large-vault.ts). Through main/api as the app calls it: every timeline page, filter
// changes, searches (words that match hundreds of thousands of readings among them), the list
// of tests and a 500,000-point trend, whole and zoomed; then in Chromium, the Trends screen
// drawing that trend and zooming it while long tasks are counted.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import type { EntrySearch, TimelinePage, TrendSeries, TrendTablePage, TrendTest } from '../preload/contract.ts';
import { benchApi, call } from './platform.ts';
import { PROVIDERS } from './catalog.ts';
import { distribution, type Distribution } from './stats.ts';
import type { Report } from './report.ts';
import { CHROMIUM } from './ui.ts';
import { repoRoot } from './corpus.ts';
import { PAGE, SEARCHES, SEARCH_PAGE, SEARCH_SCROLLED } from './vault.ts';

/** The heart-rate trend: the watch's 500,000 samples and the other heart-rate readings. */
export const TREND_500K = '8867-4';
/** What a 1366-pixel window gives the chart beside the list of tests (plot columns). */
const COLUMNS = 640;
const LARGE_SEARCHES = [...SEARCHES, 'heart rate', 'glucose', 'oxygen saturation', 'blood pressure', 'dexcom', 'sensor reading'];

export interface LargeFigures {
  pages: Distribution;
  filters: Distribution;
  pagesAndFilters: Distribution;
  /** The first page of each search, as the screen asks for it when a word is typed. */
  search: Distribution;
  /** The first call of each word after the other words (nothing of it in SQLite's page cache). */
  searchNewWord: Distribution;
  /** The pages after the first, read as the person scrolls, to SEARCH_SCROLLED rows. */
  searchNextPage: Distribution;
  pagesWalked: number;
  testsFirstMs: number;
  testsAgainMs: number;
  trendPoints: number;
  trendFirstOpenMs: number;
  /** The whole 500k series reduced for the chart, from main's kept index (p95 of calls). */
  trendView: Distribution;
  trendZoom: Distribution;
  tablePage: Distribution;
  rssAfterTrendMb: number;
  worst: Record<string, string>;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export async function measureLargeQueries(vaultDir: string, passphrase: string, profileId: string, log: (line: string) => void): Promise<LargeFigures> {
  const api = benchApi(vaultDir);
  await call(api, 'vault.unlock', { passphrase });
  const worst: Record<string, string> = {};
  const note = (key: string, label: string, ms: number, all: number[]) => {
    if (ms >= Math.max(...all)) worst[key] = `${label} (${ms.toFixed(1)} ms)`;
  };
  try {
    const page = (filter: Record<string, unknown>, cursor?: string) => call<TimelinePage>(api, 'timeline.page', { profileId, filter, limit: PAGE, ...(cursor ? { cursor } : {}) });
    // Warm: V8 and the page cache, as in bench/vault.ts.
    for (let i = 0; i < 20; i++) await page({});

    const pages: number[] = [];
    let cursor: string | undefined;
    let walked = 0;
    do {
      const { ms, value } = await timed(() => page({}, cursor));
      pages.push(ms);
      note('page', `page ${walked + 1}`, ms, pages);
      cursor = value.nextCursor;
      walked++;
    } while (cursor);
    log(`    walked all ${walked} pages of ${PAGE}`);

    const filterList: { label: string; filter: Record<string, unknown> }[] = [];
    for (const kind of ['result', 'vital', 'medication', 'problem', 'encounter', 'immunization', 'procedure', 'note']) filterList.push({ label: `kind ${kind}`, filter: { kinds: [kind] } });
    for (const provider of [...PROVIDERS, 'Apple Watch', 'Dexcom G6, serial SM12345678', 'Glucose meters', 'Blood Pressure Monitor app']) filterList.push({ label: `provider ${provider}`, filter: { providers: [provider] } });
    for (const year of [2008, 2015, 2021, 2025]) filterList.push({ label: `year ${year}`, filter: { from: `${year}-01-01`, to: `${year}-12-31` } });
    filterList.push({ label: 'kind result + 2023', filter: { kinds: ['result'], from: '2023-01-01', to: '2023-12-31' } });
    filterList.push({ label: 'kind medication + provider hospital', filter: { kinds: ['medication'], providers: [PROVIDERS[3]] } });
    for (const { filter } of filterList) for (let i = 0; i < 3; i++) await page(filter);
    const filters: number[] = [];
    for (const { label, filter } of filterList) {
      for (let i = 0; i < 4; i++) {
        const { ms } = await timed(() => page(filter));
        filters.push(ms);
        note('filter', label, ms, filters);
      }
    }

    // What the Timeline asks for: a first page of SEARCH_PAGE results when a word is typed,
    // then the next pages by cursor as the person scrolls.
    const search = (text: string, cursor?: string) => call<EntrySearch>(api, 'search.entries', { profileId, text, limit: SEARCH_PAGE, ...(cursor ? { cursor } : {}) });
    for (const text of LARGE_SEARCHES) for (let i = 0; i < 3; i++) await search(text);
    const searches: number[] = [];
    const newWords: number[] = [];
    const nextPages: number[] = [];
    for (const text of LARGE_SEARCHES) {
      let cursor: string | undefined;
      for (let i = 0; i < 5; i++) {
        const { ms, value } = await timed(() => search(text));
        searches.push(ms);
        if (i === 0) newWords.push(ms);
        cursor = value.nextCursor;
        note('search', `search "${text}"`, ms, searches);
      }
      for (let read = SEARCH_PAGE; cursor && read < SEARCH_SCROLLED; read += SEARCH_PAGE) {
        const after: string = cursor;
        const { ms, value } = await timed(() => search(text, after));
        nextPages.push(ms);
        note('searchNextPage', `search "${text}" after ${read} rows`, ms, nextPages);
        cursor = value.nextCursor;
      }
    }

    const testsFirst = await timed(() => call<TrendTest[]>(api, 'trends.tests', { profileId }));
    const testsAgain = await timed(() => call<TrendTest[]>(api, 'trends.tests', { profileId }));
    log(`    trends.tests: ${testsFirst.value.length} tests in ${testsFirst.ms.toFixed(0)} ms (again ${testsAgain.ms.toFixed(1)} ms)`);

    const series = (extra: Record<string, unknown>) => call<TrendSeries>(api, 'trends.series', { profileId, code: TREND_500K, columns: COLUMNS, ...extra });
    const first = await timed(() => series({}));
    const rssAfterTrendMb = process.memoryUsage().rss / 2 ** 20;
    log(`    heart-rate trend: ${first.value.total} points, ${first.value.points.length} drawn; first open (read, converted, indexed) ${first.ms.toFixed(0)} ms; RSS ${rssAfterTrendMb.toFixed(0)} MB`);
    const views: number[] = [];
    for (let i = 0; i < 30; i++) views.push((await timed(() => series({}))).ms);
    const last = first.value.last!.slice(0, 10);
    const day = (back: number) => new Date(Date.parse(`${last}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
    const zooms: number[] = [];
    for (let i = 0; i < 3; i++) {
      for (const back of [365, 91, 30, 7, 1, 1000, 2000]) {
        const { ms } = await timed(() => series({ from: day(back + i * 40), to: day(i * 40) }));
        zooms.push(ms);
        note('zoom', `zoom ${back} days`, ms, zooms);
      }
    }
    const tables: number[] = [];
    for (const offset of [0, 100, 250_000, 499_900, 10_000, 400_000]) tables.push((await timed(() => call<TrendTablePage>(api, 'trends.table', { profileId, code: TREND_500K, offset, limit: 100 }))).ms);
    return {
      pages: distribution(pages),
      filters: distribution(filters),
      pagesAndFilters: distribution([...pages, ...filters]),
      search: distribution(searches),
      searchNewWord: distribution(newWords),
      searchNextPage: distribution(nextPages),
      pagesWalked: walked,
      testsFirstMs: testsFirst.ms,
      testsAgainMs: testsAgain.ms,
      trendPoints: first.value.total,
      trendFirstOpenMs: first.ms,
      trendView: distribution(views),
      trendZoom: distribution(zooms),
      tablePage: distribution(tables),
      rssAfterTrendMb,
      worst,
    };
  } finally {
    await call(api, 'vault.lock', {});
  }
}

/** The app's language is a setting of the vault: the screens measured are found by their English names. */
export async function englishScreens(vaultDir: string, passphrase: string): Promise<void> {
  const api = benchApi(vaultDir);
  await call(api, 'vault.unlock', { passphrase });
  await call(api, 'settings.set', { language: 'en' });
  await call(api, 'vault.lock', {});
}

export type LargeUiFigures =
  | { measured: true; openMs: number; drawMs: number[]; zoomMs: number[]; longTasks: number; longestTaskMs: number; pointsDrawn: number }
  | { measured: false; reason: string };

/** What bench/trend-profile.ts hooks into the scenario: a renderer built apart, a profiler started after the first open. */
export interface UiProbe {
  rendererDir?: string;
  start(page: Page, browser: Browser): Promise<void>;
  stop(page: Page, browser: Browser): Promise<void>;
}

/**
 * The Trends screen in Chromium: opening the heart-rate trend (the first open builds the
 * series in main), then redrawing it whole and zoomed; long tasks counted from the first
 * redraw on, scrolling the page between zooms.
 */
export async function measureLargeUi(vaultDir: string, passphrase: string, probe?: UiProbe): Promise<LargeUiFigures> {
  const rendererDir = probe?.rendererDir ?? path.join(repoRoot, 'dist/renderer');
  if (!fs.existsSync(CHROMIUM)) return { measured: false, reason: `${CHROMIUM} is not installed` };
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) return { measured: false, reason: 'the renderer is not built (npm run build:renderer)' };
  await englishScreens(vaultDir, passphrase);
  const { chromium } = await import('playwright-core');
  const { startBridge } = await import('../test/bridge/server.ts');
  const bridge = await startBridge({ vaultDir, rendererDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  let step = 'unlocking';
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(bridge.openUrl);
    await page.getByRole('heading', { name: 'Unlock Chartkeeper' }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.locator('[data-glance-ready]').waitFor({ timeout: 120_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Trends', exact: true }).click();
    const test = page.locator('.test-list button', { hasText: 'Heart rate' }).first();
    await test.waitFor({ timeout: 120_000 });
    // Time from a click to the frame after the chart showing `expected` is in the DOM.
    const drawAfter = async (click: () => Promise<void>, expected: string): Promise<number> => {
      await page.evaluate((text) => {
        (window as unknown as { __benchDrawn: Promise<number> }).__benchDrawn = new Promise<number>((resolve) => {
          let t0 = 0;
          document.addEventListener('click', () => (t0 = performance.now()), { capture: true, once: true });
          const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
          const observer = new MutationObserver(() => {
            const showing = document.querySelector('.trend-showing')?.textContent ?? '';
            if (!t0 || !document.querySelector('.trend-chart path') || !showing.includes(text)) return;
            observer.disconnect();
            done();
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        });
      }, expected);
      await click();
      return page.evaluate(() => (window as unknown as { __benchDrawn: Promise<number> }).__benchDrawn);
    };
    step = 'opening the heart-rate trend';
    const openMs = await drawAfter(() => test.click({ timeout: 120_000 }), '');
    const pointsDrawn = await page.locator('.trend-chart path').count();
    await probe?.start(page, browser);
    await page.evaluate(() => {
      const w = window as unknown as { __benchLong: number[] };
      w.__benchLong = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__benchLong.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    const zoom = (name: string) => page.getByRole('group', { name: 'Time shown' }).getByRole('button', { name, exact: true });
    const drawMs: number[] = [];
    const zoomMs: number[] = [];
    const total = (await page.locator('.trend-showing').textContent()) ?? '';
    const count = /: ([\d,]+) values/.exec(total)?.[1] ?? '';
    for (let round = 0; round < 5; round++) {
      for (const name of ['Last 12 months', 'Last 3 months', 'Last month', 'Last week', 'Last day']) {
        step = `zooming to ${name}`;
        zoomMs.push(await drawAfter(() => zoom(name).click({ timeout: 120_000 }), ''));
        await page.mouse.wheel(0, 300);
        await page.mouse.wheel(0, -300);
      }
      // The whole 500,000-point series, redrawn from main's kept index.
      step = 'redrawing the whole record';
      drawMs.push(await drawAfter(() => zoom('Whole record').click({ timeout: 120_000 }), count));
    }
    await page.waitForTimeout(200);
    await probe?.stop(page, browser);
    const long = await page.evaluate(() => (window as unknown as { __benchLong: number[] }).__benchLong);
    return { measured: true, openMs, drawMs, zoomMs, longTasks: long.filter((d) => d > 50).length, longestTaskMs: long.length ? Math.max(...long) : 0, pointsDrawn };
  } catch (error) {
    return { measured: false, reason: `${step}: ${error instanceof Error ? error.message.split('\n')[0]! : String(error)}` };
  } finally {
    await browser.close();
    await bridge.close();
  }
}

/** The scenario's figures into the run's report (`npm run bench -- --only large`, or part of the whole run). */
export async function largeSection(argv: readonly string[], report: Report, log: (line: string) => void): Promise<void> {
  const { ensureLargeVault, parseLargeArgs } = await import('./large-vault.ts');
  const { benchPassphrase } = await import('./data.ts');
  const { round } = await import('./stats.ts');
  const { passphrase } = benchPassphrase();
  log('\nLarge profile (2 million entries and readings) …');
  const args = parseLargeArgs(argv, process.cwd());
  const manifest = ensureLargeVault({ ...args, fresh: false }, passphrase, log);
  log(`    ${manifest.entries.toLocaleString('en-US')} entries (${manifest.fileMb} MB file); generated through the import writer in ${manifest.seconds} s`);
  report.set('large_profile_entries', { value: manifest.entries, unit: 'entries' });
  report.set('large_profile_generation_s', { value: manifest.seconds, unit: 's' });
  if (manifest.upkeep) {
    // The app's search-index upkeep after the last import (main/vault/search-index-upkeep.ts).
    log(`    search index: ${manifest.upkeep.before} segments merged into ${manifest.upkeep.after} by the upkeep after the last import, ${manifest.upkeep.steps} steps in ${manifest.upkeep.seconds} s`);
    report.set('large_profile_search_index_upkeep_s', { value: manifest.upkeep.seconds, unit: 's' });
  }
  // The first unlock after an upgrade migrates the file (migration 019 indexes 2 million points).
  {
    const api = benchApi(args.dir);
    const start = performance.now();
    await call(api, 'vault.unlock', { passphrase });
    await call(api, 'timeline.page', { profileId: manifest.profileId, filter: {}, limit: 1 });
    await call(api, 'vault.lock', {});
    log(`    unlock and first page (migrations if any): ${round(performance.now() - start)} ms`);
  }
  const q = await measureLargeQueries(args.dir, passphrase, manifest.profileId, log);
  const budget = { max: 15, text: 'p95 ≤ 15 ms' };
  for (const [name, d] of [
    ['pages', q.pages],
    ['filters', q.filters],
    ['search, first page', q.search],
    ['search, first page of a new word', q.searchNewWord],
    ['search, next pages on scrolling', q.searchNextPage],
    ['trend view (whole series, reduced)', q.trendView],
    ['trend zoom', q.trendZoom],
    ['table page', q.tablePage],
  ] as const) {
    log(`    ${name.padEnd(36)} p50 ${round(d.p50, 2)} ms, p95 ${round(d.p95, 2)} ms, max ${round(d.max, 2)} ms over ${d.n} calls`);
  }
  log(`    slowest: ${Object.entries(q.worst).map(([k, v]) => `${k}: ${v}`).join('; ')}`);
  report.set('large_profile_page_p95_ms', { value: q.pagesAndFilters.p95, unit: 'ms', budget });
  report.set('large_profile_later_page_p95_ms', { value: q.pages.p95, unit: 'ms' });
  report.set('large_profile_filter_p95_ms', { value: q.filters.p95, unit: 'ms', budget });
  report.set('large_profile_search_p95_ms', { value: q.search.p95, unit: 'ms', budget });
  report.set('large_profile_search_new_word_max_ms', { value: q.searchNewWord.max, unit: 'ms' });
  report.set('large_profile_search_next_page_p95_ms', { value: q.searchNextPage.p95, unit: 'ms', budget });
  report.set('large_profile_trend_tests_ms', { value: q.testsFirstMs, unit: 'ms' });
  report.set('trend_500k_points', { value: q.trendPoints, unit: 'points' });
  report.set('trend_500k_first_open_ms', { value: q.trendFirstOpenMs, unit: 'ms' });
  report.set('trend_500k_main_view_p95_ms', { value: q.trendView.p95, unit: 'ms' });
  report.set('trend_500k_main_zoom_p95_ms', { value: q.trendZoom.p95, unit: 'ms' });
  report.set('trend_500k_table_page_p95_ms', { value: q.tablePage.p95, unit: 'ms' });
  report.set('trend_500k_rss_mb', { value: q.rssAfterTrendMb, unit: 'MB' });
  if (argv.includes('--skip-ui')) {
    report.set('trend_500k_ms', { value: null, unit: 'ms', note: 'skipped (--skip-ui)' });
    return;
  }
  log('  the Trends screen in Chromium …');
  const ui = await measureLargeUi(args.dir, passphrase);
  if (!ui.measured) {
    log(`    not measured: ${ui.reason}`);
    report.set('trend_500k_ms', { value: null, unit: 'ms', note: ui.reason });
    report.set('trend_500k_long_tasks_over_50ms', { value: null, unit: 'count', note: ui.reason });
    return;
  }
  const draw = distribution(ui.drawMs);
  const zoom = distribution(ui.zoomMs);
  log(`    first open ${round(ui.openMs)} ms; whole 500k series redrawn p50 ${round(draw.p50)} ms, max ${round(draw.max)} ms; zooms p50 ${round(zoom.p50)} ms, max ${round(zoom.max)} ms; ${ui.longTasks} long tasks (longest ${round(ui.longestTaskMs)} ms)`);
  report.set('trend_500k_ms', { value: draw.p50, unit: 'ms', budget: { max: 50, text: '≤ 50 ms' } });
  report.set('trend_500k_max_ms', { value: draw.max, unit: 'ms' });
  report.set('trend_500k_zoom_max_ms', { value: zoom.max, unit: 'ms' });
  report.set('trend_500k_ui_first_open_ms', { value: ui.openMs, unit: 'ms' });
  report.set('trend_500k_long_tasks_over_50ms', { value: ui.longTasks, unit: 'count', budget: { max: 0, text: 'no long task over 50 ms' } });
  report.set('trend_500k_longest_task_ms', { value: ui.longestTaskMs, unit: 'ms' });
}
