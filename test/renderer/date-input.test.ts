// The date field's reading and writing of dates in the app's language (renderer/i18n/date-input.ts),
// the sentences for a wrong date, plurals, and a refused file's sentence in Spanish.
import { describe, expect, test } from 'vitest';
import { dateOrder, datePattern, formatDateInput, parseDateInput } from '../../renderer/i18n/date-input.ts';
import { importErrorKey } from '../../renderer/i18n/import-errors.ts';
import { makeI18n } from '../../renderer/i18n/make.ts';
import { en } from '../../renderer/i18n/en.ts';
import { es } from '../../renderer/i18n/es.ts';

describe('order and pattern', () => {
  test('come from the language, not the machine', () => {
    expect(dateOrder('en-US')).toBe('mdy');
    expect(dateOrder('es-ES')).toBe('dmy');
    expect(dateOrder('sv-SE')).toBe('ymd');
    expect(datePattern('mdy', { day: 'd', month: 'm', year: 'y' })).toBe('mm/dd/yyyy');
    expect(datePattern('dmy', { day: 'd', month: 'm', year: 'a' })).toBe('dd/mm/aaaa');
  });
});

describe('formatDateInput', () => {
  test('writes an ISO value in the field’s order, at its precision', () => {
    expect(formatDateInput('1948-03-02', 'mdy')).toBe('03/02/1948');
    expect(formatDateInput('1948-03-02', 'dmy')).toBe('02/03/1948');
    expect(formatDateInput('2024-03', 'dmy')).toBe('03/2024');
    expect(formatDateInput('2024', 'mdy')).toBe('2024');
    expect(formatDateInput('2024-03-25', 'ymd')).toBe('2024-03-25');
    expect(formatDateInput('', 'dmy')).toBe('');
    // A value with a time is written as its day: the field is for dates.
    expect(formatDateInput('2024-03-25T10:00:00Z', 'dmy')).toBe('25/03/2024');
  });
});

describe('parseDateInput', () => {
  test('reads day and month in the language’s order', () => {
    expect(parseDateInput('02/03/1948', 'dmy')).toEqual({ ok: true, value: '1948-03-02' });
    expect(parseDateInput('02/03/1948', 'mdy')).toEqual({ ok: true, value: '1948-02-03' });
    expect(parseDateInput('25/03/2024', 'dmy')).toEqual({ ok: true, value: '2024-03-25' });
    expect(parseDateInput('3/25/2024', 'mdy')).toEqual({ ok: true, value: '2024-03-25' });
    expect(parseDateInput(' 2.3.1948 ', 'dmy')).toEqual({ ok: true, value: '1948-03-02' });
    expect(parseDateInput('2-3-1948', 'dmy')).toEqual({ ok: true, value: '1948-03-02' });
  });

  test('understands ISO in every language', () => {
    expect(parseDateInput('1948-03-02', 'dmy')).toEqual({ ok: true, value: '1948-03-02' });
    expect(parseDateInput('1948-03-02', 'mdy')).toEqual({ ok: true, value: '1948-03-02' });
    expect(parseDateInput('1948/3/2', 'dmy')).toEqual({ ok: true, value: '1948-03-02' });
  });

  test('refuses a day that is not on the calendar rather than rolling it over', () => {
    expect(parseDateInput('30/02/1950', 'dmy')).toEqual({ ok: false, problem: 'no-such-day' });
    expect(parseDateInput('02/30/1950', 'mdy')).toEqual({ ok: false, problem: 'no-such-day' });
    expect(parseDateInput('29/02/2023', 'dmy')).toEqual({ ok: false, problem: 'no-such-day' });
    expect(parseDateInput('29/02/2024', 'dmy')).toEqual({ ok: true, value: '2024-02-29' });
    // In English order 25/03/2024 is month 25.
    expect(parseDateInput('25/03/2024', 'mdy')).toEqual({ ok: false, problem: 'no-such-day' });
    expect(parseDateInput('2024-13-01', 'dmy')).toEqual({ ok: false, problem: 'no-such-day' });
  });

  test('never guesses the century of a two-digit year', () => {
    expect(parseDateInput('02/03/48', 'dmy')).toEqual({ ok: false, problem: 'year-digits' });
  });

  test('refuses what is not a date', () => {
    for (const text of ['tomorrow', '2 de marzo de 1948', '1/2/3/2024', '123/1/2024', '19480302', '02/03/19488']) {
      expect(parseDateInput(text, 'dmy')).toEqual({ ok: false, problem: 'format' });
    }
  });

  test('a month or year alone only where the field allows it', () => {
    expect(parseDateInput('03/2024', 'dmy')).toEqual({ ok: false, problem: 'need-day' });
    expect(parseDateInput('03/2024', 'dmy', { partial: true })).toEqual({ ok: true, value: '2024-03' });
    expect(parseDateInput('2024', 'mdy', { partial: true })).toEqual({ ok: true, value: '2024' });
    expect(parseDateInput('2024-03', 'mdy', { partial: true })).toEqual({ ok: true, value: '2024-03' });
    expect(parseDateInput('2024', 'mdy')).toEqual({ ok: false, problem: 'need-day' });
    expect(parseDateInput('13/2024', 'dmy', { partial: true })).toEqual({ ok: false, problem: 'no-such-day' });
  });

  test('empty is no date', () => {
    expect(parseDateInput('  ', 'dmy')).toEqual({ ok: true, value: '' });
  });

  test('round-trips through the field in both orders', () => {
    for (const iso of ['1948-03-02', '2000-12-31', '2024-02-29', '0999-01-09']) {
      for (const order of ['mdy', 'dmy', 'ymd'] as const) expect(parseDateInput(formatDateInput(iso, order), order)).toEqual({ ok: true, value: iso });
    }
  });
});

