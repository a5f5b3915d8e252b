// One stored entry → one US Core-shaped FHIR R4 resource. Each mapper writes the fields
// Chartkeeper's own FHIR importer reads back (main/importers/fhir), so an export re-imports
// as the same entries, plus the required elements a FHIR validator expects.
//
// Notes and questions: FHIR has no "personal note" resource. A note is exported as a
// Communication (status completed, sent by the patient, the text as payload) and a question
// for a clinician as a CommunicationRequest (status active: still to be asked, its planned
// date as occurrenceDateTime). Both carry their text as payload.contentString, which any FHIR
// reader shows; Basic was rejected because it has no place for text except an extension.
import type { Code, DoseLine, EntryKind, StoredEntry } from '../records/model.ts';
import { doseWithSource, isPlaceholderDose } from '../records/readable/dose.ts';
import { CONDITION_CATEGORY, isListCategory, problemTypeName, problemTypeOf } from '../records/readable/problem-type.ts';
import { notSoWords, saysNotSo } from '../records/readable/negation.ts';
import {
  CHARTKEEPER_URN,
  comparatorOf,
  concept,
  dropUndefined,
  fhirCode,
  fhirInstant,
  type FhirResource,
  type JsonObject,
  narrativeText,
  period,
  putDate,
  putEffective,
  quantity,
  textConcept,
} from './fhir-values.ts';
import { addDosageDetails, dispenseRequestOf, familyOnsetOf, reactionsOf } from './fhir-details.ts';
import { diedOfThis, familyComment } from '../records/readable/family.ts';
import { EPIC_NEXT_DUE_DATE } from '../importers/fhir/extensions.ts';

export interface ExportContext {
  /** Reference to the bundle's Patient. */
  patient: JsonObject;
  /** The export time, for elements FHIR requires a date for. */
  now: string;
}

const COMMENT_EXTENSION = `${CHARTKEEPER_URN}:comment`;
const AS_NEEDED_EXTENSION = `${CHARTKEEPER_URN}:as-needed`;
/** A planned medicine's dose, route and schedule: CarePlan has no dosage of its own (see carePlan). */
const PLANNED_DOSAGE_EXTENSION = `${CHARTKEEPER_URN}:planned-dosage`;
const ENTRY_KIND_SYSTEM = `${CHARTKEEPER_URN}:entry-kind`;
/** Read back by main/importers/fhir/mapped.ts (NEGATED_EXTENSION). */
const NEGATED_EXTENSION = `${CHARTKEEPER_URN}:negated`;

function display(text: string | undefined): JsonObject | undefined {
  return text ? { display: text } : undefined;
}

/** A required reference the source did not give: said to be unknown rather than made up. */
const UNKNOWN_REFERENCE: JsonObject = {
  extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }],
};

function displayOrUnknown(text: string | undefined): JsonObject {
  return display(text) ?? structuredClone(UNKNOWN_REFERENCE);
}

function notes(...texts: (string | undefined)[]): JsonObject[] | undefined {
  const list = texts.filter((t): t is string => !!t?.trim()).map((text) => ({ text }));
  return list.length ? list : undefined;
}

/** For resources without a `note` element: the comment as an extension. */
function commentExtension(comment: string | undefined): JsonObject[] | undefined {
  return comment ? [{ url: COMMENT_EXTENSION, valueString: comment }] : undefined;
}

function base(resourceType: string, id: string, entry: StoredEntry): FhirResource {
  const resource: FhirResource = { resourceType, id };
  const text = narrativeText(entry.narrative);
  if (text) resource['text'] = text;
  return resource;
}

/**
 * A finding or visit the source says is not so (C-CDA negationInd). R4's Observation has no
 * element for it, and Encounter's "cancelled" says less, so it travels as a modifier extension:
 * FHIR's way of saying "this changes the meaning", which a reader that does not know it must not
 * read past as if the finding were present. The note says it in words for people.
 */
function negation(entry: StoredEntry): { modifierExtension?: JsonObject[]; words?: string } {
  if (!saysNotSo(entry)) return {};
  const words = notSoWords(entry, 'en');
  return { modifierExtension: [{ url: NEGATED_EXTENSION, valueBoolean: true }], ...(words ? { words } : {}) };
}

function statusOf(entry: StoredEntry, map: Record<string, string>, fallback: string): string {
  return (entry.status && map[entry.status]) || fallback;
}

// ------------------------------------------------------------------ clinical

const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const CONDITION_STATUS: Record<string, string> = { active: 'active', inactive: 'inactive', resolved: 'resolved', completed: 'resolved' };

function condition(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('Condition', id, entry);
  // A condition with an end date that the source gave no status is over (FHIR requires an
  // abated condition to be resolved, inactive or in remission).
  const clinical = (entry.status ? CONDITION_STATUS[entry.status] : undefined) ?? (entry.end ? 'resolved' : undefined);
  if (clinical) r['clinicalStatus'] = fhirCode(CONDITION_CLINICAL, clinical);
  r['category'] = conditionCategories(entry);
  const d = entry.details;
  if (d.severity || d.severityCodes?.length) r['severity'] = concept(d.severityCodes ?? [], d.severity);
  r['code'] = concept(entry.codes, entry.title);
  const site = bodySiteConcept(entry);
  if (site) r['bodySite'] = [site];
  r['subject'] = ctx.patient;
  putDate(r, 'onsetDateTime', entry.start);
  putDate(r, 'abatementDateTime', entry.end);
  // Condition names one asserter; any further clinicians the source listed go into a note.
  const [asserter, ...others] = entry.details.performers ?? [];
  return dropUndefined({
    ...r,
    asserter: display(asserter),
    note: notes(others.length ? `Also recorded by: ${others.join(', ')}` : undefined, entry.details.comment),
  });
}

