// Reconciliation across sources: the same medication, problem or result arrives from
// several hospitals, the VA and Medicare, and must become one entry with several
// provenance links. The vault stores `blockingKeys` of every entry in an indexed column,
// loads the entries sharing a key with an incoming draft, and asks `decide`. Anything that
// looks like the same thing but differs in a way that matters (dose, value, severity) is
// never merged silently: it is flagged as a possible duplicate for the user to review.
//
// Invariant (tested): whenever `decide` answers merge or possible-duplicate for a pair,
// the two drafts share at least one blocking key.

import type { Code, EntryKind, Quantity, RecordDraft } from './model.ts';
import {
  codeKey,
  codeKeys,
  dayKey,
  medicationIngredientKey,
  medicationStrengths,
  minuteKey,
  normalizeProblemName,
  normalizeSubstanceName,
  normalizeText,
} from './normalize.ts';
import { isPlaceholderDose } from './readable/dose.ts';
import { sortDate } from './timeline.ts';
import { trendGroupOf } from './trends.ts';
import { MOLECULAR_WEIGHTS, convertValue, toUcum } from './units.ts';

export type Decision =
  | { action: 'new' }
  | { action: 'merge'; entryId: number }
  | { action: 'possible-duplicate'; ofEntryId: number; reason: string };

export interface Candidate {
  id: number;
  entry: RecordDraft;
  /** The stored entry already holds a record of the document being imported. */
  sameDocument?: boolean;
  /**
   * Whether the stored entry is a reading of a device's stream (`isStreamReading`), asked
   * only when the answer matters (it costs the vault a look at the entry's sources).
   */
  stream?: boolean | (() => boolean);
  /**
   * How many readings of its measurement the stored entry's sources hold on its day
   * (`DayReadings`), asked only for two device readings of one minute from two sources.
   */
  readings?: () => DayReadings;
  /**
   * What each source linked to the stored entry said (its links' originals), asked only for a
   * medication that would otherwise merge: the entry shows one source's dose, and a bare number
   * there ("1") agrees with any dose, so a later source is also held against every earlier one.
   */
  sources?: () => readonly RecordDraft[];
}

/**
 * How many readings of one measurement a reading's source (every source, for a stored entry)
 * holds on the reading's day: at least `atLeast`, and at most `atMost` when every source's
 * readings of that day are all known (undefined while a source is still being written).
 */
export interface DayReadings {
  atLeast: number;
  atMost?: number;
}

/**
 * A source with this many readings of a measurement in a day, hourly or more often, is an
 * instrument that measures on its own: a watch's heart rate every few minutes, a glucose
 * sensor every 5 or 15 minutes (Dexcom's EGVs, Libre's historic readings).
 */
export const CONTINUOUS_READINGS = 24;
/**
 * A source with at most this many readings of a measurement in a day takes spot readings:
 * a home cuff in the morning and the evening, each taken twice.
 */
export const SPOT_READINGS = 4;

/**
 * Whether two device readings of one minute were taken by two instruments. A copy of a
 * reading (the Omron app's reading in Apple Health, a Dexcom reading in Apple Health) comes
 * with every other reading of the same instrument, so the copying source holds about as many
 * readings that day as the original: a continuous stream on one side and a few spot readings
 * on the other (a watch's heart rate and a cuff's pulse) cannot be one instrument's readings
 * twice. Anything else (two streams, two spot sources, a count not yet known) is left as
 * possibly the same fact: a missed duplicate is safer than a merged fact.
 */
export function twoInstruments(a: DayReadings, b: DayReadings): boolean {
  const continuous = (x: DayReadings) => x.atLeast >= CONTINUOUS_READINGS;
  const spot = (x: DayReadings) => x.atMost !== undefined && x.atMost <= SPOT_READINGS;
  return (continuous(a) && spot(b)) || (continuous(b) && spot(a));
}

export { DEVICE_FORMATS } from './readable/devices.ts';

/**
 * A document giving one measurement at this many different times of one day is a stream of
 * readings (a watch, a sensor, a monitor), not a visit's vital signs: a visit gives one, now
 * and then a second taken again.
 */
export const STREAM_MOMENTS = 3;

const KEY_PREFIX: Record<EntryKind, string | null> = {
  medication: 'med',
  problem: 'prob',
  allergy: 'alg',
  immunization: 'imm',
  result: 'result',
  vital: 'vital',
  encounter: 'enc',
  procedure: 'proc',
  plan: 'plan',
  social: 'social',
  functional: 'func',
  family: 'fam',
  coverage: 'cov',
  claim: 'claim',
  // Written by the user, never reconciled.
  note: null,
  appointment: null,
  question: null,
  directive: 'dir',
};

// SNOMED codes for the *type* of an allergy ("propensity to adverse reaction to drug"),
// which C-CDA puts in the observation value: shared by unrelated allergies, so they never
// identify the substance.
const ALLERGY_TYPE_CODES = new Set(
  [
    '419511003', '416098002', '414285001', '418471000', '420134006', '418038007', '419199007',
    '235719002', '59037007', '418689008', '232347008', '300916003', '300913006', '418545001',
    '609328004', '473010000', '716186003',
  ].map((code) => `SNOMED:${code}`),
);

// Codes for "a problem" or "a diagnosis" in general, which some documents put beside the
// real problem code: shared by unrelated problems, so they never identify one.
const GENERIC_PROBLEM_CODES = new Set([
  'SNOMED:55607006', 'SNOMED:64572001', 'SNOMED:282291009', 'SNOMED:404684003',
  'SNOMED:418799008', 'SNOMED:409586006', 'SNOMED:248536006',
  'LOINC:75326-9', 'LOINC:29308-4', 'LOINC:75325-1', 'LOINC:11450-4',
]);

// LOINC codes for "an advance directive" or "its type" in general, which C-CDA writers put as the
// observation's code beside any decision: shared by unrelated directives, so they never identify one.
const GENERIC_DIRECTIVE_CODES = new Set(['LOINC:42348-3', 'LOINC:75320-2', 'LOINC:75278-2']);

const NO_DATE = 'nodate';

/** Everything decide and blockingKeys compare, computed once per draft object. */
interface Facts {
  codes: string[];
  codeSet: Set<string>;
  systems: Set<string>;
  name: string;
  day: string;
  /** When the source gave a time of day (midnight on the dot is a date, not a time). */
  moment: Moment | undefined;
  /** The time of day even when it is midnight on the dot: a device's stream has readings at 0:00. */
  minute: Moment | undefined;
  /** Medications only: the strength written in the name or dose, in one unit ("0.5 mg/mL"). */
  strength: string;
  /** The same as the source wrote it ("500 mcg/mL"), for a reason a person reads. */
  strengthAsWritten: string;
  /** The strength was read from the dose ("30 units"), the name giving none: an amount taken, not the product's strength. */
  strengthFromDose: boolean;
  /** Medications only: the dose as an amount and a unit ("1 tablet"), when it starts with a number. */
  dose: Dose | undefined;
  /** Vitals only: the groups of LOINC codes a person reads as one measurement (weight measured or stated). */
  vitalGroups: string[];
}

