// In an entry's details: the entries it may duplicate (with their date, source and why), Merge
// and Keep separate, Undo right after a merge, and "Separate this source" for an entry that
// several sources make (an automatic merge the person disagrees with). Kept apart from
// EntryDetails.tsx so each part stays small.
import { useEffect, useState } from 'react';
import type { ContractError, DuplicatePair } from '../../preload/contract.ts';
import type { StoredEntry } from '../../main/records/model.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { ReasonText } from '../screens/Duplicates.tsx';
import { useProfile, useSession } from '../session.ts';
import { ErrorText } from './Status.tsx';

/** "Possibly the same as: Respiratory rate, Jun 22, 2015, from Neighborhood Physicians Practice (AliceNewmanApi.xml)". */
function describeOther(i18n: ReturnType<typeof useI18n>, other: StoredEntry): string {
  const source = other.sources[0];
  const provider = source ? i18n.provider(source.provider) : i18n.t('unknown');
  const said = source?.documentDate ? i18n.t('sourceLine', { provider, date: i18n.date(source.documentDate) }) : provider;
  const from = source?.fileName ? `${said} (${source.fileName})` : said;
  const title = i18n.title(other.title);
  return other.start
    ? i18n.t('possibleDuplicateDetail', { title, date: i18n.date(other.start), source: from })
    : i18n.t('possibleDuplicateDetailUndated', { title, source: from });
}

export function Duplicates({ entry, onChanged }: { entry: StoredEntry; onChanged: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const session = useSession();
  const [pairs, setPairs] = useState<DuplicatePair[]>([]);
  const [undo, setUndo] = useState<number | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const count = entry.possibleDuplicates.length;
  useEffect(() => {
    let live = true;
    if (count === 0) {
      setPairs([]);
      return;
    }
    void api.duplicates.ofEntry({ profileId: profile.id, entryId: entry.id }).then((r) => {
      if (live && r.ok) setPairs(r.value);
    });
    return () => {
      live = false;
    };
  }, [entry, count, profile.id]);

  async function merge(other: StoredEntry) {
    const r = await api.records.merge({ profileId: profile.id, keepEntryId: entry.id, mergeEntryId: other.id });
    if (!r.ok) return setError(r.error);
    setUndo(r.value.mergeId);
    session.bumpRevision();
    onChanged();
  }
  async function keep(other: StoredEntry) {
    const r = await api.records.dismissDuplicate({ profileId: profile.id, entryId: entry.id, otherEntryId: other.id });
    if (!r.ok) return setError(r.error);
    session.notify(t('keptSeparate'));
    session.bumpRevision();
    onChanged();
  }
  async function undoMerge(mergeId: number) {
    const r = await api.duplicates.undoMerge({ profileId: profile.id, mergeId });
    if (!r.ok) return setError(r.error);
    setUndo(null);
    session.notify(t('mergeUndone'));
    session.bumpRevision();
    onChanged();
  }
  if (pairs.length === 0 && undo === null && !error) return null;
  return (
    <section className="duplicates" aria-label={t('possibleDuplicates')}>
      <h3>{t('possibleDuplicates')}</h3>
      <ErrorText error={error} />
      {undo !== null && (
        <p role="status">
          {t('merged')}{' '}
          <button type="button" onClick={() => void undoMerge(undo)}>
            {t('undoMerge')}
          </button>
        </p>
      )}
      {pairs.map((pair) => {
        const other = pair.entry.id === entry.id ? pair.other : pair.entry;
        return (
          <div key={other.id} className="duplicate">
            <p>{describeOther(i18n, other)}</p>
            <p className="small">
              {t('whyFlagged')}: <ReasonText reason={pair.reason} />
            </p>
            <div className="button-row">
              <button type="button" onClick={() => void merge(other)}>
                {t('merge')}
              </button>
              <button type="button" onClick={() => void keep(other)}>
                {t('keepSeparate')}
              </button>
              <button type="button" className="button-quiet" onClick={() => session.navigate('duplicates')}>
                {t('seeAllDuplicates')}
              </button>
            </div>
          </div>
        );
      })}
    </section>
  );
}

/** One button per source of an entry several sources make: that source becomes an entry of its own. */
export function SeparateSources({ entry, onChanged }: { entry: StoredEntry; onChanged: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const session = useSession();
  const [error, setError] = useState<ContractError | null>(null);
  const sources = [...new Map(entry.sources.map((s) => [s.sourceId, s])).values()];
  if (sources.length < 2) return null;
  async function separate(sourceId: number) {
    const r = await api.records.split({ profileId: profile.id, entryId: entry.id, sourceId });
    if (!r.ok) return setError(r.error);
    session.notify(t('sourceSeparated'));
    session.bumpRevision();
    onChanged();
  }
  return (
    <details className="separate-sources">
      <summary>{t('separateSource')}</summary>
      <ErrorText error={error} />
      <ul className="plain-list">
        {sources.map((s) => (
          <li key={s.sourceId}>
            <button type="button" onClick={() => void separate(s.sourceId)}>
              {i18n.provider(s.provider)}
              {s.fileName ? ` (${s.fileName})` : ''}
              {s.documentDate ? `, ${i18n.date(s.documentDate)}` : ''}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
