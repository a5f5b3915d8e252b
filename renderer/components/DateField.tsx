// The one date field of the app (birth dates, manual entries, filters, the import's questions).
// A text field in the order of the app's language, with the pattern written beside it, instead
// of <input type=date>, which follows the browser's locale and shows mm/dd/yyyy to a Spanish
// reader. A wrong date is said in one sentence of the reader's language under the field, and it
// stops the form's submission (the field's custom validity, whose bubble is replaced by that
// sentence). ISO typed or pasted (2024-03-25) is understood in every language.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n, type I18n } from '../i18n/index.tsx';
import { dateOrder, datePattern, formatDateInput, parseDateInput, type DateOrder, type DateParse } from '../i18n/date-input.ts';

const EXAMPLE = '2024-03-25';

export function dateWords(i18n: I18n): { order: DateOrder; pattern: string; example: string; monthPattern: string } {
  const order = dateOrder(i18n.locale);
  const letters = { day: i18n.t('dateLetterDay'), month: i18n.t('dateLetterMonth'), year: i18n.t('dateLetterYear') };
  const pattern = datePattern(order, letters);
  const monthPattern = order === 'ymd' ? `${letters.year.repeat(4)}-${letters.month.repeat(2)}` : `${letters.month.repeat(2)}/${letters.year.repeat(4)}`;
  return { order, pattern, example: formatDateInput(EXAMPLE, order), monthPattern };
}

/** The sentence for a date that cannot be used, or '' when it can. */
export function dateProblemSentence(i18n: I18n, parsed: DateParse, text: string): string {
  if (parsed.ok) return '';
  const { pattern, example } = dateWords(i18n);
  const vars = { pattern, example, text: text.trim() };
  if (parsed.problem === 'no-such-day') return i18n.t('dateErrorNoSuchDay', vars);
  if (parsed.problem === 'need-day') return i18n.t('dateErrorNeedDay', vars);
  if (parsed.problem === 'year-digits') return i18n.t('dateErrorYearDigits', vars);
  return i18n.t('dateErrorFormat', vars);
}

/**
 * Call first in a form's submit handler: a browser may submit without checking the fields
 * (headless Chromium does), and checkValidity() makes every wrong date field say why.
 */
export function formIsValid(e: FormEvent<HTMLFormElement>): boolean {
  return e.currentTarget.checkValidity();
}

export interface DateFieldProps {
  label: ReactNode;
  /** ISO: YYYY-MM-DD, or YYYY-MM / YYYY when `partial`; '' for none. */
  value: string;
  /** Called with the ISO value whenever the text is a usable date (or empty); never with a wrong one. */
  onChange: (iso: string) => void;
  /** A month and year, or a year alone, are dates too (manual entries). */
  partial?: boolean;
  required?: boolean;
  className?: string;
  testId?: string;
}

export function DateField({ label, value, onChange, partial = false, required = false, className, testId }: DateFieldProps) {
  const i18n = useI18n();
  const { order, pattern, example, monthPattern } = dateWords(i18n);
  const hintId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => formatDateInput(value, order));
  const [shown, setShown] = useState(false);

  // A value set from outside (a reset, a language change) is written in the field's order,
  // unless the text already means it (the person is typing it).
  useEffect(() => {
    setText((current) => {
      const parsed = parseDateInput(current, order, { partial });
      return parsed.ok && parsed.value === value ? current : formatDateInput(value, order);
    });
  }, [value, order, partial]);

  const parsed = parseDateInput(text, order, { partial });
  const missing = required && text.trim() === '';
  const problem = missing ? i18n.t('dateErrorRequired', { pattern, example }) : dateProblemSentence(i18n, parsed, text);

  useEffect(() => {
    input.current?.setCustomValidity(problem);
  }, [problem]);

  useEffect(() => {
    const field = input.current;
    if (!field) return;
    // The form was submitted with this field wrong: our sentence instead of the browser's bubble,
    // and the first wrong field gets the focus.
    const onInvalid = (e: Event) => {
      e.preventDefault();
      setShown(true);
      const first = field.form?.querySelector('input:invalid, select:invalid, textarea:invalid');
      if (!first || first === field) setTimeout(() => field.focus(), 0);
    };
    field.addEventListener('invalid', onInvalid);
    return () => field.removeEventListener('invalid', onInvalid);
  }, []);

  const hint = partial ? i18n.t('dateHintPartial', { pattern, example, monthPattern }) : i18n.t('dateHintFull', { pattern, example });
  const showError = shown && problem !== '';
  return (
    <div className={className ? `date-field ${className}` : 'date-field'}>
      <label>
        {label}
        <input
          ref={input}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={pattern}
          value={text}
          required={required}
          aria-invalid={showError || undefined}
          aria-describedby={showError ? `${errorId} ${hintId}` : hintId}
          data-testid={testId}
          onChange={(e) => {
            const next = e.target.value;
            setText(next);
            const p = parseDateInput(next, order, { partial });
            if (p.ok) {
              setShown(false);
              if (p.value !== value) onChange(p.value);
            }
          }}
          onBlur={(e) => {
            // Leaving for the form's submit button: the submission says it (see the invalid
            // listener); a sentence appearing now would move the button from under the pointer.
            const next = e.relatedTarget;
            const submitting = next instanceof HTMLButtonElement && next.type === 'submit' && next.form === e.currentTarget.form;
            if (!submitting) setShown(true);
            if (parsed.ok && parsed.value) setText(formatDateInput(parsed.value, order));
          }}
        />
      </label>
      <span id={hintId} className="muted small date-hint">
        {hint}
      </span>
      {showError && (
        <p className="error" role="alert" id={errorId}>
          {problem}
        </p>
      )}
    </div>
  );
}
