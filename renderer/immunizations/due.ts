// Sorts a forecast's vaccine groups the way a person reads them — overdue, due now, coming up,
// complete, not recommended — from the engine's dates and the day the forecast was made for.
// Pure: the screen words each group in the person's language from what this returns.
import type { ImmunizationForecast, ImmunizationGroupForecast } from '../../preload/contract.ts';

export type DueBucket = 'overdue' | 'due' | 'upcoming' | 'complete' | 'other';
export const BUCKETS: readonly DueBucket[] = ['overdue', 'due', 'upcoming', 'complete', 'other'];

/**
 * CDSi's past-due date is the last day a dose is on time (latest recommended interval minus one
 * day, FORECASTDT-3), so a dose is overdue only after it. A dose is due from its recommended date
 * (its earliest date when the data gives no recommended one).
 */
export function bucketOf(group: ImmunizationGroupForecast, today: string): DueBucket {
  switch (group.status) {
    case 'Complete':
    case 'Immune':
      return 'complete';
    case 'Not Complete': {
      const dueFrom = group.recommended ?? group.earliest;
      if (dueFrom === null) return 'other';
      if (group.pastDue !== null && today > group.pastDue) return 'overdue';
      return today >= dueFrom ? 'due' : 'upcoming';
    }
    default:
      return 'other';
  }
}

export interface BucketedGroup {
  group: ImmunizationGroupForecast;
  bucket: DueBucket;
}

/** Groups by bucket; within one, the soonest date first, then by name. */
export function bucketGroups(forecast: ImmunizationForecast, today: string): Map<DueBucket, ImmunizationGroupForecast[]> {
  const out = new Map<DueBucket, ImmunizationGroupForecast[]>(BUCKETS.map((b) => [b, []]));
  for (const group of forecast.groups) out.get(bucketOf(group, today))!.push(group);
  const when = (g: ImmunizationGroupForecast) => g.recommended ?? g.earliest ?? '9999';
  for (const list of out.values()) list.sort((a, b) => when(a).localeCompare(when(b)) || a.group.localeCompare(b.group));
  return out;
}

/** The doses given that were evaluated for one vaccine group, with that group's evaluations. */
export function dosesOfGroup(forecast: ImmunizationForecast, group: string) {
  return forecast.doses
    .map((dose) => ({ date: dose.date, cvx: dose.cvx, evaluations: dose.evaluations.filter((e) => e.group === group) }))
    .filter((dose) => dose.evaluations.length > 0);
}

/** CDC's reasons as the engine writes them ("Too soon; Live virus conflict"), one by one. */
export function reasonParts(reason: string): string[] {
  return reason
    .split(';')
    .map((r) => r.trim())
    .filter((r) => r !== '');
}
