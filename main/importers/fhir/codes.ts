// FHIR codings → Chartkeeper codes. Systems are renamed to the short names of CODE_SYSTEMS so
// that a LOINC code from a FHIR file and one from a CDA file compare equal; unknown systems
// keep their URI (or, for `urn:oid:`, the bare OID, as the C-CDA importer keeps it) so
// nothing is lost.
import { CODE_SYSTEMS } from '../../records/model.ts';
import type { Code, KnownCodeSystem } from '../../records/model.ts';
import type { Json, JsonObject } from './json.ts';
import { arr, obj, str } from './json.ts';

const SYSTEM_BY_URI: Record<string, string> = {
  'http://snomed.info/sct': 'SNOMED',
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD10CM',
  // Medicare's FHIR servers label ICD-10-CM diagnosis codes with the plain ICD-10 URI.
  'http://hl7.org/fhir/sid/icd-10': 'ICD10CM',
  'http://hl7.org/fhir/sid/icd-9-cm': 'ICD9CM',
  'http://hl7.org/fhir/sid/icd-9-cm/diagnosis': 'ICD9CM',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RXNORM',
  'http://hl7.org/fhir/sid/ndc': 'NDC',
  'http://loinc.org': 'LOINC',
  'http://hl7.org/fhir/sid/cvx': 'CVX',
  'http://www.ama-assn.org/go/cpt': 'CPT',
  'https://www.ama-assn.org/go/cpt': 'CPT',
  'https://bluebutton.cms.gov/resources/codesystem/hcpcs': 'HCPCS',
  'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets': 'HCPCS',
  'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets': 'HCPCS',
  'http://unitsofmeasure.org': 'UCUM',
  // ICD-10-PCS, under the name the C-CDA importer gives it (and the FHIR export writes back).
  'http://www.cms.gov/Medicare/Coding/ICD10': 'ICD10PCS',
};

const NAME_BY_OID = new Map<string, string>(
  (Object.entries(CODE_SYSTEMS) as [KnownCodeSystem, string][]).map(([name, oid]) => [oid, name]),
);
// Older or alternate OIDs of the same systems, named as the C-CDA importer names them.
NAME_BY_OID.set('2.16.840.1.113883.6.4', 'ICD10PCS');
NAME_BY_OID.set('2.16.840.1.113883.6.2', 'ICD9CM');
NAME_BY_OID.set('2.16.840.1.113883.6.104', 'ICD9CM');
NAME_BY_OID.set('2.16.840.1.113883.6.5', 'SNOMED');

/** The short name for a FHIR system URI, the bare OID of an unknown `urn:oid:`, else the URI. */
export function systemName(uri: string): string {
  const known = SYSTEM_BY_URI[uri];
  if (known) return known;
  if (uri.startsWith('urn:oid:')) {
    const oid = uri.slice(8);
    return NAME_BY_OID.get(oid) ?? (oid || uri);
  }
  return uri;
}

export function codingToCode(coding: Json): Code | null {
  const o = obj(coding);
  if (!o) return null;
  const code = str(o['code']);
  // A "code" of only punctuation ("-", as Hong Kong's IPS writes for an uncoded allergen) names
  // nothing: kept, it would make two different allergies one.
  if (!code || !/[\p{L}\p{N}]/u.test(code)) return null;
  const system = str(o['system']);
  const display = str(o['display']);
  const result: Code = { system: system ? systemName(system) : 'unknown', code };
  if (display) result.display = display;
  return result;
}

/** The codings of a CodeableConcept, the one the author picked (userSelected) first. */
function primaryFirst(concept: JsonObject): Json[] {
  const codings = arr(concept['coding']);
  const selected = codings.findIndex((c) => obj(c)?.['userSelected'] === true);
  return selected > 0 ? [codings[selected], ...codings.filter((_, i) => i !== selected)] : codings;
}

/** Every coding of a CodeableConcept, primary (userSelected, else first) first. */
export function conceptCodes(concept: Json): Code[] {
  const o = obj(concept);
  if (!o) return [];
  const codes: Code[] = [];
  for (const coding of primaryFirst(o)) {
    const code = codingToCode(coding);
    if (code && !codes.some((c) => c.system === code.system && c.code === code.code)) codes.push(code);
  }
  return codes;
}

/**
 * What a person calls a concept: its text, else the display of the coding its author picked
 * (userSelected), else the first display, else the first code.
 */
export function conceptText(concept: Json): string | undefined {
  const o = obj(concept);
  if (!o) return undefined;
  const text = str(o['text']);
  if (text) return text;
  for (const coding of primaryFirst(o)) {
    const display = str(obj(coding)?.['display']);
    if (display) return display;
  }
  const first = conceptCodes(concept)[0];
  if (!first) return undefined;
  // HL7's own code systems use words as codes ("self", "assess-plan"): the word reads better
  // than a URL; other systems' codes are numbers that need their system named.
  return HL7_CODE_SYSTEM.test(first.system) ? first.code : `${first.system} ${first.code}`;
}

const HL7_CODE_SYSTEM = /^https?:\/\/(terminology\.hl7\.org\/CodeSystem|hl7\.org\/fhir)\//;

/** The code of a coding in `system` inside a CodeableConcept (or list of them). */
export function codeIn(concepts: Json, system: string): string | undefined {
  const list = Array.isArray(concepts) ? concepts : [concepts];
  for (const concept of list) {
    for (const coding of arr(obj(concept)?.['coding'])) {
      const c = obj(coding);
      if (c && str(c['system']) === system) return str(c['code']);
    }
  }
  return undefined;
}

/** All codes (any system) of a list of CodeableConcepts, lower-cased, for category checks. */
export function allCodes(concepts: Json): string[] {
  const list = Array.isArray(concepts) ? concepts : [concepts];
  const out: string[] = [];
  for (const concept of list) {
    for (const coding of arr(obj(concept)?.['coding'])) {
      const code = str(obj(coding)?.['code']);
      if (code) out.push(code.toLowerCase());
    }
  }
  return out;
}
