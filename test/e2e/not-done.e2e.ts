// A vaccine not given for a medical precaution (issue 13) shows as "Not done" with its reason,
// never as refused, in English and Spanish. Reads a public sample from ../shared/corpus.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, repoRoot, screenshot, setUp } from './support/harness.ts';

const FILE = path.resolve(repoRoot, '../shared/corpus/fhir-r4/inferno-reference-server-data/us_quality_core_bundle_patient.json');
const HAS_CORPUS = existsSync(FILE);
if (!HAS_CORPUS) console.warn(`[e2e] Skipping the not-done immunization test: ${FILE} is absent.`);

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

describe.skipIf(!CAN_RUN || !HAS_CORPUS)('an immunization not done', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows its reason and "Not done", never "Refused"', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Peter James Chalmers', '1974-12-25');
      await importFiles(page, [{ name: 'us_quality_core_bundle_patient.json', xml: readFileSync(FILE, 'utf8') }]);
      await goTo(page, 'Immunizations');
      const row = page.locator('.entry-row', { hasText: 'Not done' }).first();
      await row.waitFor();
      expect(await page.locator('.entry-row', { hasText: 'Refused' }).count()).toBe(0);
      await row.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Not given: medical precaution').waitFor();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `immunization-not-done-en-${size.width}`);
      }
      await page.keyboard.press('Escape');
      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Vacunas', exact: true }).click();
      const fila = page.locator('.entry-row', { hasText: 'No realizado' }).first();
      await fila.waitFor();
      await fila.click();
      await page.getByRole('dialog').getByText('Not given: medical precaution').waitFor();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `immunization-not-done-es-${size.width}`);
      }
    } finally {
      await run.close();
    }
  });
});
