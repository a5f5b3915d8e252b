// The browser side of the test bridge, bundled by the server into /bridge.js. It defines
// window.chartkeeper with the ChartkeeperApi shape; each call POSTs to /api/<channel> with the
// per-run token and resolves to the Result main/api returned.
//
// The token is not in this file (anyone may fetch it): the page the launcher opened carries a
// one-time ticket in its address's fragment, traded here for the token once. The token is kept
// in this tab's sessionStorage so a reload still works; the ticket is taken out of the address.
import { decodeJson, encodeJson } from './codec.ts';

declare const __BRIDGE_CHANNELS__: string[];

const TOKEN_KEY = 'chartkeeper-bridge-token';
const NO_ACCESS = {
  ok: false,
  error: { kind: 'unavailable', message: 'This page has no access to the vault; open the address that "npm run browser" printed.' },
};

async function obtainToken(): Promise<string | null> {
  const ticket = new URLSearchParams(location.hash.slice(1)).get('ticket');
  if (ticket) history.replaceState(history.state, '', location.pathname + location.search);
  if (ticket) {
    const response = await fetch('/session', { method: 'POST', headers: { 'x-chartkeeper-ticket': ticket } });
    if (response.ok) {
      const { token } = (await response.json()) as { token: string };
      sessionStorage.setItem(TOKEN_KEY, token);
      return token;
    }
  }
  return sessionStorage.getItem(TOKEN_KEY);
}
const tokenReady = obtainToken().catch(() => null);

const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
for (const channel of __BRIDGE_CHANNELS__) {
  const dot = channel.indexOf('.');
  const domain = channel.slice(0, dot);
  const method = channel.slice(dot + 1);
  (api[domain] ??= {})[method] = async (input: unknown) => {
    const token = await tokenReady;
    if (!token) return NO_ACCESS;
    try {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-chartkeeper-token': token },
        body: encodeJson(input ?? {}),
      });
      if (response.status === 403) return NO_ACCESS;
      return decodeJson(await response.text());
    } catch {
      return { ok: false, error: { kind: 'unavailable', message: 'The test bridge did not answer.' } };
    }
  };
}
Object.defineProperty(globalThis, 'chartkeeper', { value: Object.freeze(api), writable: false, configurable: false });
