// Issue 15: the Possible duplicates page. Two sources of one allergy that disagree on its
// severity (fixtures) and, with the corpus, two vendors' documents of Alice Newman's visit
// whose vital signs are timed differently: the import report and the navigation lead to the
// page, each pair is shown side by side with why it was flagged, a merge (made with the
// keyboard only) unites the allergy and is undone where it was made. English and Spanish at
// 1366×768 and 1024×700, with screenshots; axe finds no serious or critical violation.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allergyBundleText } from '../fixtures/e2e/allergy-bundle.ts';
import { CAN_RUN, SCREENSHOTS, goTo, importFiles, launchBrowser, openApp, repoRoot, screenshot, seriousViolations, setUp } from './support/harness.ts';

const corpus = path.resolve(repoRoot, '../shared/corpus');
const CORPUS_FILES = ['ccda/jddamore-ccda-samples/Carefluence/Newman_Alice_1_Ambulatory.xml', 'ccda/jddamore-ccda-samples/Practice Fusion/AliceNewmanApi.xml'];
const HAS_CORPUS = CORPUS_FILES.every((f) => existsSync(path.join(corpus, f)));

const allergyBundle = (timestamp: string, status: string, severity: string, reaction: string) => ({
  name: `sulfa-${timestamp.slice(0, 4)}.json`,
  xml: allergyBundleText(timestamp, { status, severity, reaction }),
});

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

