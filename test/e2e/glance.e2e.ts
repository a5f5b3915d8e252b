// Issue #15, At a glance and groups, as a caregiver meets them: files from four providers (a VA
// Blue Button report, Medicare's Blue Button file, two C-CDA documents from different EHRs),
// from ../shared/corpus. The first screen shows every active allergy (kept in view while the
// rest scrolls), current problems and medications with who last listed them, the critically
// high potassium, only appointments still to come, and each provider's last import. A
// urinalysis shows as one panel, a visit's vital signs together with "145/88 mmHg". English and
// Spanish at 1366×768 and 1024×700, axe clean, usable with the keyboard.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, launchBrowser, openApp, repoRoot, SCREENSHOTS, seriousViolations, setUp } from './support/harness.ts';

const corpus = path.resolve(repoRoot, '../shared/corpus');
const FILES = [
  'va-text/amida-blue-button/VA_My_HealtheVet_Blue_Button_Sample_Version_12_5_1.txt',
  'cms-text/amida-blue-button-cms/sample.txt',
  'ccda/jddamore-ccda-samples/HealthGrid/t1fulls1.xml',
  'ccda/jddamore-ccda-samples/ChartLogic/2015-06-22-1.xml',
];
const HAS_CORPUS = FILES.every((f) => existsSync(path.join(corpus, f)));
if (!HAS_CORPUS) console.warn(`[e2e] Skipping the At a glance test: ${corpus} is absent.`);

const SIZES = [
  [1366, 768],
  [1024, 700],
] as const;

