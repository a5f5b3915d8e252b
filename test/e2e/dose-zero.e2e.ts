// The placeholder dose 0 reads as no dose (nothing in the medication list, "Not stated" with the
// source's 0 beside it in the details), and a social-history question answered with a null
// flavor reads as no answer with the source's words, in English and Spanish at 1366×768 and
// 1024×700. Uses the fixture test/fixtures/ccda/dose-zero.xml.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, repoRoot, screenshot, setUp } from './support/harness.ts';

const FIXTURE = path.join(repoRoot, 'test/fixtures/ccda/dose-zero.xml');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

async function shots(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `dose-zero-${name}-${size.width}`);
  }
}

const nav = (page: Page, name: string, label: string) => page.getByRole('navigation', { name }).getByRole('button', { name: label, exact: true }).click();

describe.skipIf(!CAN_RUN)('the placeholder dose 0 and a null-flavored answer', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows no "0" dose and says the answer is none, English and Spanish', { timeout: 240_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Rosa Medina', '1960-04-15');
      await importFiles(page, [{ name: 'dose-zero.xml', xml: readFileSync(FIXTURE, 'utf8') }]);
      await goTo(page, 'Medications');
      const lisinopril = page.locator('.entry-row', { hasText: 'Lisinopril' }).first();
      await lisinopril.waitFor();
      await page.locator('.entry-row', { hasText: 'Hydrochlorothiazide' }).getByText('0.5 Tablet').waitFor();
      await expect(lisinopril.locator('.entry-status').allTextContents()).resolves.not.toContain('0');
      await expect(page.locator('.entry-row', { hasText: 'Amlodipine' }).first().textContent()).resolves.not.toContain('0 Each');
      await shots(page, 'list-en');
      await lisinopril.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Not stated (the source fills the field with “0”)').waitFor();
      await shots(page, 'details-en');
      await page.keyboard.press('Escape');
      await goTo(page, 'Timeline');
      await page.locator('.entry-row', { hasText: 'Sex Assigned At Birth' }).getByText('Unknown (the source gives no answer: UNK)').waitFor();
      await shots(page, 'timeline-en');

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await nav(page, 'Principal', 'Medicamentos');
      const fila = page.locator('.entry-row', { hasText: 'Lisinopril' }).first();
      await fila.waitFor();
      await shots(page, 'list-es');
      await fila.click();
      await page.getByRole('dialog').getByText('No consta (la fuente rellena el campo con «0»)').waitFor();
      await shots(page, 'details-es');
      await page.keyboard.press('Escape');
      await nav(page, 'Principal', 'Cronología');
      await page.locator('.entry-row', { hasText: 'Sex Assigned At Birth' }).getByText('Unknown (la fuente no da respuesta: UNK)').waitFor();
      await shots(page, 'timeline-es');
    } finally {
      await run.close();
    }
  });
});
