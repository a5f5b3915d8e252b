// A modal dialog on the native <dialog> element: the browser traps focus and closes it on
// Escape; we move focus into it on open and give focus back to where it was on close.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';

export function Dialog({ title, onClose, children, wide = false }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { t } = useI18n();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const heading = dialog.querySelector<HTMLElement>('h2');
    heading?.focus();
    return () => {
      if (dialog.open) dialog.close();
      previous?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id={titleId} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="button-quiet" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
