// Issue #20 as a whole, as a caregiver goes through it: a lab report's PDF, a photo and a scan
// added from Documents, viewed, found by a word inside, one attached to a visit from the visit,
// and the lab report's results reviewed, corrected and added, with the document as their source.
// Screenshots in English and Spanish at 1366×768 and 1024×700.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCcda, ELEANOR } from '../fixtures/e2e/ccda.ts';
import { makeJpeg, makePdf, makePng } from '../documents/fixtures.ts';
import { pdfPageDrawn } from './support/page-tools.ts';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, screenshot, seriousViolations, setUp, type AppRun } from './support/harness.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

const LAB_REPORT = makePdf([
  [
    'Riverside Clinical Laboratory    1447 York Court, Burlington NC 27215    Phone 800 762 4344',
    'Patient: Eleanor Testperson    DOB: 03/02/1948    Collected: 03/12/2026    Reported: 03/13/2026',
    '',
    'Test    Result    Flag    Units    Reference Interval',
    'Glucose, Fasting    105    H    mg/dL    70-99',
    'Hemoglobin A1c    6.1    H    %    4.8-5.6',
    'Creatinine    0.92        mg/dL    0.57-1.00',
    'eGFR    68        mL/min/1.73 m2    >59',
    'Cholesterol, Total    212    H    mg/dL    100-199',
    '',
    'Page 1 of 1',
  ],
]);

const VISIT = {
  name: 'clinic-visit.xml',
  xml: buildCcda({
    organization: 'Good Health Clinic',
    date: '20260310',
    title: 'Good Health Clinic Visit',
    patient: ELEANOR,
    encounters: [{ cpt: '99213', name: 'Office visit', date: '20260310', location: 'Good Health Clinic' }],
  }),
};

async function addDocument(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, details: { title: string; kind: string; date?: string }): Promise<void> {
  await goTo(page, 'Documents');
  await page.getByRole('button', { name: 'Add a document' }).click();
  const add = page.getByRole('dialog', { name: 'Add a document' });
  await add.getByTestId('kept-file-input').setInputFiles([file]);
  await add.getByLabel('Title').fill(details.title);
  await add.getByLabel('Kind').selectOption(details.kind);
  if (details.date) await add.getByLabel('Date of the document').fill(details.date);
  await add.getByRole('button', { name: 'Save', exact: true }).click();
  await add.waitFor({ state: 'detached' });
  const viewer = page.getByRole('dialog', { name: details.title });
  await viewer.waitFor();
  await viewer.getByRole('button', { name: 'Close' }).first().click();
  await viewer.waitFor({ state: 'detached' });
}

