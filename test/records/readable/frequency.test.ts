// How often to take a medicine, worded at read time from the strings the importers compose
// (FHIR's "N time(s) every P U (WHEN, …)", C-CDA's "every P U" and bare event codes); a source's
// own words are shown as written.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { frequencyWords } from '../../../main/records/readable/index.ts';
import { parseFhir } from '../../../main/importers/fhir/index.ts';

const en = (text: string) => frequencyWords(text, 'en');
const es = (text: string) => frequencyWords(text, 'es');

describe('the FHIR importer’s "N time(s) every P U"', () => {
  test('counts per one unit read as once, twice, N times a unit', () => {
    expect(en('1 time(s) every 1 d')).toBe('once a day');
    expect(en('2 time(s) every 1 d')).toBe('twice a day');
    expect(en('3 time(s) every 1 d')).toBe('3 times a day');
    expect(en('4 time(s) every 1 h')).toBe('4 times an hour');
    expect(en('1 time(s) every 1 wk')).toBe('once a week');
    expect(en('1 time(s) every 1 mo')).toBe('once a month');
    expect(en('1 time(s) every 1 a')).toBe('once a year');
    expect(en('2 time(s) every 1 min')).toBe('twice a minute');
    expect(en('1 time(s) every 1 s')).toBe('once a second');
    expect(es('1 time(s) every 1 d')).toBe('una vez al día');
    expect(es('2 time(s) every 1 d')).toBe('dos veces al día');
    expect(es('3 time(s) every 1 d')).toBe('3 veces al día');
    expect(es('4 time(s) every 1 h')).toBe('4 veces por hora');
    expect(es('1 time(s) every 1 wk')).toBe('una vez a la semana');
    expect(es('1 time(s) every 1 mo')).toBe('una vez al mes');
    expect(es('1 time(s) every 1 a')).toBe('una vez al año');
  });

  test('a longer period reads as "every P units", with the count before it when more than one', () => {
    expect(en('1 time(s) every 8 h')).toBe('every 8 hours');
    expect(en('1 time(s) every 2 d')).toBe('every 2 days');
    expect(en('1 time(s) every 3 mo')).toBe('every 3 months');
    expect(en('2 time(s) every 2 wk')).toBe('twice every 2 weeks');
    expect(en('3 time(s) every 2 d')).toBe('3 times every 2 days');
    expect(es('1 time(s) every 8 h')).toBe('cada 8 horas');
    expect(es('1 time(s) every 2 d')).toBe('cada 2 días');
    expect(es('1 time(s) every 30 min')).toBe('cada 30 minutos');
    expect(es('2 time(s) every 2 wk')).toBe('dos veces cada 2 semanas');
    expect(es('1 time(s) every 6 mo')).toBe('cada 6 meses');
  });

  test('decimals keep their digits, with the reader’s decimal mark', () => {
    expect(en('1 time(s) every 0.5 d')).toBe('every 0.5 days');
    expect(es('1 time(s) every 1.5 h')).toBe('cada 1,5 horas');
    expect(en('1 time(s) every 1.0 d')).toBe('once a day');
    expect(en('1.5 time(s) every 1 d')).toBe('1.5 times a day');
  });

  test('when in the day follows, each FHIR EventTiming code in plain words', () => {
    expect(en('1 time(s) every 1 d (MORN)')).toBe('once a day, in the morning');
    expect(en('2 time(s) every 1 d (MORN, EVE)')).toBe('twice a day, in the morning and in the evening');
    expect(en('3 time(s) every 1 d (ACM, ACD, ACV)')).toBe('3 times a day, before breakfast, before lunch and before dinner');
    expect(en('1 time(s) every 1 d (HS)')).toBe('once a day, at bedtime');
    expect(en('1 time(s) every 1 d (PCM)')).toBe('once a day, after breakfast');
    expect(en('1 time(s) every 1 d (08:00)')).toBe('once a day, at 08:00');
    expect(en('2 time(s) every 1 d (08:00, 20:30:15)')).toBe('twice a day, at 08:00 and at 20:30:15');
    expect(es('1 time(s) every 1 d (MORN)')).toBe('una vez al día, por la mañana');
    expect(es('2 time(s) every 1 d (MORN, EVE)')).toBe('dos veces al día, por la mañana y por la noche');
    expect(es('1 time(s) every 1 d (HS)')).toBe('una vez al día, antes de acostarse');
    expect(es('3 time(s) every 1 d (AC)')).toBe('3 veces al día, antes de las comidas');
    expect(es('1 time(s) every 1 d (08:00)')).toBe('una vez al día, a las 08:00');
    expect(es('1 time(s) every 1 d (01:00)')).toBe('una vez al día, a la 01:00');
  });

  test('every code of R4’s EventTiming value set has words in both languages, none left as a code', () => {
    const codes = ['MORN', 'MORN.early', 'MORN.late', 'NOON', 'AFT', 'AFT.early', 'AFT.late', 'EVE', 'EVE.early', 'EVE.late', 'NIGHT', 'PHS', 'HS', 'WAKE', 'C', 'CM', 'CD', 'CV', 'AC', 'ACM', 'ACD', 'ACV', 'PC', 'PCM', 'PCD', 'PCV'];
    for (const lang of ['en', 'es']) {
      const words = codes.map((code) => frequencyWords(code, lang));
      for (const [i, w] of words.entries()) expect(w, codes[i]).not.toBe(codes[i]);
      // Two codes never read the same, so no meaning is lost in the wording.
      expect(new Set(words).size).toBe(codes.length);
    }
  });

  test('an unknown when code stays as written beside the known ones; none known keeps the list as written', () => {
    expect(en('1 time(s) every 1 d (MORN, XYZ)')).toBe('once a day, in the morning and XYZ');
    expect(en('1 time(s) every 1 d (XYZ)')).toBe('once a day (XYZ)');
    expect(es('1 time(s) every 1 d (IC)')).toBe('una vez al día (IC)');
    // Codes are case-sensitive in FHIR: "morn" is not MORN.
    expect(en('1 time(s) every 1 d (morn)')).toBe('once a day (morn)');
  });

  test('a dosage with only when, or a C-CDA event code, reads as its words', () => {
    expect(en('MORN')).toBe('in the morning');
    expect(en('HS, 22:00')).toBe('at bedtime and at 22:00');
    expect(es('HS')).toBe('antes de acostarse');
    expect(es('WAKE')).toBe('al despertarse');
    expect(es('07:30')).toBe('a las 07:30');
    // One unknown code among them: the whole might be a source's own words, kept as written.
    expect(en('MORN, XYZ')).toBe('MORN, XYZ');
  });
});

