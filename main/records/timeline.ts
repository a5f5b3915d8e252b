// Small pure helpers for the timeline: which date an entry sorts by, and grouping by day.

import type { PartialDate, RecordDraft } from './model.ts';

/** The date an entry is placed at: its start, else its end, else when it is planned for. */
export function sortDate(draft: Pick<RecordDraft, 'start' | 'end' | 'details'>): PartialDate | undefined {
  return draft.start || draft.end || draft.details.plannedFor || undefined;
}

/**
 * The day part of a partial date as written ("2024-03-01T08:30-05:00" → "2024-03-01").
 * A date known only to the month or year stays at that precision ("2024-03", "2024"), so
 * such entries form their own group instead of being pinned to an invented day.
 */
export function dayOf(date: PartialDate | undefined): string | undefined {
  if (!date) return undefined;
  const match = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/.exec(date.trim());
  return match ? match[0] : undefined;
}

export interface DayGroup<T> {
  /** The day (or month/year for vaguer dates); undefined for undated items. */
  day: string | undefined;
  items: T[];
}

/**
 * Groups items by day, newest day first; within a day items keep their given order.
 * Undated items form one last group. Vaguer dates sort after the days they contain
 * ("2024-03" after "2024-03-31"), matching a reader's "sometime in March".
 */
export function groupByDay<T>(items: readonly T[], dateOf: (item: T) => PartialDate | undefined): DayGroup<T>[] {
  const groups = new Map<string | undefined, T[]>();
  for (const item of items) {
    const day = dayOf(dateOf(item));
    const group = groups.get(day);
    if (group) group.push(item);
    else groups.set(day, [item]);
  }
  const days = [...groups.keys()].filter((day): day is string => day !== undefined).sort(compareDaysNewestFirst);
  const result: DayGroup<T>[] = days.map((day) => ({ day, items: groups.get(day) ?? [] }));
  const undated = groups.get(undefined);
  if (undated) result.push({ day: undefined, items: undated });
  return result;
}

function compareDaysNewestFirst(a: string, b: string): number {
  // Padding a vaguer date with spaces (below "-" and every digit) puts "2024-03" after
  // all the days of March in newest-first order, and before February.
  const pad = (day: string) => day.padEnd(10, ' ');
  const pa = pad(a);
  const pb = pad(b);
  return pa < pb ? 1 : pa > pb ? -1 : 0;
}
