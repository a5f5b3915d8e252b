import { describe, expect, it } from 'vitest';
import { DEFAULT_MEDLINEPLUS_URL, MEDLINEPLUS_URL_ENV, medlinePlusBaseUrl, serviceUrl, validateBaseUrl } from '../../main/medlineplus/endpoint.ts';

describe('the MedlinePlus address', () => {
  it('defaults to NLM and is overridden only by CHARTKEEPER_MEDLINEPLUS_URL', () => {
    expect(DEFAULT_MEDLINEPLUS_URL).toBe('https://connect.medlineplus.gov');
    expect(medlinePlusBaseUrl({})).toBe('https://connect.medlineplus.gov');
    expect(medlinePlusBaseUrl({ [MEDLINEPLUS_URL_ENV]: 'https://mirror.example.org/mplus/' })).toBe('https://mirror.example.org/mplus');
    expect(medlinePlusBaseUrl({ [MEDLINEPLUS_URL_ENV]: '' })).toBe('https://connect.medlineplus.gov');
    expect(medlinePlusBaseUrl({ MEDLINEPLUS_URL: 'https://other.example' })).toBe('https://connect.medlineplus.gov');
  });

  it('refuses addresses that would leak codes or credentials', () => {
    expect(() => validateBaseUrl('http://mirror.example.org')).toThrow(/https/);
    expect(() => validateBaseUrl('https://user:pw@mirror.example.org')).toThrow(/user name/);
    expect(() => validateBaseUrl('https://mirror.example.org/?track=1')).toThrow(/query/);
    expect(() => validateBaseUrl('not a url')).toThrow(/not a valid web address/);
    expect(validateBaseUrl('http://127.0.0.1:4567')).toBe('http://127.0.0.1:4567');
  });

  it('builds a request with exactly the four allowed parameters', () => {
    const url = new URL(serviceUrl('https://connect.medlineplus.gov', { systemOid: '2.16.840.1.113883.6.90', code: 'G93.32', language: 'es' }));
    expect(url.origin + url.pathname).toBe('https://connect.medlineplus.gov/service');
    expect([...url.searchParams.entries()]).toEqual([
      ['mainSearchCriteria.v.cs', '2.16.840.1.113883.6.90'],
      ['mainSearchCriteria.v.c', 'G93.32'],
      ['informationRecipient.languageCode.c', 'es'],
      ['knowledgeResponseType', 'application/json'],
    ]);
  });
});
