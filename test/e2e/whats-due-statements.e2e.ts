// The person's own statements on What's due, end to end in browser mode: a condition proposed
// from a coded problem and confirmed (the schedule changes), a condition added and taken back,
// the vaccine chosen by hand for a dose the record gave no code for, and the in-app notice of
// doses due once notifications are turned on. English and Spanish, two window sizes, keyboard
// only for the answers, no serious axe finding.
import type { Browser, Page } from 'playwright-core';
import type { ChartkeeperApi } from '../../preload/contract.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, launchBrowser, openApp, screenshot, seriousViolations, setUp } from './support/harness.ts';

const TODAY = new Date('2026-03-01T12:00:00Z');

async function shoot(page: Page, name: string) {
  for (const [width, height] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(100);
    await screenshot(page, `${name}-${width}x${height}`);
  }
}

describe.skipIf(!CAN_RUN)("What's due: the person's statements and notices", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('proposes, confirms, adds and takes back; chooses a vaccine by hand; shows the due notice', async () => {
    const run = await openApp(browser, { platform: { now: () => TODAY } });
    try {
      const { page } = run;
      await setUp(page, 'Ana Example', '1995-05-01');
      // A coded problem and a dose without a vaccine code, as an import would leave them.
      await page.evaluate(async () => {
        const api = (window as unknown as { chartkeeper: ChartkeeperApi }).chartkeeper;
        const profiles = await api.profiles.list({});
        if (!profiles.ok) throw new Error(profiles.error.message);
        const profileId = profiles.value[0]!.id;
        for (const entry of [
          { kind: 'problem' as const, title: 'Pregnancy', status: 'active', start: '2026-01-10', codes: [{ system: 'SNOMED', code: '77386006' }], details: {} },
          { kind: 'immunization' as const, title: 'Tetanus booster at work', start: '2024-09-15', codes: [], details: {} },
        ]) {
          const saved = await api.records.save({ profileId, entry });
          if (!saved.ok) throw new Error(saved.error.message);
        }
      });
      await goTo(page, "What's due");
      await page.getByRole('heading', { name: "What's due: vaccines", level: 1 }).waitFor();
      const section = (name: RegExp) => page.locator('section.due-bucket', { has: page.getByRole('heading', { level: 2, name }) });
      const changes = section(/^Things that change the schedule/);

      await page.getByRole('link', { name: 'Your records mention a condition that may change the schedule. Check it.' }).waitFor();
      const proposal = changes.locator('.due-proposal');
      await proposal.getByText('Pregnant', { exact: true }).waitFor();
      await proposal.getByText('Your records list "Pregnancy" (health problem, Jan 10, 2026).').waitFor();
      // Not used until confirmed: MMR is still due.
      await section(/^Overdue|^Due now/).getByRole('heading', { level: 3, name: /^Measles, mumps and rubella/ }).first().waitFor();
      await changes.getByText('None. The schedule above is the one for people without such conditions.').waitFor();

      // The dose without a code: choose the vaccine from CDC's list.
      const notCounted = section(/^In your records but not counted \(1\)/);
      await notCounted.getByLabel('Which vaccine was "Tetanus booster at work"?').selectOption({ label: 'Td (adult) preservative free (CVX 113)' });

      // Notifications on: the in-app notice lists what is due.
      await goTo(page, 'Settings');
      await page.getByLabel('Tell me when a vaccine becomes due').check();
      const notice = page.locator('section.due-notices');
      await notice.getByRole('heading', { name: /^Vaccines now due \(\d+\)$/ }).waitFor();
      expect(await notice.textContent()).toMatch(/Ana Example: .*Measles, mumps and rubella \(MMR\), overdue;/);
      await goTo(page, "What's due");
      await proposal.waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'whats-due-statements-proposed-en');

      // Keyboard only: confirm the proposal.
      await proposal.getByRole('button', { name: 'Yes, it applies' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('status').getByText('Saved. The schedule now counts: Pregnant.').waitFor();
      // The pressed button went with the proposal: focus lands on the section's heading.
      await page.waitForFunction(() => document.activeElement?.id === 'due-h-changes');
      await changes.getByText('you confirmed it from "Pregnancy" in your records.', { exact: false }).waitFor();
      const mmr = section(/^Not recommended now/).locator('.due-card', { hasText: 'Measles, mumps and rubella' });
      await mmr.getByText('Something in your records rules this vaccine out.').waitFor();
      // The notice asks again: MMR is no longer due.
      await page.waitForFunction(() => !document.querySelector('section.due-notices')?.textContent?.includes('Measles'));

      // Choose the vaccine (the select was filled before leaving the screen; fill it again).
      await notCounted.getByLabel('Which vaccine was "Tetanus booster at work"?').selectOption('113');
      await notCounted.getByRole('button', { name: 'Count it as this vaccine' }).click();
      const chosen = section(/^Vaccines you chose by hand \(1\)/);
      await chosen.getByText('"Tetanus booster at work", Sep 15, 2024: you chose Td (adult) preservative free (CVX 113).', { exact: false }).waitFor();
      await section(/^In your records but not counted/).waitFor({ state: 'detached' });

      // Add a condition, then take it back.
      await changes.getByLabel("Add a condition from CDC's list").selectOption('160');
      await changes.getByRole('button', { name: 'Add', exact: true }).click();
      const added = changes.locator('li', { hasText: 'Anatomical or functional asplenia' });
      await added.getByText('you added this.', { exact: false }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'whats-due-statements-confirmed-en');
      await added.getByRole('button', { name: 'Take back' }).click();
      await added.waitFor({ state: 'detached' });

      // Spanish.
      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Vacunas pendientes', exact: true }).click();
      await page.getByRole('heading', { name: 'Vacunas pendientes', level: 1 }).waitFor();
      const cambios = page.locator('section.due-bucket', { has: page.getByRole('heading', { level: 2, name: /^Cosas que cambian el calendario/ }) });
      await cambios.locator('strong', { hasText: /^Embarazo$/ }).waitFor();
      // Our Spanish title keeps CDC's English as the source's words (a tooltip).
      expect(await cambios.locator('strong', { hasText: /^Embarazo$/ }).getAttribute('title')).toBe('Texto de los CDC (en inglés): Pregnant');
      await cambios.getByRole('button', { name: 'Retirar' }).first().waitFor();
      await page.locator('section.due-notices').getByRole('heading', { name: /^Vacunas que tocan ahora/ }).waitFor();
      const body = (await page.locator('main').textContent()) ?? '';
      for (const english of ['Things that change the schedule', 'Take back', 'Vaccines you chose by hand', 'Vaccines now due', 'you confirmed']) expect(body).not.toContain(english);
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'whats-due-statements-es');
      // Taking the confirmation back brings the proposal again, in Spanish.
      await cambios.locator('li', { has: page.locator('strong', { hasText: /^Embarazo$/ }) }).getByRole('button', { name: 'Retirar' }).click();
      const propuesta = cambios.locator('.due-proposal');
      await propuesta.getByText('Sus historiales incluyen «Pregnancy» (problema de salud, 10 ene 2026).').waitFor();
      await propuesta.getByText('Texto de los CDC (en inglés): Pregnant', { exact: true }).waitFor();
      // Every condition in CDC's list has a Spanish title; none is left in CDC's English.
      const options = await cambios.getByLabel('Añadir una situación de la lista de los CDC').locator('option').allTextContents();
      expect(options.length).toBeGreaterThan(270);
      expect(options.filter((o) => o.includes('texto de los CDC'))).toEqual([]);
      expect(options).toContain('Asplenia anatómica o funcional (sin bazo, o bazo que no funciona)');
      await propuesta.getByRole('button', { name: 'Sí, se aplica' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'whats-due-statements-es-proposed');

      // The in-app notice goes once dismissed, and stays gone after a reload of the data.
      await page.locator('section.due-notices').getByRole('button', { name: 'Cerrar el aviso' }).click();
      await page.locator('section.due-notices').waitFor({ state: 'detached' });
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });
});
