// Accessibility: axe-core finds no serious or critical violation on any main screen, and the
// app still works with text at 200%.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoProviders } from '../fixtures/e2e/ccda.ts';
import { CAN_RUN, PASSPHRASE, goTo, importFiles, launchBrowser, openApp, screenshot, seriousViolations, setUp } from './support/harness.ts';

const SCREENS = [
  'At a glance',
  'Timeline',
  'Medications',
  'Problems',
  'Allergies',
  'Immunizations',
  "What's due",
  'Test results',
  'Vital signs',
  'Trends',
  'Documents',
  'My notes and visits',
  'Import records',
  'Visit summary',
  'Profiles',
  'Settings',
];

describe.skipIf(!CAN_RUN)('accessibility', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function expectClean(page: Page, where: string) {
    const found = await seriousViolations(page);
    expect(found, where).toEqual([]);
  }

  it('has no serious or critical axe violation on the vault screens, every main screen and the dialogs', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await page.getByRole('heading', { name: 'Create your private health record' }).waitFor();
      await expectClean(page, 'create vault');
      await setUp(page);
      await expectClean(page, 'timeline (empty)');
      await importFiles(page, twoProviders());
      await expectClean(page, 'import report');
      for (const screen of SCREENS) {
        await goTo(page, screen);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForTimeout(150);
        await expectClean(page, screen);
      }
      await goTo(page, 'Trends');
      await page.getByRole('group', { name: /Chart of/ }).waitFor();
      await page.getByText('Show the values as a table').click();
      await expectClean(page, 'trend with table');
      await goTo(page, 'Medications');
      await page.locator('.entry-row', { hasText: 'Metformin' }).click();
      await page.getByRole('dialog').getByRole('heading', { name: 'Where this came from' }).waitFor();
      await expectClean(page, 'entry details');
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: 'Lock' }).click();
      await page.getByRole('heading', { name: 'Unlock Chartkeeper' }).waitFor();
      await expectClean(page, 'unlock');
      await page.getByLabel('Passphrase').fill('wrong passphrase');
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('alert').waitFor();
      await expectClean(page, 'unlock with error');
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('heading', { name: 'At a glance', level: 1 }).waitFor();
    } finally {
      await run.close();
    }
  });

  it('still works with text at 200%: nothing is cut off and the timeline scrolls', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page);
      await importFiles(page, twoProviders());
      await page.addStyleTag({ content: 'html { font-size: 200% !important; }' }).catch(() => undefined);
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
      });
      await goTo(page, 'Timeline');
      const row = page.locator('.entry-row', { hasText: 'Metformin' });
      await row.scrollIntoViewIfNeeded();
      await row.waitFor();
      // Text is not clipped: each entry is at least as tall as its content.
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.entry-row, .sidenav button, .topbar button')].filter((el) => el.scrollHeight > el.clientHeight + 1).length,
      );
      expect(clipped).toBe(0);
      expect(await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.entry-title')!).fontSize))).toBeGreaterThanOrEqual(30);
      await screenshot(page, 'timeline-200-percent');
      await row.click();
      await page.getByRole('dialog').getByRole('heading', { name: 'Where this came from' }).waitFor();
    } finally {
      await run.close();
    }
  });
});
