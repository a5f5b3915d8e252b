// Shared ways to show entries: kind and status labels, a value with its unit, and the row a
// list shows for one entry (a button that opens its details).
import type { TimelineItem } from '../../preload/contract.ts';
import type { EntryDetails, EntryKind, StoredEntry } from '../../main/records/model.ts';
import type { CurrentReading } from '../../main/records/current.ts';
import { abnormalFlag, asNeededWords, FLAG_ICONS, isCritical, isGlucose, notSoValue, notSoWords, saysNotSo, shownDose, shownStatus, type AbnormalFlag } from '../../main/records/readable/index.ts';
import { useI18n, type I18n } from '../i18n/index.tsx';
import { useSession } from '../session.ts';
import { hiddenBecause, withCorrections } from '../../main/records/readable/personal.ts';
import { PersonalTags, personalWords } from './PersonalStatements.tsx';
import { dosagesLine } from './dosage-line.ts';
import { noneKnownLine, type SourceNoneKnown } from '../../main/records/readable/left-out.ts';

export function kindLabel(i18n: I18n, kind: EntryKind): string {
  return i18n.t(`kind_${kind}`);
}

export function statusLabel(i18n: I18n, status: string | undefined): string | undefined {
  if (!status) return undefined;
  const key = `status_${status.toLowerCase()}`;
  return i18n.has(key) ? i18n.t(key) : status;
}

/** The status when it means something to a patient for this kind of entry (main/records/readable). */
export function shownStatusLabel(i18n: I18n, kind: EntryKind, status: string | undefined, details?: Pick<EntryDetails, 'doNotPerform'>): string | undefined {
  // A negated directive (C-CDA negationInd) is a statement that it is not in place, not an act not done.
  if (kind === 'directive' && status === 'not-done') return i18n.t('directiveNotInPlace');
  // A prohibition (FHIR doNotPerform) is an order not to give it, more than a dose not given.
  if (kind === 'medication' && details?.doNotPerform) return i18n.t('medicationDoNotGive');
  // A negated result or visit: "Not found (the source says so)", "Did not take place (…)".
  return notSoWords({ kind, status }, i18n.lang) ?? statusLabel(i18n, shownStatus(kind, status));
}

/** A status as one source wrote it, in the words that fit the entry's kind. */
export function sourceStatusLabel(i18n: I18n, kind: EntryKind, status: string | undefined, details?: Pick<EntryDetails, 'doNotPerform'>): string | undefined {
  if (kind === 'directive' && status === 'not-done') return i18n.t('directiveNotInPlace');
  if (kind === 'medication' && details?.doNotPerform) return i18n.t('medicationDoNotGive');
  return notSoWords({ kind, status }, i18n.lang) ?? statusLabel(i18n, status);
}

/** A value as it reads; one the source says is not so reads as such: not “Positive”. */
export function valueWords(i18n: I18n, text: string | undefined, e: { kind?: EntryKind; status?: string | undefined }): string | undefined {
  if (!text) return undefined;
  return e.kind && saysNotSo({ kind: e.kind, status: e.status }) ? notSoValue(text, i18n.lang) : text;
}

export function entryValue(i18n: I18n, e: Pick<StoredEntry, 'value'> & { codes?: StoredEntry['codes']; kind?: EntryKind; status?: string | undefined }): string | undefined {
  return valueWords(i18n, i18n.quantity(e.value, { glucose: isGlucose(e.codes) })?.text || undefined, e);
}

export function rangeText(i18n: I18n, e: Pick<StoredEntry, 'referenceRange' | 'value'> & { codes?: StoredEntry['codes'] }): string | undefined {
  return i18n.range(e.referenceRange, e.value?.unit, { glucose: isGlucose(e.codes) }) || undefined;
}

/**
 * An abnormal result in the one vocabulary every screen uses: icon, word and colour together
 * (never colour alone). The icon is decoration; the word is what a screen reader says.
 */
export function ResultFlag({ flag }: { flag: AbnormalFlag }) {
  const { t } = useI18n();
  return (
    <span className={`result-flag flag-${isCritical(flag) ? 'critical' : 'abnormal'}`} data-flag={flag}>
      <span aria-hidden="true" className="flag-icon">
        {FLAG_ICONS[flag]}
      </span>{' '}
      {t(`flag_${flag}`)}
    </span>
  );
}

/** "Good Health Clinic" or "from 3 sources" (with the providers listed for the curious). */
export function SourcesLine({ providers, sourceCount, manual }: { providers: string[]; sourceCount: number; manual: boolean }) {
  const i18n = useI18n();
  if (manual && sourceCount <= 1) return <span className="tag tag-manual">{i18n.t('manualBadge')}</span>;
  return (
    <span className="sources-line">
      {providers.map((p) => i18n.provider(p)).join(' · ')}
      {sourceCount > 1 && <span className="tag tag-merged">{i18n.t('fromSources', { count: sourceCount })}</span>}
    </span>
  );
}

