// Browser mode gives the vault's token only to the page the launcher opened: /bridge.js holds
// no token, the address's one-time ticket works once, and any other page gets no access.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, launchBrowser, openApp } from './support/harness.ts';

describe.skipIf(!CAN_RUN)('the browser-mode token', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reaches only the page opened with the one-time address', async () => {
    const run = await openApp(browser);
    try {
      const { page, bridge } = run;
      await page.getByRole('heading', { name: 'Create your private health record' }).waitFor();
      // The ticket is gone from the address once used.
      expect(page.url()).toBe(bridge.url);

      // Anyone may fetch the script; it carries no token.
      const script = await (await fetch(`${bridge.url}bridge.js`)).text();
      expect(script).not.toContain(bridge.token);
      const ticket = new URL(bridge.openUrl).hash.slice('#ticket='.length);
      expect(script).not.toContain(ticket);

      // The ticket does not work a second time, and nothing else gets the token.
      const trade = (headers: Record<string, string>) => fetch(`${bridge.url}session`, { method: 'POST', headers });
      const attempts: Record<string, string>[] = [{ 'x-chartkeeper-ticket': ticket }, {}, { 'x-chartkeeper-ticket': 'wrong' }];
      for (const headers of attempts) {
        const answer = await trade(headers);
        expect(answer.status).toBe(403);
        expect(await answer.text()).not.toContain(bridge.token);
      }
      expect((await fetch(`${bridge.url}session`)).status).toBe(405);

      // Another page (another local user's browser) opening either address has no access.
      for (const address of [bridge.url, bridge.openUrl]) {
        const other = await browser.newContext();
        try {
          const page2 = await other.newPage();
          await page2.goto(address);
          const status = await page2.evaluate(async () => {
            const api = (window as unknown as { chartkeeper: { vault: { status(i: unknown): Promise<unknown> } } }).chartkeeper;
            return api.vault.status({});
          });
          expect(status).toEqual({
            ok: false,
            error: { kind: 'unavailable', message: 'This page has no access to the vault; open the address that "npm run browser" printed.' },
          });
        } finally {
          await other.close();
        }
      }

      // The opened page keeps working, across a reload too.
      await page.reload();
      await page.getByRole('heading', { name: 'Create your private health record' }).waitFor();
      const status = await page.evaluate(async () => {
        const api = (window as unknown as { chartkeeper: { vault: { status(i: unknown): Promise<{ ok: boolean }> } } }).chartkeeper;
        return (await api.vault.status({})).ok;
      });
      expect(status).toBe(true);
    } finally {
      await run.close();
    }
  });
});
