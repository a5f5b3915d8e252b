// A finding or a visit the source says is not so. C-CDA's negationInd="true" on a result, vital
// sign, social history, functional or family history observation, or on an encounter, is stored
// as status `not-done` beside the source's own value and codes; what it means to a patient
// depends on the kind: a result "Not found", a visit that "Did not take place". Every reader that would show
// such an entry as present (a value drawn on a chart, a "latest result", an abnormal flag, a
// visit on the summary) asks `saysNotSo` first.

import type { EntryKind } from '../model.ts';

type Language = 'en' | 'es';

const STATED_NOT_SO: Partial<Record<EntryKind, 'found' | 'case' | 'visit'>> = {
  result: 'found',
  functional: 'found',
  vital: 'case',
  social: 'case',
  family: 'case',
  encounter: 'visit',
};

const WORDS = {
  en: {
    found: 'Not found (the source says so)',
    case: 'Not the case (the source says so)',
    visit: 'Did not take place (the source says so)',
    value: (value: string) => `not “${value}”`,
  },
  es: {
    found: 'No encontrado (según la fuente)',
    case: 'No es así (según la fuente)',
    visit: 'No tuvo lugar (según la fuente)',
    value: (value: string) => `no «${value}»`,
  },
} as const;

/** The source states this finding is absent or this visit did not happen (not an act "not done"). */
export function saysNotSo(entry: { kind: EntryKind; status?: string | undefined }): boolean {
  return STATED_NOT_SO[entry.kind] !== undefined && entry.status?.trim().toLowerCase() === 'not-done';
}

/** "Not found (the source says so)" for a negated result; undefined for any other entry. */
export function notSoWords(entry: { kind: EntryKind; status?: string | undefined }, language: Language = 'en'): string | undefined {
  const which = STATED_NOT_SO[entry.kind];
  return which && saysNotSo(entry) ? WORDS[language === 'es' ? 'es' : 'en'][which] : undefined;
}

/** The source's value of a negated finding, worded so it never reads as present: not “Positive”. */
export function notSoValue(value: string, language: Language = 'en'): string {
  return WORDS[language === 'es' ? 'es' : 'en'].value(value);
}
