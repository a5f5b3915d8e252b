// One kept document: its pages (a PDF drawn page by page with PDF.js, a photo turned as its
// EXIF says), zoom, its details to edit, the entries it is linked to, a copy to save (without
// where a photo was taken unless asked), more files, and deleting it.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ContractError, KeptDocument, RecognitionProgress } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { Dialog } from '../components/Dialog.tsx';
import { kindLabel } from '../components/records.tsx';
import { ErrorText, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useProfile, useSession } from '../session.ts';
import { ACCEPTED_FILES } from './AddDocument.tsx';
import { AddResults } from './AddResults.tsx';
import { DocumentDetailsFields, type DetailsDraft } from './DetailsFields.tsx';
import { dataUrl } from './images.ts';
import type { PDFDocumentProxy } from './pdfjs.ts';
import './documents.css';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];

type Loaded = { position: number; page: number; mediaType: string; bytes: Uint8Array; pdf?: PDFDocumentProxy; url?: string };

export function DocumentViewer({ documentId, start, onClose }: { documentId: number; start?: { position: number; page: number }; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const session = useSession();
  const [doc, setDoc] = useState<KeptDocument | null>(null);
  const [error, setError] = useState<ContractError | string | null>(null);
  const [position, setPosition] = useState(start?.position ?? 0);
  const [page, setPage] = useState(start?.page ?? 1);
  const [zoom, setZoom] = useState(1);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [reload, setReload] = useState(0);
  const fileChoiceId = useId();

  useEffect(() => {
    void api.papers.get({ profileId: profile.id, documentId }).then((r) => (r.ok ? setDoc(r.value) : setError(r.error)));
  }, [profile.id, documentId, reload]);

  const file = doc?.files.find((f) => f.position === position);
  const drawnPage = file?.mediaType === 'image/heic' || file?.mediaType === 'image/tiff' ? page : 0;
  const docLoaded = doc !== null;

  useEffect(() => {
    if (!docLoaded) return;
    let live = true;
    let opened: PDFDocumentProxy | undefined;
    setLoaded(null);
    void (async () => {
      // A HEIC or TIFF is shown through the picture main drew of the page (the renderer cannot decode either).
      const r = drawnPage > 0 ? await api.papers.picture({ profileId: profile.id, documentId, position, page: drawnPage }) : await api.papers.file({ profileId: profile.id, documentId, position });
      if (!live) return;
      if (!r.ok) return setError(r.error);
      const { mediaType, bytes } = r.value;
      if (mediaType !== 'application/pdf') return setLoaded({ position, page: drawnPage, mediaType, bytes, url: dataUrl(mediaType, bytes) });
      try {
        const { openPdf } = await import('./pdfjs.ts');
        opened = await openPdf(bytes);
        if (live) setLoaded({ position, page: drawnPage, mediaType, bytes, pdf: opened });
      } catch {
        if (live) setError(t('keptCannotShow'));
      }
    })();
    return () => {
      live = false;
      void opened?.destroy();
    };
    // The page matters only for a drawn picture (drawnPage is 0 otherwise); a PDF turns its pages itself.
  }, [profile.id, documentId, position, drawnPage, docLoaded, t]);

  const pageCount = loaded?.pdf?.numPages ?? file?.pageCount ?? 1;
  const title = doc?.title ?? t('untitledDocument');
  return (
    <Dialog title={title} onClose={onClose} wide>
      <ErrorText error={error} />
      {!doc && !error && <Loading />}
      {doc && file && (
        <div className="kept-viewer">
          <p className="muted">
            {t(`dk_${doc.kind}`)}
            {doc.date ? ` — ${i18n.date(doc.date)}` : ''} — {doc.files.length > 1 ? `${t('keptFilesCount', { count: doc.files.length })} — ` : ''}
            {file.name}
          </p>
          <div className="kept-toolbar" role="toolbar" aria-label={title}>
            {doc.files.length > 1 && (
              <label className="inline-label" htmlFor={fileChoiceId}>
                {t('keptFileChoice')}
                <select
                  id={fileChoiceId}
                  value={position}
                  onChange={(e) => {
                    setPosition(Number(e.target.value));
                    setPage(1);
                  }}
                >
                  {doc.files.map((f, i) => (
                    <option key={f.position} value={f.position}>
                      {t('keptFileOption', { n: i + 1, name: f.name })}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {pageCount > 1 && (
              <span className="kept-pages">
                <button type="button" disabled={page <= 1} onClick={() => setPage((p) => Math.max(1, p - 1))}>
                  {t('keptPrevPage')}
                </button>
                <span role="status">{t('keptPage', { page, count: pageCount })}</span>
                <button type="button" disabled={page >= pageCount} onClick={() => setPage((p) => Math.min(pageCount, p + 1))}>
                  {t('keptNextPage')}
                </button>
              </span>
            )}
            <span className="kept-zoom">
              <button type="button" disabled={zoom <= ZOOMS[0]!} onClick={() => setZoom((z) => ZOOMS.filter((s) => s < z).pop() ?? z)} aria-label={t('keptZoomOut')}>
                −
              </button>
              <button type="button" onClick={() => setZoom(1)}>
                {t('keptZoomFit')}
              </button>
              <button type="button" disabled={zoom >= ZOOMS[ZOOMS.length - 1]!} onClick={() => setZoom((z) => ZOOMS.find((s) => s > z) ?? z)} aria-label={t('keptZoomIn')}>
                +
              </button>
              <span className="muted small" aria-live="polite">
                {t('keptZoomLevel', { percent: Math.round(zoom * 100) })}
              </span>
            </span>
          </div>
          {!loaded || loaded.position !== position || loaded.page !== drawnPage ? (
            <p className="muted" role="status">
              {t('keptRendering')}
            </p>
          ) : (
            <PageView loaded={loaded} page={Math.min(page, pageCount)} zoom={zoom} label={t('keptPageImage', { title, page: Math.min(page, pageCount) })} onFail={() => setError(t('keptCannotShow'))} />
          )}
          <AddResults doc={doc} onAdded={() => setReload((n) => n + 1)} />
          <DocumentDetails doc={doc} position={position} onChanged={() => { setReload((n) => n + 1); session.bumpRevision(); }} onDeleted={() => { session.bumpRevision(); session.notify(t('keptDeleted')); onClose(); }} />
        </div>
      )}
    </Dialog>
  );
}

function PageView({ loaded, page, zoom, label, onFail }: { loaded: Loaded; page: number; zoom: number; label: string; onFail: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(200, element.clientWidth - 16)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    if (!loaded.pdf || !canvas.current || width === 0) return;
    let live = true;
    void import('./pdfjs.ts').then(({ renderPage }) => renderPage(loaded.pdf!, page, canvas.current!, width, zoom)).catch(() => live && onFail());
    return () => {
      live = false;
    };
  }, [loaded, page, zoom, width, onFail]);
  return (
    // Focusable so the keyboard can scroll a zoomed page.
    <div ref={box} className="kept-page" tabIndex={0} role="region" aria-label={label}>
      {loaded.pdf ? <canvas ref={canvas} role="img" aria-label={label} /> : <img src={loaded.url} alt={label} style={{ width: `${zoom * 100}%` }} />}
    </div>
  );
}

/** Finding the words in the document's photos and scans, with progress and a way to stop. */
function Recognize({ documentId, label, onFinished }: { documentId: number; label: string; onFinished: () => void }) {
  const { t } = useI18n();
  const profile = useProfile();
  const [progress, setProgress] = useState<RecognitionProgress | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const hintId = useId();
  const running = progress !== null && !progress.finished;
  useEffect(() => {
    void api.papers.recognizeProgress({ profileId: profile.id, documentId }).then((r) => r.ok && setProgress(r.value));
  }, [profile.id, documentId]);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      void api.papers.recognizeProgress({ profileId: profile.id, documentId }).then((r) => {
        if (!r.ok || !r.value) return;
        setProgress(r.value);
        if (r.value.finished && !r.value.stoppedBecause) onFinished();
      });
    }, 400);
    return () => clearInterval(timer);
  }, [running, profile.id, documentId, onFinished]);
  const start = async () => {
    setError(null);
    const r = await api.papers.recognize({ profileId: profile.id, documentId });
    if (r.ok) setProgress(r.value);
    else setError(r.error);
  };
  const percent = Math.round((progress?.done ?? 0) * 100);
  return (
    <div className="kept-recognize">
      {!running && (
        <button type="button" onClick={() => void start()} aria-describedby={hintId}>
          {label}
        </button>
      )}
      {running && (
        <span className="kept-recognize-run">
          <progress max={100} value={percent} aria-label={t('keptRecognizing')} />
          {/* Not a live region: read when asked, not every few hundred milliseconds. */}
          <span>{t('keptRecognizeProgress', { percent })}</span>
          <button type="button" onClick={() => void api.papers.recognizeCancel({ profileId: profile.id, documentId }).then((r) => r.ok && r.value && setProgress(r.value))}>
            {t('keptRecognizeCancel')}
          </button>
        </span>
      )}
      <p className="muted small" id={hintId}>
        {t('keptRecognizeHint')}
      </p>
      {progress?.finished && (
        <p role="status">
          {progress.stoppedBecause === 'cancelled'
            ? t('keptRecognizeCancelled')
            : progress.stoppedBecause === 'locked'
              ? t('keptRecognizeLocked')
              : progress.stoppedBecause === 'error'
              ? t('keptRecognizeFailed')
              : progress.pagesWithWords
                ? t('keptRecognizeDone', { count: progress.pagesWithWords })
                : t('keptRecognizeNone')}
        </p>
      )}
      <ErrorText error={error} />
    </div>
  );
}

function DocumentDetails({ doc, position, onChanged, onDeleted }: { doc: KeptDocument; position: number; onChanged: () => void; onDeleted: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const session = useSession();
  const [draft, setDraft] = useState<DetailsDraft>({ title: doc.title, date: doc.date ?? '', kind: doc.kind, notes: doc.notes });
  const [error, setError] = useState<ContractError | string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [includeLocation, setIncludeLocation] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const file = doc.files.find((f) => f.position === position);
  const addInput = useRef<HTMLInputElement>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const r = await api.papers.update({ profileId: profile.id, documentId: doc.id, title: draft.title, date: draft.date.trim() || null, kind: draft.kind, notes: draft.notes });
    if (!r.ok) return setError(r.error);
    setNote(t('keptUpdated'));
    onChanged();
  };
  const unlink = async (entryId: number) => {
    const r = await api.papers.update({ profileId: profile.id, documentId: doc.id, entryIds: doc.linkedEntries.filter((e) => e.id !== entryId).map((e) => e.id) });
    if (!r.ok) return setError(r.error);
    onChanged();
  };
  const saveCopy = async () => {
    const r = await api.papers.saveCopy({ profileId: profile.id, documentId: doc.id, position, includeLocation });
    if (!r.ok) return setError(r.error);
    setNote(r.value ? t('savedTo', { path: r.value.savedTo }) : t('cancelled'));
  };
  const addFiles = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setError(null);
    setNote(t('keptAdding'));
    const files = await Promise.all([...list].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const r = await api.papers.addFiles({ profileId: profile.id, documentId: doc.id, files });
    setNote(null);
    if (!r.ok) return setError(r.error);
    onChanged();
  };
  const remove = async () => {
    const r = await api.papers.delete({ profileId: profile.id, documentId: doc.id });
    if (!r.ok) return setError(r.error);
    onDeleted();
  };

  const hasPictures = doc.files.some((f) => f.mediaType !== 'application/pdf');
  // PDF pages without text of their own (scans): the text-layer pages are those not recognised.
  const pdfPages = doc.files.filter((f) => f.mediaType === 'application/pdf').reduce((n, f) => n + f.pageCount, 0);
  const scannedPages = pdfPages - (doc.pagesWithText - doc.pagesRecognized);

  return (
    <section className="kept-details" aria-label={t('keptEdit')}>
      <p className="muted small">
        {doc.pagesWithText > doc.pagesRecognized ? `${t('keptTextPages', { count: doc.pagesWithText - doc.pagesRecognized })}.` : doc.pagesRecognized === 0 ? t('keptNoText') : ''}
        {doc.pagesRecognized > 0 ? ` ${t('keptRecognizedPages', { count: doc.pagesRecognized })}` : ''}
      </p>
      {(hasPictures || scannedPages > 0) && <Recognize documentId={doc.id} label={hasPictures ? t('keptRecognize') : t('keptRecognizeScan')} onFinished={onChanged} />}
      {file?.hasLocation && <p className="notice">{t('keptHasLocation')}</p>}
      <div className="button-row">
        <button type="button" onClick={() => void saveCopy()}>
          {t('keptSaveCopy')}
        </button>
        {file?.hasLocation && (
          <label className="inline-label">
            <input type="checkbox" checked={includeLocation} onChange={(e) => setIncludeLocation(e.target.checked)} />
            {t('keptIncludeLocation')}
          </label>
        )}
        <button type="button" onClick={() => addInput.current?.click()}>
          {t('keptAddFiles')}
        </button>
        <input
          ref={addInput}
          type="file"
          multiple
          accept={ACCEPTED_FILES}
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('keptAddFiles')}
          onChange={(e) => {
            void addFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      <ErrorText error={error} />
      {note && <p role="status">{note}</p>}
      <h3>{t('keptLinked')}</h3>
      {doc.linkedEntries.length === 0 ? (
        <p className="muted small">{t('keptNoLinks')}</p>
      ) : (
        <ul className="kept-links">
          {doc.linkedEntries.map((e) => (
            <li key={e.id}>
              <button type="button" className="button-quiet" onClick={() => session.openEntry(e.id)}>
                {kindLabel(i18n, e.kind as Parameters<typeof kindLabel>[1])}: {i18n.title(e.title)}
              </button>{' '}
              <button type="button" onClick={() => void unlink(e.id)} aria-label={t('keptUnlink', { title: i18n.title(e.title) })}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('keptEdit')}</h3>
      <form onSubmit={(e) => void save(e)}>
        <DocumentDetailsFields draft={draft} onChange={setDraft} titleRequired />
        <div className="button-row">
          <button type="submit" className="button-primary">
            {t('save')}
          </button>
          {doc.resultsAdded > 0 ? (
            <span className="muted small">{t('keptIsSource')}</span>
          ) : !confirming ? (
            <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
              {t('keptDelete')}
            </button>
          ) : (
            <span className="kept-confirm" role="group" aria-label={t('keptDelete')}>
              <span>{t('keptDeleteConfirm', { title: doc.title })}</span>
              <button type="button" className="button-danger" onClick={() => void remove()}>
                {t('deleteForever')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('cancel')}
              </button>
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
