// Profiles → Share and → Add a shared profile, as two caregivers would: Ruth shares her copy
// of Eleanor's record, Sam merges it into his; a copy of someone else is refused in the
// reader's language until confirmed. English and Spanish, both window sizes, keyboard only.
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOHN, twoProviders } from '../fixtures/e2e/ccda.ts';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, screenshot, seriousViolations, setUp } from './support/harness.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];
const SHARE_PASS = 'for my brother only';

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `${name}-${size.width}x${size.height}`);
  }
}

describe.skipIf(!CAN_RUN)('Sharing a profile with another caregiver', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shares one copy and merges it into another vault; refuses someone else until confirmed', async () => {
    const [clinic, hospital] = twoProviders();
    const downloads = mkdtempSync(path.join(os.tmpdir(), 'ck-share-'));
    // Ruth's app: her copy of Eleanor's record, shared.
    const ruth = await openApp(browser, { downloadsDir: downloads });
    let shared: string;
    try {
      const { page } = ruth;
      await setUp(page);
      await importFiles(page, [clinic!]);
      // Ruth's emergency contact for her mother, kept with her copy (typed on the card screen; set here directly).
      await page.evaluate(async () => {
        type Ok<T> = { ok: true; value: T };
        const api = (window as unknown as {
          chartkeeper: {
            profiles: { list(i: unknown): Promise<Ok<{ id: string }[]>> };
            card: { setContacts(i: unknown): Promise<{ ok: boolean }> };
          };
        }).chartkeeper;
        const [profile] = (await api.profiles.list({})).value;
        await api.card.setContacts({ profileId: profile!.id, contacts: [{ name: 'Ruth Testperson', relation: 'Daughter', phone: '+1 555 010 0001' }] });
      });
      await goTo(page, 'Profiles');
      await page.getByRole('button', { name: 'Share: Eleanor Testperson' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Passphrase for the other person').fill(SHARE_PASS);
      await dialog.getByLabel('Type the passphrase again').fill(SHARE_PASS);
      await dialog.getByLabel('Your name (optional: shown beside what you typed by hand)').fill('Ruth');
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'share-dialog-en');
      await dialog.getByRole('button', { name: 'Save the shared copy' }).click();
      const notice = page.getByText(/Saved the shared copy to /);
      await notice.waitFor();
      shared = (await notice.textContent())!.replace(/^.*Saved the shared copy to /, '').replace(/\.$/, '');
    } finally {
      await ruth.close();
    }

    // Sam's app, in Spanish: his own copy, then Ruth's merged in.
    const received = path.join(downloads, 'received.chartkeeper');
    copyFileSync(shared, received);
    const sam = await openApp(browser, {
      platform: { openFiles: async () => [{ token: 'the-shared-file-0001', name: 'received.chartkeeper' }], resolveFileToken: (t) => (t === 'the-shared-file-0001' ? received : undefined) },
    });
    try {
      const { page } = sam;
      await setUp(page);
      await importFiles(page, [hospital!]);
      // A second person, to show the identity guard.
      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Perfiles', exact: true }).click();
      await page.getByRole('button', { name: 'Añadir una persona', exact: true }).click();
      await page.getByRole('dialog').getByLabel('Nombre completo').fill(`${JOHN.given} ${JOHN.family}`);
      await page.getByRole('dialog').getByLabel('Fecha de nacimiento').fill('1951-07-11');
      await page.getByRole('dialog').getByRole('button', { name: 'Guardar' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await page.getByRole('button', { name: 'Añadir un perfil compartido' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Elegir el archivo compartido…' }).click();
      await dialog.getByText('Archivo compartido: received.chartkeeper').waitFor();
      await dialog.getByLabel('Frase de contraseña del archivo compartido').fill(SHARE_PASS);
      await dialog.getByLabel(/Combinar con John Sampleton/).check();
      await dialog.getByRole('button', { name: 'Añadir', exact: true }).click();
      await dialog.getByText(/Este perfil compartido es de otra persona/).waitFor();
      await dialog.getByRole('button', { name: 'Combinarlo de todos modos' }).waitFor();
      await shoot(page, 'share-mismatch-es');

      // The right person, with the keyboard: focus the radio and press Space.
      await dialog.getByLabel(/Combinar con Eleanor Testperson/).focus();
      await page.keyboard.press('Space');
      await dialog.getByRole('button', { name: 'Añadir', exact: true }).click();
      await dialog.getByText('Combinado con Eleanor Testperson:').waitFor();
      expect(await dialog.textContent()).toContain('Archivos añadidos: 1; ya estaban: 0.');
      expect(await dialog.textContent()).toContain('Contactos de emergencia añadidos: 1.');
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'share-merged-es');
    } finally {
      await sam.close();
    }
  });
});
