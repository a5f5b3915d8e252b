// Settings: language, idle lock, online lookups (with what leaves the machine), update
// checks, passphrase change, backups and exports, and the About text with NLM attribution.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ContractError, InputOf, PrefetchProgress, Result } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { inDesktopShell } from '../api/menu.ts';
import { ErrorText } from '../components/Status.tsx';
import { CardKeys } from '../components/CardKeys.tsx';
import { makeI18n, useI18n } from '../i18n/index.tsx';
import { GLUCOSE_UNITS, type GlucoseUnit } from '../../main/records/readable/index.ts';
import { useProfile, useSession } from '../session.ts';

export function SettingsScreen() {
  const { t } = useI18n();
  const session = useSession();
  const { settings } = session;
  const [error, setError] = useState<ContractError | null>(null);
  const [idle, setIdle] = useState(String(settings.idleLockMinutes));

  async function change(patch: InputOf<'settings.set'>) {
    setError(null);
    // Show the choice at once (a checkbox that waits for the vault feels broken); put the
    // previous settings back if saving fails.
    const before = settings;
    session.updateSettings({ ...settings, ...patch });
    const r = await api.settings.set(patch);
    if (!r.ok) {
      session.updateSettings(before);
      return setError(r.error);
    }
    session.updateSettings(r.value);
    // Confirm in the language just chosen, not the one being left.
    session.notify(makeI18n(r.value.language).t('settingsSaved'));
  }

  return (
    <section aria-labelledby="screen-title" className="settings">
      <h1 id="screen-title" tabIndex={-1}>
        {t('settingsTitle')}
      </h1>
      <ErrorText error={error} />
      <div className="stack settings-group">
        <label>
          {t('language')}
          <select value={settings.language} onChange={(e) => void change({ language: e.target.value as 'en' | 'es' })}>
            <option value="en" lang="en">
              English
            </option>
            <option value="es" lang="es">
              Español
            </option>
          </select>
        </label>
        <label>
          {t('unitsSetting')}
          <select value={settings.units ?? 'us'} onChange={(e) => void change({ units: e.target.value as 'us' | 'metric' })}>
            <option value="us">{t('units_us')}</option>
            <option value="metric">{t('units_metric')}</option>
          </select>
        </label>
        <label>
          {t('glucoseSetting')}
          <select value={settings.glucoseUnit ?? 'auto'} aria-describedby="glucose-setting-hint" onChange={(e) => void change({ glucoseUnit: e.target.value as GlucoseUnit })}>
            {GLUCOSE_UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`glucose_${u}`)}
              </option>
            ))}
          </select>
          <span className="muted small" id="glucose-setting-hint">
            {t('glucoseSettingHint')}
          </span>
        </label>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(idle);
            if (Number.isInteger(n) && n >= 1 && n <= 240) void change({ idleLockMinutes: n });
          }}
        >
          <label>
            {t('idleLock')}
            <input type="number" min={1} max={240} value={idle} onChange={(e) => setIdle(e.target.value)} />
          </label>
          <button type="submit">{t('save')}</button>
        </form>
        <div>
          <label className="check">
            <input type="checkbox" checked={settings.onlineLookups} onChange={(e) => void change({ onlineLookups: e.target.checked })} aria-describedby="online-explain" />{' '}
            {t('onlineLookups')}
          </label>
          <p id="online-explain" className="muted small">
            {t('onlineLookupsExplain')}
          </p>
          <PrefetchEducation />
        </div>
        <label className="check">
          <input type="checkbox" checked={settings.updateChecks} onChange={(e) => void change({ updateChecks: e.target.checked })} /> {t('updateChecks')}
        </label>
        <div>
          <label className="check">
            <input
              type="checkbox"
              checked={settings.dueNotifications}
              onChange={(e) => void change({ dueNotifications: e.target.checked })}
              aria-describedby="due-notifications-explain"
            />{' '}
            {t('dueNotifications')}
          </label>
          <p id="due-notifications-explain" className="muted small">
            {t(inDesktopShell() ? 'dueNotificationsExplainDesktop' : 'dueNotificationsExplain')}
          </p>
        </div>
      </div>
      <ChangePassphrase />
      <CardKeys />
      <Exports />
      <Restore />
      <section className="settings-group" aria-labelledby="about-title">
        <h2 id="about-title">{t('aboutTitle')}</h2>
        <p>{t('aboutText')}</p>
        <p>{t('nlmAttribution')}</p>
      </section>
    </section>
  );
}

const PREFETCH_POLL_MS = 500;

/** What a run's progress says to the person: how far it got and, when it stopped early, why. */
function prefetchText(i18n: ReturnType<typeof useI18n>, p: PrefetchProgress): string {
  const { t } = i18n;
  const counts = { done: p.done, total: p.total };
  const time = p.retryAfter ? new Date(p.retryAfter).toLocaleTimeString(i18n.lang === 'es' ? 'es-ES' : 'en-US', { hour: '2-digit', minute: '2-digit' }) : '';
  switch (p.stoppedBecause) {
    case undefined:
      return p.finished ? t('educationDownloaded', counts) : t('educationDownloading', counts);
    case 'online-off':
      return t('educationPrefetchOff');
    case 'cancelled':
      return t('educationPrefetchCancelled', counts);
    case 'offline':
      return time ? t('educationPrefetchOffline', { ...counts, time }) : t('educationPrefetchOfflineLater', counts);
    case 'refused':
    case 'malformed':
      return time ? t('educationPrefetchRefused', { ...counts, time }) : t('educationPrefetchRefusedLater', counts);
    default:
      return t('educationPrefetchError', counts);
  }
}

