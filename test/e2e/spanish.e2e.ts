// The whole UI in Spanish: labels, kinds, dates and numbers localized with Intl.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoProviders } from '../fixtures/e2e/ccda.ts';
import { CAN_RUN, PASSPHRASE, goTo, importFiles, launchBrowser, openApp, screenshot, setUp } from './support/harness.ts';

describe.skipIf(!CAN_RUN)('Spanish', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('switches every label, date and number to Spanish and keeps it across a lock', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page);
      await importFiles(page, twoProviders());
      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('es');
      await page.getByText('Solo se envían a MedlinePlus.gov el código médico y el idioma').waitFor();
      await screenshot(page, 'settings-spanish');

      const nav = page.getByRole('navigation', { name: 'Principal' });
      for (const label of ['Cronología', 'Medicamentos', 'Tendencias', 'Importar historiales', 'Configuración']) {
        await nav.getByRole('button', { name: label, exact: true }).waitFor();
      }
      await nav.getByRole('button', { name: 'Cronología' }).click();
      await page.getByRole('heading', { name: 'Cronología', level: 1 }).waitFor();
      const days = await page.locator('.timeline-day h2').allTextContents();
      expect(days[0]).toBe('15 jun 2024');
      // A title Chartkeeper also writes itself is said in Spanish.
      const weight = page.locator('.entry-row', { hasText: 'Peso corporal' }).first();
      expect(await weight.textContent()).toContain('Signo vital');
      expect(await page.locator('.entry-row', { hasText: 'Metformin' }).textContent()).toContain('de 2 fuentes');
      // No English label is left on the screen.
      const body = (await page.locator('body').textContent()) ?? '';
      for (const english of ['Timeline', 'Filters', 'All kinds', 'from 2 sources', 'Lock', 'Showing the record of']) expect(body).not.toContain(english);

      await nav.getByRole('button', { name: 'Tendencias' }).click();
      await page.getByRole('button', { name: /Hemoglobina A1c/ }).click();
      await page.getByText('Mostrar los valores en una tabla').click();
      const firstRow = await page.locator('.trend-table tbody tr').first().textContent();
      expect(firstRow).toContain('1 sept 2023');
      expect(firstRow).toContain('6,8');

      // The language survives the lock: the unlock screen speaks Spanish.
      await page.getByRole('button', { name: 'Bloquear' }).click();
      await page.getByRole('heading', { name: 'Desbloquear Chartkeeper' }).waitFor();
      await page.getByLabel('Frase de contraseña').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Desbloquear' }).click();
      // The first screen of a profile is At a glance, in Spanish too.
      await page.getByRole('heading', { name: 'De un vistazo', level: 1 }).waitFor();
      const glance = (await page.getByTestId('glance').textContent()) ?? '';
      for (const english of ['At a glance', 'Allergies', 'last listed', 'See all', 'Records imported']) expect(glance).not.toContain(english);
    } finally {
      await run.close();
    }
  });
});
