// The Import screen says what a file held that was not read: a C-CDA's sections Chartkeeper does
// not read (by the document's titles, with their counts), an allergy only in a text list, a "No
// Known Health Concerns" statement said as one, and a FHIR order NOT to do something said as such,
// in English and Spanish at 1366×768 and 1024×700. Fixtures: test/fixtures/ccda/report-unread.xml,
// test/fixtures/fhir/do-not-perform-order-bundle.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importAnyway, launchBrowser, openApp, repoRoot, screenshot, setUp } from './support/harness.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];
const CCDA = readFileSync(path.join(repoRoot, 'test/fixtures/ccda/report-unread.xml'));
const ORDER = readFileSync(path.join(repoRoot, 'test/fixtures/fhir/do-not-perform-order-bundle.json'));

async function shots(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `report-unread-${name}-${size.width}x${size.height}`);
  }
}

describe.skipIf(!CAN_RUN)('what a file held that was not read', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('names unread sections, a text-only allergy, a none-known statement and an order not to do something, in two languages', { timeout: 300_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Ines Moreau', '1947-05-01');
      await importAnyway(page, [
        { name: 'summary.xml', mimeType: 'application/xml', buffer: CCDA },
        { name: 'orders.json', mimeType: 'application/json', buffer: ORDER },
      ]);
      const english = (await page.locator('main').textContent()) ?? '';
      expect(english).toContain('2 entries of the “Instructions” section were not imported: Chartkeeper does not read that section yet.');
      expect(english).toContain('1 entry of the “MEDICAL EQUIPMENT” section was not imported');
      expect(english).toContain('1 entry of the “DISCHARGE INSTRUCTIONS” section was not imported');
      // "No Instructions" over an entry coded "NI": nothing to look for, so nothing said.
      expect(english).not.toContain('“Discharge Instructions”');
      expect(english).toContain('It was an instruction NOT to do this: “Excision of appendix”.');
      // The skipped entries opened: the text-only allergy and the none-known statement.
      await page.getByTestId('import-job').filter({ hasText: 'summary.xml' }).locator('summary').first().click();
      const skipped = (await page.getByTestId('import-job').filter({ hasText: 'summary.xml' }).textContent()) ?? '';
      expect(skipped).toContain('Allergies: 1 item in the "Allergies" section is only in the document\'s text');
      expect(skipped).toContain('Problems: The document states no known problems ("No Known Health Concerns on 07/22/2015")');
      expect(skipped).not.toContain('recognizes');
      await shots(page, 'en');

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Importar historiales', exact: true }).click();
      // Other bytes of the same records: new files, the same report.
      await page.getByTestId('file-input').setInputFiles([
        { name: 'resumen.xml', mimeType: 'application/xml', buffer: Buffer.concat([CCDA, Buffer.from('\n')]) },
        { name: 'ordenes.json', mimeType: 'application/json', buffer: Buffer.concat([ORDER, Buffer.from('\n')]) },
      ]);
      for (const name of ['resumen.xml', 'ordenes.json']) {
        await page.getByTestId('import-job').filter({ hasText: name }).locator('.job-state').filter({ hasText: /Listo/ }).waitFor();
      }
      await page.getByTestId('import-job').filter({ hasText: 'resumen.xml' }).locator('summary').first().click();
      const spanish = (await page.locator('main').textContent()) ?? '';
      expect(spanish).toContain('2 entradas de la sección «Instructions» no se importaron: Chartkeeper todavía no lee esa sección.');
      expect(spanish).toContain('Era una instrucción de NO hacer esto: «Excision of appendix».');
      expect(spanish).toContain('«No Known Health Concerns on 07/22/2015»');
      for (const words of ['were not imported', 'was not imported', 'instruction NOT']) expect(spanish).not.toContain(words);
      await shots(page, 'es');
    } finally {
      await run.close();
    }
  });
});
