// The doses a profile's record gives the forecaster: completed immunizations with a CVX code CDC's
// supporting data knows and a full date. Everything else is listed with the reason it was not
// counted, so the person can see it (and, later, choose the vaccine by hand). Nothing is guessed
// from a vaccine's name: a wrong dose would change the forecast.
import type { StoredEntry } from '../records/model.ts';
import { parseIsoDate, type Day } from './dates.ts';
import { cvxKey, type SupportingData } from './supporting-data.ts';

export interface RecordDoses {
  doses: { date: Day; cvx: string; mvx: string | null }[];
  notCounted: { entryId: number; title: string; date: string | null; reason: string }[];
}

const CVX_SYSTEMS = new Set(['CVX', '2.16.840.1.113883.12.292', 'http://hl7.org/fhir/sid/cvx']);
/** Statuses of a dose that was given; a missing status is how most sources say it. */
const GIVEN = new Set(['completed']);

export function dosesFromRecord(entries: readonly StoredEntry[], data: SupportingData, birth: Day): RecordDoses {
  const result: RecordDoses = { doses: [], notCounted: [] };
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.kind !== 'immunization') continue;
    const date = entry.start ?? null;
    const skip = (reason: string) => result.notCounted.push({ entryId: entry.id, title: entry.title, date, reason });
    if (entry.details.refused || (entry.status !== undefined && !GIVEN.has(entry.status))) {
      skip(`The record says "${entry.status ?? 'refused'}", not that the dose was given.`);
      continue;
    }
    const day = date ? parseIsoDate(date.slice(0, 10)) : null;
    if (day === null || !date || date.length < 10) {
      skip(date ? `The record gives only "${date}" as the date, not the day.` : 'The record gives no date.');
      continue;
    }
    if (day < birth) {
      skip('The record dates this dose before the birth date.');
      continue;
    }
    const cvx = entry.codes.find((c) => CVX_SYSTEMS.has(c.system))?.code.trim();
    if (!cvx) {
      skip('The record gives no CVX code for this vaccine.');
      continue;
    }
    if (!data.cvx.has(cvxKey(cvx))) {
      skip(`CVX ${cvx} is not in CDC's supporting data.`);
      continue;
    }
    // One dose reported by several sources (or twice by one) counts once.
    const key = `${day}|${cvxKey(cvx)}`;
    if (seen.has(key)) continue;
    seen.add(key);
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
