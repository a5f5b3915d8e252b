// The lists' one line of a medicine's dosages: every dosage in the source's order, how often in words.
import { expect, test } from 'vitest';
import { makeI18n } from '../../renderer/i18n/make.ts';
import { dosagesLine } from '../../renderer/components/dosage-line.ts';

test('every dosage, in order, each with how often in the reader’s words', () => {
  const details = { dose: '1 tablet', frequency: '1 time(s) every 1 d (MORN)', moreDoses: [{ dose: '0.5 tablet', route: 'Oral route', frequency: '1 time(s) every 1 d (EVE)' }] };
  expect(dosagesLine(makeI18n('en'), details)).toBe('1 tablet · once a day, in the morning; 0.5 tablet · once a day, in the evening');
  expect(dosagesLine(makeI18n('es'), details)).toBe('1 tablet · una vez al día, por la mañana; 0.5 tablet · una vez al día, por la noche');
});

test('a dosage without dose or frequency adds nothing; a source’s own words stay as written', () => {
  expect(dosagesLine(makeI18n('es'), { frequency: 'twice daily' })).toBe('twice daily');
  expect(dosagesLine(makeI18n('en'), { dose: '5 mg', moreDoses: [{ route: 'Oral route' }, { frequency: 'every 12 h' }] })).toBe('5 mg; every 12 hours');
  expect(dosagesLine(makeI18n('en'), {})).toBe('');
});

test('the placeholder dose 0 says nothing; how often still reads', () => {
  expect(dosagesLine(makeI18n('en'), { dose: '0', frequency: 'every 12 h' })).toBe('every 12 hours');
  expect(dosagesLine(makeI18n('en'), { dose: '0 ml' })).toBe('');
  expect(dosagesLine(makeI18n('en'), { dose: '1 tablet', moreDoses: [{ dose: '0 EACH', frequency: 'every 12 h' }] })).toBe('1 tablet; every 12 hours');
});
