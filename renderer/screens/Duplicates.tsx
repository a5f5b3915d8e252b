// Possible duplicates (issue 15): each flagged pair side by side — names, dates, values,
// statuses, sources and why it was flagged — with Merge / Keep apart, and every merge the
// person made with Undo. A decision stays on screen with its undo until the page is left, so
// the person sees what happened where they did it.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ContractError, DuplicatePair, MergeRecord } from '../../preload/contract.ts';
import type { StoredEntry } from '../../main/records/model.ts';
import { deviceAgainstDocument, readDuplicateReason, severityWords, shownDose } from '../../main/records/readable/index.ts';
import { api } from '../api/client.ts';
import { entryValue, kindLabel, shownStatusLabel } from '../components/records.tsx';
import { ErrorText, Loading } from '../components/Status.tsx';
import { useI18n, type I18n } from '../i18n/index.tsx';
import { useProfile, useSession } from '../session.ts';

export function Duplicates() {
  const { t } = useI18n();
  const profile = useProfile();
  const [pairs, setPairs] = useState<DuplicatePair[] | null>(null);
  const [keptApart, setKeptApart] = useState<DuplicatePair[]>([]);
  const [merges, setMerges] = useState<MergeRecord[]>([]);
  const [error, setError] = useState<ContractError | null>(null);
  const [reload, setReload] = useState(0);

  // The list is read once per visit (and after an undo from the history): a pair just decided
  // keeps its place, showing what was done and how to undo it.
  useEffect(() => {
    let live = true;
    void Promise.all([
      api.duplicates.list({ profileId: profile.id }),
      api.duplicates.list({ profileId: profile.id, keptApart: true }),
      api.duplicates.merges({ profileId: profile.id }),
    ]).then(([open, apart, history]) => {
      if (!live) return;
      if (!open.ok) return setError(open.error);
      setPairs(open.value);
      if (apart.ok) setKeptApart(apart.value);
      if (history.ok) setMerges(history.value);
    });
    return () => {
      live = false;
    };
    // Not on `revision`: a decision here bumps it, and the list must not jump under the person.
  }, [profile.id, reload]);

  return (
    <section aria-labelledby="screen-title" className="duplicates-screen">
      <h1 id="screen-title" tabIndex={-1}>
        {t('duplicatesTitle')}
      </h1>
      <p>{t('duplicatesIntro')}</p>
      <ErrorText error={error} />
      {!pairs && !error && <Loading />}
      {pairs && (pairs.length === 0 ? <p className="notice">{t('duplicatesNone')}</p> : <p className="muted">{t('duplicatesToReview', { count: pairs.length })}</p>)}
      {pairs?.map((pair) => (
        <PairCard key={`${pair.entry.id}-${pair.other.id}`} pair={pair} />
      ))}
      {merges.length > 0 && <MergeHistory merges={merges} onUndone={() => setReload((n) => n + 1)} />}
      {keptApart.length > 0 && (
        <section aria-labelledby="kept-apart-title">
          <h2 id="kept-apart-title">{t('keptApartTitle')}</h2>
          {keptApart.map((pair) => (
            <PairCard key={`${pair.entry.id}-${pair.other.id}`} pair={pair} />
          ))}
        </section>
      )}
    </section>
  );
}

type State = { kind: 'open' } | { kind: 'merged'; mergeId: number; entry: StoredEntry } | { kind: 'kept' };
type Notice = 'mergedNotice' | 'keptApartNotice' | 'mergeUndone' | 'reopenedNotice';

