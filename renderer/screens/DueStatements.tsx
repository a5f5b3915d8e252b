// The person's own statements on What's due: "Things that change the schedule" (conditions the
// record suggests, to confirm or decline, and conditions to add from CDC's list) and the choice
// of vaccine for a dose the record gave no usable CVX code for. Each is saved in the profile's
// file as the person's statement and can be taken back; the forecast is calculated again.
import { useEffect, useId, useState } from 'react';
import type { ContractError, ImmunizationChoices, ImmunizationProfileForecast, ProposedObservation, Result } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { dueChanged } from '../components/DueNotices.tsx';
import { ErrorText } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import { observationSource, observationTitle } from '../immunizations/observation-title.ts';
import { useProfile, useSession } from '../session.ts';

/** The conditions most people look for, offered first (CDC's codes). */
const COMMON_OBSERVATIONS = ['007', '009', '003', '246', '160', '186', '157', '004', '158', '014', '015', '016', '017', '027', '161', '066', '114', '032', '011', '010', '055'];

let choicesOnce: Promise<Result<ImmunizationChoices>> | null = null;
function loadChoices(): Promise<Result<ImmunizationChoices>> {
  choicesOnce ??= api.immunizations.choices({}).then((r) => {
    if (!r.ok) choicesOnce = null;
    return r;
  });
  return choicesOnce;
}

function useChoices(): ImmunizationChoices | null {
  const [choices, setChoices] = useState<ImmunizationChoices | null>(null);
  useEffect(() => {
    let live = true;
    void loadChoices().then((r) => {
      if (live && r.ok) setChoices(r.value);
    });
    return () => {
      live = false;
    };
  }, []);
  return choices;
}

/**
 * Moves focus to a heading once it is on the page: the button pressed goes away with the
 * statement it made, and keyboard users should land where the result of it is shown.
 */
function focusWhenShown(id: string, tries = 30): void {
  const heading = document.getElementById(id);
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  } else if (tries > 0) window.setTimeout(() => focusWhenShown(id, tries - 1), 50);
}

/** Saves one statement, then tells the screen to calculate again and says what happened. */
function useSave(onChanged: () => void, focusId: string) {
  const { notify } = useSession();
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (call: () => Promise<Result<null>>, done: string) => {
    setBusy(true);
    setError(null);
    const r = await call();
    setBusy(false);
    if (!r.ok) return setError(r.error);
    notify(done);
    onChanged();
    dueChanged();
    focusWhenShown(focusId);
  };
  return { save, error, busy };
}

