// One list screen per kind: medications (current and past), problems (active and resolved),
// allergies, immunizations and vital signs. Kinds a person can enter by hand get an Add button.
import { useState } from 'react';
import type { EntryKind, StoredEntry } from '../../main/records/model.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ManualEntryForm, MANUAL_KINDS, type ManualKind } from '../components/ManualEntryForm.tsx';
import { EntryRow } from '../components/records.tsx';
import { ErrorText, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { byDateDesc, useRecords } from './useRecords.ts';

const TITLE: Partial<Record<EntryKind, MessageKey>> = {
  medication: 'navMedications',
  problem: 'navProblems',
  allergy: 'navAllergies',
  immunization: 'navImmunizations',
  vital: 'navVitals',
};
const CLOSED = new Set(['resolved', 'inactive', 'completed', 'stopped', 'cancelled', 'refused']);

function split(entries: StoredEntry[]): [StoredEntry[], StoredEntry[]] {
  const open: StoredEntry[] = [];
  const closed: StoredEntry[] = [];
  for (const e of entries) ((e.status && CLOSED.has(e.status.toLowerCase())) || e.end ? closed : open).push(e);
  return [open, closed];
}

export function RecordList({ kind }: { kind: EntryKind }) {
  const { t } = useI18n();
  const { entries, error } = useRecords([kind]);
  const [adding, setAdding] = useState(false);
  const manual = (MANUAL_KINDS as readonly string[]).includes(kind);
  const sorted = entries ? [...entries].sort(byDateDesc) : null;

  let body;
  if (!sorted) body = error ? null : <Loading />;
  else if (sorted.length === 0) body = <p className="muted">{t('noRecordsOfKind')}</p>;
  else if (kind === 'problem' || kind === 'medication') {
    const [open, closed] = split(sorted);
    body = (
      <>
        <Group title={kind === 'problem' ? t('activeProblems') : t('currentMedications')} entries={open} />
        <Group title={kind === 'problem' ? t('resolvedProblems') : t('pastMedications')} entries={closed} />
      </>
    );
  } else body = <EntryList entries={sorted} />;

  return (
    <section aria-labelledby="screen-title">
      <div className="screen-head">
        <h1 id="screen-title" tabIndex={-1}>
          {t(TITLE[kind] ?? 'navTimeline')}
        </h1>
        {manual && (
          <button type="button" className="button-primary" onClick={() => setAdding(true)}>
            {t('addEntryTitle', { kind: t(`kind_${kind}`) })}
          </button>
        )}
      </div>
      <ErrorText error={error} />
      {body}
      {adding && (
        <Dialog title={t('addEntryTitle', { kind: t(`kind_${kind}`) })} onClose={() => setAdding(false)}>
          <ManualEntryForm kind={kind as ManualKind} onDone={() => setAdding(false)} />
        </Dialog>
      )}
    </section>
  );
}

function Group({ title, entries }: { title: string; entries: StoredEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <section className="group">
      <h2>{title}</h2>
      <EntryList entries={entries} />
    </section>
  );
}

export function EntryList({ entries }: { entries: StoredEntry[] }) {
  return (
    <ul className="entry-list">
      {entries.map((e) => (
        <li key={e.id}>
          <EntryRow entry={e} />
        </li>
      ))}
    </ul>
  );
}