describe.skipIf(!CAN_RUN)('a lab report, a photo and a scan: kept, found, attached to a visit, results added', () => {
  let browser: Browser;
  let run: AppRun;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    run = await openApp(browser);
    page = run.page;
    await setUp(page);
    await importFiles(page, [VISIT]);
  });
  afterAll(async () => {
    await run?.close();
    await browser?.close();
  });

  it('adds a PDF, a photo and a scan, shows them and finds the PDF by a word inside', async () => {
    await addDocument(page, { name: 'labs-2026-03.pdf', mimeType: 'application/pdf', buffer: Buffer.from(LAB_REPORT) }, { title: 'Blood tests March', kind: 'lab-report', date: '2026-03-12' });
    await addDocument(page, { name: 'insurance card.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(makeJpeg({ width: 64, height: 40 })) }, { title: 'Insurance card', kind: 'insurance-card' });
    await addDocument(page, { name: 'visit letter scan.png', mimeType: 'image/png', buffer: Buffer.from(makePng({ width: 170, height: 220, colour: [240, 236, 226] })) }, { title: 'Letter after the visit', kind: 'letter', date: '2026-03-10' });
    for (const title of ['Blood tests March', 'Insurance card', 'Letter after the visit']) await page.locator('.kept-card', { hasText: title }).waitFor();

    await page.locator('.kept-card', { hasText: 'Blood tests March' }).click();
    const viewer = page.getByRole('dialog', { name: 'Blood tests March' });
    await pdfPageDrawn(page);
    await viewer.getByText('5 lines of this document read as test results.').waitFor();
    await viewer.getByRole('button', { name: 'Close' }).first().click();
    await page.locator('.kept-card', { hasText: 'Insurance card' }).click();
    await page.getByRole('dialog', { name: 'Insurance card' }).locator('.kept-page img').waitFor();
    // A photo has no text of its own: nothing is offered as results.
    expect(await page.getByRole('dialog', { name: 'Insurance card' }).getByText('read as test results').count()).toBe(0);
    await page.getByRole('dialog', { name: 'Insurance card' }).getByRole('button', { name: 'Close' }).first().click();

    await goTo(page, 'Timeline');
    await page.getByRole('searchbox').fill('creatinine');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const hit = page.getByTestId('kept-hits').locator('.kept-hit', { hasText: 'Blood tests March' });
    await hit.waitFor();
    expect(await hit.locator('mark').textContent()).toBe('Creatinine');
    await page.getByRole('button', { name: 'Clear search' }).click();
  });

  it('attaches a scan to a visit from the visit', async () => {
    await goTo(page, 'Timeline');
    await page.locator('.entry-row', { hasText: 'Office visit' }).click();
    const visit = page.getByRole('dialog', { name: 'Office visit' });
    await visit.getByText('No document is attached to this entry.').waitFor();
    await visit.getByRole('button', { name: 'Attach a document' }).click();
    const add = page.getByRole('dialog', { name: 'Attach a document' });
    await add.getByTestId('kept-file-input').setInputFiles([{ name: 'after-visit-instructions.png', mimeType: 'image/png', buffer: Buffer.from(makePng({ width: 160, height: 200, colour: [250, 250, 245] })) }]);
    await add.getByLabel('Title').fill('Instructions after the visit');
    await add.getByLabel('Kind').selectOption('letter');
    await add.getByRole('button', { name: 'Save', exact: true }).click();
    await add.waitFor({ state: 'detached' });
    await visit.getByRole('button', { name: 'Instructions after the visit' }).waitFor();
    // A document kept earlier is linked to the visit too.
    await visit.getByRole('button', { name: 'Link a document already kept' }).click();
    await visit.getByLabel('Document', { exact: true }).selectOption({ label: 'Letter after the visit (Letter, Mar 10, 2026)' });
    await visit.getByRole('button', { name: 'Link it' }).click();
    await visit.getByRole('button', { name: 'Letter after the visit' }).waitFor();
    await screenshot(page, 'lab-results-visit-attached-en');
    await visit.getByRole('button', { name: 'Close' }).first().click();
    await goTo(page, 'Documents');
    await page.locator('.kept-card', { hasText: 'Instructions after the visit' }).click();
    const viewer = page.getByRole('dialog', { name: 'Instructions after the visit' });
    await viewer.getByRole('button', { name: /^Visit: Office visit/ }).waitFor();
    await viewer.getByRole('button', { name: 'Close' }).first().click();
    await page.locator('.kept-card', { hasText: 'Letter after the visit' }).click();
    const letter = page.getByRole('dialog', { name: 'Letter after the visit' });
    await letter.getByRole('button', { name: /^Visit: Office visit/ }).waitFor();
    await letter.getByRole('button', { name: 'Close' }).first().click();
  });

  it('adds the results of the lab report only as reviewed, the document their source', async () => {
    await goTo(page, 'Documents');
    await page.locator('.kept-card', { hasText: 'Blood tests March' }).click();
    const viewer = page.getByRole('dialog', { name: 'Blood tests March' });
    await viewer.getByRole('button', { name: 'Review and add these results' }).click();
    const form = viewer.locator('.lab-form');
    const rows = form.locator('.lab-row');
    expect(await rows.count()).toBe(5);
    const first = rows.nth(0);
    expect(await first.locator('.lab-line').textContent()).toBe('Glucose, Fasting 105 H mg/dL 70-99');
    expect(await first.getByLabel('Test').inputValue()).toBe('Glucose, Fasting');
    expect(await first.getByLabel('Value').inputValue()).toBe('105');
    expect(await first.getByLabel('Unit').inputValue()).toBe('mg/dL');
    expect(await first.getByLabel('Reference range').inputValue()).toBe('70-99');
    expect(await first.getByLabel('Flag').inputValue()).toBe('H');
    expect(await first.getByLabel('Date').inputValue()).toMatch(/03\/12\/2026|2026-03-12/);
    // Nothing is added before the button.
    await form.getByRole('button', { name: 'Add 5 results' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // The form is brought into view with its heading focused.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Add these results');
    await screenshot(page, 'lab-results-review-march-en');
    await rows.nth(4).getByRole('checkbox').uncheck();
    await rows.nth(3).getByLabel('Test').fill('eGFR (estimated)');
    await form.getByRole('button', { name: 'Add 4 results' }).click();
    await page.getByText('4 results added to the record.').waitFor();
    await viewer.getByText('4 results have been added to the record from this document.').waitFor();
    // The document is now their source: it is kept, not offered for deletion.
    await viewer.getByText('Results were added to the record from this document, so it is kept as their source.').waitFor();
    expect(await viewer.getByRole('button', { name: 'Delete this document' }).count()).toBe(0);
    await viewer.getByRole('button', { name: 'Close' }).first().click();

    await goTo(page, 'Test results');
    await page.locator('.entry-row', { hasText: 'eGFR (estimated)' }).waitFor();
    expect(await page.locator('.entry-row', { hasText: 'Cholesterol' }).count()).toBe(0);
    await page.locator('.entry-row', { hasText: 'Hemoglobin A1c' }).click();
    const entry = page.getByRole('dialog', { name: 'Hemoglobin A1c' });
    await entry.getByText('Your own documents').waitFor();
    await entry.getByText('Line as printed (page 1)').waitFor();
    await entry.getByText('Hemoglobin A1c 6.1 H % 4.8-5.6').waitFor();
    await screenshot(page, 'lab-results-source-march-en');
    await entry.getByRole('button', { name: 'Open “Blood tests March”' }).click();
    await page.getByRole('dialog', { name: 'Blood tests March' }).waitFor();
    await pdfPageDrawn(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await goTo(page, 'Trends');
    await page.getByText('Glucose, Fasting').first().waitFor();
  });

  it('takes screenshots in English and Spanish at both window sizes, with no English left in Spanish', async () => {
    // A second lab report so the review form is open in each screenshot.
    await addDocument(
      page,
      { name: 'labs-2026-04.pdf', mimeType: 'application/pdf', buffer: Buffer.from(makePdf([['Riverside Clinical Laboratory', 'Test    Result    Flag    Units    Reference Interval', 'Sodium    141        mmol/L    136-145', 'Potassium    5.4    H    mmol/L    3.5-5.2', 'TSH    2.10        uIU/mL    0.450-4.500']])) },
      { title: 'Blood tests April', kind: 'lab-report', date: '2026-04-09' },
    );
    for (const lang of ['en', 'es'] as const) {
      if (lang === 'es') {
        await goTo(page, 'Settings');
        await page.getByLabel('Language').selectOption('es');
        await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      }
      const nav = page.getByRole('navigation', { name: lang === 'en' ? 'Main' : 'Principal' });
      for (const size of SIZES) {
        await page.setViewportSize(size);
        const tag = `${lang}-${size.width}x${size.height}`;
        await nav.getByRole('button', { name: lang === 'en' ? 'Documents' : 'Documentos', exact: true }).click();
        await page.locator('.kept-card', { hasText: 'Blood tests April' }).click();
        const viewer = page.getByRole('dialog', { name: 'Blood tests April' });
        await pdfPageDrawn(page);
        await viewer.getByRole('button', { name: lang === 'en' ? 'Review and add these results' : 'Revisar y añadir estos resultados' }).click();
        await viewer.locator('.lab-form').waitFor();
        await screenshot(page, `lab-results-review-${tag}`);
        if (lang === 'es') {
          const text = ((await viewer.locator('.lab-results').textContent()) ?? '').replace(/Sodium 141 mmol\/L 136-145|Potassium 5\.4 H mmol\/L 3\.5-5\.2|TSH 2\.10 uIU\/mL 0\.450-4\.500/g, '');
          for (const english of ['Add ', 'results', 'Test', 'Value', 'Unit', 'Reference range', 'Flag', 'page', 'Check each', 'None', 'High']) expect(text, english).not.toContain(english);
          expect(text).toContain('Añadir 3 resultados');
        }
        await page.keyboard.press('Escape');
        await viewer.waitFor({ state: 'detached' });
        await nav.getByRole('button', { name: lang === 'en' ? 'Test results' : 'Resultados de pruebas', exact: true }).click();
        // In Spanish the name reads "Hemoglobina A1c".
        await page.locator('.entry-row', { hasText: /Hemoglobina? A1c/ }).click();
        const entry = page.getByRole('dialog', { name: /^Hemoglobina? A1c/ });
        await entry.getByText(lang === 'en' ? 'Your own documents' : 'Sus propios documentos').waitFor();
        await entry.locator('.source-item').last().scrollIntoViewIfNeeded();
        await screenshot(page, `lab-results-source-${tag}`);
        if (lang === 'es') {
          const sources = (await entry.locator('.source-list').textContent()) ?? '';
          for (const english of ['Your own documents', 'Line as printed', 'Open “', 'page 1', 'Imported']) expect(sources, english).not.toContain(english);
          expect(sources).toContain('Documento propio (resultados leídos de su texto)');
          expect(sources).toContain('página 1');
        }
        await page.keyboard.press('Escape');
        await entry.waitFor({ state: 'detached' });
      }
    }
    expect(run.pageErrors).toEqual([]);
  });
});
