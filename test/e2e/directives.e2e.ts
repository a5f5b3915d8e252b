// Advance directives and "as needed" set by hand, on screen: a Do Not Resuscitate order's details
// (what it says, who gave it, the organisation, the signed document), a medicine typed in as taken
// only as needed, and a planned medicine's correction form, in English and Spanish at 1366×768
// and 1024×700. Fixtures: test/fixtures/fhir/advance-directives-bundle.json, test/fixtures/ccda/plan-as-needed.xml.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importAnyway, launchBrowser, openApp, repoRoot, screenshot, setUp } from './support/harness.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];
const DIRECTIVES = readFileSync(path.join(repoRoot, 'test/fixtures/fhir/advance-directives-bundle.json'));
const PLAN = readFileSync(path.join(repoRoot, 'test/fixtures/ccda/plan-as-needed.xml'));

async function shots(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `directives-${name}-${size.width}`);
  }
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: /Main|Principal/ }).getByRole('button', { name, exact: true }).click();

describe.skipIf(!CAN_RUN)('advance directives and "as needed" by hand', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a directive’s details, the as-needed fields of the medication form and of a correction, English and Spanish', { timeout: 300_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Rosa Example', '1941-03-02');
      await importAnyway(page, [
        { name: 'directives.json', mimeType: 'application/json', buffer: DIRECTIVES },
        { name: 'plan.xml', mimeType: 'application/xml', buffer: PLAN },
      ]);

      const openDirective = async () => {
        await page.locator('.entry-row', { hasText: 'Advance directive: resuscitation' }).first().click();
        return page.getByRole('dialog');
      };
      await goTo(page, 'Timeline');
      let dialog = await openDirective();
      await dialog.getByText('Refuses: Cardiopulmonary resuscitation').waitFor();
      const english = (await dialog.textContent()) ?? '';
      for (const said of ['Advance directive', 'What it says', 'Given by', 'Rosa Example; Ruth Example', 'Organization', 'Riverside Hospital', 'Document', 'Living will signed 15 March 2024', 'Kind of consent']) {
        expect(english).toContain(said);
      }
      await shots(page, 'details-en');
      await page.keyboard.press('Escape');

      await goTo(page, 'Medications');
      await page.getByRole('button', { name: 'Add Medication' }).click();
      const form = page.getByRole('dialog');
      await form.getByLabel('Name', { exact: true }).fill('Salbutamol inhaler');
      await form.getByLabel('Taken only as needed').check();
      await form.getByLabel('Needed for (optional)').fill('Shortness of breath');
      await shots(page, 'manual-form-en');
      await form.getByRole('button', { name: 'Save' }).click();
      await page.locator('.entry-row', { hasText: 'Salbutamol inhaler' }).getByText('As needed for: Shortness of breath').waitFor();

      await goTo(page, 'Timeline');
      const plan = page.locator('.entry-row', { hasText: 'Albuterol 0.09' }).first();
      await plan.click();
      dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Correct…' }).click();
      await dialog.getByLabel('Taken only as needed').selectOption('no');
      await dialog.getByLabel('Needed for').scrollIntoViewIfNeeded();
      await shots(page, 'correction-en');
      await page.keyboard.press('Escape');

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      await nav(page, 'Cronología');
      dialog = await openDirective();
      await dialog.getByText('Rechaza: Cardiopulmonary resuscitation').waitFor();
      const spanish = (await dialog.textContent()) ?? '';
      for (const said of ['Voluntad anticipada', 'Qué indica', 'Otorgada por', 'Organización', 'Documento', 'Tipo de consentimiento']) expect(spanish).toContain(said);
      for (const word of ['What it says', 'Given by', 'Refuses', 'Kind of consent']) expect(spanish).not.toContain(word);
      await shots(page, 'details-es');
      await page.keyboard.press('Escape');

      await nav(page, 'Medicamentos');
      await page.getByRole('button', { name: /^Añadir/ }).click();
      const formulario = page.getByRole('dialog');
      await formulario.getByLabel('Solo según sea necesario').check();
      await formulario.getByLabel('Necesario para (opcional)').waitFor();
      await shots(page, 'manual-form-es');
      await page.keyboard.press('Escape');

      await nav(page, 'Cronología');
      await page.locator('.entry-row', { hasText: 'Clindamycin' }).first().click();
      dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Corregir…' }).click();
      await dialog.getByLabel('Necesario para').scrollIntoViewIfNeeded();
      await shots(page, 'correction-es');
    } finally {
      await run.close();
    }
  });
});
