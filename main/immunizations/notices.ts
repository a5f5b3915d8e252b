// Which doses to tell the person about: a vaccine group of a profile whose next dose is due
// (from its recommended date, or its earliest when the data gives none) or overdue (after CDSi's
// past-due date), once per dose. Pure: the caller keeps the keys already shown.
import type { DueNotice, ImmunizationForecast, ImmunizationGroupForecast } from './types.ts';

/** The day a group's next dose is due from, when it is due at all. */
export function dueFrom(group: ImmunizationGroupForecast): string | null {
  if (group.status !== 'Not Complete') return null;
  return group.recommended ?? group.earliest;
}

/**
 * Where a group stands on `today`: overdue only after CDSi's past-due date (the last day a dose
 * is on time, FORECASTDT-3), due from its due day, coming up before it; null when no dose is due.
 */
export function dueBucket(group: ImmunizationGroupForecast, today: string): 'overdue' | 'due' | 'upcoming' | null {
  const from = dueFrom(group);
  if (from === null) return null;
  if (group.pastDue !== null && today > group.pastDue) return 'overdue';
  return today >= from ? 'due' : 'upcoming';
}

export interface ProfileForecast {
  profileId: string;
  profileName: string;
  forecast: ImmunizationForecast;
}

/** Every dose due on `today` (YYYY-MM-DD) across the profiles, each with its stable key. */
export function dueOn(profiles: readonly ProfileForecast[], today: string): DueNotice[] {
  const out: DueNotice[] = [];
  for (const { profileId, profileName, forecast } of profiles) {
    for (const group of forecast.groups) {
      const from = dueFrom(group);
      const bucket = dueBucket(group, today);
      if (from === null || bucket === null || bucket === 'upcoming') continue;
      out.push({
        key: `${profileId}|${group.group}|${group.doseNumber ?? ''}|${from}`,
        profileId,
        profileName,
        group: group.group,
        doseNumber: group.doseNumber,
        dueFrom: from,
        overdue: bucket === 'overdue',
      });
    }
  }
  return out;
}

/**
 * The notices not shown yet, and the keys worth keeping: those still due. A key whose dose is
 * no longer due (given, or the schedule changed) is dropped, so the kept list stays small; a
 * later dose has a new key (another dose number or day) and is told about once again.
 */
export function pendingNotices(due: readonly DueNotice[], shown: ReadonlySet<string>): { pending: DueNotice[]; keep: string[] } {
  return {
    pending: due.filter((n) => !shown.has(n.key)),
    keep: due.filter((n) => shown.has(n.key)).map((n) => n.key),
  };
}
