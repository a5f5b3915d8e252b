// "Learn more": MedlinePlus topics for one entry, rendered through the narrative allowlist,
// with the attribution MedlinePlus asks for. Offline and unavailable are said plainly.
import { useEffect, useState } from 'react';
import type { ContractError, EducationView } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { Narrative, safeHref } from '../narrative/Narrative.tsx';
import { useProfile } from '../session.ts';
import { Loading } from './Status.tsx';

export function Education({ entryId }: { entryId: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const [view, setView] = useState<EducationView | null>(null);
  const [error, setError] = useState<ContractError | null>(null);

  useEffect(() => {
    let live = true;
    void api.education.lookup({ profileId: profile.id, entryId, language: i18n.lang }).then((r) => {
      if (!live) return;
      if (r.ok) setView(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [entryId, profile.id, i18n.lang]);

  if (error) {
    const text = error.kind === 'offline' ? t('educationOffline') : error.kind === 'unavailable' ? error.message || t('educationUnavailable') : error.message;
    return (
      <section className="education" aria-live="polite">
        <p className="notice">{text}</p>
      </section>
    );
  }
  if (!view) return <Loading />;
  return (
    <section className="education" aria-live="polite">
      {view.status === 'unavailable' && <p className="notice">{view.message ?? t('educationUnavailable')}</p>}
      {view.status === 'empty' && <p className="notice">{view.message ?? t('educationEmpty')}</p>}
      {view.topics.map((topic, i) => {
        const href = safeHref(topic.url);
        return (
          <article key={i} className="education-topic">
            <h4>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {topic.title} <span className="small">{t('opensInBrowser')}</span>
                </a>
              ) : (
                topic.title
              )}
            </h4>
            <Narrative nodes={topic.summary} />
          </article>
        );
      })}
      {view.fromCache && view.fetchedAt && <p className="muted small">{t('educationFromCache', { date: i18n.dateTime(view.fetchedAt) })}</p>}
      {view.status === 'found' && <p className="attribution">{t('educationAttribution')}</p>}
    </section>
  );
}
