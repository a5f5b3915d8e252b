// The person's own statements on screen (issue #15): "I no longer take this" / "I still take
// this" move a medication between the lists and read as theirs, undo brings back what the
// source said, a correction shows beside the source's value, "This is wrong" hides an allergy
// from the lists and the timeline until "Show hidden". English and Spanish, at the two window
// sizes the project checks, by keyboard, with no serious axe finding.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, repoRoot, screenshot, seriousViolations, setUp } from './support/harness.ts';

const fixture = readFileSync(path.join(repoRoot, 'test/fixtures/ccda/ccd-full.xml'), 'utf8');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `${name}-${size.width}x${size.height}`);
  }
}

async function openEntry(page: Page, text: string) {
  await page.locator('.entry-row', { hasText: text }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('personal-statements').waitFor();
  return dialog;
}

describe.skipIf(!CAN_RUN)('The person’s own statements', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says, corrects, hides and withdraws, shown as the person’s own words', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Rosa Maria Quintero', '1958-07-04');
      await importFiles(page, [{ name: 'willow-creek.xml', xml: fixture }]);

      // Metformin was last listed in March 2024: current, but unconfirmed for over a year.
      await goTo(page, 'Medications');
      await page.getByTestId('group-unconfirmed').locator('.entry-row', { hasText: 'Metformin' }).waitFor();
      let dialog = await openEntry(page, 'Metformin');
      const own = dialog.getByTestId('personal-statements');
      await own.getByRole('button', { name: 'I no longer take this' }).click();
      await own.getByText(/^You said on .+: I no longer take this$/).waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('What you say about this');
      // What the source said is still there, unchanged.
      expect(await dialog.locator('.source-item').first().textContent()).toContain('Metformin hydrochloride 500 MG Oral Tablet');
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'personal-no-longer-details');
      await dialog.getByRole('button', { name: /Close/ }).first().click();

      const past = page.getByTestId('group-past');
      await past.locator('.entry-row', { hasText: 'Metformin' }).waitFor();
      expect(await past.locator('.entry-row', { hasText: 'Metformin' }).textContent()).toMatch(/you said on .+: I no longer take this · Willow Creek Clinic lists it as active/);
      await shoot(page, 'personal-no-longer-list');

      // Undo: withdrawn, the sources decide again; then "I still take this" confirms it.
      dialog = await openEntry(page, 'Metformin');
      await dialog.getByRole('button', { name: 'Withdraw “I no longer take this”' }).click();
      await dialog.getByRole('button', { name: 'I still take this' }).click();
      await dialog.getByText(/^You said on .+: I still take this$/).waitFor();

      // A correction, beside the source's value (by keyboard: the button, the fields, Enter).
      await dialog.getByRole('button', { name: 'Correct…' }).focus();
      await page.keyboard.press('Enter');
      await dialog.getByLabel('Dose').focus();
      await page.keyboard.type('2 tablets');
      await dialog.getByLabel('Your note (optional)').fill('As the pharmacist told me');
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'personal-correction-form');
      await dialog.getByLabel('Dose').focus();
      await page.keyboard.press('Enter');
      const correction = dialog.locator('.personal-statement', { hasText: 'Your correction of' });
      await correction.waitFor();
      expect(await correction.textContent()).toContain('Dose: 2 tablets (the record says: 1)');
      expect(await correction.textContent()).toContain('Your note: As the pharmacist told me');
      expect(await dialog.locator('.facts').first().textContent()).toContain('Dose1');
      await shoot(page, 'personal-corrected-details');
      await dialog.getByRole('button', { name: /Close/ }).first().click();
      const current = page.getByTestId('group-current').locator('.entry-row', { hasText: 'Metformin' });
      await current.waitFor();
      expect(await current.textContent()).toMatch(/2 tablets.*Corrected by you.*you said on .+: I still take this/);
      await shoot(page, 'personal-still-list');

      // "This is wrong" on an allergy, by keyboard: out of the list, back with Show hidden.
      await goTo(page, 'Allergies');
      dialog = await openEntry(page, 'Penicillin');
      await dialog.getByRole('button', { name: 'This is wrong' }).focus();
      await page.keyboard.press('Enter');
      await dialog.getByText(/^You said on .+: This is wrong$/).waitFor();
      await dialog.getByText('It is left out of your lists, the timeline, the visit summary and exports until you withdraw this.').waitFor();
      await shoot(page, 'personal-wrong-details');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Withdraw “This is wrong”');
      await dialog.getByRole('button', { name: /Close/ }).first().click();
      await page.getByRole('button', { name: 'Show hidden (1)' }).waitFor();
      expect(await page.locator('[data-testid="group-current"] .entry-row', { hasText: 'Penicillin' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Show hidden (1)' }).click();
      const hidden = page.getByTestId('group-hidden').locator('.entry-row', { hasText: 'Penicillin' });
      await hidden.waitFor();
      expect(await hidden.textContent()).toContain('You said this is wrong');
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'personal-hidden-allergy');

      await goTo(page, 'Timeline');
      await page.getByLabel('Kind').selectOption('allergy');
      // The only allergy is hidden: the filtered timeline empties.
      await expect.poll(() => page.locator('.timeline-item').count()).toBe(0);
      expect(await page.locator('.entry-row', { hasText: 'Penicillin' }).count()).toBe(0);
      await page.getByLabel('Show hidden entries').check();
      await page.locator('.entry-row', { hasText: 'Penicillin' }).waitFor();
      expect(await page.locator('.entry-row', { hasText: 'Penicillin' }).textContent()).toContain('You said this is wrong');
      await shoot(page, 'personal-timeline-show-hidden');

      // Spanish: the same statements in Spanish words, no English from the app.
      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Principal' });
      await nav.getByRole('button', { name: 'Medicamentos', exact: true }).click();
      dialog = await openEntry(page, 'Metformin');
      const propio = dialog.getByTestId('personal-statements');
      await propio.getByText(/^Usted dijo el .+: Todavía tomo esto$/).waitFor();
      const words = await propio.textContent();
      expect(words).toContain('Dosis: 2 tablets (el registro dice: 1)');
      expect(words).toContain('Su nota: As the pharmacist told me');
      for (const english of ['You said', 'Withdraw', 'record says', 'Your correction', 'I no longer', 'This is wrong', 'Hide', 'Correct…']) expect(words).not.toContain(english);
      await shoot(page, 'personal-corrected-details-es');
      await dialog.getByRole('button').first().click();
      const fila = page.getByTestId('group-current').locator('.entry-row', { hasText: 'Metformin' });
      expect(await fila.textContent()).toMatch(/Corregido por usted.*usted dijo el .+: Todavía tomo esto/);
      await shoot(page, 'personal-still-list-es');
      await nav.getByRole('button', { name: 'Alergias', exact: true }).click();
      await page.getByRole('button', { name: 'Mostrar ocultos (1)' }).click();
      expect(await page.getByTestId('group-hidden').textContent()).toContain('Usted dijo que esto es incorrecto');
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'personal-hidden-allergy-es');
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });
});
