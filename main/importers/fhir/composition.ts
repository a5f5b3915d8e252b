// A FHIR document's Composition (an International Patient Summary, say) is its table of
// contents: each section's narrative restates the entries it references, which are read as
// entries in their own right. What a section says only in words — no entries, no reason given
// for being empty, sub-sections aside — is not read, and the report names it. A section left
// empty because nothing is known ("nilknown": "No known active allergies") says the person has
// none: that is the document's "none known" statement, as an entry that says so would be
// (none-known.ts). Other empty reasons (not asked, withheld, unavailable) say nothing either way.
import type { NoneKnownStatement, ReportKind } from '../../records/model.ts';
import { codeIn, conceptText } from './codes.ts';
import { fhirDate } from './context.ts';
import type { JsonObject } from './json.ts';
import { arr, obj, str } from './json.ts';
import { type Mapped, none, whereOf } from './mapped.ts';
import { statementNote } from './none-known.ts';
import { xhtmlText } from './xhtml.ts';

const LIST_EMPTY_REASON = 'http://terminology.hl7.org/CodeSystem/list-empty-reason';
const LOINC = 'http://loinc.org';

/** The IPS sections whose "nil known" is a statement about one kind of entry (by LOINC code). */
const KIND_OF_SECTION: Record<string, ReportKind> = {
  '48765-2': 'allergies',
  '11450-4': 'problems',
  '10160-0': 'medications',
  '11369-6': 'immunizations',
  '47519-4': 'procedures',
};

/** The section's "none known" statement, when it is empty because nothing is known. */
function nilKnown(section: JsonObject, date: string | undefined): NoneKnownStatement | undefined {
  if (arr(section['entry']).length) return undefined;
  if (codeIn(section['emptyReason'], LIST_EMPTY_REASON) !== 'nilknown') return undefined;
  const kind = KIND_OF_SECTION[codeIn(section['code'], LOINC) ?? ''];
  if (!kind) return undefined;
  const statement: NoneKnownStatement = { kind };
  if (date) statement.date = date;
  // The narrative is the source's own sentence ("No known active allergies"); the coded
  // reason's words when it has none or says more than a sentence.
  const narrative = xhtmlText(str(obj(section['text'])?.['div']) ?? '');
  const words = (narrative && narrative.length <= 200 ? narrative : undefined) ?? conceptText(section['emptyReason']);
  if (words) statement.text = words;
  return statement;
}

function sectionName(section: JsonObject): string {
  const code = obj(section['code']);
  const coding = obj(arr(code?.['coding'])[0]);
  return str(section['title']) ?? str(code?.['text']) ?? str(coding?.['display']) ?? str(coding?.['code']) ?? 'untitled';
}

function narrativeOnly(sections: unknown[], found: string[]): void {
  for (const item of sections) {
    const section = obj(item);
    if (!section) continue;
    const hasText = !!str(obj(section['text'])?.['div']);
    if (hasText && !arr(section['entry']).length && !obj(section['emptyReason'])) found.push(sectionName(section));
    narrativeOnly(arr(section['section']), found);
  }
}

export function mapComposition(resource: JsonObject): Mapped {
  const found: string[] = [];
  narrativeOnly(arr(resource['section']), found);
  const mapped = none();
  const where = whereOf(resource);
  const date = fhirDate(resource['date']);
  for (const item of arr(resource['section'])) {
    const section = obj(item);
    const statement = section ? nilKnown(section, date) : undefined;
    if (!statement) continue;
    (mapped.statements ??= []).push(statement);
    mapped.problems.push(statementNote(statement, where));
  }
  for (const name of found) {
    mapped.problems.push({ reason: `The section "${name}" of this document is text only, so it was not imported as entries; the original file keeps it.` });
  }
  return mapped;
}
