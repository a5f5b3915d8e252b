// FHIR R4 validation by a library from the npm registry (`fhir`, Lantana's FHIR.js): each
// resource in a bundle checked against R4's structure definitions and required value sets.
// It knows no IG profiles, so the IPS's own rules stay in ips-rules.ts; this is the base layer.
import { Fhir } from 'fhir';

let validator: Fhir | undefined;

type Json = Record<string, unknown>;
const DATA_ABSENT = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/** "Resource.path: message" for every error the validator finds (warnings and notes left out). */
export function fhirErrors(resource: unknown): string[] {
  validator ??= new Fhir();
  const result = validator.validate(resource as object, {});
  return result.messages
    .filter((m) => m.severity === 'error')
    .map((m) => `${m.location ?? '?'}: ${m.message ?? ''}`)
    .filter((error) => !absentWithReason(resource, error));
}

/**
 * FHIR lets a required primitive carry a data-absent-reason extension instead of a value
 * (`"_status": { "extension": [...] }` with no `status`: the element is there, its value unknown;
 * ele-1 asks only for a value or children). FHIR.js reports such an element as missing. Its
 * report is left out only when every resource of that type without the value has the extension.
 */
function absentWithReason(root: unknown, error: string): boolean {
  const m = /^(\w+)\.(\w+): Missing property$/.exec(error);
  if (!m) return false;
  const [, type, property] = m as unknown as [string, string, string];
  const lacking = resourcesOf(root).filter((r) => r['resourceType'] === type && r[property] === undefined);
  return lacking.length > 0 && lacking.every((r) => hasAbsentReason(r[`_${property}`]));
}

function hasAbsentReason(element: unknown): boolean {
  const extensions = (element as Json | undefined)?.['extension'];
  return Array.isArray(extensions) && extensions.some((e) => (e as Json)['url'] === DATA_ABSENT);
}

function resourcesOf(root: unknown): Json[] {
  const r = root as Json;
  if (r['resourceType'] !== 'Bundle') return [r];
  return ((r['entry'] as Json[] | undefined) ?? []).map((e) => e['resource'] as Json).filter(Boolean);
}
