// The documents attached to one entry, in its details: open one, attach a new one, or link one
// already kept (a lab report kept earlier, linked to the visit it came from).
import { useEffect, useId, useState } from 'react';
import type { ContractError, KeptDocument } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { ErrorText } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useProfile, useSession } from '../session.ts';
import { AddDocument } from './AddDocument.tsx';
import { DocumentViewer } from './DocumentViewer.tsx';

export function EntryDocuments({ entryId }: { entryId: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const { revision, bumpRevision, notify } = useSession();
  const [docs, setDocs] = useState<KeptDocument[]>([]);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => {
    void api.papers.forEntry({ profileId: profile.id, entryId }).then((r) => r.ok && setDocs(r.value));
  }, [profile.id, entryId, revision]);
  return (
    <section aria-label={t('keptDocumentsOfEntry')}>
      <h3>{t('keptDocumentsOfEntry')}</h3>
      {docs.length === 0 ? (
        <p className="muted small">{t('keptNoneForEntry')}</p>
      ) : (
        <ul>
          {docs.map((d) => (
            <li key={d.id}>
              <button type="button" className="button-quiet" onClick={() => setOpen(d.id)}>
                {d.title}
              </button>{' '}
              <span className="muted small">
                {t(`dk_${d.kind}`)}
                {d.date ? ` · ${i18n.date(d.date)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button type="button" onClick={() => setAdding(true)}>
          {t('keptAttach')}
        </button>
        <LinkKept entryId={entryId} linked={docs} onLinked={() => bumpRevision()} />
      </div>
      {adding && (
        <AddDocument
          entryId={entryId}
          onDone={(added) => {
            setAdding(false);
            if (!added) return;
            bumpRevision();
            notify(t('keptSaved'));
          }}
        />
      )}
      {open !== null && <DocumentViewer documentId={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

/** Links a document already kept to this entry: chosen from those not linked to it yet. */
function LinkKept({ entryId, linked, onLinked }: { entryId: number; linked: KeptDocument[]; onLinked: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const [all, setAll] = useState<KeptDocument[] | null>(null);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const selectId = useId();
  const open = all !== null;
  const others = (all ?? []).filter((d) => !linked.some((l) => l.id === d.id));
  if (!open) {
    return (
      <button type="button" onClick={() => void api.papers.list({ profileId: profile.id }).then((r) => (r.ok ? setAll(r.value) : setError(r.error)))}>
        {t('keptLinkExisting')}
      </button>
    );
  }
  const link = async () => {
    const doc = others.find((d) => String(d.id) === choice);
    if (!doc) return;
    const r = await api.papers.update({ profileId: profile.id, documentId: doc.id, entryIds: [...doc.linkedEntries.map((e) => e.id), entryId] });
    if (!r.ok) return setError(r.error);
    setAll(null);
    setChoice('');
    onLinked();
  };
  return (
    <span className="kept-confirm" role="group" aria-label={t('keptLinkExisting')}>
      {others.length === 0 ? (
        <span className="muted small">{all.length === 0 ? t('keptLinkNoDocs') : t('keptLinkNone')}</span>
      ) : (
        <>
          <label className="inline-label" htmlFor={selectId}>
            {t('keptLinkChoose')}
          </label>
          <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{t('keptLinkPick')}</option>
            {others.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title} ({t(`dk_${d.kind}`)}{d.date ? `, ${i18n.date(d.date)}` : ''})
              </option>
            ))}
          </select>
          <button type="button" className="button-primary" disabled={!choice} onClick={() => void link()}>
            {t('keptLinkDo')}
          </button>
        </>
      )}
      <button type="button" onClick={() => setAll(null)}>
        {t('cancel')}
      </button>
      <ErrorText error={error} />
    </span>
  );
}
