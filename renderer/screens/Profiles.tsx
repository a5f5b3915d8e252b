// Profiles: the people whose records are kept here. Add, edit, switch, and delete with the
// name typed as confirmation.
import { useState, type FormEvent } from 'react';
import type { ContractError, Profile } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { DateField, formIsValid } from '../components/DateField.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { SaveCancel } from '../components/FormButtons.tsx';
import { ReceiveSharedDialog, ShareProfileDialog } from '../components/SharedProfile.tsx';
import { FileProblem } from '../components/FileProblem.tsx';
import { ProfileBadge } from '../components/ProfileBadge.tsx';
import { ErrorText } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.ts';

const COLOURS = ['#1f5fa8', '#2e7d4f', '#8a3ffc', '#b2452e', '#a05a00', '#00758f', '#c0337a', '#4d5b6a'];

export function ProfileForm({ existing, onDone }: { existing?: Profile; onDone: (p: Profile | null) => void }) {
  const { t } = useI18n();
  const { profiles } = useSession();
  const [name, setName] = useState(existing?.name ?? '');
  const [birthDate, setBirthDate] = useState(existing?.birthDate ?? '');
  const [sex, setSex] = useState(existing?.sex ?? '');
  const [colour, setColour] = useState(existing?.colour ?? COLOURS[profiles.length % COLOURS.length]!);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!formIsValid(e)) return;
    setBusy(true);
    const fields = { name, birthDate, colour, ...(sex ? { sex } : {}) };
    const r = existing ? await api.profiles.update({ profileId: existing.id, ...fields }) : await api.profiles.add(fields);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(r.value);
  }

  return (
    <form className="stack" onSubmit={submit}>
      <label>
        {t('profileName')}
        <input type="text" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </label>
      <DateField label={t('birthDate')} value={birthDate} onChange={setBirthDate} required />
      <label>
        {t('sex')}
        <select value={sex} onChange={(e) => setSex(e.target.value)}>
          <option value="">{t('sexNotSaid')}</option>
          <option value="female">{t('sexFemale')}</option>
          <option value="male">{t('sexMale')}</option>
          <option value="other">{t('sexOther')}</option>
        </select>
      </label>
      <fieldset className="colours">
        <legend>{t('colour')}</legend>
        {COLOURS.map((c) => (
          <label key={c} className="colour-choice">
            <input type="radio" name="colour" value={c} checked={colour === c} onChange={() => setColour(c)} />
            <span className="colour-swatch" style={{ backgroundColor: c }} aria-hidden="true" />
            <span className="visually-hidden">{c}</span>
          </label>
        ))}
      </fieldset>
      <ErrorText error={error} />
      <SaveCancel busy={busy} onCancel={existing ? () => onDone(null) : undefined} />
    </form>
  );
}

export function FirstProfile() {
  const { t } = useI18n();
  const session = useSession();
  return (
    <section aria-labelledby="first-profile-title">
      <h1 id="first-profile-title" tabIndex={-1}>
        {t('addFirstProfile')}
      </h1>
      <p>{t('addFirstProfileIntro')}</p>
      <ProfileForm onDone={(p) => p && void session.reloadProfiles(p.id)} />
    </section>
  );
}

export function ProfilesScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Profile | null>(null);
  const [deleting, setDeleting] = useState<Profile | null>(null);
  const [sharing, setSharing] = useState<Profile | null>(null);
  const [receiving, setReceiving] = useState(false);

  return (
    <section aria-labelledby="screen-title">
      <div className="screen-head">
        <h1 id="screen-title" tabIndex={-1}>
          {t('profiles')}
        </h1>
        <div className="button-row">
          <button type="button" onClick={() => setReceiving(true)}>
            {t('receiveOpen')}
          </button>
          <button type="button" className="button-primary" onClick={() => setAdding(true)}>
            {t('addProfile')}
          </button>
        </div>
      </div>
      <ul className="profile-list">
        {session.profiles.map((p) => {
          const current = p.id === session.profile?.id;
          return (
            <li key={p.id} className={current ? 'profile-card profile-current-card' : 'profile-card'} style={{ borderColor: p.colour }}>
              <ProfileBadge profile={p} size="large" />
              <div className="profile-card-text">
                <h2>{p.name}</h2>
                <p className="muted">{t('bornOn', { date: i18n.date(p.birthDate) })}</p>
              </div>
              {p.state !== 'ok' && (
                <div className="profile-card-problem">
                  <FileProblem profile={p} showRemove={false} />
                </div>
              )}
              <div className="button-row">
                {!current && (
                  <button type="button" className="button-primary" onClick={() => session.selectProfile(p.id)} aria-label={`${t('switchProfile')}: ${p.name}`}>
                    {t('switchProfile')}
                  </button>
                )}
                <button type="button" onClick={() => setEditing(p)} aria-label={`${t('rename')}: ${p.name}`}>
                  {t('rename')}
                </button>
                <button type="button" onClick={() => setSharing(p)} aria-label={`${t('shareButton')}: ${p.name}`}>
                  {t('shareButton')}
                </button>
                <button type="button" className="button-danger" onClick={() => setDeleting(p)} aria-label={`${t('deleteProfile')}: ${p.name}`}>
                  {t('deleteProfile')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {adding && (
        <Dialog title={t('addProfile')} onClose={() => setAdding(false)}>
          <ProfileForm
            onDone={(p) => {
              setAdding(false);
              if (p) {
                void session.reloadProfiles(p.id);
                session.notify(t('profileSaved'));
              }
            }}
          />
        </Dialog>
      )}
      {editing && (
        <Dialog title={`${t('rename')}: ${editing.name}`} onClose={() => setEditing(null)}>
          <ProfileForm
            existing={editing}
            onDone={(p) => {
              setEditing(null);
              if (p) {
                void session.reloadProfiles();
                session.notify(t('profileSaved'));
              }
            }}
          />
        </Dialog>
      )}
      {deleting && <DeleteProfile profile={deleting} onClose={() => setDeleting(null)} />}
      {sharing && <ShareProfileDialog profile={sharing} onClose={() => setSharing(null)} />}
      {receiving && <ReceiveSharedDialog onClose={() => setReceiving(false)} />}
    </section>
  );
}

function DeleteProfile({ profile, onClose }: { profile: Profile; onClose: () => void }) {
  const { t } = useI18n();
  const session = useSession();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const matches = typed.trim() === profile.name;
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!formIsValid(e)) return;
    if (!matches) return;
    const r = await api.profiles.delete({ profileId: profile.id, confirmName: typed.trim() });
    if (!r.ok) return setError(r.error);
    onClose();
    await session.reloadProfiles();
    session.notify(t('profileDeleted'));
  }
  return (
    <Dialog title={t('deleteProfileTitle', { name: profile.name })} onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        <p className="warning">{t('deleteProfileWarning', { name: profile.name })}</p>
        <label>
          {t('typeNameToConfirm', { name: profile.name })}
          <input type="text" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus />
        </label>
        <ErrorText error={error} />
        <div className="button-row">
          <button type="submit" className="button-danger" disabled={!matches}>
            {t('deleteForever')}
          </button>
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
