// Home measurements end to end: a glucose file imported with every sensor reading kept and
// charted, a health card whose signature state the report says (and whose issuer's key is
// kept), a CSV of unknown layout read through the column-mapping dialog (the decimal-comma
// and time-zone questions answered once, the mapping saved and offered again), a reading
// typed in from Trends; screenshots in English and Spanish at 1366×768 and 1024×700, and no
// English string of these screens left on the Spanish ones.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../renderer/i18n/en.ts';
import { es } from '../../renderer/i18n/es.ts';
import { cardKeys, cardPayload, signedCard } from '../support/health-card.ts';
import { CAN_RUN, goTo, launchBrowser, openApp, repoRoot, screenshot, SCREENSHOTS, seriousViolations, setUp, type AppRun } from './support/harness.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];
const GLUCOSE = path.resolve(repoRoot, '../shared/corpus/glucose-csv/SEP-backend/abbott_14th_upload.csv');
const SCALE = 'Exported by ScaleApp\nDatum;Uhrzeit;Gewicht;Einheit\n13.02.2026;07:15;72,5;kg\n14.02.2026;07:20;72,1;kg\n15.02.2026;07:05;;kg\n16.02.2026;07:10;71,8;kg\n';
const SCALE_MARCH = 'Datum;Uhrzeit;Gewicht;Einheit\n13.03.2026;07:15;71,2;kg\n14.03.2026;07:02;71,0;kg\n';

/** The fixed words of this work's strings that differ in Spanish: none may be on a Spanish screen. */
const PREFIXES = ['reading', 'measure_', 'csv', 'card', 'everySample', 'reason_line', 'fmt_csv'];
const ENGLISH = Object.entries(en)
  .filter(([key, text]) => PREFIXES.some((p) => key.startsWith(p)) && text !== (es as Record<string, string>)[key])
  .flatMap(([, text]) => text.split(/\{\w+\}/))
  .map((part) => part.trim())
  .filter((part) => part.length >= 12);

async function englishLeft(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return ENGLISH.filter((part) => text.includes(part));
}

async function atBothSizes(page: Page, name: string, dialog = false): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `${name}-${size.width}x${size.height}`);
    if (dialog) {
      // The window as the person sees it: the dialog from its top, then scrolled to its end.
      const body = page.locator('dialog[open]');
      await body.evaluate((el) => (el.scrollTop = 0));
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-window-top-${size.width}x${size.height}.png`) });
      await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-window-end-${size.width}x${size.height}.png`) });
    }
  }
  await page.setViewportSize(SIZES[0]!);
}

async function jobDone(page: Page, name: string, state: RegExp): Promise<void> {
  await page.getByTestId('import-job').filter({ hasText: name }).locator('.job-state').filter({ hasText: state }).waitFor();
}

