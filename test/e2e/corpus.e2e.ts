// Two real public sample files for the same synthetic patient (Jeremy Bates, from two EHR
// vendors' certification samples in ../shared/corpus) imported through the UI: both read, and
// the measurements they share become one entry with two sources. Skipped without the corpus.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, repoRoot, screenshot, setUp } from './support/harness.ts';

const corpus = path.resolve(repoRoot, '../shared/corpus');
const FILES = ['ccda/jddamore-ccda-samples/Get Real Health/Jeremy_Bates-1.xml', 'ccda/jddamore-ccda-samples/NextTech/Jeremy_Bates_CCD.XML'];
const HAS_CORPUS = FILES.every((f) => existsSync(path.join(corpus, f)));
if (!HAS_CORPUS) console.warn(`[e2e] Skipping the corpus import test: ${corpus} is absent.`);

describe.skipIf(!CAN_RUN || !HAS_CORPUS)('corpus: one patient from two vendors', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports both files and merges what they share', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Jeremy Bates', '1980-08-01');
      const files = FILES.map((f) => ({ name: path.basename(f), xml: readFileSync(path.join(corpus, f), 'utf8') }));
      await importFiles(page, files);
      for (const f of files) {
        const job = page.getByTestId('import-job').filter({ hasText: f.name });
        expect(await job.locator('.job-state').textContent()).toContain('Done');
        expect(await job.textContent()).toMatch(/Patient.*Jeremy.*Bates/);
      }
      await goTo(page, 'Timeline');
      const merged = page.locator('.entry-row', { hasText: 'from 2 sources' });
      await merged.first().waitFor();
      await merged.first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('(2 sources)').waitFor();
      const sourceFiles = await dialog.locator('.source-item').allTextContents();
      expect(sourceFiles.some((t) => t.includes(files[0]!.name))).toBe(true);
      expect(sourceFiles.some((t) => t.includes(files[1]!.name))).toBe(true);
      await screenshot(page, 'corpus-merged-sources');
    } finally {
      await run.close();
    }
  });
});
