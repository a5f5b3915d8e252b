import { expect, test } from 'vitest';
import { readableUnit } from '../../renderer/format/units.ts';

test('UCUM codes are shown the way people write units', () => {
  expect(readableUnit('mm[Hg]')).toBe('mmHg');
  expect(readableUnit('[lb_av]')).toBe('lb');
  expect(readableUnit('[in_i]')).toBe('in');
  expect(readableUnit('[degF]')).toBe('°F');
  expect(readableUnit('Cel')).toBe('°C');
  expect(readableUnit('{beats}/min')).toBe('beats/min');
  expect(readableUnit('mg/dL')).toBe('mg/dL');
  expect(readableUnit('10*3/uL')).toBe('10*3/uL');
  expect(readableUnit(undefined)).toBeUndefined();
});
