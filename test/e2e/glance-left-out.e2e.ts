// At a glance and Allergies say what they leave out, as a caregiver meets it: a public C-CDA that
// states "No Known Drug Allergies" and another practice's document listing allergies the person
// then marks as wrong. The first screen names the allergies marked wrong (with whose record lists
// them and a way to see them) and, since no allergy is current, the document's own statement with
// who said it and when; the Allergies list shows the same statement. English and Spanish at
// 1366×768 and 1024×700, axe clean.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importAnyway, launchBrowser, openApp, repoRoot, SCREENSHOTS, seriousViolations, setUp } from './support/harness.ts';

const corpus = path.resolve(repoRoot, '../shared/corpus/ccda/jddamore-ccda-samples');
const FILES = ['MedConnect/CCDA7_JONES_TUCKER_45.xml', 'HealthGrid/t1fulls1.xml'];
const HAS_CORPUS = FILES.every((f) => existsSync(path.join(corpus, f)));
if (!HAS_CORPUS) console.warn(`[e2e] Skipping the left-out allergies test: ${corpus} is absent.`);

async function shots(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const [width, height] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SCREENSHOTS, `glance-left-out-${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** Marks every current allergy as wrong through the same call the entry's "This is wrong" makes; returns their names. */
async function markAllergiesWrong(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    type R<T> = Promise<{ ok: boolean; value: T }>;
    const api = (
      window as unknown as {
        chartkeeper: {
          profiles: { list(i: unknown): R<{ id: string }[]> };
          glance: { get(i: unknown): R<{ allergies: { entry: { id: number; title: string } }[] }> };
          statements: { add(i: unknown): R<unknown> };
        };
      }
    ).chartkeeper;
    const profileId = (await api.profiles.list({})).value[0]!.id;
    const glance = (await api.glance.get({ profileId })).value;
    for (const { entry } of glance.allergies) {
      if (!(await api.statements.add({ profileId, entryId: entry.id, kind: 'wrong' })).ok) throw new Error('not saved');
    }
    return glance.allergies.map((a) => a.entry.title);
  });
}

describe.skipIf(!CAN_RUN || !HAS_CORPUS)('At a glance: what is left out is said', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('names allergies marked wrong and shows the source\'s "no known allergies", in English and Spanish', { timeout: 300_000 }, async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await page.setViewportSize({ width: 1366, height: 768 });
      await setUp(page, 'Grace Caregiven', '1946-05-01');
      await importAnyway(
        page,
        FILES.map((f) => ({ name: path.basename(f), mimeType: 'application/xml', buffer: readFileSync(path.join(corpus, f)) })),
      );
      await goTo(page, 'At a glance');
      await page.getByTestId('glance').locator('[data-glance-ready]').waitFor();
      // An allergy is current: the document's "No Known Drug Allergies" is not shown.
      expect(await page.getByTestId('glance-none-known-allergies').count()).toBe(0);
      const marked = await markAllergiesWrong(page);
      expect(marked.length).toBeGreaterThan(0);
      await goTo(page, 'Timeline');
      await goTo(page, 'At a glance');
      await page.getByTestId('glance').locator('[data-glance-ready]').waitFor();
      const none = page.getByTestId('glance-none-known-allergies');
      await none.waitFor();
      expect(await none.textContent()).toMatch(/^No Known Drug Allergies — per MedConnect MU3 Clinic, .*2017/);
      const wrong = page.getByTestId('glance-allergies-wrong');
      const wrongText = (await wrong.textContent()) ?? '';
      expect(wrongText).toContain(`${marked.length} ${marked.length === 1 ? 'allergy' : 'allergies'} you marked as wrong:`);
      for (const name of marked) expect(wrongText).toContain(name);
      expect(wrongText).toContain('from Neighborhood Physicians Practice');
      expect(await seriousViolations(page)).toEqual([]);
      await shots(page, 'en');
      // "See them" leads to the allergy list, where the statement stands and the marked ones are behind "Show hidden".
      await wrong.getByRole('button').click();
      await page.getByRole('heading', { name: 'Allergies', level: 1 }).waitFor();
      const listNote = page.getByTestId('none-known-allergies');
      await listNote.waitFor();
      expect(await listNote.textContent()).toContain('No Known Drug Allergies — per MedConnect MU3 Clinic');
      await page.getByRole('button', { name: `Show hidden (${marked.length})` }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await shots(page, 'list-en');

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Principal' });
      await nav.getByRole('button', { name: 'De un vistazo', exact: true }).click();
      await page.getByTestId('glance').locator('[data-glance-ready]').waitFor();
      expect(await page.getByTestId('glance-none-known-allergies').textContent()).toMatch(/^No Known Drug Allergies — según MedConnect MU3 Clinic, /);
      const wrongEs = (await page.getByTestId('glance-allergies-wrong').textContent()) ?? '';
      expect(wrongEs).toMatch(/alergias? que marcó como incorrectas?:/);
      for (const english of ['you marked', 'from ', 'See them', 'See it', ' per ']) expect(wrongEs).not.toContain(english);
      expect(await seriousViolations(page)).toEqual([]);
      await shots(page, 'es');
      await nav.getByRole('button', { name: 'Alergias', exact: true }).click();
      await page.getByTestId('none-known-allergies').waitFor();
      expect(await page.getByTestId('none-known-allergies').textContent()).toContain('según MedConnect MU3 Clinic');
      await shots(page, 'list-es');
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });
});
