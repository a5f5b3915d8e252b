// Pages of kept documents that hold the searched words, shown above the matching entries;
// each opens the document at that page.
import { useEffect, useState } from 'react';
import type { KeptDocumentHit } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useProfile } from '../session.ts';
import { DocumentViewer } from './DocumentViewer.tsx';
import './documents.css';

/** «word» marks a match in the snippet main made. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/([«»])/);
  let inMatch = false;
  return (
    <>
      {parts.map((part, i) => {
        if (part === '«' || part === '»') {
          inMatch = part === '«';
          return null;
        }
        return inMatch ? <mark key={i}>{part}</mark> : <span key={i}>{part}</span>;
      })}
    </>
  );
}

export function KeptSearchHits({ text, onCount }: { text: string; onCount: (count: number) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const [hits, setHits] = useState<KeptDocumentHit[]>([]);
  const [open, setOpen] = useState<KeptDocumentHit | null>(null);
  useEffect(() => {
    let live = true;
    if (!text) {
      setHits([]);
      onCount(0);
      return;
    }
    void api.papers.search({ profileId: profile.id, text, limit: 50 }).then((r) => {
      if (!live) return;
      const found = r.ok ? r.value : [];
      setHits(found);
      onCount(found.length);
    });
    return () => {
      live = false;
    };
  }, [text, profile.id, onCount]);
  if (hits.length === 0) return null;
  return (
    <section className="kept-hits" aria-labelledby="kept-hits-title" data-testid="kept-hits">
      <h2 id="kept-hits-title">{t('keptSearchHits')}</h2>
      <ul>
        {hits.map((h) => (
          <li key={`${h.documentId}-${h.position}-${h.page}`}>
            <button type="button" className="kept-hit" onClick={() => setOpen(h)}>
              <span className="kept-hit-head">
                <strong>{h.title}</strong>
                <span className="muted small">
                  {' '}
                  · {t(`dk_${h.kind}`)}
                  {h.date ? ` · ${i18n.date(h.date)}` : ''} · {t('keptHitPage', { page: h.page })}
                  {h.recognized ? ` · ${t('keptRecognizedHit')}` : ''}
                </span>
              </span>
              <span className="kept-snippet">
                <Snippet text={h.snippet} />
              </span>
            </button>
          </li>
        ))}
      </ul>
      {open && <DocumentViewer documentId={open.documentId} start={{ position: open.position, page: open.page }} onClose={() => setOpen(null)} />}
    </section>
  );
}