function PrefetchEducation() {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const [progress, setProgress] = useState<PrefetchProgress | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const following = useRef(0);

  // Follows the profile's run until it ends; a newer follow (or leaving the screen) stops this one.
  const follow = useCallback(
    async (first: PrefetchProgress | null) => {
      const mine = ++following.current;
      let p = first;
      setProgress(p);
      while (p && !p.finished) {
        await new Promise((r) => setTimeout(r, PREFETCH_POLL_MS));
        if (following.current !== mine) return;
        const r = await api.education.prefetchProgress({ profileId: profile.id });
        if (following.current !== mine) return;
        if (!r.ok) return setError(r.error);
        p = r.value;
        setProgress(p);
      }
    },
    [profile.id],
  );

  // A run started earlier (before leaving Settings, say) is shown where it is now.
  useEffect(() => {
    let live = true;
    void api.education.prefetchProgress({ profileId: profile.id }).then((r) => {
      if (live && r.ok && r.value && !r.value.finished) void follow(r.value);
    });
    return () => {
      live = false;
      following.current += 1;
    };
  }, [profile.id, follow]);

  const busy = Boolean(progress && !progress.finished);
  const stopped = Boolean(progress?.stoppedBecause && progress.stoppedBecause !== 'cancelled');
  return (
    <div className="prefetch">
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setError(null);
          setProgress(null);
          const r = await api.education.prefetch({ profileId: profile.id, languages: [i18n.lang] });
          if (!r.ok) return setError(r.error.kind === 'offline' ? { ...r.error, message: t('educationOffline') } : r.error);
          void follow(r.value);
        }}
      >
        {busy ? t('downloadingEducation') : t('downloadEducation')}
      </button>
      <ErrorText error={error} />
      {progress &&
        (stopped ? (
          <p className="error" role="alert">
            {prefetchText(i18n, progress)}
          </p>
        ) : (
          <p className="notice" role="status">
            {prefetchText(i18n, progress)}
          </p>
        ))}
    </div>
  );
}

function ChangePassphrase() {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<ContractError | string | null>(null);
  const [done, setDone] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (next.length < 8) return setError(t('passphraseTooShort'));
    if (next !== again) return setError(t('passphraseMismatch'));
    const r = await api.vault.changePassphrase({ current, next });
    if (!r.ok) return setError(r.error);
    setError(null);
    setCurrent('');
    setNext('');
    setAgain('');
    setDone(true);
  }
  return (
    <section className="settings-group" aria-labelledby="pass-title">
      <h2 id="pass-title">{t('changePassphrase')}</h2>
      <form className="stack" onSubmit={submit}>
        <label>
          {t('currentPassphrase')}
          <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label>
          {t('newPassphrase')}
          <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
        <label>
          {t('passphraseAgain')}
          <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
        </label>
        <ErrorText error={error} />
        {done && (
          <p className="notice" role="status">
            {t('passphraseChanged')}
          </p>
        )}
        <button type="submit">{t('changePassphrase')}</button>
      </form>
    </section>
  );
}

/** The way back for a damaged or missing profile: a backup's profiles are added beside the ones here. */
function Restore() {
  const { t } = useI18n();
  const session = useSession();
  const [chosen, setChosen] = useState<{ token: string; name: string } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  async function choose() {
    setError(null);
    const r = await api.dialog.openFiles({ purpose: 'restore' });
    if (!r.ok) return setError(r.error);
    setChosen(r.value[0] ?? null);
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    const r = await api.backup.restore({ file: { token: chosen.token }, passphrase });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setChosen(null);
    setPassphrase('');
    await session.reloadProfiles(r.value.profiles[0]?.id);
    session.notify(t('restoredProfiles', { names: r.value.profiles.map((p) => p.name).join(', ') }));
  }
  return (
    <section className="settings-group" aria-labelledby="restore-title">
      <h2 id="restore-title">{t('restoreTitle')}</h2>
      <p>{t('restoreIntro')}</p>
      <div className="button-row">
        <button type="button" onClick={() => void choose()}>
          {t('chooseBackup')}
        </button>
        {chosen && <span>{t('chosenBackup', { name: chosen.name })}</span>}
      </div>
      {chosen && (
        <form className="inline-form" onSubmit={submit}>
          <label>
            {t('backupPassphrase')}
            <input type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          </label>
          <button type="submit" className="button-primary" disabled={busy}>
            {t('restoreButton')}
          </button>
        </form>
      )}
      <ErrorText error={error} />
    </section>
  );
}

function Exports() {
  const { t } = useI18n();
  const profile = useProfile();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const [backupPass, setBackupPass] = useState('');
  const [busy, setBusy] = useState(false);
  async function run(call: () => Promise<Result<{ savedTo: string } | null>>) {
    setBusy(true);
    setError(null);
    setMessage('');
    const r = await call();
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setMessage(r.value ? t('savedTo', { path: r.value.savedTo }) : t('cancelled'));
  }
  return (
    <section className="settings-group" aria-labelledby="exports-title">
      <h2 id="exports-title">{t('backupsTitle')}</h2>
      <div className="button-row">
        <button type="button" disabled={busy} onClick={() => void run(() => api.export.fhir({ profileId: profile.id }))}>
          {t('exportFhir')}
        </button>
        <button type="button" disabled={busy} onClick={() => void run(() => api.export.originals({ profileId: profile.id }))}>
          {t('exportOriginals')}
        </button>
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => api.backup.create({ passphrase: backupPass }));
        }}
      >
        <label>
          {t('backupPassphrase')}
          <input type="password" autoComplete="new-password" value={backupPass} onChange={(e) => setBackupPass(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {t('createBackup')}
        </button>
      </form>
      <ErrorText error={error} />
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
