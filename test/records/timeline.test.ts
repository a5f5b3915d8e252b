import { describe, expect, it } from 'vitest';
import { dayOf, groupByDay, sortDate } from '../../main/records/timeline.ts';
import { draft } from './drafts.ts';

describe('sortDate', () => {
  it('uses start, then end, then the planned date', () => {
    expect(sortDate(draft({ kind: 'problem', title: 'Asthma', start: '2015', end: '2020-01-02' }))).toBe('2015');
    expect(sortDate(draft({ kind: 'problem', title: 'Asthma', end: '2020-01-02' }))).toBe('2020-01-02');
    expect(sortDate(draft({ kind: 'plan', title: 'Colonoscopy', details: { plannedFor: '2026-04' } }))).toBe('2026-04');
    expect(sortDate(draft({ kind: 'note', title: 'Undated' }))).toBeUndefined();
  });
});

describe('dayOf', () => {
  it('keeps the day as written and never invents precision', () => {
    expect(dayOf('2024-03-01T23:30:00-05:00')).toBe('2024-03-01');
    expect(dayOf('2024-03')).toBe('2024-03');
    expect(dayOf('2024')).toBe('2024');
    expect(dayOf('unknown')).toBeUndefined();
    expect(dayOf(undefined)).toBeUndefined();
  });
});

describe('groupByDay', () => {
  it('groups newest day first, vaguer dates after their days, undated last', () => {
    const items = [
      { id: 1, date: '2024-03-01T08:00' },
      { id: 2, date: '2024-03' },
      { id: 3, date: '2024-04-02' },
      { id: 4, date: undefined },
      { id: 5, date: '2024-03-01T17:45' },
      { id: 6, date: '2024-02-28' },
      { id: 7, date: '2024' },
    ];
    const groups = groupByDay(items, (item) => item.date);
    expect(groups.map((group) => [group.day, group.items.map((item) => item.id)])).toEqual([
      ['2024-04-02', [3]],
      ['2024-03-01', [1, 5]],
      ['2024-03', [2]],
      ['2024-02-28', [6]],
      ['2024', [7]],
      [undefined, [4]],
    ]);
  });

  it('returns no groups for no items', () => {
    expect(groupByDay([], () => undefined)).toEqual([]);
  });
});
