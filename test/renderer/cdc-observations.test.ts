// Every observation of the CDC supporting data Chartkeeper ships has a Spanish title: none left in
// CDC's English except words Spanish spells alike, and every number, abbreviation and proper name
// CDC's title carries still there (or its standard Spanish abbreviation). A Spanish screen shows it
// with CDC's own English kept as the source's words; English shows CDC's title.
import { describe, expect, test } from 'vitest';
import { defaultSupportingData } from '../../main/immunizations/index.ts';
import { CDC_OBSERVATIONS_ES, SAME_IN_SPANISH } from '../../renderer/i18n/cdc-observations-es.ts';
import { makeI18n } from '../../renderer/i18n/make.ts';
import { observationSource, observationTitle } from '../../renderer/immunizations/observation-title.ts';

const observations = [...defaultSupportingData().observations.values()];

/** What an English abbreviation or name in CDC's title must read as in the Spanish one. */
const CARRIED: readonly (readonly [RegExp, string])[] = [
  [/\bSCID\b/, 'IDCG'],
  [/\bHIV\b/, 'VIH'],
  [/\bAIDS\b/, 'sida'],
  [/\bMMR\b/, 'MMR'],
  [/\bART\b/, 'TAR'],
  [/\bSTD\b/, 'ETS'],
  [/\bYFV\b/, 'YFV'],
  [/\bDTP\b/, 'DTP'],
  [/\bDTaP\b/, 'DTaP'],
  [/\bTdap\b/, 'Tdap'],
  [/\bHPV\b/, 'VPH'],
  [/\bCOVID-19\b/, 'COVID-19'],
  [/\bIG\b/, 'IG'],
  [/\bRBC\b/, 'glóbulos rojos'],
  [/\bIGIV\b/, 'IGIV'],
  [/\bJE-endemic\b/, 'encefalitis japonesa'],
  [/\bHBV\b/, 'VHB'],
  [/\bHAV\b/, 'VHA'],
  [/\bPEG\b/, 'PEG'],
  [/\bCAR-T\b/, 'CAR-T'],
  [/\bIIV\b/, 'IIV'],
  [/\bLAIV\b/, 'LAIV'],
  [/\bccIIV\b/, 'ccIIV'],
  [/\bRIV\b/, 'RIV'],
  [/\bLRN\b/, 'LRN'],
  [/\bACAM2000\b/, 'ACAM2000'],
  [/\bRSV\b/, 'VRS'],
  [/\bMSM\b/, 'HSH'],
  [/\bTBE\b/, 'TBE'],
  [/\bSGLT2\b/, 'SGLT2'],
  [/\bU\.S\./, 'EE. UU.'],
  [/\bUnited States\b/, 'Estados Unidos'],
  [/\bHib\b/, 'Hib'],
  [/\bS\. typhi\b/, 'S. typhi'],
  [/\bJanssen\b/, 'Janssen'],
  [/\bNeisseria meningitidis\b/, 'Neisseria meningitidis'],
  [/\bKawasaki\b/, 'Kawasaki'],
  [/\bHodgkin/, 'Hodgkin'],
  [/\bDown syndrome\b/, 'Down'],
  [/\bVariola\b/, 'Variola'],
  [/\bVaccinia\b/, 'vaccinia'],
  [/\bmpox\b/, 'mpox'],
];

const ABBREVIATION = /\b(?:[a-z]*[A-Z]{2,}[A-Za-z0-9-]*|[A-Z][a-z]+[A-Z][A-Za-z0-9]*)\b/g;

