// A health card issuer's published keys, `<iss>/.well-known/jwks.json` (SMART Health Cards
// 1.x, "Determining keys associated with an issuer"), fetched only when the person turned
// online lookups on. The request goes out like a MedlinePlus lookup: HTTPS only, no
// credentials or cookies, no redirects, a timeout, a size limit, and a pause after a failure
// so a card imported again does not knock at once. It sends nothing but the issuer's own
// address: no card, no name, no health data. An issuer's revocation list for one key,
// `<iss>/.well-known/crl/<kid>.json` (asked only when its key set gives the key a `crlVersion`),
// goes out the same way.
import { isCrl, publicPart, type Crl } from '../importers/shc/verify.ts';
import type { IssuerFetchFailure } from '../records/model.ts';

export const JWKS_PATH = '/.well-known/jwks.json';
const CRL_PATH = '/.well-known/crl/';
/** A key set is a few kilobytes (a few keys, perhaps a certificate chain each); a revocation list of thousands of cards fits too. */
export const MAX_JWKS_BYTES = 256 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;
/** After a failed fetch, the same issuer is not asked again for this long. */
export const FAILURE_PAUSE_MS = 5 * 60_000;
const MAX_KEYS = 50;

export type KeyFetchFailure = IssuerFetchFailure;

export type KeyFetchResult =
  | { ok: true; url: string; keys: Record<string, unknown>[] }
  | { ok: false; reason: KeyFetchFailure; url?: string };

export interface IssuerKeyFetcherOptions {
  fetch: typeof globalThis.fetch;
  /** The vault's online-lookups setting, read at the moment of the request. */
  isOnlineAllowed: () => boolean;
  now: () => number;
  timeoutMs?: number;
}

export type CrlFetchResult = { ok: true; url: string; crl: Crl } | { ok: false; reason: KeyFetchFailure; url?: string };

export interface IssuerKeyFetcher {
  fetchKeys(issuer: string, signal?: AbortSignal): Promise<KeyFetchResult>;
  /** The revocation list of the issuer's key `kid`. */
  fetchCrl(issuer: string, kid: string, signal?: AbortSignal): Promise<CrlFetchResult>;
}

