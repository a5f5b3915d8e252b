// "What's due" end to end: a teenager's FHIR record from the corpus (SMART's generated sample:
// flu, Tdap, HPV and MenACWY doses with CVX codes, none of the infant series) imported through
// the UI, on a fixed day, read in English and Spanish, by keyboard, with no serious axe finding.
// Skipped without the corpus.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, repoRoot, screenshot, seriousViolations, setUp } from './support/harness.ts';

const FILE = path.resolve(repoRoot, '../shared/corpus/fhir-r4/smart-generated-sample-data/Gus_Dicki_aa293eaa-6dc4-4503-a296-89d035aa9b1c.json');
const HAS_CORPUS = existsSync(FILE);
if (!HAS_CORPUS) console.warn(`[e2e] Skipping the What's due test: ${FILE} is absent.`);

/** The day the app believes it is: Gus is 16 and a half. */
const TODAY = new Date('2021-06-01T12:00:00Z');

async function shoot(page: Page, name: string) {
  for (const [width, height] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(100);
    await screenshot(page, `${name}-${width}x${height}`);
  }
}

describe.skipIf(!CAN_RUN || !HAS_CORPUS)("What's due", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a profile’s vaccines by CDC’s schedule in English and Spanish, usable by keyboard', async () => {
    const run = await openApp(browser, { platform: { now: () => TODAY } });
    try {
      const { page } = run;
      await setUp(page, 'Gus Dicki', '2004-12-05');
      await importFiles(page, [{ name: path.basename(FILE), xml: readFileSync(FILE, 'utf8') }]);
      await goTo(page, "What's due");
      await page.getByRole('heading', { name: "What's due: vaccines", level: 1 }).waitFor();
      await page.getByText("Calculated from your records with CDC's schedule (supporting data 4.64). Records may be incomplete; check with your clinician.").waitFor();
      await page.getByText('For Gus Dicki, as of Jun 1, 2021.').waitFor();

      const section = (name: RegExp) => page.locator('section.due-bucket', { has: page.getByRole('heading', { level: 2, name }) });
      // No hepatitis B dose in the record: the infant series is long overdue.
      const overdue = section(/^Overdue/);
      await overdue.getByRole('heading', { level: 3, name: /^Hepatitis B \(HepB\), dose 1$/ }).waitFor();
      expect(await overdue.locator('.due-card', { hasText: 'Hepatitis B' }).textContent()).toMatch(/Was due from .+ overdue after .+\./);
      // Three HPV doses at 11, 12 and 13: complete, and the doses say they counted.
      const complete = section(/^Complete/);
      const hpv = complete.locator('.due-card', { hasText: 'Human papillomavirus' });
      await hpv.getByText('The series is complete.').waitFor();

      // Keyboard: focus the HPV doses, open them with Enter.
      const summary = hpv.locator('summary');
      await summary.focus();
      await page.keyboard.press('Enter');
      const lines = await hpv.locator('.due-doses li').allTextContents();
      expect(lines).toHaveLength(3);
      for (const line of lines) expect(line).toMatch(/HPV, quadrivalent, counted/);
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'whats-due-en');

      // A second person, a baby with no records: the caregiver's overview lists both.
      await goTo(page, 'Profiles');
      await page.getByRole('button', { name: 'Add a person' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a person' });
      await dialog.getByLabel('Full name').fill('Rosa Dicki');
      await dialog.getByLabel('Birth date').fill('2020-11-01');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('current-profile').filter({ hasText: 'Rosa Dicki' }).waitFor();
      // Two doses typed in by hand, with no vaccine code: one named exactly as CDC names it, one not.
      await goTo(page, 'Immunizations');
      for (const [name, day] of [
        ['DTaP', '2021-01-05'],
        ['Flu shot', '2021-05-01'],
      ] as const) {
        await page.getByRole('button', { name: 'Add Immunization' }).click();
        const form = page.getByRole('dialog');
        await form.getByLabel('Name').fill(name);
        await form.getByLabel('Given', { exact: true }).fill(day);
        await form.getByRole('button', { name: 'Save' }).click();
        await form.waitFor({ state: 'detached' });
      }
      await goTo(page, "What's due");
      const overview = page.locator('section.due-overview');
      await overview.getByRole('heading', { name: 'Everyone: what is due', level: 2 }).waitFor();
      const gusRow = overview.locator('li', { hasText: 'Gus Dicki' });
      await gusRow.getByText('6 overdue, 1 due now, 3 coming up').waitFor();
      // Rosa, seven months old with nothing recorded: hepatitis B dose 1 was due at birth.
      await page.getByText('For Rosa Dicki, as of Jun 1, 2021.').waitFor();
      await section(/^Overdue/).getByRole('heading', { level: 3, name: /^Hepatitis B \(HepB\), dose 1$/ }).waitFor();
      await section(/^Counted by their name \(1\)/).getByText('"DTaP" counted as DTaP (CVX 20)', { exact: false }).waitFor();
      await section(/^Overdue/).getByRole('heading', { level: 3, name: /DTaP\/Tdap\/Td\), dose 2$/ }).waitFor();
      await page.getByRole('link', { name: 'Entries in your records not counted here: 1. See the list at the end.' }).waitFor();
      // The sentence, then the choice of vaccine by hand (test/e2e/whats-due-statements.e2e.ts).
      expect(await section(/^In your records but not counted \(1\)/).locator('li').textContent()).toContain(
        "Flu shot, May 1, 2021: The record gives no vaccine code (CVX), and its name is not exactly one of CDC's vaccine names.",
      );
      expect(await overview.locator('li', { hasText: 'Rosa Dicki' }).textContent()).toContain('Shown below');
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'whats-due-overview-en');
      await gusRow.getByRole('button', { name: "Show Gus Dicki's vaccines" }).click();
      await page.getByText('For Gus Dicki, as of Jun 1, 2021.').waitFor();

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Vacunas pendientes', exact: true }).click();
      await page.getByRole('heading', { name: 'Vacunas pendientes', level: 1 }).waitFor();
      await page.getByText('Calculado a partir de sus historiales con el calendario de los CDC (datos de apoyo 4.64).', { exact: false }).waitFor();
      await section(/^Atrasadas/).getByRole('heading', { level: 3, name: /^Hepatitis B \(HepB\), dosis 1$/ }).waitFor();
      expect(await section(/^Atrasadas/).locator('.due-card', { hasText: 'Hepatitis B' }).textContent()).toMatch(/Tocaba desde el \d+ de \w+ de \d{4}; atrasada después del/);
      const body = (await page.locator('main').textContent()) ?? '';
      for (const english of ['Overdue', 'Due now', 'Coming up', 'Doses in your records', 'The series is complete']) expect(body).not.toContain(english);
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('section.due-overview li', { hasText: 'Rosa Dicki' }).getByRole('button', { name: 'Ver las vacunas de Rosa Dicki' }).waitFor();
      await shoot(page, 'whats-due-es');
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });
});
