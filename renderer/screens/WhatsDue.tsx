// "What's due": the open profile's vaccines by CDC's schedule (main/immunizations), sorted into
// overdue, due now, coming up, complete and not recommended, each with its dates in words, the
// reason in plain language (CDC's own words kept beside it) and the doses that counted or not.
// Entries of the record the forecast could not use are listed so the person sees them.
import { useCallback, useEffect, useState } from 'react';
import type { ContractError, ImmunizationGroupForecast, ImmunizationProfileForecast } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { LoadError } from '../components/FileProblem.tsx';
import { Loading } from '../components/Status.tsx';
import { useI18n, type I18n } from '../i18n/index.tsx';
import { BUCKETS, bucketGroups, dosesOfGroup, reasonParts, type DueBucket } from '../immunizations/due.ts';
import { dayInWords, groupLabel } from '../immunizations/words.ts';
import { DueOverview } from './DueOverview.tsx';
import { ChooseVaccine, HandChosen, ScheduleChanges } from './DueStatements.tsx';
import { useProfile, useSession } from '../session.ts';

const ALWAYS_SHOWN: ReadonlySet<DueBucket> = new Set(['overdue', 'due', 'upcoming']);

export function WhatsDue() {
  const { t, date } = useI18n();
  const profile = useProfile();
  const { revision, profiles } = useSession();
  const [result, setResult] = useState<ImmunizationProfileForecast | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  // Bumped after the person's own statement: the forecast is calculated again, the old one shown meanwhile.
  const [statements, setStatements] = useState(0);
  const recalculate = useCallback(() => setStatements((n) => n + 1), []);

  useEffect(() => {
    setResult(null);
  }, [profile.id, revision]);

  useEffect(() => {
    let live = true;
    setError(null);
    void api.immunizations.profile({ profileId: profile.id }).then((r) => {
      if (!live) return;
      if (r.ok) setResult(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [profile.id, revision, statements]);

  const noBirthDate = !/^\d{4}-\d{2}-\d{2}/.test(profile.birthDate ?? '');
  return (
    <section aria-labelledby="screen-title" className="whats-due">
      <h1 id="screen-title" tabIndex={-1}>
        {t('due_title')}
      </h1>
      {result && <p className="notice due-disclaimer">{t('due_disclaimer', { version: result.forecast.supportingData })}</p>}
      {profiles.length > 1 && <DueOverview />}
      {noBirthDate ? <p className="notice">{t('due_noBirthDate')}</p> : <LoadError error={error} />}
      {!result && !error && !noBirthDate && <Loading />}
      {result && (
        <>
          <p className="due-asof">{t('due_asOf', { name: profile.name, date: date(result.assessmentDate) })}</p>
          {result.observations.proposed.length > 0 && (
            <p className="warning">
              <a href="#due-h-changes">{t('due_obs_note', { count: result.observations.proposed.length })}</a>
            </p>
          )}
          {result.notCounted.length > 0 && (
            <p className="warning">
              <a href="#due-h-notcounted">{t('due_notCountedNote', { count: result.notCounted.length })}</a>
            </p>
          )}
          <Buckets result={result} only={DUE_BUCKETS} />
          <ScheduleChanges result={result} onChanged={recalculate} />
          <Buckets result={result} only={DONE_BUCKETS} />
          <HandChosen result={result} onChanged={recalculate} />
          <NotCounted result={result} onChanged={recalculate} />
        </>
      )}
    </section>
  );
}

/** What needs doing comes first, then "Things that change the schedule", then what is settled. */
const DUE_BUCKETS = BUCKETS.filter((b) => ALWAYS_SHOWN.has(b));
const DONE_BUCKETS = BUCKETS.filter((b) => !ALWAYS_SHOWN.has(b));

function Buckets({ result, only }: { result: ImmunizationProfileForecast; only: readonly DueBucket[] }) {
  const { t } = useI18n();
  const buckets = bucketGroups(result.forecast, result.assessmentDate);
  return (
    <>
      {only.map((bucket) => {
        const groups = buckets.get(bucket)!;
        if (groups.length === 0 && !ALWAYS_SHOWN.has(bucket)) return null;
        return (
          <section key={bucket} className={`due-bucket due-${bucket}`} aria-labelledby={`due-h-${bucket}`}>
            <h2 id={`due-h-${bucket}`}>
              {t(`due_bucket_${bucket}`)} <span className="due-count">({groups.length})</span>
            </h2>
            {groups.length === 0 ? (
              <p className="muted">{t(`due_empty_${bucket as 'overdue' | 'due' | 'upcoming'}`)}</p>
            ) : (
              <ul className="due-list">
                {groups.map((g) => (
                  <li key={g.group}>
                    <GroupCard group={g} bucket={bucket} result={result} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}

/** A CDC reason phrase in the person's language, or CDC's words when it is not one we know. */
function plainReason(i18n: I18n, phrase: string): string {
  const key = `due_r_${phrase.replace(/[^A-Za-z0-9]/g, '')}`;
  return i18n.has(key) ? i18n.t(key) : phrase;
}

function whenText(i18n: I18n, g: ImmunizationGroupForecast, bucket: DueBucket): string[] {
  const { t } = i18n;
  const day = (d: string) => dayInWords(i18n, d);
  const from = g.recommended ?? g.earliest;
  if (!from) return [];
  const lines = [
    g.pastDue
      ? t(bucket === 'overdue' ? 'due_when_was' : 'due_when_from_until', { from: day(from), pastDue: day(g.pastDue) })
      : t('due_when_from', { from: day(from) }),
  ];
  // Only worth saying before the due date: once it is due, "can be given from" a past day is noise.
  if (bucket === 'upcoming' && g.earliest && g.earliest < from) lines.push(t('due_canFrom', { date: day(g.earliest) }));
  if (g.latest) lines.push(t('due_latest', { date: day(g.latest) }));
  return lines;
}

function GroupCard({ group: g, bucket, result }: { group: ImmunizationGroupForecast; bucket: DueBucket; result: ImmunizationProfileForecast }) {
  const i18n = useI18n();
  const { t } = i18n;
  const doses = dosesOfGroup(result.forecast, g.group);
  const notComplete = g.status === 'Not Complete';
  const reasons = reasonParts(g.reason);
  return (
    <article className="due-card" aria-labelledby={`due-g-${g.group.replace(/[^A-Za-z0-9]/g, '')}`}>
      <h3 id={`due-g-${g.group.replace(/[^A-Za-z0-9]/g, '')}`}>
        {groupLabel(i18n, g.group)}
        {notComplete && g.doseNumber && <span className="due-dose">, {t('due_dose', { n: g.doseNumber })}</span>}
      </h3>
      {notComplete &&
        whenText(i18n, g, bucket).map((line) => (
          <p key={line} className="due-when">
            {line}
          </p>
        ))}
      {!notComplete && reasons.length > 0 && <p>{reasons.map((r) => plainReason(i18n, r)).join(' ')}</p>}
      {notComplete && g.vaccines.length > 0 && <p className="muted">{t('due_vaccines', { list: g.vaccines.map((v) => v.name).join(', ') })}</p>}
      <details className="due-doses">
        <summary>{t('due_doses', { count: doses.length })}</summary>
        {/* CDC's reason for the whole group (its antigens' reasons joined), as the engine gave it. */}
        {g.reason && <p className="muted due-cdc">{t('due_cdcWords', { text: g.reason })}</p>}
        {doses.length === 0 ? (
          <p className="muted">{t('due_noDoses')}</p>
        ) : (
          <ul>
            {doses.map((d) => (
              <li key={`${d.date}-${d.cvx}`}>
                {d.evaluations.map((e) => (
                  <p key={`${e.antigen}-${e.series}`} className={e.status === 'Valid' ? 'due-valid' : 'due-invalid'}>
                    {t('due_dose_line', {
                      date: i18n.date(d.date),
                      vaccine: result.vaccineNames[d.cvx] ?? `CVX ${d.cvx}`,
                      status: t(`due_eval_${e.status.replace(/[^A-Za-z]/g, '') as 'Valid' | 'NotValid' | 'Extraneous' | 'Substandard'}`),
                    })}
                    {d.evaluations.length > 1 && ` (${e.antigen})`}
                    {reasonParts(e.reason).length > 0 && `: ${reasonParts(e.reason).map((r) => plainReason(i18n, r)).join('; ')}`}
                    {e.reason && <span className="muted due-cdc"> — {t('due_cdcWords', { text: e.reason })}</span>}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        )}
      </details>
    </article>
  );
}

/** Reasons a dose could be counted once the person says which vaccine it was. */
const CHOOSABLE = new Set(['no-cvx', 'unknown-cvx']);

function NotCounted({ result, onChanged }: { result: ImmunizationProfileForecast; onChanged: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { notCounted, matchedByName } = result;
  return (
    <>
      {matchedByName.length > 0 && (
        <section className="due-bucket" aria-labelledby="due-h-byname">
          <h2 id="due-h-byname">{t('due_byName', { count: matchedByName.length })}</h2>
          <ul className="due-plain">
            {matchedByName.map((m) => (
              <li key={m.entryId}>{t('due_byName_item', { title: m.title, name: m.name, cvx: m.cvx })}</li>
            ))}
          </ul>
        </section>
      )}
      {notCounted.length > 0 && (
        <section className="due-bucket due-notcounted" aria-labelledby="due-h-notcounted">
          <h2 id="due-h-notcounted">{t('due_notCounted', { count: notCounted.length })}</h2>
          <p>{t('due_notCounted_intro')}</p>
          <ul className="due-plain">
            {notCounted.map((n) => {
              const detail = n.why === 'not-given' && n.detail && i18n.has(`status_${n.detail}`) ? t(`status_${n.detail}` as 'status_refused') : n.why === 'no-day' && n.detail ? i18n.date(n.detail) : (n.detail ?? '');
              return (
                <li key={n.entryId}>
                  <strong>{n.title}</strong>
                  {n.date && `, ${i18n.date(n.date)}`}: {t(`due_nc_${n.why}`, { detail })}
                  {CHOOSABLE.has(n.why) && <ChooseVaccine entryId={n.entryId} title={n.title} onChanged={onChanged} />}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
