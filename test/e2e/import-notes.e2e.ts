// The Import screen says what a file held that was not imported: a FHIR privacy Consent is named
// with its own words, in English and in Spanish; the Do Not Resuscitate Consent beside it is read
// as an advance directive and shown as one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, launchBrowser, openApp, repoRoot, screenshot, setUp } from './support/harness.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];
const bundle = readFileSync(path.join(repoRoot, 'test/fixtures/fhir/unread-consent-bundle.json'), 'utf8');

async function importJson(page: Page, name: string, text: string, done: RegExp): Promise<void> {
  await page.getByTestId('file-input').setInputFiles([{ name, mimeType: 'application/json', buffer: Buffer.from(text) }]);
  await page.getByTestId('import-job').filter({ hasText: name }).locator('.job-state').filter({ hasText: done }).waitFor();
}

describe.skipIf(!CAN_RUN)('Import notes', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('names the entries a file held that were not imported, with their words, in two languages and two sizes', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Rosa Example', '1941-03-02');
      await goTo(page, 'Import records');
      await importJson(page, 'rosa.json', bundle, /Done/);
      const notes = page.getByTestId('import-notes').last();
      const said = (await notes.textContent()) ?? '';
      expect(said).toContain('1 consent (Consent) was not imported: Chartkeeper does not read it yet.');
      expect(said).toContain('The file says: “Privacy Consent”.');
      expect(said).toContain('1 entry of type Basic was not imported');
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `import-notes-en-${size.width}x${size.height}`);
      }

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Importar historiales', exact: true }).click();
      // Other bytes of the same record: a new file, the same notes.
      await importJson(page, 'rosa (2).json', `${bundle}\n`, /Listo/);
      const spanish = (await page.getByTestId('import-notes').last().textContent()) ?? '';
      expect(spanish).toContain('1 consentimiento (Consent) no se importó');
      expect(spanish).toContain('El archivo dice: «Privacy Consent».');
      for (const english of ['was not imported', 'The file says', 'entry of type']) expect(spanish).not.toContain(english);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `import-notes-es-${size.width}x${size.height}`);
      }

      // The allergy's FHIR codes (severity "severe", criticality "high") are said in Spanish.
      await page.setViewportSize(SIZES[1]!);
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Alergias', exact: true }).click();
      await page.locator('.entry-row', { hasText: 'Penicillin' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Riesgo de reacción').waitFor();
      const details = (await dialog.textContent()) ?? '';
      expect(details).toContain('Riesgo de reacción');
      expect(details).toMatch(/Gravedad\s*grave/);
      expect(details).toMatch(/Riesgo de reacción\s*alto/);
      expect(details).not.toMatch(/\bhigh\b|\bsevere\b/);
      await screenshot(page, 'import-notes-allergy-es-1024x700');
    } finally {
      await run.close();
    }
  });
});
