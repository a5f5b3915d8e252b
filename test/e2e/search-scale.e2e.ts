// Search in a profile where a word is in every reading of a device (issue #19, Scale): more
// than 20,000 glucose readings, so only the matches added most recently are ranked, and the
// Timeline says so under the results, in English and Spanish, at 1366×768 and 1024×700. The
// results come a page at a time: scrolling down the list reads the next pages.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordDraft } from '../../main/records/model.ts';
import { insertEntry } from '../../main/vault/entries.ts';
import { MANY_MATCHES, RANKED_WHEN_MANY } from '../../main/vault/timeline.ts';
import { createVault } from '../../main/vault/vault.ts';
import { CAN_RUN, goTo, launchBrowser, openApp, PASSPHRASE, screenshot } from './support/harness.ts';

/** The results a page of search holds (renderer/screens/Timeline.tsx SEARCH_PAGE). */
const SEARCH_PAGE = 100;

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

/** A vault whose one profile holds MANY_MATCHES + 100 sensor readings and one lab result. */
function vaultWithReadings(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-search-scale-')), 'vault');
  const now = new Date('2026-01-01T12:00:00Z');
  const session = createVault(dir, PASSPHRASE, now);
  try {
    const profile = session.addProfile({ name: 'Morgan Sensorwearer', birthDate: '1961-04-12' }, now);
    const db = session.profileDb(profile.id);
    db.prepare("INSERT INTO sources (id, file_id, kind, format, provider, imported_at) VALUES (1, NULL, 'document', 'glucose-csv', 'Dexcom G6', ?)").run(now.toISOString());
    const reading = (i: number): RecordDraft => ({
      kind: 'result',
      title: 'Glucose [Mass/volume] in Interstitial fluid',
      codes: [{ system: 'LOINC', code: '99504-3' }],
      start: new Date(Date.parse('2025-06-01T00:00:00Z') + i * 300_000).toISOString(),
      value: { number: 90 + (i % 60), text: String(90 + (i % 60)), unit: 'mg/dL' },
      details: { comment: 'Sensor reading' },
    });
    db.transaction(() => {
      for (let i = 0; i < MANY_MATCHES + 100; i++) insertEntry(db, reading(i), [], false, now.toISOString(), { creator: { sourceId: 1, provider: 'Dexcom G6' } });
    })();
  } finally {
    session.close();
  }
  return dir;
}

async function unlockToTimeline(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Unlock Chartkeeper' }).waitFor();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await page.getByRole('heading', { name: 'At a glance', level: 1 }).waitFor();
  await goTo(page, 'Timeline');
}

async function searchFor(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox').fill(text);
  await page.getByRole('search').getByRole('button').first().click();
}

