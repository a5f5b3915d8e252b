// Sorting a forecast's groups for the What's due screen: overdue only after CDC's past-due date,
// due from the recommended date (the earliest when there is none), complete and immune together.
import { describe, expect, test } from 'vitest';
import type { ImmunizationForecast, ImmunizationGroupForecast } from '../../preload/contract.ts';
import { bucketGroups, bucketOf, dosesOfGroup, reasonParts } from '../../renderer/immunizations/due.ts';

function group(over: Partial<ImmunizationGroupForecast>): ImmunizationGroupForecast {
  return { group: 'HepB', status: 'Not Complete', doseNumber: '2', earliest: null, recommended: null, pastDue: null, latest: null, vaccines: [], reason: '', seriesType: 'Standard', ...over };
}

describe('bucketOf', () => {
  const dated = group({ earliest: '2025-01-01', recommended: '2025-01-10', pastDue: '2025-03-09' });
  test('a dose is coming up before its recommended date, even once it may be given', () => {
    expect(bucketOf(dated, '2024-12-31')).toBe('upcoming');
    expect(bucketOf(dated, '2025-01-09')).toBe('upcoming');
  });
  test('due from the recommended date through the past-due date, overdue only the day after', () => {
    expect(bucketOf(dated, '2025-01-10')).toBe('due');
    expect(bucketOf(dated, '2025-03-09')).toBe('due');
    expect(bucketOf(dated, '2025-03-10')).toBe('overdue');
  });
  test('without a recommended date the earliest date decides; without a past-due date it is never overdue', () => {
    const g = group({ earliest: '2025-01-01' });
    expect(bucketOf(g, '2024-12-31')).toBe('upcoming');
    expect(bucketOf(g, '2030-01-01')).toBe('due');
  });
  test('complete and immune are complete; other statuses and undated forecasts are set apart', () => {
    expect(bucketOf(group({ status: 'Complete' }), '2025-01-01')).toBe('complete');
    expect(bucketOf(group({ status: 'Immune' }), '2025-01-01')).toBe('complete');
    expect(bucketOf(group({ status: 'Aged Out' }), '2025-01-01')).toBe('other');
    expect(bucketOf(group({ status: 'Contraindicated' }), '2025-01-01')).toBe('other');
    expect(bucketOf(group({}), '2025-01-01')).toBe('other');
  });
});

test('bucketGroups sorts each bucket by date, and dosesOfGroup keeps only that group’s evaluations', () => {
  const forecast: ImmunizationForecast = {
    supportingData: '4.64',
    groups: [
      group({ group: 'MMR', earliest: '2025-06-01' }),
      group({ group: 'HepA', earliest: '2025-02-01' }),
      group({ group: 'HPV', status: 'Complete' }),
    ],
    doses: [
      {
        date: '2024-01-01',
        cvx: '94',
        evaluations: [
          { antigen: 'Measles', group: 'MMR', status: 'Valid', reason: '', series: 's', seriesType: 'Standard' },
          { antigen: 'Varicella', group: 'Varicella', status: 'Not Valid', reason: 'Too soon; Live virus conflict', series: 's', seriesType: 'Standard' },
        ],
      },
    ],
  };
  const buckets = bucketGroups(forecast, '2025-01-01');
  expect(buckets.get('upcoming')!.map((g) => g.group)).toEqual(['HepA', 'MMR']);
  expect(buckets.get('complete')!.map((g) => g.group)).toEqual(['HPV']);
  expect(buckets.get('overdue')).toEqual([]);
  expect(dosesOfGroup(forecast, 'Varicella')[0]!.evaluations.map((e) => e.antigen)).toEqual(['Varicella']);
  expect(dosesOfGroup(forecast, 'HepB')).toEqual([]);
  expect(reasonParts('Too soon; Live virus conflict')).toEqual(['Too soon', 'Live virus conflict']);
});
