// Issue #15, as a caregiver reads it: a VA Blue Button report (a critically high potassium,
// vitals in lb and °F) and a SMART FHIR bundle (computed values written to 15 digits), from
// ../shared/corpus, imported for two people. Values read at the source's precision with units
// as people write them, abnormal results carry one vocabulary (icon and word) on every screen,
// the unit system is a setting, and all of it in English and Spanish at 1366×768 and 1024×700.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, repoRoot, SCREENSHOTS, seriousViolations, setUp } from './support/harness.ts';

const corpus = path.resolve(repoRoot, '../shared/corpus');
const VA = 'va-text/amida-blue-button/VA_My_HealtheVet_Blue_Button_Sample_Version_12_4.txt';
const FHIR = 'fhir-r4/smart-generated-sample-data/Enrique_Treviño_c8700621-650e-4e68-8210-d05c6e2c61fa.json';
const HAS_CORPUS = [VA, FHIR].every((f) => existsSync(path.join(corpus, f)));
if (!HAS_CORPUS) console.warn(`[e2e] Skipping the readable-record test: ${corpus} is absent.`);

const SIZES = [
  [1366, 768],
  [1024, 700],
] as const;

/** What the person sees at each of the two window sizes. */
async function shots(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(SCREENSHOTS, `readable-${name}-${width}.png`) });
  }
}

function file(relative: string): { name: string; xml: string } {
  return { name: path.basename(relative), xml: readFileSync(path.join(corpus, relative), 'utf8') };
}

async function openTimelineRow(page: Page, text: string | RegExp) {
  const row = page.locator('.timeline-item .entry-row', { hasText: text }).first();
  await row.waitFor();
  return row;
}

