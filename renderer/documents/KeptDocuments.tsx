// The person's own documents on the Documents screen: a thumbnail of each first page, title,
// kind, date and pages; Add a document; opening one shows it in the viewer. Thumbnails a file
// does not have yet are drawn here once (one at a time) and kept by main.
import { useEffect, useState } from 'react';
import type { ContractError, KeptDocument } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { ErrorText, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useProfile, useSession } from '../session.ts';
import { AddDocument } from './AddDocument.tsx';
import { DocumentViewer } from './DocumentViewer.tsx';
import { dataUrl, makeThumbnail } from './images.ts';
import { takeDocumentToOpen } from './open-request.ts';
import './documents.css';

export function KeptDocuments() {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const { revision, bumpRevision, notify } = useSession();
  const [docs, setDocs] = useState<KeptDocument[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<{ id: number; start?: { position: number; page: number } } | null>(() => takeDocumentToOpen());
  const [thumbs, setThumbs] = useState<Record<number, string>>({});

  useEffect(() => {
    let live = true;
    void api.papers.list({ profileId: profile.id }).then((r) => {
      if (!live) return;
      if (r.ok) setDocs(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [profile.id, revision]);

  // Thumbnails not made yet, one after another so a long list does not load every file at once.
  useEffect(() => {
    if (!docs) return;
    let live = true;
    void (async () => {
      for (const d of docs) {
        const first = d.files[0];
        if (!first || first.thumbnail || thumbs[d.id]) continue;
        // A HEIC or TIFF's thumbnail is made from the picture main drew of its first page.
        const drawn = first.mediaType === 'image/heic' || first.mediaType === 'image/tiff';
        const r = drawn
          ? await api.papers.picture({ profileId: profile.id, documentId: d.id, position: first.position, page: 1 })
          : await api.papers.file({ profileId: profile.id, documentId: d.id, position: first.position });
        if (!live || !r.ok) continue;
        try {
          const bytes = await makeThumbnail(drawn ? { mediaType: 'image/jpeg' } : first, r.value.bytes);
          if (!live) return;
          setThumbs((m) => ({ ...m, [d.id]: dataUrl('image/jpeg', bytes) }));
          await api.papers.saveThumbnail({ profileId: profile.id, documentId: d.id, position: first.position, bytes });
        } catch {
          // A file the viewer cannot draw keeps its placeholder.
        }
      }
    })();
    return () => {
      live = false;
    };
    // `thumbs` is read for what is done already; re-running on its change would loop.
  }, [docs, profile.id]);

  return (
    <section aria-labelledby="kept-title" className="kept">
      <h2 id="kept-title">{t('keptTitle')}</h2>
      <p className="muted">{t('keptIntro')}</p>
      <div className="button-row">
        <button type="button" className="button-primary" onClick={() => setAdding(true)}>
          {t('keptAdd')}
        </button>
      </div>
      <ErrorText error={error} />
      {!docs && !error && <Loading />}
      {docs?.length === 0 && <p className="muted">{t('keptNone')}</p>}
      {docs && docs.length > 0 && (
        <ul className="kept-grid" data-testid="kept-list">
          {docs.map((d) => {
            const first = d.files[0];
            const thumb = first?.thumbnail ? dataUrl('image/jpeg', first.thumbnail) : thumbs[d.id];
            const pages = d.files.reduce((n, f) => n + f.pageCount, 0);
            return (
              <li key={d.id}>
                <button type="button" className="kept-card" onClick={() => setOpen({ id: d.id })}>
                  <span className="kept-thumb" aria-hidden="true">
                    {thumb ? <img src={thumb} alt="" /> : <span className="kept-thumb-empty">{first ? t(`mt_${first.mediaType}`) : ''}</span>}
                  </span>
                  <span className="kept-card-text">
                    <span className="kept-card-title">{d.title}</span>
                    <span className="muted small">
                      {t(`dk_${d.kind}`)}
                      {d.date ? ` · ${i18n.date(d.date)}` : ''}
                    </span>
                    <span className="muted small">
                      {first ? t(`mt_${first.mediaType}`) : ''} · {t('keptPages', { count: pages })}
                      {d.files.length > 1 ? ` · ${t('keptFilesCount', { count: d.files.length })}` : ''}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {adding && (
        <AddDocument
          onDone={(added) => {
            setAdding(false);
            if (!added) return;
            bumpRevision();
            notify(t('keptSaved'));
            setOpen({ id: added.id });
          }}
        />
      )}
      {open && <DocumentViewer documentId={open.id} {...(open.start ? { start: open.start } : {})} onClose={() => setOpen(null)} />}
    </section>
  );
}
