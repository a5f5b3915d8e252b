import { describe, expect, it } from 'vitest';
import {
  codeKey,
  codeKeys,
  dayKey,
  medicationIngredientKey,
  medicationStrengths,
  minuteKey,
  normalizeProblemName,
  normalizeSubstanceName,
  normalizeSystem,
  normalizeText,
} from '../../main/records/normalize.ts';

describe('codes', () => {
  it('names systems the same however they are written', () => {
    expect(normalizeSystem('2.16.840.1.113883.6.1')).toBe('LOINC');
    expect(normalizeSystem('urn:oid:2.16.840.1.113883.6.96')).toBe('SNOMED');
    expect(normalizeSystem('http://www.nlm.nih.gov/research/umls/rxnorm')).toBe('RXNORM');
    expect(normalizeSystem('rxnorm')).toBe('RXNORM');
    expect(normalizeSystem('urn:oid:1.2.3.4')).toBe('urn:oid:1.2.3.4');
  });

  it('writes ICD codes in one dotted form', () => {
    expect(codeKey({ system: 'ICD10CM', code: 'e119' })).toBe('ICD10CM:E11.9');
    expect(codeKey({ system: 'ICD10CM', code: 'I10' })).toBe('ICD10CM:I10');
    expect(codeKey({ system: 'ICD9CM', code: '25000' })).toBe('ICD9CM:250.00');
    expect(codeKey({ system: 'ICD9CM', code: 'E8490' })).toBe('ICD9CM:E849.0');
  });

  it('drops empty codes, UCUM and repeats', () => {
    expect(
      codeKeys([
        { system: 'LOINC', code: '2345-7' },
        { system: '2.16.840.1.113883.6.1', code: '2345-7' },
        { system: 'UCUM', code: 'mg/dL' },
        { system: 'SNOMED', code: '  ' },
      ]),
    ).toEqual(['LOINC:2345-7']);
  });
});

describe('names', () => {
  it('reduces medication names to their ingredients', () => {
    expect(medicationIngredientKey('Metformin 500 MG Oral Tablet')).toBe('metformin');
    expect(medicationIngredientKey('metformin hydrochloride 500mg tab')).toBe('metformin');
    expect(medicationIngredientKey('Metformin HCl ER 500 mg/24hr')).toBe('metformin');
    expect(medicationIngredientKey('Glucophage [metformin]')).toBe('glucophage');
    expect(medicationIngredientKey('Atorvastatin Calcium 20 MG Oral Tablet')).toBe('atorvastatin');
    expect(medicationIngredientKey('Potassium Chloride 20 MEQ')).toBe('chloride potassium');
    expect(medicationIngredientKey('Lisinopril 10 MG / Hydrochlorothiazide 12.5 MG Oral Tablet')).toBe(
      'hydrochlorothiazide lisinopril',
    );
    expect(medicationIngredientKey('Insulin Glargine 100 UNT/ML Pen Injector')).toBe('glargine insulin');
    expect(medicationIngredientKey('insulin glargine 100 units/mL injection')).toBe('glargine insulin');
  });

  it('reads strengths from names and doses', () => {
    expect(medicationStrengths('Metformin 500 MG Oral Tablet')).toEqual(['500 mg']);
    expect(medicationStrengths('amoxicillin 250 mg/5 mL suspension')).toEqual(['250 mg/5 mL']);
    expect(medicationStrengths('Lisinopril 10 MG / HCTZ 12.5 MG')).toEqual(['10 mg', '12.5 mg']);
    expect(medicationStrengths('Sodium Chloride 0.9 % solution')).toEqual(['0.9 %']);
    expect(medicationStrengths('Aspirin')).toEqual([]);
  });

  it('normalizes problem and substance names', () => {
    expect(normalizeProblemName('Type 2 Diabetes Mellitus (disorder)')).toBe('type 2 diabetes mellitus');
    expect(normalizeSubstanceName('Allergy to penicillin')).toBe('penicillin');
    expect(normalizeSubstanceName('Penicillin allergy')).toBe('penicillin');
    expect(normalizeText('  Café—au-lait spots. ')).toBe('cafe au lait spots');
    expect(normalizeText('Vitamin B12 1.5 mg.')).toBe('vitamin b12 1.5 mg');
  });
});

describe('dates', () => {
  it('takes the day as written and the minute in UTC when zoned', () => {
    expect(dayKey('2024-03-01T08:30:00-05:00')).toBe('2024-03-01');
    expect(dayKey('2024-03')).toBe('2024-03');
    expect(dayKey('garbage')).toBeUndefined();
    expect(minuteKey('2024-03-01T08:30:59-05:00')).toBe('2024-03-01T13:30Z');
    expect(minuteKey('2024-03-01T13:30Z')).toBe('2024-03-01T13:30Z');
    expect(minuteKey('2024-03-01T08:30')).toBe('2024-03-01T08:30');
    expect(minuteKey('2024-03-01')).toBeUndefined();
  });
});
