import { describe, expect, it } from 'vitest';
import { ageOn, escapeHtml, formatPartialDate, isWhollyBefore, monthsBefore } from '../../main/summary/format.ts';
import { isActiveProblem, isCurrentMedication, recentOrLast, trendBetween } from '../../main/summary/select.ts';
import { sparklineSvg } from '../../main/summary/sparkline.ts';
import { EntryBuilder } from './fixtures.ts';

const builder = () => new EntryBuilder(1, { sourceId: 1, provider: 'Clinic', fileName: 'a.xml', documentDate: '2025-01-01' });

describe('dates', () => {
  it('formats at the precision the source gave, in each language', () => {
    expect(formatPartialDate('1950-01-31', 'en-US')).toBe('Jan 31, 1950');
    expect(formatPartialDate('1950-01-31', 'es')).toBe('31 ene 1950');
    expect(formatPartialDate('2012-03', 'en-US')).toBe('Mar 2012');
    expect(formatPartialDate('2012-03', 'es')).toBe('mar 2012');
    expect(formatPartialDate('2008', 'es')).toBe('2008');
  });

  it('keeps the calendar day the source wrote, whatever its offset', () => {
    expect(formatPartialDate('2024-03-10T23:30:00-05:00', 'en-US')).toBe('Mar 10, 2024');
    expect(formatPartialDate('2024-03-10T00:30:00+14:00', 'en-US')).toBe('Mar 10, 2024');
  });

  it('shows an unreadable date as written', () => {
    expect(formatPartialDate('last spring', 'en-US')).toBe('last spring');
    expect(formatPartialDate('2024-13-01', 'en-US')).toBe('2024');
  });

  it('compares partial dates by the whole period they name', () => {
    expect(isWhollyBefore('2023', '2024-05-01')).toBe(true);
    expect(isWhollyBefore('2024', '2024-05-01')).toBe(false);
    expect(isWhollyBefore('2024-04', '2024-05-01')).toBe(true);
    expect(isWhollyBefore('2024-05', '2024-05-01')).toBe(false);
    expect(isWhollyBefore('2024-04-30T23:00:00Z', '2024-05-01')).toBe(true);
    expect(isWhollyBefore(undefined, '2024-05-01')).toBe(false);
  });

  it('counts months back, clamping to the end of shorter months', () => {
    expect(monthsBefore('2025-03-14', 12)).toBe('2024-03-14');
    expect(monthsBefore('2024-03-31', 1)).toBe('2024-02-29');
    expect(monthsBefore('2025-03-31', 1)).toBe('2025-02-28');
    expect(monthsBefore('2025-01-15', 2)).toBe('2024-11-15');
  });

  it('computes age only from full dates', () => {
    expect(ageOn('1950-01-31', '2025-01-30')).toBe(74);
    expect(ageOn('1950-01-31', '2025-01-31')).toBe(75);
    expect(ageOn('1950', '2025-01-31')).toBeUndefined();
  });
});

describe('escaping', () => {
  it('escapes markup and quotes and drops control characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>\u0000\u0007`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml('line\nbreak\ttab')).toBe('line\nbreak\ttab');
  });
});

