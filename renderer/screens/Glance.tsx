// At a glance, the first screen of a profile: allergies always in view (they stay at the top
// while the rest scrolls), current problems and medications by the one rule of what is current,
// the latest abnormal value of each test, appointments still to come, and when records were
// last imported and from whom. Decided in main (main/glance); this screen only shows it.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ContractError, Glance, GlanceItem } from '../../preload/contract.ts';
import type { StoredEntry } from '../../main/records/model.ts';
import { asNeededWords } from '../../main/records/readable/index.ts';
import { api } from '../api/client.ts';
import { CurrentNote, NoneKnownLine, ResultFlag } from '../components/records.tsx';
import { dosagesLine } from '../components/dosage-line.ts';
import { LoadError } from '../components/FileProblem.tsx';
import { Loading } from '../components/Status.tsx';
import { allergiesLeftOutLine, isGlucose, noneKnownLine, provisionWords, severityWords, type NoneKnownListKind } from '../../main/records/readable/index.ts';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useProfile, useSession, type Screen } from '../session.ts';
import { localToday } from './useRecords.ts';

export function GlanceScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const { revision } = useSession();
  const [glance, setGlance] = useState<Glance | null>(null);
  const [error, setError] = useState<ContractError | null>(null);

  useEffect(() => {
    let live = true;
    void api.glance.get({ profileId: profile.id, today: localToday(), language: i18n.lang }).then((r) => {
      if (!live) return;
      if (r.ok) setGlance(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [profile.id, revision, i18n.lang]);

  return (
    <section aria-labelledby="screen-title" className="glance" data-testid="glance">
      <h1 id="screen-title" tabIndex={-1}>
        {t('glanceTitle')}
      </h1>
      <p className="muted">{t('glanceIntro')}</p>
      <LoadError error={error} />
      {!glance && !error && <Loading />}
      {glance && <GlanceBody glance={glance} />}
    </section>
  );
}

function GlanceBody({ glance }: { glance: Glance }) {
  const i18n = useI18n();
  const { t } = i18n;
  // Allergies are never scrolled away: once their card leaves the view, their names stay pinned
  // at the top of the screen (the card, with who listed each and when, stays in reading order).
  const card = useRef<HTMLElement>(null);
  const [cardInView, setCardInView] = useState(true);
  useEffect(() => {
    const el = card.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([e]) => setCardInView(e?.isIntersecting ?? true), { threshold: 0 });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const unconfirmed = glance.allergies.filter((i) => i.reading.unconfirmedForAYear).length;
  const names = glance.allergies.map((i) => i.entry.details.substance?.trim() || i.entry.title);
  const noneKnownText = useNoneKnownText();
  return (
    <>
      <div className="glance-sticky" aria-hidden="true">
        {!cardInView && (
          <div className="glance-sticky-bar" data-testid="glance-allergies-pinned">
            <b>{t('currentAllergies')}:</b> {names.length ? names.map((n) => i18n.title(n)).join(' · ') : noneKnownText(glance, 'allergies') || t('glanceAllergiesNone')}
          </div>
        )}
      </div>
      <section className="glance-allergies" aria-labelledby="glance-allergies" data-testid="glance-allergies" ref={card}>
        <Head id="glance-allergies" title={t('currentAllergies')} count={glance.allergies.length} screen="allergies" />
        {glance.allergies.length === 0 ? (
          <NoneKnown glance={glance} kind="allergies" fallback={t('glanceAllergiesNone')} />
        ) : (
          <>
            <CurrentList items={glance.allergies.map((i) => ({ ...i, reading: { ...i.reading, unconfirmedForAYear: false } }))} allergies />
            {unconfirmed > 0 && <p className="muted small glance-allergy-note">{t('glanceAllergiesUnconfirmed', { count: unconfirmed })}</p>}
          </>
        )}
        <AllergiesLeftOut glance={glance} />
      </section>
      <div className="glance-grid" data-glance-ready="">
        {glance.directives.length > 0 && (
          <Card id="glance-directives" title={t('glanceDirectivesTitle')} count={glance.directives.length} screen="timeline">
            <Directives entries={glance.directives} />
          </Card>
        )}
        <Card id="glance-problems" title={t('activeProblems')} count={glance.problems.length} screen="problems">
          {glance.problems.length === 0 ? <NoneKnown glance={glance} kind="problems" fallback={t('glanceProblemsNone')} /> : <CurrentList items={glance.problems} />}
        </Card>
        <Card id="glance-medications" title={t('currentMedications')} count={glance.medications.length} screen="medications">
          {glance.medications.length === 0 ? <NoneKnown glance={glance} kind="medications" fallback={t('glanceMedicationsNone')} /> : <CurrentList items={glance.medications} />}
        </Card>
        <AbnormalCard glance={glance} />
        <Card id="glance-upcoming" title={t('glanceUpcomingTitle')} count={glance.upcoming.length} screen="mynotes">
          {glance.upcoming.length === 0 ? <p className="muted">{t('glanceUpcomingNone')}</p> : <Upcoming entries={glance.upcoming} />}
        </Card>
        <ImportsCard glance={glance} />
      </div>
    </>
  );
}

/** "No known allergies — per Good Health Clinic, Mar 3, 2024", or '' when no source said so. */
function useNoneKnownText() {
  const i18n = useI18n();
  return (glance: Glance, kind: NoneKnownListKind): string => {
    const said = glance.noneKnown[kind];
    return said ? noneKnownLine(said, i18n.provider(said.provider), said.date ? i18n.date(said.date) : undefined, i18n.lang) : '';
  };
}

/** An empty list's line: the newest source that said there is none, in its own words; else the fallback. */
function NoneKnown({ glance, kind, fallback }: { glance: Glance; kind: NoneKnownListKind; fallback: string }) {
  const said = glance.noneKnown[kind];
  if (!said) return <p className="muted">{fallback}</p>;
  return <NoneKnownLine said={said} className="glance-none-known" testId={`glance-none-known-${kind}`} />;
}

/** One line per reason naming the allergies the person said are wrong or hid, with a way to see them. */
function AllergiesLeftOut({ glance }: { glance: Glance }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { openEntry, navigate } = useSession();
  return (
    <>
      {(['wrong', 'hidden'] as const).map((why) => {
        const items = glance.allergiesLeftOut.filter((a) => a.why === why);
        if (items.length === 0) return null;
        const named = items.map(({ entry }) => ({
          name: i18n.title(entry.details.substance?.trim() || entry.title),
          providers: [...new Set(entry.sources.filter((s) => s.format !== 'manual').map((s) => i18n.provider(s.provider)))],
        }));
        const only = items.length === 1 ? items[0] : undefined;
        return (
          <p key={why} className="small glance-left-out" data-testid={`glance-allergies-${why}`}>
            {allergiesLeftOutLine(why, named, i18n.lang)}{' '}
            <button type="button" className="link-button" onClick={() => (only ? openEntry(only.entry.id) : navigate('allergies'))}>
              {only ? t('glanceLeftOutSeeOne') : t('glanceLeftOutSeeAll')}
            </button>
          </p>
        );
      })}
    </>
  );
}

function Head({ id, title, count, screen }: { id: string; title: string; count?: number; screen: Screen }) {
  const { t } = useI18n();
  const { navigate } = useSession();
  return (
    <div className="glance-head">
      <h2 id={id}>
        {title}
        {count !== undefined && count > 0 && <span className="glance-count"> ({count})</span>}
      </h2>
      <button type="button" className="link-button" onClick={() => navigate(screen)} aria-label={`${t('glanceSeeAll')}: ${title}`}>
        {t('glanceSeeAll')}
      </button>
    </div>
  );
}

function Card({ id, title, count, screen, children }: { id: string; title: string; count?: number; screen: Screen; children: ReactNode }) {
  return (
    <section className="glance-card" aria-labelledby={id} data-testid={id}>
      <Head id={id} title={title} count={count} screen={screen} />
      {children}
    </section>
  );
}

/** One line of a current item: its name, what matters about it, and who listed it when. */
function CurrentLine({ item }: { item: GlanceItem }) {
  const i18n = useI18n();
  const { openEntry } = useSession();
  const { entry } = item;
  const d = entry.details;
  const extra =
    entry.kind === 'allergy'
      ? [d.reactions?.filter(Boolean).join(', '), severityWords(d.severity, i18n.lang)].filter(Boolean).join(' · ')
      : entry.kind === 'medication'
        ? [dosagesLine(i18n, d), asNeededWords(d, i18n.lang)].filter(Boolean).join(' · ')
        : '';
  const name = entry.kind === 'allergy' ? d.substance?.trim() || entry.title : entry.title;
  return (
    <button type="button" className="glance-line" onClick={() => openEntry(entry.id)} data-entry-id={entry.id}>
      <span className="glance-name">{i18n.title(name)}</span>
      {extra && <span className="glance-extra">{extra}</span>}
      <CurrentNote reading={item.reading} kind={entry.kind} />
    </button>
  );
}

function CurrentList({ items, allergies = false }: { items: GlanceItem[]; allergies?: boolean }) {
  const { t } = useI18n();
  // An allergy stays with the others however old its confirmation (its note says so).
  const confirmed = allergies ? items : items.filter((i) => !i.reading.unconfirmedForAYear);
  const unconfirmed = allergies ? [] : items.filter((i) => i.reading.unconfirmedForAYear);
  const list = (rows: GlanceItem[]) => (
    <ul className={allergies ? 'glance-list glance-list-wide' : 'glance-list'}>
      {rows.map((item) => (
        <li key={item.entry.id}>
          <CurrentLine item={item} />
        </li>
      ))}
    </ul>
  );
  return (
    <>
      {confirmed.length > 0 && list(confirmed)}
      {unconfirmed.length > 0 && (
        <>
          <h3 className="glance-subhead">{t('glanceUnconfirmed')}</h3>
          {list(unconfirmed)}
        </>
      )}
    </>
  );
}

function AbnormalCard({ glance }: { glance: Glance }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { openEntry } = useSession();
  const { shown, total, newestResultDay, anyResults } = glance.abnormal;
  return (
    <Card id="glance-abnormal" title={t('glanceAbnormalTitle')} count={total} screen="results">
      {newestResultDay && <p className="muted small">{t('glanceNewestResults', { date: i18n.date(newestResultDay) })}</p>}
      {shown.length === 0 ? (
        <p className="muted">{anyResults ? t('glanceAbnormalNone') : t('glanceNoResults')}</p>
      ) : (
        <ul className="glance-list">
          {shown.map(({ entry, flag }) => (
            <li key={entry.id}>
              <button type="button" className="glance-line" onClick={() => openEntry(entry.id)} data-entry-id={entry.id}>
                <span className="glance-name">{i18n.title(entry.title)}</span>
                <span className="glance-value">{i18n.quantity(entry.value, { glucose: isGlucose(entry.codes) })?.text}</span>
                <ResultFlag flag={flag} />
                <span className="current-note">{entry.start ? i18n.date(entry.start) : t('noDate')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {total > shown.length && <p className="muted small">{t('glanceMoreResults', { count: total - shown.length })}</p>}
    </Card>
  );
}

/** "Resuscitation · Do not resuscitate · Feb 13, 2011": what it is about, what it says, since when. */
function Directives({ entries }: { entries: StoredEntry[] }) {
  const i18n = useI18n();
  const { openEntry } = useSession();
  return (
    <ul className="glance-list">
      {entries.map((e) => {
        const says = provisionWords(e.details, i18n.lang);
        return (
          <li key={e.id}>
            <button type="button" className="glance-line" onClick={() => openEntry(e.id)} data-entry-id={e.id}>
              <span className="glance-name">{i18n.title(e.title)}</span>
              {says && says !== e.title && <span className="glance-extra">{says}</span>}
              {e.start && <span className="current-note">{i18n.date(e.start)}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function Upcoming({ entries }: { entries: StoredEntry[] }) {
  const i18n = useI18n();
  const { openEntry } = useSession();
  return (
    <ul className="glance-list">
      {entries.map((e) => (
        <li key={e.id}>
          <button type="button" className="glance-line" onClick={() => openEntry(e.id)} data-entry-id={e.id}>
            <span className="glance-name">{i18n.date(e.details.plannedFor ?? e.start)}</span>
            <span className="glance-extra">{i18n.title(e.title)}</span>
            {e.details.location && <span className="current-note">{e.details.location}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}

function ImportsCard({ glance }: { glance: Glance }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { navigate } = useSession();
  const latest = glance.imports[0]?.lastImportedAt;
  const lastDay = latest?.slice(0, 10);
  const fromLast = glance.imports.filter((i) => i.lastImportedAt.slice(0, 10) === lastDay).map((i) => i.provider);
  const docs = (n: number) => t('documentsCount' as MessageKey, { count: n });
  return (
    <section className="glance-card" aria-labelledby="glance-imports" data-testid="glance-imports">
      <div className="glance-head">
        <h2 id="glance-imports">{t('glanceImportsTitle')}</h2>
        <button type="button" className="link-button" onClick={() => navigate('import')}>
          {t('glanceOpenImport')}
        </button>
      </div>
      {latest === undefined ? (
        <p className="muted">{t('glanceImportsNone')}</p>
      ) : (
        <>
          <p>{t('glanceLastImport', { date: i18n.dateTime(latest), providers: fromLast.map((p) => i18n.provider(p)).join(', ') })}</p>
          <ul className="glance-providers">
            {glance.imports.map((p) => (
              <li key={p.provider}>
                <b>{i18n.provider(p.provider)}</b>{' '}
                <span className="muted small">
                  {p.newestDocumentDate
                    ? t('glanceProviderLine', { documents: docs(p.documents), date: i18n.date(p.newestDocumentDate.slice(0, 10)), imported: i18n.dateTime(p.lastImportedAt) })
                    : t('glanceProviderLineUndated', { documents: docs(p.documents), imported: i18n.dateTime(p.lastImportedAt) })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
