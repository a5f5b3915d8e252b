// The visit summary: choose sections and, within them, items one by one; preview the generated
// page in a sandboxed frame (no scripts can run in it), then save a PDF or print. The note for
// the clinician is printed whenever one is written, whatever sections are ticked.
import { useEffect, useId, useState } from 'react';
import type { ContractError, InputOf, SummaryItemSection } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { EmergencyCardPanel } from '../components/EmergencyCard.tsx';
import { ErrorText, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useProfile, useSession } from '../session.ts';

type Options = InputOf<'summary.html'>;
type Sections = Options['sections'];
const SECTION_KEYS = ['medications', 'allergies', 'problems', 'results', 'immunizations', 'vaccinesDue', 'encounters', 'procedures', 'familyHistory', 'questions', 'notes', 'education'] as const satisfies readonly (keyof Sections)[];
const DEFAULT_SECTIONS: Sections = {
  medications: true,
  allergies: true,
  problems: true,
  results: true,
  immunizations: true,
  vaccinesDue: false,
  encounters: false,
  procedures: false,
  familyHistory: false,
  questions: true,
  notes: false,
  education: false,
};

export function SummaryScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const session = useSession();
  const [sections, setSections] = useState<Sections | null>(null);
  const [paper, setPaper] = useState<'A4' | 'Letter'>(i18n.lang === 'es' ? 'A4' : 'Letter');
  const [preparedBy, setPreparedBy] = useState('');
  const [notes, setNotes] = useState('');
  const [html, setHtml] = useState<string | null>(null);
  const [busy, setBusy] = useState<'' | 'preview' | 'pdf' | 'print' | 'ips'>('');
  const [error, setError] = useState<ContractError | null>(null);
  const [done, setDone] = useState('');
  const [items, setItems] = useState<SummaryItemSection[] | null>(null);
  const [excluded, setExcluded] = useState<ReadonlySet<number>>(new Set());
  const noteHintId = useId();

  useEffect(() => {
    void api.summary.lastChoice({ profileId: profile.id }).then((r) => {
      if (r.ok && r.value) {
        setSections(r.value.sections);
        setPaper(r.value.paper);
        setPreparedBy(r.value.preparedBy ?? '');
        setNotes(r.value.notesForClinician ?? '');
        setExcluded(new Set(r.value.excludedEntryIds ?? []));
      } else setSections(DEFAULT_SECTIONS);
    });
  }, [profile.id]);

  useEffect(() => {
    let live = true;
    void api.summary.items({ profileId: profile.id, language: i18n.lang }).then((r) => {
      if (live && r.ok) setItems(r.value);
    });
    return () => {
      live = false;
    };
  }, [profile.id, i18n.lang, session.revision]);

  if (!sections) return <Loading />;
  const options = (): Options => ({
    profileId: profile.id,
    sections,
    language: i18n.lang,
    paper,
    ...(preparedBy.trim() ? { preparedBy: preparedBy.trim() } : {}),
    ...(notes.trim() ? { notesForClinician: notes.trim() } : {}),
    // Only ids still offered: an item that left the record is not kept as a choice.
    excludedEntryIds: (items ?? []).flatMap((sec) => sec.items.map((i) => i.id)).filter((id) => excluded.has(id)),
  });

  async function preview() {
    setBusy('preview');
    setError(null);
    const r = await api.summary.html(options());
    setBusy('');
    if (r.ok) setHtml(r.value);
    else setError(r.error);
  }
  async function pdf() {
    setBusy('pdf');
    setError(null);
    setDone('');
    const r = await api.summary.pdf(options());
    setBusy('');
    if (!r.ok) return setError(r.error);
    const msg = r.value ? t('savedTo', { path: r.value.savedTo }) : t('cancelled');
    setDone(msg);
    session.notify(msg);
  }
  async function ips() {
    setBusy('ips');
    setError(null);
    setDone('');
    const r = await api.export.ips({ profileId: profile.id, language: i18n.lang });
    setBusy('');
    if (!r.ok) return setError(r.error);
    const msg = r.value ? t('savedTo', { path: r.value.savedTo }) : t('cancelled');
    setDone(msg);
    session.notify(msg);
  }
  async function print() {
    setBusy('print');
    setError(null);
    setDone('');
    const r = await api.summary.print(options());
    setBusy('');
    if (!r.ok) return setError(r.error);
    setDone(t('printSent'));
  }

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t('summaryTitle')}
      </h1>
      <p>{t('summaryIntro')}</p>
      <div className="summary-layout">
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void preview();
          }}
        >
          <fieldset>
            <legend>{t('sections')}</legend>
            {SECTION_KEYS.map((k) => (
              <label key={k} className="check">
                <input type="checkbox" checked={sections[k] ?? false} onChange={(e) => setSections({ ...sections, [k]: e.target.checked })} /> {t(`sec_${k}`)}
              </label>
            ))}
          </fieldset>
          {items && (
            <ItemPicker
              items={items.filter((sec) => sec.section === 'clinicianNotes' || sections[sec.section])}
              excluded={excluded}
              onChange={setExcluded}
            />
          )}
          <label>
            {t('paper')}
            <select value={paper} onChange={(e) => setPaper(e.target.value as 'A4' | 'Letter')}>
              <option value="Letter">{t('paper_Letter')}</option>
              <option value="A4">{t('paper_A4')}</option>
            </select>
          </label>
          <label>
            {t('preparedBy')}
            <input type="text" value={preparedBy} onChange={(e) => setPreparedBy(e.target.value)} />
          </label>
          <label>
            {t('notesForClinician')}
            <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} aria-describedby={noteHintId} />
          </label>
          <p className="muted small" id={noteHintId}>
            {t('clinicianNotePrinted')}
          </p>
          <div className="button-row">
            <button type="submit" disabled={busy !== ''}>
              {html ? t('updatePreview') : t('preview')}
            </button>
            <button type="button" className="button-primary" disabled={busy !== ''} onClick={() => void pdf()}>
              {t('savePdf')}
            </button>
            <button type="button" disabled={busy !== ''} onClick={() => void print()}>
              {t('print')}
            </button>
            <button type="button" disabled={busy !== ''} onClick={() => void ips()}>
              {t('saveIps')}
            </button>
          </div>
          <ErrorText error={error} />
          {done && (
            <p className="notice" role="status">
              {done}
            </p>
          )}
        </form>
        <div className="summary-preview">
          {busy === 'preview' && <Loading />}
          {html !== null && <iframe title={t('previewFrameTitle')} sandbox="" srcDoc={html} className="preview-frame" />}
        </div>
      </div>
      <EmergencyCardPanel />
    </section>
  );
}