export function ScheduleChanges({ result, onChanged }: { result: ImmunizationProfileForecast; onChanged: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const { save, error, busy } = useSave(onChanged, 'due-h-changes');
  const { confirmed, proposed, declined } = result.observations;
  const answer = (code: string, entryId: number | null, value: 'yes' | 'no' | null, done: string) =>
    void save(() => api.immunizations.observation({ profileId: profile.id, code, entryId, answer: value }), done);
  const from = (p: ProposedObservation) =>
    t('due_obs_from', { title: p.entryTitle, kind: t(`due_obs_kind_${p.entryKind}`), date: p.entryDate ? i18n.date(p.entryDate) : t('due_obs_noDate') });
  return (
    <section className="due-bucket due-changes" aria-labelledby="due-h-changes">
      <h2 id="due-h-changes">{t('due_changes')}</h2>
      <p className="muted">{t('due_changes_intro')}</p>
      <ErrorText error={error} />
      {proposed.length > 0 && (
        <>
          <h3>{t('due_obs_proposed', { count: proposed.length })}</h3>
          <ul className="due-list">
            {proposed.map((p) => (
              <li key={`${p.code}-${p.entryId}`} className="due-card due-proposal">
                <p>
                  <strong title={observationSource(i18n, p.code, p.title)}>{observationTitle(i18n, p.code, p.title)}</strong>
                </p>
                {/* Where the person decides on our translation, CDC's own words are on the card, not only on hover. */}
                {observationSource(i18n, p.code, p.title) !== undefined && <p className="muted due-cdc">{observationSource(i18n, p.code, p.title)}</p>}
                <p>{from(p)}</p>
                <p className="muted due-cdc">{t('due_obs_matched', { code: p.matched.code, text: p.matched.text })}</p>
                <div className="button-row">
                  <button type="button" className="button-primary" disabled={busy} onClick={() => answer(p.code, p.entryId, 'yes', t('due_obs_savedYes', { title: observationTitle(i18n, p.code, p.title) }))}>
                    {t('due_obs_yes')}
                  </button>
                  <button type="button" disabled={busy} onClick={() => answer(p.code, p.entryId, 'no', t('due_obs_savedNo'))}>
                    {t('due_obs_no')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('due_obs_used', { count: confirmed.length })}</h3>
      {confirmed.length === 0 ? (
        <p className="muted">{t('due_obs_none')}</p>
      ) : (
        <ul className="due-plain">
          {confirmed.map((c) => {
            return (
              <li key={`${c.code}-${c.entryId ?? 'own'}`}>
                <strong title={observationSource(i18n, c.code, c.title)}>{observationTitle(i18n, c.code, c.title)}</strong>
                {': '}
                {c.entryId === null ? t('due_obs_added') : t('due_obs_confirmedFrom', { title: c.entryTitle ?? '' })}{' '}
                <button type="button" className="small" disabled={busy} onClick={() => answer(c.code, c.entryId, null, t('due_obs_takenBack'))}>
                  {t('due_takeBack')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {declined.length > 0 && (
        <>
          <h3>{t('due_obs_declined', { count: declined.length })}</h3>
          <ul className="due-plain">
            {declined.map((d) => (
              <li key={`${d.code}-${d.entryId}`}>
                {t('due_obs_declinedItem', { title: d.entryTitle, observation: observationTitle(i18n, d.code, d.title) })}{' '}
                <button type="button" className="small" disabled={busy} onClick={() => answer(d.code, d.entryId, null, t('due_obs_takenBack'))}>
                  {t('due_takeBack')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <AddObservation
        busy={busy}
        taken={new Set(confirmed.map((c) => c.code))}
        onAdd={(code, title) => answer(code, null, 'yes', t('due_obs_savedYes', { title }))}
      />
    </section>
  );
}

function AddObservation({ busy, taken, onAdd }: { busy: boolean; taken: ReadonlySet<string>; onAdd: (code: string, title: string) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const choices = useChoices();
  const [code, setCode] = useState('');
  const id = useId();
  if (!choices) return null;
  const named = choices.observations.map((o) => ({ ...o, label: observationTitle(i18n, o.code, o.title), source: observationSource(i18n, o.code, o.title) }));
  const common = COMMON_OBSERVATIONS.map((c) => named.find((o) => o.code === c)).filter((o) => o !== undefined && !taken.has(o.code));
  const collator = new Intl.Collator(i18n.lang, { sensitivity: 'base', numeric: true });
  const all = named.filter((o) => !taken.has(o.code)).sort((a, b) => collator.compare(a.label, b.label));
  return (
    <form
      className="due-add"
      onSubmit={(e) => {
        e.preventDefault();
        const chosen = named.find((o) => o.code === code);
        if (chosen) onAdd(chosen.code, chosen.label);
        setCode('');
      }}
    >
      <label htmlFor={`${id}-obs`}>{t('due_obs_add')}</label>
      <select id={`${id}-obs`} value={code} onChange={(e) => setCode(e.target.value)}>
        <option value="">{t('due_obs_choose')}</option>
        <optgroup label={t('due_obs_common')}>
          {common.map((o) => (
            <option key={`c${o!.code}`} value={o!.code} title={o!.source}>
              {o!.label}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('due_obs_all', { count: all.length })}>
          {all.map((o) => (
            <option key={o.code} value={o.code} title={o.source}>
              {o.label}
            </option>
          ))}
        </optgroup>
      </select>
      <button type="submit" disabled={busy || code === ''}>
        {t('due_obs_addButton')}
      </button>
    </form>
  );
}

/** For a dose the record gave no usable CVX code for: choose the vaccine from CDC's list. */
export function ChooseVaccine({ entryId, title, onChanged }: { entryId: number; title: string; onChanged: () => void }) {
  const { t } = useI18n();
  const profile = useProfile();
  const choices = useChoices();
  const { save, error, busy } = useSave(onChanged, 'due-h-handchosen');
  const [cvx, setCvx] = useState('');
  const id = useId();
  if (!choices) return null;
  return (
    <form
      className="due-choose"
      onSubmit={(e) => {
        e.preventDefault();
        if (cvx === '') return;
        const name = choices.vaccines.find((v) => v.cvx === cvx)?.name ?? cvx;
        void save(() => api.immunizations.chooseVaccine({ profileId: profile.id, entryId, cvx }), t('due_vx_saved', { title, name }));
      }}
    >
      <label htmlFor={`${id}-vx`}>{t('due_vx_choose', { title })}</label>
      <select id={`${id}-vx`} value={cvx} onChange={(e) => setCvx(e.target.value)}>
        <option value="">{t('due_vx_pick')}</option>
        {choices.vaccines.map((v) => (
          <option key={v.cvx} value={v.cvx}>
            {v.name} (CVX {v.cvx})
          </option>
        ))}
      </select>
      <button type="submit" disabled={busy || cvx === ''}>
        {t('due_vx_save')}
      </button>
      <ErrorText error={error} />
    </form>
  );
}

export function HandChosen({ result, onChanged }: { result: ImmunizationProfileForecast; onChanged: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const { save, error, busy } = useSave(onChanged, 'due-h-notcounted');
  if (result.handChosen.length === 0) return null;
  return (
    <section className="due-bucket" aria-labelledby="due-h-handchosen">
      <h2 id="due-h-handchosen">{t('due_vx_chosen', { count: result.handChosen.length })}</h2>
      <ErrorText error={error} />
      <ul className="due-plain">
        {result.handChosen.map((h) => (
          <li key={h.entryId}>
            {t('due_vx_chosenItem', { title: h.title, date: h.date ? i18n.date(h.date) : t('due_obs_noDate'), name: h.name, cvx: h.cvx })}{' '}
            <button
              type="button"
              className="small"
              disabled={busy}
              onClick={() => void save(() => api.immunizations.chooseVaccine({ profileId: profile.id, entryId: h.entryId, cvx: null }), t('due_vx_takenBack', { title: h.title }))}
            >
              {t('due_takeBack')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
