// Browser mode's notice of vaccine doses that have become due (the desktop shell shows an OS
// notification instead). Asked for when the session opens and every hour; main answers with
// nothing while the setting is off. A notice stays until the person dismisses it (marked seen
// then), or opens What's due for that profile.
import { useCallback, useEffect, useState } from 'react';
import type { DueNotice } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { inDesktopShell } from '../api/menu.ts';
import { useI18n } from '../i18n/index.tsx';
import { groupLabel } from '../immunizations/words.ts';
import { useSession } from '../session.ts';

export const DUE_NOTICE_CHECK_MS = 60 * 60 * 1000;
const DUE_CHANGED = 'chartkeeper:due-changed';

/** After the person's own statement on What's due: the notice asks again (a dose may no longer be due). */
export function dueChanged(): void {
  window.dispatchEvent(new Event(DUE_CHANGED));
}

export function DueNotices() {
  const i18n = useI18n();
  const { t } = i18n;
  const { settings, selectProfile, navigate, revision } = useSession();
  const [notices, setNotices] = useState<DueNotice[]>([]);
  const enabled = settings.dueNotifications && !inDesktopShell();

  useEffect(() => {
    if (!enabled) {
      setNotices([]);
      return;
    }
    let live = true;
    const check = () =>
      void api.immunizations.notices({}).then((r) => {
        if (live && r.ok) setNotices(r.value);
      });
    check();
    const timer = window.setInterval(check, DUE_NOTICE_CHECK_MS);
    window.addEventListener(DUE_CHANGED, check);
    return () => {
      live = false;
      window.clearInterval(timer);
      window.removeEventListener(DUE_CHANGED, check);
    };
  }, [enabled, revision]);

  const seen = useCallback(async (keys: string[]) => {
    setNotices((list) => list.filter((n) => !keys.includes(n.key)));
    await api.immunizations.noticesSeen({ keys });
  }, []);

  if (notices.length === 0) return null;
  const byProfile = new Map<string, DueNotice[]>();
  for (const n of notices) byProfile.set(n.profileId, [...(byProfile.get(n.profileId) ?? []), n]);
  return (
    <section className="due-notices notice" aria-labelledby="due-notices-title">
      <h2 id="due-notices-title">{t('dueNotice_title', { count: notices.length })}</h2>
      <ul>
        {[...byProfile.values()].map((list) => {
          const { profileId, profileName } = list[0]!;
          const groups = list.map((n) => `${groupLabel(i18n, n.group)}${n.overdue ? `, ${t('dueNotice_overdue')}` : ''}`).join('; ');
          return (
            <li key={profileId}>
              <span>{t('dueNotice_item', { name: profileName, list: groups })}</span>{' '}
              <button
                type="button"
                className="small"
                onClick={() => {
                  selectProfile(profileId);
                  navigate('whatsdue');
                  void seen(list.map((n) => n.key));
                }}
              >
                {t('dueNotice_open', { name: profileName })}
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={() => void seen(notices.map((n) => n.key))}>
        {t('dueNotice_dismiss')}
      </button>
    </section>
  );
}
