// At a glance: what a person (or the clinician they hand the screen to) needs first about a
// profile. Current problems, medications and allergies by the one rule of what is current
// (main/records/current.ts), the latest results that are abnormal (main/records/readable's
// flags), advance directives in force, appointments still to come, and when records were last
// imported and from whom.
// Pure: the caller passes today's date and the entries it read.

import { directivesInForce, splitByCurrent, yearBefore, type CurrentKind, type CurrentReading } from '../records/current.ts';
import type { Code, StoredEntry } from '../records/model.ts';
import { abnormalFlag, type AbnormalFlag } from '../records/readable/flags.ts';
import { dayOf } from '../records/readable/groups.ts';
import { saysNotSo } from '../records/readable/negation.ts';
import { noneKnownToShow, type LeftOutWhy, type NoneKnownListKind, type SourceNoneKnown } from '../records/readable/left-out.ts';
import { hiddenBecause, isHiddenByPerson } from '../records/readable/personal.ts';

export interface GlanceItem {
  entry: StoredEntry;
  reading: CurrentReading;
}

export interface GlanceResult {
  entry: StoredEntry;
  flag: AbnormalFlag;
}

export interface ProviderImport {
  provider: string;
  lastImportedAt: string;
  newestDocumentDate?: string;
  documents: number;
}

export interface Glance {
  /** The day the glance was read for (YYYY-MM-DD). */
  today: string;
  /** Every allergy any source still lists as active (never cut short). */
  allergies: GlanceItem[];
  /** Current problems: confirmed within a year first, then the ones no source confirmed for a year. */
  problems: GlanceItem[];
  medications: GlanceItem[];
  /**
   * Allergies a source lists that the person said are wrong or hid, A to Z: the screen names
   * them in one line (as the visit summary does) so none is gone silently.
   */
  allergiesLeftOut: { entry: StoredEntry; why: LeftOutWhy }[];
  /**
   * A source's "no known …" statement for each of the three lists that has no current item
   * (the newest such statement); absent where a list has items or no source said so.
   */
  noneKnown: Partial<Record<NoneKnownListKind, SourceNoneKnown>>;
  abnormal: {
    /**
     * The latest value of each test (among the newest RESULTS_READ results), when that value is
     * abnormal: critical first, then newest. Each keeps its own date on screen.
     */
    shown: GlanceResult[];
    /** How many tests' latest values are abnormal (more than shown when cut at `MAX_ABNORMAL`). */
    total: number;
    /** Set when the record has no result within a year of today: the newest result's day. */
    newestResultDay?: string;
    /** Whether the record has any dated result at all. */
    anyResults: boolean;
  };
  /**
   * Advance directives in force (a Do Not Resuscitate order), newest first; the person's hidden
   * ones left out. No "none" line when empty: a source's silence is not "no directive".
   */
  directives: StoredEntry[];
  /** Appointments and planned visits from today on, soonest first. */
  upcoming: StoredEntry[];
  /** Each provider of imported documents, most recently imported first. */
  imports: ProviderImport[];
}

export const MAX_ABNORMAL = 8;

const LOINC_SYSTEMS = new Set(['LOINC', '2.16.840.1.113883.6.1', 'http://loinc.org']);

function testKey(entry: { codes: Code[]; title: string }): string {
  const loinc = entry.codes.find((c) => LOINC_SYSTEMS.has(c.system) && c.code.trim() !== '')?.code.trim();
  return loinc ? `loinc:${loinc}` : `name:${entry.title.trim().toLowerCase()}`;
}

const byTitle = (collator: Intl.Collator) => (a: GlanceItem, b: GlanceItem) => collator.compare(a.entry.title, b.entry.title) || a.entry.id - b.entry.id;

/** Current items of one kind: confirmed within a year first, then unconfirmed, each A to Z. */
export function currentOfKind(entries: readonly StoredEntry[], kind: CurrentKind, today: string, collator: Intl.Collator): GlanceItem[] {
  const split = splitByCurrent(
    entries.filter((e) => e.kind === kind),
    today,
  );
  const order = byTitle(collator);
  return [...split.current.sort(order), ...split.unconfirmed.sort(order)];
}

/** How many of the newest results At a glance reads: the latest value of each test among them. */
export const RESULTS_READ = 2000;

const RANK: Record<AbnormalFlag, number> = { critical_high: 0, critical_low: 0, critical: 0, high: 1, low: 1, abnormal: 1 };

/**
 * The latest value of each test among `results` (any order), kept when it is abnormal. An older
 * abnormal value followed by a normal one is not shown: the latest is what stands.
 */
