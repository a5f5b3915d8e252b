// Results and vital signs shown together as their sources meant them (main/records/readable/
// groups.ts decides): a lab panel with its components, the vital signs of one visit, and a
// blood pressure as one reading, "145/88 mmHg". Each component still opens its own details.
import type { TimelineItem } from '../../preload/contract.ts';
import type { StoredEntry } from '../../main/records/model.ts';
import { bloodPressureFlags, bloodPressureText, groupableOf, groupEntries, type EntryGroup, type Groupable, type GroupLine } from '../../main/records/readable/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.ts';
import { EntryRow, ResultFlag, SourcesLine, TimelineRow } from './records.tsx';

export type Shown<T> = Groupable & { item: T };

export function storedGroupable(entry: StoredEntry): Shown<StoredEntry> {
  return { ...groupableOf(entry), item: entry };
}

export function timelineGroupable(item: TimelineItem): Shown<TimelineItem> {
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    ...(item.date ? { date: item.date } : {}),
    ...(item.codes ? { codes: item.codes } : {}),
    ...(item.quantity ? { value: item.quantity } : {}),
    ...(item.panel ? { panel: item.panel } : {}),
    ...(item.panelCodes ? { panelCodes: item.panelCodes } : {}),
    ...(item.status ? { status: item.status } : {}),
    item,
  };
}

export function groupStored(entries: readonly StoredEntry[]): EntryGroup<Shown<StoredEntry>>[] {
  return groupEntries(entries.map(storedGroupable));
}

/** A blood pressure's two values as one row; opens the systolic value's details (which name the diastolic one too). */
function BloodPressureRow({
  systolic,
  diastolic,
  providers,
  sourceCount,
  manual,
  date,
}: {
  date?: string | undefined;
  systolic: { id: number; value?: StoredEntry['value']; interpretation?: string; referenceRange?: StoredEntry['referenceRange'] };
  diastolic: { id: number; value?: StoredEntry['value']; interpretation?: string; referenceRange?: StoredEntry['referenceRange'] };
  providers: string[];
  sourceCount: number;
  manual: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { openEntry } = useSession();
  const flags = bloodPressureFlags(systolic, diastolic);
  const locale = i18n.lang === 'es' ? 'es-ES' : 'en-US';
  return (
    <button type="button" className="entry-row" onClick={() => openEntry(systolic.id)} data-entry-id={systolic.id} data-blood-pressure="">
      {date !== undefined && <span className="entry-date">{date ? i18n.date(date) : ''}</span>}
      <span className="entry-main">
        <span className="entry-title">{t('bloodPressure')}</span>
        <span className="entry-value">{bloodPressureText(systolic, diastolic, locale)}</span>
        {flags.map((f) => (
          <span key={f.part}>
            <ResultFlag flag={f.flag} /> <span className="muted">({t(`bpPart_${f.part}`)})</span>
          </span>
        ))}
      </span>
      <SourcesLine providers={providers} sourceCount={sourceCount} manual={manual} />
    </button>
  );
}

function providersOf(entries: StoredEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => e.sources.map((s) => s.provider)))];
}

function StoredLine({ line }: { line: GroupLine<Shown<StoredEntry>> }) {
  if (line.type === 'entry') return <EntryRow entry={line.entry.item} />;
  const s = line.systolic.item;
  const d = line.diastolic.item;
  return <BloodPressureRow date={s.start ?? ''} systolic={s} diastolic={d} providers={providersOf([s, d])} sourceCount={Math.max(s.sources.length, d.sources.length)} manual={s.manual && d.manual} />;
}

function TimelineLine({ line }: { line: GroupLine<Shown<TimelineItem>> }) {
  if (line.type === 'entry') return <TimelineRow item={line.entry.item} />;
  const s = line.systolic.item;
  const d = line.diastolic.item;
  const asEntry = (i: TimelineItem) => ({ id: i.id, ...(i.quantity ? { value: i.quantity } : {}), ...(i.interpretation ? { interpretation: i.interpretation } : {}), ...(i.referenceRange ? { referenceRange: i.referenceRange } : {}) });
  return (
    <BloodPressureRow
      systolic={asEntry(s)}
      diastolic={asEntry(d)}
      providers={[...new Set([...s.providers, ...d.providers])]}
      sourceCount={Math.max(s.sourceCount, d.sourceCount)}
      manual={s.manual && d.manual}
    />
  );
}

/** The heading of a group: the panel's name (or "Vital signs"), how many tests, and the day. */
export function GroupHeading<T>({ group, level = 3 }: { group: EntryGroup<T>; level?: 2 | 3 }) {
  const i18n = useI18n();
  const { t } = i18n;
  const name = group.type === 'vitals' ? t('vitalSignsGroup') : (group.panel ?? '');
  const Tag = level === 2 ? 'h2' : 'h3';
  return (
    <Tag className="entry-group-head">
      <span>{name}</span>
      <span className="muted">
        {t(group.type === 'vitals' ? 'measurements' : 'panelTests', { count: group.entries.length })}
        {group.day ? ` · ${i18n.date(group.day)}` : ''}
      </span>
    </Tag>
  );
}

/** One group of stored entries: a framed panel or visit with its lines. */
export function StoredGroup({ group, level = 3 }: { group: EntryGroup<Shown<StoredEntry>>; level?: 2 | 3 }) {
  return (
    <section className="group entry-group" data-group={group.type}>
      <GroupHeading group={group} level={level} />
      <ul className="entry-list">
        {group.lines.map((line) => (
          <li key={line.type === 'entry' ? line.entry.id : `bp-${line.systolic.id}`}>
            <StoredLine line={line} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A group of timeline rows (two lines or more); a lone entry is shown as its own row. */
export function TimelineGroup({ group }: { group: EntryGroup<Shown<TimelineItem>> }) {
  if (group.lines.length === 1 && group.lines[0]!.type === 'entry' && group.type === 'single') return <TimelineRow item={group.lines[0]!.entry.item} />;
  return (
    <div className="entry-group" data-group={group.type}>
      <GroupHeading group={group} />
      <ul className="entry-list">
        {group.lines.map((line) => (
          <li key={line.type === 'entry' ? line.entry.id : `bp-${line.systolic.id}`}>
            <TimelineLine line={line} />
          </li>
        ))}
      </ul>
    </div>
  );
}
