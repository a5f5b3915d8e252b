// The emergency card on the visit-summary screen: who to call (kept with the profile), a
// one-page sheet or wallet cards, previewed in a sandboxed frame and saved as a PDF.
import { useEffect, useId, useState } from 'react';
import type { ContractError, EmergencyContact } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useProfile, useSession } from '../session.ts';
import { ErrorText, Loading } from './Status.tsx';

const MAX_CONTACTS = 5;
/** Digits and the punctuation people write in phone numbers; the contract checks it too. */
const PHONE = /^\+?[0-9 ().\-/]*[0-9][0-9 ().\-/]*(\s*(ext\.?|x)\s*[0-9]+)?$/i;

type Draft = { name: string; relation: string; phone: string };
const blank = (): Draft => ({ name: '', relation: '', phone: '' });

export function EmergencyCardPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const session = useSession();
  const headingId = useId();
  const [contacts, setContacts] = useState<Draft[] | null>(null);
  /** The first contact field that cannot be saved, and why (in the reader's language). */
  const [problem, setProblem] = useState<{ index: number; field: 'name' | 'phone'; text: string } | null>(null);
  const [layout, setLayout] = useState<'page' | 'wallet'>('page');
  const [paper, setPaper] = useState<'A4' | 'Letter'>(i18n.lang === 'es' ? 'A4' : 'Letter');
  const [html, setHtml] = useState<string | null>(null);
  const [busy, setBusy] = useState<'' | 'contacts' | 'preview' | 'pdf'>('');
  const [error, setError] = useState<ContractError | null>(null);
  const [done, setDone] = useState('');

  useEffect(() => {
    setContacts(null);
    setHtml(null);
    void api.card.contacts({ profileId: profile.id }).then((r) => {
      if (r.ok) setContacts(r.value.map((c) => ({ name: c.name, relation: c.relation ?? '', phone: c.phone })));
      else {
        setContacts([]);
        setError(r.error);
      }
    });
  }, [profile.id]);

  if (!contacts) return <Loading />;

  function change(index: number, field: keyof Draft, value: string) {
    setContacts((list) => list!.map((c, i) => (i === index ? { ...c, [field]: value } : c)));
    setDone('');
  }

  function check(list: Draft[]): typeof problem {
    for (const [i, c] of list.entries()) {
      const n = i + 1;
      if (!c.name.trim()) return { index: i, field: 'name', text: t('cardContactNameMissing', { n }) };
      if (!c.phone.trim()) return { index: i, field: 'phone', text: t('cardContactPhoneMissing', { n }) };
      if (!PHONE.test(c.phone.trim())) return { index: i, field: 'phone', text: t('cardContactPhoneInvalid', { n }) };
    }
    return null;
  }

  async function saveContacts(): Promise<boolean> {
    // Rows left wholly empty are dropped; the indexes in a problem count the rows kept.
    const list = contacts!.filter((c) => c.name.trim() || c.relation.trim() || c.phone.trim());
    const found = check(list);
    setProblem(found);
    if (found) {
      setContacts(list);
      document.getElementById(`${headingId}-${found.field}-${found.index}`)?.focus();
      return false;
    }
    setBusy('contacts');
    setError(null);
    const r = await api.card.setContacts({
      profileId: profile.id,
      contacts: list.map((c): EmergencyContact => ({ name: c.name.trim(), phone: c.phone.trim(), ...(c.relation.trim() ? { relation: c.relation.trim() } : {}) })),
    });
    setBusy('');
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    setContacts(r.value.map((c) => ({ name: c.name, relation: c.relation ?? '', phone: c.phone })));
    return true;
  }

  async function preview() {
    if (!(await saveContacts())) return;
    setBusy('preview');
    const r = await api.card.html({ profileId: profile.id, layout, paper, language: i18n.lang });
    setBusy('');
    if (r.ok) setHtml(r.value);
    else setError(r.error);
  }

  async function pdf() {
    if (!(await saveContacts())) return;
    setBusy('pdf');
    setDone('');
    const r = await api.card.pdf({ profileId: profile.id, layout, paper, language: i18n.lang });
    setBusy('');
    if (!r.ok) return setError(r.error);
    const msg = r.value ? t('savedTo', { path: r.value.savedTo }) : t('cancelled');
    setDone(msg);
    session.notify(msg);
  }

  return (
    <section aria-labelledby={headingId} className="emergency-card">
      <h2 id={headingId}>{t('cardTitle')}</h2>
      <p>{t('cardIntro')}</p>
      <div className="summary-layout">
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void preview();
          }}
        >
          <fieldset>
            <legend>{t('cardContacts')}</legend>
            {contacts.length === 0 && <p className="muted">{t('cardNoContacts')}</p>}
            {contacts.map((c, i) => (
              <fieldset key={i} className="contact-row">
                <legend>{t('cardContactN', { n: i + 1 })}</legend>
                <label>
                  {t('cardContactName')}
                  <input
                    id={`${headingId}-name-${i}`}
                    type="text"
                    autoComplete="off"
                    maxLength={200}
                    value={c.name}
                    aria-invalid={problem?.index === i && problem.field === 'name'}
                    aria-describedby={problem?.index === i && problem.field === 'name' ? `${headingId}-problem` : undefined}
                    onChange={(e) => change(i, 'name', e.target.value)}
                  />
                </label>
                <label>
                  {t('cardContactRelation')}
                  <input type="text" autoComplete="off" maxLength={100} value={c.relation} onChange={(e) => change(i, 'relation', e.target.value)} />
                </label>
                <label>
                  {t('cardContactPhone')}
                  <input
                    id={`${headingId}-phone-${i}`}
                    type="tel"
                    autoComplete="off"
                    maxLength={40}
                    value={c.phone}
                    aria-invalid={problem?.index === i && problem.field === 'phone'}
                    aria-describedby={problem?.index === i && problem.field === 'phone' ? `${headingId}-problem` : undefined}
                    onChange={(e) => change(i, 'phone', e.target.value)}
                  />
                </label>
                <button type="button" onClick={() => setContacts(contacts.filter((_, j) => j !== i))}>
                  {t('cardContactRemove', { n: i + 1 })}
                </button>
              </fieldset>
            ))}
            {problem && (
              <p className="error" role="alert" id={`${headingId}-problem`}>
                {problem.text}
              </p>
            )}
            {contacts.length < MAX_CONTACTS && (
              <button type="button" onClick={() => setContacts([...contacts, blank()])}>
                {t('cardContactAdd')}
              </button>
            )}
          </fieldset>
          <fieldset>
            <legend>{t('cardLayout')}</legend>
            <label className="check">
              <input type="radio" name="card-layout" checked={layout === 'page'} onChange={() => setLayout('page')} /> {t('cardLayoutPage')}
            </label>
            <label className="check">
              <input type="radio" name="card-layout" checked={layout === 'wallet'} onChange={() => setLayout('wallet')} /> {t('cardLayoutWallet')}
            </label>
          </fieldset>
          <label>
            {t('paper')}
            <select value={paper} onChange={(e) => setPaper(e.target.value as 'A4' | 'Letter')}>
              <option value="Letter">{t('paper_Letter')}</option>
              <option value="A4">{t('paper_A4')}</option>
            </select>
          </label>
          <div className="button-row">
            <button type="submit" disabled={busy !== ''}>
              {t('cardPreview')}
            </button>
            <button type="button" className="button-primary" disabled={busy !== ''} onClick={() => void pdf()}>
              {t('cardSavePdf')}
            </button>
          </div>
          <ErrorText error={error} />
          {done && (
            <p className="notice" role="status">
              {done}
            </p>
          )}
        </form>
        <div className="summary-preview">
          {busy === 'preview' && <Loading />}
          {html !== null && <iframe title={t('cardPreviewFrameTitle')} sandbox="" srcDoc={html} className="preview-frame" />}
        </div>
      </div>
    </section>
  );
}
