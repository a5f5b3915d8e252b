// How values, units, dates, date labels and statuses read (main/records/readable), on made-up
// values and on the values real sample files write.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../main/importers/index.ts';
import type { RecordDraft } from '../../../main/records/model.ts';
import {
  abnormalFlag,
  dateLabels,
  FLAG_ICONS,
  formatDecimal,
  formatPartialDate,
  formatQuantity,
  formatRange,
  readableQuantity,
  shownStatus,
  unitLabel,
  type ReadingOptions,
} from '../../../main/records/readable/index.ts';

const US = { locale: 'en-US', units: 'us' } as const;
const METRIC = { locale: 'en-US', units: 'metric' } as const;
const ES_METRIC = { locale: 'es', units: 'metric' } as const;

describe('numbers keep the precision the source gave, never a float artefact', () => {
  it.each([
    ['5.89432835095002', '5.89'],
    ['99.06944876666404', '99.1'],
    ['1.015', '1.015'],
    ['7.0', '7.0'],
    ['300.0', '300.0'],
    ['0.012', '0.012'],
    ['0.000123456789', '0.000123'],
    ['1234.56789', '1,235'],
    ['23.2443', '23.2'],
    ['140', '140'],
    ['-2.5', '-2.5'],
  ])('%s reads %s', (written, shown) => {
    expect(formatDecimal(written, 'en-US')).toBe(shown);
  });

  it('uses the reader’s decimal separator', () => {
    expect(formatDecimal('1.015', 'es')).toBe('1,015');
    expect(formatDecimal(5.89432835095002, 'es')).toBe('5,89');
  });

  it('reads a number given without text from its shortest form', () => {
    expect(formatDecimal(1.015, 'en-US')).toBe('1.015');
    expect(formatDecimal(1e-7, 'en-US')).toBe('0.0000001');
  });
});

describe('units as people write them', () => {
  it.each([
    ['mm[Hg]', 'mmHg'],
    ['10*3/uL', '×10³/µL'],
    ['10*9/L', '×10⁹/L'],
    ['x10E3/uL', '×10³/µL'],
    ['10^6/uL', '×10⁶/µL'],
    ['[in_us]', 'in'],
    ['[in_i]', 'in'],
    ['[lb_av]', 'lb'],
    ['[degF]', '°F'],
    ['Cel', '°C'],
    ['[pH]', ''],
    ['1', ''],
    ['{beats}/min', 'beats/min'],
    ['mL/min/{1.73_m2}', 'mL/min/1.73 m²'],
    ['kg/m2', 'kg/m²'],
    ['umol/L', 'µmol/L'],
    ['ug/mL', 'mcg/mL'],
    ['m[IU]/mL', 'mIU/mL'],
    ['cm[H2O]', 'cmH2O'],
    ['mg/dL', 'mg/dL'],
    ['U/L', 'U/L'],
    ['{ratio}', 'ratio'],
    ['THOUSAND', 'THOUSAND'],
  ])('%s reads "%s"', (unit, label) => {
    expect(unitLabel(unit)).toBe(label);
  });
});

