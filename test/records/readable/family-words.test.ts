// A relative's cause of death and age at onset, and a condition's severity code, in the reader's
// language (main/records/readable/family.ts, allergy-words.ts); older imports' "Cause of death"
// comment read as the flag, never said twice.
import { expect, test } from 'vitest';
import { causeOfDeathWords, diedOfThis, familyComment, onsetAgeWords, severityOf } from '../../../main/records/readable/index.ts';

test('cause of death: the flag in English and Spanish; nothing when the source did not say it', () => {
  expect(causeOfDeathWords({ causeOfDeath: true }, 'en')).toBe('Yes: the relative died of this');
  expect(causeOfDeathWords({ causeOfDeath: true }, 'es')).toBe('Sí: el familiar murió por esta causa');
  expect(causeOfDeathWords({}, 'es')).toBeUndefined();
  expect(causeOfDeathWords({ comment: 'Died young' }, 'en')).toBeUndefined();
});

test('an older import’s comment "Cause of death" is the flag, and no longer a comment', () => {
  const legacy = { comment: 'Cause of death' };
  expect(diedOfThis(legacy)).toBe(true);
  expect(causeOfDeathWords(legacy, 'es')).toBe('Sí: el familiar murió por esta causa');
  expect(familyComment(legacy)).toBeUndefined();
  // Any other comment is the source's words, kept.
  expect(familyComment({ comment: 'Cause of death unknown to family' })).toBe('Cause of death unknown to family');
  expect(diedOfThis({ comment: 'Cause of death unknown to family' })).toBe(false);
});

test('age at onset: an age in years, other units said, a bare number kept bare', () => {
  expect(onsetAgeWords({ value: 57, unit: 'a' }, 'en')).toBe('Began at age 57');
  expect(onsetAgeWords({ value: 57, unit: 'a' }, 'es')).toBe('Comenzó a los 57 años');
  expect(onsetAgeWords({ value: 1, unit: 'a' }, 'es')).toBe('Comenzó a la edad de 1 año');
  expect(onsetAgeWords({ value: 6, unit: 'mo' }, 'en')).toBe('Began at age 6 months');
  expect(onsetAgeWords({ value: 6, unit: 'mo' }, 'es')).toBe('Comenzó a los 6 meses');
  // A unit that is not UCUM's is shown as the source wrote it.
  expect(onsetAgeWords({ value: 61, unit: 'yr' }, 'en')).toBe('Began at age 61 yr');
  // CCD 1.0 gives a bare number: no unit assumed.
  expect(onsetAgeWords({ value: 40 }, 'en')).toBe('Began at age 40');
  expect(onsetAgeWords({ value: 40 }, 'es')).toBe('Comenzó a la edad de 40');
  expect(onsetAgeWords({ value: 2.5, unit: 'a' }, 'es')).toBe('Comenzó a los 2,5 años');
  expect(onsetAgeWords(undefined, 'en')).toBeUndefined();
});

test('age at onset: a range, both ends said; words as written', () => {
  expect(onsetAgeWords({ value: 40, high: 49, unit: 'a' }, 'en')).toBe('Began between ages 40 and 49');
  expect(onsetAgeWords({ value: 40, high: 49, unit: 'a' }, 'es')).toBe('Comenzó entre los 40 y los 49 años');
  expect(onsetAgeWords({ high: 49, unit: 'a' }, 'en')).toBe('Began at age 49');
  expect(onsetAgeWords({ text: 'in his thirties' }, 'en')).toBe('Began: in his thirties');
  expect(onsetAgeWords({ text: 'in his thirties' }, 'es')).toBe('Comenzó: in his thirties');
});

test('a condition’s severity: a known code in the reader’s words (English keeps the source’s), else the words as written', () => {
  const snomed = { severity: 'Moderate severity', severityCodes: [{ system: 'SNOMED', code: '6736007' }] };
  expect(severityOf(snomed, 'en')).toBe('Moderate severity');
  expect(severityOf(snomed, 'es')).toBe('moderada');
  expect(severityOf({ severity: 'Severe', severityCodes: [{ system: 'LOINC', code: 'LA6750-9' }] }, 'es')).toBe('grave');
  expect(severityOf({ severity: 'Severe' }, 'es')).toBe('grave');
  expect(severityOf({ severity: 'Mild to moderate' }, 'es')).toBe('Mild to moderate');
  expect(severityOf({ severityCodes: [{ system: 'SNOMED', code: '6736007' }] }, 'es')).toBe('moderada');
  expect(severityOf({ severityCodes: [{ system: 'SNOMED', code: '6736007' }] }, 'en')).toBe('moderate');
  // The same digits in another system are no severity.
  expect(severityOf({ severityCodes: [{ system: 'LOINC', code: '6736007' }] }, 'en')).toBeUndefined();
  expect(severityOf({ severity: 'Stage II', severityCodes: [{ system: 'SNOMED', code: '60333009' }] }, 'es')).toBe('Stage II');
  expect(severityOf({}, 'en')).toBeUndefined();
});
