// Trends over real VA Blue Button reports (../shared/corpus): the VA's labs reach Trends
// grouped by their name and specimen, the list and the chart stay side by side at 1366 and
// 1024 px, a point is read by hover and by keyboard (value, date, flag, range, source), every
// value not drawn is listed with why, in English and Spanish, in US and metric units.
// Skipped without the corpus.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importAnyway, launchBrowser, openApp, repoRoot, screenshot, seriousViolations, setUp } from './support/harness.ts';

const corpus = path.resolve(repoRoot, '../shared/corpus');
const FILES = [
  'va-text/amida-blue-button/VA_My_HealtheVet_Blue_Button_Sample_Version_12_4.txt',
  'va-text/amida-blue-button/VA_My_HealtheVet_Blue_Button_Sample_Version_12_5_1.txt',
];
const HAS_CORPUS = FILES.every((f) => existsSync(path.join(corpus, f)));
if (!HAS_CORPUS) console.warn(`[e2e] Skipping the Trends test: ${corpus} is absent.`);

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

async function importVa(page: Page): Promise<void> {
  await importAnyway(page, FILES.map((f) => ({ name: path.basename(f), mimeType: 'text/plain', buffer: readFileSync(path.join(corpus, f)) })));
}

function card(page: Page, name: RegExp): Locator {
  return page.locator('.test-list button', { hasText: name });
}

