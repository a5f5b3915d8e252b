// Which CDA templates mean what. C-CDA (2.16.840.1.113883.10.20.22.*), CCD 1.0 / HITSP C32
// (2.16.840.1.113883.10.20.1.*, 2.16.840.1.113883.3.88.11.83.*) and IHE PCC
// (1.3.6.1.4.1.19376.1.5.3.1.*) are listed side by side so one walker reads all of them.
import type { ReportKind } from '../../records/model.ts';

const CCDA = '2.16.840.1.113883.10.20.22';
const CCD1 = '2.16.840.1.113883.10.20.1';
const HITSP = '2.16.840.1.113883.3.88.11.83';
const PCC = '1.3.6.1.4.1.19376.1.5.3.1';

export type SectionKind = ReportKind;

/** Section templateId → what its entries are. */
export const SECTION_KIND_BY_TEMPLATE = new Map<string, SectionKind>([
  [`${CCDA}.2.5`, 'problems'],
  [`${CCDA}.2.5.1`, 'problems'],
  [`${CCD1}.11`, 'problems'],
  [`${HITSP}.103`, 'problems'],
  [`${PCC}.3.6`, 'problems'],
  [`${CCDA}.2.1`, 'medications'],
  [`${CCDA}.2.1.1`, 'medications'],
  [`${CCDA}.2.11`, 'medications'],
  [`${CCDA}.2.11.1`, 'medications'],
  [`${CCDA}.2.38`, 'medications'],
  [`${CCDA}.2.44`, 'medications'],
  [`${CCD1}.8`, 'medications'],
  [`${HITSP}.112`, 'medications'],
  [`${PCC}.3.19`, 'medications'],
  [`${CCDA}.2.6`, 'allergies'],
  [`${CCDA}.2.6.1`, 'allergies'],
  [`${CCD1}.2`, 'allergies'],
  [`${HITSP}.102`, 'allergies'],
  [`${PCC}.3.13`, 'allergies'],
  [`${CCDA}.2.2`, 'immunizations'],
  [`${CCDA}.2.2.1`, 'immunizations'],
  [`${CCD1}.6`, 'immunizations'],
  [`${HITSP}.117`, 'immunizations'],
  [`${PCC}.3.23`, 'immunizations'],
  [`${CCDA}.2.3`, 'results'],
  [`${CCDA}.2.3.1`, 'results'],
  [`${CCD1}.14`, 'results'],
  [`${HITSP}.122`, 'results'],
  [`${PCC}.3.28`, 'results'],
  [`${CCDA}.2.4`, 'vitals'],
  [`${CCDA}.2.4.1`, 'vitals'],
  [`${CCD1}.16`, 'vitals'],
  [`${HITSP}.119`, 'vitals'],
  [`${PCC}.3.25`, 'vitals'],
  [`${PCC}.1.5.3.2`, 'vitals'],
  [`${CCDA}.2.22`, 'encounters'],
  [`${CCDA}.2.22.1`, 'encounters'],
  [`${CCD1}.3`, 'encounters'],
  [`${HITSP}.127`, 'encounters'],
  [`${PCC}.1.5.3.3`, 'encounters'],
  [`${CCDA}.2.7`, 'procedures'],
  [`${CCDA}.2.7.1`, 'procedures'],
  [`${CCD1}.12`, 'procedures'],
  [`${HITSP}.108`, 'procedures'],
  [`${PCC}.3.12`, 'procedures'],
  [`${CCDA}.2.10`, 'plans'],
  [`${CCD1}.10`, 'plans'],
  [`${HITSP}.124`, 'plans'],
  [`${PCC}.3.31`, 'plans'],
  [`${CCDA}.2.17`, 'social'],
  [`${CCD1}.15`, 'social'],
  [`${HITSP}.126`, 'social'],
  [`${PCC}.3.16.1`, 'social'],
  [`${CCDA}.2.14`, 'functional'],
  [`${CCDA}.2.56`, 'functional'],
  [`${CCD1}.5`, 'functional'],
  [`${CCDA}.2.15`, 'family'],
  [`${CCD1}.4`, 'family'],
  [`${HITSP}.125`, 'family'],
  [`${PCC}.3.14`, 'family'],
  [`${CCDA}.2.18`, 'coverage'],
  // Diagnosis-type sections: their coded diagnoses are problems.
  [`${CCDA}.2.24`, 'problems'], // hospital discharge diagnosis
  [`${CCDA}.2.43`, 'problems'], // hospital admission diagnosis
  [`${CCDA}.2.58`, 'problems'], // health concerns
  // Care plan sections: each goal and each intervention is a plan of care item.
  [`${CCDA}.2.60`, 'plans'], // goals
  [`2.16.840.1.113883.10.20.21.2.3`, 'plans'], // interventions
  [`${CCD1}.9`, 'coverage'],
  [`${HITSP}.101`, 'coverage'],
  [`${CCDA}.2.21`, 'directives'],
  [`${CCDA}.2.21.1`, 'directives'],
  [`${CCD1}.1`, 'directives'],
  [`${HITSP}.116`, 'directives'],
  [`${PCC}.3.34`, 'directives'],
  [`${PCC}.3.35`, 'directives'],
]);

