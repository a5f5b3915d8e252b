// The caregiver's overview on the What's due screen: for every profile, how many vaccine groups
// are overdue, due now and coming up, and the next one, with a button to open that profile.
import { useEffect, useState } from 'react';
import type { ImmunizationProfileForecast, Profile } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { ProfileBadge } from '../components/ProfileBadge.tsx';
import { useI18n } from '../i18n/index.tsx';
import { bucketGroups } from '../immunizations/due.ts';
import { dayInWords, groupLabel } from '../immunizations/words.ts';
import { useSession } from '../session.ts';

type Row = { ok: true; value: ImmunizationProfileForecast } | { ok: false; message: string } | null;

const FULL_DAY = /^\d{4}-\d{2}-\d{2}/;

export function DueOverview() {
  const { t } = useI18n();
  const { profiles, profile: current, selectProfile, revision } = useSession();
  const [rows, setRows] = useState<Record<string, Row>>({});

  useEffect(() => {
    let live = true;
    for (const p of profiles) {
      if (!FULL_DAY.test(p.birthDate ?? '')) continue;
      void api.immunizations.profile({ profileId: p.id }).then((r) => {
        if (live) setRows((old) => ({ ...old, [p.id]: r.ok ? { ok: true, value: r.value } : { ok: false, message: r.error.message } }));
      });
    }
    return () => {
      live = false;
    };
  }, [profiles, revision]);

  return (
    <section className="due-overview" aria-labelledby="due-h-overview">
      <h2 id="due-h-overview">{t('due_overview')}</h2>
      <ul>
        {profiles.map((p) => (
          <li key={p.id} className="due-overview-row">
            <ProfileBadge profile={p} />
            <div className="due-overview-text">
              <strong>{p.name}</strong>
              <OverviewLine profile={p} row={rows[p.id] ?? null} />
            </div>
            {p.id === current?.id ? (
              <span className="muted">{t('due_overview_current')}</span>
            ) : (
              <button type="button" onClick={() => selectProfile(p.id)}>
                {t('due_overview_show', { name: p.name })}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function OverviewLine({ profile, row }: { profile: Profile; row: Row }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!FULL_DAY.test(profile.birthDate ?? '')) return <p className="muted">{t('due_overview_noBirth')}</p>;
  if (!row) return <p className="muted">{t('loading')}</p>;
  if (!row.ok) return <p className="error">{row.message}</p>;
  const buckets = bucketGroups(row.value.forecast, row.value.assessmentDate);
  const [overdue, due, upcoming] = (['overdue', 'due', 'upcoming'] as const).map((b) => buckets.get(b)!);
  const next = upcoming![0];
  const from = next ? (next.recommended ?? next.earliest) : null;
  return (
    <>
      <p className={overdue!.length > 0 ? 'due-overview-counts due-overview-late' : 'due-overview-counts'}>
        {t('due_overview_counts', { overdue: overdue!.length, due: due!.length, upcoming: upcoming!.length })}
      </p>
      {next && from && <p className="muted">{t('due_overview_next', { group: groupLabel(i18n, next.group), date: dayInWords(i18n, from) })}</p>}
    </>
  );
}
