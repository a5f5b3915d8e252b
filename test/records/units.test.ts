import { describe, expect, it } from 'vitest';
import { convertValue, isUcum, toUcum, unitLabel } from '../../main/records/units.ts';

describe('toUcum', () => {
  it.each([
    ['mg/dl', 'mg/dL'],
    ['G/dl', 'g/dL'],
    ['lbs', '[lb_av]'],
    ['in', '[in_i]'],
    ['[in_us]', '[in_i]'],
    ['F', '[degF]'],
    ['mmHg', 'mm[Hg]'],
    ['mm Hg', 'mm[Hg]'],
    ['PERCENT', '%'],
    ['10+3/ul', '10*3/uL'],
    ['10^3/ul', '10*3/uL'],
    ['x10E3/uL', '10*3/uL'],
    ['K/mm3', '10*3/mm3'],
    ['kg/m²', 'kg/m2'],
    ['mL/min/1.73m2', 'mL/min/{1.73_m2}'],
    ['meq/l', 'meq/L'],
  ])('maps %s to %s', (written, ucum) => {
    expect(toUcum(written)).toBe(ucum);
    expect(isUcum(ucum)).toBe(true);
  });

  it('keeps unknown units as written and treats blanks as no unit', () => {
    expect(toUcum(' THOUSAND ')).toBe('THOUSAND');
    expect(toUcum('   ')).toBeUndefined();
    expect(toUcum(undefined)).toBeUndefined();
  });
});

describe('convertValue', () => {
  it('converts glucose between mg/dL and mmol/L with its molecular weight', () => {
    expect(convertValue(100, 'mg/dL', 'mmol/L', 180.16)).toEqual({ ok: true, value: 5.551 });
    expect(convertValue(7, 'mmol/l', 'mg/dl', 180.16)).toEqual({ ok: true, value: 126.1 });
  });

  it('refuses a mass-to-molar conversion without a molecular weight', () => {
    const result = convertValue(100, 'mg/dL', 'mmol/L');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/molecular weight/);
  });

  it('converts weight, height and temperature', () => {
    expect(convertValue(150, 'lbs', 'kg')).toEqual({ ok: true, value: 68.04 });
    expect(convertValue(70, 'in', 'cm')).toEqual({ ok: true, value: 177.8 });
    expect(convertValue(98.6, 'F', 'Cel')).toEqual({ ok: true, value: 37 });
    expect(convertValue(38.5, 'Cel', '[degF]')).toEqual({ ok: true, value: 101.3 });
  });

  it('leaves a value in the same unit untouched', () => {
    expect(convertValue(5.123456, 'mg/dl', 'mg/dL')).toEqual({ ok: true, value: 5.123456 });
  });

  it('explains units that cannot be converted', () => {
    const unknown = convertValue(5, 'THOUSAND', '10*3/uL');
    expect(unknown).toEqual({ ok: false, why: 'unknown-unit', reason: 'The unit "THOUSAND" is not one Chartkeeper can convert.' });
    const incompatible = convertValue(5, 'kg', 'mg/dL');
    expect(incompatible).toEqual({ ok: false, why: 'not-convertible', reason: 'kg cannot be converted to mg/dL.' });
    const missing = convertValue(5, undefined, 'mg/dL');
    expect(missing.ok).toBe(false);
  });

  it('labels units the way people write them', () => {
    expect(unitLabel('[lb_av]')).toBe('lb');
    expect(unitLabel('mm[Hg]')).toBe('mmHg');
    expect(unitLabel('mg/dL')).toBe('mg/dL');
    expect(unitLabel('{ratio}')).toBe('ratio');
  });
});
