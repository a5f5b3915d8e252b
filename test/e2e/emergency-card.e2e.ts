// Visit summary → Emergency card: contacts typed once and kept with the profile, a sentence in
// the reader's language for a phone number that is not one, a preview and a saved PDF that
// carries the allergies and the contact; keyboard only; English and Spanish at both sizes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoProviders } from '../fixtures/e2e/ccda.ts';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, screenshot, SCREENSHOTS, seriousViolations, setUp } from './support/harness.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

const WORDS = {
  en: { nav: 'Visit summary', add: 'Add a contact', name: 'Name', relation: 'Relation (optional)', phone: 'Phone', preview: 'Preview the card', save: 'Save card as PDF', wallet: 'Wallet cards to cut out and fold', badPhone: 'Write the phone number of contact 1', saved: 'Saved to', frame: 'Preview of the emergency card', heading: 'Emergency card' },
  es: { nav: 'Resumen para la consulta', add: 'Añadir un contacto', name: 'Nombre', relation: 'Parentesco o relación (opcional)', phone: 'Teléfono', preview: 'Vista previa de la tarjeta', save: 'Guardar la tarjeta en PDF', wallet: 'Tarjetas de cartera para recortar y doblar', badPhone: 'Escriba el teléfono del contacto 1', saved: 'Guardado en', frame: 'Vista previa de la tarjeta de emergencia', heading: 'Tarjeta de emergencia' },
} as const;

function pdfText(file: string): string {
  return spawnSync('pdftotext', ['-', '-'], { input: readFileSync(file), encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
}

/** The whole screen, and the window scrolled to the card's preview as the person sees it. */
async function shoot(page: Page, name: string): Promise<void> {
  const card = page.locator('section.emergency-card');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `${name}-${size.width}x${size.height}`);
    // Chromium paints a sandboxed frame only once it has been on screen: show it first.
    const frame = card.locator('iframe');
    await ((await frame.count()) ? frame : card).scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-window-${size.width}x${size.height}.png`) });
  }
}

describe.skipIf(!CAN_RUN)('The emergency card', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps contacts, refuses a phone that is not one, previews and saves the card, in English and Spanish', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page);
      await importFiles(page, twoProviders());
      for (const language of ['en', 'es'] as const) {
        const w = WORDS[language];
        if (language === 'es') {
          await goTo(page, 'Settings');
          await page.getByLabel('Language').selectOption('es');
          await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: w.nav, exact: true }).click();
        } else {
          await goTo(page, w.nav);
        }
        const card = page.locator('section.emergency-card');
        await card.getByRole('heading', { name: w.heading }).waitFor();
        if (language === 'en') {
          // Keyboard only: reach "Add a contact", press Enter, type into the new fields.
          await card.getByRole('button', { name: w.add }).focus();
          await page.keyboard.press('Enter');
          await card.getByLabel(w.name).fill('Ruth Testperson');
          await card.getByLabel(w.relation).fill('Daughter');
          await card.getByLabel(w.phone).fill('call me maybe');
          await card.getByRole('button', { name: w.preview }).click();
          await expect.poll(() => card.getByRole('alert').textContent()).toContain(w.badPhone);
          await shoot(page, `card-bad-phone-${language}`);
          await card.getByLabel(w.phone).fill('+1 (555) 010-2233');
        } else {
          // Kept with the profile: the contact typed in English mode is there.
          expect(await card.getByLabel(w.name).inputValue()).toBe('Ruth Testperson');
          await card.getByLabel(w.phone).fill('call me maybe');
          await card.getByRole('button', { name: w.preview }).click();
          await expect.poll(() => card.getByRole('alert').textContent()).toContain(w.badPhone);
          await card.getByLabel(w.phone).fill('+1 (555) 010-2233');
          await card.getByLabel(w.wallet).check();
        }
        await card.getByRole('button', { name: w.preview }).click();
        const frame = page.frameLocator(`iframe[title="${w.frame}"]`);
        await frame.getByText('Ruth Testperson (Daughter)').waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await shoot(page, `card-preview-${language}`);

        await card.getByRole('button', { name: w.save }).click();
        const saved = card.locator('.notice', { hasText: w.saved });
        await saved.waitFor({ timeout: 90_000 });
        const savedTo = (await saved.textContent())!.replace(/^(Saved to|Guardado en) /, '').replace(/\.$/, '');
        const text = pdfText(savedTo);
        expect(text).toContain('Ruth Testperson (Daughter) +1 (555) 010-2233');
        expect(text).toMatch(language === 'es' ? /ALERGIAS/ : /ALLERGIES/);
      }
    } finally {
      await run.close();
    }
  });
});
