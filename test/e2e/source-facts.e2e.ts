// FHIR facts as their sources said them, in the entry's details in English and Spanish at
// 1366×768 and 1024×700: a result's lab and interpreter taken from the DiagnosticReport that lists
// it, a medicine's lot and expiry from its Medication's batch, and Epic's next-due-date on a
// vaccination as the source's forecast. Uses test/fixtures/fhir/source-facts-bundle.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CAN_RUN, checkEntryFacts, goTo, importAnyway, launchBrowser, openApp, repoRoot, setUp } from './support/harness.ts';

const FHIR = path.join(repoRoot, 'test/fixtures/fhir/source-facts-bundle.json');

/** Opens an entry's details from the Timeline, checks each fact's label and words, takes the shots (harness.ts). */
async function details(page: Page, timeline: string, title: string, facts: [string, string][], name: string): Promise<void> {
  await checkEntryFacts(page, { nav: timeline, query: title, facts, shots: `source-facts-${name}` });
}

describe.skipIf(!CAN_RUN)('FHIR facts as their sources said them', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a report’s performer on its result, a medicine’s lot and the source’s next dose due, English and Spanish', { timeout: 240_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Tomas Ibarra', '1951-09-30');
      await importAnyway(page, [{ name: 'source-facts-bundle.json', mimeType: 'application/fhir+json', buffer: readFileSync(FHIR) }]);
      await details(page, 'Timeline', 'Hemoglobin', [['Performed by', 'Valley Reference Laboratory; Dr Ana Reyes']], 'performer-en');
      await details(page, 'Timeline', 'insulin glargine', [['Lot number', 'KT4490 (expires Jun 30, 2025)']], 'lot-en');
      await details(page, 'Timeline', 'Yellow Fever, Live', [['Next dose due per the source', 'Sep 18, 2034']], 'next-due-en');

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await details(page, 'Cronología', 'Hemoglobin', [['Realizado por', 'Valley Reference Laboratory; Dr Ana Reyes']], 'performer-es');
      await details(page, 'Cronología', 'insulin glargine', [['Número de lote', 'KT4490 (caduca el 30 jun 2025)']], 'lot-es');
      await details(page, 'Cronología', 'Yellow Fever, Live', [['Próxima dosis según la fuente', '18 sept 2034']], 'next-due-es');
    } finally {
      await run.close();
    }
  });
});