const factsMemo = new WeakMap<RecordDraft, Facts>();

function factsOf(draft: RecordDraft): Facts {
  let facts = factsMemo.get(draft);
  if (!facts) {
    let codes = codeKeys(draft.codes ?? []);
    if (draft.kind === 'allergy') codes = codes.filter((code) => !ALLERGY_TYPE_CODES.has(code));
    if (draft.kind === 'problem') codes = codes.filter((code) => !GENERIC_PROBLEM_CODES.has(code));
    if (draft.kind === 'directive') codes = codes.filter((code) => !GENERIC_DIRECTIVE_CODES.has(code));
    const date = sortDate(draft);
    facts = {
      codes,
      codeSet: new Set(codes),
      systems: new Set(codes.map((code) => code.slice(0, code.indexOf(':')))),
      name: nameOf(draft),
      day: dayKey(date) ?? NO_DATE,
      moment: momentOf(date),
      minute: minuteOf(date),
      ...strengthsOf(draft),
      dose: draft.kind === 'medication' ? parseDose(draft.details.dose) : undefined,
      vitalGroups: draft.kind === 'vital' ? vitalGroupsOf(codes) : [],
    };
    factsMemo.set(draft, facts);
  }
  return facts;
}

function vitalGroupsOf(codes: readonly string[]): string[] {
  const groups = new Set<string>();
  for (const code of codes) if (code.startsWith('LOINC:')) {
    const group = trendGroupOf(code.slice(6));
    if (group) groups.add(group.id);
  }
  return [...groups];
}

function nameOf(draft: RecordDraft): string {
  switch (draft.kind) {
    case 'medication':
      return medicationIngredientKey(draft.title);
    case 'problem':
      return normalizeProblemName(draft.title);
    case 'allergy':
      return normalizeSubstanceName(draft.details.substance || draft.title);
    case 'encounter':
      return normalizeText(draft.details.encounterType || draft.title);
    case 'coverage':
      return normalizeText(draft.details.payer || draft.title);
    default:
      return normalizeText(draft.title);
  }
}

/**
 * Cheap keys that any possible match shares, for an indexed column: one per code (any
 * system, translations included) and one for the normalized name; point-in-time kinds add
 * the day. Empty for kinds that are never reconciled (notes, appointments, questions).
 */
export function blockingKeys(draft: RecordDraft): string[] {
  const prefix = KEY_PREFIX[draft.kind];
  if (!prefix) return [];
  const facts = factsOf(draft);
  const keys: string[] = [];
  switch (draft.kind) {
    case 'medication':
    case 'problem':
    case 'allergy':
      for (const code of facts.codes) addKey(keys, `${prefix}|${code}`);
      if (facts.name) addKey(keys, `${prefix}|name:${facts.name}`);
      return keys;
    case 'encounter':
      // Few encounters share a day, and the day alone covers every way two can match.
      addKey(keys, `${prefix}|${facts.day}`);
      return keys;
    case 'coverage': {
      const member = normalizeText(draft.details.memberId);
      if (member) addKey(keys, `${prefix}|member:${member}`);
      if (facts.name) addKey(keys, `${prefix}|name:${facts.name}`);
      return keys;
    }
    case 'claim': {
      const claimId = normalizeText(draft.details.claimId);
      if (claimId) addKey(keys, `${prefix}|id:${claimId}`);
      break;
    }
    default:
      break;
  }
  for (const code of facts.codes) addKey(keys, `${prefix}|${code}|${facts.day}`);
  if (facts.name) addKey(keys, `${prefix}|name:${facts.name}|${facts.day}`);
  for (const group of facts.vitalGroups) addKey(keys, `${prefix}|group:${group}|${facts.day}`);
  return keys;
}

// A function of the module rather than a closure made per call: V8 keeps a closure's
// optimized code only while some closure of it lives, so one made anew for every draft was
// compiled again after every major collection.
function addKey(keys: string[], key: string): void {
  if (!keys.includes(key)) keys.push(key);
}

/**
 * For a result or vital with a time of day, strings two such drafts at the same moment
 * (`sameMoment`) always share: its wall-clock minute and, when the source gave a zone, its
 * UTC minute. Undefined for a draft without a time (a date, or midnight on the dot) and for
 * other kinds. The import writer files a document's own readings under these, so a reading
 * is compared with the same document's readings of its minute, not with its whole day.
 */
export function momentKeys(draft: RecordDraft): string[] | undefined {
  if (draft.kind !== 'result' && draft.kind !== 'vital') return undefined;
  const moment = factsOf(draft).moment;
  if (!moment) return undefined;
  return moment.utc && moment.utc !== moment.wall ? [moment.wall, moment.utc] : [moment.wall];
}

type Verdict = { merge: true; score: number } | { merge: false; reason: string } | null;

/**
 * What to do with an incoming draft given the stored entries that share a blocking key:
 * merge into the best match, flag it as a possible duplicate of one, or keep it as new.
 * Deterministic: ties go to the lowest entry id.
 */
export function decide(incoming: RecordDraft, candidates: readonly Candidate[], incomingStream = false, incomingReadings?: () => DayReadings): Decision {
  if (!KEY_PREFIX[incoming.kind]) return { action: 'new' };
  let bestMerge: { id: number; score: number } | undefined;
  let firstDuplicate: { id: number; reason: string } | undefined;
  for (const candidate of candidates) {
    const verdict = compare(incoming, candidate, incomingStream, incomingReadings);
    if (!verdict) continue;
    if (verdict.merge) {
      if (
        !bestMerge ||
        verdict.score > bestMerge.score ||
        (verdict.score === bestMerge.score && candidate.id < bestMerge.id)
      ) {
        bestMerge = { id: candidate.id, score: verdict.score };
      }
    } else if (!firstDuplicate || candidate.id < firstDuplicate.id) {
      firstDuplicate = { id: candidate.id, reason: verdict.reason };
    }
  }
  if (bestMerge) return { action: 'merge', entryId: bestMerge.id };
  if (firstDuplicate) {
    return { action: 'possible-duplicate', ofEntryId: firstDuplicate.id, reason: firstDuplicate.reason };
  }
  return { action: 'new' };
}

/** How strongly two drafts name the same thing: 0 when they do not. */
function conceptMatch(a: Facts, b: Facts, nameOverridesCodes: boolean): number {
  let shared = 0;
  for (const code of a.codes) if (b.codeSet.has(code)) shared++;
  const sameName = a.name !== '' && a.name === b.name;
  if (shared > 0) return 2 * shared + (sameName ? 1 : 0);
  if (!sameName) return 0;
  // Both coded in one system yet no code shared: two different things with one name
  // ("Glucose" in serum and in urine), unless codes are known to vary for one concept.
  if (!nameOverridesCodes) for (const system of a.systems) if (b.systems.has(system)) return 0;
  return 1;
}

