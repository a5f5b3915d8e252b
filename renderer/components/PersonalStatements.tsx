// What the person says about an imported entry, in the entry's details: "I no longer take
// this", "I still take this", "This is wrong", hide, and corrections of some fields. Each is
// the person's own dated statement, shown as theirs beside what the sources said, and can be
// withdrawn. Everything goes through statements.add / statements.withdraw.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ContractError } from '../../preload/contract.ts';
import type { CorrectableField, EntryKind, PersonalCorrection, PersonalKind, PersonalStatement, StoredEntry } from '../../main/records/model.ts';
import { correctableFieldsFor, correctedFields, personalKindsFor, personalView, sourceValue } from '../../main/records/readable/index.ts';
import { api } from '../api/client.ts';
import { useI18n, type I18n } from '../i18n/index.tsx';
import { localToday } from '../screens/useRecords.ts';
import { useProfile, useSession } from '../session.ts';
import { ErrorText } from './Status.tsx';

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATE_FIELDS: ReadonlySet<CorrectableField> = new Set(['start', 'end']);

/** The person's words for a statement about whether the item holds, for this kind of entry. */
export function personalWords(i18n: I18n, kind: PersonalKind, entryKind: EntryKind): string {
  const of = entryKind === 'medication' ? 'medication' : 'problem';
  if (kind === 'no-longer') return i18n.t(`own_noLonger_${of}`);
  if (kind === 'still') return i18n.t(`own_still_${of}`);
  if (kind === 'wrong') return i18n.t('own_wrong');
  if (kind === 'hidden') return i18n.t('own_tagHidden');
  return i18n.t('own_tagCorrected');
}

/** A field's value as the details show it elsewhere: dates and Chartkeeper's own frequencies in the reader's language. */
function shownValue(i18n: I18n, field: CorrectableField, value: string): string {
  if (!value) return value;
  if (DATE_FIELDS.has(field)) return i18n.date(value);
  if (field === 'asNeeded') return value === 'yes' ? i18n.t('own_asNeededYes') : value === 'no' ? i18n.t('own_asNeededNo') : value;
  return field === 'frequency' ? (i18n.frequency(value) ?? value) : value;
}

export function PersonalStatements({ entry, onChanged }: { entry: StoredEntry; onChanged: (entry: StoredEntry) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const session = useSession();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const view = personalView(entry);
  const allowed = personalKindsFor(entry.kind);

  async function done(result: Promise<{ ok: true; value: StoredEntry } | { ok: false; error: ContractError }>, message: string) {
    setBusy(true);
    const r = await result;
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setCorrecting(false);
    session.notify(message);
    onChanged(r.value);
    // The button pressed is gone now; keyboard focus goes back to the section's heading.
    headingRef.current?.focus();
  }
  const say = (kind: PersonalKind, extra: { correction?: PersonalCorrection; note?: string } = {}) =>
    void done(api.statements.add({ profileId: profile.id, entryId: entry.id, kind, date: localToday(), ...extra }), t('own_saved'));
  const withdraw = (s: PersonalStatement) => void done(api.statements.withdraw({ profileId: profile.id, statementId: s.id }), t('own_withdrawn'));

  const standing = view.standing;
  const said: { statement: PersonalStatement; text: string; words: string }[] = [];
  if (standing) {
    const words = personalWords(i18n, standing.kind, entry.kind);
    said.push({ statement: standing, words, text: standing.by ? t('own_saidOnBy', { by: standing.by, date: i18n.date(standing.date), words }) : t('own_saidOn', { date: i18n.date(standing.date), words }) });
  }
  if (view.hidden) said.push({ statement: view.hidden, words: t('own_tagHidden'), text: t('own_hiddenOn', { date: i18n.date(view.hidden.date) }) });
  const corrections = correctedFields(entry);

  return (
    <section className="personal" aria-labelledby={headingId} data-testid="personal-statements">
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('own_heading')}
      </h3>
      <p className="muted small">{t('own_intro')}</p>
      {(said.length > 0 || (view.correction && corrections.length > 0)) && (
        <ul className="personal-list" aria-label={t('own_statementsLabel')}>
          {said.map(({ statement, text, words }) => (
            <li key={statement.id} className="personal-statement">
              <span className="personal-text">
                <span className="tag tag-own">{text}</span>
                {statement.note && <span className="small"> {t('own_noteShown', { note: statement.note })}</span>}
                {(statement.kind === 'wrong' || statement.kind === 'hidden') && <span className="small muted personal-effect">{t('own_leftOut')}</span>}
              </span>
              <button type="button" disabled={busy} onClick={() => withdraw(statement)} aria-label={t('own_withdrawWhat', { words })}>
                {t('own_withdraw')}
              </button>
            </li>
          ))}
          {view.correction && corrections.length > 0 && (
            <li className="personal-statement">
              <span className="personal-text">
                <span className="tag tag-own">{t('own_correctedOn', { date: i18n.date(view.correction.date) })}</span>
                <ul className="corrections">
                  {corrections.map((c) => (
                    <li key={c.field}>
                      <strong>{t(`own_field_${c.field}`)}:</strong> {shownValue(i18n, c.field, c.yours)}{' '}
                      <span className="muted">({c.source ? t('own_sourceSays', { value: shownValue(i18n, c.field, c.source) }) : t('own_sourceSaysNothing')})</span>
                    </li>
                  ))}
                </ul>
                {view.correction.note && <span className="small">{t('own_noteShown', { note: view.correction.note })}</span>}
              </span>
              <button type="button" disabled={busy} onClick={() => withdraw(view.correction!)} aria-label={t('own_withdrawWhat', { words: t('own_tagCorrected') })}>
                {t('own_withdraw')}
              </button>
            </li>
          )}
        </ul>
      )}
      {correcting ? (
        <CorrectionForm entry={entry} busy={busy} onCancel={() => setCorrecting(false)} onSave={(correction, note) => say('correction', { correction, ...(note ? { note } : {}) })} />
      ) : (
        <div className="button-row" role="group" aria-label={t('own_actionsLabel')}>
          {(['no-longer', 'still', 'wrong'] as const)
            .filter((kind) => allowed.includes(kind) && standing?.kind !== kind)
            .map((kind) => (
              <button key={kind} type="button" disabled={busy} onClick={() => say(kind)}>
                {personalWords(i18n, kind, entry.kind)}
              </button>
            ))}
          {view.hidden ? (
            <button type="button" disabled={busy} onClick={() => withdraw(view.hidden!)}>
              {t('own_unhide')}
            </button>
          ) : (
            // "This is wrong" already keeps it out of view.
            standing?.kind !== 'wrong' && (
              <button type="button" disabled={busy} onClick={() => say('hidden')}>
                {t('own_hide')}
              </button>
            )
          )}
          <button type="button" disabled={busy} onClick={() => setCorrecting(true)}>
            {t('own_correct')}
          </button>
        </div>
      )}
      <ErrorText error={error} />
    </section>
  );
}

