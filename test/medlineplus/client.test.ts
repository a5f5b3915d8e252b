import { afterEach, describe, expect, it } from 'vitest';
import { createEducationClient, EDUCATION_MESSAGES } from '../../main/medlineplus/client.ts';
import type { EducationClientOptions } from '../../main/medlineplus/client.ts';
import { BACKOFF_MS } from '../../main/medlineplus/request-gate.ts';
import { plainText } from '../../main/medlineplus/sanitize-html.ts';
import { CODE_SYSTEMS } from '../../main/records/model.ts';
import { startStandIn } from '../support/medlineplus-standin.ts';
import type { StandIn, StandInOptions } from '../support/medlineplus-standin.ts';
import { FakeClock, hasCorpus, MapCache } from './helpers.ts';

const ALLOWED_PARAMS = ['mainSearchCriteria.v.cs', 'mainSearchCriteria.v.c', 'informationRecipient.languageCode.c', 'knowledgeResponseType'];
const DIABETES = [
  { system: 'ICD10CM', code: 'E11.9', display: 'Type 2 diabetes mellitus without complications (Jane Doe)' },
];

let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function setUp(options: Partial<EducationClientOptions> = {}, standInOptions: StandInOptions = {}) {
  const clock = new FakeClock();
  standIn = await startStandIn({ clock, ...standInOptions });
  const cache = new MapCache();
  let online = true;
  const client = createEducationClient({
    cache,
    isOnlineAllowed: () => online,
    clock,
    baseUrl: standIn.url,
    ...options,
  });
  return {
    clock,
    cache,
    client,
    standIn,
    setOnline: (value: boolean) => {
      online = value;
    },
  };
}

