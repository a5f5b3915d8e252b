import { describe, expect, it } from 'vitest';
import { codesToTry, oidOf } from '../../main/medlineplus/code-systems.ts';
import { CODE_SYSTEMS } from '../../main/records/model.ts';

describe('codesToTry', () => {
  it('orders problem codes ICD-10-CM, then SNOMED CT, then ICD-9-CM', () => {
    const codes = [
      { system: 'ICD9CM', code: '250.00' },
      { system: 'SNOMED', code: '44054006', display: 'Diabetes mellitus type 2' },
      { system: 'ICD10CM', code: 'E11.9' },
      { system: 'LOINC', code: '4548-4' },
    ];
    expect(codesToTry('problem', codes)).toEqual([
      { system: 'ICD10CM', code: 'E11.9' },
      { system: 'SNOMED', code: '44054006' },
      { system: 'ICD9CM', code: '250.00' },
    ]);
  });

  it('orders medicines RxNorm then NDC; labs LOINC; procedures CPT', () => {
    const codes = [
      { system: 'NDC', code: '0093-7212-01' },
      { system: 'RXNORM', code: '860975' },
      { system: 'LOINC', code: '4548-4' },
      { system: 'CPT', code: '83036' },
    ];
    expect(codesToTry('medication', codes).map((code) => code.system)).toEqual(['RXNORM', 'NDC']);
    expect(codesToTry('result', codes)).toEqual([{ system: 'LOINC', code: '4548-4' }]);
    expect(codesToTry('procedure', codes)).toEqual([{ system: 'CPT', code: '83036' }]);
    expect(codesToTry('allergy', codes)).toEqual([]);
    expect(codesToTry('note', codes)).toEqual([]);
  });

  it('accepts systems written as OIDs or FHIR URIs and drops duplicates', () => {
    const codes = [
      { system: CODE_SYSTEMS.ICD10CM, code: 'E11.9' },
      { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9' },
      { system: 'http://snomed.info/sct', code: '44054006' },
      { system: '1.2.3.4.5', code: 'X1' },
    ];
    expect(codesToTry('problem', codes)).toEqual([
      { system: 'ICD10CM', code: 'E11.9' },
      { system: 'SNOMED', code: '44054006' },
    ]);
  });

  it('never lets free text through as a code', () => {
    const codes = [
      { system: 'ICD10CM', code: 'John Smith diabetes' },
      { system: 'ICD10CM', code: '' },
      { system: 'ICD10CM', code: 'E11.9&x=1' },
      { system: 'ICD10CM', code: '../E11' },
      { system: 'ICD10CM', code: ' E11.9 ' },
    ];
    expect(codesToTry('problem', codes)).toEqual([{ system: 'ICD10CM', code: 'E11.9' }]);
  });

  it('maps short names to the OIDs sent', () => {
    expect(oidOf('ICD10CM')).toBe('2.16.840.1.113883.6.90');
    expect(oidOf('RXNORM')).toBe('2.16.840.1.113883.6.88');
    expect(oidOf('CVX')).toBe('2.16.840.1.113883.12.292');
    expect(oidOf('nonsense')).toBeUndefined();
  });
});
