// The issuer key fetcher with an injected fetch: nothing leaves the machine.
import { describe, expect, it, vi } from 'vitest';
import { createIssuerKeyFetcher, crlUrlOf, FAILURE_PAUSE_MS, jwksUrlOf, MAX_JWKS_BYTES } from '../../main/issuer-keys/fetch.ts';
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
    expect(await fetcher(() => new Response(huge)).f.fetchKeys(CARD_ISSUER)).toMatchObject({ ok: false, reason: 'too-large' });
    // A body larger than the limit is refused even when it does not declare its length.
    const streamed = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(MAX_JWKS_BYTES / 2));
        controller.close();
      },
    });
    expect(await fetcher(() => new Response(streamed)).f.fetchKeys(CARD_ISSUER)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('tells an issuer that does not answer in time from a computer that is offline', async () => {
    // A fetch that never answers until its signal gives up, as a silent server does.
    const silent = vi.fn((_url: string | URL | Request, init?: RequestInit) => new Promise<Response>((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason))));
    const slow = createIssuerKeyFetcher({ fetch: silent as unknown as typeof globalThis.fetch, isOnlineAllowed: () => true, now: () => 0, timeoutMs: 20 });
    expect(await slow.fetchKeys(CARD_ISSUER)).toMatchObject({ ok: false, reason: 'timeout' });
    expect(await slow.fetchCrl(CARD_ISSUER, 'test-key')).toMatchObject({ ok: false, reason: 'timeout' });
    // A body that stops arriving half way is the same: no answer in time.
    const stalled = vi.fn(async (_url: string | URL | Request, init?: RequestInit) =>
      new Response(new ReadableStream({ start: (c) => { c.enqueue(new TextEncoder().encode('{"keys":')); init!.signal!.addEventListener('abort', () => c.error(init!.signal!.reason)); } }), { status: 200 }),
    );
    const half = createIssuerKeyFetcher({ fetch: stalled as unknown as typeof globalThis.fetch, isOnlineAllowed: () => true, now: () => 0, timeoutMs: 20 });
    expect(await half.fetchKeys(CARD_ISSUER)).toMatchObject({ ok: false, reason: 'timeout' });
    expect(await fetcher(() => Promise.reject(new TypeError('fetch failed'))).f.fetchCrl(CARD_ISSUER, 'test-key')).toMatchObject({ ok: false, reason: 'offline' });
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

describe('fetching a key’s revocation list', () => {
  const CRL_URL = `${CARD_ISSUER}/.well-known/crl/test-key.json`;
  const list = { kid: 'test-key', method: 'rid', ctr: 2, rids: ['r1', 'r2.1636977600'] };

  it('is <iss>/.well-known/crl/<kid>.json under the key set’s address rules, for base64url key ids only', () => {
    expect(crlUrlOf(CARD_ISSUER, 'test-key')).toBe(CRL_URL);
    expect(crlUrlOf('https://spec.smarthealth.cards/examples/issuer/', 'EBKOr72QQDcTBUuVzAzkfBTGew0ZA16GuWty64nS-sw')).toBe(
      'https://spec.smarthealth.cards/examples/issuer/.well-known/crl/EBKOr72QQDcTBUuVzAzkfBTGew0ZA16GuWty64nS-sw.json',
    );
    for (const kid of ['../jwks', 'a/b', 'a.b', '', 'x?y']) expect(crlUrlOf(CARD_ISSUER, kid), kid).toBeUndefined();
    expect(crlUrlOf('http://issuer.example.org', 'test-key')).toBeUndefined();
    expect(crlUrlOf('https://192.168.1.1', 'test-key')).toBeUndefined();
  });

  it('fetches the list the same way as keys (no credentials, no redirects, a time limit), and asks nothing with lookups off', async () => {
    const off = fetcher(() => json(list), false);
    expect(await off.f.fetchCrl(CARD_ISSUER, 'test-key')).toEqual({ ok: false, reason: 'online-off' });
    expect(off.fetch).not.toHaveBeenCalled();
    const { f, fetch } = fetcher(() => json(list));
    expect(await f.fetchCrl(CARD_ISSUER, 'test-key')).toEqual({ ok: true, url: CRL_URL, crl: { kid: 'test-key', ctr: 2, rids: ['r1', 'r2.1636977600'] } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(CRL_URL);
    expect(init).toMatchObject({ method: 'GET', credentials: 'omit', redirect: 'error' });
    expect(init!.signal).toBeInstanceOf(AbortSignal);
  });

  it('refuses a list of another key, of another method, without a whole counter, or too large; pauses after a failure', async () => {
    for (const bad of [{ ...list, kid: 'other' }, { ...list, method: 'hash-fhir' }, { ...list, ctr: '2' }, { ...list, ctr: 1.5 }, { ...list, rids: [1] }]) {
      expect(await fetcher(() => json(bad)).f.fetchCrl(CARD_ISSUER, 'test-key'), JSON.stringify(bad)).toMatchObject({ ok: false, reason: 'malformed' });
    }
    const big = { ...list, rids: Array.from({ length: MAX_JWKS_BYTES / 8 }, (_, i) => `rid${i}`) };
    expect(await fetcher(() => json(big)).f.fetchCrl(CARD_ISSUER, 'test-key')).toMatchObject({ ok: false, reason: 'too-large' });
    const gone = fetcher(() => new Response('no', { status: 404 }));
    expect(await gone.f.fetchCrl(CARD_ISSUER, 'test-key')).toMatchObject({ ok: false, reason: 'refused', url: CRL_URL });
    expect(await gone.f.fetchCrl(CARD_ISSUER, 'test-key')).toMatchObject({ ok: false, reason: 'refused' });
    expect(gone.fetch).toHaveBeenCalledTimes(1);
    gone.advance(FAILURE_PAUSE_MS + 1);
    await gone.f.fetchCrl(CARD_ISSUER, 'test-key');
    expect(gone.fetch).toHaveBeenCalledTimes(2);
  });
});
