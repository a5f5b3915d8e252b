// Opening a profile whose file must be updated for this version (after an update of
// Chartkeeper): the person sees whose records are being updated, how far it has come and not
// to close the app, in English and Spanish at 1366×768 and 1024×700; then the app opens as
// usual on the updated file.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestVersion } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { userVersion } from '../../main/vault/sqlite.ts';
import { ok, testApi } from '../support/api.ts';
import { profileBefore021 } from '../support/old-profile.ts';
import { CAN_RUN, launchBrowser, openApp, PASSPHRASE, SCREENSHOTS, seriousViolations } from './support/harness.ts';

const SIZES = [
  [1366, 768],
  [1024, 700],
] as const;

/** A vault whose one profile was written before migration 021 (its table and triggers gone, version 20). */
async function vaultToUpdate(language: 'en' | 'es'): Promise<{ dir: string; profileId: string }> {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'chartkeeper-update-')), 'vault');
  return { dir, profileId: await profileBefore021(testApi(dir), PASSPHRASE, { language }) };
}

describe.skipIf(!CAN_RUN)('a profile updated for a new version', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const language of ['en', 'es'] as const) {
    it(`says whose records are being updated and not to close the app, then opens them (${language})`, async () => {
      const { dir, profileId } = await vaultToUpdate(language);
      // An empty profile updates in milliseconds: its answer is held back so the panel can be
      // looked at, and for the picture of a later step, main's answer mid-update is given as
      // main gives it (profiles.updateProgress) while the real update waits.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      const run = await openApp(browser, {
        vaultDir: dir,
        beforeLoad: async (page) => {
          await page.route('**/api/profiles.prepare', async (route: Route) => {
            await held;
            await route.continue();
          });
        },
      });
      try {
        const { page } = run;
        await page.getByLabel(/Passphrase|Frase de contraseña/).fill(PASSPHRASE);
        await page.keyboard.press('Enter');
        const panel = page.getByTestId('updating-records');
        await panel.waitFor();
        const words = language === 'en'
          ? { title: 'Updating Ana Example’s records', close: 'Please do not close Chartkeeper.', ready: 'Getting ready…', step: 'Step 2 of 3', glance: 'At a glance' }
          : { title: 'Actualizando los registros de Ana Example', close: 'Por favor, no cierre Chartkeeper.', ready: 'Preparando…', step: 'Paso 2 de 3', glance: 'De un vistazo' };
        await page.getByRole('heading', { name: words.title, level: 1 }).waitFor();
        expect(await panel.textContent()).toContain(words.close);
        expect(await page.getByRole('status').filter({ hasText: words.ready }).count()).toBe(1);
        // The heading takes the focus, so a screen reader says it at once.
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('updating-title');
        // No screen of the profile asks main for anything meanwhile.
        expect(await page.locator('.timeline-item, .glance-line').count()).toBe(0);
        await page.route('**/api/profiles.updateProgress', (route: Route) =>
          route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: { profileId, profileName: 'Ana Example', done: 1, total: 3, running: 'provider-timeline', startedAt: '2026-12-07T01:00:00.000Z' } }) }),
        );
        await page.getByRole('status').filter({ hasText: words.step }).waitFor();
        expect(await panel.locator('progress').getAttribute('value')).toBe('1');
        expect(await seriousViolations(page)).toEqual([]);
        for (const [width, height] of SIZES) {
          await page.setViewportSize({ width, height });
          await page.waitForTimeout(100);
          await page.screenshot({ path: path.join(SCREENSHOTS, `profile-update-${language}-${width}.png`) });
        }
        await page.unroute('**/api/profiles.updateProgress');
        release();
        await page.getByRole('heading', { name: words.glance, level: 1 }).waitFor();
        expect(await panel.count()).toBe(0);
        expect(run.pageErrors).toEqual([]);
      } finally {
        release();
        await run.close().catch(() => {});
      }
      // The file was updated by the app, not left for later.
      const api = testApi(dir);
      await ok(api, 'vault.unlock', { passphrase: PASSPHRASE });
      const session = api.context.session!;
      expect(session.profileNeedsUpdate(profileId)).toBe(false);
      expect(userVersion(session.profileDb(profileId))).toBe(latestVersion(PROFILE_MIGRATIONS));
      await ok(api, 'vault.lock', {});
    });
  }
});