/**
 * The list the condition is on (US Core requires one: a FHIR import's own, else
 * problem-list-item), then what the source recorded it as (C-CDA's Problem Type), its codings
 * with their standard names (a writer's display may be the problem's own name).
 */
function conditionCategories(entry: StoredEntry): JsonObject[] {
  const codes = entry.details.problemTypeCodes ?? [];
  const lists = codes.filter(isListCategory).map((c) => concept([c]));
  const kinds = codes.filter((c) => !isListCategory(c)).map((c): Code => {
    const key = problemTypeOf(c);
    return key ? { system: c.system, code: c.code, display: problemTypeName(key) } : c;
  });
  const words = entry.details.problemType?.trim();
  return [
    ...(lists.length ? lists : [fhirCode(CONDITION_CATEGORY, 'problem-list-item', 'Problem List Item')]),
    ...(kinds.length || words ? [concept(kinds, words)] : []),
  ];
}

// SNOMED CT's laterality qualifier values (left, right, bilateral): in C-CDA a qualifier of the
// site, not another code for it; R4's bodySite has no place for them beyond the site's words.
const LATERALITY_VALUES = new Set(['7771000', '24028007', '51440002']);

function bodySiteConcept(entry: StoredEntry): JsonObject | undefined {
  const d = entry.details;
  const codes = (d.bodySiteCodes ?? []).filter((c) => !LATERALITY_VALUES.has(c.code));
  return d.bodySite || codes.length ? concept(codes, d.bodySite) : undefined;
}

/** FHIR's standard extension for how a procedure was done (R4's Procedure has no element for it). */
export const PROCEDURE_METHOD = 'http://hl7.org/fhir/StructureDefinition/procedure-method';

const MEDICATION_STATUS: Record<string, string> = {
  active: 'active',
  completed: 'completed',
  resolved: 'completed',
  stopped: 'stopped',
  cancelled: 'stopped',
  inactive: 'on-hold',
  planned: 'intended',
  refused: 'not-taken',
  'not-done': 'not-taken',
};

/** "500 mg", ".5 mg/mL", "2 tablets": a number first, then its unit. */
const DOSE = /^\s*(\d*\.?\d+)\s*(.*?)\s*$/;

/** A dose as a quantity ("500 mg" → 500, "mg"); none for words or the placeholder 0, which go in a note (doseNote). */
function doseMatch(dose: string | undefined): RegExpExecArray | null {
  return dose && !isPlaceholderDose(dose) ? DOSE.exec(dose) : null;
}

/** "Dose: as directed" for doses that are no quantity; the placeholder 0 in words that say it is none. */
function doseNote(doses: readonly (string | undefined)[]): string | undefined {
  const said = doses.filter((dose): dose is string => !!dose?.trim() && !doseMatch(dose)).map((dose) => doseWithSource(dose, 'en'));
  return said.length ? `Dose: ${said.join('; ')}` : undefined;
}

/** A later dosage (EntryDetails.moreDoses) as FHIR writes one; the first carries the rest of the details. */
function doseLineDosage(line: DoseLine): JsonObject | undefined {
  const out: JsonObject = {};
  if (line.frequency) out['timing'] = { code: textConcept(line.frequency) };
  if (line.route) out['route'] = textConcept(line.route);
  const dose = doseMatch(line.dose);
  if (dose) out['doseAndRate'] = [{ doseQuantity: quantity(Number(dose[1]), dose[2] || undefined) }];
  addDosageDetails(out, line);
  return Object.keys(out).length ? out : undefined;
}

/** Every dosage of a medicine, the first with instructions and "as needed", then the later ones in order. */
function dosages(entry: StoredEntry): JsonObject[] | undefined {
  const first = dosage(entry) ?? (entry.details.moreDoses?.length ? {} : undefined);
  if (!first) return undefined;
  const more = (entry.details.moreDoses ?? []).map((line) => doseLineDosage(line) ?? {});
  return [first, ...more];
}

function dosage(entry: StoredEntry): JsonObject | undefined {
  const d = entry.details;
  const out: JsonObject = {};
  if (d.instructions) out['text'] = d.instructions;
  if (d.frequency) out['timing'] = { code: textConcept(d.frequency) };
  if (d.route) out['route'] = textConcept(d.route);
  // R4 has one of the two: the condition, when the source named one, implies "as needed".
  if (d.asNeeded && (d.asNeededFor || d.asNeededForCodes?.length)) out['asNeededCodeableConcept'] = concept(d.asNeededForCodes ?? [], d.asNeededFor);
  else if (d.asNeeded) out['asNeededBoolean'] = true;
  const dose = doseMatch(d.dose);
  if (dose) out['doseAndRate'] = [{ doseQuantity: quantity(Number(dose[1]), dose[2] || undefined) }];
  // Where a medicine goes in (C-CDA's approachSiteCode): R4's Dosage.site, as Immunization.site for a vaccine.
  const site = bodySiteConcept(entry);
  if (site) out['site'] = site;
  addDosageDetails(out, d);
  return Object.keys(out).length ? out : undefined;
}

/**
 * The medicine itself: a code as a rule, or, when the source gave the lot it came from (FHIR
 * Medication.batch), a contained Medication carrying the code and the lot, as R4 keeps a lot only there.
 */