async function shots(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SCREENSHOTS, `glance-${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** Imports the four files through the Import screen, answering "import anyway" for each (they are other people's samples). */
async function importCorpus(page: Page, profileName: string): Promise<void> {
  await goTo(page, 'Import records');
  await page.getByTestId('file-input').setInputFiles(FILES.map((f) => ({ name: path.basename(f), mimeType: 'application/octet-stream', buffer: readFileSync(path.join(corpus, f)) })));
  for (let answered = 0; answered < 10; answered++) {
    const states = page.getByTestId('import-job').locator('.job-state');
    await page.waitForFunction(
      (n) => [...document.querySelectorAll('[data-testid=import-job] .job-state')].filter((el) => /Done|Could not import|Needs your answer/.test(el.textContent ?? '')).length === n,
      FILES.length,
    );
    const anyway = page.getByRole('button', { name: `Import into ${profileName} anyway` });
    if ((await anyway.count()) === 0) break;
    await anyway.first().click();
    await page.waitForTimeout(300);
    expect(await states.count()).toBe(FILES.length);
  }
  await page.waitForFunction(
    (n) => [...document.querySelectorAll('[data-testid=import-job] .job-state')].filter((el) => /Done/.test(el.textContent ?? '')).length === n,
    FILES.length,
  );
}

/** An appointment typed in by hand, through the same API call the form makes (the form's date field is another part of issue #15). */
async function addAppointment(page: Page, title: string, date: string): Promise<void> {
  const saved = await page.evaluate(
    async ({ title, date }) => {
      const api = (window as unknown as { chartkeeper: { profiles: { list(i: unknown): Promise<{ ok: boolean; value: { id: string }[] }> }; records: { save(i: unknown): Promise<{ ok: boolean }> } } }).chartkeeper;
      const profiles = await api.profiles.list({});
      return (await api.records.save({ profileId: profiles.value[0]!.id, entry: { kind: 'appointment', title, codes: [], details: { plannedFor: date } } })).ok;
    },
    { title, date },
  );
  expect(saved).toBe(true);
}

describe.skipIf(!CAN_RUN || !HAS_CORPUS)('At a glance and grouped results', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens on what matters, from four providers, in English and Spanish', { timeout: 300_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await page.setViewportSize({ width: 1366, height: 768 });
      await setUp(page, 'Grace Caregiven', '1946-05-01');
      await importCorpus(page, 'Grace Caregiven');
      await addAppointment(page, 'Kidney clinic follow-up', '2099-01-15');
      await addAppointment(page, 'Eye exam', '2013-04-01');

      await goTo(page, 'At a glance');
      const glance = page.getByTestId('glance');
      await glance.locator('[data-glance-ready]').waitFor();
      const allergies = page.getByTestId('glance-allergies');
      const allergyText = (await allergies.textContent()) ?? '';
      for (const a of ['Ampicillin', 'BACTRIM', 'Penicillin']) expect(allergyText).toContain(a);
      expect(allergyText).toMatch(/last listed .+ by (VA|Neighborhood Physicians Practice)/);
      const abnormal = page.getByTestId('glance-abnormal');
      const potassium = abnormal.locator('.glance-line', { hasText: 'POTASSIUM' });
      expect(await potassium.textContent()).toContain('6.5 mmol/L');
      expect(await potassium.textContent()).toContain('Critically high');
      expect(await abnormal.textContent()).toContain('The newest results in this record are from');
      const upcoming = (await page.getByTestId('glance-upcoming').textContent()) ?? '';
      expect(upcoming).toContain('Kidney clinic follow-up');
      expect(upcoming).not.toContain('Eye exam');
      const imports = (await page.getByTestId('glance-imports').textContent()) ?? '';
      for (const provider of ['VA', 'Medicare (CMS)', 'Neighborhood Physicians Practice EMR']) expect(imports).toContain(provider);
      expect(await page.getByTestId('glance-medications').textContent()).toMatch(/last listed/);
      expect(await seriousViolations(page)).toEqual([]);
      await shots(page, 'en');

      // The allergies stay in view when the rest of the screen is scrolled: their names are pinned at the top.
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.mouse.move(600, 400);
      await page.mouse.wheel(0, 1500);
      const pinned = page.getByTestId('glance-allergies-pinned');
      await pinned.waitFor();
      const box = await pinned.boundingBox();
      expect(box && box.y >= -1 && box.y + box.height <= 700).toBe(true);
      for (const a of ['Ampicillin', 'BACTRIM', 'Penicillin']) expect(await pinned.textContent()).toContain(a);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'glance-en-scrolled-1024.png') });
      await page.mouse.wheel(0, -3000);
      await pinned.waitFor({ state: 'detached' });
      await page.setViewportSize({ width: 1366, height: 768 });

      // Keyboard: Tab reaches an allergy and Enter opens where it came from.
      await page.getByRole('heading', { name: 'At a glance', level: 1 }).focus();
      let onAllergy = false;
      for (let i = 0; i < 10 && !onAllergy; i++) {
        await page.keyboard.press('Tab');
        onAllergy = await page.evaluate(() => document.activeElement?.closest('[data-testid=glance-allergies] .glance-line') !== null);
      }
      expect(onAllergy).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').getByRole('heading', { name: 'Where this came from' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      // Groups: the urinalysis is one panel; the vital signs of the visit are together, blood pressure paired.
      await goTo(page, 'Test results');
      const panel = page.locator('[data-group="panel"]', { hasText: 'Urinalysis' }).filter({ hasText: 'Specific gravity' }).first();
      await panel.waitFor();
      expect(await panel.locator('.entry-row').count()).toBeGreaterThanOrEqual(7);
      expect(await panel.textContent()).toContain('1.015');
      await panel.scrollIntoViewIfNeeded();
      await shots(page, 'panel-en');
      await goTo(page, 'Vital signs');
      const bp = page.locator('[data-blood-pressure]', { hasText: '145/88 mmHg' }).first();
      await bp.waitFor();
      expect(await page.locator('[data-group="vitals"]').first().textContent()).toContain('Vital signs');
      expect(await seriousViolations(page)).toEqual([]);
      await shots(page, 'vitals-en');
      await goTo(page, 'Timeline');
      await page.getByRole('searchbox').fill('blood pressure');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByRole('button', { name: 'Clear search' }).click();
      await page.getByTestId('timeline-scroll').evaluate((el) => {
        const group = el.querySelector('[data-group="vitals"]');
        group?.scrollIntoView();
      });

      // The visit summary: items one by one, the note for the clinician printed whenever written.
      await goTo(page, 'Visit summary');
      const picker = page.getByTestId('summary-items');
      await picker.waitFor();
      const meds = picker.locator('details[data-section="medications"]');
      await meds.locator('summary').click();
      const amlodipine = meds.getByRole('checkbox', { name: /AMLODIPINE/ });
      await amlodipine.uncheck();
      expect(await meds.locator('summary').textContent()).toMatch(/8 of 9 chosen/);
      await page.getByLabel('Note for the clinician (optional)').fill('She gets dizzy when standing up.');
      expect(await seriousViolations(page)).toEqual([]);
      await amlodipine.scrollIntoViewIfNeeded();
      await shots(page, 'summary-items-en');
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      const frame = page.frameLocator('iframe.preview-frame');
      await frame.getByText('She gets dizzy when standing up.').waitFor();
      const printed = (await frame.locator('body').textContent()) ?? '';
      expect(printed).not.toContain('AMLODIPINE');
      expect(printed).toContain('1 item left out by the person who printed this.');
      expect(printed).toContain('145/88 mmHg');
      expect(printed).toContain('Urinalysis (procedure)');
      // With the keyboard: the picker's sections open with Enter and items toggle with Space.
      const problems = picker.locator('details[data-section="problems"] summary');
      await problems.focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      expect(await picker.locator('details[data-section="problems"] summary').textContent()).toMatch(/11 of 12 chosen/);
      await page.keyboard.press('Space');

      // Spanish.
      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Principal' });
      await nav.getByRole('button', { name: 'De un vistazo', exact: true }).click();
      await page.getByTestId('glance').locator('[data-glance-ready]').waitFor();
      const es = (await page.getByTestId('glance').textContent()) ?? '';
      expect(es).toContain('Alergias');
      expect(es).toContain('Críticamente alto');
      expect(es).toContain('6,5 mmol/L');
      for (const english of ['last listed', 'Upcoming appointments', 'Records imported', 'See all', 'Abnormal results']) expect(es).not.toContain(english);
      expect(await seriousViolations(page)).toEqual([]);
      await shots(page, 'es');
      await nav.getByRole('button', { name: 'Signos vitales', exact: true }).click();
      await page.locator('[data-blood-pressure]', { hasText: '145/88 mmHg' }).first().waitFor();
      await shots(page, 'vitals-es');
      await nav.getByRole('button', { name: 'Resultados de pruebas', exact: true }).click();
      const panelEs = page.locator('[data-group="panel"]', { hasText: 'Urinalysis' }).filter({ hasText: 'Specific gravity' }).first();
      await panelEs.waitFor();
      expect(await panelEs.textContent()).toContain('1,015');
      await panelEs.scrollIntoViewIfNeeded();
      await shots(page, 'panel-es');
      await nav.getByRole('button', { name: 'Resumen para la consulta', exact: true }).click();
      const pickerEs = page.getByTestId('summary-items');
      await pickerEs.waitFor();
      await pickerEs.locator('details[data-section="medications"] summary').click();
      expect(await pickerEs.locator('details[data-section="medications"] summary').textContent()).toMatch(/8 de 9 elegidos/);
      const summaryEs = (await page.locator('main').textContent()) ?? '';
      for (const english of ['Items to print', 'chosen', 'Untick']) expect(summaryEs).not.toContain(english);
      await shots(page, 'summary-items-es');
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });
});
