// A local stand-in for MedlinePlus Connect, faithful to what was observed of the real service
// (shared/docs/medlineplus-connect.md §7): GET /service only, answers keyed by
// (v.cs, v.c, language), HTTP 200 + the Atom-as-JSON feed echoing the request's four
// categories, an empty feed for unknown codes, and a 300 s refusal after the 101st request
// within a minute. Serves the recorded answers in ../shared/corpus/medlineplus when present,
// plus the answers written for this project in test/fixtures/medlineplus.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const STANDIN_CORPUS_DIR = path.resolve(repoRoot, '../shared/corpus/medlineplus');
export const STANDIN_FIXTURES_DIR = path.resolve(repoRoot, 'test/fixtures/medlineplus');

export const STANDIN_LIMIT_PER_MINUTE = 100;
export const STANDIN_LOCKOUT_MS = 300_000;

export interface RecordedRequest {
  method: string;
  path: string;
  /** Every query parameter in the order sent, repeats included. */
  query: [string, string][];
  headers: IncomingHttpHeaders;
  /** The stand-in's clock when the request arrived. */
  at: number;
  /** How the stand-in answered. */
  outcome: 'answered' | 'empty' | 'refused' | 'scripted' | 'rejected';
}

export type ScriptedResponse = { status?: number; body: string; contentType?: string } | 'drop';

export interface StandInOptions {
  /** The clock that times the rate limit (share the client's fake clock). Default: Date.now. */
  clock?: { now(): number };
  /** Recorded answers; `null` serves only the project's own fixtures. */
  corpusDir?: string | null;
  fixturesDir?: string;
  /** How a refusal looks: an HTTP status (the real one is unconfirmed) or a dropped connection. */
  refusal?: { status: number } | 'drop';
  /** Real milliseconds to hold each answer, so overlapping requests would show. */
  latencyMs?: number;
}

export interface StandIn {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
  /** The most requests that were ever in progress at once. */
  readonly maxConcurrent: number;
  /** The next request(s) get these answers, in order, before anything else is considered. */
  script(...responses: ScriptedResponse[]): void;
  /** The answer keys served, as `oid|code|language`. */
  servedKeys(): string[];
  /** Whether the simulated lockout is in force now. */
  isLockedOut(): boolean;
}

/** What the real service echoes for each OID: category term and subtitle label. */
const SYSTEM_ECHO: Record<string, { term: string; label: string }> = {
  '2.16.840.1.113883.6.90': { term: 'ICD10CM', label: 'ICD-10-CM' },
  '2.16.840.1.113883.6.103': { term: 'ICD9CM', label: 'ICD-9-CM' },
  '2.16.840.1.113883.6.96': { term: 'SNOMEDCT', label: 'SNOMED CT' },
  '2.16.840.1.113883.6.88': { term: 'RXNORM', label: 'RXCUI' },
  '2.16.840.1.113883.6.1': { term: 'LOINC', label: 'LOINC' },
  // Not observed on the wire (doc §3, unconfirmed): plausible guesses.
  '2.16.840.1.113883.6.69': { term: 'NDC', label: 'NDC' },
  '2.16.840.1.113883.6.12': { term: 'CPT', label: 'CPT' },
};
const OID_OF_TERM = new Map(Object.entries(SYSTEM_ECHO).map(([oid, echo]) => [echo.term, oid]));
const OID_OF_FILE_PREFIX: Record<string, string> = {
  icd10: '2.16.840.1.113883.6.90',
  icd9: '2.16.840.1.113883.6.103',
  snomed: '2.16.840.1.113883.6.96',
  rxcui: '2.16.840.1.113883.6.88',
  loinc: '2.16.840.1.113883.6.1',
};

function answerKey(oid: string, code: string, language: string): string {
  return `${oid}|${code}|${language}`;
}

/**
 * Which request a saved answer belongs to: its echoed categories (code, and cs as a short name
 * or, in 2014, the OID), else its file name (`icd10-G93.32_2026.json`). Spanish when the name
 * says `_es`. Damaged or abbreviated recordings are not served (their README says so).
 */
function keyOfSavedAnswer(fileName: string, body: string): string | undefined {
  if (!fileName.endsWith('.json') || /ABBREVIATED|CORRUPTED/i.test(fileName)) return undefined;
  let feed: { category?: { scheme?: string; term?: string }[] } | undefined;
  try {
    feed = (JSON.parse(body) as { feed?: typeof feed }).feed;
  } catch {
    return undefined;
  }
  const categories = Array.isArray(feed?.category) ? feed.category : [];
  const term = (scheme: string): string | undefined => categories.find((c) => c.scheme === scheme)?.term;
  const match = /^([a-z0-9]+)-([^_]+?)(?:-empty)?_/.exec(fileName);
  const csTerm = term('mainSearchCriteria.v.cs');
  const oid = (csTerm && (SYSTEM_ECHO[csTerm] ? csTerm : OID_OF_TERM.get(csTerm))) || OID_OF_FILE_PREFIX[match?.[1] ?? ''];
  const code = term('mainSearchCriteria.v.c') || match?.[2];
  if (!oid || !code) return undefined;
  const language = /_es[._]/.test(fileName) ? 'es' : 'en';
  return answerKey(oid, code, language);
}

