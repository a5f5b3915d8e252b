// The Save / Cancel row every form ends with: Save says it is saving while the request runs.
import { useI18n } from '../i18n/index.tsx';

export function SaveCancel({ busy, onCancel }: { busy: boolean; onCancel?: (() => void) | undefined }) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? t('saving') : t('save')}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      )}
    </div>
  );
}
