// The doses a profile's record gives the forecaster: completed immunizations with a full date and
// a CVX code CDC's supporting data knows — or, without a CVX code, a name that is exactly (after
// normalizing case, accents and punctuation) one vaccine's name in that data. Everything else is
// listed with the reason it was not counted, so the person can see it. Nothing is guessed: a name
// that is close, partial or shared by two vaccines is not matched, since a wrong dose would
// change the forecast.
import type { StoredEntry } from '../records/model.ts';
import { parseIsoDate, type Day } from './dates.ts';
import { cvxKey, type SupportingData } from './supporting-data.ts';
import type { HandChosenVaccine, NotCountedDose, NotCountedWhy } from './types.ts';

/** The person's choice of vaccine for a dose the record gave without a usable CVX code. */
export interface ChosenVaccine {
  entryId: number;
  cvx: string;
  statedAt: string;
}

export interface RecordDoses {
  doses: { date: Day; cvx: string; mvx: string | null }[];
  notCounted: NotCountedDose[];
  /** Doses counted by their name because the record gave no CVX code (shown so the person can check). */
  matchedByName: { entryId: number; title: string; cvx: string; name: string }[];
  /** Doses counted by the vaccine the person chose for them. */
  handChosen: HandChosenVaccine[];
}

const CVX_SYSTEMS = new Set(['CVX', '2.16.840.1.113883.12.292', 'http://hl7.org/fhir/sid/cvx']);
/** Statuses of a dose that was given; a missing status is how most sources say it. */
const GIVEN = new Set(['completed']);

const REASONS: Record<NotCountedWhy, (detail: string) => string> = {
  'not-given': (status) => `The record says "${status}", not that the dose was given.`,
  'no-day': (date) => `The record gives only "${date}" as the date, not the day.`,
  'no-date': () => 'The record gives no date.',
  'before-birth': () => 'The record dates this dose before the birth date.',
  'no-cvx': () => "The record gives no CVX code for this vaccine, and its name is not exactly one of the vaccine names in CDC's list.",
  'unknown-cvx': (cvx) => `CVX ${cvx} is not in CDC's supporting data.`,
};

/** Lower case, no accents, punctuation and runs of spaces as one space: "Hep B, adult" = "hep b adult". */
export function normalizeVaccineName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const nameIndexes = new WeakMap<SupportingData, Map<string, string[]>>();

/** Normalized name → the CVX codes that carry it (more than one means the name cannot decide). */
function nameIndex(data: SupportingData): Map<string, string[]> {
  let index = nameIndexes.get(data);
  if (!index) {
    index = new Map();
    for (const entry of data.cvx.values()) {
      const key = normalizeVaccineName(entry.name);
      if (key === '') continue;
      const codes = index.get(key) ?? [];
      if (!codes.includes(entry.cvx)) codes.push(entry.cvx);
      index.set(key, codes);
    }
    nameIndexes.set(data, index);
  }
  return index;
}

/** The one CVX code every name the entry gives points to, or null when none or several do. */
export function cvxByName(names: readonly string[], data: SupportingData): string | null {
  const index = nameIndex(data);
  const found = new Set<string>();
  for (const name of names) {
    const codes = index.get(normalizeVaccineName(name));
    if (!codes) continue;
    if (codes.length > 1) return null;
    found.add(codes[0]!);
  }
  return found.size === 1 ? [...found][0]! : null;
}

/** The antigens a vaccine carries, as one key: two vaccines with the same antigens given the same day are one dose twice recorded. */
function antigensKey(cvx: string, data: SupportingData): string {
  const antigens = new Set((data.cvx.get(cvxKey(cvx))?.associations ?? []).map((a) => a.antigen));
  return antigens.size > 0 ? [...antigens].sort().join('+') : `cvx:${cvxKey(cvx)}`;
}

function isUnspecified(cvx: string, data: SupportingData): boolean {
  return /unspecified/i.test(data.cvx.get(cvxKey(cvx))?.name ?? '');
}

/**
 * The doses the forecast counts. `chosen` holds the person's choices for doses the record gave
 * no usable CVX code for; a code the record gives always wins over a choice made earlier.
 */
export function dosesFromRecord(entries: readonly StoredEntry[], data: SupportingData, birth: Day, chosen: readonly ChosenVaccine[] = []): RecordDoses {
  const result: RecordDoses = { doses: [], notCounted: [], matchedByName: [], handChosen: [] };
  const choiceOf = new Map(chosen.filter((c) => data.cvx.has(cvxKey(c.cvx))).map((c) => [c.entryId, c]));
  const seen = new Map<string, number>();
  for (const entry of entries) {
    if (entry.kind !== 'immunization') continue;
    const date = entry.start ?? null;
    const skip = (why: NotCountedWhy, detail: string | null = null) =>
      result.notCounted.push({ entryId: entry.id, title: entry.title, date, why, detail, reason: REASONS[why](detail ?? '') });
    if (entry.details.refused || (entry.status !== undefined && !GIVEN.has(entry.status))) {
      skip('not-given', entry.status ?? 'refused');
      continue;
    }
    const day = date ? parseIsoDate(date.slice(0, 10)) : null;
    if (day === null || !date || date.length < 10) {
      if (date) skip('no-day', date);
      else skip('no-date');
      continue;
    }
    if (day < birth) {
      skip('before-birth');
      continue;
    }
    let cvx = entry.codes.find((c) => CVX_SYSTEMS.has(c.system))?.code.trim();
    const choice = choiceOf.get(entry.id);
    if (choice && (!cvx || !data.cvx.has(cvxKey(cvx)))) {
      cvx = choice.cvx;
      result.handChosen.push({ entryId: entry.id, title: entry.title, date, cvx, name: data.cvx.get(cvxKey(cvx))!.name, statedAt: choice.statedAt });
    } else if (!cvx) {
      const names = [entry.title, ...entry.codes.map((c) => c.display ?? '')].filter((n) => n.trim() !== '');
      const byName = cvxByName(names, data);
      if (!byName) {
        skip('no-cvx');
        continue;
      }
      cvx = byName;
      result.matchedByName.push({ entryId: entry.id, title: entry.title, cvx, name: data.cvx.get(cvxKey(cvx))!.name });
    }
    if (!data.cvx.has(cvxKey(cvx))) {
      skip('unknown-cvx', cvx);
      continue;
    }
    // One dose reported by several sources (or twice by one) counts once, also when one source
    // names the product (CVX 20, DTaP) and another only the kind (CVX 107, DTaP unspecified):
    // the same antigens on the same day. The more specific code is kept.
    const key = `${day}|${antigensKey(cvx, data)}`;
    const at = seen.get(key);
    if (at !== undefined) {
      if (isUnspecified(result.doses[at]!.cvx, data) && !isUnspecified(cvx, data)) result.doses[at] = { date: day, cvx, mvx: null };
      continue;
    }
    seen.set(key, result.doses.length);
    result.doses.push({ date: day, cvx, mvx: null });
  }
  result.doses.sort((a, b) => a.date - b.date);
  return result;
}

/** The profile's sex as the engine reads it (free text in profiles). */
export function genderOf(sex: string | undefined): 'male' | 'female' | 'unknown' {
  const lower = (sex ?? '').trim().toLowerCase();
  if (lower === 'f' || lower === 'female') return 'female';
  if (lower === 'm' || lower === 'male') return 'male';
  return 'unknown';
}