describe('Spanish titles of CDC observations', () => {
  test('the supporting data has its 277 observations, and each has a Spanish title; the table names no other code', () => {
    expect(observations).toHaveLength(277);
    const missing = observations.filter((o) => !(CDC_OBSERVATIONS_ES[o.code] ?? '').trim()).map((o) => o.code);
    expect(missing).toEqual([]);
    const codes = new Set(observations.map((o) => o.code));
    expect(Object.keys(CDC_OBSERVATIONS_ES).filter((c) => !codes.has(c))).toEqual([]);
  });

  test('CDC’s character references are read as the characters they stand for', () => {
    expect(observations.find((o) => o.code === '247')?.title).toContain('diagnosis of ≥ 1 sexually');
    expect(observations.filter((o) => o.title.includes('&#')).map((o) => o.code)).toEqual([]);
  });

  test('no title is left as CDC wrote it, except the listed words Spanish spells the same', () => {
    const same = observations.filter((o) => CDC_OBSERVATIONS_ES[o.code]!.trim().toLowerCase() === o.title.trim().toLowerCase()).map((o) => `${o.code} ${o.title}`);
    expect(same).toEqual(['014 Diabetes', '031 Tuberculosis']);
    expect([...SAME_IN_SPANISH].sort()).toEqual(['014', '031']);
  });

  test('every number in CDC’s title is in the Spanish one, and its list keeps its lines', () => {
    const lost = observations.flatMap((o) => {
      const spanish = CDC_OBSERVATIONS_ES[o.code]!;
      const numbers = (o.title.match(/\d+/g) ?? []).filter((n) => !spanish.match(new RegExp(`(?<!\\d)${n}(?!\\d)`)));
      return numbers.map((n) => `${o.code}: ${n}`);
    });
    expect(lost).toEqual([]);
    for (const o of observations) expect(CDC_OBSERVATIONS_ES[o.code]!.split('\n').length, o.code).toBe(o.title.trim().split('\n').length);
    expect(Object.values(CDC_OBSERVATIONS_ES).filter((s) => /[{}]/.test(s))).toEqual([]);
  });

  test('abbreviations and proper names are carried over, as written or as the standard Spanish abbreviation', () => {
    const lost: string[] = [];
    const unlisted = new Set<string>();
    for (const o of observations) {
      const spanish = CDC_OBSERVATIONS_ES[o.code]!.toLowerCase();
      for (const [english, want] of CARRIED) if (english.test(o.title) && !spanish.includes(want.toLowerCase())) lost.push(`${o.code}: ${want}`);
      for (const token of o.title.match(ABBREVIATION) ?? []) if (!CARRIED.some(([english]) => english.test(token))) unlisted.add(token);
    }
    expect(lost).toEqual([]);
    // An abbreviation CDC uses that the list above does not cover would go unchecked.
    expect([...unlisted]).toEqual([]);
  });
});

describe('observationTitle', () => {
  const es = makeI18n('es');
  const en = makeI18n('en');
  test('in Spanish our title, with CDC’s English kept as the source’s words', () => {
    expect(observationTitle(es, '160', 'Anatomical or functional asplenia')).toBe('Asplenia anatómica o funcional (sin bazo, o bazo que no funciona)');
    expect(observationSource(es, '160', 'Anatomical or functional asplenia')).toBe('Texto de los CDC (en inglés): Anatomical or functional asplenia');
  });
  test('a code a newer CDC release adds is shown in CDC’s English, marked as such', () => {
    expect(observationTitle(es, '999', 'New condition')).toBe('New condition (texto de los CDC, en inglés)');
    expect(observationSource(es, '999', 'New condition')).toBeUndefined();
  });
  test('the title of a proposal from the record, pregnancy', () => {
    const pregnant = observations.find((o) => o.code === '007')!;
    expect(observationTitle(es, '007', pregnant.title)).toBe('Embarazo');
    expect(observationSource(es, '007', pregnant.title)).toBe(`Texto de los CDC (en inglés): ${pregnant.title}`);
    expect(observationTitle(en, '007', pregnant.title)).toBe(pregnant.title);
  });
  test('in English CDC’s title as the data has it', () => {
    expect(observationTitle(en, '160', 'Anatomical or functional asplenia')).toBe('Anatomical or functional asplenia');
    expect(observationSource(en, '160', 'Anatomical or functional asplenia')).toBeUndefined();
  });
});
