// Reading single lines of lab reports: what is read, and what is left unread because more than
// one reading fits or a piece is not one reports print.
import { describe, expect, it } from 'vitest';
import { proposeResults, readLabLine } from '../../main/documents/lab-lines/index.ts';

const read = (line: string) => {
  const r = readLabLine(line);
  return r && { name: r.name, value: r.value.text, number: r.value.number, unit: r.unit, range: r.range?.text, flag: r.flag?.code };
};

describe('a lab report line', () => {
  it('reads the common column orders', () => {
    expect(read('Glucose 105 H mg/dL 70-99')).toEqual({ name: 'Glucose', value: '105', number: 105, unit: 'mg/dL', range: '70-99', flag: 'H' });
    expect(read('GLUCOSE 105 H 65-99 mg/dL')).toEqual({ name: 'GLUCOSE', value: '105', number: 105, unit: 'mg/dL', range: '65-99', flag: 'H' });
    expect(read('Cholesterol, Total 210 High mg/dL 100-199')).toMatchObject({ name: 'Cholesterol, Total', value: '210', flag: 'H' });
    expect(read('Hemoglobin A1c 5.4 % <5.7')).toMatchObject({ name: 'Hemoglobin A1c', value: '5.4', unit: '%', range: '<5.7' });
    expect(read('eGFR 85 mL/min/1.73 m2 >=60')).toMatchObject({ value: '85', unit: 'mL/min/1.73 m2', range: '>=60' });
    expect(read('Platelets 123 x10E3/uL 150 - 450 L')).toMatchObject({ value: '123', unit: 'x10E3/uL', range: '150 - 450', flag: 'L' });
    expect(read('INR 1.1 0.9-1.1')).toMatchObject({ name: 'INR', value: '1.1', range: '0.9-1.1' });
    expect(read('Anion gap 3 in Serum or Plasma 14 mmol/L 5-17')).toMatchObject({ name: 'Anion gap 3 in Serum or Plasma', value: '14' });
  });

  it('reads a range with its unit inside, or in words', () => {
    expect(read('HGB A1C 7.2 4-5.6%')).toMatchObject({ value: '7.2', unit: '%', range: '4-5.6%' });
    expect(read('Hemoglobin 10.2 L g/dl 12.0 g/dl - 16.0 g/dl')).toMatchObject({ value: '10.2', unit: 'g/dl', range: '12.0 g/dl - 16.0 g/dl', flag: 'L' });
    expect(read('Glucose urine 50 mg/dL Negative')).toMatchObject({ value: '50', unit: 'mg/dL', range: 'Negative' });
    expect(read('Hemoglobin 10.2 g/dL 12 mg/dL - 16 mg/dL'), 'the range in another unit').toBeUndefined();
    expect(read('Hemoglobin 10.2 g/dL 12-16%'), 'a percent range for a g/dL value').toBeUndefined();
    expect(read('Glucose urine 50 Negative'), 'a range in words, no unit').toMatchObject({ value: '50', range: 'Negative' });
  });

  it('keeps a value with a comparator as text, without a number', () => {
    expect(read('Troponin I <0.01 ng/mL 0.00-0.04')).toMatchObject({ value: '<0.01', number: undefined, unit: 'ng/mL' });
  });

  it('leaves unread what could be read two ways or is not a result', () => {
    for (const line of [
      'Page 1 of 2',
      'Test Result Flag Units Reference Interval',
      'Phone 800 762 4344',
      'DOB: 01/02/1960 Age 66 years',
      'Specimen ID 2024 1187 44',
      'Glucose 95 100 mg/dL 70-99', // a previous result beside the current one
      'Glucose 95 01/02/2025 mg/dL 70-99',
      'Sodium 140 mmol/L 136-145 mg/dL', // two units
      'WBC 12.3 Ref: <=500 10*3/uL',
      'PROTEIN IN URINE ~~ 100 mg/dL Negative', // a speck read as text
    ]) {
      expect(read(line), line).toBeUndefined();
    }
    // A value with a unit the list knows is read without a range.
    expect(read('Hemoglobin 13.2 g/dL')).toMatchObject({ value: '13.2', unit: 'g/dL' });
    expect(read('Glucose 95 furlongs 70-99'), 'an unknown unit').toBeUndefined();
    expect(read('WBC 5,200 /uL 4,000-11,000'), 'a thousands comma').toBeUndefined();
    expect(read('Glucose 99 70-50'), 'a range upside down').toBeUndefined();
    expect(read('Glucose 105 h mg/dL 70-99'), 'a lower-case word is not a flag').toBeUndefined();
  });
});

describe('proposals from pages', () => {
  it('keeps each line, its page and whether its text was recognised', () => {
    const proposals = proposeResults([
      { position: 0, page: 1, text: 'Riverside Lab\nGlucose 105 H mg/dL 70-99\nPage 1 of 2', recognized: false },
      { position: 1, page: 1, text: 'Sodium 141 136-145\nmmol/L\nCreatinine 1.9 0.5-1.2\nmgAlb/gCre', recognized: true },
    ]);
    expect(proposals.map((p) => [p.name, p.unit, p.line, p.position, p.page, p.recognized])).toEqual([
      ['Glucose', 'mg/dL', 'Glucose 105 H mg/dL 70-99', 0, 1, false],
      // The unit wrapped onto the next line is this line's; an unknown one leaves the line unread.
      ['Sodium', 'mmol/L', 'Sodium 141 136-145\nmmol/L', 1, 1, true],
    ]);
  });
});