export function TimelineRow({ item }: { item: TimelineItem }) {
  const i18n = useI18n();
  const { openEntry } = useSession();
  const status = shownStatusLabel(i18n, item.kind, item.status);
  const value = valueWords(i18n, i18n.quantity(item.quantity, { glucose: isGlucose(item.codes) })?.text ?? item.value, item);
  const flag =
    item.kind === 'result' || item.kind === 'vital'
      ? abnormalFlag({ interpretation: item.interpretation, value: item.quantity, referenceRange: item.referenceRange, kind: item.kind, status: item.status })
      : undefined;
  return (
    <button type="button" className="entry-row" onClick={() => openEntry(item.id)} data-entry-id={item.id}>
      <span className={`kind-chip kind-${item.kind}`}>{kindLabel(i18n, item.kind)}</span>
      <span className="entry-main">
        <span className="entry-title">{item.correctedTitle ?? i18n.title(item.title)}</span>
        {value && <span className="entry-value">{value}</span>}
        {flag && <ResultFlag flag={flag.flag} />}
        {status && <span className="entry-status">{status}</span>}
        <PersonalTags corrected={item.correctedTitle !== undefined} hiddenBy={item.hiddenBy} />
      </span>
      <SourcesLine providers={item.providers} sourceCount={item.sourceCount} manual={item.manual} />
    </button>
  );
}

/** "last listed DATE by SOURCE", and every source that says otherwise, for a current-rule item. */
/** A source's "No known allergies — per Good Health Clinic, Aug 8, 2017", in its own words when it gave any. */
export function NoneKnownLine({ said, className, testId }: { said: SourceNoneKnown; className: string; testId: string }) {
  const i18n = useI18n();
  return (
    <p className={className} data-testid={testId}>
      {noneKnownLine(said, i18n.provider(said.provider), said.date ? i18n.date(said.date) : undefined, i18n.lang)}
    </p>
  );
}

export function CurrentNote({ reading, kind }: { reading: CurrentReading; kind: EntryKind }) {
  const i18n = useI18n();
  const { t } = i18n;
  const by = reading.decidedBy;
  const who = (s: { provider: string; manual: boolean }) => (s.manual ? t('manualBadge') : i18n.provider(s.provider));
  if (reading.oneTime) return <span className="current-note">{t('givenOnce')}</span>;
  if (!by || (!by.provider && !by.manual)) return null;
  // The person's own word reads as theirs: "you said on 6 Dec 2026: I no longer take this".
  const ownWords = (s: NonNullable<CurrentReading['decidedBy']>) =>
    s.personal &&
    (s.personal.by
      ? t('own_saidOnByLower', { by: s.personal.by, date: i18n.date(s.personal.date), words: personalWords(i18n, s.personal.kind, kind) })
      : t('own_saidOnLower', { date: i18n.date(s.personal.date), words: personalWords(i18n, s.personal.kind, kind) }));
  return (
    <span className="current-note">
      {ownWords(by) ?? (by.date ? t('lastListed', { date: i18n.date(by.date), source: who(by) }) : t('lastListedUndated', { source: who(by) }))}
      {/* Medications and problems unconfirmed for a year are listed under a heading that says so. */}
      {reading.unconfirmedForAYear && kind === 'allergy' ? ` · ${t('notConfirmedYear')}` : ''}
      {reading.disagreeing.map((s) => (
        <span key={`${s.provider}-${s.date ?? ''}`} className="disagreeing">
          {' · '}
          {ownWords(s) ?? (
            <>
              {t('saidOtherwise', { source: who(s), status: statusLabel(i18n, s.status)?.toLowerCase() ?? '—' })}
              {s.date ? ` (${i18n.date(s.date)})` : ''}
            </>
          )}
        </span>
      ))}
    </span>
  );
}

export function EntryRow({ entry, reading }: { entry: StoredEntry; reading?: CurrentReading }) {
  const i18n = useI18n();
  const { openEntry } = useSession();
  const value = entryValue(i18n, entry);
  const flag = abnormalFlag(entry);
  // Under the current rule the sources' own statuses are in the note; the merged status is not
  // repeated, except "do not give", which no list of medicines may leave unsaid.
  const status = reading && !entry.details.doNotPerform ? undefined : shownStatusLabel(i18n, entry.kind, entry.status, entry.details);
  const providers = [...new Set(entry.sources.map((s) => s.provider))];
  // The person's corrections read in place of the sources' values, tagged "Corrected by you".
  const shown = withCorrections(entry);
  // How often beside the dose, every dosage in order, so a medicine list answers "how much, how often" without opening each one.
  const doseLine = entry.kind === 'medication' ? dosagesLine(i18n, shown.details) : shownDose(shown.details.dose);
  return (
    <button type="button" className="entry-row" onClick={() => openEntry(entry.id)} data-entry-id={entry.id}>
      <span className="entry-date">{shown.start ? i18n.date(shown.start) : ''}</span>
      <span className="entry-main">
        <span className="entry-title">{shown.title !== entry.title ? shown.title : i18n.title(entry.title)}</span>
        {value && <span className="entry-value">{value}</span>}
        {flag && <ResultFlag flag={flag.flag} />}
        {doseLine && <span className="entry-status">{doseLine}</span>}
        {(entry.kind === 'medication' || entry.kind === 'plan') && shown.details.asNeeded && <span className="entry-status as-needed">{asNeededWords(shown.details, i18n.lang)}</span>}
        <PersonalTags corrected={(entry.personal ?? []).some((s) => s.kind === 'correction')} hiddenBy={hiddenBecause(entry)?.kind} />
        {status && <span className="entry-status">{status}</span>}
        {entry.possibleDuplicates.length > 0 && <span className="tag tag-warn">{i18n.t('possibleDuplicates')}</span>}
        {reading && <CurrentNote reading={reading} kind={entry.kind} />}
      </span>
      <SourcesLine providers={providers} sourceCount={entry.sources.length} manual={entry.manual} />
    </button>
  );
}
