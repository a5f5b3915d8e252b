// What is current — medications, problems, allergies — decided the way a careful clinician
// reads several records at once. Pure (no clock, no Node APIs: the renderer uses it too).
//
// The rule:
//  1. Every source that mentions an item (each provider, and the person's own hand-entered
//     statements) has one say: its newest statement about the item. A statement's date is the
//     date of the document that made it; without one, the latest date the statement itself
//     carries.
//  2. The item is current when the newest of those says it is. For allergies any source still
//     listing it as active is enough: an allergy is never dropped because a newer source is
//     silent or says otherwise.
//  3. "Last listed" is the date and provider of the statement that decided.
//  4. When no source has confirmed the item within a year of today, it says so.
//  5. A medication given once (a dose administered during a visit) is not a current medication;
//     such statements are not a source's say on the medication list at all.
//  6. The person's own word ("I no longer take this", "I still take this") is one more source's
//     say, dated the day they said it, and wins a tie with a source of the same date (they said
//     it having seen the record). A newer source still decides: the person's word is shown
//     beside it as disagreeing. "This is wrong" and "Hidden by you" keep the item out of every
//     current list, whatever the sources say; it stays viewable.

import type { PartialDate, PersonalStatement, ProvenanceLink, RecordDraft, StoredEntry } from './model.ts';
import { dateParts } from './readable/dates.ts';
import { hiddenBecause, personalView } from './readable/personal.ts';

export const CURRENT_KINDS = ['medication', 'problem', 'allergy'] as const;
export type CurrentKind = (typeof CURRENT_KINDS)[number];

/** The person's own source: what they typed in by hand and what they said about an entry. */
const MANUAL_KEY = '\u0000manual';
/** As main/vault/sources.ts names the hand-entered source (the screens say it in the reader's language). */
const MANUAL_PROVIDER = 'Entered by hand';

/** Statuses that say an item is over, whatever its dates say. */
const ENDED = new Set(['stopped', 'completed', 'cancelled', 'inactive', 'resolved', 'refused', 'not-done', 'entered-in-error', 'aborted', 'nullified']);

export interface Statement {
  /** Who said it: the provider, or "Entered by hand" for the person's own statement. */
  provider: string;
  /** When it was said (YYYY, YYYY-MM or YYYY-MM-DD), when known. */
  date?: string;
  /** The status as that source wrote it. */
  status?: string;
  /** Whether this statement says the item is current. */
  current: boolean;
  manual: boolean;
  /** Set when this is the person's own statement ("I no longer take this"): it, as stored. */
  personal?: PersonalStatement;
}

export interface CurrentReading {
  current: boolean;
  /** The statement that decided (the newest; for allergies, the newest that lists it active). */
  decidedBy?: Statement;
  /** Set when no source has confirmed the item within a year of `today` (or ever, with a date). */
  unconfirmedForAYear: boolean;
  /** A medication given once (every statement is an administration): never current. */
  oneTime: boolean;
  /** Each source's newest statement, newest first. */
  statements: Statement[];
  /** Sources whose newest statement disagrees with the decision, newest first. */
  disagreeing: Statement[];
  /** The person said "This is wrong" or hid it: in no current list (and never `current`). */
  hiddenBy?: PersonalStatement;
}

