// Which codes of an entry MedlinePlus Connect can answer, and in which order to try them.
import { CODE_SYSTEMS } from '../records/model.ts';
import type { Code, EntryKind, KnownCodeSystem } from '../records/model.ts';

/**
 * Systems Connect answers for each kind of entry, best first. ICD-10-CM is what current
 * records carry and maps most directly to health topics; SNOMED CT coverage is limited to the
 * CORE problem list; ICD-9-CM is a legacy fallback. RxNorm names a drug, NDC a package.
 */
const SYSTEMS_BY_KIND: Partial<Record<EntryKind, readonly KnownCodeSystem[]>> = {
  problem: ['ICD10CM', 'SNOMED', 'ICD9CM'],
  medication: ['RXNORM', 'NDC'],
  result: ['LOINC'],
  procedure: ['CPT'],
};

export type EducationKind = 'problem' | 'medication' | 'result' | 'procedure';

export function isEducationKind(kind: string): kind is EducationKind {
  return kind in SYSTEMS_BY_KIND;
}

/** FHIR system URIs for the same systems, for codes an importer left unmapped. */
const FHIR_URIS: Record<string, KnownCodeSystem> = {
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD10CM',
  'http://hl7.org/fhir/sid/icd-9-cm': 'ICD9CM',
  'http://snomed.info/sct': 'SNOMED',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RXNORM',
  'http://hl7.org/fhir/sid/ndc': 'NDC',
  'http://loinc.org': 'LOINC',
  'http://www.ama-assn.org/go/cpt': 'CPT',
};

const NAME_OF_OID = new Map<string, KnownCodeSystem>(
  (Object.entries(CODE_SYSTEMS) as [KnownCodeSystem, string][]).map(([name, oid]) => [oid, name]),
);

/** The short name for a system written as a short name, an OID or a FHIR URI. */
export function knownSystemName(system: string): KnownCodeSystem | undefined {
  const trimmed = system.trim();
  if (trimmed in CODE_SYSTEMS) return trimmed as KnownCodeSystem;
  return NAME_OF_OID.get(trimmed) ?? FHIR_URIS[trimmed.toLowerCase()];
}

/**
 * Codes are short identifiers (`J45.40`, `52702003`, `2951-2`, `0093-7212-01`). Anything else
 * (spaces, words, punctuation) is refused so that free text typed into a code field can
 * never leave the computer.
 */
const CODE_SHAPE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$/;

export function isSendableCode(code: string): boolean {
  return CODE_SHAPE.test(code);
}

/**
 * The entry's codes that Connect can look up, in the order to try them, each with its system
 * as a short name. Codes keep their source order within one system; duplicates are dropped.
 */
export function codesToTry(kind: EntryKind | string, codes: readonly Code[]): Code[] {
  const systems = SYSTEMS_BY_KIND[kind as EntryKind];
  if (!systems) return [];
  const seen = new Set<string>();
  const result: Code[] = [];
  for (const system of systems) {
    for (const candidate of codes) {
      if (knownSystemName(candidate.system) !== system) continue;
      const code = candidate.code.trim();
      if (!isSendableCode(code)) continue;
      const key = `${system}|${code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ system, code });
    }
  }
  return result;
}

/** The OID sent as `mainSearchCriteria.v.cs`. */
export function oidOf(system: string): string | undefined {
  const name = knownSystemName(system);
  return name ? CODE_SYSTEMS[name] : undefined;
}