/** Kinds whose `not-done` is the source's negation of the finding or act (C-CDA negationInd). */
const NEGATABLE: ReadonlySet<EntryKind> = new Set(['result', 'vital', 'social', 'functional', 'family', 'encounter', 'procedure']);

function compare(incoming: RecordDraft, candidate: Candidate, incomingStream: boolean, incomingReadings: (() => DayReadings) | undefined): Verdict {
  const verdict = compareOfKind(incoming, candidate, incomingStream, incomingReadings);
  // One source says it was found or took place, the other that it was not: never one entry
  // (a merge would keep one of the two statuses and lose the other), but shown side by side.
  if (verdict?.merge && NEGATABLE.has(incoming.kind) && isNegated(incoming) !== isNegated(candidate.entry)) {
    return { merge: false, reason: 'Same entry, but one source says it is not so' };
  }
  return verdict;
}

function isNegated(draft: RecordDraft): boolean {
  return draft.status?.trim().toLowerCase() === 'not-done';
}

function compareOfKind(incoming: RecordDraft, candidate: Candidate, incomingStream: boolean, incomingReadings: (() => DayReadings) | undefined): Verdict {
  const existing = candidate.entry;
  if (incoming.kind !== existing.kind) return null;
  const a = factsOf(incoming);
  const b = factsOf(existing);
  switch (incoming.kind) {
    case 'medication':
      return compareMedications(incoming, existing, a, b, candidate.sources);
    case 'problem':
      return compareProblems(incoming, existing, a, b);
    case 'allergy':
      return compareAllergies(incoming, existing, a, b);
    case 'immunization':
      return compareImmunizations(incoming, existing, a, b);
    case 'result':
    case 'vital': {
      if (!streamsMeet(incoming, existing, a, b, incomingStream, candidate.stream)) return null;
      const verdict = compareObservations(incoming, existing, a, b, candidate.sameDocument === true);
      return verdict && fromTwoInstruments(candidate, incomingStream, incomingReadings) ? null : verdict;
    }
    case 'encounter':
      return compareEncounters(incoming, existing, a, b);
    case 'coverage':
      return compareCoverage(incoming, existing, a, b);
    case 'claim': {
      const ia = normalizeText(incoming.details.claimId);
      const ib = normalizeText(existing.details.claimId);
      if (ia && ib) {
        if (ia !== ib) return null;
        // One claim number on claims of different types (a pharmacy and an inpatient claim)
        // is two claims numbered alike, or a source's mistake: the person decides.
        return normalizeText(incoming.title) === normalizeText(existing.title)
          ? { merge: true, score: 10 }
          : { merge: false, reason: `Same claim number, different claim type: ${existing.title} vs ${incoming.title}` };
      }
      return compareDatedFacts(incoming, existing, a, b);
    }
    case 'directive': {
      // One directive date and category but one permitting and one refusing: never silently one.
      const pa = normalizeText(incoming.details.provision);
      const pb = normalizeText(existing.details.provision);
      if (pa && pb && pa !== pb) return compareDatedFacts(incoming, existing, a, b) ? { merge: false, reason: `Same directive, different provision: ${pb} vs ${pa}` } : null;
      // One source says the directive is not in place (C-CDA negationInd), the other that it is.
      if ((incoming.status === 'not-done') !== (existing.status === 'not-done')) {
        return compareDatedFacts(incoming, existing, a, b) ? { merge: false, reason: 'Same directive, but one source says it is not in place' } : null;
      }
      // About one thing ("Resuscitation") but deciding differently ("Do not resuscitate", "Full code").
      const differ = decisionsDiffer(incoming, existing);
      if (differ) {
        return compareDatedFacts(incoming, existing, a, b) ? { merge: false, reason: `Same directive, different decision: ${differ}` } : null;
      }
      return compareDatedFacts(incoming, existing, a, b);
    }
    case 'family': {
      const ra = normalizeText(incoming.details.relation);
      const rb = normalizeText(existing.details.relation);
      if (ra && rb && ra !== rb) return null;
      return compareDatedFacts(incoming, existing, a, b);
    }
    default:
      return compareDatedFacts(incoming, existing, a, b);
  }
}

/**
 * Two drafts with one name whose codes in one system disagree: a vendor may label one system
 * as another (UNII codes sent as RxNorm), so the person decides rather than two silent entries.
 */
function sameNameOtherCodes(a: Facts, b: Facts, what: string): Verdict {
  if (!a.name || a.name !== b.name || a.codes.length === 0 || b.codes.length === 0) return null;
  return { merge: false, reason: `Same ${what} name, different codes: ${b.codes.join(', ')} vs ${a.codes.join(', ')}` };
}

// ---- problems -------------------------------------------------------------------------

/**
 * Onset dates further apart than this are two occurrences of a problem (pneumonia in 1997
 * and again in 1999), not two sources disagreeing about one onset.
 */
export const EPISODE_WINDOW_DAYS = 90;

function compareProblems(incoming: RecordDraft, existing: RecordDraft, a: Facts, b: Facts): Verdict {
  const score = conceptMatch(a, b, false);
  if (!score) return sameNameOtherCodes(a, b, 'problem');
  const apart = daysApart(incoming.start, existing.start);
  if (apart === undefined) return { merge: true, score };
  // A long-lasting problem whose onset two sources give differently is still one problem; an
  // occurrence that was over before the other began is an episode of its own.
  const [earlier, later] = (dayKey(incoming.start) ?? '') < (dayKey(existing.start) ?? '') ? [incoming, existing] : [existing, incoming];
  if (apart > EPISODE_WINDOW_DAYS && isOver(earlier, later.start)) return null;
  return { merge: true, score: score + (apart <= EPISODE_WINDOW_DAYS ? 1 : 0) };
}

/** Days between two dates; undefined when either is missing or one contains the other ("1997" and "1997-06"). */
function daysApart(x: string | undefined, y: string | undefined): number | undefined {
  const dx = dayKey(x);
  const dy = dayKey(y);
  if (!dx || !dy || dx.startsWith(dy) || dy.startsWith(dx)) return undefined;
  const time = (d: string) => Date.parse(`${d}${'-01-01'.slice(d.length - 4)}T00:00:00Z`);
  return Math.abs(time(dx) - time(dy)) / 86_400_000;
}

function isOver(draft: RecordDraft, before: string | undefined): boolean {
  if (CLOSED_STATUSES.has(draft.status ?? '')) return true;
  const end = dayKey(draft.end);
  const next = dayKey(before);
  return Boolean(end && next && end <= next);
}

// ---- medications ----------------------------------------------------------------------