/** Whether the chosen series' heading and chart are inside the window and right of the list. */
async function chartBesideList(page: Page): Promise<void> {
  const viewport = page.viewportSize()!;
  const list = (await page.locator('.test-list').boundingBox())!;
  const heading = (await page.locator('.series-view h2').boundingBox())!;
  const chart = (await page.locator('.trend-chart').boundingBox())!;
  expect(heading.x).toBeGreaterThanOrEqual(list.x + list.width);
  expect(chart.x).toBeGreaterThanOrEqual(list.x + list.width);
  expect(heading.y).toBeGreaterThanOrEqual(0);
  expect(chart.y + chart.height / 2).toBeLessThanOrEqual(viewport.height);
  expect(chart.x + chart.width).toBeLessThanOrEqual(viewport.width);
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe.skipIf(!CAN_RUN || !HAS_CORPUS)('Trends with real VA reports', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('brings the VA labs to Trends and reads every point and every value not drawn, by mouse and keyboard, in two languages and two sizes', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'One A Mhvtestveteran', '1948-03-01');
      await importVa(page);

      for (const size of SIZES) {
        await page.setViewportSize(size);
        const tag = `${size.width}x${size.height}`;
        await goTo(page, 'Trends');
        // VA text gives no LOINC codes: its labs are grouped by name and specimen, and say so.
        for (const name of [/^POTASSIUM/, /^HEMOGLOBIN A1C\/HEMOGLOBIN\.TOTAL/, /^CHOLESTEROL\.IN LDL/]) await card(page, name).first().waitFor();
        await card(page, /^POTASSIUM/).click();
        await page.getByRole('heading', { name: 'POTASSIUM', level: 2 }).waitFor();
        await page.getByText('Specimen: plasma').first().waitFor();
        await page.getByText('grouped by the test name (and specimen) as the source wrote it').waitFor();
        await chartBesideList(page);

        const chart = page.locator('.trend-chart');
        expect(await chart.locator('rect.trend-band').count()).toBeGreaterThan(0);
        const critical = chart.locator('[data-testid="trend-point"]', { has: page.locator('[data-flag="critical_high"]') });
        expect(await critical.count()).toBeGreaterThan(0);
        expect(await critical.first().getAttribute('aria-label')).toMatch(/6\.5 mmol\/L\. Critically high\. Normal range 3\.5–5 mmol\/L\. From /);
        // The unit above the axis does not touch the top tick's number.
        const unitBox = (await chart.locator('.trend-unit').boundingBox())!;
        for (const label of await chart.locator('.trend-label:not(.trend-unit)').all()) expect(overlaps(unitBox, (await label.boundingBox())!)).toBe(false);

        // Hover: value, flag in words, date, range and source beside the point.
        await critical.first().hover();
        const tip = page.getByTestId('trend-tip');
        await tip.waitFor();
        const tipText = (await tip.textContent()) ?? '';
        expect(tipText).toContain('6.5 mmol/L');
        expect(tipText).toContain('Critically high');
        expect(tipText).toMatch(/Jan 17, 2013/);
        expect(tipText).toContain('Normal range 3.5–5 mmol/L');
        expect(tipText).toMatch(/From \S/);
        await screenshot(page, `trends-potassium-hover-en-${tag}`);
        await page.mouse.move(0, 0);
        await tip.waitFor({ state: 'detached' });

        // Keyboard: one tab stop (the newest point), arrows move, the focused point is announced.
        const points = chart.locator('[data-testid="trend-point"]');
        expect(await chart.locator('[data-testid="trend-point"][tabindex="0"]').count()).toBe(1);
        // The list is one tab stop; the arrows choose another test, and back.
        await page.locator('.test-list button[aria-current="true"]').focus();
        await page.keyboard.press('ArrowDown');
        await page.getByRole('heading', { name: 'INR value', level: 2 }).waitFor();
        expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^INR value/);
        await page.keyboard.press('ArrowUp');
        await page.getByRole('heading', { name: 'POTASSIUM', level: 2 }).waitFor();
        expect(await page.locator('.test-list button[tabindex="0"]').count()).toBe(1);
        await chart.locator('[data-testid="trend-point"]').first().waitFor();
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('trend-point');
        const newest = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
        expect(newest).toBe(await points.last().getAttribute('aria-label'));
        await tip.waitFor();
        await page.keyboard.press('ArrowLeft');
        const earlier = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
        expect(earlier).not.toBe(newest);
        expect((await tip.textContent()) ?? '').toContain(earlier!.split(': ')[1]!.split('.')[0]!.trim());
        await screenshot(page, `trends-potassium-focus-en-${tag}`);
        await page.keyboard.press('Escape');
        await tip.waitFor({ state: 'detached' });
        expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('trend-point');
        await page.keyboard.press('ArrowRight');
        await tip.waitFor();
        expect(await seriousViolations(page)).toEqual([]);

        // A card far down the list changes a chart that is in view.
        const last = page.locator('.test-list button').last();
        await last.scrollIntoViewIfNeeded();
        await last.click();
        await page.locator('.series-view h2').filter({ hasText: ((await last.locator('.entry-title').textContent()) ?? '').trim() }).waitFor();
        await chartBesideList(page);

        // Blood pressure: the VA readings written without a unit are listed with why.
        await card(page, /^Blood pressure/).click();
        const undrawn = page.locator('.trend-undrawn');
        await undrawn.getByRole('heading', { name: /^Not drawn on the chart: \d+ values$/ }).waitFor();
        const items = await undrawn.locator('li').allTextContents();
        expect(items.length).toBeGreaterThan(0);
        for (const item of items) expect(item).toMatch(/^\w{3} \d{1,2}, \d{4}.* · Systolic|Diastolic/);
        expect(items.some((i) => /“\d+” — The source gave no unit, and the chart is in mmHg\./.test(i))).toBe(true);
        await screenshot(page, `trends-undrawn-en-${tag}`);
        // The values as a table: one row per drawn point, with the source.
        await page.getByText('Show the values as a table').click();
        await page.locator('.trend-table tbody tr').first().waitFor();
        expect(await page.locator('.trend-table tbody tr').count()).toBe(await page.locator('[data-testid="trend-point"]').count());
        expect(await seriousViolations(page)).toEqual([]);
      }

      // Metric units: the weight chart and its points in kg, what the VA wrote kept beside it.
      await page.setViewportSize(SIZES[0]!);
      await goTo(page, 'Settings');
      await page.getByLabel('Show weight, temperature and height in').selectOption('metric');
      await goTo(page, 'Trends');
      await card(page, /^Weight/).click();
      await page.locator('.trend-unit', { hasText: 'kg' }).waitFor();
      await page.locator('[data-testid="trend-point"]').last().hover();
      expect((await page.getByTestId('trend-tip').textContent()) ?? '').toMatch(/kg.*recorded as \d+ lb/);
      await screenshot(page, 'trends-weight-metric-en-1366x768');

      // Spanish: every word the app writes on the screen, the source's own text as written.
      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      await page.getByLabel('Mostrar peso, temperatura y estatura en').selectOption('us').catch(() => undefined);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        const tag = `${size.width}x${size.height}`;
        await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Tendencias', exact: true }).click();
        await card(page, /^POTASSIUM/).click();
        await page.getByText('Muestra: plasma').first().waitFor();
        await chartBesideList(page);
        const critical = page.locator('.trend-chart [data-testid="trend-point"]', { has: page.locator('[data-flag="critical_high"]') }).first();
        await critical.hover();
        const tipText = (await page.getByTestId('trend-tip').textContent()) ?? '';
        expect(tipText).toContain('6,5 mmol/L');
        expect(tipText).toContain('Críticamente alto');
        expect(tipText).toContain('Rango normal 3,5–5 mmol/L');
        expect(tipText).toMatch(/17 ene 2013/);
        await screenshot(page, `trends-potassium-hover-es-${tag}`);
        await page.mouse.move(0, 0);
        await card(page, /^Presión arterial/).click();
        const undrawn = page.locator('.trend-undrawn');
        await undrawn.getByRole('heading', { name: /^Sin dibujar en el gráfico: \d+ valores$/ }).waitFor();
        expect((await undrawn.locator('li').allTextContents()).some((i) => i.includes('La fuente no dio ninguna unidad, y el gráfico está en mmHg.'))).toBe(true);
        const screen = (await page.locator('.content').textContent()) ?? '';
        for (const english of ['Not drawn', 'Normal range', 'Show the values', 'Specimen', 'Tab to the chart', 'measurements', 'Latest', 'Systolic', 'Diastolic', 'The source gave']) {
          expect(screen).not.toContain(english);
        }
        await screenshot(page, `trends-undrawn-es-${tag}`);
        expect(await seriousViolations(page)).toEqual([]);
      }
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });
});
