// A reading (weight, blood pressure, glucose …) or a lab result typed in by the person. The
// measures and their units come from the one list (readable/measures.ts); main checks the unit
// against the measure again and stores the entry with the person as its source.
import { useId, useState, type FormEvent } from 'react';
import type { ContractError, InputOf } from '../../preload/contract.ts';
import type { StoredEntry } from '../../main/records/model.ts';
import { MEASURES, unitOfMeasure, type MeasureId } from '../../main/records/readable/measures.ts';
import { unitLabel } from '../../main/records/readable/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { DateField, formIsValid } from './DateField.tsx';
import { ErrorText } from './Status.tsx';
import { SaveCancel } from './FormButtons.tsx';
import { useSaveEntry } from './save-entry.ts';
import { typedNumber } from '../home-input.ts';

type Entry = InputOf<'records.save'>['entry'];
const OTHER = 'other';

const US_UNITS = ['[lb_av]', '[degF]', '[in_i]'];

/** A new reading starts in the reader's unit system (lb, °F and in in US units). */
function defaultUnit(measure: (typeof MEASURES)[number] | undefined, units: 'us' | 'metric'): string {
  if (!measure) return '';
  const us = units === 'us' ? measure.units.find((u) => US_UNITS.includes(u.ucum)) : undefined;
  return (us ?? measure.units[0]!).ucum;
}

function measureOfEntry(entry: StoredEntry | undefined): MeasureId | typeof OTHER {
  const code = entry?.codes[0]?.code;
  const found = MEASURES.find((m) => m.code.code === code || m.units.some((u) => u.code?.code === code));
  return found?.id ?? (entry ? OTHER : 'weight');
}

export function ReadingForm({ existing, onDone, initialKind = 'vital' }: { existing?: StoredEntry; onDone: (saved: boolean) => void; initialKind?: 'vital' | 'result' }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [measureId, setMeasureId] = useState<MeasureId | typeof OTHER>(existing ? measureOfEntry(existing) : initialKind === 'result' ? OTHER : 'weight');
  const measure = MEASURES.find((m) => m.id === measureId);
  const [title, setTitle] = useState(measure ? '' : (existing?.title ?? ''));
  const [value, setValue] = useState(existing?.value?.text ?? '');
  const [unit, setUnit] = useState(existing?.value?.unit ?? defaultUnit(measure, i18n.units));
  const [date, setDate] = useState(existing?.start?.slice(0, 10) ?? '');
  const [time, setTime] = useState(existing?.start?.slice(11, 16) ?? '');
  const [low, setLow] = useState(existing?.referenceRange?.low !== undefined ? String(existing.referenceRange.low) : '');
  const [high, setHigh] = useState(existing?.referenceRange?.high !== undefined ? String(existing.referenceRange.high) : '');
  const [comment, setComment] = useState(existing?.details.comment ?? '');
  const [error, setError] = useState<ContractError | string | null>(null);
  const { busy, save } = useSaveEntry(existing, onDone, setError);
  const timeHint = useId();
  const kind = measure?.kind ?? 'result';

  function chooseMeasure(id: string) {
    setMeasureId(id as MeasureId);
    const next = MEASURES.find((m) => m.id === id);
    setUnit(next ? (unitOfMeasure(next, unit)?.ucum ?? defaultUnit(next, i18n.units)) : '');
  }

  const numberProblem = (typed: ReturnType<typeof typedNumber>) =>
    typed === 'thousands' ? t('readingThousands') : typed === 'not-a-number' ? t(lang === 'es' ? 'readingNotNumberEs' : 'readingNotNumber') : null;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!formIsValid(e)) return;
    const typed = typedNumber(value, lang);
    if (typed === 'empty') return setError(t('readingNeedsValue'));
    if (typeof typed === 'string') return setError(numberProblem(typed));
    const bounds = [typedNumber(low, lang), typedNumber(high, lang)];
    for (const b of bounds) if (typeof b === 'string' && b !== 'empty') return setError(numberProblem(b));
    const [lo, hi] = bounds.map((b) => (typeof b === 'object' ? b.number : undefined));
    if (!date) return setError(t('readingNeedsDate'));
    const hhmm = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
    if (time.trim() && !hhmm) return setError(t('readingBadTime'));
    const clock = hhmm ? `${hhmm[1]!.padStart(2, '0')}:${hhmm[2]}` : '';
    const entry: Entry = {
      kind,
      title: measure ? measure.title : title.trim(),
      codes: measure ? [measure.code] : (existing?.codes ?? []),
      start: clock ? `${date}T${clock}` : date,
      value: { number: typed.number, text: typed.text, unit: unit.trim() },
      ...(lo !== undefined || hi !== undefined ? { referenceRange: { ...(lo !== undefined ? { low: lo } : {}), ...(hi !== undefined ? { high: hi } : {}), ...(unit.trim() ? { unit: unit.trim() } : {}) } } : {}),
      details: comment.trim() ? { comment: comment.trim() } : {},
    };
    await save(entry);
  }

  return (
    <form onSubmit={submit} className="stack manual-form reading-form" aria-label={existing ? t('readingEdit') : t('readingAdd')}>
      <label>
        {t('readingWhat')}
        <select value={measureId} onChange={(e) => chooseMeasure(e.target.value)} autoFocus>
          {MEASURES.map((m) => (
            <option key={m.id} value={m.id}>
              {t(`measure_${m.id}`)}
            </option>
          ))}
          <option value={OTHER}>{t('measure_other')}</option>
        </select>
      </label>
      {!measure && (
        <label>
          {t('readingTestName')}
          <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={500} />
        </label>
      )}
      <div className="field-row">
        <label>
          {t('readingValue')}
          <input type="text" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} required className="input-number" />
        </label>
        <label>
          {t('readingUnit')}
          {measure ? (
            <select value={unit} onChange={(e) => setUnit(e.target.value)}>
              {measure.units.map((u) => (
                <option key={u.ucum} value={u.ucum}>
                  {unitLabel(u.ucum) || u.ucum}
                </option>
              ))}
            </select>
          ) : (
            <input type="text" value={unit} onChange={(e) => setUnit(e.target.value)} maxLength={40} className="input-unit" />
          )}
        </label>
      </div>
      <div className="field-row">
        <DateField label={t('readingDate')} value={date} onChange={setDate} required />
        <div className="stack-tight">
          <label>
            {t('readingTime')}
            {/* A text field, not type=time: that follows the browser's locale (AM/PM on a Spanish screen). */}
            <input type="text" inputMode="numeric" value={time} onChange={(e) => setTime(e.target.value)} placeholder="hh:mm" aria-describedby={timeHint} className="input-number" />
          </label>
          <span className="muted small" id={timeHint}>
            {t('readingTimeHint')}
          </span>
        </div>
      </div>
      {kind === 'result' && (
        <fieldset className="field-row">
          <legend>{t('readingRange')}</legend>
          <label>
            {t('readingLow')}
            <input type="text" inputMode="decimal" value={low} onChange={(e) => setLow(e.target.value)} className="input-number" />
          </label>
          <label>
            {t('readingHigh')}
            <input type="text" inputMode="decimal" value={high} onChange={(e) => setHigh(e.target.value)} className="input-number" />
          </label>
        </fieldset>
      )}
      <label>
        {t('comment')}
        <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={10_000} />
      </label>
      <p className="muted small">{t('readingYourOwn')}</p>
      <ErrorText error={error} />
      <SaveCancel busy={busy} onCancel={() => onDone(false)} />
    </form>
  );
}
