// CDSi date arithmetic (logic specification 4.6, table 3-6, CALCDT-1..6) and duration parsing.
import { describe, expect, test } from 'vitest';
import { addDuration, formatIsoDate, parseDataDate, parseDuration, parseIsoDate } from '../../main/immunizations/dates.ts';

function add(date: string, duration: string): string {
  const day = parseIsoDate(date);
  const parsed = parseDuration(duration);
  if (day === null || parsed === null) throw new Error(`bad ${date} or ${duration}`);
  return formatIsoDate(addDuration(day, parsed));
}

describe('CDSi date arithmetic', () => {
  test('the specification\'s own examples (CALCDT-1..6)', () => {
    expect(add('2000-01-01', '3 years')).toBe('2003-01-01');
    expect(add('2000-01-01', '6 months')).toBe('2000-07-01');
    expect(add('2000-11-01', '6 months')).toBe('2001-05-01');
    expect(add('2000-01-01', '3 days')).toBe('2000-01-04');
    expect(add('2000-01-01', '3 weeks')).toBe('2000-01-22');
    expect(add('2000-02-01', '5 weeks')).toBe('2000-03-07');
    expect(add('2001-02-01', '5 weeks')).toBe('2001-03-08');
    expect(add('2000-01-15', '- 4 days')).toBe('2000-01-11');
    expect(add('2000-03-31', '6 months')).toBe('2000-10-01');
    expect(add('2000-08-31', '6 months')).toBe('2001-03-01');
    expect(add('2000-01-31', '6 months - 4 days')).toBe('2000-07-27');
  });

  test('a day that does not exist moves to the first of the next month, before days are added', () => {
    expect(add('2020-02-29', '1 year')).toBe('2021-03-01');
    expect(add('2020-02-29', '4 years')).toBe('2024-02-29');
    expect(add('2021-01-31', '1 month')).toBe('2021-03-01');
    expect(add('2021-01-31', '1 month - 4 days')).toBe('2021-02-25');
    expect(add('2019-12-31', '2 months + 4 weeks')).toBe('2020-03-29');
  });

  test('reads the supporting data\'s durations, including its odd spellings', () => {
    expect(parseDuration('6 weeks - 4 days')).toEqual({ months: 0, days: 38 });
    expect(parseDuration('12 months + 4 weeks')).toEqual({ months: 12, days: 28 });
    expect(parseDuration('1 years - 4 days')).toEqual({ months: 12, days: -4 });
    expect(parseDuration('16 years - 4 months')).toEqual({ months: 188, days: 0 });
    expect(parseDuration('0 days')).toEqual({ months: 0, days: 0 });
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('n/a')).toBeNull();
    expect(parseDuration('soon')).toBeNull();
  });

  test('reads ISO dates strictly and both of the data\'s date formats', () => {
    expect(parseIsoDate('2024-02-30')).toBeNull();
    expect(parseIsoDate('2024-2-3')).toBeNull();
    expect(formatIsoDate(parseIsoDate('0999-12-31')!)).toBe('0999-12-31');
    expect(formatIsoDate(parseDataDate('20161216')!)).toBe('2016-12-16');
    expect(formatIsoDate(parseDataDate('01/01/1957')!)).toBe('1957-01-01');
    expect(parseDataDate('')).toBeNull();
  });
});
