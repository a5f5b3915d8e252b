// "Add these results": the lines of a kept document that read as test results, each shown with
// the line as printed and its fields to check and correct, each ticked or not; only the ticked
// ones are added, and only when the person presses "Add N results".
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ContractError, KeptDocument, ProposedResult } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { DateField, formIsValid } from '../components/DateField.tsx';
import { ErrorText } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useProfile, useSession } from '../session.ts';

const FLAGS = ['', 'H', 'L', 'HH', 'LL', 'A'] as const;
type Flag = (typeof FLAGS)[number];

interface Row {
  index: number;
  ticked: boolean;
  name: string;
  value: string;
  unit: string;
  range: string;
  flag: Flag;
  date: string;
  proposal: ProposedResult;
}

function rowOf(proposal: ProposedResult, index: number, date: string): Row {
  const flag = (FLAGS as readonly string[]).includes(proposal.flag?.code ?? '') ? ((proposal.flag?.code ?? '') as Flag) : '';
  return { index, ticked: true, name: proposal.name, value: proposal.value.text, unit: proposal.unit ?? '', range: proposal.range?.text ?? '', flag, date, proposal };
}

export function AddResults({ doc, onAdded }: { doc: KeptDocument; onAdded: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const session = useSession();
  const [proposals, setProposals] = useState<{ list: ProposedResult[]; date: string } | null>(null);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<ContractError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const reviewing = rows !== null;

  // The form opens below the page: brought into view, its heading focused for a screen reader.
  useEffect(() => {
    if (!reviewing || !heading.current) return;
    heading.current.focus({ preventScroll: true });
    heading.current.scrollIntoView({ block: 'start' });
  }, [reviewing]);

  useEffect(() => {
    if (doc.pagesWithText === 0) return setProposals({ list: [], date: '' });
    void api.papers.proposeResults({ profileId: profile.id, documentId: doc.id }).then((r) => (r.ok ? setProposals({ list: r.value.proposals, date: r.value.date ?? '' }) : setError(r.error)));
  }, [profile.id, doc.id, doc.pagesWithText, doc.updatedAt]);

  const ticked = rows?.filter((r) => r.ticked) ?? [];
  const set = (index: number, patch: Partial<Row>) => setRows((all) => all && all.map((r) => (r.index === index ? { ...r, ...patch } : r)));

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!formIsValid(e) || ticked.length === 0) return;
    setBusy(true);
    setError(null);
    const r = await api.papers.addResults({
      profileId: profile.id,
      documentId: doc.id,
      results: ticked.map((row) => ({
        index: row.index,
        name: row.name,
        value: row.value,
        ...(row.unit.trim() ? { unit: row.unit } : {}),
        ...(row.range.trim() ? { range: row.range } : {}),
        ...(row.flag ? { flag: row.flag } : {}),
        ...(row.date ? { date: row.date } : {}),
      })),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    const total = r.value.added + r.value.merged;
    session.notify(r.value.merged > 0 ? t('labAddedSome', { count: total, already: r.value.merged }) : t('labAdded', { count: total }));
    session.bumpRevision();
    setRows(null);
    onAdded();
  };

  const found = proposals?.list.length ?? 0;
  return (
    <section className="lab-results" aria-label={t('labTitle')}>
      {doc.resultsAdded > 0 && <p className="muted small">{t('labAlreadyAdded', { count: doc.resultsAdded })}</p>}
      <ErrorText error={error} />
      {proposals && found > 0 && !rows && (
        <div className="lab-offer">
          <p>{t('labFound', { count: found })}</p>
          <button type="button" onClick={() => setRows(proposals.list.map((p, i) => rowOf(p, i, proposals.date)))}>
            {t('labReview')}
          </button>
        </div>
      )}
      {proposals && found === 0 && doc.kind === 'lab-report' && doc.pagesWithText > 0 && <p className="muted small">{t('labNoneFound')}</p>}
      {rows && (
        <form className="lab-form" onSubmit={(e) => void add(e)} noValidate>
          <h3 ref={heading} tabIndex={-1}>
            {t('labTitle')}
          </h3>
          <p>{t('labCheck')}</p>
          {rows.some((r) => r.proposal.recognized) && <p className="notice">{t('labRecognized')}</p>}
          <ol className="lab-rows">
            {rows.map((row) => (
              <li key={row.index} className={row.ticked ? 'lab-row' : 'lab-row lab-row-off'}>
                <label className="check lab-tick">
                  <input type="checkbox" checked={row.ticked} onChange={(e) => set(row.index, { ticked: e.target.checked })} />
                  <span>
                    {t('labAsPrinted', { page: row.proposal.page })} <q className="lab-line">{row.proposal.line}</q>
                  </span>
                </label>
                <fieldset className="lab-fields" disabled={!row.ticked} aria-label={t('labRowLabel', { name: row.name || row.proposal.name })}>
                  <label className="lab-name">
                    {t('labName')}
                    <input type="text" value={row.name} required maxLength={200} onChange={(e) => set(row.index, { name: e.target.value })} />
                  </label>
                  <label className="lab-value">
                    {t('labValue')}
                    <input type="text" value={row.value} required maxLength={60} onChange={(e) => set(row.index, { value: e.target.value })} />
                  </label>
                  <label className="lab-unit">
                    {t('labUnit')}
                    <input type="text" value={row.unit} maxLength={40} onChange={(e) => set(row.index, { unit: e.target.value })} />
                  </label>
                  <label className="lab-range">
                    {t('labRange')}
                    <input type="text" value={row.range} maxLength={120} onChange={(e) => set(row.index, { range: e.target.value })} />
                  </label>
                  <label className="lab-flag">
                    {t('labFlag')}
                    <select value={row.flag} onChange={(e) => set(row.index, { flag: e.target.value as Flag })}>
                      {FLAGS.map((f) => (
                        <option key={f} value={f}>
                          {f ? t(`labFlag_${f}`) : t('labFlagNone')}
                        </option>
                      ))}
                    </select>
                  </label>
                  <DateField className="lab-date" label={t('labDate')} value={row.date} partial onChange={(date) => set(row.index, { date })} />
                </fieldset>
              </li>
            ))}
          </ol>
          <ErrorText error={error} />
          <div className="button-row">
            <button type="submit" className="button-primary" disabled={busy || ticked.length === 0}>
              {t('labAdd', { count: ticked.length })}
            </button>
            <button type="button" onClick={() => setRows(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