describe('the education client against the stand-in', () => {
  it('sends exactly the four allowed parameters and nothing personal', async () => {
    const { client, standIn } = await setUp();
    const result = await client.lookup({ kind: 'problem', codes: DIABETES, language: 'en' });
    expect(result.status).toBe('found');
    expect(result.fromCache).toBe(false);
    expect(result.topics[0]).toMatchObject({ url: 'https://medlineplus.gov/diabetestype2.html', language: 'en' });
    expect(result.topics[0]!.source).toBe('NIH: National Institute of Diabetes and Digestive and Kidney Diseases');

    expect(standIn.requests).toHaveLength(1);
    const request = standIn.requests[0]!;
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/service');
    expect(request.query).toEqual([
      ['mainSearchCriteria.v.cs', CODE_SYSTEMS.ICD10CM],
      ['mainSearchCriteria.v.c', 'E11.9'],
      ['informationRecipient.languageCode.c', 'en'],
      ['knowledgeResponseType', 'application/json'],
    ]);
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers.referer).toBeUndefined();
    expect(JSON.stringify(request)).not.toMatch(/Jane|Doe|diabetes mellitus/i);
  });

  it('tries an entry\'s codes in order until one has education', async () => {
    const { client, standIn } = await setUp();
    const result = await client.lookup({
      kind: 'problem',
      codes: [
        { system: 'ICD9CM', code: '250.00' },
        { system: 'SNOMED', code: '44054006' },
        { system: 'ICD10CM', code: 'Z99.99' },
      ],
      language: 'en',
    });
    expect(result.status).toBe('found');
    expect(result.topics[0]!.title).toBe('Type 2 Diabetes (stand-in)');
    expect(standIn.requests.map((request) => new URLSearchParams(request.query).get('mainSearchCriteria.v.c'))).toEqual(['Z99.99', '44054006']);
    expect(standIn.requests.map((request) => request.outcome)).toEqual(['empty', 'answered']);
  });

  it('reports an empty answer, caches it, and asks again only after 24 hours', async () => {
    const { client, standIn, clock, cache } = await setUp();
    const request = { kind: 'result', codes: [{ system: 'LOINC', code: '99999-9' }], language: 'en' } as const;
    const first = await client.lookup(request);
    expect(first).toMatchObject({ status: 'empty', topics: [], fromCache: false, message: EDUCATION_MESSAGES.empty });
    expect(cache.entries.size).toBe(1);
    clock.advance(23 * 3600_000);
    expect(await client.lookup(request)).toMatchObject({ status: 'empty', fromCache: true });
    expect(standIn.requests).toHaveLength(1);
    clock.advance(2 * 3600_000);
    expect(await client.lookup(request)).toMatchObject({ status: 'empty', fromCache: false });
    expect(standIn.requests).toHaveLength(2);
  });

  it('serves a cache hit without sending anything', async () => {
    const { client, standIn, clock } = await setUp();
    const request = { kind: 'result', codes: [{ system: 'LOINC', code: '4548-4' }], language: 'en' } as const;
    const first = await client.lookup(request);
    expect(first.fromCache).toBe(false);
    clock.advance(60_000);
    const second = await client.lookup(request);
    expect(second).toMatchObject({ status: 'found', fromCache: true, fetchedAt: first.fetchedAt });
    expect(second.topics).toEqual(first.topics);
    expect(standIn.requests).toHaveLength(1);
  });

  it('shares one request between simultaneous lookups of the same code', async () => {
    const { client, standIn } = await setUp();
    const request = { kind: 'medication', codes: [{ system: 'RXNORM', code: '860975' }], language: 'en' } as const;
    const results = await Promise.all([client.lookup(request), client.lookup(request), client.lookup(request)]);
    expect(results.map((result) => result.status)).toEqual(['found', 'found', 'found']);
    expect(standIn.requests).toHaveLength(1);
  });

  it('looks up Spanish education with the Spanish language code', async () => {
    const { client, standIn } = await setUp();
    const result = await client.lookup({ kind: 'problem', codes: DIABETES, language: 'es' });
    expect(result.status).toBe('found');
    expect(result.topics[0]).toMatchObject({ title: 'Diabetes tipo 2 (sustituto)', language: 'es', url: 'https://medlineplus.gov/spanish/diabetestype2.html' });
    expect(plainText(result.topics[0]!.summary)).toContain('insulina');
    expect(new URLSearchParams(standIn.requests[0]!.query).get('informationRecipient.languageCode.c')).toBe('es');
  });

  it('sends nothing while online lookups are off, and says so', async () => {
    const { client, standIn } = await setUp({ isOnlineAllowed: () => false });
    const result = await client.lookup({ kind: 'problem', codes: DIABETES, language: 'en' });
    expect(result).toEqual({
      status: 'unavailable',
      topics: [],
      fromCache: false,
      reason: 'online-off',
      message: 'No education is saved for this yet, and online lookups are off.',
    });
    expect(standIn.requests).toHaveLength(0);
  });

  it('serves saved answers, even stale ones, while online lookups are off', async () => {
    const { client, standIn, clock, setOnline } = await setUp();
    const request = { kind: 'problem', codes: DIABETES, language: 'en' } as const;
    await client.lookup(request);
    setOnline(false);
    clock.advance(90 * 24 * 3600_000);
    const result = await client.lookup(request);
    expect(result).toMatchObject({ status: 'found', fromCache: true });
    expect(standIn.requests).toHaveLength(1);
  });

  it('when the computer is offline, shows saved answers and a plain message for the rest', async () => {
    const { client, clock, standIn } = await setUp();
    const saved = { kind: 'problem', codes: DIABETES, language: 'en' } as const;
    await client.lookup(saved);
    await standIn.close();
    clock.advance(2 * 24 * 3600_000);

    const stale = await client.lookup(saved);
    expect(stale).toMatchObject({ status: 'found', fromCache: true });
    const missing = await client.lookup({ kind: 'result', codes: [{ system: 'LOINC', code: '4548-4' }], language: 'en' });
    expect(missing).toMatchObject({
      status: 'unavailable',
      fromCache: false,
      reason: 'offline',
      message: 'No education is saved for this yet, and the computer is offline.',
    });
  });

  it('backs off for at least 300 s after a refusal, then asks again', async () => {
    const { client, clock, standIn } = await setUp();
    standIn.script({ status: 503, body: 'Service Unavailable', contentType: 'text/plain' });
    const request = { kind: 'result', codes: [{ system: 'LOINC', code: '4548-4' }], language: 'en' } as const;
    const refused = await client.lookup(request);
    expect(refused).toMatchObject({ status: 'unavailable', reason: 'refused' });
    expect(refused.message).toMatch(/^No education is saved for this yet, and MedlinePlus is not answering right now/);
    const refusedAt = standIn.requests[0]!.at;

    // Every later lookup fails fast, without a request, until 300 s have passed.
    for (const wait of [1_000, 60_000, 238_999]) {
      clock.advance(wait);
      expect(await client.lookup(request)).toMatchObject({ status: 'unavailable', reason: 'refused' });
    }
    expect(standIn.requests).toHaveLength(1);
    expect(clock.now() - refusedAt).toBe(BACKOFF_MS - 1);

    clock.advance(1);
    expect(await client.lookup(request)).toMatchObject({ status: 'found', fromCache: false });
    expect(standIn.requests).toHaveLength(2);
    expect(standIn.requests[1]!.at - refusedAt).toBeGreaterThanOrEqual(300_000);
  });

  it('treats a dropped connection like the computer being offline and backs off', async () => {
    const { client, standIn, clock } = await setUp();
    standIn.script('drop');
    const request = { kind: 'medication', codes: [{ system: 'RXNORM', code: '860975' }], language: 'en' } as const;
    expect(await client.lookup(request)).toMatchObject({ status: 'unavailable', reason: 'offline' });
    clock.advance(10_000);
    expect(await client.lookup(request)).toMatchObject({ status: 'unavailable', reason: 'offline' });
    expect(standIn.requests).toHaveLength(1);
  });

  it('turns a malformed answer into an error result, caches nothing and backs off', async () => {
    const { client, standIn, cache } = await setUp();
    standIn.script({ status: 200, body: '{"feed": {"entry": [', contentType: 'application/json' });
    const result = await client.lookup({ kind: 'problem', codes: DIABETES, language: 'en' });
    expect(result).toMatchObject({ status: 'unavailable', topics: [], reason: 'malformed' });
    expect(result.message).toBe(EDUCATION_MESSAGES.malformed);
    expect(cache.puts).toBe(0);
    expect(await client.lookup({ kind: 'problem', codes: DIABETES, language: 'es' })).toMatchObject({ status: 'unavailable' });
    expect(standIn.requests).toHaveLength(1);
  });

  it('an unreadable saved answer is ignored rather than shown or crashed on', async () => {
    const { client, cache, clock } = await setUp({ isOnlineAllowed: () => false });
    cache.put({ system: 'ICD10CM', code: 'E11.9', language: 'en' }, { fetchedAt: clock.now(), body: '<html>oops' });
    expect(await client.lookup({ kind: 'problem', codes: DIABETES, language: 'en' })).toMatchObject({ status: 'unavailable', reason: 'online-off' });
  });

  it('says when an entry has no code MedlinePlus can look up, without a request', async () => {
    const { client, standIn } = await setUp();
    const result = await client.lookup({ kind: 'problem', codes: [{ system: 'LOINC', code: '4548-4' }], language: 'en' });
    expect(result).toMatchObject({ status: 'empty', reason: 'no-codes', message: EDUCATION_MESSAGES['no-codes'] });
    expect(standIn.requests).toHaveLength(0);
  });

  it('never lets two requests overlap, even when many lookups start at once', async () => {
    const { client, standIn, clock } = await setUp({}, { latencyMs: 3 });
    const lookups = Array.from({ length: 15 }, (_, index) =>
      client.lookup({ kind: 'result', codes: [{ system: 'LOINC', code: `1000${index}-1` }], language: 'en' }),
    );
    await Promise.all(lookups);
    expect(standIn.requests).toHaveLength(15);
    expect(standIn.maxConcurrent).toBe(1);
    const times = standIn.requests.map((request) => request.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    expect(clock.now() - times[0]!).toBeGreaterThanOrEqual(14_000);
  });

  it('shares one queue and one pause between clients, since the limit is per computer', async () => {
    const { client, standIn, clock, cache } = await setUp({}, { latencyMs: 2 });
    const second = createEducationClient({ cache, isOnlineAllowed: () => true, clock, baseUrl: standIn.url });
    await Promise.all([
      client.lookup({ kind: 'result', codes: [{ system: 'LOINC', code: '4548-4' }], language: 'en' }),
      second.lookup({ kind: 'result', codes: [{ system: 'LOINC', code: '2951-2' }], language: 'en' }),
      second.lookup({ kind: 'result', codes: [{ system: 'LOINC', code: '1111-1' }], language: 'en' }),
    ]);
    expect(standIn.maxConcurrent).toBe(1);
    const [a, b, c] = standIn.requests.map((request) => request.at);
    expect([b! - a!, c! - b!]).toEqual([1000, 1000]);

    standIn.script({ status: 503, body: 'Service Unavailable' });
    expect(await client.lookup({ kind: 'result', codes: [{ system: 'LOINC', code: '2222-2' }], language: 'en' })).toMatchObject({ reason: 'refused' });
    expect(await second.lookup({ kind: 'result', codes: [{ system: 'LOINC', code: '3333-3' }], language: 'en' })).toMatchObject({ reason: 'refused' });
    expect(standIn.requests).toHaveLength(4);
  });

  it('stops a lookup that is cancelled while it waits its turn, without a request', async () => {
    const { client, standIn } = await setUp();
    const first = client.lookup({ kind: 'result', codes: [{ system: 'LOINC', code: '4548-4' }], language: 'en' });
    const controller = new AbortController();
    controller.abort(new Error('closed the panel'));
    await expect(
      client.lookup({ kind: 'result', codes: [{ system: 'LOINC', code: '2951-2' }], language: 'en' }, { signal: controller.signal }),
    ).rejects.toThrow('closed the panel');
    await first;
    expect(standIn.requests).toHaveLength(1);
  });
});