/** The whole page and, as the person sees it first, the window alone. */
async function shots(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-window.png`) });
}

/** The navigation's "Possible duplicates", whose name carries the count when there are pairs to review. */
async function openDuplicates(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Possible duplicates/ }).click();
  await page.getByRole('heading', { name: 'Possible duplicates', level: 1 }).waitFor();
}

/** Presses Tab until the focused element is a button named `name`; fails after `limit` presses. */
async function tabTo(page: Page, name: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (document.activeElement instanceof HTMLButtonElement ? document.activeElement.textContent : null));
    if (focused === name) return;
  }
  throw new Error(`Tab never reached the button "${name}"`);
}

describe.skipIf(!CAN_RUN)('possible duplicates', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists each pair side by side, merges with the keyboard, undoes where it was made, in English and Spanish', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Alice Newman', '1970-05-01');
      const files = [allergyBundle('2015-06-22T00:00:00Z', 'active', 'moderate', 'Rash'), allergyBundle('2012-08-06T00:00:00Z', 'inactive', 'severe', 'Hives')];
      if (HAS_CORPUS) for (const f of CORPUS_FILES) files.push({ name: path.basename(f), xml: readFileSync(path.join(corpus, f), 'utf8') });
      await importFiles(page, files);
      // Carefluence's sample gives another birth date (1970-06-01): the person says it is hers.
      for (const f of files) {
        const job = page.getByTestId('import-job').filter({ hasText: f.name });
        if ((await job.locator('.job-state').textContent())?.includes('Needs your answer')) {
          await job.getByRole('button', { name: 'Import into Alice Newman anyway' }).click();
          await job.locator('.job-state').filter({ hasText: 'Done' }).waitFor();
        }
      }
      for (const f of files) expect(await page.getByTestId('import-job').filter({ hasText: f.name }).locator('.job-state').textContent()).toContain('Done');

      // The import report leads to the page.
      const review = page.getByRole('button', { name: /^Review (1 possible duplicate|possible duplicates \(\d+\))$/ }).first();
      await review.click();
      await page.getByRole('heading', { name: 'Possible duplicates', level: 1 }).waitFor();
      const cards = page.locator('.pair-card');
      const expected = HAS_CORPUS ? 2 : 1;
      // The heading comes before the pairs are read: wait for them, rather than count at once.
      await cards.nth(expected - 1).waitFor();
      expect(await cards.count()).toBeGreaterThanOrEqual(expected);
      // The navigation says how many there are to review.
      const nav = page.getByRole('navigation', { name: 'Main' });
      const count = await cards.count();
      await nav.getByRole('button', { name: `Possible duplicates, ${count} to review` }).waitFor();

      const sulfa = cards.filter({ hasText: 'Sulfamethoxazole' });
      expect(await sulfa.locator('.pair-reason').textContent()).toBe('Why they were flagged: Same allergy, different severity: moderate and severe');
      const table = await sulfa.locator('table').innerText();
      expect(table).toMatch(/Severity\s+moderate\s+severe/);
      expect(table).toMatch(/Status\s+Active\s+Inactive/);
      expect(table).toContain('document of Aug 6, 2012');
      expect(table).toContain('document of Jun 22, 2015');
      if (HAS_CORPUS) {
        const rate = cards.filter({ hasText: 'Respiratory' });
        expect(await rate.locator('.pair-reason').textContent()).toMatch(/Same value on the same day, at different times: (10:15 and 15:44|15:44 and 10:15)\. It may be one reading/);
        expect(await rate.locator('table').innerText()).toContain('AliceNewmanApi.xml');
      }
      expect(await seriousViolations(page)).toEqual([]);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await shots(page, `duplicates-en-${size.width}`);
      }

      // Keyboard only: from the heading, Tab to the allergy pair's Merge and press Enter.
      await page.setViewportSize(SIZES[0]!);
      await goTo(page, 'Allergies');
      await openDuplicates(page);
      await page.getByRole('heading', { name: 'Possible duplicates', level: 1 }).focus();
      const sulfaIndex = await cards.evaluateAll((all) => all.findIndex((c) => c.textContent?.includes('Sulfamethoxazole')));
      for (let i = 0; i <= sulfaIndex; i++) await tabTo(page, 'Merge into one entry');
      await page.keyboard.press('Enter');
      const status = sulfa.getByRole('status');
      await status.filter({ hasText: 'Merged into one entry: Sulfamethoxazole.' }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Merged into one entry: Sulfamethoxazole.');
      await shots(page, 'duplicates-merged-en-1366');

      // One allergy now, active (the 2015 source), with both sources.
      await goTo(page, 'Allergies');
      const rows = page.locator('.entry-row', { hasText: 'Sulfamethoxazole' });
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('from 2 sources');

      // Undo, where the merge was made (the page keeps the decision until it is left) — here
      // from the list of merges made by the person, with the keyboard.
      await openDuplicates(page);
      await page.getByRole('heading', { name: 'Merged by you' }).waitFor();
      await page.getByRole('heading', { name: 'Possible duplicates', level: 1 }).focus();
      await tabTo(page, 'Undo merge');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'The merge was undone; the two entries are separate again.' }).first().waitFor();
      await page.getByText(/Undone on/).waitFor();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await shots(page, `duplicates-undone-en-${size.width}`);
      }
      await page.setViewportSize(SIZES[0]!);
      await goTo(page, 'Allergies');
      await page.locator('.entry-row', { hasText: 'Sulfamethoxazole' }).nth(1).waitFor();
      expect(await page.locator('.entry-row', { hasText: 'Sulfamethoxazole' }).count()).toBe(2);

      // The entry's details name the other entry with its date and source, and merge there is undone there.
      await page.locator('.entry-row', { hasText: 'Sulfamethoxazole' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(/^Possibly the same as: Sulfamethoxazole, from Unknown provider, document of (Jun 22, 2015|Aug 6, 2012) \(sulfa-20\d\d\.json\)$/).waitFor();
      await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
      await dialog.getByRole('button', { name: 'Undo merge' }).click();
      await page.getByRole('status').filter({ hasText: 'The merge was undone' }).first().waitFor();
      await dialog.getByText(/^Possibly the same as: Sulfamethoxazole/).waitFor();
      await shots(page, 'duplicates-entry-details-en');
      await page.keyboard.press('Escape');

      // Spanish: every word the app writes on the page.
      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      const navEs = page.getByRole('navigation', { name: 'Principal' });
      await navEs.getByRole('button', { name: /^Posibles duplicados, \d+ por revisar$/ }).click();
      await page.getByRole('heading', { name: 'Posibles duplicados', level: 1 }).waitFor();
      const sulfaEs = page.locator('.pair-card').filter({ hasText: 'Sulfamethoxazole' });
      expect(await sulfaEs.locator('.pair-reason').textContent()).toBe('Por qué se señalaron: La misma alergia con otra gravedad: moderada y grave');
      const text = await page.locator('main').innerText();
      for (const english of ['Unknown provider', 'Why they were flagged', 'Merge into one entry', 'Keep apart', 'Entry 1', 'Sources', 'document of', 'Merged by you', 'Undone on', 'Severity', 'Status', 'Inactive', 'Active']) {
        expect(text, english).not.toContain(english);
      }
      await page.getByRole('button', { name: 'Unir en una sola entrada' }).first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await shots(page, `duplicates-es-${size.width}`);
      }
      await page.setViewportSize(SIZES[1]!);
      await sulfaEs.getByRole('button', { name: 'Unir en una sola entrada' }).click();
      await sulfaEs.getByRole('status').filter({ hasText: 'Unidas en una sola entrada: Sulfamethoxazole.' }).waitFor();
      await sulfaEs.getByRole('button', { name: 'Deshacer la unión' }).click();
      await sulfaEs.getByRole('status').filter({ hasText: 'Se deshizo la unión' }).waitFor();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await shots(page, `duplicates-undone-es-${size.width}`);
      }
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });
});
