// FHIR JSON (a single resource or a Bundle) → one ImportedDocument for the one person it is
// about. Decides between CMS Blue Button 2.0 claims data ('cms-fhir') and clinical FHIR R4
// ('fhir-r4') by content.
import { REPORT_KIND_OF, type Attachment, type DocumentSection, type ImportedDocument, type ImportProblem, type NoneKnownStatement, type RecordDraft } from '../../records/model.ts';
import { ImportError } from '../errors.ts';
import { mapAppointment } from './appointments.ts';
import { mapClaim, mapCoverage } from './claims.ts';
import { mapComposition } from './composition.ts';
import { mapConsent } from './consent.ts';
import { careTeamSection } from './care-team.ts';
import {
  mapAllergy,
  mapCarePlan,
  mapCondition,
  mapEncounter,
  mapGoal,
  mapImmunization,
  mapMedication,
  mapProcedure,
} from './clinical.ts';
import { FhirContext, fhirDate, referenceName, resourceName } from './context.ts';
import { mapDocumentReference } from './documents.ts';
import { mapFamilyHistory } from './family.ts';
import type { JsonObject } from './json.ts';
import { arr, checkJsonLimits, obj, str } from './json.ts';
import type { Mapped } from './mapped.ts';
import { unknownModifier, whereOf } from './mapped.ts';
import { mapDiagnosticReport, mapObservation, panelsByObservation } from './observations.ts';
import { findPatient } from './patient.ts';
import { mapCommunication, mapCommunicationRequest } from './personal-notes.ts';
import { restoreLocalTimes } from './local-time.ts';
import { notReadProblems } from './unread.ts';
import { fromDstu2, isDstu2File } from './dstu2.ts';

export { readFhirJson } from './json.ts';

export type FhirFormat = 'cms-fhir' | 'fhir-r4';

/** null: not an entry Chartkeeper reads, though the resource type can be one. */
type Mapper = (resource: JsonObject, ctx: FhirContext) => Mapped | null;

const MAPPERS: Record<string, Mapper> = {
  Condition: mapCondition,
  AllergyIntolerance: mapAllergy,
  Immunization: mapImmunization,
  Procedure: mapProcedure,
  Encounter: mapEncounter,
  CarePlan: mapCarePlan,
  Goal: mapGoal,
  MedicationRequest: mapMedication,
  MedicationOrder: mapMedication,
  MedicationStatement: mapMedication,
  MedicationDispense: mapMedication,
  MedicationAdministration: mapMedication,
  Coverage: mapCoverage,
  ExplanationOfBenefit: mapClaim,
  FamilyMemberHistory: mapFamilyHistory,
  Appointment: mapAppointment,
  Communication: mapCommunication,
  CommunicationRequest: mapCommunicationRequest,
  Composition: mapComposition,
  Consent: mapConsent,
};

/** Resources that only support others (names, references) and are not entries themselves. */
const SUPPORTING = new Set([
  'Patient',
  'Organization',
  'Practitioner',
  'PractitionerRole',
  'Location',
  'Medication',
  'Provenance',
  'RelatedPerson',
  'Endpoint',
  'Specimen',
  'OperationOutcome',
  'Bundle',
  'StructureDefinition',
  'SearchParameter',
  'CapabilityStatement',
  'ValueSet',
  'CodeSystem',
]);

/** Clinical content that makes a file a clinical record even when it also carries claims. */
const CLAIMS_ONLY = new Set(['Patient', 'Coverage', 'ExplanationOfBenefit', 'Claim', ...SUPPORTING]);

const MAX_BUNDLE_NESTING = 3;

export function looksLikeFhir(value: unknown): boolean {
  const o = obj(value);
  const type = str(o?.['resourceType']);
  return !!type && /^[A-Z][A-Za-z]{2,63}$/.test(type);
}

function collect(value: JsonObject, resources: JsonObject[], fullUrls: (string | undefined)[], nesting = 0): void {
  if (value['resourceType'] !== 'Bundle') {
    resources.push(value);
    fullUrls.push(undefined);
    return;
  }
  if (nesting >= MAX_BUNDLE_NESTING) return;
  for (const entry of arr(value['entry'])) {
    const e = obj(entry);
    const resource = obj(e?.['resource']);
    if (!resource || !str(resource['resourceType'])) continue;
    if (resource['resourceType'] === 'Bundle') {
      collect(resource, resources, fullUrls, nesting + 1);
      continue;
    }
    resources.push(resource);
    fullUrls.push(str(e?.['fullUrl']));
  }
}