function compareMedications(incoming: RecordDraft, existing: RecordDraft, a: Facts, b: Facts, sources: Candidate['sources']): Verdict {
  // RxNorm codes differ between strengths and brands of one ingredient, so the ingredient
  // name decides even when the codes disagree; the dose check below catches real differences.
  const score = conceptMatch(a, b, true);
  if (!score || !periodsOverlap(incoming, existing)) return null;
  // A dose given once and a prescription of the same drug are two facts (issue #13).
  if (Boolean(incoming.details.oneTime) !== Boolean(existing.details.oneTime)) return null;
  // "Do not give" or "not taken" and a prescription of that drug are two facts: joined, the
  // prohibition would be one source's status among the prescription's.
  if (isNegated(incoming) !== isNegated(existing)) return null;
  const difference = doseDifference(incoming, existing, a, b);
  if (difference) return { merge: false, reason: `Same medicine, different dose: ${difference}` };
  // The entry's dose is its first source's: a bare "1" there let 40 units and then 30 units
  // of one insulin join it with no question asked. Each source's own dose must agree too.
  if (sources) {
    for (const source of sources()) {
      const other = doseDifference(incoming, source, a, factsOf(source));
      if (other) return { merge: false, reason: `Same medicine, different dose: ${other}` };
    }
  }
  return { merge: true, score };
}

/**
 * "40 units vs 30 units" when two records of one medicine give doses reconciliation calls
 * different (as `decide` compares them); undefined when they agree or cannot be compared.
 */
export function medicationDoseDifference(existing: RecordDraft, incoming: RecordDraft): string | undefined {
  return doseDifference(incoming, existing, factsOf(incoming), factsOf(existing));
}

/**
 * What `decide` reads of a medication record's dose: records with one key are never told
 * apart by it, so a list of an entry's sources needs each key once.
 */
export function medicationDoseKey(draft: RecordDraft): string {
  return `${draft.title}\u0000${draft.codes?.[0]?.display ?? ''}\u0000${doseRead(draft.details.dose) ?? ''}`;
}

/** A dose as reconciliation reads it: the placeholder 0 (readable/dose.ts) is no dose. */
function doseRead(dose: string | undefined): string | undefined {
  return isPlaceholderDose(dose) ? undefined : dose;
}

type Strengths = Pick<Facts, 'strength' | 'strengthAsWritten' | 'strengthFromDose'>;
type DoseFacts = Strengths & Pick<Facts, 'dose'>;

/** "500 mg vs 1000 mg" or "30 units vs 40 units" when two records of one medicine give different doses. */
function doseDifference(incoming: RecordDraft, existing: RecordDraft, a: DoseFacts, b: DoseFacts): string | undefined {
  const sa = a.strength;
  const sb = b.strength;
  // An amount taken ("30 units", from a dose) says nothing against a product's concentration
  // ("100 units/mL", from a name): the doses below are what to compare then.
  const comparable = !(a.strengthFromDose || b.strengthFromDose) || sa.includes('/') === sb.includes('/');
  if (sa && sb && sa !== sb && comparable) return `${b.strengthAsWritten} vs ${a.strengthAsWritten}`;
  return differentDoses(existing.details.dose, incoming.details.dose, b.dose, a.dose) ?? volumeAgainstUnits(existing, incoming, b.dose, a.dose);
}

const UNIT_WORDS = new Set(['unit', 'u', 'iu', 'unt']);
/** "100 UNT/ML", "100 units/mL", "100 unit per 1 mL": units per one mL as the product's own name says it. */
const UNITS_PER_ML = /(\d+(?:\.\d+)?)\s*(?:units?|unt|iu|u)\s*(?:\/|per)\s*(?:1\s*)?ml\b/i;

function unitsPerMl(draft: RecordDraft): number | undefined {
  for (const text of [draft.title, ...(draft.codes ?? []).map((c) => c.display)]) {
    const match = text ? UNITS_PER_ML.exec(text) : null;
    if (match) return Number(match[1]);
  }
  return undefined;
}

/**
 * "0.36 ml vs 30.0 units" when a dose in mL and one in units differ once the mL are read at the
 * concentration the product's own name gives ("Insulin Glargine 100 UNT/ML": 0.36 mL is 36
 * units). Without such a name, or when the two names give two concentrations, they are not
 * compared (as before): nothing here ever makes a merge that was not made without it.
 */
function volumeAgainstUnits(existing: RecordDraft, incoming: RecordDraft, pa: Dose | undefined, pb: Dose | undefined): string | undefined {
  if (!pa || !pb) return undefined;
  const [volume, units] = pa.unit === 'ml' && UNIT_WORDS.has(pb.unit) ? [pa, pb] : pb.unit === 'ml' && UNIT_WORDS.has(pa.unit) ? [pb, pa] : [];
  if (!volume || !units) return undefined;
  const x = unitsPerMl(existing);
  const y = unitsPerMl(incoming);
  const concentration = x ?? y;
  if (concentration === undefined || (x !== undefined && y !== undefined && x !== y)) return undefined;
  const inUnits = volume.amount * concentration;
  if (Math.abs(inUnits - units.amount) <= 1e-9 * Math.max(inUnits, units.amount)) return undefined;
  return `${existing.details.dose?.trim()} vs ${incoming.details.dose?.trim()}`;
}

function strengthsOf(draft: RecordDraft): Strengths {
  if (draft.kind !== 'medication') return { strength: '', strengthAsWritten: '', strengthFromDose: false };
  const { strengths: written, fromDose } = strengthsWritten(draft);
  return { strength: written.map(canonicalStrength).join(' / '), strengthAsWritten: written.join(' / '), strengthFromDose: fromDose };
}

function strengthsWritten(draft: RecordDraft): { strengths: readonly string[]; fromDose: boolean } {
  let strengths = medicationStrengths(draft.title);
  if (strengths.length === 0) strengths = medicationStrengths(draft.codes?.[0]?.display);
  let fromDose = false;
  const dose = doseRead(draft.details.dose);
  if (strengths.length === 0 && /\d\s*(mg|mcg|µg|ug|g|meq|units?|iu)\b/i.test(dose ?? '')) {
    strengths = medicationStrengths(dose);
    fromDose = strengths.length > 0;
  }
  // "100 GM per 1000 ML" is read as two strengths, a mass and a volume: one concentration.
  if (strengths.length === 2 && /^[\d.]+ (mg|mcg|g)$/.test(strengths[0]!) && /^[\d.]+ mL$/.test(strengths[1]!)) {
    strengths = [`${strengths[0]}/${strengths[1]}`];
  }
  return { strengths, fromDose };
}

const MASS_IN_MG: Record<string, number> = { mg: 1, mcg: 0.001, g: 1000 };
const VOLUME_IN_ML: Record<string, number> = { mL: 1, l: 1000 };

