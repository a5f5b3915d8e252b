// Shared e2e plumbing: a fresh vault folder and bridge per test, one Chromium per file, and
// small helpers for the flows every test needs (create, unlock, add a profile, import).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startBridge, type Bridge, type BridgeOptions } from '../../bridge/server.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCREENSHOTS = path.join(repoRoot, 'test/e2e/screenshots');
export const RENDERER_BUILT = existsSync(path.join(repoRoot, 'dist/renderer/index.html'));
export const PASSPHRASE = 'blue river lantern 42';

if (!HAS_CHROMIUM) {
  console.warn(`[e2e] Skipping end-to-end tests: ${CHROMIUM} is not installed (apt-get install chromium).`);
} else if (!RENDERER_BUILT) {
  console.warn('[e2e] Skipping end-to-end tests: the renderer is not built (npx vite build --config renderer/vite.config.ts).');
}
export const CAN_RUN = HAS_CHROMIUM && RENDERER_BUILT;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface AppRun {
  page: Page;
  context: BrowserContext;
  bridge: Bridge;
  vaultDir: string;
  /** Dialogs (alert/confirm/prompt), page errors and console errors seen during the run. */
  dialogs: string[];
  pageErrors: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function openApp(browser: Browser, options: Partial<BridgeOptions> & { beforeLoad?: (page: Page) => Promise<void> } = {}): Promise<AppRun> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'chartkeeper-e2e-'));
  const vaultDir = options.vaultDir ?? path.join(scratch, 'vault');
  await mkdir(vaultDir, { recursive: true });
  const bridge = await startBridge({ ...options, vaultDir, downloadsDir: options.downloadsDir ?? path.join(scratch, 'downloads') });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const run: AppRun = {
    page,
    context,
    bridge,
    vaultDir,
    dialogs: [],
    pageErrors: [],
    consoleErrors: [],
    async close() {
      await context.close();
      await bridge.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
  page.on('dialog', (d) => {
    run.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => run.pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') run.consoleErrors.push(m.text());
  });
  await options.beforeLoad?.(page);
  await page.goto(bridge.openUrl);
  return run;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function createVault(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Type the passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Create my record' }).click();
  await page.getByRole('heading', { name: 'Add the first person whose records you keep' }).waitFor();
}

export async function addFirstProfile(page: Page, name: string, birthDate: string): Promise<void> {
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Birth date').fill(birthDate);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('current-profile').filter({ hasText: name }).waitFor();
}

/** Create a vault with one profile; the app opens on At a glance, and this goes on to the timeline. */
export async function setUp(page: Page, name = 'Eleanor Testperson', birthDate = '1948-03-02'): Promise<void> {
  await page.getByRole('heading', { name: 'Create your private health record' }).waitFor();
  await createVault(page);
  await addFirstProfile(page, name, birthDate);
  await page.getByRole('heading', { name: 'At a glance', level: 1 }).waitFor();
  await goTo(page, 'Timeline');
  await page.getByRole('heading', { name: 'Timeline', level: 1 }).waitFor();
}

export async function goTo(page: Page, navLabel: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: navLabel, exact: true }).click();
}

/**
 * The Timeline's row for `shown`, found by searching for `query` (the timeline is virtualized:
 * an entry far down is not in the page until searched for). A click on the screen's own nav
 * button may replace the screen after the words were typed into the old one, so the search is
 * typed again until its row is there.
 */
export async function searchTimeline(page: Page, query: string, shown = query): Promise<Locator> {
  const row = page.locator('.entry-row', { hasText: shown }).first();
  for (let attempt = 1; ; attempt++) {
    const input = page.locator('input[type=search]');
    await input.fill(query);
    await input.press('Enter');
    try {
      await row.waitFor({ timeout: attempt < 3 ? 10_000 : 30_000 });
      return row;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** The two window sizes every screen is looked at in. */
export const SCREEN_SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
] as const;

/** A screenshot of the page at each of SCREEN_SIZES, named `NAME-WIDTH`. */
export async function screenshotsAtSizes(page: Page, name: string): Promise<void> {
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `${name}-${size.width}`);
  }
}

export interface EntryFactsCheck {
  /** The Timeline's button in the navigation, in the screen's language. */
  nav: string;
  /** What is searched for, and the words its row shows (the query unless said). */
  query: string;
  shown?: string;
  /** Each fact's label and words, exactly as the entry's details show them. */
  facts: [string, string][];
  /** Labels the details must not show. */
  absent?: string[];
  /** The screenshots' name (screenshotsAtSizes); none taken without one. */
  shots?: string;
}

/** Opens an entry's details from the Timeline, waits for each fact, checks what is absent, takes the screenshots, closes them. */
export async function checkEntryFacts(page: Page, check: EntryFactsCheck): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: check.nav, exact: true }).click();
  await (await searchTimeline(page, check.query, check.shown)).click();
  const dialog = page.getByRole('dialog');
  for (const [label, words] of check.facts) await dialog.locator('.fact', { has: page.getByText(label, { exact: true }) }).getByText(words, { exact: true }).waitFor();
  for (const label of check.absent ?? []) {
    if ((await dialog.locator('.fact dt', { hasText: label }).count()) > 0) throw new Error(`"${label}" shown for ${check.query}`);
  }
  if (check.shots) await screenshotsAtSizes(page, check.shots);
  await page.keyboard.press('Escape');
}

export async function importFiles(page: Page, files: { name: string; xml: string }[]): Promise<void> {
  await goTo(page, 'Import records');
  await page.getByTestId('file-input').setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/xml', buffer: Buffer.from(f.xml) })));
  for (const f of files) {
    await page
      .getByTestId('import-job')
      .filter({ hasText: f.name })
      .locator('.job-state')
      .filter({ hasText: /Done|Could not import|Needs your answer/ })
      .waitFor();
  }
}

/** Chooses files on the Import screen and waits until each is done, answering "import anyway" where the file's person differs. */
export async function importAnyway(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  await goTo(page, 'Import records');
  await page.getByTestId('file-input').setInputFiles(files);
  for (const f of files) {
    const job = page.getByTestId('import-job').filter({ hasText: f.name });
    await job.locator('.job-state').filter({ hasText: /Done|Could not import|Needs your answer/ }).waitFor();
    const answer = job.getByRole('button', { name: /Import into .* anyway/ });
    if (await answer.count()) await answer.click();
    await job.locator('.job-state').filter({ hasText: 'Done' }).waitFor();
  }
}

/** axe-core in the page; returns the serious and critical violations (id and targets). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const source = await readFile(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const already = await page.evaluate(() => 'axe' in window);
  if (!already) {
    // The app's CSP forbids inline scripts, which is what addScriptTag makes; when it is
    // refused, evaluate the same source through the DevTools protocol (which CSP does not see).
    await page.addScriptTag({ content: source }).catch(() => undefined);
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  }
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 3).join(', ')}`);
}
