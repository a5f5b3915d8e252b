// An Apple Health export.zip imported in the app: the import report says what was kept, kept
// as daily summaries and left out (the workout route never stored), and its blood pressure and
// heart rate are charted in Trends; then a newer export of the same phone in Spanish adds only
// what is new. English and Spanish, at 1366×768 and 1024×700.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bloodPressure, exportXml, exportZip, heartRate, workoutWithRoute } from '../apple-health/fixtures.ts';
import { CAN_RUN, goTo, launchBrowser, openApp, screenshot, setUp } from './support/harness.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

function days(count: number, from = 1): string {
  let body = '';
  for (let d = from; d < from + count; d++) {
    const day = `2026-01-${String(d).padStart(2, '0')}`;
    for (const [time, bpm] of [['07:10:00', 58 + (d % 5)], ['12:40:00', 74 + (d % 7)], ['18:05:00', 88 + (d % 9)]] as const) body += heartRate(day, time, bpm);
    body += bloodPressure(day, '07:30:00', 124 + (d % 9), 78 + (d % 6));
  }
  return body;
}

async function importZip(page: Page, name: string, bytes: Uint8Array, done: RegExp): Promise<void> {
  await page.getByTestId('file-input').setInputFiles([{ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) }]);
  await page.getByTestId('import-job').filter({ hasText: name }).locator('.job-state').filter({ hasText: done }).waitFor();
}

describe.skipIf(!CAN_RUN)('Apple Health export', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reports what was kept, summarised and left out, and charts blood pressure and heart rate, in two languages and two sizes', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Ana Fixture', '1960-01-20');
      await goTo(page, 'Import records');
      await importZip(page, 'export.zip', exportZip({ 'apple_health_export/export.xml': exportXml(days(10) + workoutWithRoute()) }), /Done/);
      const facts = page.locator('.apple-health-facts');
      await facts.waitFor();
      const said = (await facts.textContent()) ?? '';
      expect(said).toContain('Blood pressure 10');
      expect(said).toContain('Heart rate: 30 readings in 10 daily summaries');
      expect(said).toContain('Workout routes 1');
      expect(said).toContain('Route points 1');
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `apple-health-report-en-${size.width}x${size.height}`);
      }

      await goTo(page, 'Trends');
      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const [card, tag] of [[/^Blood pressure/, 'bp'], [/^Heart rate/, 'heart-rate']] as const) {
          await page.locator('.test-list button', { hasText: card }).first().click();
          await page.locator('.trend-chart').waitFor();
          await screenshot(page, `apple-health-trend-${tag}-en-${size.width}x${size.height}`);
        }
      }

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Principal' });
      await nav.getByRole('button', { name: 'Importar historiales', exact: true }).click();
      // A newer export of the same phone: five more days; the first ten are already there.
      await importZip(page, 'export (2).zip', exportZip({ 'apple_health_export/export.xml': exportXml(days(15)) }), /Listo/);
      const spanish = (await page.locator('.apple-health-facts').textContent()) ?? '';
      expect(spanish).toContain('Frecuencia cardiaca: 45 lecturas en 15 resúmenes diarios');
      expect(spanish).toContain('De una exportación anterior: 30 ya estaban');
      for (const english of ['Kept', 'Left out', 'readings in', 'daily summaries', 'Heart rate']) expect(spanish).not.toContain(english);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `apple-health-report-es-${size.width}x${size.height}`);
      }
      await nav.getByRole('button', { name: 'Tendencias', exact: true }).click();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const [card, tag] of [[/^Presión arterial/, 'bp'], [/^Frecuencia cardiaca/, 'heart-rate']] as const) {
          await page.locator('.test-list button', { hasText: card }).first().click();
          await page.locator('.trend-chart').waitFor();
          await screenshot(page, `apple-health-trend-${tag}-es-${size.width}x${size.height}`);
        }
      }
    } finally {
      await run.close();
    }
  });
});
