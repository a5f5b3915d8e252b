import { afterEach, describe, expect, it } from 'vitest';
import { createEducationClient } from '../../main/medlineplus/client.ts';
import { prefetchEducation, prefetchKeys } from '../../main/medlineplus/prefetch.ts';
import type { PrefetchItem, PrefetchProgress } from '../../main/medlineplus/prefetch.ts';
import { startStandIn } from '../support/medlineplus-standin.ts';
import type { StandIn } from '../support/medlineplus-standin.ts';
import { FakeClock, MapCache } from './helpers.ts';

let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function setUp(online = true) {
  const clock = new FakeClock();
  standIn = await startStandIn({ clock });
  const cache = new MapCache();
  const client = createEducationClient({ cache, isOnlineAllowed: () => online, clock, baseUrl: standIn.url });
  return { clock, cache, client, standIn };
}

/** 1,000 distinct codes across the four kinds Connect answers. */
function thousandCodes(): PrefetchItem[] {
  const items: PrefetchItem[] = [];
  for (let i = 0; i < 250; i++) {
    items.push({ kind: 'problem', codes: [{ system: 'ICD10CM', code: `E${i}.9` }, { system: 'SNOMED', code: `${7000000 + i}` }] });
    items.push({ kind: 'medication', codes: [{ system: 'RXNORM', code: `${860000 + i}` }] });
    items.push({ kind: 'result', codes: [{ system: 'LOINC', code: `${4000 + i}-1` }] });
  }
  return items;
}

describe('prefetchEducation', () => {
  it('lists each needed key once, first language first', () => {
    const items: PrefetchItem[] = [
      { kind: 'problem', codes: [{ system: 'ICD10CM', code: 'E11.9' }, { system: 'SNOMED', code: '44054006' }] },
      { kind: 'problem', codes: [{ system: 'ICD10CM', code: 'E11.9' }] },
      { kind: 'allergy', codes: [{ system: 'RXNORM', code: '7980' }] },
    ];
    expect(prefetchKeys(items, ['en', 'es'])).toEqual([
      { system: 'ICD10CM', code: 'E11.9', language: 'en' },
      { system: 'SNOMED', code: '44054006', language: 'en' },
      { system: 'ICD10CM', code: 'E11.9', language: 'es' },
      { system: 'SNOMED', code: '44054006', language: 'es' },
    ]);
  });

  it('fetches 1,000 codes in both languages without exceeding 1 request/s or 100/min, one at a time', async () => {
    const { client, standIn, cache } = await setUp();
    const progress: PrefetchProgress[] = [];
    const summary = await prefetchEducation(thousandCodes(), ['en', 'es'], client, (step) => progress.push(step));

    expect(summary).toMatchObject({ total: 2000, done: 2000, fetched: 2000, alreadySaved: 0 });
    expect(summary.stoppedBecause).toBeUndefined();
    expect(cache.entries.size).toBe(2000);
    expect(standIn.requests).toHaveLength(2000);
    expect(standIn.requests.every((request) => request.outcome !== 'refused')).toBe(true);
    expect(standIn.maxConcurrent).toBe(1);

    const times = standIn.requests.map((request) => request.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    // Sliding one-minute windows: never more than 100 starts in any 60 s.
    let windowStart = 0;
    let busiest = 0;
    for (let i = 0; i < times.length; i++) {
      while (times[i]! - times[windowStart]! >= 60_000) windowStart++;
      busiest = Math.max(busiest, i - windowStart + 1);
    }
    expect(busiest).toBeLessThanOrEqual(100);
    expect(busiest).toBeGreaterThan(1);

    expect(progress[0]).toEqual({ done: 0, total: 2000 });
    expect(progress.at(-1)).toEqual({ done: 2000, total: 2000 });
    expect(progress.every((step, index) => index === 0 || step.done === progress[index - 1]!.done + 1)).toBe(true);
  });

  it('can be cancelled and resumes where it stopped, skipping what is saved', async () => {
    const { client, standIn } = await setUp();
    const items = thousandCodes().slice(0, 20);
    const controller = new AbortController();
    const first = await prefetchEducation(items, ['en'], client, (step) => {
      if (step.done === 7) controller.abort();
    }, { signal: controller.signal });
    expect(first).toMatchObject({ total: 27, done: 7, fetched: 7, stoppedBecause: 'cancelled' });
    expect(standIn.requests).toHaveLength(7);

    const second = await prefetchEducation(items, ['en'], client);
    expect(second).toMatchObject({ total: 27, done: 27, fetched: 20, alreadySaved: 7 });
    expect(standIn.requests).toHaveLength(27);
    const codes = standIn.requests.map((request) => new URLSearchParams(request.query).get('mainSearchCriteria.v.c'));
    expect(new Set(codes).size).toBe(27);
  });

  it('stops at a refusal, sends nothing more while paused, and continues on a later run', async () => {
    const { client, standIn, clock } = await setUp();
    const items = thousandCodes().slice(0, 6);
    expect(await prefetchEducation(items.slice(0, 2), ['en'], client)).toMatchObject({ done: 3, fetched: 3 });

    standIn.script({ status: 503, body: 'Service Unavailable', contentType: 'text/plain' });
    const refused = await prefetchEducation(items, ['en'], client);
    expect(refused).toMatchObject({ total: 8, done: 3, alreadySaved: 3, fetched: 0, stoppedBecause: 'refused' });
    expect(refused.message).toMatch(/not answering right now/);
    expect(standIn.requests).toHaveLength(4);

    clock.advance(299_000);
    expect(await prefetchEducation(items, ['en'], client)).toMatchObject({ done: 3, stoppedBecause: 'refused' });
    expect(standIn.requests).toHaveLength(4);

    clock.advance(1_000);
    const rest = await prefetchEducation(items, ['en'], client);
    expect(rest).toMatchObject({ total: 8, done: 8, fetched: 5, alreadySaved: 3 });
    expect(rest.stoppedBecause).toBeUndefined();
    expect(standIn.requests).toHaveLength(9);
  });

  it('sends nothing when online lookups are off', async () => {
    const { client, standIn } = await setUp(false);
    const summary = await prefetchEducation(thousandCodes().slice(0, 3), ['en', 'es'], client);
    expect(summary).toMatchObject({ done: 0, stoppedBecause: 'online-off', message: 'No education is saved for this yet, and online lookups are off.' });
    expect(standIn.requests).toHaveLength(0);
  });
});
