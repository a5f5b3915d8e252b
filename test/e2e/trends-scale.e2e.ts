// Trends for home devices (issue #19): a LibreView export's sensor days drawn as ranges with
// their mean beside its finger-stick readings, as two labelled lines (sensor fluid, blood), in
// English and Spanish at 1366×768 and 1024×700; and, when the benchmark's large profile is
// there (`npm run bench:large-data`), its 500,000-point heart-rate trend reduced for the
// screen, zoomed, and its table page by page. Skipped without the corpus or that vault.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_PASSPHRASE } from '../../bench/data.ts';
import { englishScreens } from '../../bench/large.ts';
import { CAN_RUN, goTo, importAnyway, launchBrowser, openApp, repoRoot, screenshot, setUp } from './support/harness.ts';

const corpus = path.resolve(repoRoot, '../shared/corpus');
const LIBRE = ['glucose-csv/SEP-backend/abbott_eu.csv', 'glucose-csv/SEP-backend/abbott_14th_upload.csv'];
const HAS_CORPUS = LIBRE.every((f) => existsSync(path.join(corpus, f)));
const LARGE = path.join(repoRoot, 'bench-data/large');
const HAS_LARGE = existsSync(path.join(LARGE, 'large-manifest.json'));
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

/** The time axis's tick labels, left to right. */
const axisLabels = (page: Page) => page.locator('.trend-chart text.trend-time-label').allTextContents();

async function spanish(page: Page): Promise<void> {
  await goTo(page, 'Settings');
  await page.getByLabel('Language').selectOption('es');
  await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
}

describe.skipIf(!CAN_RUN || !HAS_CORPUS)('Trends: glucose from a LibreView export', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws sensor days as ranges with their mean and finger-sticks as a second line, in both languages', async () => {
    const run = await openApp(browser);
    const { page } = run;
    try {
      await setUp(page);
      await importAnyway(page, LIBRE.map((f) => ({ name: path.basename(f), mimeType: 'text/csv', buffer: readFileSync(path.join(corpus, f)) })));
      await goTo(page, 'Trends');
      await page.locator('.test-list button', { hasText: 'Glucose' }).first().click();
      const chart = page.locator('.trend-chart');
      await chart.waitFor();
      // Two labelled lines, the day ranges, and the legend saying what a range is.
      const legend = page.locator('.trend-legend');
      await expect.poll(() => legend.textContent()).toContain('Sensor or body fluid (not blood)');
      expect(await legend.textContent()).toContain('Blood (laboratory and meter)');
      expect(await legend.textContent()).toContain('the bar runs from the day’s lowest to its highest reading');
      expect(await chart.locator('path.trend-summary-range').count()).toBe(1);
      expect(await page.getByText('A glucose sensor measures the fluid under the skin').count()).toBe(1);
      // A sensor day read from its mark: the mean, the lowest and highest, how many readings.
      const sensorDay = chart.locator('[data-testid="trend-point"]').filter({ has: page.locator('circle') });
      const sentences = await sensorDay.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
      expect(sentences.some((s) => /mean .* \(lowest .*, highest .*; \d+ readings\)/.test(s))).toBe(true);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.waitForTimeout(150);
        await screenshot(page, `trends-glucose-en-${size.width}x${size.height}`);
      }
      await spanish(page);
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Tendencias', exact: true }).click();
      await page.locator('.test-list button', { hasText: 'Glucosa' }).first().click();
      await page.locator('.trend-chart').waitFor();
      await expect.poll(() => page.locator('.trend-legend').textContent()).toContain('Sensor o líquido corporal (no sangre)');
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.waitForTimeout(150);
        await screenshot(page, `trends-glucose-es-${size.width}x${size.height}`);
      }
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  }, 240_000);
});