/**
 * One strength in one form: masses in mg, per one mL, so "500 mcg/mL", "0.5 mg/1 mL" and
 * "0.5 mg/mL" (darbepoetin from two sources) are one strength, as are "10 g/100 mL" and
 * "100 g/1000 mL". A total ("100 g") and a concentration ("100 mg/mL") stay different.
 */
function canonicalStrength(strength: string): string {
  const match = /^(\d+(?:\.\d+)?) (\S+?)(?:\/(?:(\d+(?:\.\d+)?) )?(\S+))?$/.exec(strength);
  if (!match) return strength;
  const [, amountText, unit = '', perText, perUnit] = match;
  const mass = MASS_IN_MG[unit];
  let amount = Number(amountText) * (mass ?? 1);
  const shownUnit = mass === undefined ? unit : 'mg';
  if (!perUnit) return `${Number(amount.toPrecision(6))} ${shownUnit}`;
  const volume = VOLUME_IN_ML[perUnit];
  if (volume === undefined) return `${Number(amount.toPrecision(6))} ${shownUnit}/${perText ? `${perText} ` : ''}${perUnit}`;
  amount /= (perText ? Number(perText) : 1) * volume;
  return `${Number(amount.toPrecision(6))} ${shownUnit}/mL`;
}

/** "1 tablet vs 2 tablets" when two doses are written in the same unit with different amounts. */
function differentDoses(existing: string | undefined, incoming: string | undefined, pa: Dose | undefined, pb: Dose | undefined): string | undefined {
  if (!pa || !pb || pa.unit !== pb.unit || pa.amount === pb.amount) return undefined;
  return `${existing?.trim()} vs ${incoming?.trim()}`;
}

interface Dose {
  amount: number;
  unit: string;
}

function parseDose(dose: string | undefined): Dose | undefined {
  if (isPlaceholderDose(dose)) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)/.exec(normalizeText(dose));
  if (!match) return undefined;
  return { amount: Number(match[1]), unit: (match[2] ?? '').replace(/s$/, '') };
}

/** Whether two entries' active periods overlap; an unknown bound is open. */
function periodsOverlap(x: RecordDraft, y: RecordDraft): boolean {
  const lower = (date: string | undefined) => dayKey(date) ?? '';
  const upper = (date: string | undefined) => {
    const day = dayKey(date);
    return day ? `${day}\uffff` : '\uffff';
  };
  return lower(x.start) <= upper(y.end) && lower(y.start) <= upper(x.end);
}

// ---- allergies --------------------------------------------------------------------------

function compareAllergies(incoming: RecordDraft, existing: RecordDraft, a: Facts, b: Facts): Verdict {
  // An allergy names a substance: one substance name is one allergy, whatever codes two
  // sources chose for it (ingredient or salt, or a vendor's UNII labelled RxNorm: ampicillin
  // as RxNorm 733 and 81953). Kept apart, it was listed twice on the visit summary; merged,
  // both codes, every reaction and severity are kept, and the person can separate them.
  const score = conceptMatch(a, b, true);
  if (!score) return null;
  const sa = normalizeText(incoming.details.severity);
  // A merged entry keeps every severity its sources gave ("Moderate; Severe").
  const sb = splitUnion(existing.details.severity).map(normalizeText);
  if (sa && sb.length && !sb.includes(sa)) {
    return {
      merge: false,
      reason: `Same allergy, different severity: ${existing.details.severity} vs ${incoming.details.severity}`,
    };
  }
  return { merge: true, score };
}

// ---- immunizations ----------------------------------------------------------------------

function compareImmunizations(incoming: RecordDraft, existing: RecordDraft, a: Facts, b: Facts): Verdict {
  if (a.day !== b.day) return null;
  const score = conceptMatch(a, b, false);
  if (!score) return a.day === NO_DATE ? null : sameNameOtherCodes(a, b, 'vaccine');
  const notGiven = (d: RecordDraft) => Boolean(d.details.refused) || d.status === 'not-done';
  if (notGiven(incoming) !== notGiven(existing)) {
    return { merge: false, reason: 'Same vaccine on the same day, but one record says it was not given' };
  }
  const la = lotNumber(incoming.details.lotNumber);
  const lb = lotNumber(existing.details.lotNumber);
  if (la && lb && la !== lb) {
    return {
      merge: false,
      reason: `Same vaccine on the same day, different lot number: ${existing.details.lotNumber} vs ${incoming.details.lotNumber}`,
    };
  }
  return { merge: true, score };
}

/** Lot numbers that say none was recorded ("unknown", "N/A", "No") are no lot number. */
const NO_LOT = new Set(['unknown', 'unk', 'no', 'none', 'n a', 'na', 'not available', 'not recorded', 'null', 'nil', '0']);

function lotNumber(text: string | undefined): string {
  const lot = normalizeText(text);
  return NO_LOT.has(lot) ? '' : lot;
}

// ---- results and vitals -----------------------------------------------------------------

/** A time of day as the source wrote it (wall clock) and, when it gave a zone, in UTC. */
interface Moment {
  wall: string;
  utc?: string;
}

function momentOf(date: string | undefined): Moment | undefined {
  const minute = minuteKey(date);
  if (!date || !minute) return undefined;
  // Midnight on the dot is how many systems write a date without a time.
  if (/T00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.test(date.trim())) return undefined;
  const wall = date.trim().slice(0, 16);
  return minute.endsWith('Z') ? { wall, utc: minute.slice(0, -1) } : { wall };
}

/**
 * Whether two times name the same minute: in UTC when both gave a zone; a time without a
 * zone is one system's wall clock, so it matches the other's time as written or in UTC.
 */
function sameMoment(x: Moment, y: Moment): boolean {
  if (x.utc && y.utc) return x.utc === y.utc;
  return x.wall === y.wall || (x.utc ?? x.wall) === (y.utc ?? y.wall);
}

function minuteOf(date: string | undefined): Moment | undefined {
  const minute = minuteKey(date);
  if (!date || !minute) return undefined;
  const wall = date.trim().slice(0, 16);
  return minute.endsWith('Z') ? { wall, utc: minute.slice(0, -1) } : { wall };
}

/**
 * Whether a result or vital is one of a device's readings: from a device's own export, or one
 * of at least STREAM_MOMENTS readings of its measurement at different times of its day in its
 * document (`streamReadings`), or a day's summary of such readings.
 */
export function isStreamReading(draft: RecordDraft, fromDevice: boolean, inSeries: boolean): boolean {
  return (draft.kind === 'result' || draft.kind === 'vital') && (fromDevice || inSeries || draft.details.readings !== undefined);
}

/** The keys a document's series are counted under: each code of the draft, on its day. */
export function seriesKeys(draft: RecordDraft): string[] {
  const prefix = KEY_PREFIX[draft.kind];
  if (draft.kind !== 'result' && draft.kind !== 'vital') return [];
  const facts = factsOf(draft);
  return facts.codes.map((code) => `${prefix}|${code}|${facts.day}`);
}

