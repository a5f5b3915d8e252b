// Which entries the visit packet shows: current medications, active problems, the latest
// results per test, recent visits. Pure functions over the profile's entries.

import type { Code, Quantity, ReferenceRange, StoredEntry } from '../records/model.ts';
import { readCurrent, splitByCurrent, type CurrentKind, type CurrentReading } from '../records/current.ts';
import { inGlucoseUnit, isGlucose, isPlainDecimal, sameMeasureCode, saysNotSo, type GlucoseUnit } from '../records/readable/index.ts';
import { monthsBefore, sortableDate } from './format.ts';

function statusOf(entry: StoredEntry): string {
  return (entry.status ?? '').trim().toLowerCase();
}

/** A medication is current by the rule of main/records/current.ts (newest source decides). */
export function isCurrentMedication(entry: StoredEntry, printedOn: string): boolean {
  return readCurrent(entry, printedOn).current;
}

/** A problem is active by the rule of main/records/current.ts. */
export function isActiveProblem(entry: StoredEntry, printedOn: string): boolean {
  return readCurrent(entry, printedOn).current;
}

/** An allergy stays on the packet while any source still lists it as active (main/records/current.ts). */
export function isCurrentAllergy(entry: StoredEntry, printedOn: string): boolean {
  return readCurrent(entry, printedOn).current;
}

export function isGivenImmunization(entry: StoredEntry): boolean {
  const status = statusOf(entry);
  return entry.details.refused !== true && status !== 'refused' && status !== 'not-done' && status !== 'cancelled';
}

const byTitle = (collator: Intl.Collator) => (a: StoredEntry, b: StoredEntry) =>
  collator.compare(a.title, b.title) || a.id - b.id;

/** Newest first; undated entries last; ties broken by id so the order never wobbles. */
export function newestFirst(a: StoredEntry, b: StoredEntry): number {
  const da = sortableDate(a.start ?? a.end);
  const db = sortableDate(b.start ?? b.end);
  if (da !== db) return da < db ? 1 : -1;
  return b.id - a.id;
}

export interface CurrentItems {
  /** Current, and confirmed by a source within the year before printing. */
  confirmed: { entry: StoredEntry; reading: CurrentReading }[];
  /** Current by the newest source, but no source has confirmed it for over a year. */
  unconfirmed: { entry: StoredEntry; reading: CurrentReading }[];
}

/** The current items of one kind, A to Z, split by whether a source confirmed them within a year. */
export function currentItems(entries: StoredEntry[], kind: CurrentKind, printedOn: string, collator: Intl.Collator): CurrentItems {
  const split = splitByCurrent(
    entries.filter((e) => e.kind === kind),
    printedOn,
  );
  const order = byTitle(collator);
  const sorted = (list: { entry: StoredEntry; reading: CurrentReading }[]) => list.sort((a, b) => order(a.entry, b.entry));
  return { confirmed: sorted(split.current), unconfirmed: sorted(split.unconfirmed) };
}

export function currentMedications(entries: StoredEntry[], printedOn: string, collator: Intl.Collator): StoredEntry[] {
  const items = currentItems(entries, 'medication', printedOn, collator);
  return [...items.confirmed, ...items.unconfirmed].map((i) => i.entry).sort(byTitle(collator));
}

export function currentAllergies(entries: StoredEntry[], printedOn: string, collator: Intl.Collator): StoredEntry[] {
  const items = currentItems(entries, 'allergy', printedOn, collator);
  return [...items.confirmed, ...items.unconfirmed].map((i) => i.entry).sort(byTitle(collator));
}

export function activeProblems(entries: StoredEntry[], printedOn: string, collator: Intl.Collator): StoredEntry[] {
  const items = currentItems(entries, 'problem', printedOn, collator);
  return [...items.confirmed, ...items.unconfirmed].map((i) => i.entry).sort(byTitle(collator));
}

export interface Recent<T> {
  shown: T[];
  total: number;
}

/**
 * The entries of the last `months` months before `printedOn`; when that gives fewer than
 * `atLeast`, the `atLeast` most recent instead. Never more than `atMost`.
 */
export function recentOrLast<T>(
  sortedNewestFirst: T[],
  dateOf: (item: T) => string,
  printedOn: string,
  options: { months: number; atLeast: number; atMost: number },
): Recent<T> {
  const since = monthsBefore(printedOn, options.months);
  const inWindow = sortedNewestFirst.filter((item) => {
    const date = dateOf(item);
    return date !== '' && date >= since.slice(0, date.length);
  });
  const chosen = inWindow.length >= options.atLeast ? inWindow : sortedNewestFirst.slice(0, options.atLeast);
  return { shown: chosen.slice(0, options.atMost), total: sortedNewestFirst.length };
}

export function recentOfKind(
  entries: StoredEntry[],
  kind: 'encounter' | 'procedure',
  printedOn: string,
): Recent<StoredEntry> {
  // A visit that did not take place or a procedure not done (the source's negation) is not a recent one.
  const sorted = entries.filter((e) => e.kind === kind && statusOf(e) !== 'cancelled' && statusOf(e) !== 'not-done').sort(newestFirst);
  return recentOrLast(sorted, (e) => sortableDate(e.start ?? e.end), printedOn, {
    months: 12,
    atLeast: 10,
    atMost: 15,
  });
}

// ---- results ---------------------------------------------------------------------------

const LOINC_SYSTEMS = new Set(['LOINC', '2.16.840.1.113883.6.1', 'http://loinc.org']);

