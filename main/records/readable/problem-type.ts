// What a source recorded a problem as: C-CDA's Problem Type (the problem observation's code,
// SNOMED CT with LOINC translations) and FHIR's Condition.category (HL7's condition-category,
// US Core's). The vault keeps the codes as the source wrote them (a writer's displayName can be
// the problem's own name, "Essential hypertension" under "Finding"); these are their words in
// the reader's language, decided when the entry is shown.
import type { Code, EntryDetails } from '../model.ts';

type Pair = readonly [en: string, es: string];

const TYPES = {
  problem: ['Problem', 'Problema'],
  diagnosis: ['Diagnosis', 'Diagnóstico'],
  complaint: ['Complaint', 'Motivo de consulta'],
  symptom: ['Symptom', 'Síntoma'],
  finding: ['Finding', 'Hallazgo'],
  condition: ['Condition', 'Afección'],
  'functional-limitation': ['Functional limitation', 'Limitación funcional'],
  'cognitive-finding': ['Cognitive function finding', 'Hallazgo de la función cognitiva'],
  'problem-list-item': ['Problem list item', 'Elemento de la lista de problemas'],
  'encounter-diagnosis': ['Encounter diagnosis', 'Diagnóstico de la consulta'],
  'health-concern': ['Health concern', 'Preocupación de salud'],
} as const satisfies Record<string, Pair>;
export type ProblemTypeKey = keyof typeof TYPES;

// C-CDA's Problem Type value sets (SNOMED CT in R2.1, LOINC in R1.1 and as translations).
const SNOMED_TYPES: Readonly<Record<string, ProblemTypeKey>> = {
  '55607006': 'problem',
  '282291009': 'diagnosis',
  '409586006': 'complaint',
  '418799008': 'symptom',
  '404684003': 'finding',
  '64572001': 'condition',
  '248536006': 'functional-limitation',
  '373930000': 'cognitive-finding',
};
const LOINC_TYPES: Readonly<Record<string, ProblemTypeKey>> = {
  '75326-9': 'problem',
  '29308-4': 'diagnosis',
  '75322-8': 'complaint',
  '75325-1': 'symptom',
  '75321-0': 'finding',
  '75323-6': 'condition',
  '75324-4': 'functional-limitation',
  '75275-8': 'cognitive-finding',
};
export const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
export const US_CORE_CONDITION_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/condition-category';
const LIST_CATEGORIES: Readonly<Record<string, ProblemTypeKey>> = {
  'problem-list-item': 'problem-list-item',
  'encounter-diagnosis': 'encounter-diagnosis',
  'health-concern': 'health-concern',
};

/** FHIR's own category systems: which list a condition is on, not what kind of problem it is. */
export function isListCategory(code: Code): boolean {
  return code.system === CONDITION_CATEGORY || code.system === US_CORE_CONDITION_CATEGORY;
}

/**
 * The problem type a code stands for. A LOINC-shaped code is LOINC's whatever system a writer
 * named (one writes 75323-6 under HL7's ActClass); SNOMED CT has no hyphens.
 */
export function problemTypeOf(code: Code): ProblemTypeKey | undefined {
  if (isListCategory(code)) return LIST_CATEGORIES[code.code];
  if (/^\d+-\d$/.test(code.code)) return LOINC_TYPES[code.code];
  return code.system === 'SNOMED' ? SNOMED_TYPES[code.code] : undefined;
}

/** The English name FHIR exports give a known type's coding (a source's display may be anything). */
export function problemTypeName(key: ProblemTypeKey): string {
  return TYPES[key][0];
}

/**
 * What the source recorded the problem as, in the reader's language: the kind of problem first
 * (Diagnosis, Symptom…), then the list it is on (Problem list item…); a type named only by a
 * code Chartkeeper does not know is said by its display, and words given without a code as written.
 */
export function problemTypeWords(details: Pick<EntryDetails, 'problemTypeCodes' | 'problemType'>, language = 'en'): string | undefined {
  const kinds: string[] = [];
  const lists: string[] = [];
  const other: string[] = [];
  const add = (list: string[], word: string | undefined) => {
    if (word && ![...kinds, ...lists, ...other].some((w) => w.toLowerCase() === word.toLowerCase())) list.push(word);
  };
  const codes = details.problemTypeCodes ?? [];
  // The primary code (the first) decides: a writer's translation may name another type.
  const known = codes.map((code) => ({ code, key: problemTypeOf(code) }));
  const firstKind = known.find((k) => k.key && !isListCategory(k.code));
  if (firstKind?.key) add(kinds, TYPES[firstKind.key][language === 'es' ? 1 : 0]);
  for (const { code, key } of known) {
    if (key && isListCategory(code)) add(lists, TYPES[key][language === 'es' ? 1 : 0]);
    else if (!key && isListCategory(code)) add(other, code.display ?? code.code);
    else if (!key && !firstKind) add(other, code.display);
  }
  add(other, details.problemType?.trim());
  const words = [...kinds, ...lists, ...other];
  return words.length ? words.join(', ') : undefined;
}
