// Small shared pieces: an error sentence, a polite status line and a loading line.
import type { ContractError } from '../../preload/contract.ts';
import { useI18n, type I18n } from '../i18n/index.tsx';

/**
 * Main words its sentences in English. In another language a contract error is said by its kind
 * (the words are the screen's), so no English sentence reaches a Spanish reader; a string is
 * already in the reader's language.
 */
export function errorSentence(i18n: I18n, error: ContractError | string): string {
  if (typeof error === 'string') return error;
  if (i18n.lang === 'en') return error.message;
  const key = `errKind_${error.kind}`;
  return i18n.has(key) ? i18n.t(key) : i18n.t('errKind_other');
}

export function ErrorText({ error, id }: { error: ContractError | string | null | undefined; id?: string }) {
  const i18n = useI18n();
  if (!error) return null;
  const message = errorSentence(i18n, error);
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