describe('current medications and active problems', () => {
  const printedOn = '2025-03-14';

  it('trusts an active status, and otherwise the end date', () => {
    const b = builder();
    const activeOldEnd = b.medication('A', '1', {}, { status: 'active', end: '2020-01-01' });
    const noStatusNoEnd = b.medication('B', '1', {}, { status: undefined });
    const noStatusLaterEnd = b.medication('C', '1', {}, { status: undefined, end: '2025-03-14' });
    const noStatusEnded = b.medication('D', '1', {}, { status: undefined, end: '2025-03-13' });
    const endedThisMonthPartial = b.medication('E', '1', {}, { status: 'unknown', end: '2025-03' });
    const completed = b.medication('F', '1', {}, { status: 'Completed' });
    expect(isCurrentMedication(activeOldEnd, printedOn)).toBe(true);
    expect(isCurrentMedication(noStatusNoEnd, printedOn)).toBe(true);
    expect(isCurrentMedication(noStatusLaterEnd, printedOn)).toBe(true);
    expect(isCurrentMedication(noStatusEnded, printedOn)).toBe(false);
    expect(isCurrentMedication(endedThisMonthPartial, printedOn)).toBe(true);
    expect(isCurrentMedication(completed, printedOn)).toBe(false);
  });

  it('drops resolved and ended problems', () => {
    const b = builder();
    expect(isActiveProblem(b.problem('X', '1', '2020', { status: 'resolved' }), printedOn)).toBe(false);
    expect(isActiveProblem(b.problem('Y', '1', '2020', { status: undefined, end: '2021' }), printedOn)).toBe(false);
    expect(isActiveProblem(b.problem('Z', '1', '2020', { status: undefined }), printedOn)).toBe(true);
  });
});

describe('recent items', () => {
  const dates = ['2025-03-01', '2025-01-01', '2024-06-01', '2024-03-15', '2024-03-13', '2023-01-01', '2022-01-01'];

  it('takes the last 12 months when that gives enough, else the most recent ones', () => {
    const window = recentOrLast(dates, (d) => d, '2025-03-14', { months: 12, atLeast: 3, atMost: 10 });
    expect(window.shown).toEqual(['2025-03-01', '2025-01-01', '2024-06-01', '2024-03-15']);
    const fill = recentOrLast(dates, (d) => d, '2025-03-14', { months: 12, atLeast: 6, atMost: 10 });
    expect(fill.shown).toEqual(dates.slice(0, 6));
    const capped = recentOrLast(dates, (d) => d, '2025-03-14', { months: 12, atLeast: 1, atMost: 2 });
    expect(capped).toEqual({ shown: dates.slice(0, 2), total: 7 });
  });

  it('counts a month-precision date inside the window when its month is', () => {
    const shown = recentOrLast(['2024-03', '2024-02'], (d) => d, '2025-03-14', { months: 12, atLeast: 1, atMost: 5 });
    expect(shown.shown).toEqual(['2024-03']);
  });
});

describe('trends and charts', () => {
  it('compares numbers in the same unit only', () => {
    expect(trendBetween({ number: 1, unit: 'mg/dL' }, { number: 2, unit: 'mg/dL' })).toBe('up');
    expect(trendBetween({ number: 2, unit: 'mg/dL' }, { number: 1, unit: 'MG/DL' })).toBe('down');
    expect(trendBetween({ number: 2 }, { number: 2 })).toBe('same');
    expect(trendBetween({ number: 2, unit: 'mmol/L' }, { number: 36, unit: 'mg/dL' })).toBeUndefined();
    expect(trendBetween({ text: 'Negative' }, { number: 1 })).toBeUndefined();
  });

  it('draws nothing for fewer than two values, and escapes its label', () => {
    expect(sparklineSvg([5], undefined, 'x')).toBe('');
    const svg = sparklineSvg([1, 3, 2], { low: 0, high: 4 }, '<b>"A1c"</b>');
    expect(svg).toContain('<polyline points="');
    expect(svg.match(/,/g)?.length).toBeGreaterThanOrEqual(3);
    expect(svg).toContain('<rect');
    expect(svg).toContain('aria-label="&lt;b&gt;&quot;A1c&quot;&lt;/b&gt;"');
  });

  it('puts higher values higher on the chart', () => {
    const svg = sparklineSvg([1, 9], undefined, 'x');
    const points = /points="([^"]+)"/.exec(svg)?.[1]?.split(' ').map((p) => Number(p.split(',')[1]));
    expect(points).toHaveLength(2);
    expect(points?.[1]).toBeLessThan(points?.[0] ?? 0);
  });
});
