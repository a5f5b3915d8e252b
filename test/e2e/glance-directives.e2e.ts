// At a glance lists advance directives in force: a C-CDA Do Not Resuscitate (its decision beside
// what it is about) and a FHIR Consent, never the C-CDA directive the source says is not in
// place; English and Spanish at 1366×768 and 1024×700. Fixtures: test/fixtures/ccda/advance-directives.xml,
// test/fixtures/fhir/advance-directives-bundle.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importAnyway, launchBrowser, openApp, repoRoot, screenshot, setUp } from './support/harness.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];
const CCDA = readFileSync(path.join(repoRoot, 'test/fixtures/ccda/advance-directives.xml'));
const FHIR = readFileSync(path.join(repoRoot, 'test/fixtures/fhir/advance-directives-bundle.json'));

async function shots(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `glance-directives-${name}-${size.width}`);
  }
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: /Main|Principal/ }).getByRole('button', { name, exact: true }).click();

describe.skipIf(!CAN_RUN)('At a glance: advance directives', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the directives in force with what each says, English and Spanish', { timeout: 300_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Rosa Alvarez', '1940-02-12');
      await importAnyway(page, [
        { name: 'directives.xml', mimeType: 'application/xml', buffer: CCDA },
        { name: 'directives.json', mimeType: 'application/json', buffer: FHIR },
      ]);
      await goTo(page, 'At a glance');
      const card = page.getByTestId('glance-directives');
      await card.getByText('Do not resuscitate').waitFor();
      const english = (await card.textContent()) ?? '';
      expect(english).toContain('Advance directives');
      expect(english).toContain('Resuscitation');
      expect(english).not.toContain('intubation');
      await shots(page, 'en');
      await card.locator('.glance-line', { hasText: 'Do not resuscitate' }).click();
      let dialog = page.getByRole('dialog');
      await dialog.getByText('Verified by').waitFor();
      const details = (await dialog.textContent()) ?? '';
      for (const said of ['Dr. Ana Ruiz (2023-01-10)', 'Kept by', 'Lakeside Clinic Records Office', 'https://example.org/polst/rosa.pdf']) expect(details).toContain(said);
      await shots(page, 'entry-en');
      await page.keyboard.press('Escape');

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      await nav(page, 'De un vistazo');
      await page.getByTestId('glance-directives').getByText('Voluntades anticipadas').waitFor();
      const spanish = (await page.getByTestId('glance-directives').textContent()) ?? '';
      for (const word of ['Advance directives', 'Refuses', 'See all']) expect(spanish).not.toContain(word);
      await shots(page, 'es');
      await page.getByTestId('glance-directives').locator('.glance-line', { hasText: 'Do not resuscitate' }).click();
      dialog = page.getByRole('dialog');
      await dialog.getByText('Verificada por').waitFor();
      const detalles = (await dialog.textContent()) ?? '';
      for (const word of ['Verified by', 'Kept by', 'Comment']) expect(detalles).not.toContain(word);
      expect(detalles).toContain('Guardada por');
      await shots(page, 'entry-es');
    } finally {
      await run.close();
    }
  });
});
