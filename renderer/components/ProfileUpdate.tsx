// A profile's records opened for the first time since Chartkeeper was updated may need their
// file brought up to this version first: tens of seconds on a very large profile. Instead of a
// window that seems to hang, this says whose records are being updated, how far it has come
// (as far as main can tell: which step of how many, and for how long), and not to close the app.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Profile, ProfileUpdateProgress } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

/** How often the renderer asks how far the update has come. */
const ASK_EVERY_MS = 500;

/**
 * Renders its children once the profile's file is open and up to date. `known`: the profiles
 * already opened this session (no question asked again); `needsUpdate`: a profile main said must
 * be updated first, whose panel shows at once rather than after the first answer.
 */
export function ProfileReady({ profile, known, needsUpdate, children }: { profile: Profile; known: Set<string>; needsUpdate: boolean; children: ReactNode }) {
  const [ready, setReady] = useState(() => known.has(profile.id) || profile.state !== 'ok');
  const [progress, setProgress] = useState<ProfileUpdateProgress | null>(null);
  const [startedAt] = useState(() => Date.now());
  useEffect(() => {
    if (ready) return;
    let live = true;
    const timer = window.setInterval(() => {
      void api.profiles.updateProgress({}).then((r) => {
        if (live && r.ok && r.value?.profileId === profile.id) setProgress(r.value);
      });
    }, ASK_EVERY_MS);
    void api.profiles.prepare({ profileId: profile.id }).then(() => {
      // A file that cannot be opened is said by the screens themselves (FileProblem), as before.
      if (!live) return;
      known.add(profile.id);
      setReady(true);
    });
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [ready, profile.id, known]);
  if (ready) return <>{children}</>;
  if (!needsUpdate && !progress) return null;
  return <UpdatingRecords name={profile.name} progress={progress} since={startedAt} />;
}

function UpdatingRecords({ name, progress, since }: { name: string; progress: ProfileUpdateProgress | null; since: number }) {
  const { t } = useI18n();
  const [seconds, setSeconds] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    // Counted here, not by main: while a long step runs main answers nothing, and the count
    // still shows the app is working.
    const timer = window.setInterval(() => setSeconds(Math.floor((Date.now() - since) / 1000)), 1000);
    return () => window.clearInterval(timer);
  }, [since]);
  return (
    <section className="updating-records" aria-labelledby="updating-title" data-testid="updating-records">
      <h1 id="updating-title" ref={heading} tabIndex={-1}>
        {t('updatingTitle', { name })}
      </h1>
      <p>{t('updatingWhy')}</p>
      <p role="status" aria-live="polite" className="updating-step">
        {progress ? t('updatingStep', { step: Math.min(progress.done + 1, progress.total), total: progress.total }) : t('updatingStarting')}
      </p>
      {progress ? <progress max={progress.total} value={progress.done} aria-labelledby="updating-title" /> : <progress aria-labelledby="updating-title" />}
      <p className="muted small" aria-hidden="true">
        {t('updatingElapsed', { seconds })}
      </p>
      <p className="updating-warning">
        <strong>{t('updatingDoNotClose')}</strong> {t('updatingSafe')}
      </p>
    </section>
  );
}