function medicationOf(entry: StoredEntry): { medication: JsonObject; contained?: JsonObject } {
  const code = concept(entry.codes, entry.title);
  const d = entry.details;
  const batch = dropUndefined({ lotNumber: d.lotNumber, expirationDate: dateOnly(d.lotExpires) });
  if (!Object.keys(batch).length) return { medication: { medicationCodeableConcept: code } };
  return { medication: { medicationReference: { reference: '#medication' } }, contained: { resourceType: 'Medication', id: 'medication', code, batch } };
}

/**
 * Why, as the source said it (EntryDetails.reason, reasonCodes): one reasonCode with the words and
 * every code, as the importer read them (one concept per code would lose which words go with
 * which code). The comment's "Reason: …" stays in the note; the importer does not say it twice.
 */
function reasonCodesOf(d: StoredEntry['details']): JsonObject[] | undefined {
  return d.reason || d.reasonCodes?.length ? [concept(d.reasonCodes ?? [], d.reason)] : undefined;
}

/** R4's request statuses; one it cannot hold is written as active (the prohibition stands). */
const REQUEST_STATUSES = new Set(['active', 'on-hold', 'cancelled', 'completed', 'entered-in-error', 'stopped', 'draft', 'unknown']);

/** Every dosage's dose the export could not write as a quantity, as a note. */
function unparsedDoseNote(d: StoredEntry['details']): string | undefined {
  return doseNote([d.dose, ...(d.moreDoses ?? []).map((l) => l.dose)]);
}

/**
 * A "do not give" order (EntryDetails.doNotPerform) as R4 says one: a MedicationRequest with
 * doNotPerform. A MedicationStatement can only say "not taken", which is another fact. A request
 * has no effective period: the end rides in the first dosage's bounds, where the importer reads it.
 */
function prohibitedMedication(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('MedicationRequest', id, entry);
  const d = entry.details;
  const orderStatus = d.orderStatus?.trim().toLowerCase();
  r['status'] = orderStatus && REQUEST_STATUSES.has(orderStatus) ? orderStatus : 'active';
  r['intent'] = 'order';
  r['doNotPerform'] = true;
  const { medication, contained } = medicationOf(entry);
  if (contained) r['contained'] = [contained];
  Object.assign(r, medication);
  r['subject'] = ctx.patient;
  putDate(r, 'authoredOn', entry.start);
  const dosageInstruction = dosages(entry) ?? (entry.end ? [{}] : undefined);
  const bounds = entry.end ? period(undefined, entry.end) : undefined;
  const first = dosageInstruction?.[0];
  const timing = (first?.['timing'] as JsonObject | undefined) ?? {};
  const repeat = (timing['repeat'] as JsonObject | undefined) ?? {};
  // One bounds[x] per timing: a stated "take for 5 days" stays as the source gave it.
  if (first && bounds && !Object.keys(repeat).some((k) => k.startsWith('bounds'))) first['timing'] = { ...timing, repeat: { ...repeat, boundsPeriod: bounds } };
  return dropUndefined({
    ...r,
    requester: display(d.prescriber),
    reasonCode: reasonCodesOf(d),
    dosageInstruction,
    dispenseRequest: dispenseRequestOf(d, concept(entry.codes, entry.title), ctx.patient)?.['dispenseRequest'],
    note: notes(unparsedDoseNote(d), d.comment),
  });
}

function medicationStatement(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  if (entry.details.doNotPerform) return prohibitedMedication(entry, id, ctx);
  const r = base('MedicationStatement', id, entry);
  const d = entry.details;
  r['status'] = statusOf(entry, MEDICATION_STATUS, 'unknown');
  const { medication, contained } = medicationOf(entry);
  Object.assign(r, medication);
  r['subject'] = ctx.patient;
  const prescription = dispenseRequestOf(d, concept(entry.codes, entry.title), ctx.patient);
  if (contained || prescription) r['contained'] = [contained, prescription].filter((c): c is JsonObject => !!c);
  if (prescription) r['basedOn'] = [{ reference: `#${prescription['id']}` }];
  putEffective(r, 'effective', entry.start, entry.end);
  // MedicationStatement has no prescriber element; the informationSource is the closest.
  return dropUndefined({
    ...r,
    informationSource: display(d.prescriber),
    reasonCode: reasonCodesOf(d),
    dosage: dosages(entry),
    note: notes(unparsedDoseNote(d), d.comment),
  });
}

const ALLERGY_CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const ALLERGY_STATUS: Record<string, string> = { active: 'active', inactive: 'inactive', resolved: 'resolved', completed: 'resolved' };
const ALLERGY_ABATEMENT = 'http://hl7.org/fhir/StructureDefinition/allergyintolerance-abatement';
const ALLERGY_CATEGORIES: [RegExp, string][] = [
  [/\bfood/i, 'food'],
  [/\b(drug|medication|medicine)/i, 'medication'],
  [/\b(environment|pollen|dust|animal|latex)/i, 'environment'],
  [/\bbiologic/i, 'biologic'],
];

/**
 * FHIR's type and categories from the words a source used ("Drug allergy", "Food
 * intolerance", "allergy, medication"). `exact` when those codes say all the words said, so
 * the text as written need not be kept in a note.
 */
function allergyKinds(text: string | undefined): { type?: string; categories: string[]; exact: boolean } {
  if (!text) return { categories: [], exact: true };
  const type = /intoleran/i.test(text) ? 'intolerance' : /allerg/i.test(text) ? 'allergy' : undefined;
  const categories = ALLERGY_CATEGORIES.filter(([pattern]) => pattern.test(text)).map(([, code]) => code);
  const words = text.split(/\s*,\s*/).map((w) => w.toLowerCase());
  const exact = words.every((w) => w === type || categories.includes(w));
  return { ...(type ? { type } : {}), categories, exact };
}