describe('where the client sends its requests', () => {
  it('uses CHARTKEEPER_MEDLINEPLUS_URL when no address is given', async () => {
    const clock = new FakeClock();
    standIn = await startStandIn({ clock });
    const saved = process.env.CHARTKEEPER_MEDLINEPLUS_URL;
    process.env.CHARTKEEPER_MEDLINEPLUS_URL = standIn.url;
    try {
      const client = createEducationClient({ cache: new MapCache(), isOnlineAllowed: () => true, clock });
      expect(client.baseUrl).toBe(standIn.url);
      expect((await client.lookup({ kind: 'problem', codes: DIABETES, language: 'en' })).status).toBe('found');
      expect(standIn.requests).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.CHARTKEEPER_MEDLINEPLUS_URL;
      else process.env.CHARTKEEPER_MEDLINEPLUS_URL = saved;
    }
  });

  it('defaults to NLM and refuses a plain-http mirror', () => {
    const saved = process.env.CHARTKEEPER_MEDLINEPLUS_URL;
    delete process.env.CHARTKEEPER_MEDLINEPLUS_URL;
    try {
      expect(createEducationClient({ cache: new MapCache(), isOnlineAllowed: () => false }).baseUrl).toBe('https://connect.medlineplus.gov');
      expect(() => createEducationClient({ cache: new MapCache(), isOnlineAllowed: () => false, baseUrl: 'http://mirror.example.org' })).toThrow(/https/);
    } finally {
      if (saved !== undefined) process.env.CHARTKEEPER_MEDLINEPLUS_URL = saved;
    }
  });
});

