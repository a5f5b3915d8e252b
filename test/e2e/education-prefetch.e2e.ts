// Settings → "Download health information for this profile" follows one run to its end and,
// when the run cannot go on, says why (lookups off, MedlinePlus unreachable or refusing).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoProviders } from '../fixtures/e2e/ccda.ts';
import { startStandIn, type StandIn } from '../support/medlineplus-standin.ts';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, screenshot, setUp } from './support/harness.ts';

const SIZES = [
  [1366, 768],
  [1024, 700],
] as const;

async function shots(page: Page, name: string): Promise<void> {
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `${name}-${width}x${height}`);
  }
}

describe.skipIf(!CAN_RUN)('saving education ahead of time from Settings', () => {
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

  it('with lookups off says so (English and Spanish); with them on counts to the end', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page);
      await importFiles(page, twoProviders());
      await goTo(page, 'Settings');
      const download = page.getByRole('button', { name: 'Download health information for this profile' });
      await download.click();
      const off = page.locator('.prefetch [role="alert"]');
      await off.waitFor();
      expect(await off.textContent()).toBe(
        'Online lookups are off, so nothing was downloaded; turn on “Look up health information on MedlinePlus” above first.',
      );
      expect(standIn.requests).toHaveLength(0);
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
      expect(standIn.requests).toHaveLength(Number(total));
      await shots(page, 'settings-prefetch-done-en');

      // MedlinePlus refusing: the run stops and says when to try again.
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
});
