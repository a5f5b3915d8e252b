// The MedlinePlus Connect client: cache first, then (only when the user allowed online
// lookups) one throttled request per code, trying an entry's codes in order until one has
// education. Sends nothing but a code system, a code and a language.
import type { Code, EntryKind } from '../records/model.ts';
import { isFresh, keyId } from './cache.ts';
import type { CachedEducation, EducationCacheStore, EducationKey } from './cache.ts';
import { systemClock } from './clock.ts';
import type { EducationClock } from './clock.ts';
import { codesToTry, isSendableCode, oidOf } from './code-systems.ts';
import { hostOf, medlinePlusBaseUrl, serviceUrl, validateBaseUrl } from './endpoint.ts';
import type { EducationLanguage } from './endpoint.ts';
import { MAX_ANSWER_LENGTH, parseConnectAnswer } from './parse-answer.ts';
import type { EducationTopic } from './parse-answer.ts';
import { BackingOffError, RequestGate } from './request-gate.ts';
import type { BackoffCause } from './request-gate.ts';

export interface EducationClientOptions {
  cache: EducationCacheStore;
  /** The vault's "look up education online" setting; off until the user turns it on. */
  isOnlineAllowed: () => boolean;
  fetch?: typeof globalThis.fetch;
  clock?: EducationClock;
  /** Defaults to CHARTKEEPER_MEDLINEPLUS_URL or NLM's service (see endpoint.ts). */
  baseUrl?: string;
  /** Per request; a slow answer counts as a failure. */
  timeoutMs?: number;
}

export interface EducationRequest {
  kind: EntryKind | string;
  codes: readonly Code[];
  language: EducationLanguage;
}

/** Why nothing could be shown: one of these is always paired with a sentence in `message`. */
export type UnavailableReason = 'online-off' | BackoffCause | 'no-codes';

export interface EducationResult {
  status: 'found' | 'empty' | 'unavailable';
  topics: EducationTopic[];
  fromCache: boolean;
  fetchedAt?: number;
  message?: string;
  reason?: UnavailableReason;
}

/** What happened to one key when the prefetcher asked for it. */
export type EnsureOutcome =
  | { kind: 'already-fresh' }
  | { kind: 'fetched' }
  | { kind: 'failed'; reason: UnavailableReason; message: string };