describe('the C-CDA importer’s "every P U"', () => {
  test('reads as the same words as one time every P U', () => {
    expect(en('every 12 h')).toBe('every 12 hours');
    expect(en('every 24 h')).toBe('every 24 hours');
    expect(en('every 1 d')).toBe('once a day');
    expect(en('every 1 wk')).toBe('once a week');
    expect(en('every 0.5 d')).toBe('every 0.5 days');
    expect(es('every 24 h')).toBe('cada 24 horas');
    expect(es('every 1 d')).toBe('una vez al día');
    expect(es('every 2 wk')).toBe('cada 2 semanas');
    // The corpus writes periods with trailing zeros ("24.0 h", "12.00 h"): kept at the source's precision.
    expect(en('every 24.0 h')).toBe('every 24.0 hours');
    expect(es('every 12.00 h')).toBe('cada 12,00 horas');
    // Units other than UCUM's ("1 day", "1 Q8H" in the corpus) are the source's words.
    expect(es('every 1 day')).toBe('every 1 day');
    expect(es('every 1 Q8H')).toBe('every 1 Q8H');
  });
});

describe('what Chartkeeper did not write is shown as written', () => {
  test.each([
    'twice a day',
    'every 8 hours',
    'every 4 hours as needed',
    'Every 12 h',
    'every 12 hr',
    'every 1 day',
    'every 12 H',
    '1 times every 1 d',
    '1 time(s) every 1 days',
    '1 time(s) every 1 d(MORN)',
    'BID (MORN)',
    'Morgens 1 und abends 1/2 Tablette nehmen',
    'every -1 d',
    'every 1e3 h',
    'every 08 h',
    '25:00',
    'QD',
    '',
  ])('%j', (text) => {
    expect(en(text)).toBe(text);
    expect(es(text)).toBe(text);
  });

  test('a zero count or period is not worded', () => {
    expect(en('0 time(s) every 1 d')).toBe('0 time(s) every 1 d');
    expect(es('every 0 h')).toBe('every 0 h');
  });

  test('nothing stays nothing', () => {
    expect(frequencyWords(undefined, 'en')).toBeUndefined();
  });
});

test('what the FHIR importer stores is what the reader words (the stored text itself unchanged)', () => {
  const fixture = fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/fhir/two-dosages-bundle.json'), 'utf8');
  const records = parseFhir(JSON.parse(fixture)).documents[0]!.records;
  const furosemide = records.find((r) => r.title.startsWith('Furosemide'))!.details;
  expect(furosemide.frequency).toBe('1 time(s) every 1 d (MORN)');
  expect(frequencyWords(furosemide.frequency, 'es')).toBe('una vez al día, por la mañana');
  expect(frequencyWords(furosemide.moreDoses?.[0]?.frequency, 'en')).toBe('once a day, in the evening');
  const prednisone = records.find((r) => r.title.startsWith('Prednisone'))!.details;
  expect(prednisone.moreDoses?.map((l) => frequencyWords(l.frequency, 'es'))).toEqual(['una vez al día', 'a las 08:00']);
});
