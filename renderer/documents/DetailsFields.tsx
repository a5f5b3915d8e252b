// The fields a document's details are edited with (adding one, or later in the viewer).
import { useId } from 'react';
import { DOCUMENT_KINDS, type DocumentKind } from '../../main/documents/kinds.ts';
import { useI18n } from '../i18n/index.tsx';

export interface DetailsDraft {
  title: string;
  date: string;
  kind: DocumentKind;
  notes: string;
}

export function DocumentDetailsFields({ draft, onChange, titleRequired = false }: { draft: DetailsDraft; onChange: (next: DetailsDraft) => void; titleRequired?: boolean }) {
  const { t } = useI18n();
  const titleHint = useId();
  const dateHint = useId();
  const set = (patch: Partial<DetailsDraft>) => onChange({ ...draft, ...patch });
  return (
    <div className="kept-fields">
      <label>
        {t('keptTitleLabel')}
        <input value={draft.title} maxLength={300} required={titleRequired} aria-describedby={titleRequired ? undefined : titleHint} onChange={(e) => set({ title: e.target.value })} />
      </label>
      {!titleRequired && (
        <p className="muted small" id={titleHint}>
          {t('keptTitleHint')}
        </p>
      )}
      <div className="kept-row">
        <label>
          {t('keptDateLabel')}
          <input value={draft.date} inputMode="numeric" placeholder="2024-03-15" aria-describedby={dateHint} onChange={(e) => set({ date: e.target.value })} />
        </label>
        <label>
          {t('keptKindLabel')}
          <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as DocumentKind })}>
            {DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`dk_${k}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small" id={dateHint}>
        {t('keptDateHint')}
      </p>
      <label>
        {t('keptNotesLabel')}
        <textarea value={draft.notes} rows={3} maxLength={10_000} onChange={(e) => set({ notes: e.target.value })} />
      </label>
    </div>
  );
}