export interface EducationClient {
  readonly baseUrl: string;
  lookup(request: EducationRequest, options?: { signal?: AbortSignal }): Promise<EducationResult>;
  /** Fetches one key unless the cache already holds a fresh answer for it. */
  ensureFresh(key: EducationKey, options?: { signal?: AbortSignal }): Promise<EnsureOutcome>;
  /** While lookups are paused after a failed request: why, and when the pause ends (clock ms). */
  pause(): { cause: BackoffCause; until: number } | undefined;
  /** Takes over a pause an earlier process saw for this same address. */
  resumePause(cause: BackoffCause, until: number): void;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export const EDUCATION_MESSAGES = {
  'online-off': 'No education is saved for this yet, and online lookups are off.',
  offline: 'No education is saved for this yet, and the computer is offline.',
  refused: 'No education is saved for this yet, and MedlinePlus is not answering right now, so Chartkeeper will try again in a few minutes.',
  malformed: 'MedlinePlus sent an answer Chartkeeper could not read, so Chartkeeper will try again in a few minutes.',
  'no-codes': 'This entry has no code that MedlinePlus can look up.',
  empty: 'MedlinePlus has no education for this entry.',
} as const satisfies Record<UnavailableReason | 'empty', string>;

type KeyOutcome =
  | { kind: 'answer'; topics: EducationTopic[]; fetchedAt: number; fromCache: boolean; fresh: boolean }
  | { kind: 'missing'; reason: UnavailableReason };

class FetchFailure extends Error {
  override name = 'FetchFailure';
  readonly reason: BackoffCause;
  constructor(reason: BackoffCause) {
    super(EDUCATION_MESSAGES[reason]);
    this.reason = reason;
  }
}

class OnlineOffError extends Error {
  override name = 'OnlineOffError';
}

export function createEducationClient(options: EducationClientOptions): EducationClient {
  const { cache, isOnlineAllowed } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const clock = options.clock ?? systemClock;
  const baseUrl = options.baseUrl === undefined ? medlinePlusBaseUrl() : validateBaseUrl(options.baseUrl);
  const host = hostOf(baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const gate = sharedGate(clock);
  /** Lookups of the same key share one request. */
  const inFlight = new Map<string, Promise<KeyOutcome>>();

  function readCache(key: EducationKey): (CachedEducation & { topics: EducationTopic[] }) | undefined {
    let saved: CachedEducation | undefined;
    try {
      saved = cache.get(key);
    } catch {
      return undefined;
    }
    if (!saved || typeof saved.body !== 'string' || typeof saved.fetchedAt !== 'number') return undefined;
    const parsed = parseConnectAnswer(saved.body, key.language);
    return parsed.ok ? { ...saved, topics: parsed.topics } : undefined;
  }

  function fromCache(saved: CachedEducation & { topics: EducationTopic[] }): KeyOutcome {
    return {
      kind: 'answer',
      topics: saved.topics,
      fetchedAt: saved.fetchedAt,
      fromCache: true,
      fresh: isFresh(saved, clock.now()),
    };
  }

  async function fetchAnswer(key: EducationKey, signal: AbortSignal | undefined): Promise<KeyOutcome> {
    const systemOid = oidOf(key.system);
    if (!systemOid || !isSendableCode(key.code)) return { kind: 'missing', reason: 'no-codes' };
    const url = serviceUrl(baseUrl, { systemOid, code: key.code, language: key.language });
    return gate.run(
      host,
      async () => {
        // The setting or the cache may have changed while this request waited its turn.
        if (!isOnlineAllowed()) throw new OnlineOffError();
        const savedMeanwhile = readCache(key);
        if (savedMeanwhile && isFresh(savedMeanwhile, clock.now())) return fromCache(savedMeanwhile);

        let parsed: ReturnType<typeof parseConnectAnswer>;
        let body: string;
        try {
          body = await send(url, signal);
          parsed = parseConnectAnswer(body, key.language);
          if (!parsed.ok) throw new FetchFailure('malformed');
        } catch (error) {
          // Paused before the turn passes on, so the next queued request already sees it.
          if (!signal?.aborted) gate.backOff(host, error instanceof FetchFailure ? error.reason : 'offline');
          throw error;
        }
        const fetchedAt = clock.now();
        try {
          cache.put(key, { fetchedAt, body });
        } catch {
          // A locked or full vault must not hide an answer the user is waiting for.
        }
        return { kind: 'answer', topics: parsed.topics, fetchedAt, fromCache: false, fresh: true };
      },
      signal,
    );
  }

  async function send(url: string, signal: AbortSignal | undefined): Promise<string> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'GET',
        headers: { accept: 'application/json' },
        credentials: 'omit',
        // A redirect could carry the code somewhere else; the service has no reason to send one.
        redirect: 'error',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new FetchFailure('offline');
    }
    try {
      if (response.status !== 200) throw new FetchFailure('refused');
      return await readCapped(response, MAX_ANSWER_LENGTH);
    } catch (error) {
      await response.body?.cancel().catch(() => undefined);
      if (signal?.aborted || error instanceof FetchFailure) throw error;
      throw new FetchFailure('offline');
    }
  }

