// A plan item's details as its source gave them: a planned consultation's doctor ("With") and
// indication, a planned medicine's dose and route; and who stated a problem (FHIR's asserter:
// "Stated by", never "Performed by"); in English and Spanish at 1366×768 and 1024×700. Uses the
// fixtures test/fixtures/ccda/plan-details.xml and test/fixtures/fhir/stated-by-bundle.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CAN_RUN, checkEntryFacts, goTo, importAnyway, launchBrowser, openApp, repoRoot, setUp } from './support/harness.ts';

const CCDA = path.join(repoRoot, 'test/fixtures/ccda/plan-details.xml');
const FHIR = path.join(repoRoot, 'test/fixtures/fhir/stated-by-bundle.json');

/** Opens an entry's details from the Timeline, checks each fact's label and words, takes the shots (harness.ts). */
async function details(page: Page, timeline: string, title: string, facts: [string, string][], name: string): Promise<void> {
  await checkEntryFacts(page, { nav: timeline, query: title, facts, shots: `plan-details-${name}` });
}

describe.skipIf(!CAN_RUN)('a plan item as its source said it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows who a planned visit is with and why, a planned medicine’s dose, and who stated a problem, English and Spanish', { timeout: 240_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Elena Ruiz', '1958-03-02');
      await importAnyway(page, [
        { name: 'plan-details.xml', mimeType: 'application/xml', buffer: readFileSync(CCDA) },
        { name: 'stated-by-bundle.json', mimeType: 'application/fhir+json', buffer: readFileSync(FHIR) },
      ]);
      await details(page, 'Timeline', 'consultation', [['With', 'Dr Henry Seven']], 'visit-en');
      await details(page, 'Timeline', 'Tylenol 500mg', [['Dose', '1'], ['Route', 'ORAL']], 'medicine-en');
      await details(page, 'Timeline', 'High blood pressure', [['Stated by', 'Dr Ana Reyes']], 'problem-en');

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await details(page, 'Cronología', 'consultation', [['Con', 'Dr Henry Seven']], 'visit-es');
      await details(page, 'Cronología', 'Tylenol 500mg', [['Vía', 'ORAL']], 'medicine-es');
      await details(page, 'Cronología', 'High blood pressure', [['Declarado por', 'Dr Ana Reyes']], 'problem-es');
    } finally {
      await run.close();
    }
  });
});
