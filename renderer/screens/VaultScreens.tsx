// The two screens shown before any health data is visible: creating the vault on first run and
// unlocking it later. Both show the vault folder and let the user choose another one.
import { useId, useState, type FormEvent } from 'react';
import type { ContractError, SessionStart, VaultStatus } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { ErrorText } from '../components/Status.tsx';
import { passphraseStrength } from '../components/passphraseStrength.ts';
import { type I18n, useI18n } from '../i18n/index.tsx';
import { dateOrder } from '../i18n/date-input.ts';

/**
 * Where the vault is, and a button for the folder dialog. The chosen folder's status goes to
 * onChosen, which shows Unlock when it holds a vault and Create when it does not.
 */
function VaultFolder({ status, onChosen }: { status: VaultStatus; onChosen: (status: VaultStatus) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const locationId = useId();

  async function choose() {
    setBusy(true);
    setError(null);
    const r = await api.vault.chooseFolder({});
    setBusy(false);
    if (!r.ok) return setError(r.error);
    if (r.value) onChosen(r.value);
  }

  return (
    <div className="vault-folder">
      <p id={locationId} className="muted small vault-location" aria-live="polite">
        {t(status.exists ? 'vaultLocation' : 'vaultNewLocation', { location: status.location })}
      </p>
      <button type="button" onClick={() => void choose()} disabled={busy} aria-describedby={locationId}>
        {t('chooseVaultFolder')}
      </button>
      <ErrorText error={error} />
    </div>
  );
}

export function CreateVault({
  status,
  onCreated,
  onFolderChosen,
}: {
  status: VaultStatus;
  onCreated: (status: VaultStatus) => void;
  onFolderChosen: (status: VaultStatus) => void;
}) {
  const { t } = useI18n();
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [error, setError] = useState<ContractError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const hintId = useId();
  const warnId = useId();
  const strength = passphraseStrength(first);
  const strengthKey = (`strength${strength[0]!.toUpperCase()}${strength.slice(1)}`) as 'strengthWeak';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (first.length < 8) return setError(t('passphraseTooShort'));
    if (first !== second) return setError(t('passphraseMismatch'));
    setBusy(true);
    setError(null);
    const r = await api.vault.create({ passphrase: first });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setFirst('');
    setSecond('');
    onCreated(r.value);
  }

  return (
    <main id="main" className="gate">
      <h1>{t('createTitle')}</h1>
      <p>{t('createIntro')}</p>
      <p className="warning" id={warnId}>
        {t('createWarning')}
      </p>
      <VaultFolder status={status} onChosen={onFolderChosen} />
      <form onSubmit={submit} className="stack" noValidate>
        <label>
          {t('passphrase')}
          <input
            type="password"
            autoComplete="new-password"
            value={first}
            onChange={(e) => setFirst(e.target.value)}
            aria-describedby={`${hintId} ${warnId}`}
            required
            autoFocus
          />
        </label>
        <p id={hintId} className={`strength strength-${strength}`} aria-live="polite">
          {first ? t('strengthLabel', { level: t(strengthKey) }) : ''}
        </p>
        <label>
          {t('passphraseAgain')}
          <input type="password" autoComplete="new-password" value={second} onChange={(e) => setSecond(e.target.value)} required />
        </label>
        <ErrorText error={error} />
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('creating') : t('createVault')}
        </button>
      </form>
    </main>
  );
}

/**
 * One-time costs of the first screen after unlock, paid while main derives the key (a third
 * of a second in which this thread has nothing else to do) instead of inside the first render
 * of the timeline: the first number and date an Intl formatter writes loads its locale data
 * (tens of milliseconds once, cached after), the date fields' order of day and month included.
 */
function warmFirstScreen(i18n: I18n): void {
  for (const day of ['2000-01-02', '2000-01', '2000', '2000-01-02T03:04:05Z']) i18n.date(day);
  i18n.number(1.5);
  dateOrder(i18n.locale);
}

/**
 * `firstScreen`: what to bring back with the unlock for the first screen (vault.unlock's
 * `session`), handed to onUnlocked with the vault's status.
 */
export function Unlock({
  status,
  idleLocked,
  firstScreen,
  onUnlocked,
  onFolderChosen,
}: {
  status: VaultStatus;
  idleLocked: boolean;
  firstScreen: { timelineLimit: number };
  onUnlocked: (s: VaultStatus & { session?: SessionStart }) => void;
  onFolderChosen: (s: VaultStatus) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const unlocking = api.vault.unlock({ passphrase, session: firstScreen });
    warmFirstScreen(i18n);
    const r = await unlocking;
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setPassphrase('');
    onUnlocked(r.value);
  }

  return (
    <main id="main" className="gate">
      <h1>{t('unlockTitle')}</h1>
      {idleLocked && (
        <p className="notice" role="status">
          {t('lockedAfterIdle')}
        </p>
      )}
      <p>{t('unlockIntro')}</p>
      <form onSubmit={submit} className="stack">
        <label>
          {t('passphrase')}
          <input
            type="password"
            autoComplete="current-password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            autoFocus
          />
        </label>
        <ErrorText error={error} id={errorId} />
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('unlocking') : t('unlock')}
        </button>
      </form>
      <VaultFolder
        status={status}
        onChosen={(chosen) => {
          // An error about the previous folder's vault no longer applies.
          setError(null);
          setPassphrase('');
          onFolderChosen(chosen);
        }}
      />
    </main>
  );
}
