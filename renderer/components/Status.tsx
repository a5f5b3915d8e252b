// Small shared pieces: an error sentence, a polite status line and a loading line.
import type { ContractError } from '../../preload/contract.ts';
import { useI18n } from '../i18n/index.tsx';

export function ErrorText({ error, id }: { error: ContractError | string | null | undefined; id?: string }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  return (
    <p className="error" role="alert" id={id}>
      {message}
    </p>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('loading')}
    </p>
  );
}
