// A problem's type and body site, a procedure's body site and method, and a stay's discharge
// disposition, read from C-CDA, in the entry's details in English and Spanish at 1366×768 and
// 1024×700. Uses the fixture test/fixtures/ccda/coded-details.xml.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CAN_RUN, checkEntryFacts, goTo, importFiles, launchBrowser, openApp, repoRoot, setUp } from './support/harness.ts';

const FIXTURE = path.join(repoRoot, 'test/fixtures/ccda/coded-details.xml');

/** Opens an entry's details from the Timeline, checks each fact's label and words, takes the shots (harness.ts). */
async function details(page: Page, timeline: string, title: string, facts: [string, string][], name: string, shown = title): Promise<void> {
  await checkEntryFacts(page, { nav: timeline, query: title, shown, facts, shots: `coded-details-${name}` });
}

describe.skipIf(!CAN_RUN)('coded details of C-CDA entries', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a problem’s type and site, a procedure’s site and method, a stay’s discharge, English and Spanish', { timeout: 240_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Rosa Vega', '1962-09-14');
      await importFiles(page, [{ name: 'coded-details.xml', xml: readFileSync(FIXTURE, 'utf8') }]);
      await details(page, 'Timeline', 'Joint pain', [['Recorded as', 'Complaint'], ['Body site', 'Knee region structure (Right)']], 'problem-en');
      await details(page, 'Timeline', 'Laparoscopic appendectomy', [['Body site', 'Entire appendix'], ['Method', 'Laparoscopic procedure']], 'procedure-en');
      await details(page, 'Timeline', 'Hospital admission', [['After discharge', 'Discharged to skilled nursing facility']], 'stay-en');

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await details(page, 'Cronología', 'Joint pain', [['Registrado como', 'Motivo de consulta'], ['Parte del cuerpo', 'Knee region structure (Right)']], 'problem-es');
      await details(page, 'Cronología', 'Laparoscopic appendectomy', [['Parte del cuerpo', 'Entire appendix'], ['Método', 'Laparoscopic procedure']], 'procedure-es');
      await details(page, 'Cronología', 'Hospital admission', [['Destino al alta', 'Discharged to skilled nursing facility']], 'stay-es', 'Ingreso hospitalario');
    } finally {
      await run.close();
    }
  });
});