describe.skipIf(!CAN_RUN)('home measurements', () => {
  let browser: Browser;
  let run: AppRun;
  beforeAll(async () => {
    browser = await launchBrowser();
    run = await openApp(browser);
    await setUp(run.page, 'Ana Fixture', '1960-01-20');
  });
  afterAll(async () => {
    await run?.close();
    await browser?.close();
  });

  it('imports a glucose file with every sensor reading, a health card with its signature state, and an unknown CSV through the mapping dialog', async () => {
    const { page } = run;
    await goTo(page, 'Import records');
    await page.getByTestId('every-sample').check();
    await page.getByTestId('file-input').setInputFiles([
      { name: 'abbott_14th_upload.csv', mimeType: 'text/csv', buffer: readFileSync(GLUCOSE) },
      { name: 'card.smart-health-card', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ verifiableCredential: [signedCard()] })) },
      { name: 'jwks.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(cardKeys)) },
      { name: 'scale.csv', mimeType: 'text/csv', buffer: Buffer.from(SCALE) },
    ]);
    await jobDone(page, 'abbott_14th_upload.csv', /Done/);
    await jobDone(page, 'card.smart-health-card', /Done/);
    await jobDone(page, 'scale.csv', /Needs your answer/);
    const card = page.getByTestId('card-signature');
    await expect.poll(() => card.textContent()).toContain('Signature valid.');
    expect(await card.textContent()).toContain('Health card issued by https://issuer.example.org/cards.');
    expect(await card.textContent()).toContain('The issuer publishes no revocation list for this key, so there was none to check.');
    const offer = page.getByTestId('csv-offer');
    expect(await offer.textContent()).toContain('columns: Datum, Uhrzeit, Gewicht, Einheit');
    expect(await seriousViolations(page)).toEqual([]);
    await atBothSizes(page, 'home-import-report-en');

    await card.getByRole('button', { name: 'Keep this issuer’s key to check later cards' }).click();
    await card.getByText('Kept. Later cards of this issuer will be checked with it.').waitFor();

    await page.getByTestId('csv-map').click();
    const dialog = page.getByRole('dialog', { name: 'Columns of scale.csv' });
    await dialog.waitFor();
    await page.getByTestId('csv-role-0').selectOption('date');
    await page.getByTestId('csv-role-1').selectOption('time');
    await page.getByTestId('csv-role-3').selectOption('unit');
    await page.getByTestId('csv-role-2').selectOption('weight');
    // The day-first order is read from the dates themselves (13.02.2026); the questions are not.
    expect(await page.getByTestId('csv-order').inputValue()).toBe('dmy');
    await dialog.getByText('Answer the question about the time zone.').waitFor();
    await page.getByTestId('csv-zone').getByLabel('Keep them as written, as the device’s local time (no time zone)').check();
    await dialog.getByText('Answer the question about the decimal comma.').waitFor();
    await page.getByTestId('csv-decimal').getByLabel('Yes: “72,5” is seventy-two and a half').check();
    await dialog.getByLabel('Name of this mapping (also shown as the source of the readings)').fill('Bathroom scale');
    const preview = page.getByTestId('csv-preview');
    await preview.getByText('Line 3').waitFor();
    const previewText = (await preview.textContent()) ?? '';
    // As it will be stored: the file's own unit, the decimal comma read.
    expect(previewText).toContain('72.5 kg');
    expect(previewText).toContain('Line 5 holds no value in the chosen columns.');
    expect(await seriousViolations(page)).toEqual([]);
    await atBothSizes(page, 'home-csv-mapping-dialog-en', true);
    await page.getByTestId('csv-import').click();
    await dialog.waitFor({ state: 'detached' });
    await jobDone(page, 'scale.csv', /Done/);
    const scaleJob = page.getByTestId('import-job').filter({ hasText: 'scale.csv' });
    expect(await scaleJob.textContent()).toContain('Table with the columns you chose');

    await goTo(page, 'Trends');
    const list = page.getByRole('navigation', { name: 'Choose a test' });
    await list.getByRole('button', { name: /Glucose/ }).first().click();
    await page.locator('#trend-series svg').first().waitFor();
    // Every sensor reading was kept: dozens of points, not one summary per day.
    expect(await list.getByRole('button', { name: /Glucose/ }).first().textContent()).toMatch(/\d{2,} measurements/);
    await atBothSizes(page, 'home-glucose-trend-en');
    await list.getByRole('button', { name: /^Weight/ }).click();
    await page.locator('#trend-series svg').first().waitFor();

    await page.getByTestId('add-reading').click();
    const add = page.getByRole('dialog', { name: 'Add a reading' });
    await add.getByLabel('Value').fill('158.2');
    await add.getByLabel('Date', { exact: true }).fill('02/20/2026');
    await add.getByLabel('Time (optional)').fill('07:30');
    await atBothSizes(page, 'home-add-reading-en', true);
    await add.getByRole('button', { name: 'Save' }).click();
    await add.waitFor({ state: 'detached' });
    await expect.poll(async () => list.getByRole('button', { name: /^Weight/ }).textContent()).toContain('4 measurements');
  });

  it('says the same in Spanish: the saved mapping is offered for the next file, the card state, the trend and the reading form', async () => {
    const { page } = run;
    await goTo(page, 'Settings');
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
    // The key kept from the import report, listed where keys are added and removed.
    const keys = page.getByTestId('card-keys');
    await keys.getByText('https://issuer.example.org/cards').waitFor();
    expect(await keys.textContent()).toContain('claves test-key');
    await keys.scrollIntoViewIfNeeded();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await keys.screenshot({ path: path.join(SCREENSHOTS, `home-card-keys-es-${size.width}x${size.height}.png`) });
    }
    await page.setViewportSize(SIZES[0]!);
    expect(await englishLeft(page)).toEqual([]);
    const nav = page.getByRole('navigation', { name: 'Principal' });
    await nav.getByRole('button', { name: 'Importar historiales', exact: true }).click();
    await page.getByTestId('file-input').setInputFiles([
      { name: 'later-card.smart-health-card', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ verifiableCredential: [signedCard({ ...cardPayload, nbf: 1700000000 })] })) },
      { name: 'scale-march.csv', mimeType: 'text/csv', buffer: Buffer.from(SCALE_MARCH) },
    ]);
    await jobDone(page, 'scale-march.csv', /Necesita su respuesta/);
    await jobDone(page, 'later-card.smart-health-card', /Listo/);
    // Checked with the key kept in English above, without a key file beside it.
    const card = page.getByTestId('card-signature');
    expect(await card.textContent()).toContain('Firma válida.');
    expect(await card.textContent()).toContain('Comprobada con la clave test-key, guardada en Chartkeeper.');
    const offer = page.getByTestId('csv-offer');
    await offer.getByRole('button', { name: 'Leerla con «Bathroom scale»' }).waitFor();
    await atBothSizes(page, 'home-import-report-es');
    expect(await englishLeft(page)).toEqual([]);

    await page.getByTestId('csv-map').click();
    const dialog = page.getByRole('dialog', { name: 'Columnas de scale-march.csv' });
    await dialog.getByText('Una correspondencia guardada encaja con estas columnas:').waitFor();
    await page.getByTestId('csv-preview').getByText('Línea 2').waitFor();
    await atBothSizes(page, 'home-csv-mapping-dialog-es', true);
    expect(await englishLeft(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await offer.getByRole('button', { name: 'Leerla con «Bathroom scale»' }).click();
    await jobDone(page, 'scale-march.csv', /Listo/);

    await nav.getByRole('button', { name: 'Tendencias', exact: true }).click();
    const list = page.getByRole('navigation', { name: 'Elija una prueba' });
    await list.getByRole('button', { name: /Glucosa/ }).first().click();
    await page.locator('#trend-series svg').first().waitFor();
    await atBothSizes(page, 'home-glucose-trend-es');
    await page.getByTestId('add-reading').click();
    await page.getByRole('dialog', { name: 'Añadir una lectura' }).waitFor();
    await atBothSizes(page, 'home-add-reading-es', true);
    expect(await englishLeft(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });
});
