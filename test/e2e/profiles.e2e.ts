// Profiles: add, switch (the open record's name and colour always shown), edit, delete with
// the name typed as confirmation, and the identity-mismatch question on import.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOHN, twoProviders } from '../fixtures/e2e/ccda.ts';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, screenshot, setUp } from './support/harness.ts';

describe.skipIf(!CAN_RUN)('profiles', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('adds, switches, edits and deletes (only after the name is typed) a profile', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Mary Smith', '1950-05-06');
      await importFiles(page, twoProviders({ given: 'Mary', family: 'Smith', birth: '19500506', sex: 'F' }));
      await goTo(page, 'Profiles');
      await page.getByRole('button', { name: 'Add a person' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a person' });
      await dialog.getByLabel('Full name').fill('Robert Smith');
      await dialog.getByLabel('Birth date').fill('1947-11-30');
      await dialog.getByLabel('Sex (optional)').selectOption('male');
      await dialog.getByLabel('#2e7d4f').check();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });

      // The new profile is open: its name and initials are in the header.
      const current = page.getByTestId('current-profile');
      await current.filter({ hasText: 'Robert Smith' }).waitFor();
      expect(await page.locator('.profile-switcher .badge').textContent()).toBe('RS');
      expect(await page.locator('.profile-switcher .badge').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(46, 125, 79)');
      await goTo(page, 'Timeline');
      await page.getByText('Nothing here yet.').waitFor();
      expect(await page.content()).not.toContain('Metformin');
      await screenshot(page, 'profile-switcher');

      // Switch back with the header's switcher: Mary's records return.
      await page.getByLabel('Switch profile').selectOption({ label: 'Mary Smith' });
      await current.filter({ hasText: 'Mary Smith' }).waitFor();
      await page.locator('.entry-row', { hasText: 'Metformin' }).waitFor();

      // Edit Robert's name.
      await goTo(page, 'Profiles');
      await page.getByRole('button', { name: 'Edit details: Robert Smith' }).click();
      const edit = page.getByRole('dialog');
      await edit.getByLabel('Full name').fill('Robert J. Smith');
      await edit.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: 'Robert J. Smith', level: 2 }).waitFor();

      // Delete Mary: the button stays disabled until her name is typed exactly.
      await page.getByRole('button', { name: 'Delete profile: Mary Smith' }).click();
      const del = page.getByRole('dialog', { name: 'Delete the profile of Mary Smith?' });
      const confirm = del.getByRole('button', { name: 'Delete forever' });
      expect(await confirm.isDisabled()).toBe(true);
      await del.getByLabel('Type Mary Smith to confirm').fill('Mary Smit');
      expect(await confirm.isDisabled()).toBe(true);
      await del.getByLabel('Type Mary Smith to confirm').fill('Mary Smith');
      await confirm.click();
      await del.waitFor({ state: 'detached' });
      await current.filter({ hasText: 'Robert J. Smith' }).waitFor();
      expect(await page.getByRole('heading', { name: 'Mary Smith', level: 2 }).count()).toBe(0);
      const left = await page.evaluate(() =>
        (window as unknown as { chartkeeper: { profiles: { list(i: unknown): Promise<{ ok: true; value: { name: string }[] }> } } }).chartkeeper.profiles.list({}),
      );
      expect(left.value.map((p) => p.name)).toEqual(['Robert J. Smith']);
    } finally {
      await run.close();
    }
  });

  it('asks before importing a file for someone else, and can create their profile instead', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Eleanor Testperson', '1948-03-02');
      const [johnsFile] = twoProviders(JOHN);
      await importFiles(page, [johnsFile!]);
      const job = page.getByTestId('import-job').filter({ hasText: 'good-health-clinic.xml' });
      await job.getByText('This file is for John Sampleton, born Jul 11, 1951. Import into Eleanor Testperson anyway, or create a profile for John Sampleton?').waitFor();
      await screenshot(page, 'import-identity-mismatch');
      await job.getByRole('button', { name: 'Create a profile for John Sampleton' }).click();
      await job.locator('.job-state').filter({ hasText: 'Done' }).waitFor();

      // Eleanor's record is untouched; John's profile holds the file.
      await goTo(page, 'Timeline');
      await page.getByText('Nothing here yet.').waitFor();
      await page.getByLabel('Switch profile').selectOption({ label: 'John Sampleton' });
      await page.locator('.entry-row', { hasText: 'Metformin' }).waitFor();

      // Importing anyway puts the file into the open profile.
      await page.getByLabel('Switch profile').selectOption({ label: 'Eleanor Testperson' });
      await importFiles(page, [twoProviders(JOHN)[1]!]);
      const second = page.getByTestId('import-job').filter({ hasText: 'riverside-hospital.xml' });
      await second.getByRole('button', { name: 'Import into Eleanor Testperson anyway' }).click();
      await second.locator('.job-state').filter({ hasText: 'Done' }).waitFor();
      await goTo(page, 'Timeline');
      await page.locator('.entry-row', { hasText: 'Lisinopril' }).waitFor();
    } finally {
      await run.close();
    }
  });
});