/** Section LOINC code → kind, for sections that carry no known templateId. */
export const SECTION_KIND_BY_LOINC = new Map<string, SectionKind>([
  ['11450-4', 'problems'],
  ['10160-0', 'medications'],
  ['10183-2', 'medications'],
  ['29549-3', 'medications'],
  ['48765-2', 'allergies'],
  ['11369-6', 'immunizations'],
  ['30954-2', 'results'],
  ['8716-3', 'vitals'],
  ['46240-8', 'encounters'],
  ['47519-4', 'procedures'],
  ['18776-5', 'plans'],
  ['29762-2', 'social'],
  ['47420-5', 'functional'],
  ['10190-7', 'functional'],
  ['10157-6', 'family'],
  ['48768-6', 'coverage'],
  ['11535-2', 'problems'],
  ['46241-6', 'problems'],
  ['75310-3', 'problems'],
  ['61146-7', 'plans'],
  ['62387-6', 'plans'],
  ['42348-3', 'directives'],
]);

/**
 * The entry statement that is one record of the kind. Looked for anywhere inside an entry;
 * the search does not descend into a match.
 */
export const STATEMENT_TEMPLATES: Record<SectionKind, ReadonlySet<string>> = {
  problems: new Set([`${CCDA}.4.4`, `${CCD1}.28`, `${PCC}.4.5`]),
  medications: new Set([`${CCDA}.4.16`, `${CCD1}.24`, `${HITSP}.8`, `${PCC}.4.7`]),
  allergies: new Set([`${CCDA}.4.7`, `${CCD1}.18`, `${PCC}.4.6`]),
  immunizations: new Set([`${CCDA}.4.52`, `${CCD1}.24`, `${HITSP}.13`, `${PCC}.4.12`]),
  results: new Set([`${CCDA}.4.2`, `${CCD1}.31`, `${HITSP}.15.1`, `${HITSP}.15`, `${PCC}.4.13`]),
  vitals: new Set([`${CCDA}.4.27`, `${CCD1}.31`, `${HITSP}.14`, `${PCC}.4.13.2`]),
  encounters: new Set([`${CCDA}.4.49`, `${CCD1}.21`, `${HITSP}.16`, `${PCC}.4.14`]),
  procedures: new Set([`${CCDA}.4.12`, `${CCDA}.4.13`, `${CCDA}.4.14`, `${CCD1}.29`, `${HITSP}.17`, `${PCC}.4.19`]),
  plans: new Set(),
  social: new Set([`${CCDA}.4.78`, `${CCDA}.4.38`, `${CCDA}.4.85`, `${CCD1}.33`]),
  functional: new Set([`${CCDA}.4.67`, `${CCDA}.4.68`, `${CCDA}.4.72`, `${CCDA}.4.74`, `${CCDA}.4.75`, `${CCDA}.4.69`]),
  // CCD 1.0 writes a relative's cause of death as its own family history observation (.42), beside the .22 ones.
  family: new Set([`${CCDA}.4.46`, `${CCD1}.22`, `${CCD1}.42`]),
  coverage: new Set([`${CCDA}.4.61`, `${CCD1}.26`]),
  claims: new Set(),
  // Advance Directive Observation (C-CDA 4.48, also inside the 4.108 organizer), CCD 1.0's, HITSP C83's and IHE PCC's.
  directives: new Set([`${CCDA}.4.48`, `${CCD1}.17`, `${HITSP}.12`, `${PCC}.4.13.7`]),
};

