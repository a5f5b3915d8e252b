// What the person said about an entry, as FHIR annotations on its resource: an export says what
// the sources said (the resource) and, beside it and marked as theirs, what the person said.
// Entries the person hid or said are wrong are not exported at all (fhir-bundle.ts).
import type { StoredEntry } from '../records/model.ts';
import { correctedFields, personalView, type CorrectedField } from '../records/readable/personal.ts';
import type { FhirResource, JsonObject } from './fhir-values.ts';

/** Resource types Chartkeeper writes that have a `note` (Annotation) element. */
const WITH_NOTE = new Set(['Condition', 'MedicationStatement', 'MedicationRequest', 'AllergyIntolerance', 'Immunization', 'Observation', 'Procedure', 'CarePlan', 'FamilyMemberHistory', 'Goal']);

const FIELD_NAMES: Record<CorrectedField['field'], string> = {
  title: 'name',
  start: 'start date',
  end: 'end date',
  dose: 'dose',
  frequency: 'frequency',
  instructions: 'instructions',
  severity: 'severity',
  asNeeded: 'taken as needed',
  asNeededFor: 'needed for',
};

/** The person's standing statements in words (English, as the rest of the FHIR export). */
export function personalNoteTexts(entry: StoredEntry): string[] {
  const view = personalView(entry);
  const texts: string[] = [];
  const standing = view.standing;
  if (standing && standing.kind !== 'wrong') {
    const medication = entry.kind === 'medication';
    const words = standing.kind === 'no-longer' ? (medication ? 'no longer taking this' : 'no longer has this') : medication ? 'still taking this' : 'still has this';
    texts.push(`The patient or caregiver said on ${standing.date}: ${words}.${standing.note ? ` ${standing.note}` : ''}`);
  }
  const fields = correctedFields(entry);
  if (view.correction && fields.length > 0) {
    const said = fields.map((f) => `${FIELD_NAMES[f.field]} "${f.yours}" (the record says ${f.source ? `"${f.source}"` : 'nothing'})`).join('; ');
    texts.push(`Corrected by the patient or caregiver on ${view.correction.date}: ${said}.${view.correction.note ? ` ${view.correction.note}` : ''}`);
  }
  return texts;
}

/** Adds the person's statements to the resource's notes, where the resource has notes. */
export function addPersonalNotes(resource: FhirResource, entry: StoredEntry): FhirResource {
  if (!WITH_NOTE.has(String(resource['resourceType']))) return resource;
  const texts = personalNoteTexts(entry);
  if (texts.length === 0) return resource;
  const existing = Array.isArray(resource['note']) ? (resource['note'] as JsonObject[]) : [];
  return { ...resource, note: [...existing, ...texts.map((text) => ({ text }))] };
}
