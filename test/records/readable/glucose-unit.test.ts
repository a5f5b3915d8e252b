// Glucose in the unit the person chose (mg/dL, mmol/L or as written), decided at read time by
// the display module the renderer and the visit summary share.
import { describe, expect, it } from 'vitest';
import { formatRange, inGlucoseUnit, isGlucose, readableQuantity, roundGlucose } from '../../../main/records/readable/index.ts';

const en = (glucose: 'auto' | 'mg/dL' | 'mmol/L') => ({ locale: 'en-US', units: 'us' as const, glucose });
const GLUCOSE = { glucose: true };

describe('glucose unit', () => {
  it('knows glucose by its LOINC codes, bare or as entries carry them', () => {
    expect(isGlucose(['2345-7'])).toBe(true);
    expect(isGlucose([{ code: '99504-3' }])).toBe(true);
    expect(isGlucose(['15074-8', '1234-5'])).toBe(true);
    expect(isGlucose(['2093-3'])).toBe(false);
    expect(isGlucose(undefined)).toBe(false);
  });

  it('converts with glucose molar mass and rounds as clinicians read: mmol/L to one decimal, mg/dL whole', () => {
    expect(inGlucoseUnit(101, 'mg/dL', 'mmol/L')).toEqual({ value: 5.6, unit: 'mmol/L' });
    expect(inGlucoseUnit(5.5, 'mmol/L', 'mg/dL')).toEqual({ value: 99, unit: 'mg/dL' });
    expect(inGlucoseUnit(180, 'mg/dl', 'mmol/L')).toEqual({ value: 10, unit: 'mmol/L' });
    expect(inGlucoseUnit(7.8, 'MMOL/L', 'mg/dL')).toEqual({ value: 141, unit: 'mg/dL' });
    // Nothing to do: already the chosen unit, "auto", or a unit that is not mg/dL or mmol/L.
    expect(inGlucoseUnit(101, 'mg/dL', 'mg/dL')).toBeUndefined();
    expect(inGlucoseUnit(101, 'mg/dL', 'auto')).toBeUndefined();
    expect(inGlucoseUnit(101, 'g/L', 'mmol/L')).toBeUndefined();
    expect(roundGlucose(5.55, 'mmol/L')).toBe(5.6);
    expect(roundGlucose(99.5, 'mg/dL')).toBe(100);
  });

  it('reads a glucose value in the chosen unit and keeps how the source wrote it', () => {
    expect(readableQuantity({ number: 101, text: '101', unit: 'mg/dL' }, en('mmol/L'), GLUCOSE)).toEqual({ text: '5.6 mmol/L', asWritten: '101 mg/dL' });
    expect(readableQuantity({ number: 6.2, text: '6.2', unit: 'mmol/L' }, en('mg/dL'), GLUCOSE)).toEqual({ text: '112 mg/dL', asWritten: '6.2 mmol/L' });
    expect(readableQuantity({ number: 6.2, text: '6.2', unit: 'mmol/L' }, { locale: 'es-ES', units: 'metric', glucose: 'mg/dL' }, GLUCOSE)).toEqual({ text: '112 mg/dL', asWritten: '6,2 mmol/L' });
    // In its own unit, or with "auto", or without the setting: as written.
    expect(readableQuantity({ number: 101, text: '101', unit: 'mg/dL' }, en('mg/dL'), GLUCOSE)).toEqual({ text: '101 mg/dL' });
    expect(readableQuantity({ number: 101, text: '101', unit: 'mg/dL' }, en('auto'), GLUCOSE)).toEqual({ text: '101 mg/dL' });
    expect(readableQuantity({ number: 101, text: '101', unit: 'mg/dL' }, { locale: 'en-US', units: 'us' }, GLUCOSE)).toEqual({ text: '101 mg/dL' });
    // Words and comparators are never converted.
    expect(readableQuantity({ text: '<40', unit: 'mg/dL' }, en('mmol/L'), GLUCOSE)?.text).toBe('<40 mg/dL');
  });

  it('leaves every other mg/dL value alone, and glucose alone when not told it is glucose', () => {
    expect(readableQuantity({ number: 190, text: '190', unit: 'mg/dL' }, en('mmol/L'))).toEqual({ text: '190 mg/dL' });
    expect(readableQuantity({ number: 190, text: '190', unit: 'mg/dL' }, en('mmol/L'), {})).toEqual({ text: '190 mg/dL' });
    // A weight still follows the unit system beside a glucose setting.
    expect(readableQuantity({ number: 80, text: '80', unit: 'kg' }, en('mmol/L'))?.text).toBe('176.4 lb');
  });

  it('reads a glucose normal range in the chosen unit', () => {
    expect(formatRange({ low: 70, high: 99, unit: 'mg/dL' }, en('mmol/L'), undefined, GLUCOSE)).toBe('3.9–5.5 mmol/L');
    expect(formatRange({ low: 3.9, high: 5.5, unit: 'mmol/L', text: '3.9-5.5' }, en('mg/dL'), undefined, GLUCOSE)).toBe('70–99 mg/dL');
    expect(formatRange({ low: 70, high: 99, unit: 'mg/dL', text: '70-99' }, en('auto'), undefined, GLUCOSE)).toBe('70-99');
    expect(formatRange({ high: 200, unit: 'mg/dL' }, en('mmol/L'), undefined, {})).toBe('≤ 200 mg/dL');
  });
});
