// A health card's signature state in the import report, said plainly: which key checked it and
// where that key came from, or why it was not checked and what the person can do about it.
import { useState } from 'react';
import type { ContractError, HealthCardCheck, HealthCardRevocationNote, IssuerFetchFailure } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.ts';
import { ErrorText } from './Status.tsx';

const SIGNATURE_KEY = {
  verified: 'cardVerified',
  'not-checked': 'cardNotChecked',
  invalid: 'cardInvalid',
  revoked: 'cardRevoked',
} as const;

const STATE_WHY_KEY = { verified: 'cardVerifiedWhy', invalid: 'cardInvalidWhy', revoked: 'cardRevokedWhy' } as const;

const NOT_CHECKED_KEY = {
  'no-key': 'cardNotCheckedNoKey',
  'online-off': 'cardNotCheckedOnlineOff',
  offline: 'cardNotCheckedOffline',
  timeout: 'cardNotCheckedTimeout',
  'too-large': 'cardNotCheckedTooLarge',
  refused: 'cardNotCheckedRefused',
  malformed: 'cardNotCheckedMalformed',
  'address-refused': 'cardNotCheckedAddress',
  'no-such-key': 'cardNotCheckedNoSuchKey',
  'not-es256': 'cardNotCheckedAlgorithm',
} as const;

/** Why something the issuer publishes could not be had, as the end of a sentence. */
const WHY_KEY = {
  'online-off': 'cardWhy_onlineOff',
  offline: 'cardWhy_offline',
  timeout: 'cardWhy_timeout',
  refused: 'cardWhy_refused',
  'too-large': 'cardWhy_tooLarge',
  malformed: 'cardWhy_malformed',
  'address-refused': 'cardWhy_address',
  'not-fetched': 'cardWhy_notAtHand',
} as const satisfies Record<Exclude<HealthCardRevocationNote, 'no-list'> | IssuerFetchFailure, string>;

/** What a checked card says about revocation: checked, none published, or a list not at hand and why. */
function useRevocationWords(card: HealthCardCheck): string {
  const { t } = useI18n();
  const note = card.revocationNote;
  if (card.signature !== 'verified' && card.signature !== 'revoked') return '';
  if (card.revocationChecked) return note && note !== 'no-list' ? t('cardRevocationOlder', { why: t(WHY_KEY[note]) }) : '';
  switch (note) {
    case undefined:
      return t('cardRevocationNotChecked');
    case 'no-list':
      return t('cardRevocationNoList');
    case 'not-fetched':
      return t('cardRevocationNotAtHand');
    case 'online-off':
      return t('cardRevocationOnlineOff');
    default:
      return t('cardRevocationFailed', { why: t(WHY_KEY[note]) });
  }
}

/** Which key checked the card and where it came from. */
function useKeySource(card: HealthCardCheck): string {
  const { t, date } = useI18n();
  const kid = card.keyId ?? '?';
  if (card.keyFrom === 'fetched') return t('cardKeyFetched', { kid, url: card.keyUrl ?? card.issuer });
  if (card.keyFrom === 'kept' && card.keyUrl) return t('cardKeyKeptFetched', { kid, url: card.keyUrl, date: card.keyFetchedAt ? date(card.keyFetchedAt.slice(0, 10)) : '' });
  if (card.keyFrom === 'kept') return t('cardKeyKept', { kid });
  return t('cardKeyFile', { kid });
}

export function CardSignature({ card }: { card: HealthCardCheck }) {
  const { t } = useI18n();
  const { navigate } = useSession();
  const [kept, setKept] = useState<'no' | 'yes' | ContractError>('no');
  const keySource = useKeySource(card);
  const revocation = useRevocationWords(card);
  const warn = card.signature === 'invalid' || card.signature === 'revoked';
  const notChecked = card.signature === 'not-checked' ? (card.notChecked ?? 'no-key') : undefined;
  return (
    <div className={`card-signature signature-${card.signature}`} role={warn ? 'alert' : undefined} data-testid="card-signature">
      <p>
        <strong>{t(SIGNATURE_KEY[card.signature])}</strong> {t('cardIssuer', { issuer: card.issuer })}
      </p>
      <p className="small">
        {card.signature === 'not-checked' ? t(NOT_CHECKED_KEY[notChecked ?? 'no-key'], { kid: card.keyId ?? '?' }) : `${t(STATE_WHY_KEY[card.signature])} ${keySource}`}
        {revocation ? ` ${revocation}` : ''}
        {card.keyRefreshFailed ? ` ${t('cardKeyRefreshFailed', { why: t(WHY_KEY[card.keyRefreshFailed]) })}` : ''}
      </p>
      {(notChecked === 'online-off' || card.revocationNote === 'online-off') && (
        <button type="button" className="button-quiet" onClick={() => navigate('settings')}>
          {t('cardOpenSettings')}
        </button>
      )}
      {card.offerKeys && kept !== 'yes' && (
        <button
          type="button"
          onClick={async () => {
            const r = await api.cardKeys.add({ issuer: card.issuer, keys: card.offerKeys! });
            setKept(r.ok ? 'yes' : r.error);
          }}
        >
          {t('cardKeepKeys')}
        </button>
      )}
      {kept === 'yes' && <p className="small">{t('cardKeysKept')}</p>}
      {typeof kept === 'object' && <ErrorText error={kept} />}
    </div>
  );
}