/** Whether dates of one measurement on one day in one document hold STREAM_MOMENTS different times. */
export function holdsSeries(dates: Iterable<string | undefined>): boolean {
  const moments = new Set<string>();
  for (const date of dates) {
    const moment = momentOf(date);
    if (moment) moments.add(moment.utc ?? moment.wall);
    if (moments.size >= STREAM_MOMENTS) return true;
  }
  return false;
}

/** The results and vitals of one document that are readings of a series (`isStreamReading`). */
export function seriesReadings(records: readonly RecordDraft[]): Set<RecordDraft> {
  const dates = new Map<string, (string | undefined)[]>();
  for (const record of records) for (const key of seriesKeys(record)) {
    const list = dates.get(key);
    if (list) list.push(sortDate(record));
    else dates.set(key, [sortDate(record)]);
  }
  const series = new Set<string>();
  for (const [key, list] of dates) if (holdsSeries(list)) series.add(key);
  const result = new Set<RecordDraft>();
  if (series.size === 0) return result;
  for (const record of records) if (seriesKeys(record).some((key) => series.has(key))) result.add(record);
  return result;
}

/**
 * A device's stream reading is timed by the device when it was taken: it is the same reading
 * as another only at the same minute (the same sample in two exports, or in the device's app
 * and in Apple Health), midnight included. Another reading of that day, a clinic's at 10:15 or
 * a date without a time, is another measurement, whatever its value: the rule "same value on
 * the same day at different times, from two documents" flagged a clinic's heart rate against
 * every watch sample of that day with the same value (57,000 pairs in a profile of two million
 * readings), and a date-only reading merged with the first sample of that value. A daily
 * summary of readings (a mean) is never the same as one reading.
 */
function streamsMeet(incoming: RecordDraft, existing: RecordDraft, a: Facts, b: Facts, incomingStream: boolean, stream: Candidate['stream']): boolean {
  if ((incoming.details.readings === undefined) !== (existing.details.readings === undefined)) return false;
  // At one moment both ways of reading the time agree: nothing else to ask.
  if (a.moment && b.moment && sameMoment(a.moment, b.moment)) return true;
  // Only a reading at midnight reads differently as a stream's (a time) and otherwise (a date).
  const existingStream = () => (typeof stream === 'function' ? stream() : stream === true);
  const bStream = incomingStream && b.moment ? true : existingStream();
  if (!incomingStream && !bStream) return true;
  const ma = incomingStream ? a.minute : a.moment;
  const mb = bStream ? b.minute : b.moment;
  if (!ma && !mb) return true;
  return ma !== undefined && mb !== undefined && sameMoment(ma, mb);
}

/**
 * Whether two device readings of one minute from two sources are two instruments' readings
 * (`twoInstruments`): then they are neither merged nor flagged, whatever their values.
 */
function fromTwoInstruments(candidate: Candidate, incomingStream: boolean, incomingReadings: (() => DayReadings) | undefined): boolean {
  if (!incomingStream || candidate.sameDocument || !incomingReadings || !candidate.readings) return false;
  const stream = candidate.stream;
  if (!(typeof stream === 'function' ? stream() : stream === true)) return false;
  return twoInstruments(incomingReadings(), candidate.readings());
}

/** How many different minutes the dates of one measurement on one day hold (midnight included: a stream has readings at 0:00). */
export function minutesIn(dates: Iterable<string | undefined>): number {
  const minutes = new Set<string>();
  for (const date of dates) {
    const minute = minuteOf(date);
    if (minute) minutes.add(minute.utc ?? minute.wall);
  }
  return minutes.size;
}

/**
 * For one document's records, a lookup of how many different minutes of its day a record's
 * measurement is read at in that document (the largest over its codes); built on first use,
 * which only a pair of device readings of one minute needs.
 */
export function documentDayReadings(records: readonly RecordDraft[]): (draft: RecordDraft) => number {
  let counts: Map<string, number> | undefined;
  return (draft) => {
    if (!counts) {
      const dates = new Map<string, string[]>();
      for (const record of records) for (const key of seriesKeys(record)) {
        const date = sortDate(record);
        if (!date) continue;
        const list = dates.get(key);
        if (list) list.push(date);
        else dates.set(key, [date]);
      }
      counts = new Map([...dates].map(([key, list]) => [key, minutesIn(list)]));
    }
    let most = 0;
    for (const key of seriesKeys(draft)) most = Math.max(most, counts.get(key) ?? 0);
    return most;
  };
}

function compareObservations(incoming: RecordDraft, existing: RecordDraft, a: Facts, b: Facts, sameDocument: boolean): Verdict {
  if (a.day !== b.day) return null;
  const score = conceptMatch(a, b, false);
  const what = incoming.kind === 'vital' ? 'measurement' : 'test';
  if (!score) {
    // Weight "measured" and weight "stated" (LOINC 3141-9, 29463-7) are one measurement to a
    // person; two codes are never merged, but one value under both on one day is flagged.
    if (!a.vitalGroups.some((g) => b.vitalGroups.includes(g)) || !valuesAgree(existing, incoming)) return null;
    if (sameDocument && a.moment && b.moment && !sameMoment(a.moment, b.moment)) return null;
    return { merge: false, reason: `Same measurement under two codes, same value on the same day: ${b.codes.join(', ')} vs ${a.codes.join(', ')}` };
  }
  if (a.moment && b.moment && !sameMoment(a.moment, b.moment)) {
    // Two times on one day are two measurements, and in one document they are a series
    // (temperatures every four hours). From two documents with one value, they are as likely
    // one reading that two systems timed differently (the panel's time, the reading's time):
    // the person decides rather than a silent second entry or a silent merge.
    if (sameDocument || !valuesAgree(existing, incoming)) return null;
    return {
      merge: false,
      reason: `Same ${what} and value on the same day, different times: ${b.moment.wall.slice(11)} vs ${a.moment.wall.slice(11)}`,
    };
  }
  if (!valuesAgree(existing, incoming)) {
    // A device's stream read at exactly midnight has no time for matching (midnight is how
    // many systems write a date); in one document it is one reading of a series like the
    // others, not the same measurement written twice. Flagged, every reading of its day became
    // a pair to review (647,000 in a profile of two years of 5-minute sensor readings).
    if (sameDocument && !a.moment !== !b.moment) return null;
    return {
      merge: false,
      reason: `Same ${what} at the same time, different value: ${formatValue(existing.value)} vs ${formatValue(incoming.value)}`,
    };
  }
  return { merge: true, score };
}

function formatValue(value: Quantity | undefined): string {
  if (!value) return 'no value';
  const shown = value.text ?? (value.number === undefined ? '' : String(value.number));
  return value.unit && !shown.includes(value.unit) ? `${shown} ${value.unit}` : shown || 'no value';
}

function firstLoinc(draft: RecordDraft): string | undefined {
  for (const code of draft.codes ?? []) {
    const key = codeKey(code);
    if (key?.startsWith('LOINC:')) return key.slice(6);
  }
  return undefined;
}

