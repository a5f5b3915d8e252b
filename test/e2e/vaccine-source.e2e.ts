// A vaccination's site (C-CDA approachSiteCode), a dose its FHIR source says was reported and
// not given by it (primarySource: false, reportOrigin), and a lot with its expiry date, in the
// entry's details in English and Spanish at 1366×768 and 1024×700. Uses the fixtures
// test/fixtures/ccda/immunization-site.xml and test/fixtures/fhir/vaccine-report-bundle.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CAN_RUN, checkEntryFacts, goTo, importAnyway, launchBrowser, openApp, repoRoot, setUp } from './support/harness.ts';

const CCDA = path.join(repoRoot, 'test/fixtures/ccda/immunization-site.xml');
const FHIR = path.join(repoRoot, 'test/fixtures/fhir/vaccine-report-bundle.json');

/** Opens an entry's details from the Timeline, checks each fact's label and words, takes the shots (harness.ts). */
async function details(page: Page, timeline: string, title: string, facts: [string, string][], name: string): Promise<void> {
  await checkEntryFacts(page, { nav: timeline, query: title, facts, shots: `vaccine-source-${name}` });
}

describe.skipIf(!CAN_RUN)('a vaccination as its source said it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the site, a reported dose and the lot’s expiry, English and Spanish', { timeout: 240_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Ines Molina', '1958-02-11');
      await importAnyway(page, [
        { name: 'immunization-site.xml', mimeType: 'application/xml', buffer: readFileSync(CCDA) },
        { name: 'vaccine-report-bundle.json', mimeType: 'application/fhir+json', buffer: readFileSync(FHIR) },
      ]);
      await details(page, 'Timeline', 'Influenza, seasonal, injectable', [['Body site', 'Left Arm'], ['Route', 'INTRAMUSCULAR']], 'site-en');
      await details(page, 'Timeline', 'Zoster vaccine recombinant', [['Dose record', 'Dose reported by Patient, not given by this provider']], 'reported-en');
      await details(page, 'Timeline', 'Hepatitis B vaccine, adult', [['Lot number', 'HB-7731 (expires Nov 8, 2024)'], ['Body site', 'Right arm']], 'lot-en');

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await details(page, 'Cronología', 'Influenza, seasonal, injectable', [['Parte del cuerpo', 'Left Arm']], 'site-es');
      await details(page, 'Cronología', 'Zoster vaccine recombinant', [['Registro de la dosis', 'Dosis informada por Patient, no administrada por este proveedor']], 'reported-es');
      await details(page, 'Cronología', 'Hepatitis B vaccine, adult', [['Número de lote', 'HB-7731 (caduca el 8 nov 2024)']], 'lot-es');
    } finally {
      await run.close();
    }
  });
});
