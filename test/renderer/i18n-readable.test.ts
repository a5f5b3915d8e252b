// The renderer's words for what Chartkeeper itself writes: plurals from Intl.PluralRules,
// titles and frequencies the importers make up, the hand-entered provider, in each language.
import { expect, test } from 'vitest';
import { makeI18n } from '../../renderer/i18n/make.ts';

test('plurals follow the language’s rules', () => {
  const en = makeI18n('en');
  expect(en.t('sourceCount', { count: 1 })).toBe('1 source');
  expect(en.t('sourceCount', { count: 2 })).toBe('2 sources');
  expect(en.t('documentsCount', { count: 1 })).toBe('1 document');
  expect(en.t('searchResults', { count: 1, text: 'x' })).toBe('1 match for “x”');
  const es = makeI18n('es');
  expect(es.t('fromSources', { count: 1 })).toBe('de 1 fuente');
  expect(es.t('fromSources', { count: 3 })).toBe('de 3 fuentes');
});

test('titles, frequencies and the hand-entered provider Chartkeeper writes are said in Spanish', () => {
  const es = makeI18n('es');
  expect(es.title('Body temperature')).toBe('Temperatura corporal');
  expect(es.title('Heart rate')).toBe('Frecuencia cardiaca');
  expect(es.title('Medicare Part D prescription claim')).toBe('Reclamación de medicamentos de Medicare Parte D');
  // Chartkeeper's words before the source's: the first said in Spanish, the drug as the source named it.
  expect(es.title('Medicare Part D prescription claim: Omeprazole - OMEPRAZOLE')).toBe('Reclamación de medicamentos de Medicare Parte D: Omeprazole - OMEPRAZOLE');
  expect(es.title('Note: Heart rate')).toBe('Note: Heart rate');
  // A source's own title is never translated.
  expect(es.title('POTASSIUM')).toBe('POTASSIUM');
  expect(es.frequency('every 24 h')).toBe('cada 24 horas');
  expect(es.frequency('every 1 d')).toBe('una vez al día');
  expect(es.frequency('2 time(s) every 1 d (MORN, HS)')).toBe('dos veces al día, por la mañana y antes de acostarse');
  expect(es.frequency('twice a day')).toBe('twice a day');
  expect(es.provider('Entered by hand')).toBe('Escrito a mano');
  expect(es.provider('VA')).toBe('VA');
  const en = makeI18n('en');
  expect(en.title('Body temperature')).toBe('Body temperature');
  expect(en.frequency('every 12 h')).toBe('every 12 hours');
  expect(en.frequency('1 time(s) every 8 h')).toBe('every 8 hours');
});

test('dates never show a midnight time and values follow the unit setting', () => {
  const en = makeI18n('en', 'metric');
  expect(en.date('2012-08-06T00:00:00')).toBe('Aug 6, 2012');
  expect(en.quantity({ number: 162, text: '162', unit: '[lb_av]' })).toEqual({ text: '73.5 kg', asWritten: '162 lb' });
  expect(makeI18n('es', 'us').quantity({ number: 37.5, text: '37.5', unit: 'Cel' })?.text).toBe('99,5°F');
});
