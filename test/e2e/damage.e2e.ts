// A damaged and a missing profile file, as the person sees them: each stays listed, the
// switcher and the profile's screens say what is wrong in a sentence naming the file, and the
// way back (restore from a backup, remove the profile) is one click away. English and Spanish,
// at 1366×768 and 1024×700.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../preload/contract.ts';
import { CAN_RUN, PASSPHRASE, goTo, launchBrowser, openApp, seriousViolations, setUp } from './support/harness.ts';
import { call, screenshotsAtBothSizes } from './support/page-tools.ts';

function flipByte(file: string, offset: number): void {
  const bytes = fs.readFileSync(file);
  bytes[offset] = bytes[offset]! ^ 0xff;
  fs.writeFileSync(file, bytes);
}

describe.skipIf(!CAN_RUN)('damaged and missing profile files', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says which file is damaged or missing, in the switcher, on the screens and in the profile list, with the way back', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Mary Smith', '1950-05-06');
      const robert = await call<Profile>(page, 'profiles.add', { name: 'Robert Smith', birthDate: '1947-11-30' });
      const ann = await call<Profile>(page, 'profiles.add', { name: 'Ann Smith', birthDate: '1979-04-12' });
      for (let i = 0; i < 30; i++) {
        await call(page, 'records.save', { profileId: robert.id, entry: { kind: 'note', title: `Note ${i}`, details: { comment: 'y'.repeat(1500) } } });
      }
      await call(page, 'vault.lock', {});
      const robertFile = path.join(run.vaultDir, 'profiles', `${robert.id}.db`);
      flipByte(robertFile, Math.floor(fs.statSync(robertFile).size / 8192) * 4096 + 200);
      fs.rmSync(path.join(run.vaultDir, 'profiles', `${ann.id}.db`));

      await call(page, 'vault.unlock', { passphrase: PASSPHRASE });
      await page.reload();
      // Ann is first by name; her file is missing, which is known at once.
      const problem = page.getByTestId('file-problem');
      await problem.filter({ hasText: `The file of Ann Smith's record (profiles/${ann.id}.db) is missing or empty` }).waitFor();
      expect(await problem.getByRole('button', { name: 'Remove this profile' }).count()).toBe(1);
      // Said once: At a glance, the first screen, and the Timeline show the notice, not main's
      // sentence for the same fact under it.
      await page.waitForFunction(() => !document.body.innerText.includes('Loading…'));
      expect(await page.locator('main').getByText(/is missing or empty/).count()).toBe(1);
      expect(await page.locator('main .error').count()).toBe(0);
      await goTo(page, 'Timeline');
      await page.getByRole('heading', { name: 'Timeline', level: 1 }).waitFor();
      await page.waitForFunction(() => !document.body.innerText.includes('Loading…'));
      expect(await page.locator('main').getByText(/is missing or empty/).count()).toBe(1);
      expect(await page.locator('main .error').count()).toBe(0);
      // Robert's damage is found by the check after unlock and shows in the switcher.
      const switcher = page.getByLabel('Switch profile');
      await switcher.locator('option', { hasText: 'Robert Smith (damaged file)' }).waitFor({ state: 'attached' });
      expect(await switcher.locator('option').allTextContents()).toEqual(['Ann Smith (file missing)', 'Mary Smith', 'Robert Smith (damaged file)']);

      await screenshotsAtBothSizes(page, 'damage-missing-en');
      await switcher.selectOption({ label: 'Robert Smith (damaged file)' });
      await problem
        .filter({ hasText: `The file of Robert Smith's record (profiles/${robert.id}.db) is damaged, so Chartkeeper only shows what can still be read` })
        .waitFor();
      await screenshotsAtBothSizes(page, 'damage-damaged-en');
      // The way back: restore from a backup, in Settings.
      await problem.getByRole('button', { name: 'Restore from a backup' }).click();
      const restore = page.getByRole('heading', { name: 'Restore from a backup', level: 2 });
      await restore.waitFor();
      await restore.scrollIntoViewIfNeeded();
      await screenshotsAtBothSizes(page, 'damage-restore-en');

      await goTo(page, 'Profiles');
      const cards = page.locator('.profile-card');
      expect(await cards.filter({ hasText: 'is damaged' }).count()).toBe(1);
      expect(await cards.filter({ hasText: 'is missing or empty' }).count()).toBe(1);
      await screenshotsAtBothSizes(page, 'damage-profiles-en');
      expect(await seriousViolations(page)).toEqual([]);

      // Spanish: the same states in Spanish sentences.
      await call(page, 'settings.set', { language: 'es' });
      await page.reload();
      await problem.filter({ hasText: `El archivo del historial de Ann Smith (profiles/${ann.id}.db) falta o está vacío` }).waitFor();
      // The Timeline under it says nothing more, and nothing in English.
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Cronología', exact: true }).click();
      await page.getByRole('heading', { name: 'Cronología', level: 1 }).waitFor();
      await page.waitForFunction(() => !document.body.innerText.includes('Cargando…'));
      expect(await page.locator('main').getByText(/falta o está vacío/).count()).toBe(1);
      expect(await page.locator('main').textContent()).not.toMatch(/The file of|missing or empty|Chartkeeper has not made/);
      await page.getByLabel('Cambiar de perfil').locator('option', { hasText: 'Robert Smith (archivo dañado)' }).waitFor({ state: 'attached' });
      await screenshotsAtBothSizes(page, 'damage-missing-es');
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Perfiles', exact: true }).click();
      await cards.filter({ hasText: 'está dañado' }).waitFor();
      await screenshotsAtBothSizes(page, 'damage-profiles-es');
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Configuración', exact: true }).click();
      await page.getByRole('heading', { name: 'Restaurar desde una copia de seguridad', level: 2 }).waitFor();
      await screenshotsAtBothSizes(page, 'damage-restore-es');
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });

  it('the way back: a damaged profile is restored from a backup beside it, then the damaged one removed', async () => {
    let backupFile = '';
    const run = await openApp(browser, {
      platform: {
        openFiles: async () => [{ token: 'backup-file-token-0001', name: 'mary.chartkeeper' }],
        resolveFileToken: (token) => (token === 'backup-file-token-0001' ? backupFile : undefined),
      },
    });
    try {
      const { page } = run;
      await setUp(page, 'Mary Smith', '1950-05-06');
      const [mary] = await call<Profile[]>(page, 'profiles.list', {});
      for (let i = 0; i < 30; i++) {
        await call(page, 'records.save', { profileId: mary!.id, entry: { kind: 'note', title: `Note ${i}`, details: { comment: 'y'.repeat(1500) } } });
      }
      backupFile = (await call<{ savedTo: string }>(page, 'backup.create', { profileId: mary!.id, passphrase: 'backup passphrase 7' })).savedTo;
      await call(page, 'vault.lock', {});
      const maryFile = path.join(run.vaultDir, 'profiles', `${mary!.id}.db`);
      flipByte(maryFile, Math.floor(fs.statSync(maryFile).size / 8192) * 4096 + 200);
      await call(page, 'vault.unlock', { passphrase: PASSPHRASE });
      await page.reload();

      const problem = page.getByTestId('file-problem').filter({ hasText: "The file of Mary Smith's record" });
      await problem.waitFor();
      await problem.getByRole('button', { name: 'Restore from a backup' }).click();
      await page.getByRole('button', { name: 'Choose a backup file…' }).click();
      await page.getByText('Backup file: mary.chartkeeper').waitFor();
      await page.getByLabel('Passphrase for the backup').last().fill('backup passphrase 7');
      await page.getByRole('button', { name: 'Restore', exact: true }).click();
      await page.getByTestId('current-profile').filter({ hasText: 'Mary Smith (restored)' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Restored: Mary Smith (restored).' }).waitFor();
      expect(await page.getByTestId('file-problem').count()).toBe(0);

      await goTo(page, 'Timeline');
      await page.locator('.entry-row', { hasText: 'Note 29' }).waitFor();
      await goTo(page, 'Profiles');
      await page.getByRole('button', { name: 'Delete profile: Mary Smith', exact: true }).click();
      const del = page.getByRole('dialog', { name: 'Delete the profile of Mary Smith?' });
      await del.getByLabel('Type Mary Smith to confirm').fill('Mary Smith');
      await del.getByRole('button', { name: 'Delete forever' }).click();
      await del.waitFor({ state: 'detached' });
      const left = await call<Profile[]>(page, 'profiles.list', {});
      expect(left.map((p) => [p.name, p.state])).toEqual([['Mary Smith (restored)', 'ok']]);
      expect(fs.existsSync(maryFile)).toBe(false);
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });
});
