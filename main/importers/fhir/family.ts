// FamilyMemberHistory → one 'family' record per condition the relative had.
import type { OnsetAge, RecordDraft } from '../../records/model.ts';
import { conceptCodes, conceptText } from './codes.ts';
import type { FhirContext } from './context.ts';
import { fhirDate } from './context.ts';
import type { JsonObject } from './json.ts';
import { arr, num, obj, str } from './json.ts';
import type { Mapped } from './mapped.ts';
import { dropEmpty, enteredInError, normalizeStatus, saysNotSoByExtension, skip, whereOf } from './mapped.ts';
import { notSoWords } from '../../records/readable/negation.ts';

const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

/**
 * The relative as the source named them ("Mother", "maternal aunt"). The generic FAMMEMB
 * ("family member") says no more than that the entry is family history, and it is what a
 * Chartkeeper export writes when the relation was not known: it is no relation.
 */
function relationOf(relationship: unknown): string | undefined {
  const concept = obj(relationship);
  const text = str(concept?.['text']);
  if (text) return text;
  const codings = arr(concept?.['coding']).map(obj);
  if (codings.length === 1 && codings[0]?.['system'] === ROLE_CODE && codings[0]['code'] === 'FAMMEMB') return undefined;
  return conceptText(relationship);
}

function notesOf(holder: JsonObject | undefined): string[] {
  return arr(holder?.['note']).map((n) => str(obj(n)?.['text'])).filter((t): t is string => !!t);
}

/**
 * The relative's age when the condition began (onsetAge, onsetRange, onsetString), as the source
 * gave it; the unit is the Age's words, else its code ("a").
 */
function onsetAgeOf(condition: JsonObject): OnsetAge | undefined {
  const unitOf = (q: JsonObject | undefined) => str(q?.['unit'])?.trim() || str(q?.['code'])?.trim() || undefined;
  const age = obj(condition['onsetAge']);
  const years = num(age?.['value']);
  if (years !== undefined) return dropEmpty({ value: years, unit: unitOf(age) });
  const range = obj(condition['onsetRange']);
  const low = obj(range?.['low']);
  const high = obj(range?.['high']);
  const from = num(low?.['value']);
  const to = num(high?.['value']);
  if (from !== undefined || to !== undefined) return dropEmpty({ value: from, high: to, unit: unitOf(low) ?? unitOf(high) });
  const text = str(condition['onsetString'])?.trim();
  if (!text) return undefined;
  // "age 57", "age 0 a": how the export writes an age it cannot write as an Age (no unit, as
  // CCD 1.0 gives it), read back as that number. A bare number ("1990") may be a year: words.
  const said = /^age (\d+(?:\.\d+)?)(?: (\S+))?$/i.exec(text);
  return said ? dropEmpty({ value: Number(said[1]), unit: said[2] }) : { text };
}

/** An onset given as a day or a period (no age): kept in the comment as before ("Onset: 1990"). */
function onsetDateOf(condition: JsonObject): string | undefined {
  const text = fhirDate(condition['onsetDateTime']);
  return text ? `Onset: ${text}` : undefined;
}

export function mapFamilyHistory(resource: JsonObject, _ctx: FhirContext): Mapped {
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip('family', 'This family history entry was marked as entered in error.', where);
  const relation = relationOf(resource['relationship']);
  const conditions = arr(resource['condition']).map(obj).filter((c): c is JsonObject => !!c);
  const named = conditions.filter((c) => conceptText(c['code']));
  if (named.length === 0) {
    const who = relation ? ` for ${relation}` : '';
    return skip('family', `A family history entry${who} names no condition.`, where);
  }
  // A Chartkeeper export writes 'partial' for any entry not known to be complete: no status.
  // Its negation mark (a condition the source says the relative does not have) reads back as not-done.
  const negated = saysNotSoByExtension(resource);
  const status = negated ? 'not-done' : resource['status'] === 'partial' ? undefined : normalizeStatus(resource['status']);
  const markWords = negated ? notSoWords({ kind: 'family', status: 'not-done' }, 'en') : undefined;
  const date = fhirDate(resource['date']);
  const records = named.map((condition): RecordDraft => {
    const comment = [...notesOf(resource).filter((t) => t !== markWords), onsetDateOf(condition), ...notesOf(condition)].filter(Boolean).join(' ');
    const record: RecordDraft = {
      kind: 'family',
      title: conceptText(condition['code'])!,
      codes: conceptCodes(condition['code']),
      details: dropEmpty({
        relation,
        causeOfDeath: condition['contributedToDeath'] === true ? true : undefined,
        onsetAge: onsetAgeOf(condition),
        comment: comment || undefined,
      }),
      sourceLocation: where,
    };
    if (status) record.status = status;
    if (date) record.start = date;
    return record;
  });
  return { records, problems: [] };
}
