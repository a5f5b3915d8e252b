// A relative's condition with who had it, when it began and that they died of it (C-CDA 4.47 and
// 4.31, test/fixtures/ccda/family-onset.xml), and a condition's severity from FHIR
// (test/fixtures/fhir/family-severity-bundle.json): the entry's details in English and Spanish
// at 1366×768 and 1024×700.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, checkEntryFacts, goTo, importAnyway, launchBrowser, openApp, repoRoot, screenshotsAtSizes, setUp } from './support/harness.ts';

const CCDA = path.join(repoRoot, 'test/fixtures/ccda/family-onset.xml');
const FHIR = path.join(repoRoot, 'test/fixtures/fhir/family-severity-bundle.json');

/** Opens an entry's details from the Timeline, checks each fact's label and words, takes the shots (harness.ts). */
async function details(page: Page, timeline: string, title: string, facts: [string, string][], name: string, absent: string[] = []): Promise<void> {
  await checkEntryFacts(page, { nav: timeline, query: title, facts, absent, ...(name ? { shots: `family-facts-${name}` } : {}) });
}

describe.skipIf(!CAN_RUN)('a relative’s condition and a condition’s severity', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the relative, the age at onset and the cause of death, and the severity, English and Spanish', { timeout: 240_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Lena Ortiz', '1970-01-01');
      await importAnyway(page, [
        { name: 'family-onset.xml', mimeType: 'application/xml', buffer: readFileSync(CCDA) },
        { name: 'family-severity-bundle.json', mimeType: 'application/json', buffer: readFileSync(FHIR) },
      ]);
      await details(page, 'Timeline', 'Breast cancer', [['Relative', 'Mother'], ['Onset', 'Began at age 57'], ['Cause of death', 'Yes: the relative died of this']], 'cause-en', ['Comment']);
      await details(page, 'Timeline', 'Hypertension', [['Onset', 'Began between ages 40 and 49']], '', ['Cause of death']);
      await details(page, 'Timeline', 'Chronic obstructive lung disease', [['Severity', 'Severe']], 'severity-en');

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await details(page, 'Cronología', 'Breast cancer', [['Familiar', 'Mother'], ['Inicio', 'Comenzó a los 57 años'], ['Causa de la muerte', 'Sí: el familiar murió por esta causa']], 'cause-es', ['Comentario']);
      await details(page, 'Cronología', 'Hypertension', [['Inicio', 'Comenzó entre los 40 y los 49 años']], '');
      await details(page, 'Cronología', 'Chronic obstructive lung disease', [['Gravedad', 'grave']], 'severity-es');
    } finally {
      await run.close();
    }
  });

  it('prints the family history in the visit summary when it is ticked, English and Spanish', { timeout: 240_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Lena Ortiz', '1970-01-01');
      await importAnyway(page, [
        { name: 'family-onset.xml', mimeType: 'application/xml', buffer: readFileSync(CCDA) },
        { name: 'family-severity-bundle.json', mimeType: 'application/json', buffer: readFileSync(FHIR) },
      ]);
      for (const [nav, label, button, heading, onset] of [
        ['Visit summary', 'Family history', /^Preview$/, 'Family history', 'Began at age 57'],
        // The preview is still open from the English round: its button updates it.
        ['Resumen para la consulta', 'Antecedentes familiares', /^(Vista previa|Actualizar la vista previa)$/, 'Antecedentes familiares', 'Comenzó a los 57 años'],
      ] as const) {
        if (nav !== 'Visit summary') {
          await goTo(page, 'Settings');
          await page.getByLabel('Language').selectOption('es');
        }
        await page.getByRole('navigation').getByRole('button', { name: nav, exact: true }).click();
        const box = page.getByLabel(label, { exact: true });
        // Optional, as the forecast is: off until ticked, then remembered.
        if (nav === 'Visit summary') expect(await box.isChecked()).toBe(false);
        await box.check();
        await page.getByRole('button', { name: button }).click();
        const frame = page.frameLocator('iframe.preview-frame');
        await frame.getByRole('heading', { name: heading }).waitFor();
        await frame.getByText(onset).first().waitFor();
        await frame.locator('section[data-section="familyHistory"]').scrollIntoViewIfNeeded();
        await screenshotsAtSizes(page, `summary-family-${nav === 'Visit summary' ? 'en' : 'es'}`);
      }
    } finally {
      await run.close();
    }
  });
});
