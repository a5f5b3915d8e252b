// An unstructured document (a scanned letter, a text note) keeps its attachment, and the
// Documents screen shows text attachments as text.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, repoRoot, setUp, type AppRun } from './support/harness.ts';

describe.skipIf(!CAN_RUN)('unstructured documents', () => {
  let browser: Browser;
  let run: AppRun;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    run = await openApp(browser);
    page = run.page;
    await setUp(page, 'Lee Park', '1990-06-01');
    const xml = fs.readFileSync(path.join(repoRoot, 'test/fixtures/ccda/unstructured.xml'), 'utf8');
    await importFiles(page, [{ name: 'consult-letter.xml', xml }]);
  });
  afterAll(async () => {
    await run?.close();
    await browser?.close();
  });

  it('keeps the attachment and shows its text', async () => {
    await goTo(page, 'Documents');
    await page.locator('.entry-row', { hasText: 'Scanned Consult Letter' }).click();
    await page.getByRole('button', { name: /^Show / }).click();
    const text = page.locator('.attachment-text');
    await text.waitFor();
    expect(await text.textContent()).toContain('thank you for the referral');
  });
});
