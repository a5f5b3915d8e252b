// What a health card's check says about revocation and about keys that could not be fetched
// again, in the English the import report and the command line write (the screen says the
// same through renderer/i18n). One wording, so the stored report and the terminal agree.
import type { HealthCardCheck, IssuerFetchFailure } from '../model.ts';

/** Why something an issuer publishes could not be had, as the end of a sentence. */
export const FETCH_FAILURE_WHY: Record<IssuerFetchFailure, string> = {
  'online-off': 'online lookups are off',
  offline: 'the computer is offline or could not reach the issuer',
  timeout: 'the issuer did not answer within 10 seconds',
  refused: 'the issuer refused the request',
  'too-large': 'the issuer sent something far larger than such a file, so Chartkeeper stopped reading it',
  malformed: 'the issuer sent something that is not what was asked for',
  'address-refused': 'the issuer’s address is not an https:// address of a named host, which Chartkeeper does not ask',
};

/**
 * The revocation part of a checked card's sentence: checked, not checked because the issuer
 * publishes no list, or not checked because a list it publishes was not at hand and why.
 */
export function revocationWords(check: Pick<HealthCardCheck, 'revocationChecked' | 'revocationNote'>): string {
  const note = check.revocationNote;
  if (check.revocationChecked) {
    if (!note || note === 'no-list') return 'not on its revocation list';
    return `not on the revocation list kept; the newer list its key announces could not be fetched (${note === 'not-fetched' ? 'it was not at hand' : FETCH_FAILURE_WHY[note]})`;
  }
  switch (note) {
    case undefined:
      return 'revocation was not checked';
    case 'no-list':
      return 'the issuer publishes no revocation list for this key, so there was none to check';
    case 'not-fetched':
      return 'revocation was not checked: the issuer publishes a revocation list, which was not at hand';
    case 'online-off':
      return 'revocation was not checked: the issuer publishes a revocation list, but online lookups are off, so it was not fetched';
    default:
      return `revocation was not checked: the issuer’s revocation list could not be fetched (${FETCH_FAILURE_WHY[note]})`;
  }
}

/** When a kept key set was due to be fetched again and could not be: which keys were used instead. */
export function refreshWords(check: Pick<HealthCardCheck, 'keyRefreshFailed' | 'keyFetchedAt'>): string | undefined {
  if (!check.keyRefreshFailed) return undefined;
  const since = check.keyFetchedAt ? ` (fetched on ${check.keyFetchedAt.slice(0, 10)})` : '';
  return `The issuer’s current keys could not be fetched (${FETCH_FAILURE_WHY[check.keyRefreshFailed]}), so the keys kept in Chartkeeper${since} were used.`;
}
