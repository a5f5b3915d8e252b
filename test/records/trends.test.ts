import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../main/importers/index.ts';
import type { RecordDraft } from '../../main/records/model.ts';
import {
  TREND_GROUPS,
  bloodPressureSeries,
  listTrendableTests,
  nameKey,
  trendGroupOf,
  trendKeysOf,
  trendSeries,
  type TrendEntry,
} from '../../main/records/trends.ts';
import { draft } from './drafts.ts';

const VA_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/corpus/va-text/amida-blue-button/VA_My_HealtheVet_Blue_Button_Sample_Version_12_5_1.txt',
);

let nextId = 1;
function observation(
  loinc: string,
  date: string,
  value: RecordDraft['value'],
  extra: Partial<RecordDraft> = {},
  sources = ['Good Health Clinic'],
): TrendEntry {
  return {
    id: nextId++,
    sources,
    draft: draft({
      kind: 'result',
      title: extra.title ?? `Test ${loinc}`,
      codes: [{ system: 'LOINC', code: loinc }],
      start: date,
      value,
      ...extra,
    }),
  };
}

describe('trendSeries', () => {
  it('converts glucose in mmol/L to the most common unit, mg/dL, ranges included', () => {
    const entries = [
      observation('2345-7', '2023-01-10', { number: 95, unit: 'mg/dL' }, { referenceRange: { low: 70, high: 99 } }),
      observation('2345-7', '2023-06-10', { number: 130, unit: 'mg/dl' }, { referenceRange: { low: 70, high: 99, unit: 'mg/dl' } }),
      observation(
        '2345-7',
        '2024-02-01',
        { number: 5.0, unit: 'mmol/L' },
        { referenceRange: { low: 3.9, high: 5.5, unit: 'mmol/L' } },
        ['Riverside Hospital', 'Medicare'],
      ),
    ];
    const series = trendSeries(entries, '2345-7');
    expect(series.unit).toBe('mg/dL');
    expect(series.title).toBe('Glucose');
    expect(series.points.map((point) => point.value)).toEqual([95, 130, 90.08]);
    const last = series.points[2];
    expect(last).toMatchObject({ originalValue: 5, originalUnit: 'mmol/L', low: 70.26, high: 99.09, outOfRange: false });
    expect(last?.sources).toEqual(['Riverside Hospital', 'Medicare']);
    expect(series.points[1]?.outOfRange).toBe(true);
    expect(series.referenceBands).toEqual([
      { from: '2023-01-10', to: '2023-06-10', low: 70, high: 99 },
      { from: '2024-02-01', to: '2024-02-01', low: 70.26, high: 99.09 },
    ]);
    expect(series.skipped).toEqual([]);
  });

  it('converts cholesterol and the LDL variants as one trend', () => {
    const entries = [
      observation('13457-7', '2022-03-01', { number: 130, unit: 'mg/dL' }),
      observation('2089-1', '2023-03-01', { number: 110, unit: 'mg/dL' }),
      observation('13457-7', '2024-03-01', { number: 2.6, unit: 'mmol/L' }),
      observation('2093-3', '2024-03-01', { number: 200, unit: 'mg/dL' }),
    ];
    const ldl = trendSeries(entries, '2089-1');
    expect(ldl.loincs).toEqual(['13457-7', '2089-1', '18262-6']);
    expect(ldl.points.map((point) => point.value)).toEqual([130, 110, 100.5]);
    const total = trendSeries(entries, '2093-3');
    expect(total.points).toHaveLength(1);
  });

  it('shows weight in the most common unit, converting pounds', () => {
    const entries = [
      observation('29463-7', '2024-01-05', { number: 180, unit: 'lbs' }, { kind: 'vital' }),
      observation('3141-9', '2024-02-05', { number: 178.5, unit: '[lb_av]' }, { kind: 'vital' }),
      observation('29463-7', '2024-03-05', { number: 80, unit: 'kg' }, { kind: 'vital' }),
    ];
    const series = trendSeries(entries, '29463-7');
    expect(series.unit).toBe('[lb_av]');
    expect(series.unitLabel).toBe('lb');
    expect(series.points.map((point) => point.value)).toEqual([180, 178.5, 176.4]);
  });

  it('converts temperature between Fahrenheit and Celsius', () => {
    const entries = [
      observation('8310-5', '2024-01-01T09:00', { number: 37, unit: 'Cel' }),
      observation('8310-5', '2024-01-02T09:00', { number: 38.2, unit: 'Cel' }),
      observation('8310-5', '2024-01-03T09:00', { number: 101.3, unit: 'F' }),
    ];
    expect(trendSeries(entries, '8310-5').points.map((point) => point.value)).toEqual([37, 38.2, 38.5]);
  });

  it('skips values it cannot show honestly, with a reason each', () => {
    const entries = [
      observation('2160-0', '2024-01-01', { number: 1.1, unit: 'mg/dL' }),
      observation('2160-0', '2024-02-01', { number: 1.0, unit: 'mg/dL' }),
      observation('2160-0', '2024-03-01', { number: 88, unit: 'umol/L' }),
      observation('2160-0', '2024-04-01', { text: '<0.5', unit: 'mg/dL' }),
      observation('2160-0', '2024-05-01', { number: 1.2 }),
      observation('2160-0', '', { number: 1.2, unit: 'mg/dL' }),
      observation('2160-0', '2024-06-01', { number: 1.3, unit: 'THOUSAND' }),
    ];
    const ids = entries.map((entry) => entry.id);
    const series = trendSeries(entries, '2160-0');
    expect(series.points.map((point) => point.entryId)).toEqual([ids[0], ids[1]]);
    expect(series.title).toBe('Test 2160-0');
    const reasons = new Map(series.skipped.map((skip) => [skip.entryId, skip.reason]));
    expect(reasons.get(ids[2] as number)).toMatch(/molecular weight/);
    expect(reasons.get(ids[3] as number)).toBe('Its value "<0.5" is not a plain number.');
    expect(reasons.get(ids[4] as number)).toBe('No unit given, so it cannot be shown in mg/dL.');
    expect(reasons.get(ids[5] as number)).toMatch(/no date/);
    expect(reasons.get(ids[6] as number)).toBe('The unit "THOUSAND" is not one Chartkeeper can convert.');
    // What the person reads beside the chart: the date, the value and unit as written, why (for their language).
    expect(series.skipped).toEqual([
      { entryId: ids[2], why: 'needs-molecular-weight', date: '2024-03-01', value: '88', unit: 'umol/L', displayUnit: 'mg/dL', sources: ['Good Health Clinic'], reason: expect.any(String) },
      { entryId: ids[3], why: 'not-a-number', date: '2024-04-01', value: '<0.5', unit: 'mg/dL', sources: ['Good Health Clinic'], reason: expect.any(String) },
      { entryId: ids[4], why: 'no-unit', date: '2024-05-01', value: '1.2', displayUnit: 'mg/dL', sources: ['Good Health Clinic'], reason: expect.any(String) },
      { entryId: ids[6], why: 'unknown-unit', date: '2024-06-01', value: '1.3', unit: 'THOUSAND', displayUnit: 'mg/dL', sources: ['Good Health Clinic'], reason: expect.any(String) },
      { entryId: ids[5], why: 'no-date', value: '1.2', unit: 'mg/dL', sources: ['Good Health Clinic'], reason: expect.any(String) },
    ]);
  });

  it('does not draw a value without a unit among values with one, nor an entry without a value', () => {
    const entries = [
      observation('8867-4', '2024-01-01', { number: 70, unit: '/min' }),
      observation('8867-4', '2024-02-01', { number: 72, unit: '/min' }),
      observation('8867-4', '2024-03-01', { number: 75 }),
      observation('8867-4', '2024-04-01', undefined),
    ];
    const series = trendSeries(entries, '8867-4');
    expect(series.points.map((p) => p.value)).toEqual([70, 72]);
    expect(series.skipped.map((s) => [s.date, s.why, s.value, s.unit])).toEqual([
      ['2024-03-01', 'no-unit', '75', undefined],
      ['2024-04-01', 'no-value', undefined, undefined],
    ]);
  });

  it('marks values out of range from the range or the interpretation code', () => {
    const entries = [
      observation('4548-4', '2023-01-01', { number: 5.4, unit: '%' }, { referenceRange: { high: 5.6 } }),
      observation('17856-6', '2023-07-01', { number: 6.1, unit: '%' }, { referenceRange: { high: 5.6, unit: '%' } }),
      observation('4548-4', '2024-01-01', { number: 5.9, unit: '%' }, { interpretation: 'H' }),
      observation('4548-4', '2024-06-01', { number: 5.5, unit: '%' }, { interpretation: 'N' }),
    ];
    const series = trendSeries(entries, '4548-4');
    expect(series.title).toBe('Hemoglobin A1c');
    expect(series.points.map((point) => point.outOfRange)).toEqual([false, true, true, false]);
    expect(series.referenceBands).toEqual([{ from: '2023-01-01', to: '2023-07-01', high: 5.6 }]);
  });

  it('draws every eGFR formula as one trend', () => {
    const entries = [
      observation('33914-3', '2021-05-01', { number: 72, unit: 'mL/min/1.73m2' }),
      observation('48642-3', '2022-05-01', { number: 70, unit: 'mL/min/{1.73_m2}' }),
      observation('62238-1', '2023-05-01', { number: 66, unit: 'mL/min/1.73m2' }),
      observation('98979-8', '2024-05-01', { number: 61, unit: 'mL/min/1.73 m2' }),
      observation('2160-0', '2024-05-01', { number: 1.2, unit: 'mg/dL' }),
    ];
    const series = trendSeries(entries, '98979-8');
    expect(series.title).toBe('eGFR (kidney function)');
    expect(series.unit).toBe('mL/min/{1.73_m2}');
    expect(series.points.map((point) => point.value)).toEqual([72, 70, 66, 61]);
    expect(trendGroupOf('48643-1')?.id).toBe('egfr');
  });

  it('maps each LOINC code to at most one trend group', () => {
    const all = TREND_GROUPS.flatMap((group) => group.loincs);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('bloodPressureSeries', () => {
  it('returns systolic and diastolic series for one chart, splitting panel readings', () => {
    const entries = [
      observation('8480-6', '2024-01-10T09:00', { number: 128, unit: 'mm[Hg]' }, { kind: 'vital' }),
      observation('8462-4', '2024-01-10T09:00', { number: 82, unit: 'mmHg' }, { kind: 'vital' }),
      observation('85354-9', '2024-01-10T09:00', { text: '128/82', unit: 'mm[Hg]' }, { kind: 'vital' }),
      observation('85354-9', '2024-02-14T10:30', { text: '142/91' }, { kind: 'vital' }),
      observation('8480-6', '2024-03-01T08:00', { number: 119, unit: 'mm[Hg]' }, { kind: 'vital', interpretation: 'N' }),
    ];
    const { systolic, diastolic } = bloodPressureSeries(entries);
    expect(systolic.title).toBe('Systolic blood pressure');
    expect(systolic.points.map((point) => [point.date, point.value])).toEqual([
      ['2024-01-10T09:00', 128],
      ['2024-02-14T10:30', 142],
      ['2024-03-01T08:00', 119],
    ]);
    expect(diastolic.points.map((point) => point.value)).toEqual([82, 91]);
    expect(diastolic.unit).toBe('mm[Hg]');
    expect(systolic.points[1]?.entryId).toBe(diastolic.points[1]?.entryId);
  });
});

describe('results without a LOINC code (VA Blue Button text)', () => {
  const uncoded = (title: string, date: string, value: RecordDraft['value'], extra: Partial<RecordDraft> = {}): TrendEntry => ({
    ...observation('unused', date, value, { title, ...extra }),
    draft: draft({ kind: 'result', title, codes: [], start: date, value, ...extra }),
  });

  it('are grouped by the test name as written, apart from case and spacing, and specimen, never given a code', () => {
    expect(nameKey(' Hemoglobin  A1C/HEMOGLOBIN.TOTAL ', 'Whole blood')).toBe('name:hemoglobin a1c/hemoglobin.total | whole blood');
    expect(trendKeysOf({ title: 'POTASSIUM', codes: [] })).toEqual(['name:potassium']);
    expect(trendKeysOf({ title: 'Potassium', codes: [{ system: 'LOINC', code: '2823-3' }, { system: 'LOINC', code: '2823-3' }] })).toEqual(['2823-3']);
    expect(trendKeysOf({ title: '', codes: [] })).toEqual([]);
    const plasma = { details: { specimen: 'Plasma' } };
    const entries = [
      uncoded('POTASSIUM', '2012-12-12T08:08', { number: 3.5, unit: 'mmol/L' }, { referenceRange: { low: 3.5, high: 5 }, ...plasma }),
      uncoded('Potassium', '2013-01-17T13:41', { number: 6.5, unit: 'mmol/L' }, { referenceRange: { low: 3.5, high: 5 }, interpretation: 'H*', ...plasma }),
      observation('2823-3', '2014-01-01', { number: 4.1, unit: 'mmol/L' }, { title: 'Potassium' }),
    ];
    const tests = listTrendableTests(entries);
    expect(tests.map((t) => [t.code, t.title, t.count, t.byName, t.specimen])).toEqual([
      ['2823-3', 'Potassium', 1, false, undefined],
      ['name:potassium | plasma', 'Potassium', 2, true, 'plasma'],
    ]);
    const series = trendSeries(entries, 'name:potassium | plasma');
    expect(series).toMatchObject({ code: 'name:potassium | plasma', loincs: [], byName: true, specimen: 'plasma', title: 'Potassium', unit: 'mmol/L' });
    expect(series.points.map((p) => [p.value, p.flag])).toEqual([
      [3.5, undefined],
      [6.5, 'critical_high'],
    ]);
    expect(series.referenceBands).toEqual([{ from: '2012-12-12T08:08', to: '2013-01-17T13:41', low: 3.5, high: 5 }]);
    // A LOINC series never takes in results that only share the name.
    expect(trendSeries(entries, '2823-3').points.map((p) => p.value)).toEqual([4.1]);
  });

  it('keep one name from different specimens apart (urine albumin is not serum albumin)', () => {
    const entries = [
      uncoded('ALBUMIN', '2012-12-12', { number: 25, unit: 'mg/dL' }, { details: { specimen: 'Urine' } }),
      uncoded('ALBUMIN', '2013-01-12', { number: 4.1, unit: 'g/dL' }, { details: { specimen: 'Serum' } }),
    ];
    expect(listTrendableTests(entries).map((t) => [t.code, t.count])).toEqual([
      ['name:albumin | serum', 1],
      ['name:albumin | urine', 1],
    ]);
  });

  it.skipIf(!existsSync(VA_FILE))("bring a VA report's A1c, LDL and potassium to Trends, with their flags", () => {
    const parsed = parseFile(readFileSync(VA_FILE), path.basename(VA_FILE));
    const drafts = parsed.documents.flatMap((d) => d.records);
    const entries: TrendEntry[] = drafts.map((d, i) => ({ id: i + 1, draft: d, sources: ['VA'] }));
    const tests = listTrendableTests(entries);
    const byTitle = new Map(tests.map((t) => [t.title, t]));
    for (const title of ['HEMOGLOBIN A1C/HEMOGLOBIN.TOTAL', 'CHOLESTEROL.IN LDL', 'POTASSIUM']) {
      expect(byTitle.get(title)).toMatchObject({ byName: true });
    }
    const a1c = trendSeries(entries, byTitle.get('HEMOGLOBIN A1C/HEMOGLOBIN.TOTAL')!.code);
    expect(a1c.unit).toBe('%');
    expect(a1c.points.at(-1)).toMatchObject({ date: '2012-12-12T08:11', value: 8.5, flag: 'high', low: 3.4, high: 6.1, sources: ['VA'] });
    const potassium = trendSeries(entries, byTitle.get('POTASSIUM')!.code);
    expect(potassium.specimen).toBe('plasma');
    expect(potassium.points.at(-1)).toMatchObject({ value: 6.5, flag: 'critical_high' });
    // The VA's vitals keep the LOINC codes their importer gives them and trend as before.
    expect(tests.find((t) => t.code === '29463-7')).toMatchObject({ byName: false });
  });
});

describe('listTrendableTests', () => {
  it('lists tests with numeric values, grouped, the most recent first', () => {
    const entries = [
      observation('33914-3', '2021-05-01', { number: 72, unit: 'mL/min/1.73m2' }),
      observation('62238-1', '2023-05-01', { number: 66, unit: 'mL/min/1.73m2' }),
      observation('4548-4', '2024-06-01', { number: 5.5, unit: '%' }, { title: 'Hemoglobin A1c' }),
      observation('5778-6', '2024-07-01', { text: 'Yellow' }, { title: 'Color of Urine' }),
      observation('2951-2', '2022-01-01', { number: 140, unit: 'mmol/L' }, { title: 'Sodium' }),
      observation('2951-2', '2022-08-01', { text: '138' }, { title: 'Sodium [Moles/volume] in Serum' }),
      { ...observation('8480-6', '2024-01-01', { number: 120 }), draft: draft({ kind: 'problem', title: 'x', codes: [{ system: 'LOINC', code: '8480-6' }], start: '2024-01-01', value: { number: 1 } }) },
    ];
    expect(listTrendableTests(entries)).toEqual([
      { code: '4548-4', title: 'Hemoglobin A1c', byName: false, count: 1, latestDate: '2024-06-01', latestValue: 5.5, latestUnit: '%' },
      { code: '33914-3', title: 'eGFR (kidney function)', byName: false, count: 2, latestDate: '2023-05-01', latestValue: 66, latestUnit: 'mL/min/1.73m2' },
      { code: '2951-2', title: 'Sodium [Moles/volume] in Serum', byName: false, count: 2, latestDate: '2022-08-01', latestValue: 138 },
    ]);
  });
});
