// The words the import report and the command line give a checked card's revocation and a key
// set that could not be fetched again: each state its own sentence, a failure with its reason.
import { describe, expect, it } from 'vitest';
import { FETCH_FAILURE_WHY, refreshWords, revocationWords } from '../../main/records/readable/card-check.ts';
import type { IssuerFetchFailure } from '../../main/records/model.ts';

describe('a checked card’s revocation in words', () => {
  it('tells "the issuer publishes none" from "a list could not be fetched", and each failure by its reason', () => {
    expect(revocationWords({ revocationChecked: true })).toBe('not on its revocation list');
    expect(revocationWords({ revocationChecked: false, revocationNote: 'no-list' })).toBe('the issuer publishes no revocation list for this key, so there was none to check');
    expect(revocationWords({ revocationChecked: false, revocationNote: 'online-off' })).toBe(
      'revocation was not checked: the issuer publishes a revocation list, but online lookups are off, so it was not fetched',
    );
    expect(revocationWords({ revocationChecked: false, revocationNote: 'not-fetched' })).toBe('revocation was not checked: the issuer publishes a revocation list, which was not at hand');
    const failures: IssuerFetchFailure[] = ['offline', 'timeout', 'refused', 'too-large', 'malformed', 'address-refused'];
    const sentences = failures.map((reason) => revocationWords({ revocationChecked: false, revocationNote: reason }));
    for (const [i, reason] of failures.entries()) {
      expect(sentences[i]).toBe(`revocation was not checked: the issuer’s revocation list could not be fetched (${FETCH_FAILURE_WHY[reason]})`);
    }
    expect(new Set(sentences).size).toBe(failures.length);
    expect(revocationWords({ revocationChecked: false, revocationNote: 'timeout' })).toContain('did not answer within 10 seconds');
    expect(revocationWords({ revocationChecked: true, revocationNote: 'too-large' })).toBe(
      'not on the revocation list kept; the newer list its key announces could not be fetched (the issuer sent something far larger than such a file, so Chartkeeper stopped reading it)',
    );
  });

  it('says which keys were used when the kept set could not be fetched again, and nothing otherwise', () => {
    expect(refreshWords({})).toBeUndefined();
    expect(refreshWords({ keyRefreshFailed: 'refused', keyFetchedAt: '2026-01-05T09:00:00.000Z' })).toBe(
      'The issuer’s current keys could not be fetched (the issuer refused the request), so the keys kept in Chartkeeper (fetched on 2026-01-05) were used.',
    );
    expect(refreshWords({ keyRefreshFailed: 'offline' })).toBe('The issuer’s current keys could not be fetched (the computer is offline or could not reach the issuer), so the keys kept in Chartkeeper were used.');
  });
});