function hasCmsMarker(resource: JsonObject): boolean {
  const text = JSON.stringify(resource);
  return text.includes('bluebutton.cms.gov') || text.includes('/carin-bb/');
}

function decideFormat(ctx: FhirContext): FhirFormat {
  const claimsOnly = ctx.resources.every((r) => CLAIMS_ONLY.has(String(r['resourceType'])));
  if (!claimsOnly) return 'fhir-r4';
  const marked = ctx.resources.some(
    (r) => ['ExplanationOfBenefit', 'Coverage', 'Patient'].includes(String(r['resourceType'])) && hasCmsMarker(r),
  );
  return marked ? 'cms-fhir' : 'fhir-r4';
}

/** Blue Button "v1" is STU3: its EOBs carry totalCost / organization / item.service. */
function cmsVariant(ctx: FhirContext): string {
  const stu3 = ctx.resources.some(
    (r) =>
      (r['resourceType'] === 'ExplanationOfBenefit' &&
        (r['totalCost'] !== undefined || r['organization'] !== undefined || arr(r['item']).some((i) => obj(i)?.['service']))) ||
      (r['resourceType'] === 'Coverage' && r['grouping'] !== undefined),
  );
  return stu3 ? 'CMS Blue Button 2.0 (FHIR STU3)' : 'CMS Blue Button 2.0 (FHIR R4)';
}

