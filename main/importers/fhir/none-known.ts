// A Condition, AllergyIntolerance, medication, Immunization or Procedure that says there is
// none ("No known allergy", IPS's "no-known-medications") is no fact about a substance or a
// medicine: stored as an entry it would list "No known allergy" among the allergies, beside a
// real one imported later. It becomes the document's "none known" statement, as in C-CDA
// (model.ts NoneKnownStatement). One that says nothing is known either way (IPS's
// "no-problem-info") is not an entry and not a statement.
import type { ImportProblem, NoneKnownStatement, ReportKind } from '../../records/model.ts';
import type { Json } from './json.ts';
import { arr, obj, str } from './json.ts';
import { conceptText } from './codes.ts';
import type { Mapped } from './mapped.ts';

const IPS_ABSENT = 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips';
const SNOMED = 'http://snomed.info/sct';

/** SNOMED CT concepts whose meaning is "none of this kind known". */
const NONE_KNOWN_SNOMED = new Set([
  '716186003', // No known allergy
  '160244002', // No known allergies
  '409137002', // No known history of drug allergy
  '428607008', // No known environmental allergy
  '429625007', // No known food allergy
  '428197003', // No known insect allergy
  '160245001', // No current problems or disability
  '787481004', // No known medications
]);

/** Words that say "none known" whatever else the entry holds. */
const NONE_KNOWN_WORDS = /^(?:no\s+known\b|none\s+known\b|nkda\b|nka\b|no\s+current\s+(?:medications?|medicines?|problems?|allergies)\b)/i;

const NOUN: Partial<Record<ReportKind, string>> = {
  problems: 'problem',
  allergies: 'allergy',
  medications: 'medication',
  immunizations: 'immunization',
  procedures: 'procedure',
};

type Said = 'none-known' | 'no-information' | undefined;

function codings(concept: Json): { system?: string; code?: string }[] {
  return arr(obj(concept)?.['coding']).map((c) => ({ system: str(obj(c)?.['system']), code: str(obj(c)?.['code']) }));
}

/** What the concept says: that there is none known, that nothing is known, or neither. */
export function absenceSaid(concept: Json): Said {
  const coded = codings(concept).filter((c) => c.code);
  const ips = coded.find((c) => c.system === IPS_ABSENT)?.code;
  if (ips) return ips.startsWith('no-known-') ? 'none-known' : 'no-information';
  // A specific code beside the words names a thing: the words alone do not undo it.
  const specific = coded.some((c) => !(c.system === SNOMED && NONE_KNOWN_SNOMED.has(c.code!)));
  if (coded.length > 0 && !specific) return 'none-known';
  if (!specific && NONE_KNOWN_WORDS.test(conceptText(concept) ?? '')) return 'none-known';
  return undefined;
}

/**
 * The Mapped for an entry whose concept states an absence, else undefined (read it as an entry).
 * `date`: when the source said it.
 */
export function absenceOf(kind: ReportKind, concept: Json, date: string | undefined, where: string): Mapped | undefined {
  const said = absenceSaid(concept);
  if (!said) return undefined;
  const noun = NOUN[kind] ?? kind;
  if (said === 'no-information') {
    return { records: [], problems: [{ kind, reason: `The ${noun} list holds no information, only an empty entry; nothing to add.`, where }] };
  }
  const text = conceptText(concept);
  const statement: NoneKnownStatement = { kind };
  if (date) statement.date = date;
  if (text) statement.text = text;
  return { records: [], problems: [statementNote(statement, where)], statements: [statement] };
}

/** The import report's line for a "none known" statement kept with the document (an entry's or an IPS section's). */
export function statementNote(statement: NoneKnownStatement, where: string): ImportProblem {
  const words = statement.text ? ` ("${statement.text.slice(0, 80)}")` : '';
  return { kind: statement.kind, reason: `The document states no known ${statement.kind}${words}; that is kept with the document, not as an entry.`, where };
}
