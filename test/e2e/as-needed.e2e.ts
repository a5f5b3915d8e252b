// A medicine taken only as needed (a C-CDA precondition) reads so in the medication list, its
// details and At a glance, with what for in the source's words, in English and Spanish at
// 1366×768 and 1024×700. Uses the fixture test/fixtures/ccda/as-needed.xml.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, repoRoot, screenshot, setUp } from './support/harness.ts';

const FIXTURE = path.join(repoRoot, 'test/fixtures/ccda/as-needed.xml');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

async function shots(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `as-needed-${name}-${size.width}`);
  }
}

describe.skipIf(!CAN_RUN)('a medicine taken as needed', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says "as needed" and what for, in the list, the details and At a glance, English and Spanish', { timeout: 240_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Elena Ruiz', '1958-03-02');
      await importFiles(page, [{ name: 'as-needed.xml', xml: readFileSync(FIXTURE, 'utf8') }]);
      await goTo(page, 'Medications');
      const albuterol = page.locator('.entry-row', { hasText: 'Albuterol' }).first();
      await albuterol.getByText('As needed for: Wheezing').waitFor();
      // Institution-chosen times and a sig's words are not "as needed".
      await expect(page.locator('.entry-row', { hasText: 'Metformin' }).locator('.as-needed').count()).resolves.toBe(0);
      await expect(page.locator('.entry-row', { hasText: 'Ibuprofen' }).locator('.as-needed').count()).resolves.toBe(0);
      await expect(page.locator('.entry-row', { hasText: 'Tylenol' }).locator('.as-needed').textContent()).resolves.toBe('As needed');
      await shots(page, 'list-en');
      await albuterol.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('When to take').waitFor();
      await dialog.getByText('As needed for: Wheezing').waitFor();
      await shots(page, 'details-en');
      await page.keyboard.press('Escape');
      await goTo(page, 'At a glance');
      await page.locator('.glance-line', { hasText: 'Albuterol' }).getByText(/As needed for: Wheezing/).waitFor();
      await shots(page, 'glance-en');

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Medicamentos', exact: true }).click();
      const fila = page.locator('.entry-row', { hasText: 'Albuterol' }).first();
      await fila.getByText('Según sea necesario, para: Wheezing').waitFor();
      await shots(page, 'list-es');
      await fila.click();
      await page.getByRole('dialog').getByText('Cuándo tomarlo').waitFor();
      await shots(page, 'details-es');
      await page.keyboard.press('Escape');
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'De un vistazo', exact: true }).click();
      await page.locator('.glance-line', { hasText: 'Albuterol' }).getByText(/Según sea necesario, para: Wheezing/).waitFor();
      await shots(page, 'glance-es');
    } finally {
      await run.close();
    }
  });
});