  async function resolveKey(key: EducationKey, signal: AbortSignal | undefined): Promise<KeyOutcome> {
    const saved = readCache(key);
    if (saved && isFresh(saved, clock.now())) return fromCache(saved);
    const orSaved = (reason: UnavailableReason): KeyOutcome =>
      saved ? fromCache(saved) : { kind: 'missing', reason };
    if (!isOnlineAllowed()) return orSaved('online-off');
    const paused = gate.backoffState(host);
    if (paused) return orSaved(paused.cause);

    const id = keyId(key);
    let pending = inFlight.get(id);
    if (!pending) {
      pending = fetchAnswer(key, signal).finally(() => inFlight.delete(id));
      inFlight.set(id, pending);
    }
    try {
      return await pending;
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof OnlineOffError) return orSaved('online-off');
      if (error instanceof BackingOffError) return orSaved(error.backoffCause);
      if (error instanceof FetchFailure) return orSaved(error.reason);
      // Another caller cancelled the request this lookup was sharing: ask on our own.
      if (error instanceof Error && error.name === 'AbortError') return resolveKey(key, signal);
      return orSaved('offline');
    }
  }

  return {
    baseUrl,

    async lookup(request, lookupOptions) {
      const signal = lookupOptions?.signal;
      const keys = codesToTry(request.kind, request.codes).map(
        (code): EducationKey => ({ system: code.system, code: code.code, language: request.language }),
      );
      if (keys.length === 0) {
        return { status: 'empty', topics: [], fromCache: false, reason: 'no-codes', message: EDUCATION_MESSAGES['no-codes'] };
      }
      let emptyAnswer: Extract<KeyOutcome, { kind: 'answer' }> | undefined;
      let missing: UnavailableReason | undefined;
      for (const key of keys) {
        const outcome = await resolveKey(key, signal);
        if (outcome.kind === 'missing') {
          missing ??= outcome.reason;
          continue;
        }
        if (outcome.topics.length > 0) {
          return { status: 'found', topics: outcome.topics, fromCache: outcome.fromCache, fetchedAt: outcome.fetchedAt };
        }
        emptyAnswer ??= outcome;
      }
      // A code that could not be asked might have had education, so "nothing" is not yet known.
      if (missing) {
        return { status: 'unavailable', topics: [], fromCache: false, reason: missing, message: EDUCATION_MESSAGES[missing] };
      }
      return {
        status: 'empty',
        topics: [],
        fromCache: emptyAnswer?.fromCache ?? false,
        ...(emptyAnswer ? { fetchedAt: emptyAnswer.fetchedAt } : {}),
        message: EDUCATION_MESSAGES.empty,
      };
    },

    resumePause(cause, until) {
      gate.resumeBackoff(host, cause, until);
    },

    pause() {
      const state = gate.backoffState(host);
      return state ? { cause: state.cause, until: state.until } : undefined;
    },

    async ensureFresh(key, ensureOptions) {
      const saved = readCache(key);
      if (saved && isFresh(saved, clock.now())) return { kind: 'already-fresh' };
      const outcome = await resolveKey(key, ensureOptions?.signal);
      if (outcome.kind === 'answer' && !outcome.fromCache) return { kind: 'fetched' };
      if (outcome.kind === 'answer' && outcome.fresh) return { kind: 'already-fresh' };
      const reason: UnavailableReason =
        outcome.kind === 'missing'
          ? outcome.reason
          : !isOnlineAllowed()
            ? 'online-off'
            : (gate.backoffState(host)?.cause ?? 'offline');
      return { kind: 'failed', reason, message: EDUCATION_MESSAGES[reason] };
    },
  };
}

/**
 * One gate per clock: every client in the process (one per profile, say) shares the same
 * queue, rate and pause, because NLM's limit is per computer, not per client object.
 */
const gates = new WeakMap<EducationClock, RequestGate>();
function sharedGate(clock: EducationClock): RequestGate {
  let gate = gates.get(clock);
  if (!gate) {
    gate = new RequestGate(clock);
    gates.set(clock, gate);
  }
  return gate;
}

/** Reads a body, refusing one larger than `max` characters without buffering all of it. */
async function readCapped(response: Response, max: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max * 4) throw new FetchFailure('malformed');
  if (!response.body) return '';
  const decoder = new TextDecoder();
  let text = '';
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (text.length > max) throw new FetchFailure('malformed');
    }
  } finally {
    reader.releaseLock();
  }
  return text + decoder.decode();
}
