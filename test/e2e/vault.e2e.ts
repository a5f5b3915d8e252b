// Vault flows in the real app: create, wrong passphrase, lock and unlock (health data gone from
// the DOM), keyboard-only unlock to the timeline, and the idle auto-lock.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoProviders } from '../fixtures/e2e/ccda.ts';
import { CAN_RUN, PASSPHRASE, createVault, importFiles, launchBrowser, openApp, screenshot, setUp } from './support/harness.ts';

describe.skipIf(!CAN_RUN)('vault', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a vault with a strength hint and the no-recovery warning, refusing mismatched passphrases', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await page.getByRole('heading', { name: 'Create your private health record' }).waitFor();
      expect(await page.locator('.warning').textContent()).toContain('If you lose it, nobody — not even Chartkeeper — can recover your records.');
      await page.getByLabel('Passphrase', { exact: true }).fill('abc');
      expect(await page.locator('.strength').textContent()).toMatch(/Strength: weak/);
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      expect(await page.locator('.strength').textContent()).toMatch(/Strength: (good|strong)/);
      await page.getByLabel('Type the passphrase again').fill(`${PASSPHRASE}x`);
      await screenshot(page, 'create-vault');
      await page.getByRole('button', { name: 'Create my record' }).click();
      await page.getByRole('alert').filter({ hasText: 'The two passphrases are not the same.' }).waitFor();
      await createVault(page);
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });

  it('locks, clears every piece of health data from the page, and unlocks again; a wrong passphrase says so', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page);
      await importFiles(page, twoProviders());
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Timeline' }).click();
      await page.getByText('Metformin 500 MG Oral Tablet').waitFor();

      await page.getByRole('button', { name: 'Lock' }).click();
      await page.getByRole('heading', { name: 'Unlock Chartkeeper' }).waitFor();
      const html = await page.content();
      for (const secret of ['Eleanor', 'Testperson', 'Metformin', 'Hemoglobin', 'Good Health Clinic', '7.2']) {
        expect(html).not.toContain(secret);
      }
      // Nothing left in JS-reachable storage either.
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      expect(stored).not.toContain('Eleanor');

      await page.getByLabel('Passphrase').fill('not the passphrase');
      await page.getByRole('button', { name: 'Unlock' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      // The message shown is the contract error's own sentence.
      const contractMessage = await page.evaluate(async () => {
        const r = await (window as unknown as { chartkeeper: { vault: { unlock(i: unknown): Promise<{ ok: boolean; error?: { kind: string; message: string } }> } } }).chartkeeper.vault.unlock({ passphrase: 'still not it' });
        return r.ok ? null : r.error;
      });
      expect(contractMessage?.kind).toBe('wrong-passphrase');
      expect(await alert.textContent()).toBe(contractMessage?.message);
      expect(await page.getByLabel('Passphrase').getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, 'unlock-wrong-passphrase');

      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByText('Metformin 500 MG Oral Tablet').waitFor();
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });

  it('works with the keyboard alone from unlock to an entry of the timeline', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page);
      await importFiles(page, twoProviders());
      await page.getByRole('button', { name: 'Lock' }).click();
      await page.getByRole('heading', { name: 'Unlock Chartkeeper' }).waitFor();
      // The passphrase field has focus on arrival; type and press Enter.
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('password');
      await page.keyboard.type(PASSPHRASE);
      await page.keyboard.press('Enter');
      // The app opens on At a glance; Tab to the Timeline in the navigation and open it.
      await page.getByRole('heading', { name: 'At a glance', level: 1 }).waitFor();
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(() => document.activeElement?.textContent === 'Timeline')) break;
      }
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Timeline', level: 1 }).waitFor();
      // Tab until an entry of the timeline has focus, then open it with Enter.
      let found = false;
      for (let i = 0; i < 40 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => document.activeElement?.classList.contains('entry-row') ?? false);
      }
      expect(found).toBe(true);
      const focusVisible = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      });
      expect(focusVisible).toBe(true);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByRole('heading', { name: 'Where this came from' }).waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.classList.contains('entry-row') ?? false)).toBe(true);
    } finally {
      await run.close();
    }
  });

  it('locks itself after the idle time set in Settings', async () => {
    const run = await openApp(browser, { beforeLoad: (page) => page.clock.install() });
    try {
      const { page } = run;
      await setUp(page);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Lock after this many minutes without use').fill('1');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
      await page.clock.fastForward('00:30');
      expect(await page.getByRole('heading', { name: 'Unlock Chartkeeper' }).count()).toBe(0);
      await page.clock.fastForward('01:05');
      await page.getByRole('heading', { name: 'Unlock Chartkeeper' }).waitFor();
      await page.getByText('Chartkeeper locked itself because it was not used for a while.').waitFor();
      expect(await page.content()).not.toContain('Eleanor');
    } finally {
      await run.close();
    }
  });
});