const SEVERITIES = ['mild', 'moderate', 'severe'] as const;

/** FHIR's one reaction severity; for "moderate to severe", the more severe, as is safer. */
function reactionSeverity(text: string | undefined): string | undefined {
  const words: string[] = text?.toLowerCase().match(/\b(mild|moderate|severe)\b/g) ?? [];
  return [...SEVERITIES].reverse().find((s) => words.includes(s));
}

const FHIR_CRITICALITY = new Set(['low', 'high', 'unable-to-assess']);

function allergyIntolerance(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('AllergyIntolerance', id, entry);
  const d = entry.details;
  const clinical = entry.status ? ALLERGY_STATUS[entry.status] : undefined;
  if (clinical) r['clinicalStatus'] = fhirCode(ALLERGY_CLINICAL, clinical);
  const { type, categories, exact } = allergyKinds(d.allergyType);
  if (type) r['type'] = type;
  if (categories.length) r['category'] = categories;
  const severityWord = reactionSeverity(d.severity);
  // Older FHIR imports kept criticality in the severity ("criticality high"); newer ones and
  // C-CDA's in its own field ("High", "Unable to assess"). Words FHIR has no code for are a note.
  const legacyCriticality = d.severity?.toLowerCase().match(/^criticality (low|high|unable-to-assess)$/)?.[1];
  const statedCriticality = d.criticality?.trim().toLowerCase().replace(/\s+/g, '-');
  const criticality = legacyCriticality ?? (statedCriticality && FHIR_CRITICALITY.has(statedCriticality) ? statedCriticality : undefined);
  if (criticality) r['criticality'] = criticality;
  const criticalityNote = d.criticality && !criticality ? `Criticality: ${d.criticality}` : undefined;
  r['code'] = concept(entry.codes, entry.title);
  r['patient'] = ctx.patient;
  putDate(r, 'onsetDateTime', entry.start);
  const reactions = d.reactions ?? [];
  const reactionList = reactionsOf(d, textConcept, severityWord);
  if (reactionList) r['reaction'] = reactionList;
  putDate(r, 'lastOccurrence', d.lastOccurrence);
  // Severity as written, when it is not exactly one FHIR severity carried by a reaction.
  const severityNote =
    d.severity && !legacyCriticality && !(reactions.length && severityWord === d.severity.toLowerCase()) ? `Severity: ${d.severity}` : undefined;
  const typeNote = d.allergyType && !exact ? `Type: ${d.allergyType}` : undefined;
  // R4 has no end date for an allergy; the standard abatement extension carries it.
  const ended: JsonObject = { url: ALLERGY_ABATEMENT };
  const extension = putDate(ended, 'valueDateTime', entry.end) ? [ended] : undefined;
  // One asserter, as for a Condition; further clinicians go into a note.
  const [asserter, ...others] = d.performers ?? [];
  const othersNote = others.length ? `Also recorded by: ${others.join(', ')}` : undefined;
  return dropUndefined({ extension, ...r, asserter: display(asserter), note: notes(severityNote, criticalityNote, typeNote, othersNote, d.comment) });
}

/** A FHIR `date` (expirationDate has no time): the day part of what was kept. */
function dateOnly(date: string | undefined): string | undefined {
  return date ? /^\d{4}(-\d{2}(-\d{2})?)?/.exec(date)?.[0] : undefined;
}

function immunization(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('Immunization', id, entry);
  const d = entry.details;
  const refused = d.refused === true || entry.status === 'refused';
  r['status'] = refused || entry.status === 'not-done' ? 'not-done' : 'completed';
  // Not done is not refused (medical precaution, out of stock): only a refusal says so.
  if (refused) r['statusReason'] = textConcept('Refused');
  r['vaccineCode'] = concept(entry.codes, entry.title);
  r['patient'] = ctx.patient;
  // occurrence[x] is required; a vaccination without a known date says so in words.
  if (!putDate(r, 'occurrenceDateTime', entry.start)) r['occurrenceString'] = 'Date not recorded';
  const dose = doseMatch(d.dose);
  return dropUndefined({
    // The source's own forecast of the next dose, in the extension it came in.
    extension: d.nextDoseDue ? [{ url: EPIC_NEXT_DUE_DATE, valueDate: dateOnly(d.nextDoseDue) }] : undefined,
    ...r,
    doseQuantity: dose ? quantity(Number(dose[1]), dose[2] || undefined) : undefined,
    // Reported, not given by the source: said only when the source said so (absent says nothing).
    primarySource: d.reported ? false : undefined,
    reportOrigin: d.reportOrigin || d.reportOriginCodes?.length ? concept(d.reportOriginCodes ?? [], d.reportOrigin) : undefined,
    lotNumber: d.lotNumber,
    expirationDate: dateOnly(d.lotExpires),
    manufacturer: display(d.manufacturer),
    location: display(d.location),
    site: bodySiteConcept(entry),
    route: d.route ? textConcept(d.route) : undefined,
    performer: d.performers?.map((name) => ({ actor: { display: name } })),
    note: notes(doseNote([d.dose]), d.comment),
  });
}

const PROCEDURE_STATUS: Record<string, string> = {
  completed: 'completed',
  resolved: 'completed',
  active: 'in-progress',
  planned: 'preparation',
  stopped: 'stopped',
  cancelled: 'stopped',
  inactive: 'on-hold',
  refused: 'not-done',
  'not-done': 'not-done',
};

