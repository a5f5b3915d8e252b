// Visit summary → "Save as International Patient Summary": the file saved is an IPS document
// in the app's language.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoProviders } from '../fixtures/e2e/ccda.ts';
import { ipsProblems } from '../export/ips-rules.ts';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, screenshot, setUp } from './support/harness.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

describe.skipIf(!CAN_RUN)('International Patient Summary from the visit summary', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('saves an IPS document in English and in Spanish', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page);
      await importFiles(page, twoProviders());
      for (const language of ['en', 'es'] as const) {
        if (language === 'es') {
          await goTo(page, 'Settings');
          await page.getByLabel('Language').selectOption('es');
          await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Resumen para la consulta', exact: true }).click();
        } else {
          await goTo(page, 'Visit summary');
        }
        const label = language === 'es' ? 'Guardar como Resumen Internacional del Paciente' : 'Save as International Patient Summary';
        await page.getByRole('button', { name: label }).click();
        const saved = page.locator('.notice', { hasText: language === 'es' ? 'Guardado en' : 'Saved to' });
        await saved.waitFor({ timeout: 60_000 });
        const savedTo = (await saved.textContent())!.replace(/^(Saved to|Guardado en) /, '').replace(/\.$/, '');
        const bundle = JSON.parse(readFileSync(savedTo, 'utf8')) as { entry: { resource: { language?: string; section?: unknown[] } }[] };
        expect(ipsProblems(bundle, { uuidFullUrls: true })).toEqual([]);
        expect(bundle.entry[0]!.resource.language).toBe(language);
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await screenshot(page, `ips-saved-${language}-${size.width}`);
        }
      }
    } finally {
      await run.close();
    }
  });
});