describe('sentences', () => {
  test('a wrong date is said in the reader’s language, with the pattern and no field path', () => {
    const esI = makeI18n('es');
    const vars = { pattern: 'dd/mm/aaaa', example: '25/03/2024', text: '30/02/1950' };
    expect(esI.t('dateErrorNoSuchDay', vars)).toBe('«30/02/1950» no es un día del calendario; revise el día y el mes (dd/mm/aaaa).');
    expect(esI.t('dateErrorFormat', vars)).toBe('Escriba la fecha como dd/mm/aaaa, por ejemplo 25/03/2024.');
    const enI = makeI18n('en');
    expect(enI.t('dateErrorFormat', { pattern: 'mm/dd/yyyy', example: '03/25/2024' })).toBe('Write the date as mm/dd/yyyy, for example 03/25/2024.');
    for (const key of Object.keys(en).filter((k) => k.startsWith('dateError'))) expect(es[key as keyof typeof es]).not.toBe(en[key as keyof typeof en]);
  });

  test('plurals of the import screen come from Intl.PluralRules', () => {
    const enI = makeI18n('en');
    expect(enI.t('documentsCount', { count: 1 })).toBe('1 document');
    expect(enI.t('documentsCount', { count: 3 })).toBe('3 documents');
    expect(enI.t('applyToAllFor', { count: 1, name: 'Ann' })).toBe('Do the same for the other file for Ann');
    expect(enI.t('applyToAllFor', { count: 2, name: 'Ann' })).toBe('Do the same for the other 2 files for Ann');
    const esI = makeI18n('es');
    expect(esI.t('documentsCount', { count: 1 })).toBe('1 documento');
    expect(esI.t('applyToAllFor', { count: 1, name: 'Ann' })).toBe('Hacer lo mismo con el otro archivo de Ann');
    expect(esI.t('applyToAllFor', { count: 4, name: 'Ann' })).toBe('Hacer lo mismo con los otros 4 archivos de Ann');
    expect(esI.t('searchResults', { count: 1, text: 'x' })).not.toMatch(/^1 coincidencias/);
  });

  test('a refused file’s sentence is recognised, and every other one is said by its kind', () => {
    expect(importErrorKey({ errorKind: 'unreadable-file', error: 'notes.pdf is not a health record Chartkeeper can read.' })).toBe('importErr_notRecord');
    expect(importErrorKey({ errorKind: 'unreadable-file', error: 'This file is empty.' })).toBe('importErr_empty');
    expect(importErrorKey({ errorKind: 'unreadable-file', error: 'These health card QR codes belong to different cards.' })).toBe('importErr_unreadable');
    expect(importErrorKey({ errorKind: 'disk-full', error: 'The disk is full, so a.xml was not imported; nothing was changed.' })).toBe('importErr_diskFull');
    expect(importErrorKey({ errorKind: 'internal', error: 'x' })).toBe('importErr_other');
    expect(makeI18n('es').t('importErr_notRecord', { file: 'notas.pdf' })).toBe('notas.pdf no es un historial de salud que Chartkeeper pueda leer.');
  });
});