/** A plain host name with at least one dot: no IP literal, no "localhost", no single-label LAN name. */
const NAMED_HOST = /^(?=.*[a-z])[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const IPV4 = /^\d+(\.\d+){3}$/;

/**
 * The key set's address for an issuer, or undefined when Chartkeeper will not ask there: only
 * `https://` with a named public-looking host, no user name, port, query or fragment. A card
 * names its own issuer, so this refuses cards that would point the computer at the local
 * network.
 */
export function jwksUrlOf(issuer: string): string | undefined {
  if (typeof issuer !== 'string' || issuer.length > 500 || /[\s\\\u0000-\u001f\u007f]/.test(issuer)) return undefined;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol !== 'https:' || url.username || url.password || url.port || url.search || url.hash) return undefined;
  if (!NAMED_HOST.test(host) || IPV4.test(host) || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${JWKS_PATH}`;
}

/**
 * A key's revocation list address, `<iss>/.well-known/crl/<kid>.json`, under the same rules as
 * the key set's; a key id that is not base64url (as SMART Health Cards key ids are) is not put
 * in an address.
 */
export function crlUrlOf(issuer: string, kid: string): string | undefined {
  const jwks = jwksUrlOf(issuer);
  if (!jwks || !/^[A-Za-z0-9_-]{1,128}$/.test(kid)) return undefined;
  return `${jwks.slice(0, -JWKS_PATH.length)}${CRL_PATH}${kid}.json`;
}

/** A revocation list of the key `kid` (method "rid"), its counter a whole number; undefined when it is not one. */
export function crlOf(value: unknown, kid: string): Crl | undefined {
  if (!isCrl(value) || value.kid !== kid || !Number.isInteger(value.ctr)) return undefined;
  return { kid: value.kid, ctr: value.ctr, rids: value.rids };
}

class Failure extends Error {
  readonly reason: KeyFetchFailure;
  constructor(reason: KeyFetchFailure) {
    super(reason);
    this.reason = reason;
  }
}

/** The EC P-256 public keys of a key set, public members only; undefined when it is not one. */
export function publicKeysOf(value: unknown): Record<string, unknown>[] | undefined {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) return undefined;
  const found: Record<string, unknown>[] = [];
  for (const key of keys.slice(0, MAX_KEYS)) {
    if (typeof key !== 'object' || key === null) continue;
    const k = key as Record<string, unknown>;
    if (k['kty'] !== 'EC' || k['crv'] !== 'P-256' || typeof k['kid'] !== 'string' || typeof k['x'] !== 'string' || typeof k['y'] !== 'string') continue;
    found.push(publicPart(k));
  }
  return found;
}

async function readBytesCapped(response: Response, max: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) throw new Failure('too-large');
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) throw new Failure('too-large');
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks);
}

export function createIssuerKeyFetcher(options: IssuerKeyFetcherOptions): IssuerKeyFetcher {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const paused = new Map<string, { until: number; reason: KeyFetchFailure }>();
  /** Cards of one issuer imported together share one request. */
  const inFlight = new Map<string, Promise<{ ok: true; value: unknown } | { ok: false; reason: KeyFetchFailure }>>();

  async function get<T>(url: string, signal: AbortSignal | undefined, read: (value: unknown) => T | undefined): Promise<T> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await options.fetch(url, {
        method: 'GET',
        headers: { accept: 'application/json' },
        credentials: 'omit',
        // The key set must be at the issuer's own address; a redirect could lead anywhere.
        redirect: 'error',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch {
      // The person is told which: no connection at all, or an issuer too slow to answer.
      throw new Failure(timeout.aborted ? 'timeout' : 'offline');
    }
    try {
      if (response.status !== 200) throw new Failure('refused');
      const bytes = await readBytesCapped(response, MAX_JWKS_BYTES);
      let value: unknown;
      try {
        value = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        throw new Failure('malformed');
      }
      const found = read(value);
      if (found === undefined) throw new Failure('malformed');
      return found;
    } catch (error) {
      await response.body?.cancel().catch(() => undefined);
      if (error instanceof Failure) throw error;
      throw new Failure(timeout.aborted ? 'timeout' : 'offline');
    }
  }

  async function fetchOnce<T>(url: string, signal: AbortSignal | undefined, read: (value: unknown) => T | undefined): Promise<{ ok: true; value: T } | { ok: false; reason: KeyFetchFailure }> {
    try {
      return { ok: true, value: await get(url, signal, read) };
    } catch (error) {
      const reason = error instanceof Failure ? error.reason : 'offline';
      if (!signal?.aborted) paused.set(url, { until: options.now() + FAILURE_PAUSE_MS, reason });
      return { ok: false, reason };
    }
  }

  /** One request per address at a time, none while paused after a failure, none with lookups off. */
  async function ask<T>(url: string | undefined, signal: AbortSignal | undefined, read: (value: unknown) => T | undefined): Promise<{ ok: true; url: string; value: T } | { ok: false; reason: KeyFetchFailure; url?: string }> {
    // Asked first, before anything else: with lookups off nothing is even prepared.
    if (!options.isOnlineAllowed()) return { ok: false, reason: 'online-off' };
    if (!url) return { ok: false, reason: 'address-refused' };
    const pause = paused.get(url);
    if (pause && pause.until > options.now()) return { ok: false, reason: pause.reason, url };
    let pending = inFlight.get(url);
    if (!pending) {
      pending = fetchOnce(url, signal, read).finally(() => inFlight.delete(url));
      inFlight.set(url, pending);
    }
    const result = (await pending) as Awaited<ReturnType<typeof fetchOnce<T>>>;
    return result.ok ? { ok: true, url, value: result.value } : { ok: false, reason: result.reason, url };
  }

  return {
    async fetchKeys(issuer, signal) {
      const url = options.isOnlineAllowed() ? jwksUrlOf(issuer) : undefined;
      const result = await ask(url, signal, (value) => {
        const keys = publicKeysOf(value);
        return keys && keys.length > 0 ? keys : undefined;
      });
      return result.ok ? { ok: true, url: result.url, keys: result.value } : result;
    },
    async fetchCrl(issuer, kid, signal) {
      const url = options.isOnlineAllowed() ? crlUrlOf(issuer, kid) : undefined;
      const result = await ask(url, signal, (value) => crlOf(value, kid));
      return result.ok ? { ok: true, url: result.url, crl: result.value } : result;
    },
  };
}