function mostCommon(values: (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

function authorOrganization(ctx: FhirContext, format: FhirFormat, patient: JsonObject | undefined): string | undefined {
  if (format === 'cms-fhir' && ctx.resources.some(hasBlueButtonMarker)) return 'Medicare (CMS)';
  const fromEncounters = mostCommon(ctx.ofType('Encounter').map((e) => referenceName(ctx, e['serviceProvider'], e)));
  if (fromEncounters) return fromEncounters;
  const fromClaims = mostCommon(ctx.ofType('ExplanationOfBenefit').map((e) => referenceName(ctx, e['insurer'], e)));
  if (format === 'cms-fhir' && fromClaims) return fromClaims;
  if (patient) {
    const managing = referenceName(ctx, patient['managingOrganization'], patient);
    if (managing) return managing;
  }
  const organizations = ctx.ofType('Organization').map(resourceName).filter(Boolean);
  return organizations.length === 1 ? organizations[0] : (fromClaims ?? undefined);
}

/**
 * An API's answer that something failed (an OperationOutcome) saved instead of the records:
 * saying so tells the person to download again rather than that their file is broken.
 */
function errorResponseMessage(root: JsonObject): string {
  const text = JSON.stringify(root);
  return /bluebutton|cms\.gov|medicare/i.test(text)
    ? 'This file is an error message from Medicare’s service, not records; download your records again.'
    : 'This file is an error message from the service it came from (such as Medicare’s), not records; download your records again.';
}

function hasBlueButtonMarker(resource: JsonObject): boolean {
  return JSON.stringify(resource).includes('bluebutton.cms.gov');
}

function claimsCoveredByEob(ctx: FhirContext): Set<JsonObject> {
  const covered = new Set<JsonObject>();
  for (const eob of ctx.ofType('ExplanationOfBenefit')) {
    const claim = ctx.resolve(eob['claim'], eob);
    if (claim) covered.add(claim);
  }
  return covered;
}

function latestDate(records: RecordDraft[]): string | undefined {
  let latest: string | undefined;
  for (const r of records) {
    const d = r.end ?? r.start;
    if (d && (!latest || d.slice(0, 10) > latest.slice(0, 10))) latest = d;
  }
  return latest;
}

export interface FhirOptions {
  /**
   * The container vouches that everything is about one person (a SMART Health Card), so a
   * bundle without a Patient resource is read with an unnamed person rather than refused.
   */
  onePerson?: boolean;
  /**
   * The FHIR version the container states (Apple Health's `fhirVersion`: "1.0.2" is DSTU2);
   * without it the version is read from the resources' shape.
   */
  fhirVersion?: string;
  /** The file was FHIR XML, read into the JSON form (fhir/xml/read.ts); said in the variant. */
  syntax?: 'json' | 'xml';
}

export function parseFhir(value: unknown, options: FhirOptions = {}): { format: FhirFormat; documents: ImportedDocument[] } {
  checkJsonLimits(value);
  if (!looksLikeFhir(value)) throw new ImportError('This file is not a FHIR resource or bundle.');
  const root = value as JsonObject;
  // In place: the callers hand over JSON they parsed for this import alone.
  restoreLocalTimes(root);
  const collected: JsonObject[] = [];
  const fullUrls: (string | undefined)[] = [];
  collect(root, collected, fullUrls);
  const dstu2 = isDstu2File(collected, options.fhirVersion);
  const resources = dstu2 ? collected.map(fromDstu2) : collected;
  if (resources.length === 0) throw new ImportError('This FHIR bundle is empty, so there is nothing to import.');
  if (resources.every((r) => r['resourceType'] === 'OperationOutcome')) throw new ImportError(errorResponseMessage(root));
  const ctx = new FhirContext(resources, fullUrls);
  const { patient, resource: patientResource } =
    options.onePerson && ctx.ofType('Patient').length === 0 ? { patient: {}, resource: undefined } : findPatient(ctx);
  const format = decideFormat(ctx);

  const records: RecordDraft[] = [];
  const problems: ImportProblem[] = [];
  const statements: NoneKnownStatement[] = [];
  const attachments: Attachment[] = [];
  const sections: DocumentSection[] = [];
  const panels = panelsByObservation(ctx);
  const coveredClaims = claimsCoveredByEob(ctx);
  const unsupported = new Map<string, JsonObject[]>();

  for (const resource of resources) {
    const type = String(resource['resourceType']);
    let mapped: Mapped | null | undefined;
    if (type === 'Observation') mapped = mapObservation(resource, ctx, panels);
    else if (type === 'DiagnosticReport' || type === 'DocumentReference') {
      const withFiles = type === 'DiagnosticReport' ? mapDiagnosticReport(resource, ctx) : mapDocumentReference(resource, ctx);
      attachments.push(...withFiles.attachments);
      mapped = withFiles;
    } else if (type === 'Claim') {
      // Synthea writes each encounter as a Claim and an EOB for it; the EOB carries the outcome.
      if (!coveredClaims.has(resource)) mapped = mapClaim(resource, ctx);
      else continue;
    } else if (type === 'CareTeam') {
      // Who looks after the person: kept with the document (care-team.ts), not as an entry.
      const section = careTeamSection(resource, ctx);
      if (section) {
        sections.push(section);
        continue;
      }
      mapped = null;
    } else if (MAPPERS[type]) mapped = MAPPERS[type](resource, ctx);
    if (mapped === null || (mapped === undefined && !SUPPORTING.has(type))) {
      unsupported.set(type, [...(unsupported.get(type) ?? []), resource]);
    }
    const modifier = mapped?.records.length ? unknownModifier(resource) : undefined;
    if (mapped && modifier) {
      const kind = REPORT_KIND_OF[mapped.records[0]!.kind];
      const reason = `This ${type} carries a modifier extension Chartkeeper does not know (${modifier}); it may change what the entry means, so it was not imported.`;
      problems.push({ ...(kind ? { kind } : {}), reason, where: whereOf(resource) });
      mapped = { ...mapped, records: [] };
    }
    if (mapped) {
      records.push(...mapped.records);
      problems.push(...mapped.problems);
      if (mapped.statements) statements.push(...mapped.statements);
    }
  }
  problems.push(...notReadProblems(unsupported));

  const document: ImportedDocument['document'] = {
    title: format === 'cms-fhir' ? 'Medicare claims (Blue Button 2.0)' : 'FHIR health record',
    variant: (format === 'cms-fhir' ? cmsVariant(ctx) : dstu2 ? 'FHIR DSTU2' : 'FHIR R4') + (options.syntax === 'xml' ? ' (XML)' : ''),
    sections,
    attachments,
  };
  if (statements.length > 0) document.statements = statements;
  const author = authorOrganization(ctx, format, patientResource);
  if (author) document.authorOrganization = author;
  const date = fhirDate(root['timestamp']) ?? fhirDate(obj(root['meta'])?.['lastUpdated']) ?? latestDate(records);
  if (date) document.date = date;
  return { format, documents: [{ patient, document, records, problems }] };
}
