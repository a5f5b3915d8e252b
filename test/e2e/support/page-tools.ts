// Helpers several e2e files share beside the harness: calling the app's API from the page, and
// the screenshots every screen change is looked at in (1366×768 and 1024×700).
import type { Page } from 'playwright-core';
import { screenshot } from './harness.ts';

type Call = (input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;

/** Calls window.chartkeeper.<domain>.<method> in the page; throws with main's sentence when it fails. */
export async function call<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([c, i]) => {
      const [domain, method] = (c as string).split('.');
      const api = (window as unknown as { chartkeeper: Record<string, Record<string, Call>> }).chartkeeper;
      return api[domain!]![method!]!(i);
    },
    [channel, input] as const,
  );
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result.value as T;
}

/** The two window sizes every screen change is looked at in; the window is put back to the harness's size after. */
export async function screenshotsAtBothSizes(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Waits until the document viewer has drawn a PDF page: some pixel is dark (its text), not just white paper. */
export async function pdfPageDrawn(page: Page): Promise<void> {
  await page.locator('.kept-page canvas').waitFor();
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('.kept-page canvas');
    if (!c || c.width === 0) return false;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 100) return true;
    return false;
  });
}
