// A result the source says was not found (C-CDA negationInd) reads as such on the Test results
// screen and in its details, in English and Spanish: its value as "not “Detected”", no abnormal
// flag, the status "Not found (the source says so)"; a visit that did not take place says so on
// the timeline. The fixture is test/fixtures/ccda/negated-findings.xml.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, repoRoot, screenshot, setUp } from './support/harness.ts';

const FIXTURE = path.resolve(repoRoot, 'test/fixtures/ccda/negated-findings.xml');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

describe.skipIf(!CAN_RUN)('a negated result', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reads "Not found (the source says so)", never as detected, in English and Spanish', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Rosa Alvarez', '1940-02-12');
      await importFiles(page, [{ name: 'negated-findings.xml', xml: readFileSync(FIXTURE, 'utf8') }]);
      await goTo(page, 'Timeline');
      await page.locator('.entry-row', { hasText: 'Office outpatient visit 15 minutes' }).filter({ hasText: 'Did not take place (the source says so)' }).waitFor();
      await goTo(page, 'Test results');
      const row = page.locator('.entry-row', { hasText: 'Streptococcus pyogenes' });
      await row.filter({ hasText: 'Not found (the source says so)' }).waitFor();
      expect(await row.textContent()).toContain('not “Detected”');
      expect(await row.locator('.result-flag').count()).toBe(0);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `negated-result-list-en-${size.width}`);
      }
      await row.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('definition').filter({ hasText: 'not “Detected”' }).waitFor();
      await dialog.getByRole('definition').filter({ hasText: 'Not found (the source says so)' }).waitFor();
      await dialog.getByText('Reason: Procedure refused').waitFor();
      expect(await dialog.locator('.result-flag').count()).toBe(0);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `negated-result-en-${size.width}`);
      }
      await page.keyboard.press('Escape');
      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Resultados de pruebas', exact: true }).click();
      const fila = page.locator('.entry-row', { hasText: 'Streptococcus pyogenes' });
      await fila.filter({ hasText: 'No encontrado (según la fuente)' }).waitFor();
      expect(await fila.textContent()).toContain('no «Detected»');
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `negated-result-list-es-${size.width}`);
      }
      await fila.click();
      await page.getByRole('dialog').getByRole('definition').filter({ hasText: 'no «Detected»' }).waitFor();
      // The label is Chartkeeper's, the reason the source's own words.
      await page.getByRole('dialog').getByRole('definition').filter({ hasText: 'Motivo: Procedure refused' }).waitFor();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `negated-result-es-${size.width}`);
      }
    } finally {
      await run.close();
    }
  });
});
