// FamilyMemberHistory → one 'family' record per condition the relative had.
import type { OnsetAge, RecordDraft } from '../../records/model.ts';
import { conceptCodes, conceptText } from './codes.ts';
import type { FhirContext } from './context.ts';
import { fhirDate, periodOf } from './context.ts';
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

/** An onset given as a day or a period (no age): kept in the comment as before ("Onset: 1990", "Onset: 1990 to 1995"). */
function onsetDateOf(condition: JsonObject): string | undefined {
  const text = fhirDate(condition['onsetDateTime']);
  if (text) return `Onset: ${text}`;
  const { start, end } = periodOf(condition['onsetPeriod']);
  if (start && end) return start === end ? `Onset: ${start}` : `Onset: ${start} to ${end}`;
  if (start) return `Onset: from ${start}`;
  return end ? `Onset: by ${end}` : undefined;
}

/** An Age or Range's words ("74 yr", "70–75 a"), the unit as the source wrote it, else its code. */
function ageWords(age: JsonObject | undefined, range: JsonObject | undefined): string | undefined {
  const unitOf = (q: JsonObject | undefined) => str(q?.['unit'])?.trim() || str(q?.['code'])?.trim() || '';
  const value = num(age?.['value']);
  if (value !== undefined) return `${value} ${unitOf(age)}`.trim();
  const low = obj(range?.['low']);
  const high = obj(range?.['high']);
  const from = num(low?.['value']);
  const to = num(high?.['value']);
  const unit = unitOf(low) || unitOf(high);
  if (from !== undefined && to !== undefined) return `${from}–${to} ${unit}`.trim();
  if (from !== undefined) return `${from} ${unit} or older`.replace('  ', ' ');
  return to !== undefined ? `${to} ${unit} or younger`.replace('  ', ' ') : undefined;
}

/**
 * Whether the relative has died, as the source says it (deceased[x]), kept in the comment: the
 * record has no field for it, and it is not the same as having died of this condition
 * (causeOfDeath). A relative the source says is alive says so too.
 */
function deceasedOf(resource: JsonObject): string | undefined {
  if (resource['deceasedBoolean'] === true) return 'Deceased';
  if (resource['deceasedBoolean'] === false) return 'Not deceased';
  const age = ageWords(obj(resource['deceasedAge']), obj(resource['deceasedRange']));
  if (age) return `Deceased at age ${age}`;
  const date = fhirDate(resource['deceasedDate']);
  if (date) return `Deceased: ${date}`;
  const text = str(resource['deceasedString'])?.trim();
  return text ? `Deceased: ${text}` : undefined;
}

/** FHIR's standard extension for how severe the relative's condition was ("Fatal"). */
const SEVERITY_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/familymemberhistory-severity';

/** What the source says came of the condition (outcome) and how severe it was, in its words. */
function outcomeAndSeverityOf(condition: JsonObject): string[] {
  const said: string[] = [];
  const outcome = conceptText(condition['outcome']);
  if (outcome) said.push(`Outcome: ${outcome}`);
  for (const extension of arr(condition['extension']).map(obj)) {
    if (extension?.['url'] !== SEVERITY_EXTENSION) continue;
    const severity = conceptText(extension['valueCodeableConcept']) ?? str(extension['valueString'])?.trim();
    if (severity) said.push(`Severity: ${severity}`);
  }
  return said;
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
  const deceased = deceasedOf(resource);
  const records = named.map((condition): RecordDraft => {
    // What the source says beyond the condition's name, in its words ("Onset: 1990" as before);
    // a full stop before the condition's own notes, so the two do not run together.
    const conditionNotes = notesOf(condition);
    let said = [deceased, onsetDateOf(condition), ...outcomeAndSeverityOf(condition)].filter(Boolean).join('. ');
    if (said && conditionNotes.length > 0) said += '.';
    const comment = [...notesOf(resource).filter((t) => t !== markWords), said, ...conditionNotes].filter(Boolean).join(' ');
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