describe.skipIf(!CAN_RUN || !HAS_LARGE)('Trends: 500,000 heart-rate samples', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws the whole series reduced for the screen, zooms, and pages through the table', async () => {
    // The language is the vault's setting, and this vault is the benchmark's: English to start, and to end.
    await englishScreens(LARGE, BENCH_PASSPHRASE);
    const run = await openApp(browser, { vaultDir: LARGE });
    const { page } = run;
    try {
      await page.setViewportSize(SIZES[0]!);
      await page.getByRole('heading', { name: 'Unlock Chartkeeper' }).waitFor({ timeout: 60_000 });
      await page.getByLabel('Passphrase', { exact: true }).fill(BENCH_PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock', exact: true }).click();
      await page.locator('[data-glance-ready]').waitFor({ timeout: 120_000 });
      await goTo(page, 'Trends');
      await page.locator('.test-list button', { hasText: 'Heart rate' }).first().click();
      await page.locator('.trend-chart path').first().waitFor({ timeout: 120_000 });
      const showing = page.locator('.trend-showing');
      await expect.poll(() => showing.textContent(), { timeout: 60_000 }).toMatch(/: [\d,]{7,} values/);
      expect(await page.locator('.trend-reduced-note').count()).toBe(1);
      // The whole record's axis is labelled by the year.
      await expect.poll(() => axisLabels(page)).toSatisfy((labels: string[]) => labels.length >= 2 && labels.every((l) => /^\d{4}$/.test(l)));
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.waitForTimeout(300);
        await screenshot(page, `trends-500k-en-${size.width}x${size.height}`);
      }
      const zoomTo = async (name: string, count: RegExp) => {
        await page.getByRole('group', { name: /Time shown|Periodo mostrado/ }).getByRole('button', { name, exact: true }).click();
        await expect.poll(() => showing.textContent()).toMatch(count);
      };
      await zoomTo('Last week', /: 1,\d{3} values|: \d{3} values/);
      // A week of a watch's samples: the line alone (no mark per sample), read by pointing at it.
      expect(await page.locator('.trend-chart [data-testid="trend-point"]').count()).toBe(0);
      expect(await page.locator('.trend-unmarked-note').textContent()).toContain('Point at the line to read a value');
      await expect.poll(() => axisLabels(page)).toSatisfy((labels: string[]) => labels.length >= 3 && labels.every((l) => /^[A-Z][a-z]{2} \d{1,2}(, \d{4})?$/.test(l)));
      const area = page.locator('.trend-hover-area');
      const box = (await area.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
      await expect.poll(() => page.getByTestId('trend-tip').textContent()).toMatch(/\d+ \/min[\s\S]*\d{4}, \d{1,2}:\d{2} [AP]M/);
      expect(await page.locator('.trend-hover-ring').count()).toBe(1);
      await screenshot(page, 'trends-500k-week-hover-en-1024x700');
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.waitForTimeout(300);
        await screenshot(page, `trends-500k-week-en-${size.width}x${size.height}`);
      }
      await page.mouse.move(0, 0);
      await zoomTo('Last day', /: \d{2,3} values/);
      // A day by the hour.
      await expect.poll(() => axisLabels(page)).toSatisfy((labels: string[]) => labels.some((l) => /^\d{1,2}:00 [AP]M$/.test(l)));
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.waitForTimeout(300);
        await screenshot(page, `trends-500k-day-en-${size.width}x${size.height}`);
      }
      await zoomTo('Last 12 months', /: [\d,]+ values/);
      await expect.poll(() => axisLabels(page)).toSatisfy((labels: string[]) => labels.length >= 2 && labels.every((l) => /^[A-Z][a-z]{2}( \d{4})?$/.test(l)));
      // The table: every value, a page at a time, newest first.
      await page.getByRole('group', { name: 'Time shown' }).getByRole('button', { name: 'Whole record', exact: true }).click();
      await page.locator('.trend-table summary').click();
      await page.locator('.trend-table tbody tr').first().waitFor();
      expect(await page.locator('.trend-table tbody tr').count()).toBe(100);
      expect(await page.locator('.trend-table').textContent()).toMatch(/Values 1–100 of [\d,]{7,}, newest first/);
      await page.getByRole('button', { name: 'Older values' }).click();
      await expect.poll(() => page.locator('.trend-table').textContent()).toMatch(/Values 101–200 of/);
      await spanish(page);
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Tendencias', exact: true }).click();
      await page.locator('.test-list button', { hasText: 'Frecuencia cardiaca' }).first().click();
      await page.locator('.trend-chart path').first().waitFor({ timeout: 120_000 });
      await expect.poll(() => page.locator('.trend-showing').textContent(), { timeout: 60_000 }).toMatch(/valores/);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.waitForTimeout(300);
        await screenshot(page, `trends-500k-es-${size.width}x${size.height}`);
      }
      await zoomTo('Última semana', /: [\d.]+ valores/);
      await expect.poll(() => axisLabels(page)).toSatisfy((labels: string[]) => labels.length >= 3 && labels.every((l) => /^\d{1,2} [a-z]{3,4}( \d{4})?$/.test(l)));
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.waitForTimeout(300);
        await screenshot(page, `trends-500k-week-es-${size.width}x${size.height}`);
      }
      await zoomTo('Último día', /: \d{2,3} valores/);
      await expect.poll(() => axisLabels(page)).toSatisfy((labels: string[]) => labels.some((l) => /^\d{1,2}:00$/.test(l)));
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.waitForTimeout(300);
        await screenshot(page, `trends-500k-day-es-${size.width}x${size.height}`);
      }
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
      await englishScreens(LARGE, BENCH_PASSPHRASE);
    }
  }, 600_000);
});
