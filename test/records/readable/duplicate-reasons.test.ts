// Why a pair is on the review list, as the page reads it: the reason's quoted values with their
// units as people write them, and whether the pair is a person's device against a clinic.
import { describe, expect, it } from 'vitest';
import { deviceAgainstDocument, readDuplicateReason } from '../../../main/records/readable/index.ts';

describe('readDuplicateReason', () => {
  it('reads a value reason’s unit codes as people write them, and keeps words as written', () => {
    expect(readDuplicateReason('Same measurement at the same time, different value: 150.2 [lb_av] vs 152 [lb_av]')).toEqual({ key: 'dupReason_value', values: { a: '150.2 lb', b: '152 lb' } });
    expect(readDuplicateReason('Same measurement at the same time, different value: 98.6 [degF] vs 37 Cel')).toEqual({ key: 'dupReason_value', values: { a: '98.6°F', b: '37°C' } });
    expect(readDuplicateReason('Same test at the same time, different value: Positive vs no value')).toEqual({ key: 'dupReason_value', values: { a: 'Positive', b: 'no value' } });
    // In the reader's locale, at the precision written.
    expect(readDuplicateReason('Same measurement at the same time, different value: 150.20 [lb_av] vs 1520 g', 'es-ES').values).toEqual({ a: '150,20 lb', b: '1520 g' });
    // Other reasons quote the sources' words untouched.
    expect(readDuplicateReason('Same medicine, different dose: 10 mg vs 20 [mg]')).toEqual({ key: 'dupReason_dose', values: { a: '10 mg', b: '20 [mg]' } });
  });
});

describe('deviceAgainstDocument', () => {
  const entry = (kind: string, ...formats: string[]) => ({ kind, sources: formats.map((format) => ({ format })) });
  it('is a reading from the person’s devices only against one a clinic’s document gave', () => {
    expect(deviceAgainstDocument(entry('vital', 'apple-health'), entry('vital', 'ccda'))).toBe(true);
    expect(deviceAgainstDocument(entry('result', 'fhir'), entry('result', 'glucose-csv', 'bp-csv'))).toBe(true);
    expect(deviceAgainstDocument(entry('vital', 'apple-health', 'ccda'), entry('vital', 'fhir'))).toBe(false);
    expect(deviceAgainstDocument(entry('vital', 'apple-health'), entry('vital', 'bp-csv'))).toBe(false);
    expect(deviceAgainstDocument(entry('vital', 'apple-health'), entry('vital', 'manual'))).toBe(false);
    expect(deviceAgainstDocument(entry('allergy', 'apple-health'), entry('allergy', 'ccda'))).toBe(false);
  });
});
