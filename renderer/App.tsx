// The whole app: vault gate (create / unlock), then an unlocked session with the profile
// switcher, navigation and the screens. Locking (button, idle timer or menu) asks main to lock
// and reloads the page, so no health data survives in memory or in the DOM.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Profile, Result, SessionStart, Settings, VaultStatus } from '../preload/contract.ts';
import { api, hasBridge } from './api/client.ts';
import { subscribeToMenu } from './api/menu.ts';
import { DueNotices } from './components/DueNotices.tsx';
import { EntryDetails } from './components/EntryDetails.tsx';
import { FileProblem, stateLabel, VaultFileProblem } from './components/FileProblem.tsx';
import { ProfileReady } from './components/ProfileUpdate.tsx';
import { ProfileBadge } from './components/ProfileBadge.tsx';
import { ErrorText, Loading } from './components/Status.tsx';
import { I18nProvider, useI18n, type Language } from './i18n/index.tsx';
import type { MessageKey } from './i18n/en.ts';
import { Documents } from './screens/Documents.tsx';
import { Duplicates, DuplicatesNavLabel } from './screens/Duplicates.tsx';
import { GlanceScreen } from './screens/Glance.tsx';
import { ImportScreen } from './screens/Import.tsx';
import { MyNotes } from './screens/MyNotes.tsx';
import { FirstProfile, ProfilesScreen } from './screens/Profiles.tsx';
import { RecordList } from './screens/RecordList.tsx';
import { Results } from './screens/Results.tsx';
import { SettingsScreen } from './screens/Settings.tsx';
import { SummaryScreen } from './screens/Summary.tsx';
import { Timeline } from './screens/Timeline.tsx';
import { Trends } from './screens/Trends.tsx';
import { CreateVault, Unlock } from './screens/VaultScreens.tsx';
import { WhatsDue } from './screens/WhatsDue.tsx';
import {
  SessionContext,
  markIdleLock,
  rememberLanguage,
  rememberedLanguage,
  takeIdleLockFlag,
  type Screen,
  type Session,
} from './session.ts';

type Gate = { phase: 'loading' } | { phase: 'create'; status: VaultStatus } | { phase: 'unlock'; status: VaultStatus } | { phase: 'ready' } | { phase: 'broken'; message: string };

type SessionStarting = Promise<Result<SessionStart>>;

/**
 * What the session needs first: settings and profiles. Unlocking brings them back with the
 * unlock itself (FIRST_SCREEN), so no round trip follows the key derivation; when the vault was
 * already open (just created, or a reloaded window) they are asked for in one request. The
 * first screen, At a glance, then asks for its own answer. session.start also brings a
 * timeline page; one row is asked for, since the Timeline reads its own when it opens.
 */
const FIRST_SCREEN = { timelineLimit: 1 };

function startSession(): SessionStarting {
  return api.session.start(FIRST_SCREEN);
}

/** When the renderer asks for the check of every file: main starts it a second after unlock too. */
const FILE_CHECK_AFTER_MS = 1000;

/** Brought by a successful unlock, taken by the unlocked session's first render. */
let pendingStart: SessionStarting | null = null;

function takeSessionStart(): SessionStarting {
  const start = pendingStart ?? startSession();
  pendingStart = null;
  return start;
}

/** A folder without a vault asks to create one; a folder with a locked vault asks to unlock it. */
function gateFor(status: VaultStatus): Gate {
  if (!status.exists) return { phase: 'create', status };
  if (!status.unlocked) return { phase: 'unlock', status };
  return { phase: 'ready' };
}

