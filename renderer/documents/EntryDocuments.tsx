// The documents attached to one entry, in its details: open one, or attach another.
import { useEffect, useState } from 'react';
import type { KeptDocument } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
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
      <button type="button" onClick={() => setAdding(true)}>
        {t('keptAttach')}
      </button>
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
