// Adding a document: one or more files (PDF, JPEG, PNG) with a title, a date, a kind and notes,
// optionally linked to the entry it was opened from ("Attach a document"). Main checks every
// file before anything is kept; a refusal is its sentence, and nothing is kept.
import { useId, useState, type FormEvent } from 'react';
import type { ContractError, KeptDocument } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorText } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useProfile } from '../session.ts';
import { DocumentDetailsFields, type DetailsDraft } from './DetailsFields.tsx';

export const ACCEPTED_FILES = '.pdf,.jpg,.jpeg,.png,.heic,.heif,.tif,.tiff,application/pdf,image/jpeg,image/png,image/heic,image/heif,image/tiff';

export function AddDocument({ entryId, onDone }: { entryId?: number; onDone: (added: KeptDocument | null) => void }) {
  const { t } = useI18n();
  const profile = useProfile();
  const filesId = useId();
  const hintId = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [draft, setDraft] = useState<DetailsDraft>({ title: '', date: '', kind: 'other', notes: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (files.length === 0) return setError(t('keptChooseFiles'));
    setBusy(true);
    setError(null);
    const inputs = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const r = await api.papers.add({
      profileId: profile.id,
      files: inputs,
      ...(draft.title.trim() ? { title: draft.title.trim() } : {}),
      ...(draft.date.trim() ? { date: draft.date.trim() } : {}),
      kind: draft.kind,
      notes: draft.notes,
      ...(entryId !== undefined ? { entryIds: [entryId] } : {}),
      // The words in its pictures and scanned pages are looked for at once, off the window's thread.
      recognise: true,
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(r.value);
  }

  return (
    <Dialog title={entryId !== undefined ? t('keptAttach') : t('keptAdd')} onClose={() => onDone(null)}>
      <form onSubmit={(e) => void submit(e)} className="kept-form">
        <label htmlFor={filesId}>{t('keptChooseFiles')}</label>
        <input
          id={filesId}
          type="file"
          multiple
          accept={ACCEPTED_FILES}
          aria-describedby={hintId}
          data-testid="kept-file-input"
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
        />
        <p className="muted small" id={hintId}>
          {files.length > 0 ? t('keptChosen', { count: files.length, names: files.map((f) => f.name).join(', ') }) : t('keptFilesHint')}
        </p>
        <DocumentDetailsFields draft={draft} onChange={setDraft} />
        <ErrorText error={error} />
        {busy && (
          <p className="muted" role="status">
            {t('keptAdding')}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button-primary" disabled={busy}>
            {t('save')}
          </button>
          <button type="button" onClick={() => onDone(null)}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