export function loincOf(codes: Code[]): string | undefined {
  return codes.find((c) => LOINC_SYSTEMS.has(c.system) && c.code.trim() !== '')?.code.trim();
}

export type Trend = 'up' | 'down' | 'same';

/** One test (by LOINC code, one row for meter glucose in mg/dL and mmol/L; else by name) with its values oldest to newest. */
export interface ResultSeries {
  key: string;
  loinc?: string;
  title: string;
  /** Oldest first. */
  entries: StoredEntry[];
  latest: StoredEntry;
  previous?: StoredEntry;
  /** Set only when both values are numbers in the same unit as the reader reads them. */
  trend?: Trend;
}

/**
 * A result's number and unit as the reader reads it: glucose (by its code) converted into the
 * glucose unit chosen, rounded as it is printed; any other value as written.
 */
export function valueAsRead(entry: Pick<StoredEntry, 'value' | 'codes'>, glucose: GlucoseUnit): Quantity | undefined {
  const q = entry.value;
  if (q?.number === undefined || !Number.isFinite(q.number) || !isGlucose(entry.codes)) return q;
  // A value written with words or a comparator ("<40") prints as written, so it is compared only in its own unit.
  if (q.text?.trim() && !isPlainDecimal(q.text.trim())) return q;
  const converted = inGlucoseUnit(q.number, q.unit, glucose);
  return converted ? { number: converted.value, unit: converted.unit } : q;
}

/** A result's reference range in the unit its value reads in (valueAsRead); unchanged when the value is not converted. */
export function rangeAsRead(entry: Pick<StoredEntry, 'value' | 'codes' | 'referenceRange'>, glucose: GlucoseUnit): ReferenceRange | undefined {
  const range = entry.referenceRange;
  if (!range || !isGlucose(entry.codes)) return range;
  const unit = range.unit?.trim() ? range.unit : entry.value?.unit;
  const bound = (b: number | undefined) => (b === undefined ? undefined : inGlucoseUnit(b, unit, glucose)?.value);
  const low = bound(range.low);
  const high = bound(range.high);
  if ((range.low !== undefined && low === undefined) || (range.high !== undefined && high === undefined) || (low === undefined && high === undefined)) return range;
  return { ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}), unit: glucose };
}

function normalizedUnit(q: Quantity | undefined): string {
  return (q?.unit ?? '').trim().toLowerCase();
}

export function trendBetween(previous: Quantity | undefined, latest: Quantity | undefined): Trend | undefined {
  if (previous?.number === undefined || latest?.number === undefined) return undefined;
  if (!Number.isFinite(previous.number) || !Number.isFinite(latest.number)) return undefined;
  if (normalizedUnit(previous) !== normalizedUnit(latest)) return undefined;
  if (latest.number > previous.number) return 'up';
  if (latest.number < previous.number) return 'down';
  return 'same';
}

function oldestFirst(a: StoredEntry, b: StoredEntry): number {
  return -newestFirst(a, b);
}

/** Groups result entries into one series per test; a trend compares values as they read in `glucose`'s unit. */
export function resultSeries(entries: StoredEntry[], glucose: GlucoseUnit = 'auto'): ResultSeries[] {
  const groups = new Map<string, StoredEntry[]>();
  for (const entry of entries) {
    if (entry.kind !== 'result' || statusOf(entry) === 'cancelled' || saysNotSo(entry)) continue;
    if (!entry.value && !entry.title.trim()) continue;
    const loinc = loincOf(entry.codes);
    const key = loinc ? `loinc:${sameMeasureCode(loinc)}` : `name:${entry.title.trim().toLowerCase()}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const series: ResultSeries[] = [];
  for (const [key, group] of groups) {
    group.sort(oldestFirst);
    const latest = group[group.length - 1];
    if (!latest) continue;
    const previous = group.length > 1 ? group[group.length - 2] : undefined;
    series.push({
      key,
      loinc: loincOf(latest.codes),
      title: latest.title,
      entries: group,
      latest,
      previous,
      trend: previous && trendBetween(valueAsRead(previous, glucose), valueAsRead(latest, glucose)),
    });
  }
  return series;
}

/** Whether the person chose this test for a chart (by the LOINC code of any of its values). */
export function isChosen(series: ResultSeries, chosen: ReadonlySet<string>): boolean {
  return series.entries.some((entry) => {
    const loinc = loincOf(entry.codes);
    return loinc !== undefined && chosen.has(loinc);
  });
}

/**
 * The tests to print: recent ones (last 12 months, or the 10 most recent), plus every test the
 * user chose to chart, in alphabetical order of the test's name.
 */
export function recentResultSeries(
  entries: StoredEntry[],
  printedOn: string,
  chosenTrendTests: readonly string[],
  collator: Intl.Collator,
  glucose: GlucoseUnit = 'auto',
): Recent<ResultSeries> {
  const all = resultSeries(entries, glucose).sort((a, b) => newestFirst(a.latest, b.latest));
  const recent = recentOrLast(all, (s) => sortableDate(s.latest.start ?? s.latest.end), printedOn, {
    months: 12,
    atLeast: 10,
    atMost: 25,
  });
  const chosen = new Set(chosenTrendTests.map((c) => c.trim()));
  const shown = all
    .filter((s) => recent.shown.includes(s) || isChosen(s, chosen))
    .sort((a, b) => collator.compare(a.title, b.title) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { shown, total: all.length };
}