/** Each chosen section's items, all ticked until the person unticks one. */
function ItemPicker({ items, excluded, onChange }: { items: SummaryItemSection[]; excluded: ReadonlySet<number>; onChange: (next: ReadonlySet<number>) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toggle = (id: number, on: boolean) => {
    const next = new Set(excluded);
    if (on) next.delete(id);
    else next.add(id);
    onChange(next);
  };
  const offered = items.filter((sec) => sec.items.length > 0);
  return (
    <fieldset className="summary-items" data-testid="summary-items">
      <legend>{t('summaryItemsLegend')}</legend>
      <p className="muted small">{t('summaryItemsHint')}</p>
      {offered.map((sec) => {
        const chosenCount = sec.items.filter((i) => !excluded.has(i.id)).length;
        return (
          <details key={sec.section} data-section={sec.section}>
            <summary>
              {t(sec.section === 'clinicianNotes' ? 'sec_clinicianNotes' : `sec_${sec.section}`)} — {t('summaryItemsChosen', { chosen: chosenCount, count: sec.items.length })}
            </summary>
            {sec.items.map((item) => (
              <label key={item.id} className="check">
                <input type="checkbox" checked={!excluded.has(item.id)} onChange={(e) => toggle(item.id, e.target.checked)} />
                <span>
                  {i18n.title(item.title)}
                  {item.date && <span className="muted"> · {i18n.date(item.date)}</span>}
                </span>
              </label>
            ))}
          </details>
        );
      })}
    </fieldset>
  );
}
