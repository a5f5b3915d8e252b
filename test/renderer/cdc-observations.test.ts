// Every observation of the CDC supporting data Chartkeeper ships has a Spanish title, and a
// Spanish screen shows it with CDC's own English kept for hover; English shows CDC's title.
import { describe, expect, it } from 'vitest';
import { defaultSupportingData } from '../../main/immunizations/supporting-data.ts';
import { CDC_OBSERVATIONS_ES } from '../../renderer/i18n/cdc-observations-es.ts';
import { makeI18n } from '../../renderer/i18n/make.ts';
import { observationSource, observationTitle } from '../../renderer/immunizations/observation-title.ts';

const observations = [...defaultSupportingData().observations.values()];

describe('CDC observation titles in Spanish', () => {
  it('has one for every observation code of the shipped supporting data, and none for codes it does not have', () => {
    expect(observations.length).toBeGreaterThan(250);
    const missing = observations.filter((o) => !CDC_OBSERVATIONS_ES[o.code]?.trim()).map((o) => `${o.code} ${o.title}`);
    expect(missing).toEqual([]);
    const codes = new Set(observations.map((o) => o.code));
    expect(Object.keys(CDC_OBSERVATIONS_ES).filter((c) => !codes.has(c))).toEqual([]);
  });

  it('is not CDC’s English left untranslated', () => {
    // Titles that read the same in both languages (a disease's own name).
    const same = new Set(['014', '031']);
    const untranslated = observations.filter((o) => !same.has(o.code) && CDC_OBSERVATIONS_ES[o.code]!.toLowerCase() === o.title.trim().toLowerCase());
    expect(untranslated.map((o) => o.code)).toEqual([]);
  });

  it('shows the Spanish title with CDC’s words for hover in Spanish, and CDC’s own title in English', () => {
    const es = makeI18n('es');
    const en = makeI18n('en');
    const pregnant = observations.find((o) => o.code === '007')!;
    expect(observationTitle(es, '007', pregnant.title)).toBe('Embarazada');
    expect(observationSource(es, '007', pregnant.title)).toBe(`Texto de los CDC (en inglés): ${pregnant.title}`);
    expect(observationTitle(en, '007', pregnant.title)).toBe(pregnant.title);
    expect(observationSource(en, '007', pregnant.title)).toBeUndefined();
    // A code a newer CDC release adds: CDC's English, marked, until it is translated.
    expect(observationTitle(es, '999', 'Something new')).toBe('Something new (texto de los CDC, en inglés)');
    expect(observationSource(es, '999', 'Something new')).toBeUndefined();
  });
});
