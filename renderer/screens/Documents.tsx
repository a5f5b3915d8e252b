// Every imported document with its sections. Section text is the narrative tree rendered
// through the allowlist in narrative/Narrative.tsx; no HTML from a file ever reaches the DOM.
import { useEffect, useState } from 'react';
import type { ContractError, SourceDocument, SourceSummary } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { Dialog } from '../components/Dialog.tsx';
import { LoadError } from '../components/FileProblem.tsx';
import { Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Narrative } from '../narrative/Narrative.tsx';
import { KeptDocuments } from '../documents/KeptDocuments.tsx';
import { useProfile, useSession } from '../session.ts';

export function Documents() {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const { revision } = useSession();
  const [docs, setDocs] = useState<SourceSummary[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [open, setOpen] = useState<SourceSummary | null>(null);
  useEffect(() => {
    void api.documents.list({ profileId: profile.id }).then((r) => (r.ok ? setDocs(r.value) : setError(r.error)));
  }, [profile.id, revision]);

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t('documentsTitle')}
      </h1>
      <KeptDocuments />
      <h2>{t('keptImportedTitle')}</h2>
      <LoadError error={error} />
      {!docs && !error && <Loading />}
      {docs?.length === 0 && <p className="muted">{t('noDocuments')}</p>}
      <ul className="entry-list">
        {docs?.map((d) => {
          const title = d.documentTitle ? i18n.title(d.documentTitle) : (d.fileName ?? t('untitledDocument'));
          return (
            <li key={d.id}>
              <button type="button" className="entry-row" onClick={() => setOpen(d)}>
                <span className="entry-date">{d.documentDate ? i18n.date(d.documentDate) : ''}</span>
                <span className="entry-main">
                  <span className="entry-title">{title}</span>
                  <span className="entry-status">{i18n.has(`fmt_${d.format}`) ? t(`fmt_${d.format}` as 'fmt_ccda') : d.format}</span>
                  <span className="entry-status">{t('documentEntries', { count: d.entryCount })}</span>
                </span>
                <span className="sources-line">{i18n.provider(d.provider)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {open && <DocumentView summary={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

function DocumentView({ summary, onClose }: { summary: SourceSummary; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const [doc, setDoc] = useState<SourceDocument | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  useEffect(() => {
    void api.documents.get({ profileId: profile.id, sourceId: summary.id }).then((r) => (r.ok ? setDoc(r.value) : setError(r.error)));
  }, [profile.id, summary.id]);
  return (
    <Dialog title={summary.documentTitle ? i18n.title(summary.documentTitle) : (summary.fileName ?? t('untitledDocument'))} onClose={onClose} wide>
      <LoadError error={error} />
      {!doc && !error && <Loading />}
      {doc && (
        <div className="document">
          <p className="muted">
            {i18n.provider(doc.provider)}
            {doc.documentDate ? ` — ${i18n.date(doc.documentDate)}` : ''}
            {doc.fileName ? ` — ${doc.fileName}` : ''}
          </p>
          {doc.statements.length > 0 && (
            <section className="doc-section">
              <h3>{t('statedInDocument')}</h3>
              <ul>
                {doc.statements.map((s, i) => {
                  const kind = t(`rk_${s.kind}` as 'rk_medications').toLowerCase();
                  const date = s.date ?? doc.documentDate;
                  return (
                    <li key={i}>
                      {date ? t('noneKnownAsOf', { kind, date: i18n.date(date) }) : t('noneKnown', { kind })}
                      {s.text ? ` (“${s.text}”)` : ''}
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
          {doc.sections.map((s, i) => (
            <section key={i} className="doc-section">
              <h3>{i18n.title(s.title)}</h3>
              <Narrative nodes={s.narrative} />
            </section>
          ))}
          {doc.attachments.length > 0 && (
            <section>
              <h3>{t('attachments')}</h3>
              <ul>
                {doc.attachments.map((a) => (
                  <li key={a.index}>
                    <AttachmentView sourceId={doc.id} attachment={a} />
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </Dialog>
  );
}

type AttachmentSummary = SourceDocument['attachments'][number];

/** An attachment of an unstructured document: text is shown as text, anything else is saved. */
function AttachmentView({ sourceId, attachment }: { sourceId: number; attachment: AttachmentSummary }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const [text, setText] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const title = attachment.title ?? attachment.mediaType;
  const target = { profileId: profile.id, sourceId, index: attachment.index };
  const show = async () => {
    const r = await api.documents.attachment(target);
    if (!r.ok) return setError(r.error);
    if (r.value.text === undefined) setNote(t('attachmentNotText'));
    else setText(r.value.text);
  };
  const save = async () => {
    const r = await api.documents.saveAttachment(target);
    if (!r.ok) return setError(r.error);
    if (r.value) setNote(t('attachmentSaved', { path: r.value.savedTo }));
  };
  return (
    <div className="attachment">
      <p>
        {title} ({attachment.mediaType}, {i18n.number(Math.max(1, Math.round(attachment.size / 1024)))} KB){' '}
        <button type="button" onClick={() => void show()} aria-label={t('attachmentShow', { title })}>
          {t('attachmentShowButton')}
        </button>{' '}
        <button type="button" onClick={() => void save()} aria-label={t('attachmentSave', { title })}>
          {t('attachmentSaveButton')}
        </button>
      </p>
      <LoadError error={error} />
      {note && <p role="status">{note}</p>}
      {text !== null && <pre className="attachment-text">{text}</pre>}
    </div>
  );
}