/** Helper statements read for their values: status, reaction, severity, instructions. */
export const PROBLEM_STATUS = new Set([`${CCDA}.4.6`, `${CCD1}.50`, `${PCC}.1.1`]);
export const ALLERGY_STATUS = new Set([`${CCDA}.4.28`, `${CCD1}.39`]);
export const REACTION = new Set([`${CCDA}.4.9`, `${CCD1}.54`, `${PCC}.4.5.5`, `${PCC}.4.5.7`]);
export const SEVERITY = new Set([`${CCDA}.4.8`, `${CCD1}.55`, `${PCC}.4.1`]);
export const INSTRUCTIONS = new Set([`${CCDA}.4.20`, `${CCD1}.49`, `${PCC}.4.3`]);
export const ENCOUNTER_DIAGNOSIS = new Set([`${CCDA}.4.80`]);
export const IMMUNIZATION_REFUSAL = new Set([`${CCDA}.4.53`]);
export const MEDICATION_STATUS = new Set([`${CCD1}.47`]);
export const CRITICALITY = new Set([`${CCDA}.4.145`]);
/** Comment Activity (C-CDA), Comments (CCD 1.0 / C32) and IHE PCC Comments: a clinician's note on the entry. */
export const COMMENT = new Set([`${CCDA}.4.64`, `${CCD1}.40`, `${PCC}.4.2`]);
export const COMMENT_LOINC = '48767-8';
/** A status observation's code (LOINC "Status"), however its template is written. */
export const STATUS_LOINC = '33999-4';
/** Intervention Act (V2 and V3) and Planned Intervention Act: wrappers of interventions. */
export const INTERVENTION_WRAPPERS = new Set([`${CCDA}.4.131`, `${CCDA}.4.146`]);
/** Medications Administered sections: every entry there is one dose given. */
export const ADMINISTERED_SECTIONS = new Set([`${CCDA}.2.38`]);
export const ADMINISTERED_SECTION_LOINC = '29549-3';

/** Document-level templateId → variant name. */
export const DOCUMENT_VARIANTS = new Map<string, string>([
  [`${CCDA}.1.2`, 'CCD'],
  [`${CCDA}.1.3`, 'History and Physical'],
  [`${CCDA}.1.4`, 'Consultation Note'],
  [`${CCDA}.1.5`, 'Diagnostic Imaging Report'],
  [`${CCDA}.1.6`, 'Procedure Note'],
  [`${CCDA}.1.7`, 'Operative Note'],
  [`${CCDA}.1.8`, 'Discharge Summary'],
  [`${CCDA}.1.9`, 'Progress Note'],
  [`${CCDA}.1.10`, 'Unstructured Document'],
  [`${CCDA}.1.13`, 'Transfer Summary'],
  [`${CCDA}.1.14`, 'Referral Note'],
  [`${CCDA}.1.15`, 'Care Plan'],
  ['2.16.840.1.113883.3.88.11.32.1', 'C32'],
  ['2.16.840.1.113883.3.88.11.62.1', 'C62'],
  [CCD1, 'CCD 1.0'],
  ['1.3.6.1.4.1.19376.1.2.20', 'Scanned Document'],
]);

/** How a ClinicalDocument's header templateIds decide between C-CDA and the older family. */
export function cdaFamily(headerTemplateIds: readonly string[], mentionsCcdaTemplates: boolean): 'ccda' | 'c32' {
  if (headerTemplateIds.some((id) => id.startsWith(`${CCDA}.1.`))) return 'ccda';
  const older = headerTemplateIds.some(
    (id) => id === '2.16.840.1.113883.3.88.11.32.1' || id === CCD1 || id.startsWith(`${PCC}.`) || id.startsWith('2.16.840.1.113883.3.88.11.'),
  );
  if (older) return 'c32';
  return mentionsCcdaTemplates ? 'ccda' : 'c32';
}
