// The Trends time axis: ticks at the unit the stretch shown spans, on calendar boundaries of
// the wall-clock times points are placed at, labelled in English and Spanish.
import { describe, expect, it } from 'vitest';
import { formatAxisTick, wallClockMs } from '../../main/records/readable/index.ts';
import { timeTicks } from '../../renderer/components/time-axis.ts';

const labels = (from: string, to: string, most: number, locale = 'en-US') => {
  const { unit, ticks } = timeTicks(wallClockMs(from), wallClockMs(to), most);
  return { unit, labels: ticks.map((t) => formatAxisTick(t.ms, unit, locale, t.full)) };
};

describe('wallClockMs', () => {
  it('reads the time as written, its zone left aside, at any precision', () => {
    const iso = (d: string) => new Date(wallClockMs(d)).toISOString();
    expect(iso('2026-03-02T06:07:08-05:00')).toBe('2026-03-02T06:07:08.000Z');
    expect(iso('2026-03-02T06:07:08.25Z')).toBe('2026-03-02T06:07:08.250Z');
    expect(iso('2026-03-02 23:59')).toBe('2026-03-02T23:59:00.000Z');
    expect(iso('2026-03-02')).toBe('2026-03-02T00:00:00.000Z');
    expect(iso('2026-03')).toBe('2026-03-01T00:00:00.000Z');
    expect(iso('2026')).toBe('2026-01-01T00:00:00.000Z');
    expect(iso('0050-06-01')).toBe('0050-06-01T00:00:00.000Z');
    // An hour without minutes is not a time.
    expect(iso('2026-03-02T06')).toBe('2026-03-02T00:00:00.000Z');
    expect(wallClockMs('March 2026')).toBeNaN();
  });
  it('places points in the order of their times as written', () => {
    const dates = ['2025-12-31T23:55:00-05:00', '2026-01-01T00:00:00-05:00', '2026-01-01T00:05:00-05:00'];
    const ms = dates.map(wallClockMs);
    expect(ms[1]! - ms[0]!).toBe(5 * 60_000);
    expect(ms[2]! - ms[1]!).toBe(5 * 60_000);
  });
});

describe('timeTicks', () => {
  it('labels a day by the hour, its midnight by the date', () => {
    expect(labels('2026-03-01', '2026-03-02', 6)).toEqual({ unit: 'hour', labels: ['Mar 1, 2026', '6:00 AM', '12:00 PM', '6:00 PM', 'Mar 2'] });
    expect(labels('2026-03-01', '2026-03-02', 6, 'es-ES')).toEqual({ unit: 'hour', labels: ['1 mar 2026', '6:00', '12:00', '18:00', '2 mar'] });
    // Readings of one day without its midnight: the first hour says the day.
    expect(labels('2026-03-02T03:10', '2026-03-02T23:00', 6)).toEqual({ unit: 'hour', labels: ['Mar 2, 6:00 AM', '9:00 AM', '12:00 PM', '3:00 PM', '6:00 PM', '9:00 PM'] });
    expect(labels('2026-03-02T03:10', '2026-03-02T23:00', 6, 'es-ES').labels[0]).toBe('2 mar, 6:00');
  });
  it('labels a week and a month by the day, with the year where it starts or changes', () => {
    expect(labels('2025-12-25', '2026-01-01', 5)).toEqual({ unit: 'day', labels: ['Dec 26, 2025', 'Dec 28', 'Dec 30', 'Jan 1, 2026'] });
    const month = labels('2026-02-01', '2026-03-03', 6, 'es-ES');
    expect(month.unit).toBe('day');
    expect(month.labels[0]).toMatch(/^\d+ feb 2026$/);
    expect(month.labels.length).toBeGreaterThanOrEqual(3);
  });
  it('labels a year by the month and a whole record by the year', () => {
    expect(labels('2025-01-01', '2026-01-01', 5)).toEqual({ unit: 'month', labels: ['Jan 2025', 'Apr', 'Jul', 'Oct', 'Jan 2026'] });
    expect(labels('2025-01-01', '2026-01-01', 5, 'es-ES').labels).toEqual(['ene 2025', 'abr', 'jul', 'oct', 'ene 2026']);
    expect(labels('2008-03-01', '2026-01-01', 5)).toEqual({ unit: 'year', labels: ['2010', '2015', '2020', '2025'] });
  });
  it('never gives more ticks than asked, and labels a stretch under two hours by its ends', () => {
    for (const [from, to] of [
      ['2026-01-01', '2026-01-02'],
      ['2020-01-01', '2026-01-01'],
      ['1950-01-01', '2026-01-01'],
      ['2026-01-01T10:00', '2026-01-01T18:00'],
    ] as const) {
      for (const most of [3, 4, 6, 9]) expect(timeTicks(wallClockMs(from), wallClockMs(to), most).ticks.length).toBeLessThanOrEqual(most);
    }
    expect(labels('2026-01-01T10:10', '2026-01-01T10:40', 6).labels).toEqual(['Jan 1, 10:10 AM', '10:40 AM']);
  });
});
