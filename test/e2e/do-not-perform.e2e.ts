// A "do not give" medicine order (FHIR doNotPerform) reads as one on the Medications screen and
// in its details, in English and Spanish, beside the prescription of the same drug, which stays
// a separate, current entry. Reads the fixture test/fixtures/fhir/do-not-perform-bundle.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, repoRoot, screenshot, setUp } from './support/harness.ts';

const FILE = path.resolve(repoRoot, 'test/fixtures/fhir/do-not-perform-bundle.json');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

describe.skipIf(!CAN_RUN)('a do-not-give medicine order', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says "Do not give (the source says so)" and its order status, never as a current medicine', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Tomas Example', '1950-05-04');
      await importFiles(page, [{ name: 'do-not-perform-bundle.json', xml: readFileSync(FILE, 'utf8') }]);
      await goTo(page, 'Medications');
      const row = page.locator('.entry-row', { hasText: 'Do not give (the source says so)' }).filter({ hasText: 'Warfarin' });
      await row.waitFor();
      expect(await page.locator('.entry-row', { hasText: 'Warfarin' }).count()).toBe(2);
      // The prohibitions in a group of their own, never among current or past medicines.
      const group = page.getByTestId('group-do-not-give');
      expect(await group.getByRole('heading').textContent()).toBe('Orders not to give these medicines');
      expect(await group.locator('.entry-row').count()).toBe(2);
      expect(await page.getByTestId('group-current').locator('.entry-row', { hasText: 'Do not give' }).count()).toBe(0);
      expect(await page.getByTestId('group-unconfirmed').locator('.entry-row', { hasText: 'Do not give' }).count()).toBe(0);
      expect(await page.getByTestId('group-past').count()).toBe(0);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `do-not-give-list-en-${size.width}`);
      }
      await row.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Do not give (the source says so)', { exact: true }).waitFor();
      await dialog.getByText('Order status').waitFor();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `do-not-give-details-en-${size.width}`);
      }
      await page.keyboard.press('Escape');
      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Medicamentos', exact: true }).click();
      const fila = page.locator('.entry-row', { hasText: 'No administrar (según la fuente)' }).filter({ hasText: 'Warfarin' });
      await fila.waitFor();
      expect(await page.getByTestId('group-do-not-give').getByRole('heading').textContent()).toBe('Órdenes de no administrar estos medicamentos');
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `do-not-give-list-es-${size.width}`);
      }
      await fila.click();
      await page.getByRole('dialog').getByText('Estado de la orden').waitFor();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `do-not-give-details-es-${size.width}`);
      }
    } finally {
      await run.close();
    }
  });
});
