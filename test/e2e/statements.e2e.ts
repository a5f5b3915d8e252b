// Issue #13 on screen: a document's "none known" statements are shown with it, a bare route
// code reads in words, and an allergy shows its type and criticality; English and Spanish,
// at the two window sizes the project checks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, repoRoot, screenshot, setUp } from './support/harness.ts';

const fixture = readFileSync(path.join(repoRoot, 'test/fixtures/ccda/issue13-meanings.xml'), 'utf8');
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

describe.skipIf(!CAN_RUN)('Document statements and readable codes', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows "none known" with its document, routes in words, allergy type and criticality', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Ana Lima', '1970-02-03');
      await importFiles(page, [{ name: 'meanings.xml', xml: fixture }]);

      await goTo(page, 'Documents');
      await page.getByRole('button', { name: /Meanings Test Summary/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: 'Stated in this document' }).waitFor();
      const stated = await dialog.locator('.doc-section').first().textContent();
      expect(stated).toContain('No known medications as of');
      expect(stated).toContain('No known immunizations as of');
      expect(stated).toContain('“No Known Immunization history”');
      await shoot(page, 'document-statements');
      await dialog.getByRole('button', { name: /Close/ }).first().click();

      await goTo(page, 'Medications');
      await page.locator('.entry-row', { hasText: 'Albuterol inhaler' }).first().click();
      const details = page.getByRole('dialog');
      await details.locator('.fact', { hasText: 'Route' }).waitFor();
      expect(await details.locator('.fact', { hasText: 'Route' }).textContent()).toContain('Inhalation');
      expect(await details.locator('.facts').first().textContent()).not.toContain('C38216');
      await shoot(page, 'medication-route-words');
      await details.getByRole('button', { name: /Close/ }).first().click();

      await goTo(page, 'Allergies');
      await page.locator('.entry-row', { hasText: 'Sulfamethoxazole' }).first().click();
      const allergy = page.getByRole('dialog');
      await allergy.locator('.fact', { hasText: 'Criticality' }).waitFor();
      const facts = await allergy.locator('.facts').first().textContent();
      expect(facts).toContain('Drug allergy');
      expect(facts).toContain('High');
      expect(facts).toContain('Rash (Moderate), Wheezing (Severe)');
      await shoot(page, 'allergy-type-criticality');
      await allergy.getByRole('button', { name: /Close/ }).first().click();

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Principal' });
      await nav.getByRole('button', { name: 'Documentos', exact: true }).click();
      await page.getByRole('button', { name: /Meanings Test Summary/ }).click();
      const documento = page.getByRole('dialog');
      await documento.getByRole('heading', { name: 'Lo que dice este documento' }).waitFor();
      expect(await documento.locator('.doc-section').first().textContent()).toContain('No se conocen medicamentos (a ');
      await shoot(page, 'document-statements-es');
      await documento.getByRole('button').first().click();

      await nav.getByRole('button', { name: 'Medicamentos', exact: true }).click();
      await page.locator('.entry-row', { hasText: 'Albuterol inhaler' }).first().click();
      const detalle = page.getByRole('dialog');
      await detalle.locator('.fact', { hasText: 'Vía' }).waitFor();
      expect(await detalle.locator('.fact', { hasText: 'Vía' }).textContent()).toContain('Inhalada');
      await shoot(page, 'medication-route-words-es');
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });
});