export function latestAbnormal(results: readonly StoredEntry[]): GlanceResult[] {
  const latest = new Map<string, StoredEntry>();
  for (const entry of results) {
    // A result the source says was not found is no value, neither latest nor abnormal.
    if (entry.kind !== 'result' || (entry.status ?? '').toLowerCase() === 'cancelled' || saysNotSo(entry)) continue;
    const key = testKey(entry);
    const known = latest.get(key);
    const date = entry.start ?? entry.end ?? '';
    const knownDate = known ? (known.start ?? known.end ?? '') : '';
    if (!known || date > knownDate || (date === knownDate && entry.id > known.id)) latest.set(key, entry);
  }
  const flagged: GlanceResult[] = [];
  for (const entry of latest.values()) {
    const reading = abnormalFlag(entry);
    if (reading) flagged.push({ entry, flag: reading.flag });
  }
  return flagged.sort(
    (a, b) =>
      RANK[a.flag] - RANK[b.flag] ||
      (b.entry.start ?? '').localeCompare(a.entry.start ?? '') ||
      b.entry.id - a.entry.id,
  );
}

/** An appointment or planned visit dated today or later (an undated one is not "upcoming"). */
export function isUpcoming(entry: StoredEntry, today: string): boolean {
  if (entry.kind !== 'appointment' && entry.kind !== 'encounter') return false;
  const status = (entry.status ?? '').toLowerCase();
  if (status === 'cancelled' || status === 'completed' || status === 'entered-in-error' || status === 'not-done') return false;
  const day = dayOf(entry.details.plannedFor ?? entry.start);
  // A date given only to the month or year counts while that month or year is not over.
  return day !== '' && day >= today.slice(0, day.length);
}

export interface GlanceSources {
  today: string;
  /** Medications, problems, allergies and advance directives (any order). */
  current: readonly StoredEntry[];
  /** The newest results (at most RESULTS_READ), any order. */
  results: readonly StoredEntry[];
  /** Appointments and encounters dated from today on. */
  planned: readonly StoredEntry[];
  imports: readonly ProviderImport[];
  /** The sources' "none known" statements for the lists asked (only those left empty are asked). */
  noneKnown?: (kinds: NoneKnownListKind[]) => readonly SourceNoneKnown[];
  locale?: string;
}

const LIST_KINDS: readonly NoneKnownListKind[] = ['allergies', 'medications', 'problems'];

export function buildGlance(sources: GlanceSources): Glance {
  const collator = new Intl.Collator(sources.locale ?? 'en', { sensitivity: 'base', numeric: true });
  const { today } = sources;
  // What the person said is wrong or hid is not shown (the lists' rule does the same for the current kinds).
  const abnormal = latestAbnormal(sources.results.filter((r) => !isHiddenByPerson(r)));
  const newestDay = sources.results.map((r) => dayOf(r.start ?? r.end)).reduce((a, b) => (b > a ? b : a), '');
  const recent = yearBefore(today);
  const stale = newestDay !== '' && newestDay < recent.slice(0, newestDay.length);
  const when = (e: StoredEntry) => dayOf(e.details.plannedFor ?? e.start);
  const lists = {
    allergies: currentOfKind(sources.current, 'allergy', today, collator),
    problems: currentOfKind(sources.current, 'problem', today, collator),
    medications: currentOfKind(sources.current, 'medication', today, collator),
  };
  // A "none known" statement is shown only where nothing of its kind is current.
  const empty = LIST_KINDS.filter((k) => lists[k].length === 0);
  const said = empty.length > 0 && sources.noneKnown ? sources.noneKnown(empty) : [];
  const noneKnown: Partial<Record<NoneKnownListKind, SourceNoneKnown>> = {};
  for (const kind of empty) {
    const shown = noneKnownToShow(said, kind);
    if (shown) noneKnown[kind] = shown;
  }
  const allergiesLeftOut = sources.current
    .filter((e) => e.kind === 'allergy')
    .flatMap((entry) => {
      const why = hiddenBecause(entry)?.kind;
      return why === 'wrong' || why === 'hidden' ? [{ entry, why }] : [];
    })
    .sort((a, b) => collator.compare(a.entry.details.substance?.trim() || a.entry.title, b.entry.details.substance?.trim() || b.entry.title) || a.entry.id - b.entry.id);
  return {
    today,
    ...lists,
    allergiesLeftOut,
    noneKnown,
    abnormal: {
      shown: abnormal.slice(0, MAX_ABNORMAL),
      total: abnormal.length,
      ...(stale ? { newestResultDay: newestDay } : {}),
      anyResults: newestDay !== '',
    },
    directives: directivesInForce(sources.current.filter((e) => !isHiddenByPerson(e))),
    upcoming: sources.planned.filter((e) => isUpcoming(e, today) && !isHiddenByPerson(e)).sort((a, b) => when(a).localeCompare(when(b)) || a.id - b.id),
    imports: [...sources.imports],
  };
}