function PairCard({ pair }: { pair: DuplicatePair }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const session = useSession();
  const [state, setState] = useState<State>(pair.keptApart ? { kind: 'kept' } : { kind: 'open' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const headingId = `pair-${pair.entry.id}-${pair.other.id}`;
  // The entry that was there first is kept; the one flagged against it is merged into it.
  const [first, second] = [pair.other, pair.entry];

  useEffect(() => {
    if (notice) statusRef.current?.focus();
  }, [notice, state]);

  async function run<T>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: ContractError }>, next: (value: T) => State, said: Notice) {
    setBusy(true);
    setError(null);
    const r = await call();
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setState(next(r.value));
    setNotice(said);
    session.bumpRevision();
  }
  const ids = { profileId: profile.id };
  const merge = () =>
    run(() => api.records.merge({ ...ids, keepEntryId: first.id, mergeEntryId: second.id }), (v) => ({ kind: 'merged', mergeId: v.mergeId, entry: v.entry }), 'mergedNotice');
  const keepApart = () => run(() => api.records.dismissDuplicate({ ...ids, entryId: second.id, otherEntryId: first.id }), () => ({ kind: 'kept' }), 'keptApartNotice');
  const reviewAgain = () => run(() => api.duplicates.reviewAgain({ ...ids, entryId: second.id, otherEntryId: first.id }), () => ({ kind: 'open' }), 'reopenedNotice');
  const undo = (mergeId: number) => run(() => api.duplicates.undoMerge({ ...ids, mergeId }), () => ({ kind: 'open' }), 'mergeUndone');

  return (
    <article className={`pair-card pair-${state.kind}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="pair-heading">
        {t('duplicatePairHeading', { title: i18n.title(first.title), kind: kindLabel(i18n, first.kind) })}
      </h2>
      <p className="pair-reason">
        <strong>{t('whyFlagged')}:</strong> <ReasonText reason={pair.reason} />
      </p>
      {readDuplicateReason(pair.reason).key === 'dupReason_value' && deviceAgainstDocument(pair.entry, pair.other) && <p className="pair-why">{t('dupDeviceAgainstClinic')}</p>}
      <PairTable first={first} second={second} />
      <ErrorText error={error} />
      {notice && (
        <p className="notice" role="status" tabIndex={-1} ref={statusRef}>
          {notice === 'mergedNotice' && state.kind === 'merged' ? t('mergedNotice', { title: i18n.title(state.entry.title) }) : t(notice === 'mergedNotice' ? 'mergeUndone' : notice)}
        </p>
      )}
      <div className="button-row">
        {state.kind === 'open' && (
          <>
            <button type="button" className="button-primary" disabled={busy} onClick={() => void merge()}>
              {t('mergeKeepsAll')}
            </button>
            <button type="button" disabled={busy} onClick={() => void keepApart()}>
              {t('keepApart')}
            </button>
          </>
        )}
        {state.kind === 'merged' && (
          <>
            <button type="button" disabled={busy} onClick={() => void undo(state.mergeId)}>
              {t('undoMerge')}
            </button>
            <button type="button" onClick={() => session.openEntry(state.entry.id)}>
              {t('openEntry')}
            </button>
          </>
        )}
        {state.kind === 'kept' && (
          <button type="button" disabled={busy} onClick={() => void reviewAgain()}>
            {t('reviewAgain')}
          </button>
        )}
      </div>
    </article>
  );
}

/** The navigation's "Possible duplicates" with the number of pairs to review, read again after every change. */
export function DuplicatesNavLabel() {
  const { t } = useI18n();
  const profile = useProfile();
  const { revision } = useSession();
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    void api.duplicates.count({ profileId: profile.id }).then((r) => live && r.ok && setCount(r.value));
    return () => {
      live = false;
    };
  }, [profile.id, revision]);
  if (count === 0) return <>{t('navDuplicates')}</>;
  return (
    <>
      <span aria-hidden="true">
        {t('navDuplicates')} <span className="nav-count">{count}</span>
      </span>
      <span className="visually-hidden">{t('navDuplicatesCount', { count })}</span>
    </>
  );
}

export function ReasonText({ reason }: { reason: string }) {
  const { t, lang, locale } = useI18n();
  const { key, values } = readDuplicateReason(reason, locale);
  // The two severities are the sources' words, said in the reader's language when they are FHIR codes.
  const said = key === 'dupReason_severity' ? { a: severityWords(values.a, lang) ?? values.a, b: severityWords(values.b, lang) ?? values.b } : values;
  return <>{t(key, said)}</>;
}

function sourceLines(i18n: I18n, entry: StoredEntry): string[] {
  const { t } = i18n;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const s of entry.sources) {
    const provider = i18n.provider(s.provider);
    const line = s.documentDate ? t('sourceLine', { provider, date: i18n.date(s.documentDate) }) : t('sourceLineUndated', { provider });
    const full = s.fileName ? `${line} (${t('fileLine', { file: s.fileName })})` : line;
    if (!seen.has(full)) {
      seen.add(full);
      lines.push(full);
    }
  }
  return lines;
}

function PairTable({ first, second }: { first: StoredEntry; second: StoredEntry }) {
  const i18n = useI18n();
  const { t } = i18n;
  const none = t('notStated');
  const date = (e: StoredEntry) => [e.start, e.end].filter(Boolean).map((d) => i18n.date(d)).join(' – ') || none;
  const either = (has: (e: StoredEntry) => unknown) => Boolean(has(first) || has(second));
  const optional = (show: boolean, row: [string, (e: StoredEntry) => ReactNode]) => (show ? [row] : []);
  const rows: [string, (e: StoredEntry) => ReactNode][] = [
    [t('nameField'), (e) => i18n.title(e.title)],
    [t('dateField'), date],
    ...optional(either((e) => shownDose(e.details.dose)), [t('dose'), (e) => shownDose(e.details.dose) ?? none]),
    ...optional(either((e) => entryValue(i18n, e)), [t('value'), (e) => entryValue(i18n, e) ?? none]),
    ...optional(either((e) => e.details.reactions?.length), [t('reactions'), (e) => e.details.reactions?.join(', ') || none]),
    ...optional(either((e) => e.details.severity), [t('severity'), (e) => severityWords(e.details.severity, i18n.lang) ?? none]),
    // A status that tells a patient nothing ("completed" on a reading) is not shown anywhere.
    ...optional(either((e) => shownStatusLabel(i18n, e.kind, e.status, e.details)), [t('status'), (e) => shownStatusLabel(i18n, e.kind, e.status, e.details) ?? none]),
    [t('codes'), (e) => e.codes.map((c) => `${c.system} ${c.code}`).join(', ') || none],
    [
      t('sourcesField'),
      (e) => (
        <ul className="plain-list">
          {sourceLines(i18n, e).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ),
    ],
  ];
  return (
    <div className="pair-table-wrap">
      <table className="pair-table">
        <thead>
          <tr>
            <th scope="col">{t('compareField')}</th>
            <th scope="col">{t('firstEntry')}</th>
            <th scope="col">{t('secondEntry')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, cell]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{cell(first)}</td>
              <td>{cell(second)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MergeHistory({ merges, onUndone }: { merges: MergeRecord[]; onUndone: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const session = useSession();
  const [error, setError] = useState<ContractError | null>(null);
  async function undo(id: number) {
    const r = await api.duplicates.undoMerge({ profileId: profile.id, mergeId: id });
    if (!r.ok) return setError(r.error);
    session.notify(t('mergeUndone'));
    session.bumpRevision();
    onUndone();
  }
  return (
    <section aria-labelledby="merged-by-you">
      <h2 id="merged-by-you">{t('mergedByYou')}</h2>
      <ErrorText error={error} />
      <ul className="merge-history">
        {merges.map((m) => (
          <li key={m.id}>
            <span>
              <strong>{t('mergedTitles', { first: i18n.title(m.titles[0]), second: i18n.title(m.titles[1]) })}</strong> ({kindLabel(i18n, m.kind)}) —{' '}
              {m.undoneAt ? t('undoneOn', { date: i18n.dateTime(m.undoneAt) }) : t('mergedOn', { date: i18n.dateTime(m.mergedAt) })}
            </span>
            {!m.undoneAt && !m.cannotUndo && (
              <button type="button" onClick={() => void undo(m.id)}>
                {t('undoMerge')}
              </button>
            )}
            {!m.undoneAt && m.cannotUndo && <span className="muted small"> {t(m.cannotUndo === 'merged-again' ? 'cannotUndo_mergedAgain' : 'cannotUndo_sourcesMoved')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
