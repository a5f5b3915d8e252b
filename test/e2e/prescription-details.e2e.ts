// A prescription's supply, a dosage's further instructions and an allergy's reaction facts, read
// from FHIR, in the entry's details in English and Spanish at 1366×768 and 1024×700. Uses the
// fixture test/fixtures/fhir/prescription-details-bundle.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, repoRoot, screenshot, searchTimeline, setUp } from './support/harness.ts';

const FIXTURE = path.join(repoRoot, 'test/fixtures/fhir/prescription-details-bundle.json');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

async function details(page: Page, timeline: string, title: string, facts: [string, string | RegExp][], name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: timeline, exact: true }).click();
  await (await searchTimeline(page, title)).click();
  const dialog = page.getByRole('dialog');
  for (const [label, words] of facts) {
    const fact = dialog.locator('.fact', { has: page.getByText(label, { exact: true }) });
    await (typeof words === 'string' ? fact.getByText(words, { exact: true }) : fact.getByText(words)).first().waitFor();
  }
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `prescription-details-${name}-${size.width}`);
  }
  await page.keyboard.press('Escape');
}

describe.skipIf(!CAN_RUN)('prescription and reaction details of FHIR entries', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the supply, instructions, most to take, how long, and each reaction’s facts, English and Spanish', { timeout: 240_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Lena Ortiz', '1959-03-02');
      await importFiles(page, [{ name: 'prescription-details-bundle.json', xml: readFileSync(FIXTURE, 'utf8') }]);
      await details(
        page,
        'Timeline',
        'Amoxicillin 250 MG Oral Capsule',
        [
          ['Prescription', "Dispense 30 capsule, 2 refills, 10 days' supply"],
          ['Extra instructions', 'Take with food'],
          ['How it is taken', 'Swallow'],
          ['Most to take', 'No more than 4 capsule in 24 hours'],
          ['How long', 'For 10 days'],
          ['Then also', /Do not crush, for 5 to 7 days/],
        ],
        'medicine-en',
      );
      await details(
        page,
        'Timeline',
        'Cashew nuts',
        [
          ['Last reaction', /2019/],
          ['About each reaction', /^Anaphylactic reaction: began .*2019; exposure: By mouth; how it happened: Ate a cookie with cashew pieces; managed with: Epinephrine/],
          ['About each reaction', /^Hives: lasted 2 hours; where: Both forearms; exposed: .*2018; exposure lasted 5 minutes; certainty: likely$/],
        ],
        'allergy-en',
      );

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await details(
        page,
        'Cronología',
        'Amoxicillin 250 MG Oral Capsule',
        [
          ['Receta', 'Dispensar 30 capsule, 2 resurtidos, para 10 días'],
          ['Indicaciones adicionales', 'Take with food'],
          ['Cómo se toma', 'Swallow'],
          ['Máximo', 'No más de 4 capsule en 24 horas'],
          ['Durante cuánto tiempo', 'Durante 10 días'],
        ],
        'medicine-es',
      );
      await details(
        page,
        'Cronología',
        'Cashew nuts',
        [
          ['Última reacción', /2019/],
          ['Sobre cada reacción', /^Anaphylactic reaction: comenzó .*2019; exposición: By mouth; cómo ocurrió: /],
          ['Sobre cada reacción', /^Hives: duró 2 horas; dónde: Both forearms; .*certeza: probable$/],
        ],
        'allergy-es',
      );
    } finally {
      await run.close();
    }
  });
});
