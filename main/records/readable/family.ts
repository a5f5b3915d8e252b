// A relative's condition as the source said it: whether they died of it and how old they were
// when it began. The vault keeps the source's facts (a flag, a number and its unit); these are
// their words in the reader's language, decided when the entry is shown.
import type { EntryDetails, OnsetAge } from '../model.ts';
import { formatDecimal } from './numbers.ts';

type Language = 'en' | 'es';

/**
 * Entries imported before causeOfDeath existed kept the C-CDA importer's English words as
 * their whole comment: they mean the flag, and are never shown a second time as a comment.
 */
const LEGACY_CAUSE_OF_DEATH = 'cause of death';

function legacyCauseOfDeath(details: Pick<EntryDetails, 'comment'>): boolean {
  return details.comment?.trim().toLowerCase() === LEGACY_CAUSE_OF_DEATH;
}

/** Whether the source says the relative died of this condition (the flag, or an older import's comment). */
export function diedOfThis(details: Pick<EntryDetails, 'causeOfDeath' | 'comment'>): boolean {
  return details.causeOfDeath === true || legacyCauseOfDeath(details);
}

/** The comment still to show once an older import's "Cause of death" is read as the flag. */
export function familyComment(details: Pick<EntryDetails, 'comment'>): string | undefined {
  return legacyCauseOfDeath(details) ? undefined : details.comment;
}

/**
 * What a search finds a relative's cause of death by, in both languages: it was a comment's words
 * before it was a flag, and a person searches for the words, not the flag.
 */
export const CAUSE_OF_DEATH_SEARCH_WORDS: readonly string[] = ['Cause of death', 'Causa de la muerte'];

export function causeOfDeathWords(details: Pick<EntryDetails, 'causeOfDeath' | 'comment'>, language: Language = 'en'): string | undefined {
  if (!diedOfThis(details)) return undefined;
  return language === 'es' ? 'Sí: el familiar murió por esta causa' : 'Yes: the relative died of this';
}

// UCUM's units of age and the words people use for them; any other unit is shown as written.
const AGE_UNITS: Readonly<Record<string, readonly [one: string, many: string, uno: string, varios: string]>> = {
  a: ['year', 'years', 'año', 'años'],
  mo: ['month', 'months', 'mes', 'meses'],
  wk: ['week', 'weeks', 'semana', 'semanas'],
  d: ['day', 'days', 'día', 'días'],
};

function unitWords(unit: string | undefined, n: number | undefined, language: Language): string | undefined {
  if (!unit?.trim()) return undefined;
  const words = AGE_UNITS[unit.trim()];
  if (!words) return unit.trim();
  const one = n === 1;
  return language === 'es' ? (one ? words[2] : words[3]) : one ? words[0] : words[1];
}

/**
 * "Began at age 57", "Began at age 6 months", "Began between ages 50 and 60 years"; Spanish
 * "Comenzó a los 57 años". A bare number (CCD 1.0 gives no unit) stays bare: no unit assumed.
 */
export function onsetAgeWords(age: OnsetAge | undefined, language: Language = 'en'): string | undefined {
  if (!age) return undefined;
  const es = language === 'es';
  const n = (value: number) => formatDecimal(value, language);
  const { value, high } = age;
  if (value !== undefined && high !== undefined && high !== value) {
    const unit = unitWords(age.unit, high, language);
    if (es) return `Comenzó entre los ${n(value)} y los ${n(high)}${unit ? ` ${unit}` : ''}`;
    return `Began between ages ${n(value)} and ${n(high)}${unit && age.unit !== 'a' ? ` ${unit}` : ''}`;
  }
  const one = value ?? high;
  if (one !== undefined) {
    const unit = unitWords(age.unit, one, language);
    // "a los 57 años", but "a la edad de 1 año" (never "a los 1").
    if (es) return unit && one !== 1 ? `Comenzó a los ${n(one)} ${unit}` : `Comenzó a la edad de ${n(one)}${unit ? ` ${unit}` : ''}`;
    // "at age 57" already says years; other units are said ("at age 6 months").
    return `Began at age ${n(one)}${unit && age.unit !== 'a' ? ` ${unit}` : ''}`;
  }
  if (age.text?.trim()) return `${es ? 'Comenzó' : 'Began'}: ${age.text.trim()}`;
  return undefined;
}
