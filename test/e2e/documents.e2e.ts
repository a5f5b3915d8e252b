// A person's own papers: a PDF, a photo and a scan chosen at Import are kept as documents (not
// refused), shown page by page (PDF.js in the sandboxed renderer) and zoomed, found by a word
// of a PDF's text, attached to an entry, in English and Spanish at two window sizes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoProviders } from '../fixtures/e2e/ccda.ts';
import fs from 'node:fs';
import path from 'node:path';
import { makeJpeg, makePdf, makePng, makeScannedPdf, textJpeg } from '../documents/fixtures.ts';
import { pdfPageDrawn } from './support/page-tools.ts';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, screenshot, seriousViolations, setUp, type AppRun } from './support/harness.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

const LAB_PDF = makePdf([
  ['Riverside Laboratory', 'Patient: Eleanor Testperson', 'Collected: 2025-03-04', '', 'Hemoglobin A1c      5.6 %      4.0-5.6', 'Glucose, fasting    98 mg/dL   70-99'],
  ['Riverside Laboratory, page 2', '', 'Ferritin           42 ng/mL   15-150', 'Vitamin B12       410 pg/mL  200-900', '', 'Reviewed by Dr. Amal Ortiz'],
]);

const HEIC = fs.readFileSync(path.join(import.meta.dirname, '../documents/files/prescription-label.heic'));

