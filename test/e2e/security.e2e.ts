// Hostile content cannot run: a document whose narrative, titles and entry names carry
// <script>, onerror= and javascript: links is shown as inert text. The bridge itself refuses
// calls without its token, from another origin, and paths outside the renderer.
import http from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileDocument } from '../fixtures/e2e/ccda.ts';
import { CAN_RUN, goTo, importFiles, launchBrowser, openApp, setUp } from './support/harness.ts';

describe.skipIf(!CAN_RUN)('security', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders a hostile document as text: no script runs, no handler or javascript: link survives', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page);
      await importFiles(page, [hostileDocument()]);

      await goTo(page, 'Timeline');
      const row = page.locator('.entry-row', { hasText: 'Oxycodone' });
      await row.waitFor();
      // The markup in the entry's name is visible as characters, not parsed.
      expect(await row.textContent()).toContain('<img src=x onerror="window.__xss=10">Oxycodone');
      await row.click();
      await page.getByRole('dialog').getByRole('heading', { name: 'Where this came from' }).waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

      await goTo(page, 'Documents');
      await page.getByRole('button', { name: /Note <script>/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: /Progress note <img/ }).waitFor();
      await dialog.getByText('<script>window.__xss=8</script> shown as text').waitFor();

      // Click everything that looks like a link and hover the handler-bearing text.
      await dialog.getByText('Click javascript link').click();
      await dialog.getByText('Click data link').click();
      await dialog.getByText('hover').hover();
      await dialog.getByText('cell').click();

      const report = await page.evaluate(() => {
        const all = [...document.querySelectorAll('*')];
        return {
          xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
          scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src')),
          handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}.${a.name}`)),
          hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((h) => h !== '#main'),
          imgs: document.querySelectorAll('img').length,
          iframes: document.querySelectorAll('iframe').length,
        };
      });
      expect(report.xss).toBeNull();
      expect(report.scripts.every((src) => src === './bridge.js' || (src ?? '').startsWith('./assets/'))).toBe(true);
      expect(report.handlers).toEqual([]);
      expect(report.imgs).toBe(0);
      expect(report.iframes).toBe(0);
      // The one surviving link is the MedlinePlus one, opened outside the app.
      expect(report.hrefs).toEqual(['https://medlineplus.gov/diabetes.html']);
      const link = dialog.getByRole('link', { name: 'Diabetes on MedlinePlus' });
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');

      expect(run.dialogs).toEqual([]);
      expect(run.pageErrors).toEqual([]);
      expect(run.consoleErrors.filter((e) => !e.includes('favicon') && !e.includes('404'))).toEqual([]);
    } finally {
      await run.close();
    }
  });

  it('serves the CSP header and refuses calls without the token, from another origin, or outside the renderer', async () => {
    const run = await openApp(browser);
    try {
      const { bridge } = run;
      const index = await fetch(bridge.url);
      expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await index.text()).toContain('<script src="./bridge.js"></script>');
      const post = (headers: Record<string, string>) =>
        fetch(`${bridge.url}api/vault.status`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
      expect((await post({})).status).toBe(403);
      expect((await post({ 'x-chartkeeper-token': 'wrong' })).status).toBe(403);
      expect((await post({ 'x-chartkeeper-token': bridge.token, origin: 'http://evil.example' })).status).toBe(403);
      const ok = await post({ 'x-chartkeeper-token': bridge.token });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
      for (const p of ['..%2f..%2fpackage.json', '%2e%2e/%2e%2e/package.json', 'assets/..%5c..%5cpackage.json']) {
        expect((await fetch(`${bridge.url}${p}`)).status).toBe(404);
      }
      // bridge.js holds no token (bridge-token.e2e.ts); the token goes only to the opened page.
      // DNS rebinding: a request naming another host is refused, even on the loopback port.
      const port = new URL(bridge.url).port;
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/bridge.js', headers: { host: `evil.example:${port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(403);
    } finally {
      await run.close();
    }
  });
});