function procedure(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('Procedure', id, entry);
  const d = entry.details;
  r['status'] = statusOf(entry, PROCEDURE_STATUS, 'unknown');
  r['code'] = concept(entry.codes, entry.title);
  r['subject'] = ctx.patient;
  putEffective(r, 'performed', entry.start, entry.end);
  const site = bodySiteConcept(entry);
  const method = d.method || d.methodCodes?.length ? [{ url: PROCEDURE_METHOD, valueCodeableConcept: concept(d.methodCodes ?? [], d.method) }] : undefined;
  return dropUndefined({
    extension: method,
    ...r,
    performer: d.performers?.map((name) => ({ actor: { display: name } })),
    location: display(d.location),
    bodySite: site ? [site] : undefined,
    note: notes(d.comment),
  });
}

const ENCOUNTER_STATUS: Record<string, string> = {
  completed: 'finished',
  resolved: 'finished',
  active: 'in-progress',
  planned: 'planned',
  cancelled: 'cancelled',
  // A visit the source says did not take place; the modifier extension says it was never held.
  'not-done': 'cancelled',
};
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const ENCOUNTER_CLASS: [RegExp, string, string][] = [
  [/^(amb|ambulatory|outpatient|office)/i, 'AMB', 'ambulatory'],
  [/^(imp|inpatient)/i, 'IMP', 'inpatient encounter'],
  [/^(emer|emergency)/i, 'EMER', 'emergency'],
  [/^(hh|home)/i, 'HH', 'home health'],
  [/^(vr|virtual|tele)/i, 'VR', 'virtual'],
];

