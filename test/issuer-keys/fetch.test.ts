// The issuer key fetcher with an injected fetch: nothing leaves the machine.
import { describe, expect, it, vi } from 'vitest';
import { createIssuerKeyFetcher, FAILURE_PAUSE_MS, jwksUrlOf, MAX_JWKS_BYTES } from '../../main/issuer-keys/fetch.ts';
import { CARD_ISSUER, cardKeys } from '../support/health-card.ts';

const json = (value: unknown, init: ResponseInit = {}) => new Response(JSON.stringify(value), { status: 200, headers: { 'content-type': 'application/json' }, ...init });

function fetcher(answer: (url: string) => Response | Promise<Response>, online = true) {
  let now = 1_000_000;
  const fetch = vi.fn(async (url: string | URL | Request, _init?: RequestInit) => answer(String(url)));
  const f = createIssuerKeyFetcher({ fetch: fetch as unknown as typeof globalThis.fetch, isOnlineAllowed: () => online, now: () => now });
  return { f, fetch, advance: (ms: number) => (now += ms) };
}

describe('where an issuer publishes its keys', () => {
  it('is <iss>/.well-known/jwks.json over HTTPS, for named hosts only', () => {
    expect(jwksUrlOf('https://issuer.example.org/cards')).toBe('https://issuer.example.org/cards/.well-known/jwks.json');
    expect(jwksUrlOf('https://spec.smarthealth.cards/examples/issuer/')).toBe('https://spec.smarthealth.cards/examples/issuer/.well-known/jwks.json');
    for (const refused of [
      'http://issuer.example.org',
      'https://user:pw@issuer.example.org',
      'https://issuer.example.org:8443',
      'https://issuer.example.org/?q=1',
      'https://192.168.1.1/cards',
      'https://[::1]/cards',
      'https://localhost/cards',
      'https://router/cards',
      'https://printer.local',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(jwksUrlOf(refused), refused).toBeUndefined();
    }
  });
});

describe('fetching an issuer key set', () => {
  it('asks nothing at all while online lookups are off', async () => {
    const { f, fetch } = fetcher(() => json(cardKeys), false);
    expect(await f.fetchKeys(CARD_ISSUER)).toEqual({ ok: false, reason: 'online-off' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('fetches the key set without credentials or redirects, with a time limit, and keeps only public EC members', async () => {
    const withPrivate = { keys: [{ ...cardKeys.keys[0], d: 'PRIVATE' }, { kty: 'RSA', kid: 'rsa', n: 'x', e: 'AQAB' }] };
    const { f, fetch } = fetcher(() => json(withPrivate));
    const result = await f.fetchKeys(CARD_ISSUER);
    expect(result).toEqual({ ok: true, url: `${CARD_ISSUER}/.well-known/jwks.json`, keys: [expect.objectContaining({ kid: 'test-key', kty: 'EC', crv: 'P-256' })] });
    expect(result.ok && result.keys[0]!['d']).toBeUndefined();
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`${CARD_ISSUER}/.well-known/jwks.json`);
    expect(init).toMatchObject({ method: 'GET', credentials: 'omit', redirect: 'error' });
    expect(init!.signal).toBeInstanceOf(AbortSignal);
  });

  it('says why when the issuer cannot be reached, refuses, or sends no key set, and pauses before asking again', async () => {
    const offline = fetcher(() => Promise.reject(new TypeError('fetch failed')));
    expect(await offline.f.fetchKeys(CARD_ISSUER)).toMatchObject({ ok: false, reason: 'offline' });
    expect(await offline.f.fetchKeys(CARD_ISSUER)).toMatchObject({ ok: false, reason: 'offline' });
    expect(offline.fetch).toHaveBeenCalledTimes(1);
    offline.advance(FAILURE_PAUSE_MS + 1);
    await offline.f.fetchKeys(CARD_ISSUER);
    expect(offline.fetch).toHaveBeenCalledTimes(2);

    expect(await fetcher(() => new Response('no', { status: 404 })).f.fetchKeys(CARD_ISSUER)).toMatchObject({ ok: false, reason: 'refused' });
    expect(await fetcher(() => new Response('<html>')).f.fetchKeys(CARD_ISSUER)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(await fetcher(() => json({ keys: [] })).f.fetchKeys(CARD_ISSUER)).toMatchObject({ ok: false, reason: 'malformed' });
    const huge = JSON.stringify({ keys: [cardKeys.keys[0]], pad: 'x'.repeat(MAX_JWKS_BYTES) });
    expect(await fetcher(() => new Response(huge)).f.fetchKeys(CARD_ISSUER)).toMatchObject({ ok: false, reason: 'malformed' });
    // A body larger than the limit is refused even when it does not declare its length.
    const streamed = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(MAX_JWKS_BYTES / 2));
        controller.close();
      },
    });
    expect(await fetcher(() => new Response(streamed)).f.fetchKeys(CARD_ISSUER)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('refuses an address it will not ask, without asking', async () => {
    const { f, fetch } = fetcher(() => json(cardKeys));
    expect(await f.fetchKeys('https://10.0.0.1/cards')).toEqual({ ok: false, reason: 'address-refused' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('shares one request among cards of the same issuer asked together', async () => {
    const { f, fetch } = fetcher(() => json(cardKeys));
    const [a, b] = await Promise.all([f.fetchKeys(CARD_ISSUER), f.fetchKeys(CARD_ISSUER)]);
    expect(a.ok && b.ok).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