function loadAnswers(dir: string | null | undefined, into: Map<string, string>): void {
  if (!dir || !existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const body = readFileSync(path.join(dir, name), 'utf8');
    const key = keyOfSavedAnswer(name, body);
    if (key && !into.has(key)) into.set(key, body);
  }
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The envelope the real service sends when no page matches: §4.1 fields, `entry: []`. */
function emptyFeed(oid: string, code: string, displayName: string, now: number): string {
  const echo = SYSTEM_ECHO[oid] ?? { term: oid, label: oid };
  const updated = isoSeconds(now);
  return JSON.stringify({
    feed: {
      base: 'https://medlineplus.gov/',
      lang: 'en',
      xsi: 'http://www.w3.org/2001/XMLSchema-instance',
      title: { type: 'text', _value: 'MedlinePlus Connect' },
      updated: { _value: updated },
      id: { _value: '' },
      author: { name: { _value: 'U.S. National Library of Medicine' }, uri: { _value: 'https://www.nlm.nih.gov' } },
      subtitle: { type: 'text', _value: `MedlinePlus Connect results for ${echo.label}${code ? ` ${code}` : ''}` },
      category: [
        { scheme: 'mainSearchCriteria.v.c', term: code },
        { scheme: 'mainSearchCriteria.v.cs', term: echo.term },
        { scheme: 'mainSearchCriteria.v.dn', term: displayName },
        { scheme: 'informationRecipient', term: 'PAT' },
      ],
      entry: [],
    },
  });
}

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const clock = options.clock ?? { now: () => Date.now() };
  const refusal = options.refusal ?? { status: 503 };
  const answers = new Map<string, string>();
  // Recorded answers win over the project's own where both exist.
  loadAnswers(options.corpusDir === undefined ? STANDIN_CORPUS_DIR : options.corpusDir, answers);
  loadAnswers(options.fixturesDir ?? STANDIN_FIXTURES_DIR, answers);

  const requests: RecordedRequest[] = [];
  const scripted: ScriptedResponse[] = [];
  /** Arrival times of /service requests within the last minute. */
  let recent: number[] = [];
  let lockedUntil = Number.NEGATIVE_INFINITY;
  let inFlight = 0;
  let maxConcurrent = 0;

  const isLockedOut = (): boolean => clock.now() < lockedUntil;

  const handle = (request: IncomingMessage, response: ServerResponse, record: RecordedRequest): void => {
    const send = (status: number, body: string, contentType: string): void => {
      response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
      response.end(body);
    };
    const refuse = (): void => {
      record.outcome = 'refused';
      if (refusal === 'drop') response.socket?.destroy();
      else send(refusal.status, 'Service Unavailable: request rate limit exceeded.', 'text/plain; charset=utf-8');
    };
    if (record.path !== '/service') {
      record.outcome = 'rejected';
      send(404, 'Not Found', 'text/plain; charset=utf-8');
      return;
    }
    // The limit is per address and counts every request, served or not.
    const now = clock.now();
    recent = recent.filter((at) => at > now - 60_000 && at <= now);
    recent.push(now);
    if (now < lockedUntil) {
      refuse();
      return;
    }
    if (recent.length > STANDIN_LIMIT_PER_MINUTE) {
      lockedUntil = now + STANDIN_LOCKOUT_MS;
      refuse();
      return;
    }
    const next = scripted.shift();
    if (next !== undefined) {
      record.outcome = 'scripted';
      if (next === 'drop') response.socket?.destroy();
      else send(next.status ?? 200, next.body, next.contentType ?? 'application/json');
      return;
    }
    if (request.method !== 'GET') {
      record.outcome = 'rejected';
      send(405, 'Method Not Allowed', 'text/plain; charset=utf-8');
      return;
    }
    const params = new URLSearchParams(record.query);
    const oid = params.get('mainSearchCriteria.v.cs');
    const code = params.get('mainSearchCriteria.v.c') ?? '';
    const language = params.get('informationRecipient.languageCode.c') ?? 'en';
    if (!oid) {
      record.outcome = 'rejected';
      send(400, 'Bad Request: mainSearchCriteria.v.cs is required.', 'text/plain; charset=utf-8');
      return;
    }
    if ((params.get('knowledgeResponseType') ?? 'text/xml') !== 'application/json') {
      record.outcome = 'rejected';
      send(406, 'The stand-in serves JSON only (knowledgeResponseType=application/json).', 'text/plain; charset=utf-8');
      return;
    }
    const saved = answers.get(answerKey(oid, code, language));
    if (saved !== undefined) {
      record.outcome = 'answered';
      send(200, saved, 'application/json');
      return;
    }
    record.outcome = 'empty';
    send(200, emptyFeed(oid, code, params.get('mainSearchCriteria.v.dn') ?? '', now), 'application/json');
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const record: RecordedRequest = {
      method: request.method ?? '',
      path: url.pathname,
      query: [...url.searchParams.entries()],
      headers: request.headers,
      at: clock.now(),
      outcome: 'answered',
    };
    requests.push(record);
    inFlight += 1;
    maxConcurrent = Math.max(maxConcurrent, inFlight);
    let finished = false;
    const done = (): void => {
      if (finished) return;
      finished = true;
      inFlight -= 1;
    };
    response.on('close', done);
    const latency = options.latencyMs ?? 0;
    if (latency > 0) setTimeout(() => handle(request, response, record), latency);
    else handle(request, response, record);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxConcurrent() {
      return maxConcurrent;
    },
    script: (...responses) => void scripted.push(...responses),
    servedKeys: () => [...answers.keys()],
    isLockedOut,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
