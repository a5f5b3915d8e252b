// Adding or editing an entry by hand. Each kind shows only the fields that make sense for it;
// the contract's manual entry schema checks everything again in main.
import { useState, type FormEvent } from 'react';
import type { ContractError, InputOf } from '../../preload/contract.ts';
import type { StoredEntry } from '../../main/records/model.ts';
import { dateLabels } from '../../main/records/readable/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { DateField, formIsValid } from './DateField.tsx';
import { ErrorText } from './Status.tsx';
import { SaveCancel } from './FormButtons.tsx';
import { useSaveEntry } from './save-entry.ts';

export const MANUAL_KINDS = ['medication', 'allergy', 'problem', 'immunization', 'note', 'appointment', 'question'] as const;
export type ManualKind = (typeof MANUAL_KINDS)[number];
type ManualEntry = InputOf<'records.save'>['entry'];

const STATUS_CHOICES: Partial<Record<ManualKind, string[]>> = {
  medication: ['active', 'stopped'],
  problem: ['active', 'resolved'],
  allergy: ['active', 'inactive'],
};

export function ManualEntryForm({ kind, existing, onDone }: { kind: ManualKind; existing?: StoredEntry; onDone: (saved: boolean) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const d = existing?.details ?? {};
  const [title, setTitle] = useState(existing?.title ?? '');
  const [status, setStatus] = useState(existing?.status ?? STATUS_CHOICES[kind]?.[0] ?? '');
  const [start, setStart] = useState(existing?.start ?? '');
  const [end, setEnd] = useState(existing?.end ?? '');
  const [dose, setDose] = useState(d.dose ?? '');
  const [frequency, setFrequency] = useState(d.frequency ?? '');
  const [instructions, setInstructions] = useState(d.instructions ?? '');
  const [asNeeded, setAsNeeded] = useState(d.asNeeded === true);
  const [asNeededFor, setAsNeededFor] = useState(d.asNeededFor ?? '');
  const [reactions, setReactions] = useState(d.reactions?.join(', ') ?? '');
  const [severity, setSeverity] = useState(d.severity ?? '');
  const [location, setLocation] = useState(d.location ?? '');
  const [plannedFor, setPlannedFor] = useState(d.plannedFor ?? '');
  const [comment, setComment] = useState(d.comment ?? '');
  const [forClinician, setForClinician] = useState(d.forClinician === true);
  const [error, setError] = useState<ContractError | null>(null);
  const { busy, save } = useSaveEntry(existing, onDone, setError);
  const kindName = t(`kind_${kind}`);
  // The words of the entry's details: "Given" for a vaccine, "Noted" and "Resolved" for a problem.
  const labels = dateLabels(kind);
  const titleLabel = kind === 'appointment' ? t('titleAppointment') : kind === 'question' ? t('titleQuestion') : kind === 'note' ? t('titleNote') : t('title');

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!formIsValid(e)) return;
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    const details: ManualEntry['details'] = {};
    if (kind === 'medication') {
      Object.assign(details, { dose: opt(dose), frequency: opt(frequency), instructions: opt(instructions) });
      // What for is kept only with "as needed": a reason alone would say it without the person saying so.
      if (asNeeded) Object.assign(details, { asNeeded: true, asNeededFor: opt(asNeededFor) });
    }
    if (kind === 'allergy') {
      const list = reactions.split(',').map((r) => r.trim()).filter(Boolean);
      Object.assign(details, { reactions: list.length ? list : undefined, severity: opt(severity) });
    }
    if (kind === 'appointment') Object.assign(details, { location: opt(location), plannedFor: opt(plannedFor) });
    if (kind === 'note' || kind === 'appointment' || kind === 'question') Object.assign(details, { comment: opt(comment) });
    if (kind === 'note' && forClinician) Object.assign(details, { forClinician: true });
    for (const k of Object.keys(details) as (keyof typeof details)[]) if (details[k] === undefined) delete details[k];
    const entry: ManualEntry = {
      kind,
      title: title.trim(),
      ...(opt(status) ? { status: opt(status) } : {}),
      ...(opt(start) ? { start: opt(start) } : {}),
      ...(opt(end) ? { end: opt(end) } : {}),
      codes: existing?.codes ?? [],
      details,
    };
    await save(entry);
  }

  const dateField = (label: string, value: string, set: (v: string) => void) => <DateField label={label} value={value} onChange={set} partial />;

  return (
    <form onSubmit={submit} className="stack manual-form" aria-label={existing ? t('editEntryTitle', { kind: kindName }) : t('addEntryTitle', { kind: kindName })}>
      <label>
        {titleLabel}
        <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} required autoFocus />
      </label>
      {STATUS_CHOICES[kind] && (
        <label>
          {t('status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            {STATUS_CHOICES[kind]!.map((s) => (
              <option key={s} value={s}>
                {i18n.has(`status_${s}`) ? t(`status_${s}` as 'status_active') : s}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'medication' && (
        <>
          <label>
            {t('dose')}
            <input type="text" value={dose} onChange={(e) => setDose(e.target.value)} />
          </label>
          <label>
            {t('frequency')}
            <input type="text" value={frequency} onChange={(e) => setFrequency(e.target.value)} />
          </label>
          <label>
            {t('instructions')}
            <input type="text" value={instructions} onChange={(e) => setInstructions(e.target.value)} />
          </label>
          <label className="check">
            <input type="checkbox" checked={asNeeded} onChange={(e) => setAsNeeded(e.target.checked)} /> {t('asNeededCheck')}
          </label>
          {asNeeded && (
            <label>
              {t('asNeededForLabel')}
              <input type="text" value={asNeededFor} onChange={(e) => setAsNeededFor(e.target.value)} />
            </label>
          )}
        </>
      )}
      {kind === 'allergy' && (
        <>
          <label>
            {t('reactions')}
            <input type="text" value={reactions} onChange={(e) => setReactions(e.target.value)} />
          </label>
          <label>
            {t('severity')}
            <input type="text" value={severity} onChange={(e) => setSeverity(e.target.value)} />
          </label>
        </>
      )}
      {kind === 'appointment' ? (
        <>
          {dateField(t('dateOfVisit'), plannedFor, setPlannedFor)}
          <label>
            {t('location')}
            <input type="text" value={location} onChange={(e) => setLocation(e.target.value)} />
          </label>
        </>
      ) : (
        kind !== 'question' && dateField(t(`dateLabel_${labels.start}`), start, setStart)
      )}
      {(kind === 'medication' || kind === 'problem') && dateField(t(`dateLabel_${labels.end}`), end, setEnd)}
      {(kind === 'note' || kind === 'appointment' || kind === 'question') && (
        <label>
          {t('comment')}
          <textarea rows={4} value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
      )}
      {kind === 'note' && (
        <label className="check">
          <input type="checkbox" checked={forClinician} onChange={(e) => setForClinician(e.target.checked)} /> {t('noteForClinician')}
        </label>
      )}
      <ErrorText error={error} />
      <SaveCancel busy={busy} onCancel={() => onDone(false)} />
    </form>
  );
}
