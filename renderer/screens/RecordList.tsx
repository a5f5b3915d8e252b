// One list screen per kind: medications (current and past), problems (active and resolved),
// allergies, immunizations and vital signs. Kinds a person can enter by hand get an Add button.
import { useEffect, useState } from 'react';
import type { EntryKind, StoredEntry } from '../../main/records/model.ts';
import { splitByCurrent, type CurrentKind, type CurrentReading } from '../../main/records/current.ts';
import { isHiddenByPerson } from '../../main/records/readable/personal.ts';
import { noneKnownToShow, type NoneKnownListKind, type SourceNoneKnown } from '../../main/records/readable/left-out.ts';
import { api } from '../api/client.ts';
import { useProfile, useSession } from '../session.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ManualEntryForm, MANUAL_KINDS, type ManualKind } from '../components/ManualEntryForm.tsx';
import { EntryRow, NoneKnownLine } from '../components/records.tsx';
import { LoadError } from '../components/FileProblem.tsx';
import { Loading } from '../components/Status.tsx';
import { groupStored, StoredGroup } from '../components/Groups.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { byDateDesc, localToday, useRecords } from './useRecords.ts';

const TITLE: Partial<Record<EntryKind, MessageKey>> = {
  medication: 'navMedications',
  problem: 'navProblems',
  allergy: 'navAllergies',
  immunization: 'navImmunizations',
  vital: 'navVitals',
};
const GROUP_TITLES: Record<CurrentKind, [MessageKey, MessageKey]> = {
  medication: ['currentMedications', 'pastMedications'],
  problem: ['activeProblems', 'resolvedProblems'],
  allergy: ['currentAllergies', 'pastAllergies'],
};
const LIST_KIND: Record<CurrentKind, NoneKnownListKind> = { medication: 'medications', problem: 'problems', allergy: 'allergies' };

export function RecordList({ kind }: { kind: EntryKind }) {
  const { t } = useI18n();
  const { entries, error } = useRecords([kind]);
  const [adding, setAdding] = useState(false);
  const [showHidden, setShowHidden] = useState(false);
  const manual = (MANUAL_KINDS as readonly string[]).includes(kind);
  const sorted = entries ? [...entries].sort(byDateDesc) : null;
  // What the person hid or said is wrong is in no list but its own, shown on request.
  const hidden = sorted?.filter(isHiddenByPerson) ?? [];

  const currentKind = kind === 'problem' || kind === 'medication' || kind === 'allergy' ? kind : undefined;
  // The one rule of what is current (main/records/current.ts), as the visit summary uses it.
  const split = sorted && currentKind ? splitByCurrent(sorted, localToday()) : undefined;
  const noneCurrent = split !== undefined && split.current.length === 0 && split.unconfirmed.length === 0;

  let body;
  if (!sorted) body = error ? null : <Loading />;
  else if (sorted.length === 0) body = <p className="muted">{t('noRecordsOfKind')}</p>;
  else if (split && currentKind) {
    const { current, unconfirmed } = split;
    const [currentTitle, pastTitle] = GROUP_TITLES[currentKind];
    // An order not to give a medicine (FHIR doNotPerform) was never taken: not among past medicines.
    const prohibited = split.past.filter(({ entry }) => entry.details.doNotPerform);
    const past = split.past.filter(({ entry }) => !entry.details.doNotPerform);
    // An allergy stays with the others however long ago it was confirmed (each says so).
    body =
      kind === 'allergy' ? (
        <>
          <Group title={t(currentTitle)} items={[...current, ...unconfirmed].sort((a, b) => byDateDesc(a.entry, b.entry))} testId="current" />
          <Group title={t(pastTitle)} items={past} testId="past" />
        </>
      ) : (
        <>
          <Group title={t(currentTitle)} items={current} testId="current" />
          <Group title={t('unconfirmedGroup')} items={unconfirmed} testId="unconfirmed" />
          <Group title={t('doNotGiveGroup')} items={prohibited} testId="do-not-give" />
          <Group title={t(pastTitle)} items={past} testId="past" />
        </>
      );
  } else if (kind === 'vital') {
    // The vital signs of one visit together, a blood pressure as one reading (readable/groups.ts).
    body = (
      <div className="entry-groups">
        {groupStored(sorted.filter((e) => !isHiddenByPerson(e))).map((group) =>
          group.type === 'vitals' ? (
            <StoredGroup key={group.key} group={group} level={2} />
          ) : (
            <EntryList key={group.key} entries={group.entries.map((e) => e.item)} />
          ),
        )}
      </div>
    );
  } else body = <EntryList entries={sorted.filter((e) => !isHiddenByPerson(e))} />;

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
      <LoadError error={error} />
      {currentKind && noneCurrent && <NoneKnownNote kind={LIST_KIND[currentKind]} />}
      {body}
      {hidden.length > 0 && (
        <div className="hidden-entries">
          <button type="button" aria-expanded={showHidden} onClick={() => setShowHidden((v) => !v)}>
            {showHidden ? t('own_hideHiddenAgain') : t('own_showHidden', { count: hidden.length })}
          </button>
          {showHidden && (
            <section className="group" data-testid="group-hidden">
              <h2>{t('own_hiddenGroup')}</h2>
              <EntryList entries={hidden} />
            </section>
          )}
        </div>
      )}
      {adding && (
        <Dialog title={t('addEntryTitle', { kind: t(`kind_${kind}`) })} onClose={() => setAdding(false)}>
          <ManualEntryForm kind={kind as ManualKind} onDone={() => setAdding(false)} />
        </Dialog>
      )}
    </section>
  );
}

/** Where nothing is current: the newest source's "No known allergies" statement, never one no source made. */
function NoneKnownNote({ kind }: { kind: NoneKnownListKind }) {
  const profile = useProfile();
  const { revision } = useSession();
  const [said, setSaid] = useState<SourceNoneKnown | undefined>();
  useEffect(() => {
    let live = true;
    void api.records.noneKnown({ profileId: profile.id, kinds: [kind] }).then((r) => {
      if (live) setSaid(r.ok ? noneKnownToShow(r.value, kind) : undefined);
    });
    return () => {
      live = false;
    };
  }, [profile.id, kind, revision]);
  return said ? <NoneKnownLine said={said} className="none-known-note" testId={`none-known-${kind}`} /> : null;
}

function Group({ title, items, testId }: { title: string; items: { entry: StoredEntry; reading: CurrentReading }[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <section className="group" data-testid={`group-${testId}`}>
      <h2>{title}</h2>
      <ul className="entry-list">
        {items.map(({ entry, reading }) => (
          <li key={entry.id}>
            <EntryRow entry={entry} reading={reading} />
          </li>
        ))}
      </ul>
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