export function App() {
  const [gate, setGate] = useState<Gate>({ phase: 'loading' });
  const [lang, setLang] = useState<Language>(rememberedLanguage);
  const [idleLocked] = useState(takeIdleLockFlag);
  // Stable, so the unlocked session's start-up effect does not run again when the language changes.
  const onLanguage = useCallback((l: Language) => {
    setLang(l);
    rememberLanguage(l);
  }, []);

  useEffect(() => {
    let live = true;
    void (async () => {
      const r = await api.vault.status({});
      if (!live) return;
      if (!r.ok) return setGate({ phase: 'broken', message: hasBridge() ? r.error.message : '' });
      setGate(gateFor(r.value));
    })();
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  return (
    <I18nProvider lang={lang}>
      <a className="skip-link" href="#main">
        <SkipText />
      </a>
      {gate.phase === 'loading' && (
        <main id="main" className="gate">
          <Loading />
        </main>
      )}
      {gate.phase === 'broken' && <Broken message={gate.message} />}
      {gate.phase === 'create' && (
        <CreateVault status={gate.status} onCreated={() => setGate({ phase: 'ready' })} onFolderChosen={(s) => setGate(gateFor(s))} />
      )}
      {gate.phase === 'unlock' && (
        <Unlock
          status={gate.status}
          idleLocked={idleLocked}
          firstScreen={FIRST_SCREEN}
          onUnlocked={({ session }) => {
            pendingStart = session ? Promise.resolve({ ok: true, value: session }) : startSession();
            setGate({ phase: 'ready' });
          }}
          onFolderChosen={(s) => setGate(gateFor(s))}
        />
      )}
      {gate.phase === 'ready' && (
        <Unlocked onLanguage={onLanguage} />
      )}
    </I18nProvider>
  );
}

function SkipText() {
  return <>{useI18n().t('skipToContent')}</>;
}

function Broken({ message }: { message: string }) {
  const { t } = useI18n();
  return (
    <main id="main" className="gate">
      <h1>{t('appName')}</h1>
      <ErrorText error={message || t('bridgeMissing')} />
    </main>
  );
}

async function lockAndForget(reason?: 'idle') {
  if (reason === 'idle') markIdleLock();
  await api.vault.lock({});
  // A reload is the one reset that is sure to drop every piece of health data in memory.
  location.reload();
}

const NAV: { screen: Screen; label: MessageKey }[] = [
  { screen: 'glance', label: 'navGlance' },
  { screen: 'timeline', label: 'navTimeline' },
  { screen: 'medications', label: 'navMedications' },
  { screen: 'problems', label: 'navProblems' },
  { screen: 'allergies', label: 'navAllergies' },
  { screen: 'immunizations', label: 'navImmunizations' },
  { screen: 'whatsdue', label: 'navWhatsDue' },
  { screen: 'results', label: 'navResults' },
  { screen: 'vitals', label: 'navVitals' },
  { screen: 'trends', label: 'navTrends' },
  { screen: 'documents', label: 'navDocuments' },
  { screen: 'duplicates', label: 'navDuplicates' },
  { screen: 'mynotes', label: 'navMyNotes' },
  { screen: 'import', label: 'navImport' },
  { screen: 'summary', label: 'navSummary' },
  { screen: 'profiles', label: 'navProfiles' },
  { screen: 'settings', label: 'navSettings' },
];

function Unlocked({ onLanguage }: { onLanguage: (l: Language) => void }) {
  const { t } = useI18n();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [profiles, setProfiles] = useState<Profile[] | null>(null);
  const [profileId, setProfileId] = useState<string | undefined>();
  const [screen, setScreen] = useState<Screen>('glance');
  const [entryId, setEntryId] = useState<number | null>(null);
  const [revision, setRevision] = useState(0);
  const [toast, setToast] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [vaultDamaged, setVaultDamaged] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  // Profiles whose file is open and up to date this session; one main said must be updated first.
  const openedProfiles = useRef(new Set<string>());
  const [updateFirst, setUpdateFirst] = useState<string | undefined>();

  const applyProfiles = useCallback((list: Profile[], selectId?: string) => {
    setProfiles(list);
    setProfileId((current) => {
      const wanted = selectId ?? current;
      return list.some((p) => p.id === wanted) ? wanted : list[0]?.id;
    });
  }, []);

  const reloadProfiles = useCallback(
    async (selectId?: string) => {
      const r = await api.profiles.list({});
      if (!r.ok) return setError(r.error.message);
      applyProfiles(r.value, selectId);
    },
    [applyProfiles],
  );

  // Held for the life of the session: an effect that runs again reuses it, asking for nothing twice.
  const start = useRef<SessionStarting | null>(null);
  useEffect(() => {
    let live = true;
    start.current ??= takeSessionStart();
    void (async () => {
      const r = await start.current!;
      if (!live) return;
      if (!r.ok) return setError(r.error.message);
      // The first screen is At a glance, which asks for its own answer; the timeline page that
      // session.start brings is not handed to the Timeline, which could be stale by the time it opens.
      const { settings: loaded, profiles: list, firstNeedsUpdate } = r.value;
      // The first profile was opened (and is up to date) when session.start says nothing else.
      if (firstNeedsUpdate) setUpdateFirst(firstNeedsUpdate);
      else if (list[0]) openedProfiles.current.add(list[0].id);
      // One render for all of it: the screen appears with its profile, settings and rows.
      setSettings(loaded);
      onLanguage(loaded.language);
      applyProfiles(list);
      // The check of every file runs in main a second after the first screen; its answer marks
      // damaged profiles (missing ones are known at once). Asked for after that second, so the
      // first rows are painted before the check takes its share of the CPU.
      await new Promise((resolve) => window.setTimeout(resolve, FILE_CHECK_AFTER_MS));
      if (!live) return;
      const checked = await api.vault.checkFiles({});
      if (!live || !checked.ok) return;
      setVaultDamaged(checked.value.vaultFile === 'damaged');
      applyProfiles(checked.value.profiles);
    })();
    return () => {
      live = false;
    };
  }, [applyProfiles, onLanguage]);

  // Idle lock: any input resets the timer.
  const idleMinutes = settings?.idleLockMinutes ?? 10;
  useEffect(() => {
    let timer = window.setTimeout(() => void lockAndForget('idle'), idleMinutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void lockAndForget('idle'), idleMinutes * 60_000);
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'pointermove', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, reset);
    };
  }, [idleMinutes]);

  const navigate = useCallback((s: Screen) => {
    setScreen(s);
    setEntryId(null);
    // Move focus to the new screen's heading so keyboard and screen reader users follow along.
    requestAnimationFrame(() => mainRef.current?.querySelector<HTMLElement>('h1')?.focus());
  }, []);

  useEffect(
    () =>
      subscribeToMenu((command) => {
        if (command === 'lock') void lockAndForget();
        else if (command === 'import') navigate('import');
        else if (command === 'print-summary') navigate('summary');
      }),
    [navigate],
  );

  const profile = profiles?.find((p) => p.id === profileId);
  const session: Session | null = useMemo(
    () =>
      settings && profiles
        ? {
            settings,
            updateSettings: (next) => {
              setSettings(next);
              onLanguage(next.language);
            },
            profiles,
            profile,
            reloadProfiles,
            selectProfile: (id) => {
              setProfileId(id);
              setEntryId(null);
            },
            screen,
            navigate,
            openEntry: setEntryId,
            revision,
            bumpRevision: () => setRevision((r) => r + 1),
            notify: setToast,
            lock: (reason) => void lockAndForget(reason),
          }
        : null,
    [settings, profiles, profile, reloadProfiles, screen, navigate, revision, onLanguage],
  );

  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => setToast(''), 6000);
    return () => window.clearTimeout(timer);
  }, [toast]);

  if (error) {
    return (
      <main id="main" className="gate">
        <ErrorText error={error} />
        <button type="button" onClick={() => void lockAndForget()}>
          {t('lock')}
        </button>
      </main>
    );
  }
  if (!session) {
    return (
      <main id="main" className="gate">
        <Loading />
      </main>
    );
  }

  return (
    <I18nProvider lang={session.settings.language} units={session.settings.units} glucose={session.settings.glucoseUnit}>
    <SessionContext.Provider value={session}>
      <header className="topbar">
        <span className="brand">{t('appName')}</span>
        {profile && <ProfileSwitcher profiles={session.profiles} current={profile} onSelect={session.selectProfile} />}
        <button type="button" className="button-lock" onClick={() => void lockAndForget()}>
          {t('lock')}
        </button>
      </header>
      {!profile ? (
        <main id="main" className="gate" ref={mainRef}>
          <FirstProfile />
        </main>
      ) : (
        <div className="layout">
          <nav aria-label={t('mainNavigation')} className="sidenav">
            <ul>
              {NAV.map((n) => (
                <li key={n.screen}>
                  <button type="button" aria-current={screen === n.screen ? 'page' : undefined} onClick={() => navigate(n.screen)}>
                    {n.screen === 'duplicates' ? <DuplicatesNavLabel /> : t(n.label)}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main" ref={mainRef} className="content" style={{ borderTopColor: profile.colour }} tabIndex={-1}>
            {vaultDamaged && <VaultFileProblem />}
            <ProfileReady profile={profile} known={openedProfiles.current} needsUpdate={profile.id === updateFirst} key={profile.id}>
              {screen !== 'profiles' && <FileProblem profile={profile} />}
              <DueNotices />
              <ScreenView screen={screen} key={`${profile.id}:${screen}`} />
            </ProfileReady>
          </main>
        </div>
      )}
      {entryId !== null && profile && <EntryDetails entryId={entryId} onClose={() => setEntryId(null)} />}
      <div className="toast" role="status" aria-live="polite">
        {toast}
      </div>
    </SessionContext.Provider>
    </I18nProvider>
  );
}

function ProfileSwitcher({ profiles, current, onSelect }: { profiles: Profile[]; current: Profile; onSelect: (id: string) => void }) {
  const { t } = useI18n();
  return (
    <div className="profile-switcher" style={{ borderColor: current.colour }}>
      <ProfileBadge profile={current} size="large" />
      <div className="profile-switcher-text">
        <span className="profile-current" data-testid="current-profile">
          {t('currentProfile', { name: current.name })}
        </span>
        {profiles.length > 1 && (
          <label className="inline-label">
            {t('switchProfile')}
            <select value={current.id} onChange={(e) => onSelect(e.target.value)}>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {stateLabel(t, p)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
    </div>
  );
}

function ScreenView({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'glance':
      return <GlanceScreen />;
    case 'timeline':
      return <Timeline />;
    case 'medications':
      return <RecordList kind="medication" />;
    case 'problems':
      return <RecordList kind="problem" />;
    case 'allergies':
      return <RecordList kind="allergy" />;
    case 'immunizations':
      return <RecordList kind="immunization" />;
    case 'whatsdue':
      return <WhatsDue />;
    case 'vitals':
      return <RecordList kind="vital" />;
    case 'results':
      return <Results />;
    case 'documents':
      return <Documents />;
    case 'duplicates':
      return <Duplicates />;
    case 'trends':
      return <Trends />;
    case 'mynotes':
      return <MyNotes />;
    case 'import':
      return <ImportScreen />;
    case 'summary':
      return <SummaryScreen />;
    case 'profiles':
      return <ProfilesScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
