// Settings → Health card keys: the issuers' public keys and revocation lists kept in the vault,
// with which later health cards are checked. Added from a file the person has (an issuer's
// jwks.json or a .crl list), or fetched by an import when online lookups are on (said here).
import { useEffect, useState, type FormEvent } from 'react';
import type { ContractError, KeptIssuerKeys } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorText } from './Status.tsx';

export function CardKeys() {
  const { t, date } = useI18n();
  const [kept, setKept] = useState<KeptIssuerKeys[] | null>(null);
  const [issuer, setIssuer] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<ContractError | string | null>(null);

  useEffect(() => {
    void api.cardKeys.list({}).then((r) => (r.ok ? setKept(r.value) : setError(r.error)));
  }, []);

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    if (!file) return setError(t('cardKeysChooseFile'));
    const r = await api.cardKeys.add({ issuer: issuer.trim(), file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } });
    if (!r.ok) return setError(r.error);
    setKept(r.value);
    setError(null);
    setIssuer('');
    setFile(null);
    form.reset();
  }

  return (
    <section className="settings-group" aria-labelledby="card-keys-title" data-testid="card-keys">
      <h2 id="card-keys-title">{t('cardKeysTitle')}</h2>
      <p className="muted small">{t('cardKeysIntro')}</p>
      {kept?.length === 0 && <p>{t('cardKeysNone')}</p>}
      {kept && kept.length > 0 && (
        <ul className="plain-list">
          {kept.map((k) => (
            <li key={k.issuer}>
              <strong>{k.issuer}</strong>{' '}
              <span className="muted small">
                {t('cardKeysLine', { keys: k.keyIds.join(', '), date: k.addedAt ? date(k.addedAt.slice(0, 10)) : '' })}
                {k.fetchedFrom ? ` ${t('cardKeysFetchedFrom', { url: k.fetchedFrom, date: k.fetchedAt ? date(k.fetchedAt.slice(0, 10)) : '' })}` : ''}
                {k.revocations.map((r) => ` ${t('cardKeysRevocations', { count: r.rids, kid: r.kid })}`).join('')}
              </span>{' '}
              <button
                type="button"
                className="button-quiet"
                onClick={async () => {
                  const r = await api.cardKeys.remove({ issuer: k.issuer });
                  if (r.ok) setKept(r.value);
                  else setError(r.error);
                }}
              >
                {t('cardKeysRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="stack">
        <label>
          {t('cardKeysIssuer')}
          <input type="url" value={issuer} onChange={(e) => setIssuer(e.target.value)} placeholder="https://" required />
        </label>
        <label>
          {t('cardKeysFile')}
          <input type="file" accept=".json,.crl,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
        </label>
        <ErrorText error={error} />
        <div className="button-row">
          <button type="submit">{t('cardKeysAdd')}</button>
        </div>
      </form>
    </section>
  );
}
