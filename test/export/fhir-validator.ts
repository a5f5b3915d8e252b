// FHIR R4 validation by a library from the npm registry (`fhir`, Lantana's FHIR.js): each
// resource in a bundle checked against R4's structure definitions and required value sets.
// It knows no IG profiles, so the IPS's own rules stay in ips-rules.ts; this is the base layer.
import { Fhir } from 'fhir';

let validator: Fhir | undefined;

/** "Resource.path: message" for every error the validator finds (warnings and notes left out). */
export function fhirErrors(resource: unknown): string[] {
  validator ??= new Fhir();
  const result = validator.validate(resource as object, {});
  return result.messages.filter((m) => m.severity === 'error').map((m) => `${m.location ?? '?'}: ${m.message ?? ''}`);
}