/**
 * Whether two observations report the same value. A value missing on one side agrees (the
 * merge fills it in). Values in different units are compared after conversion, within half
 * a unit in the last digit the source printed.
 */
function valuesAgree(x: RecordDraft, y: RecordDraft): boolean {
  const vx = x.value;
  const vy = y.value;
  if (!hasValue(vx) || !hasValue(vy)) return true;
  if (vx.number !== undefined && vy.number !== undefined) {
    if (toUcum(vx.unit) === toUcum(vy.unit)) return vx.number === vy.number;
    const loinc = firstLoinc(x) ?? firstLoinc(y);
    const weight = loinc ? MOLECULAR_WEIGHTS[loinc] : undefined;
    return closeAfterConversion(vx, vy, weight) || closeAfterConversion(vy, vx, weight);
  }
  return normalizeText(vx.text ?? String(vx.number)) === normalizeText(vy.text ?? String(vy.number));
}

/** A null-flavored value (Quantity.nullFlavor) is no answer, so it disagrees with none. */
function hasValue(value: Quantity | undefined): value is Quantity {
  return value !== undefined && !value.nullFlavor && (value.number !== undefined || Boolean(value.text?.trim()));
}

function closeAfterConversion(from: Quantity, to: Quantity, weight: number | undefined): boolean {
  const converted = convertValue(from.number ?? NaN, from.unit, to.unit, weight);
  if (!converted.ok || to.number === undefined) return false;
  const printed = to.text && /^\s*-?\d/.test(to.text) ? to.text.trim() : String(to.number);
  const decimals = /\.(\d+)/.exec(printed)?.[1]?.length ?? 0;
  return Math.abs(converted.value - to.number) <= 0.5 * 10 ** -decimals + 1e-9 * Math.abs(to.number);
}

// ---- encounters, coverage and the rest --------------------------------------------------

function compareEncounters(incoming: RecordDraft, existing: RecordDraft, a: Facts, b: Facts): Verdict {
  if (a.day !== b.day) return null;
  const la = normalizeText(incoming.details.location);
  const lb = normalizeText(existing.details.location);
  if (la && lb && la !== lb) return null;
  const score = conceptMatch(a, b, false);
  return score ? { merge: true, score: score + (la && la === lb ? 1 : 0) } : null;
}

function compareCoverage(incoming: RecordDraft, existing: RecordDraft, a: Facts, b: Facts): Verdict {
  const ma = normalizeText(incoming.details.memberId);
  const mb = normalizeText(existing.details.memberId);
  if (ma && mb) {
    if (ma !== mb) return null;
    // One member number holds several plans (Medicare Part A, B, C, D): each is its own
    // coverage with its own status and period. A plan named in one source and only the
    // program in another ("Medicare" and "Medicare Part B") is the same coverage.
    const ta = normalizeText(incoming.title);
    const tb = normalizeText(existing.title);
    if (ta === tb) return { merge: true, score: 10 };
    return containsWords(ta, tb) || containsWords(tb, ta) ? { merge: true, score: 5 } : null;
  }
  return a.name && a.name === b.name ? { merge: true, score: 1 } : null;
}

function containsWords(whole: string, part: string): boolean {
  return part !== '' && ` ${whole} `.includes(` ${part} `);
}

/** Procedures, plans, social and functional facts, family history: same thing, same day. */
/**
 * "Do not resuscitate vs Full code" when two directives' decisions differ: by codes when both
 * give codes (one code shared is one decision, whatever words each source used), else by words.
 */
function decisionsDiffer(incoming: RecordDraft, existing: RecordDraft): string | undefined {
  const ci = codeKeys(incoming.details.provisionCodes ?? []);
  const ce = codeKeys(existing.details.provisionCodes ?? []);
  const wi = incoming.details.provisionText ?? incoming.details.provisionCodes?.[0]?.display;
  const we = existing.details.provisionText ?? existing.details.provisionCodes?.[0]?.display;
  const differ = ci.length > 0 && ce.length > 0 ? !ci.some((c) => ce.includes(c)) : Boolean(wi && we && normalizeText(wi) !== normalizeText(we));
  return differ ? `${we ?? ce.join(', ')} vs ${wi ?? ci.join(', ')}` : undefined;
}

function compareDatedFacts(incoming: RecordDraft, existing: RecordDraft, a: Facts, b: Facts): Verdict {
  if (a.day !== b.day) return null;
  const score = conceptMatch(a, b, false);
  if (!score) return null;
  if (!valuesAgree(existing, incoming)) {
    return {
      merge: false,
      reason: `Same entry on the same day, different value: ${formatValue(existing.value)} vs ${formatValue(incoming.value)}`,
    };
  }
  return { merge: true, score };
}

// ---- merging ----------------------------------------------------------------------------

const CLOSED_STATUSES = new Set(['resolved', 'inactive', 'completed', 'stopped', 'cancelled', 'refused', 'not-done']);

/** The newest document date each side was seen in, when known: the newer source's status wins. */
export interface MergeDates {
  existing?: string | undefined;
  incoming?: string | undefined;
}

/**
 * The reconciled entry for two drafts of the same thing: codes united, the widest date
 * range (the more precise form when both name the same moment), the newer source's status
 * (else the more specific one), the richer value, the first draft's narrative, details
 * filled from whichever has them and every severity either gave.
 * Pure and deterministic; neither input is modified.
 */
export function mergeDrafts(existing: RecordDraft, incoming: RecordDraft, dates: MergeDates = {}): RecordDraft {
  const start = pickDate(existing.start, incoming.start, 'earliest');
  const newer = newerSide(dates);
  const newerDraft = newer === 'incoming' ? incoming : newer === 'existing' ? existing : undefined;
  // An end an older source gave is over when the newer source says the thing goes on
  // ("Active", no end): the merged entry read "Active, ended 2012". The older end stays in
  // its source's record, shown under that source.
  const goesOn = newerDraft !== undefined && newerDraft.status === 'active' && !newerDraft.end;
  const end = goesOn ? undefined : pickDate(existing.end, incoming.end, 'latest');
  const merged: RecordDraft = {
    kind: existing.kind,
    title: existing.title.trim() ? existing.title : incoming.title,
    codes: mergeCodes(existing.codes ?? [], incoming.codes ?? []),
    details: mergeDetails(existing.details, incoming.details, newer, existing.kind === 'medication'),
  };
  const status =
    newer && known(existing.status) && known(incoming.status)
      ? (newer === 'incoming' ? incoming.status : existing.status)
      : mergeStatus(existing.status, incoming.status, end !== undefined);
  if (status !== undefined) merged.status = status;
  if (start !== undefined) merged.start = start;
  if (end !== undefined) merged.end = end;
  const value = richer(existing.value, incoming.value, quantityScore);
  if (value) merged.value = { ...value };
  const range = richer(existing.referenceRange, incoming.referenceRange, (r) =>
    (r.low !== undefined ? 2 : 0) + (r.high !== undefined ? 2 : 0) + (r.unit ? 1 : 0) + (r.text ? 1 : 0),
  );
  if (range) merged.referenceRange = { ...range };
  const interpretation = existing.interpretation || incoming.interpretation;
  if (interpretation) merged.interpretation = interpretation;
  const narrative = existing.narrative || incoming.narrative;
  if (narrative) merged.narrative = narrative;
  const sourceLocation = existing.sourceLocation || incoming.sourceLocation;
  if (sourceLocation) merged.sourceLocation = sourceLocation;
  return merged;
}

