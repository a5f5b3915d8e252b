// Importing two providers' files for the same person and reading the result: the import
// report, merged timeline items, an entry's sources, filters and search, results, documents,
// a lab trend with its range band, blood pressure, and entries added by hand.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoProviders } from '../fixtures/e2e/ccda.ts';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, screenshot, setUp, type AppRun } from './support/harness.ts';

describe.skipIf(!CAN_RUN)('records from two providers', () => {
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

  it('reports per file and per kind what was new and what was merged', async () => {
    const clinic = page.getByTestId('import-job').filter({ hasText: 'good-health-clinic.xml' });
    const hospital = page.getByTestId('import-job').filter({ hasText: 'riverside-hospital.xml' });
    expect(await clinic.locator('.job-state').textContent()).toContain('Done');
    expect(await clinic.textContent()).toContain('C-CDA document');
    expect(await clinic.textContent()).toContain('Eleanor Testperson');
    const row = (job: typeof clinic, kind: string) => job.locator('tr', { has: page.getByRole('rowheader', { name: kind }) }).locator('td');
    expect(await row(clinic, 'Medications').allTextContents()).toEqual(['1', '0', '0']);
    // The hospital repeats metformin (merged) and adds lisinopril (new).
    expect(await row(hospital, 'Medications').allTextContents()).toEqual(['1', '1', '0']);
    expect(await row(hospital, 'Problems').allTextContents()).toEqual(['0', '1', '0']);
    await screenshot(page, 'import-report');
  });

  it('shows one timeline across providers with merged items marked "from 2 sources"', async () => {
    await goTo(page, 'Timeline');
    const metformin = page.locator('.entry-row', { hasText: 'Metformin 500 MG Oral Tablet' });
    await metformin.waitFor();
    expect(await metformin.textContent()).toContain('from 2 sources');
    expect(await metformin.textContent()).toContain('Good Health Clinic');
    expect(await metformin.textContent()).toContain('Riverside Hospital');
    const lisinopril = page.locator('.entry-row', { hasText: 'Lisinopril' });
    expect(await lisinopril.textContent()).not.toContain('sources');
    // Grouped by day, newest first.
    const days = await page.locator('.timeline-day h2').allTextContents();
    expect(days[0]).toBe('Jun 15, 2024');
    expect(days).toContain('Mar 1, 2024');
    await screenshot(page, 'timeline');
  });

  it('filters by kind, provider and date, and searches the full text', async () => {
    await goTo(page, 'Timeline');
    await page.getByLabel('Kind').selectOption('medication');
    await page.locator('.entry-row', { hasText: 'Lisinopril' }).waitFor();
    await page.waitForFunction(() => !document.body.textContent?.includes('Hemoglobin A1c'));
    expect(await page.locator('.entry-row').count()).toBe(2);

    await page.getByLabel('Kind').selectOption('');
    await page.getByLabel('Provider').selectOption('Good Health Clinic');
    await page.waitForFunction(() => !document.body.textContent?.includes('Lisinopril'));
    await page.locator('.entry-row', { hasText: 'Penicillin G' }).waitFor();

    await page.getByLabel('Provider').selectOption('');
    await page.getByLabel('From').fill('2024-06-01');
    await page.waitForFunction(() => !document.body.textContent?.includes('Penicillin G'));
    await page.locator('.entry-row', { hasText: 'Lisinopril' }).waitFor();
    await page.getByLabel('From').fill('');

    await page.getByRole('searchbox').fill('lisinopril');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('1 match for “lisinopril”').waitFor();
    expect(await page.locator('.entry-row').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear search' }).click();
    await page.locator('.entry-row', { hasText: 'Penicillin G' }).waitFor();
  });

  it('opens an entry with every source it came from, as each source wrote it', async () => {
    await goTo(page, 'Medications');
    // The fixture's lists date from 2024: current, or unconfirmed for over a year once that has passed.
    await page.getByRole('heading', { name: /Current medications|no source has confirmed it for over a year/ }).first().waitFor();
    await page.locator('.entry-row', { hasText: 'Metformin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Metformin 500 MG Oral Tablet' });
    await dialog.waitFor();
    await dialog.getByText('(2 sources)').waitFor();
    const sources = dialog.locator('.source-item');
    expect(await sources.count()).toBe(2);
    const texts = await sources.allTextContents();
    expect(texts.some((t) => t.includes('Good Health Clinic') && t.includes('good-health-clinic.xml'))).toBe(true);
    expect(texts.some((t) => t.includes('Riverside Hospital') && t.includes('riverside-hospital.xml'))).toBe(true);
    expect(texts.every((t) => t.includes('As this source wrote it'))).toBe(true);
    await screenshot(page, 'record-sources');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('lists active problems and test results by panel and by test, with values outside the range marked', async () => {
    await goTo(page, 'Problems');
    await page.getByRole('heading', { name: /Active problems|no source has confirmed it for over a year/ }).first().waitFor();
    expect(await page.locator('.entry-row', { hasText: 'Essential hypertension' }).textContent()).toContain('from 2 sources');
    await goTo(page, 'Test results');
    await page.locator('.entry-row', { hasText: 'Hemoglobin A1c' }).first().waitFor();
    expect(await page.locator('.group h2').first().textContent()).toContain('Hemoglobin A1c panel');
    await page.getByLabel('By test').check();
    await page.getByRole('heading', { name: 'Hemoglobin A1c', level: 2 }).waitFor();
    const rows = await page.locator('.entry-row').allTextContents();
    expect(rows).toHaveLength(3);
    // Flagged in the one vocabulary: icon and word, not colour alone.
    expect(rows.filter((r) => r.includes('▲ High'))).toHaveLength(2);
    expect(await page.locator('.entry-row [data-flag="high"]').count()).toBe(2);
  });

  it('draws a lab trend with its normal range as a band and out-of-range values marked, plus a table', async () => {
    await goTo(page, 'Trends');
    await page.getByRole('button', { name: /Hemoglobin A1c/ }).click();
    const chart = page.getByRole('group', { name: /Chart of Hemoglobin A1c/ });
    await chart.waitFor();
    expect(await chart.locator('rect.trend-band').count()).toBe(1);
    expect(await chart.locator('[data-out-of-range="true"]').count()).toBe(2);
    expect(await chart.locator('circle.trend-point').count()).toBe(1);
    const path = await chart.locator('path[stroke]').getAttribute('d');
    expect(path?.match(/[ML]/g)).toHaveLength(3);
    await page.getByText('Show the values as a table').click();
    await page.locator('.trend-table tbody tr').first().waitFor();
    const cells = await page.locator('.trend-table tbody tr').allTextContents();
    expect(cells).toHaveLength(3);
    expect(cells[1]).toContain('Good Health Clinic, Riverside Hospital');
    await screenshot(page, 'lab-trend');

    await page.getByRole('button', { name: /Blood pressure/ }).click();
    const bp = page.getByRole('group', { name: /Chart of Systolic \/ Diastolic/ });
    await bp.waitFor();
    expect(await bp.locator('path[stroke]').count()).toBe(2);
    await screenshot(page, 'blood-pressure-trend');
  });

  it('shows imported documents section by section', async () => {
    await goTo(page, 'Documents');
    await page.getByRole('button', { name: /Riverside Hospital Discharge Summary/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Medications', level: 3 }).waitFor();
    expect(await dialog.locator('.narrative li').allTextContents()).toContain('Lisinopril 10 MG Oral Tablet');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('adds, shows and edits entries by hand, marked as such', async () => {
    await goTo(page, 'Medications');
    await page.getByRole('button', { name: 'Add Medication' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Medication' });
    await dialog.getByLabel('Name').fill('Vitamin D3 1000 IU');
    await dialog.getByLabel('Dose').fill('1 capsule');
    await dialog.getByLabel('Started').fill('2024-05');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('.entry-row', { hasText: 'Vitamin D3 1000 IU' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Entered by hand');
    expect(await row.textContent()).toContain('May 2024');

    await goTo(page, 'My notes and visits');
    await page.getByRole('button', { name: 'Add Question' }).click();
    const q = page.getByRole('dialog', { name: 'Add Question' });
    await q.getByLabel('Your question').fill('Should I keep taking metformin with lisinopril?');
    await q.getByRole('button', { name: 'Save' }).click();
    await page.locator('.entry-row', { hasText: 'Should I keep taking metformin' }).waitFor();

    await page.getByRole('button', { name: 'Add Appointment' }).click();
    const a = page.getByRole('dialog', { name: 'Add Appointment' });
    await a.getByLabel('What is the appointment?').fill('Check-up with Dr. Rivera');
    await a.getByLabel('Date').fill('2030-02-14');
    await a.getByLabel('Place').fill('Good Health Clinic');
    await a.getByRole('button', { name: 'Save' }).click();
    const appt = page.locator('.entry-row', { hasText: 'Check-up with Dr. Rivera' });
    await appt.waitFor();

    await appt.click();
    const details = page.getByRole('dialog', { name: 'Check-up with Dr. Rivera' });
    await details.getByText('Feb 14, 2030').waitFor();
    await details.getByRole('button', { name: 'Edit' }).click();
    await details.getByLabel('What is the appointment?').fill('Check-up with Dr. Rivera (fasting)');
    await details.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog', { name: 'Check-up with Dr. Rivera (fasting)' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.locator('.entry-row', { hasText: 'Check-up with Dr. Rivera (fasting)' }).waitFor();

    await goTo(page, 'Timeline');
    const manual = page.locator('.entry-row', { hasText: 'Vitamin D3 1000 IU' });
    await manual.waitFor();
    expect(await manual.textContent()).toContain('Entered by hand');
    expect(run.pageErrors).toEqual([]);
  });
});
