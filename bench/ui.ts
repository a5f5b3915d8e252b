// The renderer in Chromium through the test bridge, on the large bench vault: time from
// pressing Unlock to the first painted screen (At a glance, with its lists), and scrolling 10,000 rows while counting
// long tasks (PerformanceObserver 'longtask', over 50 ms).
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './corpus.ts';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export type UiFigures =
  | { measured: true; firstPaintMs: number; rowsScrolled: number; scrollSeconds: number; longTasks: number; longestTaskMs: number }
  | { measured: false; reason: string };

declare global {
  interface Window {
    __benchFirstRow?: Promise<number>;
  }
}

/** `beforeUnlock` runs with the unlock screen loaded, just before Unlock is pressed (bench/cold.ts). */
export async function measureUi(vaultDir: string, passphrase: string, targetRows = 10_000, beforeUnlock?: () => void): Promise<UiFigures> {
  if (!fs.existsSync(CHROMIUM)) return { measured: false, reason: `${CHROMIUM} is not installed` };
  if (!fs.existsSync(path.join(repoRoot, 'dist/renderer/index.html'))) return { measured: false, reason: 'the renderer is not built (npm run build:renderer)' };
  const { chromium } = await import('playwright-core');
  const { startBridge } = await import('../test/bridge/server.ts');
  const bridge = await startBridge({ vaultDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(bridge.openUrl);
    await page.getByRole('heading', { name: 'Unlock Chartkeeper' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    // The clock starts when the form is submitted and stops on the frame after the first
    // timeline row is in the DOM (rAF, then a task: the row has been painted by then).
    await page.evaluate(() => {
      window.__benchFirstRow = new Promise<number>((resolve) => {
        let t0 = 0;
        document.addEventListener('submit', () => (t0 = performance.now()), { capture: true, once: true });
        const observer = new MutationObserver(() => {
          // The first screen is At a glance: painted when its lists are in (data-glance-ready).
          if (!t0 || !document.querySelector('[data-glance-ready], .timeline-item')) return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
    });
    beforeUnlock?.();
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    const firstPaintMs = await page.evaluate(() => window.__benchFirstRow!);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Timeline', exact: true }).click();
    await page.locator('.timeline-item').first().waitFor({ timeout: 30_000 });

    const scroll = await page.evaluate(async (target: number) => {
      const el = document.querySelector<HTMLElement>('[data-testid=timeline-scroll]');
      if (!el) return { error: 'no element with data-testid="timeline-scroll"' };
      const durations: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) durations.push(entry.duration);
      });
      observer.observe({ type: 'longtask' });
      const seen = new Set<string>();
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const start = performance.now();
      let lastGrowth = performance.now();
      while (seen.size < target && performance.now() - lastGrowth < 15_000) {
        const before = seen.size;
        for (const row of el.querySelectorAll('[data-entry-id]')) seen.add(row.getAttribute('data-entry-id')!);
        if (seen.size > before) lastGrowth = performance.now();
        // One viewport (plus part of the overscan) per frame: every row is rendered once.
        el.scrollTop += el.clientHeight + 300;
        await frame();
      }
      await frame();
      observer.disconnect();
      return { rows: seen.size, seconds: (performance.now() - start) / 1000, durations };
    }, targetRows);
    if ('error' in scroll) return { measured: false, reason: scroll.error ?? 'scrolling failed' };
    return {
      measured: true,
      firstPaintMs,
      rowsScrolled: scroll.rows,
      scrollSeconds: scroll.seconds,
      longTasks: scroll.durations.length,
      longestTaskMs: scroll.durations.length ? Math.max(...scroll.durations) : 0,
    };
  } catch (error) {
    return { measured: false, reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  } finally {
    await browser.close();
    await bridge.close();
  }
}