describe('values with their units', () => {
  it('joins a percent and degrees to the number, other units with a space', () => {
    expect(formatQuantity({ number: 5.89432835095002, unit: '%' }, US)).toBe('5.89%');
    expect(formatQuantity({ number: 99.06944876666404, unit: 'mL/min/{1.73_m2}' }, US)).toBe('99.1 mL/min/1.73 m²');
    expect(formatQuantity({ number: 5, text: '5.0', unit: '[pH]' }, US)).toBe('5.0');
    expect(formatQuantity({ number: 98.6, text: '98.6', unit: '[degF]' }, US)).toBe('98.6°F');
  });

  it('shows body measurements in the reader’s unit system and keeps how the source wrote them', () => {
    expect(readableQuantity({ number: 162, text: '162', unit: '[lb_av]' }, METRIC)).toEqual({ text: '73.5 kg', asWritten: '162 lb' });
    expect(readableQuantity({ number: 70, text: '70', unit: '[in_us]' }, METRIC)).toEqual({ text: '177.8 cm', asWritten: '70 in' });
    expect(readableQuantity({ number: 37, text: '37', unit: 'Cel' }, US)).toEqual({ text: '98.6°F', asWritten: '37°C' });
    expect(readableQuantity({ number: 98.6, text: '98.6', unit: '[degF]' }, ES_METRIC)).toEqual({ text: '37°C', asWritten: '98,6°F' });
    expect(readableQuantity({ number: 162, text: '162', unit: '[lb_av]' }, US)).toEqual({ text: '162 lb' });
    // Not a body measurement: never converted.
    expect(readableQuantity({ number: 100, unit: 'mg/dL' }, METRIC)).toEqual({ text: '100 mg/dL' });
  });

  it('keeps words and comparisons as written', () => {
    expect(formatQuantity({ text: 'Positive' }, US)).toBe('Positive');
    expect(formatQuantity({ text: '<0.5', unit: 'mg/L' }, ES_METRIC)).toBe('<0,5 mg/L');
    expect(formatQuantity({ text: '120/80 mmHg', unit: 'mm[Hg]' }, US)).toBe('120/80 mmHg');
    expect(formatQuantity(undefined, US)).toBe('');
  });

  it('reads a reference range from its text, else from its bounds', () => {
    expect(formatRange({ text: '13.5 - 18', low: 13.5, high: 18 }, US, 'g/dL')).toBe('13.5 - 18');
    expect(formatRange({ low: 3.5, high: 5.1, unit: 'mmol/L' }, US)).toBe('3.5–5.1 mmol/L');
    expect(formatRange({ high: 200 }, US, 'mg/dL')).toBe('≤ 200 mg/dL');
    expect(formatRange({ low: 97, high: 99, unit: '[degF]' }, METRIC)).toBe('36.1–37.2°C');
  });
});

describe('dates never show a time the source did not give', () => {
  it('treats midnight on the dot as a date', () => {
    expect(formatPartialDate('2012-08-06T00:00:00', 'en-US', { time: true })).toBe('Aug 6, 2012');
    expect(formatPartialDate('2012-08-06T00:00:00-05:00', 'en-US', { time: true })).toBe('Aug 6, 2012');
    expect(formatPartialDate('2012-08-06', 'en-US', { time: true })).toBe('Aug 6, 2012');
  });

  it('shows a time as the source’s own wall-clock time, only when asked', () => {
    expect(formatPartialDate('2013-01-24T13:12:12-04:00', 'en-US', { time: true })).toBe('Jan 24, 2013, 1:12 PM');
    expect(formatPartialDate('2013-01-24T13:12:12-04:00', 'en-US')).toBe('Jan 24, 2013');
    expect(formatPartialDate('2013-01', 'es')).toBe('ene 2013');
  });
});

describe('labels fit the kind', () => {
  it('names what each date means', () => {
    expect(dateLabels('result').start).toBe('collected');
    expect(dateLabels('immunization').start).toBe('given');
    expect(dateLabels('vital').start).toBe('measured');
    expect(dateLabels('medication')).toEqual({ start: 'started', end: 'ended' });
    expect(dateLabels('problem').end).toBe('resolved');
  });

  it('shows a status only where it tells a patient something', () => {
    expect(shownStatus('claim', 'completed')).toBeUndefined();
    expect(shownStatus('result', 'completed')).toBeUndefined();
    expect(shownStatus('result', 'active')).toBeUndefined();
    expect(shownStatus('encounter', 'cancelled')).toBe('cancelled');
    expect(shownStatus('immunization', 'refused')).toBe('refused');
    expect(shownStatus('immunization', 'not-done')).toBe('not-done');
    expect(shownStatus('medication', 'active')).toBe('active');
    expect(shownStatus('allergy', 'inactive')).toBe('inactive');
    expect(shownStatus('problem', 'unknown')).toBeUndefined();
  });
});

const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');

function recordsOf(file: string): RecordDraft[] {
  const full = path.join(corpus, file);
  return parseFile(new Uint8Array(readFileSync(full)), path.basename(full)).documents.flatMap((d) => d.records);
}