function CorrectionForm({ entry, busy, onSave, onCancel }: { entry: StoredEntry; busy: boolean; onSave: (c: PersonalCorrection, note: string) => void; onCancel: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const baseId = useId();
  const fields = correctableFieldsFor(entry.kind);
  // The hint on how to write a date goes under the last date field.
  const lastDateField = fields.filter((f) => DATE_FIELDS.has(f)).at(-1);
  const current = personalView(entry).correction;
  const [values, setValues] = useState<PersonalCorrection>(() => ({ ...(current?.correction ?? {}) }));
  const [note, setNote] = useState(current?.note ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const correction: PersonalCorrection = {};
    for (const field of fields) {
      const value = values[field]?.trim();
      if (!value) continue;
      if (DATE_FIELDS.has(field) && !PARTIAL_DATE.test(value)) return setProblem(t('own_badDate'));
      if (field === 'asNeeded') correction.asNeeded = value === 'no' ? 'no' : 'yes';
      else correction[field] = value;
    }
    if (Object.keys(correction).length === 0) return setProblem(t('own_nothingToCorrect'));
    setProblem(null);
    onSave(correction, note.trim());
  }

  return (
    <form className="correction-form" onSubmit={submit} aria-labelledby={`${baseId}-heading`}>
      <h4 id={`${baseId}-heading`}>{t('own_correctHeading')}</h4>
      <p className="muted small">{t('own_correctHelp')}</p>
      {fields.map((field) => {
        const id = `${baseId}-${field}`;
        const source = sourceValue(entry, field);
        return (
          <div key={field} className="field">
            <label htmlFor={id}>{t(`own_field_${field}`)}</label>
            {field === 'asNeeded' ? (
              <select
                id={id}
                value={values.asNeeded ?? ''}
                onChange={(e) => setValues((v) => ({ ...v, asNeeded: e.target.value === 'yes' || e.target.value === 'no' ? e.target.value : undefined }))}
                aria-describedby={`${id}-source`}
              >
                <option value="">{t('own_asNeededUnchanged')}</option>
                <option value="yes">{t('own_asNeededYes')}</option>
                <option value="no">{t('own_asNeededNo')}</option>
              </select>
            ) : (
            <input
              id={id}
              type="text"
              value={values[field] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
              aria-describedby={`${id}-source${DATE_FIELDS.has(field) ? ` ${baseId}-date-hint` : ''}`}
              {...(DATE_FIELDS.has(field) ? { inputMode: 'numeric' as const, placeholder: 'YYYY-MM-DD' } : {})}
            />
            )}
            <span id={`${id}-source`} className="muted small">
              {source ? t('own_sourceSays', { value: shownValue(i18n, field, source) }) : t('own_sourceSaysNothing')}
            </span>
            {field === lastDateField && (
              <span id={`${baseId}-date-hint`} className="muted small">
                {t('own_dateHint')}
              </span>
            )}
          </div>
        );
      })}
      <div className="field">
        <label htmlFor={`${baseId}-note`}>{t('own_note')}</label>
        <textarea id={`${baseId}-note`} value={note} maxLength={2000} rows={2} onChange={(e) => setNote(e.target.value)} />
      </div>
      <ErrorText error={problem} />
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('own_saveCorrection')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** Tags on a list row: "Corrected by you", "You said this is wrong", "Hidden by you". */
export function PersonalTags({ corrected, hiddenBy }: { corrected: boolean; hiddenBy?: PersonalKind | undefined }) {
  const { t } = useI18n();
  return (
    <>
      {corrected && <span className="tag tag-own">{t('own_tagCorrected')}</span>}
      {hiddenBy === 'wrong' && <span className="tag tag-own">{t('own_tagWrong')}</span>}
      {hiddenBy === 'hidden' && <span className="tag tag-own">{t('own_tagHidden')}</span>}
    </>
  );
}
