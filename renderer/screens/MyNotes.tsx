// What the person writes themselves: upcoming appointments, questions for the next visit and
// notes. All of it is marked as entered by hand.
import { useState } from 'react';
import type { StoredEntry } from '../../main/records/model.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ManualEntryForm, type ManualKind } from '../components/ManualEntryForm.tsx';
import { ErrorText, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { EntryList } from './RecordList.tsx';
import { byDateDesc, useRecords } from './useRecords.ts';

const GROUPS: { kind: ManualKind; title: MessageKey }[] = [
  { kind: 'appointment', title: 'upcomingAppointments' },
  { kind: 'question', title: 'questionsForVisit' },
  { kind: 'note', title: 'notes' },
];

function appointmentOrder(a: StoredEntry, b: StoredEntry): number {
  return (a.details.plannedFor ?? a.start ?? '9999').localeCompare(b.details.plannedFor ?? b.start ?? '9999');
}

export function MyNotes() {
  const { t } = useI18n();
  const { entries, error } = useRecords(['appointment', 'question', 'note']);
  const [adding, setAdding] = useState<ManualKind | null>(null);
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t('myNotesTitle')}
      </h1>
      <ErrorText error={error} />
      {!entries && !error && <Loading />}
      {entries &&
        GROUPS.map((g) => {
          const list = entries.filter((e) => e.kind === g.kind).sort(g.kind === 'appointment' ? appointmentOrder : byDateDesc);
          return (
            <section key={g.kind} className="group">
              <div className="screen-head">
                <h2>{t(g.title)}</h2>
                <button type="button" onClick={() => setAdding(g.kind)}>
                  {t('addEntryTitle', { kind: t(`kind_${g.kind}`) })}
                </button>
              </div>
              {list.length ? <EntryList entries={list} /> : <p className="muted">{t('noRecordsOfKind')}</p>}
            </section>
          );
        })}
      {adding && (
        <Dialog title={t('addEntryTitle', { kind: t(`kind_${adding}`) })} onClose={() => setAdding(null)}>
          <ManualEntryForm kind={adding} onDone={() => setAdding(null)} />
        </Dialog>
      )}
    </section>
  );
}
