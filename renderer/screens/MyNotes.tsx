// What the person writes themselves: upcoming appointments, questions for the next visit and
// notes. All of it is marked as entered by hand.
import { useState } from 'react';
import type { StoredEntry } from '../../main/records/model.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ManualEntryForm, type ManualKind } from '../components/ManualEntryForm.tsx';
import { LoadError } from '../components/FileProblem.tsx';
import { Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { EntryList } from './RecordList.tsx';
import { byDateDesc, localToday, useRecords } from './useRecords.ts';

const GROUPS: { kind: ManualKind; title: MessageKey }[] = [
  { kind: 'appointment', title: 'upcomingAppointments' },
  { kind: 'question', title: 'questionsForVisit' },
  { kind: 'note', title: 'notes' },
];

function appointmentOrder(a: StoredEntry, b: StoredEntry): number {
  return (a.details.plannedFor ?? a.start ?? '9999').localeCompare(b.details.plannedFor ?? b.start ?? '9999');
}

/**
 * An appointment is upcoming unless its whole day is before today; one without a date stays
 * with the upcoming ones, since nothing says it is over.
 */
function isUpcoming(e: StoredEntry, today: string): boolean {
  const day = (e.details.plannedFor ?? e.start ?? '').slice(0, 10);
  return day === '' || day >= today.slice(0, day.length);
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
      <LoadError error={error} />
      {!entries && !error && <Loading />}
      {entries &&
        GROUPS.map((g) => {
          const all = entries.filter((e) => e.kind === g.kind).sort(g.kind === 'appointment' ? appointmentOrder : byDateDesc);
          const today = localToday();
          const list = g.kind === 'appointment' ? all.filter((e) => isUpcoming(e, today)) : all;
          const past = g.kind === 'appointment' ? all.filter((e) => !isUpcoming(e, today)).reverse() : [];
          return (
            <section key={g.kind} className="group">
              <div className="screen-head">
                <h2>{t(g.title)}</h2>
                <button type="button" onClick={() => setAdding(g.kind)}>
                  {t('addEntryTitle', { kind: t(`kind_${g.kind}`) })}
                </button>
              </div>
              {list.length ? <EntryList entries={list} /> : <p className="muted">{t('noRecordsOfKind')}</p>}
              {past.length > 0 && (
                <details className="past-appointments">
                  <summary>
                    {t('appointmentsPast')} ({past.length})
                  </summary>
                  <EntryList entries={past} />
                </details>
              )}
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
