// How often to take a medicine reads in plain words (main/records/readable/frequency.ts): the
// FHIR importer's "2 time(s) every 1 d (CM, CV)" as "twice a day, with breakfast and with
// dinner" / "dos veces al día, con el desayuno y con la cena", on the medication list, the
// entry's details and At a glance, in English and Spanish at 1366×768 and 1024×700; a source's own
// timing text ("BID") as written. The visit summary is printed to PDF in both languages
// (test/e2e/screenshots/frequency-summary-*.pdf) to be looked at with pdftoppm.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdfWithChromium } from '../../main/summary/pdf.ts';
import { CAN_RUN, goTo, launchBrowser, openApp, repoRoot, SCREENSHOTS, setUp } from './support/harness.ts';
import { call, screenshotsAtBothSizes } from './support/page-tools.ts';

const FIXTURE = path.join(repoRoot, 'test/fixtures/fhir/frequencies-bundle.json');
const SECTIONS = { medications: true, allergies: true, problems: true, results: false, immunizations: false, vaccinesDue: false, encounters: false, procedures: false, questions: false, notes: false, education: false };

async function importBundle(page: Page): Promise<void> {
  await goTo(page, 'Import records');
  await page.getByTestId('file-input').setInputFiles([{ name: 'frequencies.json', mimeType: 'application/json', buffer: readFileSync(FIXTURE) }]);
  await page.getByTestId('import-job').filter({ hasText: 'frequencies.json' }).locator('.job-state').filter({ hasText: 'Done' }).waitFor();
}

async function printSummary(page: Page, profileId: string, language: 'en' | 'es'): Promise<string> {
  const html = await call<string>(page, 'summary.html', { profileId, sections: SECTIONS, language, paper: 'Letter', chosenTrendTests: [], educationEntryIds: [], excludedEntryIds: [] });
  await writeFile(path.join(SCREENSHOTS, `frequency-summary-${language}.pdf`), await renderPdfWithChromium(html, 'Letter', language));
  return html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<br>/g, ' / ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe.skipIf(!CAN_RUN)('how often, in words', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reads in words on the list, the details and At a glance, English and Spanish; the summary prints the same', { timeout: 300_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Elena Ruiz', '1958-03-02');
      await importBundle(page);
      await goTo(page, 'Medications');
      const metformin = page.locator('.entry-row', { hasText: 'Metformin' }).first();
      await metformin.getByText('1 tablet · twice a day, with breakfast and with dinner').waitFor();
      // The evening half tablet is not hidden behind the morning one.
      await page.locator('.entry-row', { hasText: 'Furosemide' }).getByText('1 tablet · once a day, in the morning; 0.5 tablet · once a day, in the evening').waitFor();
      await page.locator('.entry-row', { hasText: 'Lisinopril' }).getByText('1 tablet · BID', { exact: true }).waitFor();
      await screenshotsAtBothSizes(page, 'frequency-list-en');
      await page.locator('.entry-row', { hasText: 'Furosemide' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('once a day, in the morning', { exact: true }).waitFor();
      await dialog.getByText('0.5 tablet, Oral route, once a day, in the evening').waitFor();
      await screenshotsAtBothSizes(page, 'frequency-details-en');
      await page.keyboard.press('Escape');
      await goTo(page, 'At a glance');
      await page.locator('.glance-line', { hasText: 'Insulin' }).getByText('10 units · twice a day, at 08:00 and at 20:00').waitFor();
      await screenshotsAtBothSizes(page, 'frequency-glance-en');

      const profileId = (await call<{ id: string }[]>(page, 'profiles.list', {}))[0]!.id;
      const summaryEn = await printSummary(page, profileId, 'en');
      expect(summaryEn).toContain('once a day, at bedtime');
      expect(summaryEn).toContain('1 tablet Oral route once a day, in the morning 0.5 tablet Oral route once a day, in the evening');

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      const nav = page.getByRole('navigation', { name: 'Principal' });
      await nav.getByRole('button', { name: 'Medicamentos', exact: true }).click();
      await page.locator('.entry-row', { hasText: 'Metformin' }).first().getByText('1 tablet · dos veces al día, con el desayuno y con la cena').waitFor();
      await page.locator('.entry-row', { hasText: 'Amoxicillin' }).first().getByText('1 capsule · cada 8 horas').waitFor();
      await page.locator('.entry-row', { hasText: 'Vitamin D3' }).first().getByText('1 capsule · una vez a la semana').waitFor();
      await screenshotsAtBothSizes(page, 'frequency-list-es');
      const rows = await page.locator('.entry-row').allTextContents();
      for (const row of rows) expect(row).not.toMatch(/time\(s\)|\b(MORN|EVE|HS|WAKE|ACM|CM|CV)\b|\bonce\b|\bevery\b/);
      await page.locator('.entry-row', { hasText: 'Levothyroxine' }).first().click();
      await page.getByRole('dialog').getByText('una vez al día, al despertarse y antes del desayuno', { exact: true }).waitFor();
      await screenshotsAtBothSizes(page, 'frequency-details-es');
      await page.keyboard.press('Escape');
      await nav.getByRole('button', { name: 'De un vistazo', exact: true }).click();
      await page.locator('.glance-line', { hasText: 'Furosemide' }).getByText('1 tablet · una vez al día, por la mañana; 0.5 tablet · una vez al día, por la noche').waitFor();
      await page.locator('.glance-line', { hasText: 'Zolpidem' }).getByText(/una vez al día, antes de acostarse/).waitFor();
      await screenshotsAtBothSizes(page, 'frequency-glance-es');

      const summaryEs = await printSummary(page, profileId, 'es');
      expect(summaryEs).toContain('1 tablet Oral route una vez al día, por la mañana 0.5 tablet Oral route una vez al día, por la noche');
      expect(summaryEs).toContain('dos veces al día, a las 08:00 y a las 20:00');
      expect(summaryEs).not.toMatch(/time\(s\)|\bMORN\b|\bonce a\b/);
      // The emergency card, printed in Spanish: every dosage, how often in words.
      const cardHtml = await call<string>(page, 'card.html', { profileId, layout: 'page', language: 'es', paper: 'Letter' });
      await writeFile(path.join(SCREENSHOTS, 'frequency-card-es.pdf'), await renderPdfWithChromium(cardHtml, 'Letter', 'es'));
      const card = cardHtml.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      expect(card).toContain('1 tablet, Oral route, una vez al día, por la mañana; 0.5 tablet, Oral route, una vez al día, por la noche');
      expect(card).not.toMatch(/time\(s\)|\bMORN\b/);
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });
});
