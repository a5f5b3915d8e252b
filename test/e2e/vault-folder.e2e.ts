// Choosing the vault folder in the real app: the first-run screen shows where the vault will go,
// "Choose another folder…" (answered by the bridge's folder dialog) moves it, the vault is created
// there, and choosing a folder that holds a vault switches to Unlock.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, PASSPHRASE, addFirstProfile, createVault, launchBrowser, openApp, screenshot, seriousViolations } from './support/harness.ts';

const VAULT_FILE = 'chartkeeper-vault.db';

describe.skipIf(!CAN_RUN)('choosing the vault folder', () => {
  let browser: Browser;
  const scratch: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const dir of scratch.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  async function folder(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'chartkeeper-e2e-chosen-'));
    scratch.push(dir);
    return dir;
  }

  it('creates the vault in the folder chosen on the first-run screen, using the keyboard', async () => {
    const chosen = await folder();
    const run = await openApp(browser, { chooseVaultFolder: async () => chosen });
    try {
      const { page } = run;
      await page.getByRole('heading', { name: 'Create your private health record' }).waitFor();
      await page.getByText(`Your records will be stored in ${run.vaultDir}.`).waitFor();
      const choose = page.getByRole('button', { name: 'Choose another folder…' });
      await choose.focus();
      await page.keyboard.press('Enter');
      await page.getByText(`Your records will be stored in ${chosen}.`).waitFor();
      // Still the first-run screen: the chosen folder holds no vault yet.
      await page.getByRole('heading', { name: 'Create your private health record' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'create-vault-chosen-folder');

      await createVault(page);
      expect(existsSync(path.join(chosen, VAULT_FILE))).toBe(true);
      expect(existsSync(path.join(run.vaultDir, VAULT_FILE))).toBe(false);
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });

  it('shows Unlock for a folder that holds a vault and Create for one that does not', async () => {
    const withVault = await folder();
    const empty = await folder();
    let answer: string | null = withVault;
    const run = await openApp(browser, { chooseVaultFolder: async () => answer });
    try {
      const { page } = run;
      // Make a vault in the first chosen folder, then lock it.
      await page.getByRole('button', { name: 'Choose another folder…' }).click();
      await page.getByText(`Your records will be stored in ${withVault}.`).waitFor();
      await createVault(page);
      await addFirstProfile(page, 'Eleanor Testperson', '1948-03-02');
      await page.getByRole('button', { name: 'Lock' }).click();
      await page.getByRole('heading', { name: 'Unlock Chartkeeper' }).waitFor();
      await page.getByText(`Your records are stored in ${withVault}.`).waitFor();

      // An empty folder: the first-run screen.
      answer = empty;
      await page.getByRole('button', { name: 'Choose another folder…' }).click();
      await page.getByRole('heading', { name: 'Create your private health record' }).waitFor();
      await page.getByText(`Your records will be stored in ${empty}.`).waitFor();

      // Cancelling the dialog changes nothing.
      answer = null;
      await page.getByRole('button', { name: 'Choose another folder…' }).click();
      await page.getByText(`Your records will be stored in ${empty}.`).waitFor();
      expect(await page.getByRole('heading', { name: 'Create your private health record' }).count()).toBe(1);

      // Back to the folder with the vault: Unlock, and the passphrase opens it.
      answer = withVault;
      await page.getByRole('button', { name: 'Choose another folder…' }).click();
      await page.getByRole('heading', { name: 'Unlock Chartkeeper' }).waitFor();
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock', exact: true }).click();
      await page.getByTestId('current-profile').filter({ hasText: 'Eleanor Testperson' }).waitFor();
      expect(existsSync(path.join(empty, VAULT_FILE))).toBe(false);
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });

  it('shows the one-sentence refusal when the chosen path is not a folder', async () => {
    const parent = await folder();
    const file = path.join(parent, 'notes.txt');
    await writeFile(file, 'not a folder');
    const run = await openApp(browser, { chooseVaultFolder: async () => file });
    try {
      const { page } = run;
      await page.getByRole('button', { name: 'Choose another folder…' }).click();
      await page.getByRole('alert').filter({ hasText: 'That is a file, not a folder; choose a folder for the vault.' }).waitFor();
      await page.getByText(`Your records will be stored in ${run.vaultDir}.`).waitFor();
    } finally {
      await run.close();
    }
  });
});
