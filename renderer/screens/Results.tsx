// Test results, either grouped by panel (as the lab reported them: one panel with its
// components, main/records/readable/groups.ts) or by test (all values of one test together,
// newest first).
import { useState } from 'react';
import type { StoredEntry } from '../../main/records/model.ts';
import { LoadError } from '../components/FileProblem.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { ReadingForm } from '../components/ReadingForm.tsx';
import { Loading } from '../components/Status.tsx';
import { groupStored, StoredGroup } from '../components/Groups.tsx';
import { useI18n } from '../i18n/index.tsx';
import { EntryList } from './RecordList.tsx';
import { byDateDesc, useRecords } from './useRecords.ts';
import { isHiddenByPerson } from '../../main/records/readable/personal.ts';

function groupBy(entries: StoredEntry[], keyOf: (e: StoredEntry) => string): [string, StoredEntry[]][] {
  const groups = new Map<string, StoredEntry[]>();
  for (const e of entries) {
    const k = keyOf(e);
    const list = groups.get(k) ?? [];
    list.push(e);
    groups.set(k, list);
  }
  return [...groups.entries()];
}

export function Results() {
  const { t, title } = useI18n();
  const { entries, error } = useRecords(['result']);
  const [mode, setMode] = useState<'panel' | 'test'>('panel');
  const [adding, setAdding] = useState(false);
  // What the person hid or said is wrong is not listed here (the timeline's Show hidden lists it).
  const sorted = entries ? entries.filter((e) => !isHiddenByPerson(e)).sort(byDateDesc) : null;
  const other = t('otherResults');
  const groups = sorted && mode === 'test'
    ? groupBy(sorted, (e) => (e.codes[0] ? `${e.codes[0].system}|${e.codes[0].code}|${e.title}` : e.title)).sort((a, b) => a[1][0]!.title.localeCompare(b[1][0]!.title))
    : [];
  const panels = sorted && mode === 'panel' ? panelSections(sorted) : [];
  return (
    <section aria-labelledby="screen-title">
      <div className="screen-head">
        <h1 id="screen-title" tabIndex={-1}>
          {t('navResults')}
        </h1>
        <button type="button" onClick={() => setAdding(true)} data-testid="add-result">
          {t('readingAddResult')}
        </button>
      </div>
      {adding && (
        <Dialog title={t('readingAddResult')} onClose={() => setAdding(false)}>
          <ReadingForm initialKind="result" onDone={() => setAdding(false)} />
        </Dialog>
      )}
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('navResults')}</legend>
        <label>
          <input type="radio" name="results-mode" checked={mode === 'panel'} onChange={() => setMode('panel')} /> {t('byPanel')}
        </label>
        <label>
          <input type="radio" name="results-mode" checked={mode === 'test'} onChange={() => setMode('test')} /> {t('byTest')}
        </label>
      </fieldset>
      <LoadError error={error} />
      {!sorted && !error && <Loading />}
      {sorted?.length === 0 && <p className="muted">{t('noRecordsOfKind')}</p>}
      {panels.map((section) =>
        section.type === 'panel' ? (
          <StoredGroup key={section.key} group={section.group} level={2} />
        ) : (
          <section key={section.key} className="group">
            <h2>{section.day ? <PanelHeading panel={other} date={section.day} /> : other}</h2>
            <EntryList entries={section.entries} />
          </section>
        ),
      )}
      {groups.map(([key, list]) => (
        <section key={key} className="group">
          <h2>{title(list[0]!.title)}</h2>
          <EntryList entries={list} />
        </section>
      ))}
    </section>
  );
}

function PanelHeading({ panel, date }: { panel: string; date: string }) {
  const i18n = useI18n();
  return (
    <>
      {panel} <span className="muted">— {i18n.date(date.slice(0, 10))}</span>
    </>
  );
}

type PanelSection =
  | { type: 'panel'; key: string; group: ReturnType<typeof groupStored>[number] }
  | { type: 'other'; key: string; day?: string; entries: StoredEntry[] };

/** Panels as the lab reported them; results outside any panel gathered by day, as before. */
function panelSections(sorted: StoredEntry[]): PanelSection[] {
  const sections: PanelSection[] = [];
  const otherByDay = new Map<string, Extract<PanelSection, { type: 'other' }>>();
  for (const group of groupStored(sorted)) {
    if (group.type === 'panel') {
      sections.push({ type: 'panel', key: group.key, group });
      continue;
    }
    const day = group.day ?? '';
    let other = otherByDay.get(day);
    if (!other) {
      other = { type: 'other', key: `other:${day}`, ...(day ? { day } : {}), entries: [] };
      otherByDay.set(day, other);
      sections.push(other);
    }
    other.entries.push(...group.entries.map((e) => e.item));
  }
  return sections;
}
