// The visit summary (sandboxed preview, Save PDF, Print), MedlinePlus education through the
// stand-in server (looked up, and saved ahead of time from Settings, which follows one run to
// its end and says why it stopped), and a long timeline that pages in as it scrolls.
import { existsSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../support/medlineplus-standin.ts';
import { twoProviders } from '../fixtures/e2e/ccda.ts';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, screenshot, setUp } from './support/harness.ts';

const SIZES = [
  [1366, 768],
  [1024, 700],
] as const;

/** Screenshots at the two window sizes the project checks. */
async function shots(page: Page, name: string): Promise<void> {
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `${name}-${width}x${height}`);
  }
}

describe.skipIf(!CAN_RUN)('visit summary, education and a long timeline', () => {
  let browser: Browser;
  let standIn: StandIn;
  const previousUrl = process.env.CHARTKEEPER_MEDLINEPLUS_URL;
  beforeAll(async () => {
    browser = await launchBrowser();
    standIn = await startStandIn();
    process.env.CHARTKEEPER_MEDLINEPLUS_URL = standIn.url;
  });
  afterAll(async () => {
    if (previousUrl === undefined) delete process.env.CHARTKEEPER_MEDLINEPLUS_URL;
    else process.env.CHARTKEEPER_MEDLINEPLUS_URL = previousUrl;
    await standIn?.close();
    await browser?.close();
  });

  it('previews the summary in a sandboxed frame and saves it as a PDF', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page);
      await importFiles(page, twoProviders());
      await goTo(page, 'Visit summary');
      await page.getByLabel('Procedures').check();
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      const frame = page.locator('iframe.preview-frame');
      await frame.waitFor();
      expect(await frame.getAttribute('sandbox')).toBe('');
      expect(await frame.getAttribute('srcdoc')).toContain('Metformin');
      await page.frameLocator('iframe.preview-frame').getByText('Eleanor Testperson').first().waitFor();
      await screenshot(page, 'visit-summary');

      await page.getByRole('button', { name: 'Save PDF' }).click();
      const saved = page.locator('.notice', { hasText: 'Saved to' });
      await saved.waitFor({ timeout: 60_000 });
      const savedTo = (await saved.textContent())!.replace(/^Saved to /, '').replace(/\.$/, '');
      expect(existsSync(savedTo)).toBe(true);
      expect(readFileSync(savedTo).subarray(0, 5).toString()).toBe('%PDF-');

      await page.getByRole('button', { name: 'Print' }).click();
      await page.getByRole('alert').filter({ hasText: 'Printing is not available in this preview' }).waitFor();

      // The choice is remembered for next time.
      await goTo(page, 'Timeline');
      await goTo(page, 'Visit summary');
      expect(await page.getByLabel('Procedures').isChecked()).toBe(true);
    } finally {
      await run.close();
    }
  });

  it('says plainly when lookups are off, and shows MedlinePlus topics with attribution when on', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page);
      await importFiles(page, twoProviders());
      await goTo(page, 'Medications');
      await page.locator('.entry-row', { hasText: 'Metformin' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Learn more' }).click();
      await dialog.locator('.education .notice').waitFor();
      expect(await dialog.locator('.education').textContent()).toMatch(/online lookups are off/i);
      expect(standIn.requests).toHaveLength(0);
      await dialog.getByRole('button', { name: 'Close' }).click();

      await goTo(page, 'Settings');
      await page.getByLabel('Look up health information on MedlinePlus').check();
      await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
      await goTo(page, 'Medications');
      await page.locator('.entry-row', { hasText: 'Metformin' }).click();
      await dialog.getByRole('button', { name: 'Learn more' }).click();
      await dialog.getByText('Information from MedlinePlus.gov').waitFor();
      const links = dialog.locator('.education a');
      expect(await links.count()).toBeGreaterThan(0);
      for (const href of await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) {
        expect(new URL(href).hostname.endsWith('medlineplus.gov')).toBe(true);
      }
      expect(standIn.requests.length).toBeGreaterThan(0);
      // Only the code and the language leave the machine.
      const query = JSON.stringify(standIn.requests.map((r) => r.query));
      expect(query).not.toContain('Eleanor');
      expect(query).not.toContain('1948');
      await screenshot(page, 'education');
      await dialog.getByRole('button', { name: 'Close' }).click();

      await goTo(page, 'Settings');
      await page.getByRole('button', { name: 'Download health information for this profile' }).click();
      await page.locator('.prefetch .notice, .prefetch [role="alert"]').first().waitFor({ timeout: 60_000 });
    } finally {
      await run.close();
    }
  });

  it('with lookups off says so (English and Spanish); with them on counts to the end', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page);
      await importFiles(page, twoProviders());
      const before = standIn.requests.length;
      await goTo(page, 'Settings');
      const download = page.getByRole('button', { name: 'Download health information for this profile' });
      await download.click();
      const off = page.locator('.prefetch [role="alert"]');
      await off.waitFor();
      expect(await off.textContent()).toBe(
        'Online lookups are off, so nothing was downloaded; turn on “Look up health information on MedlinePlus” above first.',
      );
      expect(standIn.requests).toHaveLength(before);
      await shots(page, 'settings-prefetch-off-en');

      await page.getByLabel('Look up health information on MedlinePlus').check();
      await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
      await download.click();
      const done = page.locator('.prefetch .notice', { hasText: /^Downloaded \d+ of \d+ topics\.$/ });
      await done.waitFor({ timeout: 60_000 });
      const [, n, total] = /Downloaded (\d+) of (\d+)/.exec((await done.textContent())!)!;
      expect(Number(n)).toBeGreaterThan(0);
      expect(n).toBe(total);
      // One request per topic, English only (the app's language).
      expect(standIn.requests).toHaveLength(before + Number(total));
      await shots(page, 'settings-prefetch-done-en');

      // MedlinePlus refusing: the run stops and says when to try again. (This pauses lookups in
      // this process for five minutes: later tests in this file must not need the stand-in.)
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('status').filter({ hasText: /guard/i }).first().waitFor();
      standIn.script({ status: 503, body: 'Service Unavailable', contentType: 'text/plain' });
      await page.getByRole('button', { name: 'Descargar información de salud para este perfil' }).click();
      const refused = page.locator('.prefetch [role="alert"]');
      await refused.waitFor({ timeout: 30_000 });
      expect(await refused.textContent()).toMatch(
        /^MedlinePlus no está respondiendo en este momento, así que se descargaron 0 de \d+ temas; vuelva a intentarlo después de las \d\d:\d\d\.$/,
      );
      await shots(page, 'settings-prefetch-refused-es');

      await page.getByLabel('Buscar información de salud en MedlinePlus').uncheck();
      await page.getByRole('button', { name: 'Descargar información de salud para este perfil' }).click();
      await page.locator('.prefetch [role="alert"]', { hasText: 'Las búsquedas en línea están desactivadas' }).waitFor();
      await shots(page, 'settings-prefetch-off-es');
    } finally {
      await run.close();
    }
  });

  it('pages a long timeline in as it scrolls, keeping only visible rows in the page', async () => {
    const run = await openApp(browser);
    try {
      const { page, bridge } = run;
      await setUp(page);
      const profileId = await page.evaluate(async () => {
        const r = await (window as unknown as { chartkeeper: { profiles: { list(i: unknown): Promise<{ ok: true; value: { id: string }[] }> } } }).chartkeeper.profiles.list({});
        return r.value[0]!.id;
      });
      const call = (channel: string, body: unknown) =>
        fetch(`${bridge.url}api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-chartkeeper-token': bridge.token }, body: JSON.stringify(body) }).then((r) => r.json());
      const TOTAL = 450;
      for (let i = 0; i < TOTAL; i++) {
        const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
        const r = (await call('records.save', { profileId, entry: { kind: 'note', title: `Daily note ${i}`, start: day, codes: [], details: {} } })) as { ok: boolean };
        expect(r.ok).toBe(true);
      }
      await goTo(page, 'Medications');
      await goTo(page, 'Timeline');
      await page.getByText('Daily note 449').waitFor();
      const rendered = await page.locator('.timeline-item').count();
      expect(rendered).toBeGreaterThan(3);
      expect(rendered).toBeLessThan(80);
      const scroller = page.getByTestId('timeline-scroll');
      for (let i = 0; i < 60; i++) {
        await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
        await page.waitForTimeout(100);
        if (await page.getByText('Daily note 0', { exact: true }).count()) break;
      }
      await page.getByText('Daily note 0', { exact: true }).waitFor();
      await page.getByText('You have reached the beginning of the record.').waitFor();
      expect(await page.getByText(`${TOTAL} entries shown`).count()).toBe(1);
      expect(await page.locator('.timeline-item').count()).toBeLessThan(80);
    } finally {
      await run.close();
    }
  });
});
