// The browser side of the test bridge, bundled by the server into /bridge.js. It defines
// window.chartkeeper with the ChartkeeperApi shape; each call POSTs to /api/<channel> with the
// per-run token and resolves to the Result main/api returned.
import { decodeJson, encodeJson } from './codec.ts';

declare const __BRIDGE_TOKEN__: string;
declare const __BRIDGE_CHANNELS__: string[];

const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
for (const channel of __BRIDGE_CHANNELS__) {
  const dot = channel.indexOf('.');
  const domain = channel.slice(0, dot);
  const method = channel.slice(dot + 1);
  (api[domain] ??= {})[method] = async (input: unknown) => {
    try {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-chartkeeper-token': __BRIDGE_TOKEN__ },
        body: encodeJson(input ?? {}),
      });
      return decodeJson(await response.text());
    } catch {
      return { ok: false, error: { kind: 'unavailable', message: 'The test bridge did not answer.' } };
    }
  };
}
Object.defineProperty(globalThis, 'chartkeeper', { value: Object.freeze(api), writable: false, configurable: false });
