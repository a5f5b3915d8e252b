// Who a FHIR file is about: the Patient resource, or — for a single clinical resource exported
// on its own — the patient its subject reference names.
import type { PatientIdentity } from '../../records/model.ts';
import { ImportError } from '../errors.ts';
import type { FhirContext } from './context.ts';
import { fhirDate } from './context.ts';
import type { JsonObject } from './json.ts';
import { arr, obj, str } from './json.ts';

const SUBJECT_FIELDS = ['subject', 'patient', 'beneficiary'] as const;

export function patientFromResource(patient: JsonObject): PatientIdentity {
  const identity: PatientIdentity = {};
  const names = arr(patient['name']).map(obj).filter((n): n is JsonObject => !!n);
  const chosen =
    names.find((n) => n['use'] === 'official') ?? names.find((n) => n['use'] === 'usual') ?? names[0];
  if (chosen) {
    const given = arr(chosen['given']).map(str).filter((g): g is string => !!g);
    const family = str(chosen['family']) ?? arr(chosen['family']).map(str).filter(Boolean).join(' ');
    if (given.length) identity.given = given;
    if (family) identity.family = family;
    const text = str(chosen['text']);
    const built = [...given, family].filter(Boolean).join(' ');
    if (text || built) identity.name = text ?? built;
  }
  const birthDate = fhirDate(patient['birthDate']);
  if (birthDate) identity.birthDate = birthDate;
  const sex = str(patient['gender']);
  if (sex) identity.sex = sex;
  const identifiers: { system?: string; value: string }[] = [];
  for (const id of arr(patient['identifier'])) {
    const o = obj(id);
    const value = str(o?.['value']);
    if (!value) continue;
    const system = str(o?.['system']);
    identifiers.push(system ? { system, value } : { value });
  }
  const resourceId = str(patient['id']);
  if (resourceId) identifiers.push({ system: 'urn:chartkeeper:fhir-patient-id', value: resourceId });
  if (identifiers.length) identity.identifiers = identifiers;
  return identity;
}

function samePerson(a: JsonObject, b: JsonObject): boolean {
  const idA = str(a['id']);
  const idB = str(b['id']);
  if (idA && idB) return idA === idB;
  return JSON.stringify(a['name']) === JSON.stringify(b['name']) && a['birthDate'] === b['birthDate'];
}

/** The one person this file is about; several people is an error, no one is an error. */
export function findPatient(ctx: FhirContext): { patient: PatientIdentity; resource?: JsonObject } {
  const patients = ctx.ofType('Patient');
  const distinct: JsonObject[] = [];
  for (const p of patients) if (!distinct.some((d) => samePerson(d, p))) distinct.push(p);
  if (distinct.length > 1) {
    throw new ImportError(
      `This FHIR file holds records for ${distinct.length} people; Chartkeeper imports one person's file at a time.`,
    );
  }
  if (distinct[0]) return { patient: patientFromResource(distinct[0]), resource: distinct[0] };

  // No Patient resource: single resources exported alone still name their subject.
  const subjects = new Map<string, string | undefined>();
  for (const resource of ctx.resources) {
    for (const field of SUBJECT_FIELDS) {
      const ref = obj(resource[field]);
      const target = str(ref?.['reference']) ?? str(obj(ref?.['identifier'])?.['value']);
      if (!target) continue;
      if (field === 'subject' && !/Patient\/|^urn:/.test(target)) continue;
      if (!subjects.has(target) || !subjects.get(target)) subjects.set(target, str(ref?.['display']));
    }
  }
  if (subjects.size > 1) {
    throw new ImportError(
      `This FHIR file holds records for ${subjects.size} people; Chartkeeper imports one person's file at a time.`,
    );
  }
  const only = [...subjects.entries()][0];
  if (!only) throw new ImportError('This FHIR file has no Patient resource, so Chartkeeper cannot tell whose record it is.');
  const [reference, display] = only;
  const identity: PatientIdentity = {
    identifiers: [{ system: 'urn:chartkeeper:fhir-patient-reference', value: reference }],
  };
  if (display) identity.name = display;
  return { patient: identity };
}
