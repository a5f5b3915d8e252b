// The placeholder dose 0 read as no dose, the source's "0" kept beside the words on the entry's
// own view (main/records/readable/dose.ts).
import { expect, test } from 'vitest';
import { doseWithSource, isPlaceholderDose, shownDose } from '../../../main/records/readable/index.ts';

test('0 with or without a unit is the placeholder; a range, a ratio or another number is a dose', () => {
  for (const zero of ['0', ' 0 ', '0.0', '.0', '00', '0 ml', '0 EACH', '0 mg']) expect(isPlaceholderDose(zero), zero).toBe(true);
  for (const dose of ['0.5', '0.5 tablet', '0-1 tablets', '0 - 1 tablet', '0/5', '10', '1 Puff', 'as directed', '', undefined]) {
    expect(isPlaceholderDose(dose), String(dose)).toBe(false);
  }
});

test('lists show nothing for the placeholder and the source\'s words otherwise', () => {
  expect(shownDose('0')).toBeUndefined();
  expect(shownDose('0 ml')).toBeUndefined();
  expect(shownDose(undefined)).toBeUndefined();
  expect(shownDose('0.5 tablet')).toBe('0.5 tablet');
  expect(shownDose('2 Puff')).toBe('2 Puff');
});

test('the entry view says the dose is not stated, in English and Spanish, with the source\'s 0 beside it', () => {
  expect(doseWithSource('0', 'en')).toBe('Not stated (the source fills the field with “0”)');
  expect(doseWithSource('0 ml', 'es')).toBe('No consta (la fuente rellena el campo con «0 ml»)');
  expect(doseWithSource('1 tablet', 'es')).toBe('1 tablet');
  expect(doseWithSource(undefined, 'en')).toBeUndefined();
  expect(doseWithSource('  ', 'en')).toBeUndefined();
});
