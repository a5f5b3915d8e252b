// Another caregiver's copy of a profile: "Share" writes one profile under a passphrase chosen
// for the other person; "Add a shared profile" adds such a file as a new profile or merges it
// into a profile of the same person, and says what came in.
import { useState, type FormEvent } from 'react';
import type { ContractError, Profile, ShareReceiveReport } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorText } from './Status.tsx';

export function ShareProfileDialog({ profile, onClose }: { profile: Profile; onClose: () => void }) {
  const { t } = useI18n();
  const session = useSession();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [keeper, setKeeper] = useState('');
  const [problem, setProblem] = useState<ContractError | string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (passphrase !== again) return setProblem(t('passphraseMismatch'));
    setBusy(true);
    setProblem(null);
    const r = await api.share.create({ profileId: profile.id, passphrase, ...(keeper.trim() ? { keeper: keeper.trim() } : {}) });
    setBusy(false);
    if (!r.ok) return setProblem(r.error);
    session.notify(r.value ? t('shareSaved', { path: r.value.savedTo }) : t('cancelled'));
    onClose();
  }
  return (
    <Dialog title={t('shareTitle', { name: profile.name })} onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        <p>{t('shareIntro')}</p>
        <label>
          {t('sharePassphrase')}
          <input type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required />
        </label>
        <label>
          {t('passphraseAgain')}
          <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required />
        </label>
        <label>
          {t('shareKeeper')}
          <input type="text" autoComplete="off" maxLength={200} value={keeper} onChange={(e) => setKeeper(e.target.value)} />
        </label>
        <ErrorText error={problem} />
        <div className="button-row">
          <button type="submit" className="button-primary" disabled={busy}>
            {t('shareSave')}
          </button>
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Refusals said in the reader's language; other sentences come from main as they are. */
const KNOWN: Partial<Record<ContractError['kind'], MessageKey>> = {
  'identity-mismatch': 'receiveMismatch',
  'wrong-passphrase': 'receiveWrongPassphrase',
};

export function ReceiveSharedDialog({ onClose }: { onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [chosen, setChosen] = useState<{ token: string; name: string } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [into, setInto] = useState<string>('');
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ShareReceiveReport | null>(null);

  async function choose() {
    setError(null);
    const r = await api.dialog.openFiles({ purpose: 'share' });
    if (!r.ok) return setError(r.error);
    setChosen(r.value[0] ?? null);
  }
  async function receive(force: boolean) {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    const r = await api.share.receive({ file: { token: chosen.token }, passphrase, ...(into ? { intoProfileId: into } : {}), force });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setReport(r.value);
  }
  // Reloading the profiles re-renders the screen behind, so it waits until the report is read.
  async function finish() {
    if (report) await session.reloadProfiles(report.profile.id);
    onClose();
  }

  if (report) {
    const files = report.files.filter((f) => !f.error && !f.alreadyImported).length;
    const already = report.files.filter((f) => f.alreadyImported).length;
    const failed = report.files.filter((f) => f.error);
    return (
      <Dialog title={t('receiveDone')} onClose={() => void finish()}>
        <div className="stack" role="status">
          {report.created ? (
            <p>{t('receiveCreated', { name: report.profile.name })}</p>
          ) : (
            <>
              <p>{t('receiveMerged', { name: report.profile.name })}</p>
              <ul>
                <li>{t('receiveFiles', { n: files, already })}</li>
                <li>{t('receiveHand', { n: report.handEntries.added, already: report.handEntries.alreadyThere })}</li>
                {report.merges.carried + report.merges.alreadyThere + report.merges.keptApart > 0 && (
                  <li>{t('receiveMerges', { n: report.merges.carried, already: report.merges.alreadyThere, apart: report.merges.keptApart })}</li>
                )}
                {report.contacts.added > 0 && <li>{t('receiveContacts', { n: report.contacts.added })}</li>}
              </ul>
              {report.contacts.notAdded.length > 0 && (
                <p className="warning">{t('receiveContactsNoRoom', { names: report.contacts.notAdded.map((c) => `${c.name} (${c.phone})`).join(', ') })}</p>
              )}
              {failed.map((f) => (
                <p key={f.file} className="error">
                  {f.file}: {f.error}
                </p>
              ))}
            </>
          )}
          <div className="button-row">
            <button type="button" className="button-primary" onClick={() => void finish()}>
              {t('close')}
            </button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('receiveTitle')} onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void receive(false);
        }}
      >
        <p>{t('receiveIntro')}</p>
        <div className="button-row">
          <button type="button" onClick={() => void choose()}>
            {t('receiveChoose')}
          </button>
          {chosen && <span>{t('receiveChosen', { name: chosen.name })}</span>}
        </div>
        <label>
          {t('receivePassphrase')}
          <input type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required />
        </label>
        <fieldset>
          <legend>{t('receiveWhere')}</legend>
          <label className="check">
            <input type="radio" name="receive-into" checked={into === ''} onChange={() => setInto('')} /> {t('receiveAsNew')}
          </label>
          {session.profiles.map((p) => (
            <label key={p.id} className="check">
              <input type="radio" name="receive-into" checked={into === p.id} onChange={() => setInto(p.id)} />{' '}
              {t('receiveInto', { name: p.name, date: i18n.date(p.birthDate) })}
            </label>
          ))}
        </fieldset>
        <ErrorText error={error && (KNOWN[error.kind] ? t(KNOWN[error.kind]!) : error)} />
        <div className="button-row">
          <button type="submit" className="button-primary" disabled={busy || !chosen}>
            {t('receiveButton')}
          </button>
          {error?.kind === 'identity-mismatch' && (
            <button type="button" className="button-danger" disabled={busy} onClick={() => void receive(true)}>
              {t('receiveAnyway')}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