/** One source's record of an entry and the date of the document it came from. */
export interface SourceRecord {
  original: RecordDraft;
  documentDate?: string | undefined;
}

/**
 * The entry that several sources' records make together: merged oldest document first, so
 * each step knows the newer side and the newest source's status stands. The same rule for
 * a merge by hand, a split and an undone merge, so the result never depends on which entry
 * was kept. Undefined for no records.
 */
export function mergeSourceRecords(records: readonly SourceRecord[]): RecordDraft | undefined {
  const ordered = [...records].sort((x, y) => (x.documentDate ?? '').localeCompare(y.documentDate ?? ''));
  let merged: RecordDraft | undefined;
  let newest: string | undefined;
  for (const record of ordered) {
    merged = merged ? mergeDrafts(merged, record.original, { existing: newest, incoming: record.documentDate }) : record.original;
    if (record.documentDate && (!newest || record.documentDate > newest)) newest = record.documentDate;
  }
  return merged;
}

function pickDate(x: string | undefined, y: string | undefined, which: 'earliest' | 'latest'): string | undefined {
  if (!x) return y || undefined;
  if (!y) return x;
  // One is the other at finer precision: the same moment, keep the precise form.
  if (x.startsWith(y)) return x;
  if (y.startsWith(x)) return y;
  if (which === 'earliest') return x <= y ? x : y;
  return x >= y ? x : y;
}

const known = (status: string | undefined): boolean => Boolean(status) && status !== 'unknown';

/** Which side's source is newer by document day; undefined when either is unknown or both are one day. */
function newerSide(dates: MergeDates): 'existing' | 'incoming' | undefined {
  const x = dayKey(dates.existing);
  const y = dayKey(dates.incoming);
  if (!x || !y || x.startsWith(y) || y.startsWith(x)) return undefined;
  return y > x ? 'incoming' : 'existing';
}

/**
 * Without document dates to tell which source is newer: a known status over none, and when
 * two disagree, an end date means the thing is over.
 */
function mergeStatus(x: string | undefined, y: string | undefined, hasEnd: boolean): string | undefined {
  if (!known(x)) return known(y) ? y : x || y || undefined;
  if (!known(y) || x === y) return x;
  // Two different known statuses: an end date means the thing is over.
  if (hasEnd) return CLOSED_STATUSES.has(x ?? '') ? x : CLOSED_STATUSES.has(y ?? '') ? y : x;
  return x === 'active' || y !== 'active' ? x : y;
}

function mergeCodes(first: readonly Code[], second: readonly Code[]): Code[] {
  const result: Code[] = [];
  const index = new Map<string, number>();
  for (const code of [...first, ...second]) {
    const key = codeKey(code) ?? `display:${normalizeText(code.display)}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, result.length);
      result.push({ ...code });
    } else if (!result[at]?.display && code.display) {
      result[at] = { ...(result[at] as Code), display: code.display };
    }
  }
  return result;
}

function quantityScore(q: Quantity): number {
  if (q.nullFlavor) return 0;
  return (q.number !== undefined ? 4 : 0) + (q.unit ? 2 : 0) + (q.text ? 1 : 0);
}

function richer<T>(x: T | undefined, y: T | undefined, score: (value: T) => number): T | undefined {
  if (!x) return y;
  if (!y) return x;
  return score(y) > score(x) ? y : x;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Details where two sources that disagree are both kept, the newer source's first. */
const UNITED_TEXT = new Set(['severity', 'asNeededFor', 'additionalInstruction']);
/** Details that are the latest of the sources' dates, whichever source is newer. */
const LATEST_DATE = new Set(['lastOccurrence']);
const UNION_SEPARATOR = '; ';

function splitUnion(text: string | undefined): string[] {
  return (text ?? '').split(UNION_SEPARATOR).map((t) => t.trim()).filter(Boolean);
}

function unionText(first: string, second: string): string {
  const parts = splitUnion(first);
  for (const part of splitUnion(second)) if (!parts.some((p) => normalizeText(p) === normalizeText(part))) parts.push(part);
  return parts.join(UNION_SEPARATOR);
}

function mergeDetails(x: RecordDraft['details'], y: RecordDraft['details'], newer: 'existing' | 'incoming' | undefined, medicine: boolean): RecordDraft['details'] {
  const merged: Record<string, unknown> = {};
  const keys = [...Object.keys(x ?? {}), ...Object.keys(y ?? {}).filter((key) => !(key in (x ?? {})))];
  for (const key of keys) {
    const a = (x as Record<string, unknown>)[key];
    const b = (y as Record<string, unknown>)[key];
    if (UNITED_TEXT.has(key) && typeof a === 'string' && typeof b === 'string' && a.trim() && b.trim()) {
      merged[key] = newer === 'incoming' ? unionText(b, a) : unionText(a, b);
    } else if (LATEST_DATE.has(key) && typeof a === 'string' && typeof b === 'string') {
      merged[key] = pickDate(a, b, 'latest');
    } else if (Array.isArray(a) && Array.isArray(b)) {
      merged[key] = unionArray(a, b);
    } else if (medicine && key === 'dose' && isPlaceholderDose(a as string | undefined) && !isEmpty(b)) {
      // A medicine's placeholder 0 is no dose: a dose another source gives is the one to show.
      // Only medicines: a vaccine's entry keeps its first dose, whose "0" reads as none at read
      // time (readable/dose.ts), rather than a next source's dose that is as often noise ("11.0000 %").
      merged[key] = b;
    } else if (!isEmpty(a)) {
      merged[key] = Array.isArray(a) ? [...a] : a;
    } else if (!isEmpty(b)) {
      merged[key] = Array.isArray(b) ? [...b] : b;
    }
  }
  return merged as RecordDraft['details'];
}

function unionArray(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  const result: unknown[] = [];
  for (const item of [...a, ...b]) {
    const key =
      typeof item === 'string'
        ? `s:${normalizeText(item)}`
        : item && typeof item === 'object' && 'code' in item
          ? `c:${codeKey(item as Code) ?? JSON.stringify(item)}`
          : JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(typeof item === 'object' && item !== null ? { ...item } : item);
  }
  return result;
}