describe.skipIf(!CAN_RUN)('search among more matches than are ranked', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says that only the matches added most recently were ranked, and says nothing for a narrower search', async () => {
    const run = await openApp(browser, { vaultDir: vaultWithReadings() });
    const { page } = run;
    try {
      await unlockToTimeline(page);
      await searchFor(page, 'glucose');
      const notice = page.getByText(`So many entries match that only the ${RANKED_WHEN_MANY.toLocaleString('en-US')} added most recently were ranked.`, { exact: false });
      await notice.waitFor();
      await page.getByText(`More than ${RANKED_WHEN_MANY.toLocaleString('en-US')} matches for “glucose”`).waitFor();
      expect(await page.locator('.entry-row').first().textContent()).toContain('Glucose');
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `search-newest-only-en-${size.width}x${size.height}`);
      }
      // A word in few entries: every match ranked, nothing to say.
      await searchFor(page, '149');
      await page.getByText(/matches for “149”/).waitFor();
      expect(await notice.count()).toBe(0);

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Cronología', exact: true }).click();
      await searchFor(page, 'glucose');
      const aviso = page.getByText(`Coinciden tantas entradas que solo se ordenaron las ${RANKED_WHEN_MANY.toLocaleString('es-ES')} añadidas más recientemente.`, { exact: false });
      await aviso.waitFor();
      // The settings' "saved" toast would cover a row of the screenshots.
      await page.waitForFunction(() => !document.querySelector('.toast')?.textContent, undefined, { timeout: 15_000 });
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `search-newest-only-es-${size.width}x${size.height}`);
      }
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });

  it('reads the next results as the person scrolls: every match once, counted from the first page', async () => {
    const run = await openApp(browser, { vaultDir: vaultWithReadings() });
    const { page } = run;
    try {
      await unlockToTimeline(page);
      // "149": one reading in 60 (every 60th value), several pages of results, all ranked.
      const expected = Array.from({ length: MANY_MATCHES + 100 }, (_, i) => 90 + (i % 60)).filter((v) => v === 149).length;
      expect(expected).toBeGreaterThan(SEARCH_PAGE * 2);
      await searchFor(page, '149');
      await page.getByText(`${expected.toLocaleString('en-US')} matches for “149”`).waitFor();
      const seen = await scrollThrough(page);
      expect(seen.duplicates).toEqual([]);
      expect(seen.ids).toHaveLength(expected);

      // A word past the bound: the ranked window, scrolled past its first page.
      await searchFor(page, 'glucose');
      await page.getByText(`More than ${RANKED_WHEN_MANY.toLocaleString('en-US')} matches for “glucose”`).waitFor();
      await scrollPastFirstPage(page);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `search-scrolled-en-${size.width}x${size.height}`);
      }

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Cronología', exact: true }).click();
      await searchFor(page, 'glucose');
      await page.getByText(`Más de ${RANKED_WHEN_MANY.toLocaleString('es-ES')} resultados para «glucose»`).waitFor();
      await scrollPastFirstPage(page);
      await page.waitForFunction(() => !document.querySelector('.toast')?.textContent, undefined, { timeout: 15_000 });
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `search-scrolled-es-${size.width}x${size.height}`);
      }
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });
});

/**
 * Scrolls the results to their end a screen at a time, as a person would, noting each entry
 * row and where in the list it stood; an entry at two places in the list is a duplicate.
 */
async function scrollThrough(page: Page): Promise<{ ids: string[]; duplicates: string[] }> {
  const at = new Map<string, Set<string>>();
  let still = 0;
  for (let step = 0; step < 2000 && still < 20; step++) {
    const view = await page.evaluate(() => {
      const region = document.querySelector<HTMLElement>('[data-testid="timeline-scroll"]')!;
      const rows = [...region.querySelectorAll<HTMLElement>('[role="listitem"]')].flatMap((item) =>
        [...item.querySelectorAll<HTMLElement>('[data-entry-id]')].map((row) => [row.dataset.entryId!, item.dataset.index!] as const),
      );
      const before = region.scrollTop;
      region.scrollTop += region.clientHeight * 0.8;
      return { rows, moved: region.scrollTop !== before, loading: document.body.textContent?.includes('Loading more') ?? false };
    });
    for (const [id, index] of view.rows) at.set(id, (at.get(id) ?? new Set()).add(index));
    still = view.moved || view.loading ? 0 : still + 1;
    await page.waitForTimeout(view.moved ? 30 : 100);
  }
  return { ids: [...at.keys()], duplicates: [...at].filter(([, places]) => places.size > 1).map(([id]) => id) };
}

/**
 * Scrolls down until the list holds rows past the first page of results (its entries and a
 * day heading or two), then a little back up, so the screenshot shows results on both sides
 * of where the next page joined.
 */
async function scrollPastFirstPage(page: Page): Promise<void> {
  const region = page.getByTestId('timeline-scroll');
  await region.locator('[data-entry-id]').first().waitFor();
  let furthest = 0;
  for (let i = 0; i < 400 && furthest < SEARCH_PAGE + 10; i++) {
    furthest = await region.evaluate((el) => {
      el.scrollBy(0, el.clientHeight);
      return Math.max(...[...el.querySelectorAll<HTMLElement>('[role="listitem"]')].map((item) => Number(item.dataset.index)));
    });
    await page.waitForTimeout(50);
  }
  expect(furthest).toBeGreaterThanOrEqual(SEARCH_PAGE + 10);
  await region.evaluate((el) => el.scrollBy(0, -el.clientHeight / 2));
  await page.getByText(/Loading more|Cargando más/).waitFor({ state: 'detached' });
}