describe.skipIf(!CAN_RUN)('your own documents', () => {
  let browser: Browser;
  let run: AppRun;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    run = await openApp(browser);
    page = run.page;
    await setUp(page);
    await importFiles(page, twoProviders());
  });
  afterAll(async () => {
    await run?.close();
    await browser?.close();
  });

  it('keeps a PDF, a photo and a scan chosen at Import instead of refusing them', async () => {
    await goTo(page, 'Import records');
    await page.getByTestId('file-input').setInputFiles([
      { name: 'Lab results March.pdf', mimeType: 'application/pdf', buffer: Buffer.from(LAB_PDF) },
      { name: 'insurance card.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(makeJpeg({ width: 64, height: 32, orientation: 6, gps: true })) },
      { name: 'vaccination booklet.png', mimeType: 'image/png', buffer: Buffer.from(makePng({ width: 180, height: 240, colour: [236, 226, 200] })) },
    ]);
    const lab = page.getByTestId('import-job').filter({ hasText: 'Lab results March.pdf' });
    await lab.getByText('Kept as a document of its own: “Lab results March” (PDF). 2 pages. Text found on 2 pages.').waitFor();
    await page.getByTestId('import-job').filter({ hasText: 'insurance card.jpg' }).getByText('Kept as a document of its own: “insurance card” (JPEG photo).').waitFor();
    await page.getByTestId('import-job').filter({ hasText: 'vaccination booklet.png' }).getByText(/Kept as a document of its own/).waitFor();
    expect(await page.getByText('not a health record Chartkeeper can read').count()).toBe(0);

    await lab.getByRole('button', { name: 'Open Lab results March' }).click();
    const viewer = page.getByRole('dialog', { name: 'Lab results March' });
    await viewer.waitFor();
    await pdfPageDrawn(page);
    await viewer.getByText('Page 1 of 2').waitFor();
    await viewer.getByRole('button', { name: 'Next page' }).click();
    await viewer.getByText('Page 2 of 2').waitFor();
    await pdfPageDrawn(page);
    // The details: kind and date, saved.
    await viewer.getByLabel('Kind').selectOption('lab-report');
    await viewer.getByLabel('Date of the document').fill('2025-03-04');
    await viewer.getByRole('button', { name: 'Save', exact: true }).click();
    await viewer.getByText('The details were saved.').waitFor();
    await viewer.getByRole('button', { name: 'Close' }).first().click();
    await viewer.waitFor({ state: 'detached' });
  });

  it('shows a photo turned as its EXIF says, zooms it, and never shows where it was taken', async () => {
    await goTo(page, 'Documents');
    await page.locator('.kept-card', { hasText: 'insurance card' }).click();
    const viewer = page.getByRole('dialog', { name: 'insurance card' });
    const img = viewer.locator('.kept-page img');
    await img.waitFor();
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('.kept-page img')?.complete === true);
    // Stored 64 × 32 with orientation 6 (turned a quarter): shown 32 wide, 64 high.
    expect(await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight])).toEqual([32, 64]);
    await viewer.getByText(/This photo records where it was taken/).waitFor();
    expect(await viewer.textContent()).not.toMatch(/40[.,]44|79[.,]98|latitude/i);
    await viewer.getByRole('button', { name: 'Zoom in' }).click();
    await viewer.getByText('Zoom: 125%').waitFor();
    expect(await img.getAttribute('style')).toContain('width: 125%');
    await viewer.getByRole('button', { name: 'Fit to width' }).click();
    await viewer.getByText('Zoom: 100%').waitFor();
    await viewer.getByRole('button', { name: 'Close' }).first().click();
  });

  it('finds a PDF by a word on its second page and opens it there', async () => {
    await goTo(page, 'Timeline');
    await page.getByRole('searchbox').fill('ferritin');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const hits = page.getByTestId('kept-hits');
    await hits.getByText('Found in your documents').waitFor();
    const hit = hits.locator('.kept-hit', { hasText: 'Lab results March' });
    expect(await hit.textContent()).toContain('Ferritin');
    expect(await hit.textContent()).toContain('Lab report');
    expect(await hit.textContent()).toContain('page 2');
    expect(await hit.locator('mark').textContent()).toBe('Ferritin');
    expect(await page.getByText('Nothing matches “ferritin”').count()).toBe(0);
    await page.getByText('No entry matches “ferritin”; it is found only in your documents above.').waitFor();
    await hit.click();
    const viewer = page.getByRole('dialog', { name: 'Lab results March' });
    await viewer.getByText('Page 2 of 2').waitFor();
    await pdfPageDrawn(page);
    await viewer.getByRole('button', { name: 'Close' }).first().click();
  });

  it('attaches a document to an entry from the entry', async () => {
    await goTo(page, 'Medications');
    await page.locator('.entry-row', { hasText: 'Metformin' }).click();
    const entry = page.getByRole('dialog', { name: 'Metformin 500 MG Oral Tablet' });
    await entry.getByText('No document is attached to this entry.').waitFor();
    await entry.getByRole('button', { name: 'Attach a document' }).click();
    const add = page.getByRole('dialog', { name: 'Attach a document' });
    await add.getByTestId('kept-file-input').setInputFiles([{ name: 'metformin label.png', mimeType: 'image/png', buffer: Buffer.from(makePng({ width: 120, height: 60, colour: [250, 250, 250] })) }]);
    await add.getByLabel('Title').fill('Metformin pharmacy label');
    await add.getByLabel('Kind').selectOption('prescription');
    await add.getByRole('button', { name: 'Save', exact: true }).click();
    await add.waitFor({ state: 'detached' });
    await entry.getByRole('button', { name: 'Metformin pharmacy label' }).waitFor();
    await entry.getByRole('button', { name: 'Close' }).first().click();
    await goTo(page, 'Documents');
    await page.locator('.kept-card', { hasText: 'Metformin pharmacy label' }).click();
    const viewer = page.getByRole('dialog', { name: 'Metformin pharmacy label' });
    await viewer.getByRole('button', { name: 'Medication: Metformin 500 MG Oral Tablet' }).waitFor();
    await viewer.getByRole('button', { name: 'Close' }).first().click();
  });

  it('refuses a broken PDF with one sentence and keeps nothing of it', async () => {
    await goTo(page, 'Documents');
    const before = await page.locator('.kept-card').count();
    await page.getByRole('button', { name: 'Add a document' }).click();
    const add = page.getByRole('dialog', { name: 'Add a document' });
    await add.getByTestId('kept-file-input').setInputFiles([{ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\nthis is not a PDF') }]);
    await add.getByRole('button', { name: 'Save', exact: true }).click();
    await add.getByRole('alert').filter({ hasText: '"scan.pdf" is a damaged PDF that cannot be opened, so it was not kept.' }).waitFor();
    await add.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('.kept-card').count()).toBe(before);
  });

  it('finds the words in a photographed page on this computer, with progress, and the search finds them', async () => {
    // A picture of printed words, drawn by the browser itself.
    const png = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 1200;
      canvas.height = 500;
      const c = canvas.getContext('2d')!;
      c.fillStyle = '#fff';
      c.fillRect(0, 0, canvas.width, canvas.height);
      c.fillStyle = '#000';
      c.font = '48px sans-serif';
      ['Pharmacy receipt', 'Atorvastatin 20 mg tablets', 'Take one every evening'].forEach((line, i) => c.fillText(line, 60, 120 + i * 90));
      return canvas.toDataURL('image/png').split(',')[1]!;
    });
    await goTo(page, 'Documents');
    await page.getByRole('button', { name: 'Add a document' }).click();
    const add = page.getByRole('dialog', { name: 'Add a document' });
    await add.getByTestId('kept-file-input').setInputFiles([{ name: 'receipt photo.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') }]);
    await add.getByRole('button', { name: 'Save', exact: true }).click();
    const viewer = page.getByRole('dialog', { name: 'receipt photo' });
    // Looked for as soon as the document is kept, off the window's thread.
    await viewer.getByText('Words found on 1 page; the search finds them now.').waitFor({ timeout: 90_000 });
    await viewer.getByText('Words recognised on 1 page (they may be misread)').waitFor();
    await screenshot(page, 'documents-photo-recognized-en-1280x900');
    await viewer.getByRole('button', { name: 'Close' }).first().click();
    await goTo(page, 'Timeline');
    await page.getByRole('searchbox').fill('atorvastatin');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const hit = page.getByTestId('kept-hits').locator('.kept-hit', { hasText: 'receipt photo' });
    await hit.waitFor();
    expect(await hit.textContent()).toContain('recognised words');
    await page.getByRole('button', { name: 'Clear search' }).click();
  });

  it('keeps an iPhone HEIC photo, shows the picture main drew of it, and finds its words', async () => {
    await goTo(page, 'Documents');
    await page.getByRole('button', { name: 'Add a document' }).click();
    const add = page.getByRole('dialog', { name: 'Add a document' });
    await add.getByTestId('kept-file-input').setInputFiles([{ name: 'IMG_0042.HEIC', mimeType: 'image/heic', buffer: HEIC }]);
    await add.getByLabel('Title').fill('Amoxicillin label');
    await add.getByLabel('Kind').selectOption('prescription');
    await add.getByRole('button', { name: 'Save', exact: true }).click();
    const viewer = page.getByRole('dialog', { name: 'Amoxicillin label' });
    const img = viewer.locator('.kept-page img');
    await img.waitFor();
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('.kept-page img')?.complete === true);
    expect(await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight])).toEqual([800, 600]);
    expect(await img.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    await viewer.getByText(/This photo records where it was taken/).waitFor();
    await viewer.getByText('Words found on 1 page; the search finds them now.').waitFor({ timeout: 90_000 });
    await viewer.getByRole('button', { name: 'Close' }).first().click();
    await page.locator('.kept-card', { hasText: 'Amoxicillin label' }).locator('.kept-thumb img').waitFor();
    expect(await page.locator('.kept-card', { hasText: 'Amoxicillin label' }).textContent()).toContain('HEIC photo');
  });

  it('finds the words of a scanned PDF chosen at Import, and opens it at the page they are on', async () => {
    const picture = await textJpeg(['Discharge summary', 'Allergy: penicillin causes a rash', 'Follow up with Dr. Ortiz in two weeks'], 1275, 1650, 36);
    const scan = makeScannedPdf([{ lines: ['Riverside Clinic', 'Cover letter for the discharge summary'] }, { jpeg: picture, width: 1275, height: 1650 }]);
    await goTo(page, 'Import records');
    await page.getByTestId('file-input').setInputFiles([{ name: 'Discharge scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from(scan) }]);
    const job = page.getByTestId('import-job').filter({ hasText: 'Discharge scan.pdf' });
    await job.getByText(/Text found on 1 page\. Chartkeeper is finding the words in it/).waitFor();
    await job.getByRole('button', { name: 'Open Discharge scan' }).click();
    const viewer = page.getByRole('dialog', { name: 'Discharge scan' });
    await pdfPageDrawn(page);
    await viewer.getByText('Words found on 1 page; the search finds them now.').waitFor({ timeout: 90_000 });
    await viewer.getByText(/Words recognised on 1 page/).waitFor();
    await viewer.getByRole('button', { name: 'Close' }).first().click();
    await goTo(page, 'Timeline');
    await page.getByRole('searchbox').fill('penicillin');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const hit = page.getByTestId('kept-hits').locator('.kept-hit', { hasText: 'Discharge scan' });
    await hit.waitFor();
    expect(await hit.textContent()).toContain('page 2');
    expect(await hit.textContent()).toContain('recognised words');
    await hit.click();
    const opened = page.getByRole('dialog', { name: 'Discharge scan' });
    await opened.getByText('Page 2 of 2').waitFor();
    await pdfPageDrawn(page);
    await opened.getByRole('button', { name: 'Close' }).first().click();
    await page.getByRole('button', { name: 'Clear search' }).click();
  });

  it('is usable with the keyboard and has no serious accessibility violations', async () => {
    await goTo(page, 'Documents');
    await page.locator('.kept-thumb img').nth(4).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const add = page.getByRole('button', { name: 'Add a document' });
    await add.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add a document' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.kept-card', { hasText: 'Lab results March' }).focus();
    await page.keyboard.press('Enter');
    const viewer = page.getByRole('dialog', { name: 'Lab results March' });
    await pdfPageDrawn(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
  });

  it('takes screenshots in English and Spanish at both window sizes, with no English left in Spanish', async () => {
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
        await page.locator('.kept-thumb img').nth(4).waitFor();
        await screenshot(page, `documents-list-${tag}`);
        if (lang === 'es') {
          const text = (await page.locator('main').textContent()) ?? '';
          for (const english of ['Your own documents', 'Add a document', 'Lab report', 'pages', 'JPEG photo', 'Imported records', 'Prescription']) expect(text, english).not.toContain(english);
          expect(text).toContain('Informe de laboratorio');
        }
        await page.locator('.kept-card', { hasText: 'Lab results March' }).click();
        await pdfPageDrawn(page);
        await screenshot(page, `documents-pdf-page-${tag}`);
        await page.keyboard.press('Escape');
        await nav.getByRole('button', { name: lang === 'en' ? 'Timeline' : 'Cronología', exact: true }).click();
        await page.getByRole('searchbox').fill('ferritin');
        await page.getByRole('searchbox').press('Enter');
        await page.getByTestId('kept-hits').waitFor();
        await screenshot(page, `documents-search-hit-${tag}`);
        if (lang === 'es') {
          const hits = (await page.getByTestId('kept-hits').textContent()) ?? '';
          expect(hits).toContain('Encontrado en sus documentos');
          expect(hits).toContain('página 2');
        }
        // The HEIC photo, shown through the picture main drew of it.
        await nav.getByRole('button', { name: lang === 'en' ? 'Documents' : 'Documentos', exact: true }).click();
        await page.locator('.kept-card', { hasText: 'Amoxicillin label' }).click();
        await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('.kept-page img')?.naturalWidth ?? 0) > 0);
        await screenshot(page, `documents-heic-photo-${tag}`);
        if (lang === 'es') {
          const text = (await page.getByRole('dialog').textContent()) ?? '';
          for (const english of ['HEIC photo', 'Find the words', 'Words found', 'recognised', 'Prescription']) expect(text, english).not.toContain(english);
        }
        await page.keyboard.press('Escape');
        // The scanned PDF found by a word recognised on its second page, opened there.
        await nav.getByRole('button', { name: lang === 'en' ? 'Timeline' : 'Cronología', exact: true }).click();
        await page.getByRole('searchbox').fill('penicillin');
        await page.getByRole('searchbox').press('Enter');
        await page.getByTestId('kept-hits').locator('.kept-hit', { hasText: 'Discharge scan' }).waitFor();
        await screenshot(page, `documents-scan-search-hit-${tag}`);
        await page.getByTestId('kept-hits').locator('.kept-hit', { hasText: 'Discharge scan' }).click();
        await pdfPageDrawn(page);
        await screenshot(page, `documents-scan-page-${tag}`);
        if (lang === 'es') {
          const text = (await page.getByRole('dialog').textContent()) ?? '';
          for (const english of ['Page 2 of 2', 'Words recognised', 'Find the words', 'scanned pages']) expect(text, english).not.toContain(english);
        }
        await page.keyboard.press('Escape');
      }
    }
    expect(run.pageErrors).toEqual([]);
    // No CSP refusal, no failed worker or module: only the bridge's missing favicon (as in security.e2e.ts).
    // (The inline-script refusals are the harness trying addScriptTag for axe before it evaluates it.)
    expect(run.consoleErrors.filter((e) => !e.includes('favicon') && !e.includes('404') && !e.startsWith('Executing inline script'))).toEqual([]);
  });
});