describe.skipIf(!hasCorpus)('the education client on the recorded answers', () => {
  it('reads the recorded drug, lab, SNOMED and old-format answers through the stand-in', async () => {
    const { client, standIn } = await setUp();
    const drug = await client.lookup({ kind: 'medication', codes: [{ system: 'RXNORM', code: '861004' }], language: 'en' });
    expect(drug.topics.map((topic) => topic.title)).toEqual(['Metformin', 'Diabetes Medicines']);
    const lab = await client.lookup({ kind: 'result', codes: [{ system: 'LOINC', code: '2951-2' }], language: 'en' });
    expect(lab.topics).toHaveLength(2);
    const snomed = await client.lookup({ kind: 'problem', codes: [{ system: 'SNOMED', code: '52702003' }], language: 'en' });
    expect(snomed.topics[0]!.title).toBe('Myalgic Encephalomyelitis/Chronic Fatigue Syndrome');
    const old = await client.lookup({ kind: 'problem', codes: [{ system: 'ICD9CM', code: '250.33' }], language: 'en' });
    expect(old.topics.map((topic) => topic.url)).toEqual(['https://medlineplus.gov/coma.html', 'https://medlineplus.gov/diabetestype1.html']);
    const acne = await client.lookup({ kind: 'problem', codes: [{ system: 'ICD10CM', code: 'L70' }], language: 'en' });
    expect(acne.topics[0]!.title).toBe('Acne');
    const none = await client.lookup({ kind: 'problem', codes: [{ system: 'ICD10CM', code: 'ZZZ99' }], language: 'en' });
    expect(none.status).toBe('empty');
    for (const request of standIn.requests) {
      expect(request.query.map(([name]) => name).sort()).toEqual([...ALLOWED_PARAMS].sort());
    }
  });
});
