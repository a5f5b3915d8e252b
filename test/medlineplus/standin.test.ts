// The stand-in itself must behave like the real service, or the client tests prove nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { startStandIn, STANDIN_LOCKOUT_MS } from '../support/medlineplus-standin.ts';
import type { StandIn } from '../support/medlineplus-standin.ts';
import { corpusDir, FakeClock, hasCorpus } from './helpers.ts';

let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

function query(base: string, cs: string, code: string, language?: string): string {
  const params = new URLSearchParams({ 'mainSearchCriteria.v.cs': cs, 'mainSearchCriteria.v.c': code });
  if (language) params.set('informationRecipient.languageCode.c', language);
  params.set('knowledgeResponseType', 'application/json');
  return `${base}/service?${params}`;
}

describe('the MedlinePlus stand-in', () => {
  it('answers unknown codes with the empty feed, echoing the request as the real service does', async () => {
    const clock = new FakeClock(Date.UTC(2026, 9, 8, 13, 38, 13));
    standIn = await startStandIn({ clock, corpusDir: null });
    const response = await fetch(query(standIn.url, '2.16.840.1.113883.6.90', 'ZZZ99'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { feed: Record<string, unknown> };
    expect(body.feed.subtitle).toEqual({ type: 'text', _value: 'MedlinePlus Connect results for ICD-10-CM ZZZ99' });
    expect(body.feed.category).toEqual([
      { scheme: 'mainSearchCriteria.v.c', term: 'ZZZ99' },
      { scheme: 'mainSearchCriteria.v.cs', term: 'ICD10CM' },
      { scheme: 'mainSearchCriteria.v.dn', term: '' },
      { scheme: 'informationRecipient', term: 'PAT' },
    ]);
    expect(body.feed.updated).toEqual({ _value: '2026-10-08T13:38:13Z' });
    expect(body.feed.entry).toEqual([]);
    expect(standIn.requests[0]).toMatchObject({ path: '/service', outcome: 'empty' });
  });

  it('serves its own fixtures by code system, code and language', async () => {
    standIn = await startStandIn({ corpusDir: null });
    const en = (await (await fetch(query(standIn.url, '2.16.840.1.113883.6.1', '4548-4', 'en'))).json()) as { feed: { entry: unknown[] } };
    const es = (await (await fetch(query(standIn.url, '2.16.840.1.113883.6.1', '4548-4', 'es'))).json()) as { feed: { entry: { title: { _value: string } }[] } };
    expect(en.feed.entry).toHaveLength(1);
    expect(es.feed.entry[0]!.title._value).toBe('Prueba de hemoglobina A1C (sustituto)');
    expect(standIn.servedKeys()).toContain('2.16.840.1.113883.6.103|250.00|en');
  });

  it.skipIf(!hasCorpus)('serves the recorded answers byte for byte, old formats included', async () => {
    standIn = await startStandIn();
    const keys = standIn.servedKeys();
    for (const key of [
      '2.16.840.1.113883.6.90|G93.31|en',
      '2.16.840.1.113883.6.90|G93.32|en',
      '2.16.840.1.113883.6.90|ZZZ99|en',
      '2.16.840.1.113883.6.96|52702003|en',
      '2.16.840.1.113883.6.1|2951-2|en',
      '2.16.840.1.113883.6.88|861004|en',
      '2.16.840.1.113883.6.103|250.33|en',
      '2.16.840.1.113883.6.90|L70|en',
    ]) {
      expect(keys).toContain(key);
    }
    expect(keys.some((key) => key.includes('637188'))).toBe(false);
    const { readFileSync } = await import('node:fs');
    const text = await (await fetch(query(standIn.url, '2.16.840.1.113883.6.103', '250.33'))).text();
    expect(text).toBe(readFileSync(`${corpusDir}/icd9-250.33_2014.json`, 'utf8'));
  });

  it('refuses the 101st request within a minute, and everything for 300 s after it', async () => {
    const clock = new FakeClock();
    standIn = await startStandIn({ clock, corpusDir: null });
    const url = query(standIn.url, '2.16.840.1.113883.6.90', 'E11.9');
    for (let i = 0; i < 100; i++) {
      clock.advance(100);
      expect((await fetch(url)).status).toBe(200);
    }
    clock.advance(100);
    const refusedAt = clock.now();
    expect((await fetch(url)).status).toBe(503);
    expect(standIn.isLockedOut()).toBe(true);
    clock.advance(STANDIN_LOCKOUT_MS - 1);
    expect((await fetch(url)).status).toBe(503);
    clock.advance(1);
    expect(clock.now() - refusedAt).toBe(300_000);
    expect((await fetch(url)).status).toBe(200);
    expect(standIn.requests.filter((request) => request.outcome === 'refused')).toHaveLength(2);
  });

  it('does not lock out 100 requests spread over a minute', async () => {
    const clock = new FakeClock();
    standIn = await startStandIn({ clock, corpusDir: null });
    const url = query(standIn.url, '2.16.840.1.113883.6.90', 'E11.9');
    for (let i = 0; i < 130; i++) {
      clock.advance(600);
      expect((await fetch(url)).status).toBe(200);
    }
  });

  it('only knows GET /service', async () => {
    standIn = await startStandIn({ corpusDir: null });
    expect((await fetch(`${standIn.url}/application`)).status).toBe(404);
    expect((await fetch(query(standIn.url, '2.16.840.1.113883.6.90', 'E11.9'), { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${standIn.url}/service?mainSearchCriteria.v.c=E11.9`)).status).toBe(400);
  });
});