describe.skipIf(!CAN_RUN || !HAS_CORPUS)('a record people can read', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows values, units, flags and dates for people, in English and Spanish', { timeout: 240_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'One A Mhvtestveteran', '1948-03-01');
      await importFiles(page, [file(VA)]);

      // Timeline: the critically high potassium says so in words and with an icon.
      await goTo(page, 'Timeline');
      // A search with nothing to find says so plainly; one typo is forgiven.
      await page.getByPlaceholder(/Search/).fill('zzqxwv');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByText('Nothing matches “zzqxwv”. Check the spelling').waitFor();
      await shots(page, 'search-nothing-en');
      await page.getByPlaceholder(/Search/).fill('potasium');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const potassium = await openTimelineRow(page, '6.5 mmol/L');
      expect(await potassium.textContent()).toContain('▲▲ Critically high');
      expect(await potassium.textContent()).not.toContain('Completed');
      expect(await potassium.locator('[data-flag="critical_high"]').evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
      await shots(page, 'timeline-flag-en');

      // Its details: the same words, "Collected" for a lab draw, the range it was read against.
      await potassium.click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('[data-flag="critical_high"]').waitFor();
      const facts = (await dialog.locator('.facts').first().textContent()) ?? '';
      expect(facts).toContain('Collected');
      expect(facts).not.toContain('Started');
      expect(facts).not.toContain('12:00 AM');
      expect(facts).toContain('Critically high');
      await shots(page, 'details-flag-en');
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Close' }).click();

      // Test results: the same vocabulary.
      await goTo(page, 'Test results');
      const resultRow = page.locator('.entry-row', { hasText: 'POTASSIUM' }).filter({ hasText: '6.5' }).first();
      await resultRow.waitFor();
      expect(await resultRow.textContent()).toContain('Critically high');
      await shots(page, 'results-en');

      // Medications and allergies by the current rule: a 2013 report's prescriptions are listed
      // as unconfirmed for over a year, each saying when and by whom it was last listed.
      await goTo(page, 'Medications');
      const unconfirmed = page.getByTestId('group-unconfirmed');
      await unconfirmed.waitFor();
      expect(await unconfirmed.getByRole('heading').textContent()).toContain('no source has confirmed it for over a year');
      expect(await unconfirmed.locator('.current-note').first().textContent()).toMatch(/last listed .*2013 by /);
      expect(await page.getByTestId('group-current').count()).toBe(0);
      await shots(page, 'medications-en');
      await goTo(page, 'Allergies');
      await page.locator('.entry-row').first().waitFor();
      await shots(page, 'allergies-en');

      // Vital signs: as the VA wrote them (lb, °F, in), then in metric, the stored values unchanged.
      await goTo(page, 'Vital signs');
      const weight = page.locator('.entry-row', { hasText: /weight/i }).filter({ hasText: '325' }).first();
      await weight.waitFor();
      expect(await weight.textContent()).toContain('325 lb');
      const vitalsUs = (await page.locator('.entry-list').first().textContent()) ?? '';
      expect(vitalsUs).not.toMatch(/\[|\]|mm\[Hg\]/);
      await shots(page, 'vitals-us-en');
      await goTo(page, 'Settings');
      await page.getByLabel('Show weight, temperature and height in').selectOption('metric');
      await goTo(page, 'Vital signs');
      const metricWeight = page.locator('.entry-row', { hasText: /weight/i }).filter({ hasText: '147.4 kg' }).first();
      await metricWeight.waitFor();
      await metricWeight.click();
      await page.getByRole('dialog').getByText('recorded as 325 lb').waitFor();
      // What the source wrote stays in the source's unit.
      expect(await page.getByRole('dialog').locator('.original').textContent()).toContain('325 lb');
      await shots(page, 'vitals-metric-details-en');
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

      // A second person: a FHIR bundle whose computed values carry 15 digits.
      await goTo(page, 'Profiles');
      await page.getByRole('button', { name: 'Add a person' }).click();
      const add = page.getByRole('dialog', { name: 'Add a person' });
      await add.getByLabel('Full name').fill('Enrique Treviño');
      await add.getByLabel('Birth date').fill('1962-07-25');
      await add.getByRole('button', { name: 'Save' }).click();
      await add.waitFor({ state: 'detached' });
      await page.getByTestId('current-profile').filter({ hasText: 'Enrique' }).waitFor();
      await importFiles(page, [file(FHIR)]);
      await goTo(page, 'Test results');
      await page.locator('.entry-row', { hasText: '5.89%' }).first().waitFor();
      const results = (await page.locator('main').textContent()) ?? '';
      expect(results).not.toMatch(/\d\.\d{6,}/);
      expect(results).not.toContain('{1.73_m2}');
      expect(results).toContain('mL/min/1.73 m²');
      await shots(page, 'results-fhir-en');

      // Spanish: the same screens, words and decimal commas.
      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Principal' });
      await nav.getByRole('button', { name: 'Resultados de pruebas', exact: true }).click();
      await page.locator('.entry-row', { hasText: '5,89%' }).first().waitFor();
      await shots(page, 'results-fhir-es');

      await page.locator('.profile-switcher select').selectOption({ label: 'One A Mhvtestveteran' });
      await page.getByTestId('current-profile').filter({ hasText: 'Mhvtestveteran' }).waitFor();
      await nav.getByRole('button', { name: 'Cronología', exact: true }).click();
      await page.getByRole('searchbox').fill('potassium');
      await page.getByRole('button', { name: 'Buscar', exact: true }).click();
      const potasio = await openTimelineRow(page, '6,5 mmol/L');
      expect(await potasio.textContent()).toContain('Críticamente alto');
      await shots(page, 'timeline-flag-es');
      await potasio.click();
      const detalle = page.getByRole('dialog');
      await detalle.locator('[data-flag="critical_high"]').waitFor();
      expect(await detalle.locator('.facts').first().textContent()).toContain('Muestra tomada');
      await shots(page, 'details-flag-es');
      await detalle.getByRole('button', { name: 'Cerrar' }).click();
      await nav.getByRole('button', { name: 'Medicamentos', exact: true }).click();
      await page.getByTestId('group-unconfirmed').locator('.current-note').first().waitFor();
      expect(await page.getByTestId('group-unconfirmed').locator('.current-note').first().textContent()).toContain('última vez en la lista');
      await shots(page, 'medications-es');
      await nav.getByRole('button', { name: 'Signos vitales', exact: true }).click();
      await page.locator('.entry-row', { hasText: '147,4 kg' }).first().waitFor();
      await shots(page, 'vitals-metric-es');
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });
});