describe.skipIf(!existsSync(corpus))('values from the public sample files', () => {
  it('a SMART FHIR bundle’s computed values read at a sensible precision', () => {
    const records = recordsOf('fhir-r4/smart-generated-sample-data/Enrique_Treviño_c8700621-650e-4e68-8210-d05c6e2c61fa.json');
    const shown = records.filter((r) => r.value).map((r) => formatQuantity(r.value, US));
    expect(shown).toContain('5.89%');
    expect(shown).toContain('99.1 mL/min/1.73 m²');
    // No value anywhere in the file shows more than five significant digits.
    const longest = Math.max(...shown.map((s) => (/^-?[\d,.]+/.exec(s)?.[0] ?? '').replace(/[^\d]/g, '').replace(/^0+/, '').length));
    expect(longest).toBeLessThanOrEqual(5);
    expect(shown.some((s) => /\[|\]|\{|\}|10\*/.test(s))).toBe(false);
  });

  it('a Greenway C-CDA’s vitals and blood counts read as people write them', () => {
    const records = recordsOf('ccda/chb-sample-ccdas/Greenway Samples/Adam Everyman CCDA.xml');
    const inUnit = (unit: string, options: ReadingOptions = US) => records.filter((r) => r.value?.unit === unit).map((r) => formatQuantity(r.value, options));
    expect(inUnit('[in_us]')).toContain('70 in');
    expect(inUnit('[in_us]', METRIC)).toContain('177.8 cm');
    expect(inUnit('[lb_av]')).toContain('162 lb');
    expect(inUnit('[lb_av]', METRIC)).toContain('73.5 kg');
    expect(inUnit('x10E3/uL')).toContain('6.0 ×10³/µL');
    expect(records.filter((r) => r.value?.unit === 'mm[Hg]').map((r) => formatQuantity(r.value, US))).toContain('120 mmHg');
  });

  it('a urine pH reads without a unit', () => {
    const records = recordsOf('ccda/jddamore-ccda-samples/MedConnect/ALICE NEWMAN_20170924183057_RN.xml');
    const ph = records.filter((r) => r.value?.unit === '[pH]');
    expect(ph.length).toBeGreaterThan(0);
    expect(ph.map((r) => formatQuantity(r.value, US))).toContain('5.0');
  });
});

describe('one vocabulary for abnormal results', () => {
  it('reads the source’s interpretation code first', () => {
    expect(abnormalFlag({ interpretation: 'HH', value: { number: 6.5 } })).toEqual({ flag: 'critical_high', from: 'code' });
    expect(abnormalFlag({ interpretation: 'LL' })).toEqual({ flag: 'critical_low', from: 'code' });
    expect(abnormalFlag({ interpretation: 'H' })?.flag).toBe('high');
    expect(abnormalFlag({ interpretation: ' l ' })?.flag).toBe('low');
    expect(abnormalFlag({ interpretation: 'A' })?.flag).toBe('abnormal');
    expect(abnormalFlag({ interpretation: 'AA' })?.flag).toBe('critical');
    expect(abnormalFlag({ interpretation: 'Critical high' })?.flag).toBe('critical_high');
  });

  it('trusts a code that says normal over the range', () => {
    expect(abnormalFlag({ interpretation: 'N', value: { number: 9 }, referenceRange: { low: 1, high: 5 } })).toBeUndefined();
  });

  it('compares with the reference range only when no code says anything', () => {
    expect(abnormalFlag({ value: { number: 6.5, unit: 'mmol/L' }, referenceRange: { low: 3.5, high: 5.1, unit: 'mmol/L' } })).toEqual({ flag: 'high', from: 'range' });
    expect(abnormalFlag({ value: { number: 2.9, text: '2.9' }, referenceRange: { low: 3.5, high: 5.1 } })?.flag).toBe('low');
    // ">" is off-scale, not abnormal: eGFR ">60" with range ≥ 60 is normal.
    expect(abnormalFlag({ interpretation: '>', value: { text: '>60' }, referenceRange: { low: 60 } })).toBeUndefined();
    // A range in another unit is not compared.
    expect(abnormalFlag({ value: { number: 120, unit: 'mg/dL' }, referenceRange: { low: 3.9, high: 5.5, unit: 'mmol/L' } })).toBeUndefined();
    expect(abnormalFlag({ value: { text: 'Positive' }, referenceRange: { text: 'Negative' } })).toBeUndefined();
  });

  it('gives every flag an icon', () => {
    for (const flag of ['critical_high', 'critical_low', 'critical', 'high', 'low', 'abnormal'] as const) expect(FLAG_ICONS[flag]).toMatch(/\S/);
  });
});