/** YYYY[-MM[-DD]] of a partial date, '' when there is none. */
function sortable(date: PartialDate | undefined): string {
  const parts = dateParts(date);
  if (!parts) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(parts.year).padStart(4, '0')}${parts.month ? `-${pad(parts.month)}` : ''}${parts.day ? `-${pad(parts.day)}` : ''}`;
}

/** The period a partial date names lies wholly before `day` (YYYY-MM-DD). */
function whollyBefore(date: PartialDate | undefined, day: string): boolean {
  const s = sortable(date);
  return s !== '' && s < day.slice(0, s.length);
}

/** The YYYY-MM-DD one year before `day` (29 February → 28 February). */
export function yearBefore(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const md = day.slice(5, 10) === '02-29' ? '02-28' : day.slice(5, 10);
  return `${String(y).padStart(4, '0')}-${md}`;
}

/** Section names that hold doses given during a visit rather than a list of what is taken. */
const ADMINISTERED = /administ|given (?:during|in|at)|in[- ]office|procedure medication/i;

/**
 * A medication statement about one dose given, not a medicine taken: it sits in a
 * "Medications administered" section, or it started and ended on the same day.
 */
export function isOneTimeAdministration(draft: Pick<RecordDraft, 'kind' | 'start' | 'end' | 'sourceLocation'>): boolean {
  if (draft.kind !== 'medication') return false;
  if (draft.sourceLocation && ADMINISTERED.test(draft.sourceLocation)) return true;
  const start = sortable(draft.start);
  const end = sortable(draft.end);
  return start.length === 10 && start === end;
}

/**
 * Whether one source's statement says the item is current today: "active" does; an ending
 * status does not; without a status, it is current unless the end it gives has passed.
 */
function saysCurrent(draft: Pick<RecordDraft, 'status' | 'end'>, today: string): boolean {
  const status = (draft.status ?? '').trim().toLowerCase();
  if (status === 'active') return true;
  if (ENDED.has(status)) return false;
  return !whollyBefore(draft.end, today);
}

function statementDate(link: ProvenanceLink): string {
  const documentDate = sortable(link.documentDate);
  if (documentDate) return documentDate;
  if (link.format === 'manual') return sortable(link.importedAt);
  const own = [sortable(link.original.start), sortable(link.original.end)].filter(Boolean).sort();
  return own.at(-1) ?? '';
}

const newestFirst = (a: Statement, b: Statement) => ((b.date ?? '') < (a.date ?? '') ? -1 : (b.date ?? '') > (a.date ?? '') ? 1 : 0);
const personFirst = (a: Statement, b: Statement) => Number(b.personal !== undefined) - Number(a.personal !== undefined);

/** What is current about one medication, problem or allergy, as of `today` (YYYY-MM-DD). */
export function readCurrent(entry: Pick<StoredEntry, 'kind' | 'sources' | 'manual' | 'personal'> & Partial<RecordDraft>, today: string): CurrentReading {
  const links = entry.sources.length > 0 ? entry.sources : [];
  const listed = links.filter((l) => !isOneTimeAdministration({ ...l.original, kind: entry.kind }));
  const own = personalView(entry).standing;
  const ownSays = own && own.kind !== 'wrong' ? own : undefined;
  // "I still take this" on a dose given once is the person's word against the document's shape: theirs counts.
  const oneTime = entry.kind === 'medication' && links.length > 0 && listed.length === 0 && !ownSays;
  const bySource = new Map<string, Statement>();
  for (const link of listed) {
    const manual = link.format === 'manual';
    const key = manual ? MANUAL_KEY : link.provider;
    const date = statementDate(link);
    const statement: Statement = {
      provider: link.provider,
      ...(date ? { date } : {}),
      ...(link.original.status ? { status: link.original.status } : {}),
      current: saysCurrent(link.original, today),
      manual,
    };
    const known = bySource.get(key);
    // The newest statement of each source counts; on the same date, one that lists it current.
    if (!known || (statement.date ?? '') > (known.date ?? '') || ((statement.date ?? '') === (known.date ?? '') && statement.current && !known.current)) {
      bySource.set(key, statement);
    }
  }
  // An entry without provenance (older vaults, tests) speaks for itself.
  if (links.length === 0 && entry.kind) {
    bySource.set('', { provider: '', current: saysCurrent(entry as RecordDraft, today), manual: entry.manual, ...(entry.status ? { status: entry.status } : {}) });
  }
  if (ownSays) {
    // The person's word is the newest say of their own source (beside what they typed in by hand).
    const statement: Statement = { provider: MANUAL_PROVIDER, date: ownSays.date, status: ownSays.kind === 'still' ? 'active' : 'stopped', current: ownSays.kind === 'still', manual: true, personal: ownSays };
    const known = bySource.get(MANUAL_KEY);
    if (!known || (known.date ?? '') <= ownSays.date) bySource.set(MANUAL_KEY, statement);
  }
  const statements = [...bySource.values()].sort((a, b) => newestFirst(a, b) || personFirst(a, b) || Number(b.current) - Number(a.current));
  const hiddenBy = hiddenBecause(entry);
  let decidedBy: Statement | undefined;
  if (!oneTime) decidedBy = entry.kind === 'allergy' ? (statements.find((s) => s.current) ?? statements[0]) : statements[0];
  const current = !oneTime && !hiddenBy && decidedBy?.current === true;
  const confirmedWithinYear = statements.some((s) => s.current === current && s.date !== undefined && s.date.slice(0, 10) >= yearBefore(today).slice(0, s.date.length));
  return {
    current,
    ...(decidedBy ? { decidedBy } : {}),
    unconfirmedForAYear: current && !confirmedWithinYear,
    oneTime,
    statements,
    disagreeing: hiddenBy ? [] : statements.filter((s) => s.current !== current),
    ...(hiddenBy ? { hiddenBy } : {}),
  };
}

type Read<T> = { entry: T; reading: CurrentReading }[];

/**
 * Splits medications, problems or allergies into current, current but unconfirmed for a year,
 * past, and those the person said are wrong or hid (in no other group).
 */
export function splitByCurrent<T extends Pick<StoredEntry, 'kind' | 'sources' | 'manual' | 'personal'> & Partial<RecordDraft>>(
  entries: readonly T[],
  today: string,
): { current: Read<T>; unconfirmed: Read<T>; past: Read<T>; hidden: Read<T> } {
  const out = { current: [] as Read<T>, unconfirmed: [] as Read<T>, past: [] as Read<T>, hidden: [] as Read<T> };
  for (const entry of entries) {
    const reading = readCurrent(entry, today);
    (reading.hiddenBy ? out.hidden : reading.current ? (reading.unconfirmedForAYear ? out.unconfirmed : out.current) : out.past).push({ entry, reading });
  }
  return out;
}

/**
 * An advance directive to follow: active or with no status. What a source says is inactive,
 * cancelled, only proposed, rejected or not in place (C-CDA negationInd) is not an order.
 */
export function isDirectiveInForce(entry: Pick<StoredEntry, 'kind' | 'status'>): boolean {
  return entry.kind === 'directive' && (entry.status === undefined || entry.status === 'active');
}

/** The directives in force among `entries`, newest first: the emergency card and At a glance list them alike. */
export function directivesInForce<T extends Pick<StoredEntry, 'kind' | 'status' | 'start' | 'id'>>(entries: readonly T[]): T[] {
  return entries.filter(isDirectiveInForce).sort((a, b) => (b.start ?? '').localeCompare(a.start ?? '') || a.id - b.id);
}