function encounterClass(type: string | undefined): JsonObject {
  if (!type) return { system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor', code: 'UNK' };
  const known = ENCOUNTER_CLASS.find(([pattern]) => pattern.test(type.trim()));
  // The display keeps the words the source used; the importer reads the display back.
  return known ? { system: ACT_CODE, code: known[1], display: type } : { display: type };
}

function encounter(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('Encounter', id, entry);
  const d = entry.details;
  r['status'] = statusOf(entry, ENCOUNTER_STATUS, 'unknown');
  r['class'] = encounterClass(d.encounterType);
  r['type'] = [concept(entry.codes, entry.title)];
  r['subject'] = ctx.patient;
  // Encounter diagnoses reference Conditions; they are contained, as they are facts of the visit.
  // One given only in words is a Condition whose code is its text alone.
  const said = [...(d.diagnoses ?? []).map((code) => concept([code], code.display)), ...(d.diagnosisTexts ?? []).map((text) => concept([], text))];
  const diagnoses = said.map((code, i) => ({
    resourceType: 'Condition',
    id: `diagnosis-${i + 1}`,
    category: [fhirCode('http://terminology.hl7.org/CodeSystem/condition-category', 'encounter-diagnosis', 'Encounter Diagnosis')],
    code,
    subject: ctx.patient,
  }));
  return dropUndefined({
    ...r,
    modifierExtension: negation(entry).modifierExtension,
    contained: diagnoses,
    extension: commentExtension(d.comment),
    participant: d.performers?.map((name) => ({ individual: { display: name } })),
    diagnosis: diagnoses.map((c, i) => ({ condition: { reference: `#${c.id}` }, rank: i + 1 })),
    reasonCode: reasonCodesOf(d),
    period: period(entry.start, entry.end),
    hospitalization:
      d.dischargeDisposition || d.dischargeDispositionCodes?.length
        ? { dischargeDisposition: concept(d.dischargeDispositionCodes ?? [], d.dischargeDisposition) }
        : undefined,
    location: d.location ? [{ location: { display: d.location } }] : undefined,
    serviceProvider: display(d.provider),
  });
}

const CARE_PLAN_STATUS: Record<string, string> = {
  active: 'active',
  planned: 'active',
  completed: 'completed',
  resolved: 'completed',
  inactive: 'on-hold',
  cancelled: 'revoked',
  stopped: 'revoked',
};

/**
 * A planned medicine taken only as needed: CarePlan has no dosage, so "as needed" (and what
 * for) travels in Chartkeeper's extension, shaped as dosage.asNeeded[x], which the importer reads back.
 */
function asNeededExtension(d: StoredEntry['details']): JsonObject[] | undefined {
  if (!d.asNeeded) return undefined;
  return [
    d.asNeededFor || d.asNeededForCodes?.length
      ? { url: AS_NEEDED_EXTENSION, valueCodeableConcept: concept(d.asNeededForCodes ?? [], d.asNeededFor) }
      : { url: AS_NEEDED_EXTENSION, valueBoolean: true },
  ];
}

function carePlan(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('CarePlan', id, entry);
  const d = entry.details;
  r['status'] = statusOf(entry, CARE_PLAN_STATUS, 'unknown');
  r['intent'] = 'plan';
  r['title'] = entry.title;
  if (entry.codes.length) r['category'] = [concept(entry.codes)];
  if (entry.narrative) r['description'] = entry.narrative;
  r['subject'] = ctx.patient;
  const planned = d.plannedFor ? period(d.plannedFor, undefined) : undefined;
  // Who is to do it (a planned consultation's doctor) is the activity's performer; where (a planned visit's clinic) its location.
  const performer = d.performers?.map((name) => ({ display: name }));
  const location = d.location ? { display: d.location } : undefined;
  const activity =
    planned || performer?.length || location
      ? [{ detail: dropUndefined({ status: planned ? 'scheduled' : 'not-started', scheduledPeriod: planned, performer, location }) }]
      : undefined;
  // A planned medicine's dose, route and schedule, in Chartkeeper's extension as a Dosage, which the importer reads back.
  const planDosage = d.dose || d.route || d.frequency ? dosage(entry) : undefined;
  const extension = [...(asNeededExtension(d) ?? []), ...(planDosage ? [{ url: PLANNED_DOSAGE_EXTENSION, valueDosage: planDosage }] : [])];
  return dropUndefined({
    ...r,
    period: period(entry.start, entry.end),
    activity,
    note: notes(d.comment),
    extension: extension.length ? extension : undefined,
  });
}

// ------------------------------------------------------------------ observations

const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const US_CORE_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-category';
const OBSERVATION_STATUS: Record<string, string> = {
  completed: 'final',
  resolved: 'final',
  active: 'preliminary',
  planned: 'registered',
  cancelled: 'cancelled',
  unknown: 'unknown',
};
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const INTERPRETATION_CODES = new Set(['H', 'L', 'HH', 'LL', 'A', 'AA', 'N', 'HU', 'LU', 'POS', 'NEG', 'IND', 'R', 'S', 'I', 'U', 'D', 'B', 'W']);

export function observationCategory(kind: EntryKind): JsonObject {
  if (kind === 'vital') return fhirCode(OBSERVATION_CATEGORY, 'vital-signs', 'Vital Signs');
  if (kind === 'social') return fhirCode(OBSERVATION_CATEGORY, 'social-history', 'Social History');
  if (kind === 'functional') return fhirCode(US_CORE_CATEGORY, 'functional-status', 'Functional Status');
  return fhirCode(OBSERVATION_CATEGORY, 'laboratory', 'Laboratory');
}

/** HL7 v3 null flavors as FHIR's data-absent-reason codes, where one says the same. */
const DATA_ABSENT_REASON = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
const ABSENT_REASONS: Readonly<Record<string, string>> = {
  UNK: 'unknown',
  ASKU: 'asked-unknown',
  NAV: 'temp-unknown',
  NASK: 'not-asked',
  MSK: 'masked',
  NA: 'not-applicable',
};

function observationValue(entry: StoredEntry): JsonObject {
  const v = entry.value;
  if (!v) return {};
  // No answer (Quantity.nullFlavor) is no value[x]: the reason, with the source's words as its text.
  if (v.nullFlavor) {
    const code = ABSENT_REASONS[v.nullFlavor];
    return { dataAbsentReason: dropUndefined({ coding: code ? [{ system: DATA_ABSENT_REASON, code }] : undefined, text: v.text ? `${v.text} (${v.nullFlavor})` : v.nullFlavor }) };
  }
  if (typeof v.number === 'number' && Number.isFinite(v.number)) {
    return { valueQuantity: quantity(v.number, v.unit, comparatorOf(v.text, v.number)) };
  }
  if (v.text) return { valueString: v.unit ? `${v.text} ${v.unit}` : v.text };
  return {};
}

function referenceRange(entry: StoredEntry): JsonObject[] | undefined {
  const range = entry.referenceRange;
  if (!range) return undefined;
  const unit = range.unit ?? entry.value?.unit;
  const out = dropUndefined({
    low: range.low !== undefined ? quantity(range.low, unit) : undefined,
    high: range.high !== undefined ? quantity(range.high, unit) : undefined,
    text: range.text,
  });
  return Object.keys(out).length ? [out] : undefined;
}

function interpretation(entry: StoredEntry): JsonObject[] | undefined {
  const code = entry.interpretation?.trim();
  if (!code) return undefined;
  const upper = code.toUpperCase();
  return [INTERPRETATION_CODES.has(upper) ? fhirCode(INTERPRETATION, upper) : textConcept(code)];
}

function observation(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('Observation', id, entry);
  const d = entry.details;
  r['status'] = statusOf(entry, OBSERVATION_STATUS, 'final');
  r['category'] = [observationCategory(entry.kind)];
  r['code'] = concept(entry.codes, entry.title);
  r['subject'] = ctx.patient;
  putEffective(r, 'effective', entry.start, entry.end);
  const negated = negation(entry);
  return dropUndefined({
    ...r,
    modifierExtension: negated.modifierExtension,
    performer: d.performers?.map((name) => ({ display: name })),
    ...observationValue(entry),
    interpretation: interpretation(entry),
    note: notes(negated.words, d.comment),
    specimen: display(d.specimen),
    referenceRange: referenceRange(entry),
  });
}

// ------------------------------------------------------------------ family, money, visits, notes

const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const RELATIONS: Record<string, [string, string]> = {
  mother: ['MTH', 'mother'],
  father: ['FTH', 'father'],
  parent: ['PRN', 'parent'],
  brother: ['BRO', 'brother'],
  sister: ['SIS', 'sister'],
  sibling: ['SIB', 'sibling'],
  son: ['SON', 'son'],
  daughter: ['DAU', 'daughter'],
  child: ['CHILD', 'child'],
  grandmother: ['GRMTH', 'grandmother'],
  grandfather: ['GRFTH', 'grandfather'],
  grandparent: ['GRPRN', 'grandparent'],
  aunt: ['AUNT', 'aunt'],
  uncle: ['UNCLE', 'uncle'],
  cousin: ['COUSN', 'cousin'],
};

function relationship(relation: string | undefined): JsonObject {
  if (!relation) return { coding: [{ system: ROLE_CODE, code: 'FAMMEMB', display: 'family member' }] };
  const known = RELATIONS[relation.trim().toLowerCase()];
  return known ? { coding: [{ system: ROLE_CODE, code: known[0], display: known[1] }], text: relation } : { text: relation };
}

function familyMemberHistory(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('FamilyMemberHistory', id, entry);
  r['status'] = entry.status === 'completed' ? 'completed' : 'partial';
  r['patient'] = ctx.patient;
  putDate(r, 'date', entry.start);
  r['relationship'] = relationship(entry.details.relation);
  const d = entry.details;
  // An older import's comment "Cause of death" is the flag: written as contributedToDeath, not as a note.
  r['condition'] = [
    dropUndefined({ code: concept(entry.codes, entry.title), contributedToDeath: diedOfThis(d) ? true : undefined, ...familyOnsetOf(d.onsetAge) }),
  ];
  const negated = negation(entry);
  return dropUndefined({ ...r, modifierExtension: negated.modifierExtension, note: notes(negated.words, familyComment(d)) });
}

const COVERAGE_CLASS = 'http://terminology.hl7.org/CodeSystem/coverage-class';

function coverage(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('Coverage', id, entry);
  const d = entry.details;
  r['status'] = ['cancelled', 'stopped', 'inactive'].includes(entry.status ?? '') ? 'cancelled' : 'active';
  if (entry.codes.length) r['type'] = concept(entry.codes);
  if (d.memberId) r['subscriberId'] = d.memberId;
  r['beneficiary'] = ctx.patient;
  const p = period(entry.start, entry.end);
  if (p) r['period'] = p;
  r['payor'] = [displayOrUnknown(d.payer)];
  // Medicare's importer titles a plan "Medicare <plan>" from group "Medicare" + plan "<plan>".
  const plan = d.groupId === 'Medicare' && entry.title.startsWith('Medicare ') ? entry.title.slice('Medicare '.length) : entry.title;
  const classes: JsonObject[] = [];
  if (d.groupId) classes.push({ type: fhirCode(COVERAGE_CLASS, 'group'), value: d.groupId });
  classes.push({ type: fhirCode(COVERAGE_CLASS, 'plan'), value: plan, name: entry.title });
  r['class'] = classes;
  return dropUndefined({ ...r, extension: commentExtension(d.comment) });
}

const ADJUDICATION = 'http://terminology.hl7.org/CodeSystem/adjudication';

function explanationOfBenefit(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('ExplanationOfBenefit', id, entry);
  const d = entry.details;
  r['status'] = entry.status === 'cancelled' ? 'cancelled' : 'active';
  if (d.claimId) r['identifier'] = [{ system: `${CHARTKEEPER_URN}:claim-id`, value: d.claimId }];
  r['type'] = textConcept(entry.title);
  r['use'] = 'claim';
  r['patient'] = ctx.patient;
  const billable = period(entry.start, entry.end);
  if (billable) r['billablePeriod'] = billable;
  // `created` is required: when this record of the claim was written, i.e. the export.
  r['created'] = ctx.now;
  r['insurer'] = displayOrUnknown(d.payer);
  r['provider'] = displayOrUnknown(d.provider);
  r['outcome'] = 'complete';
  if (d.diagnoses?.length) {
    r['diagnosis'] = d.diagnoses.map((code, i) => ({ sequence: i + 1, diagnosisCodeableConcept: concept([code]) }));
  }
  // insurance is required; the coverage is known here only by its payer's name.
  r['insurance'] = [{ focal: true, coverage: displayOrUnknown(d.payer) }];
  if (entry.codes.length) r['item'] = entry.codes.map((code, i) => ({ sequence: i + 1, productOrService: concept([code]) }));
  const totals: JsonObject[] = [];
  if (d.amountBilled !== undefined) totals.push({ category: fhirCode(ADJUDICATION, 'submitted'), amount: { value: d.amountBilled, currency: 'USD' } });
  if (d.amountPaid !== undefined) totals.push({ category: fhirCode(ADJUDICATION, 'benefit'), amount: { value: d.amountPaid, currency: 'USD' } });
  if (totals.length) r['total'] = totals;
  const careTeam = claimCareTeam(d.performers ?? [], d.prescriber);
  if (careTeam.length) r['careTeam'] = careTeam;
  return dropUndefined({ ...r, extension: commentExtension(d.comment) });
}

const CARE_TEAM_ROLE = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimCareTeamRole';

/** A claim's care team as the importer shows it ("Name (Role)"), the prescriber's role coded. */
function claimCareTeam(performers: string[], prescriber: string | undefined): JsonObject[] {
  return performers.map((shown, i) => {
    const parts = /^(.*) \(([^()]*)\)$/.exec(shown);
    const name = parts?.[1] ?? shown;
    const role = parts?.[2];
    const member: JsonObject = { sequence: i + 1, provider: { display: name } };
    if (role) member['role'] = name === prescriber ? { coding: [{ system: CARE_TEAM_ROLE, code: 'prescribing', display: role }], text: role } : { text: role };
    return member;
  });
}

const APPOINTMENT_STATUS: Record<string, string> = {
  planned: 'booked',
  active: 'booked',
  completed: 'fulfilled',
  resolved: 'fulfilled',
  cancelled: 'cancelled',
  refused: 'cancelled',
};

function appointment(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('Appointment', id, entry);
  const d = entry.details;
  const when = d.plannedFor ?? entry.start;
  const status = statusOf(entry, APPOINTMENT_STATUS, 'booked');
  // start and end are instants, and FHIR wants both on any appointment not merely proposed or
  // cancelled. Chartkeeper keeps no end time: a known start is also given as the end (no
  // length is claimed); a day or month without a time is a requested period of a proposed one.
  const instant = fhirInstant(when);
  r['status'] = instant || status === 'cancelled' ? status : 'proposed';
  if (entry.codes.length) r['serviceType'] = [concept(entry.codes, entry.title)];
  r['description'] = entry.title;
  if (instant) {
    r['start'] = instant;
    r['end'] = instant;
  } else {
    const requested = period(when, undefined);
    if (requested) r['requestedPeriod'] = [requested];
  }
  if (d.comment) r['comment'] = d.comment;
  const participants: JsonObject[] = [{ actor: ctx.patient, status: 'accepted' }];
  if (d.location) participants.push({ actor: { display: d.location }, status: 'accepted' });
  for (const name of d.performers ?? []) participants.push({ actor: { display: name }, status: 'needs-action' });
  r['participant'] = participants;
  return r;
}

function entryKindCategory(kind: 'note' | 'question', text: string): JsonObject[] {
  return [{ coding: [{ system: ENTRY_KIND_SYSTEM, code: kind, display: text }], text }];
}

function payload(entry: StoredEntry): JsonObject[] {
  const text = [entry.title, entry.details.comment, entry.narrative].filter(Boolean).join('\n\n');
  return [{ contentString: text }];
}

function communication(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('Communication', id, entry);
  r['status'] = 'completed';
  r['category'] = entryKindCategory('note', 'Personal note');
  r['subject'] = ctx.patient;
  putDate(r, 'sent', entry.start);
  r['sender'] = ctx.patient;
  r['payload'] = payload(entry);
  return r;
}

function communicationRequest(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('CommunicationRequest', id, entry);
  r['status'] = entry.status === 'completed' || entry.status === 'resolved' ? 'completed' : 'active';
  r['category'] = entryKindCategory('question', 'Question for a clinician');
  r['subject'] = ctx.patient;
  r['payload'] = payload(entry);
  putDate(r, 'occurrenceDateTime', entry.details.plannedFor);
  putDate(r, 'authoredOn', entry.start);
  r['requester'] = ctx.patient;
  return r;
}

// ------------------------------------------------------------------ advance directives

const CONSENT_STATUS: Record<string, string> = { active: 'active', inactive: 'inactive', planned: 'proposed', cancelled: 'inactive', refused: 'rejected', 'not-done': 'inactive' };
const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
const ADVANCE_DIRECTIVES_LOINC = { system: 'LOINC', code: '42348-3', display: 'Advance directives' };

/**
 * A directive as an R4 Consent. Its category keeps the source's codes; the LOINC code for
 * advance directives is added only when none is there, so any FHIR reader (Chartkeeper's
 * included) knows it for a directive. With no status the record holds, FHIR's required status
 * is said to be unknown rather than made up.
 */
function consent(entry: StoredEntry, id: string, ctx: ExportContext): FhirResource {
  const r = base('Consent', id, entry);
  const d = entry.details;
  // A status the record has no word for was kept by the importer in the source's words.
  const saidStatus = /Status in the source: (draft|proposed|active|rejected|inactive)\b/.exec(d.comment ?? '')?.[1];
  const status = (entry.status ? CONSENT_STATUS[entry.status] : undefined) ?? saidStatus;
  if (status) r['status'] = status;
  else r['_status'] = structuredClone(UNKNOWN_REFERENCE);
  // The scope's code follows its words where they are FHIR's own ("Treatment"); else it is a directive.
  // Without the source's words, the bare code: its display would come back as words the source never gave.
  const scope = d.directiveScope?.trim().toLowerCase() === 'treatment' ? fhirCode(CONSENT_SCOPE, 'treatment') : fhirCode(CONSENT_SCOPE, 'adr');
  r['scope'] = d.directiveScope ? { ...scope, text: d.directiveScope } : scope;
  const codes = entry.codes.some((c) => c.code === ADVANCE_DIRECTIVES_LOINC.code) ? entry.codes : [...entry.codes, ADVANCE_DIRECTIVES_LOINC];
  r['category'] = [concept(codes, entry.title)];
  r['patient'] = ctx.patient;
  putDate(r, 'dateTime', entry.start);
  const provision: JsonObject = {};
  if (d.provision) provision['type'] = d.provision;
  if (d.provisionCodes?.length || d.provisionText) provision['code'] = [concept(d.provisionCodes ?? [], d.provisionText)];
  const until = period(undefined, entry.end);
  if (until) provision['period'] = until;
  return dropUndefined({
    ...r,
    performer: d.performers?.length ? d.performers.map((p) => ({ display: p })) : undefined,
    // R4's organization is the consent's custodian: a C-CDA custodian (participant CST) is that.
    organization: d.organization || d.custodian ? [{ display: (d.organization ?? d.custodian) as string }] : undefined,
    sourceAttachment: d.sourceTitle ? { title: d.sourceTitle } : undefined,
    provision: Object.keys(provision).length ? provision : undefined,
    extension: commentExtension(d.comment),
  });
}

type Mapper = (entry: StoredEntry, id: string, ctx: ExportContext) => FhirResource;

export const RESOURCE_OF_KIND: Record<EntryKind, Mapper> = {
  problem: condition,
  medication: medicationStatement,
  allergy: allergyIntolerance,
  immunization,
  result: observation,
  vital: observation,
  social: observation,
  functional: observation,
  encounter,
  procedure,
  plan: carePlan,
  family: familyMemberHistory,
  coverage,
  claim: explanationOfBenefit,
  appointment,
  note: communication,
  question: communicationRequest,
  directive: consent,
};
