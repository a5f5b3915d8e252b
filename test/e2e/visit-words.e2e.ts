// What a visit, a planned visit and a medicine said, on the entry view: a visit's diagnoses
// (coded and given only in words) and its reason, a nameless planned visit's day, doctor and
// place ("Planned visit"), a medicine's body site; in English and Spanish at 1366×768 and
// 1024×700. Uses test/fixtures/ccda/visit-words.xml and plan-referred.xml.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CAN_RUN, checkEntryFacts, goTo, importAnyway, launchBrowser, openApp, repoRoot, setUp } from './support/harness.ts';

const fixture = (name: string) => ({ name, mimeType: 'application/xml', buffer: readFileSync(path.join(repoRoot, 'test/fixtures/ccda', name)) });

/** Opens an entry's details from the Timeline, checks each fact's label and words, takes the shots (harness.ts). */
async function details(page: Page, timeline: string, search: string, row: string, facts: [string, string][], name: string, absent?: string[]): Promise<void> {
  await checkEntryFacts(page, { nav: timeline, query: search, shown: row, facts, shots: `visit-words-${name}`, ...(absent ? { absent } : {}) });
}

const DIAGNOSES = 'Hypoxemia; Community acquired pneumonia; Asthma, moderate persistent';
// The indication in words and the coded one ("Pneumonia": a reason, not a diagnosis).
const REASON = 'Fever and chills - for 2 days, with cough (green sputum).; Pneumonia';

describe.skipIf(!CAN_RUN)('a visit, a planned visit and a medicine as their sources said them', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a visit’s diagnoses and reason, a planned visit’s doctor and place, a medicine’s site, English and Spanish', { timeout: 240_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Ines Navarro', '1947-05-01');
      await importAnyway(page, [fixture('visit-words.xml'), fixture('plan-referred.xml')]);
      // The comment said only the reason, now on its own line.
      await details(page, 'Timeline', 'OFFICE OUTPATIENT', 'OFFICE OUTPATIENT', [['Diagnoses', DIAGNOSES], ['Reason for visit', REASON]], 'visit-en', ['Comment']);
      await details(page, 'Timeline', 'Planned visit', 'Planned visit', [['With', 'Henry Seven'], ['Place', 'Clinic One']], 'planned-en');
      await details(page, 'Timeline', 'Methotrexate', 'Methotrexate', [['Body site', 'Left Arm']], 'medicine-en');

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await details(page, 'Cronología', 'OFFICE OUTPATIENT', 'OFFICE OUTPATIENT', [['Diagnósticos', DIAGNOSES], ['Motivo de la consulta', REASON]], 'visit-es', ['Comentario']);
      await details(page, 'Cronología', 'Planned visit', 'Consulta prevista', [['Con', 'Henry Seven'], ['Lugar', 'Clinic One']], 'planned-es');
      await details(page, 'Cronología', 'Methotrexate', 'Methotrexate', [['Parte del cuerpo', 'Left Arm']], 'medicine-es');
    } finally {
      await run.close();
    }
  });
});
