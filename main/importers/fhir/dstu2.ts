// FHIR DSTU2 (1.0.2) resources — what Apple Health Records and older patient APIs hand out —
// read through the R4 mappers: each DSTU2 resource is rewritten into the R4 element that means
// the same thing (MedicationOrder.dateWritten → MedicationRequest.authoredOn,
// AllergyIntolerance.status → clinical and verification status, Immunization.wasNotGiven → a
// dose not given). Facts DSTU2 states that R4 has no element for (a reaction's certainty, why a
// prescription ended, a status R4 has no code for) become the entry's note in the source's own
// words, so nothing the source said is lost on the way. The version is read
// from the resources' shape; a container that knows it (Apple's `fhirVersion`) may say it.
import type { JsonObject } from './json.ts';
import { arr, obj, str } from './json.ts';

/** DSTU2 resource types that R4 renamed or replaced. */
const DSTU2_ONLY_TYPES = new Set(['MedicationOrder', 'DiagnosticOrder', 'Order', 'OrderResponse', 'DeviceUseRequest']);

const has = (resource: JsonObject, key: string) => resource[key] !== undefined;
const isObject = (value: unknown) => !!obj(value);

/**
 * Elements whose presence or shape exists only in DSTU2, per resource type (STU3 kept some
 * DSTU2 elements, such as Observation.related, so those do not count).
 */
const SIGNS: Record<string, (r: JsonObject) => boolean> = {
  AllergyIntolerance: (r) => has(r, 'substance') || has(r, 'status') || /^CRIT[LHU]$/.test(str(r['criticality']) ?? ''),
  Condition: (r) => has(r, 'dateRecorded') || typeof r['notes'] === 'string' || has(r, 'patient'),
  Immunization: (r) => has(r, 'wasNotGiven') || isObject(r['performer']),
  MedicationStatement: (r) => has(r, 'wasNotTaken') || has(r, 'reasonForUseCodeableConcept') || has(r, 'reasonForUseReference') || typeof r['note'] === 'string',
  MedicationDispense: (r) => typeof r['note'] === 'string',
  MedicationAdministration: (r) => has(r, 'wasNotGiven') || has(r, 'effectiveTimeDateTime') || has(r, 'effectiveTimePeriod'),
  Observation: (r) => typeof r['comments'] === 'string',
  DiagnosticReport: (r) => has(r, 'request') || isObject(r['performer']),
  Procedure: (r) => has(r, 'notPerformed') || has(r, 'reasonNotPerformed') || has(r, 'notes'),
  Encounter: (r) => typeof r['class'] === 'string' || has(r, 'patient'),
  Practitioner: (r) => isObject(r['name']),
  Goal: (r) => typeof r['description'] === 'string',
};

export function looksLikeDstu2(resource: JsonObject): boolean {
  const type = str(resource['resourceType']) ?? '';
  return DSTU2_ONLY_TYPES.has(type) || (SIGNS[type]?.(resource) ?? false);
}

/**
 * Whether the resources of one file are DSTU2: the container's word when it gives a version
 * ("1.0.2", "4.0.1"), else any resource whose shape only DSTU2 has (a file is one version).
 */
export function isDstu2File(resources: JsonObject[], fhirVersion?: string): boolean {
  if (fhirVersion) return /^1\.0(\.|$)/.test(fhirVersion.trim());
  return resources.some(looksLikeDstu2);
}

type Rewrite = (r: JsonObject) => void;

function addNote(r: JsonObject, text: string | undefined): void {
  if (!text) return;
  r['note'] = [...arr(r['note']), { text }];
}

/** DSTU2 notes: a string, one Annotation, or a list of them → R4's list of Annotations. */
function notesToList(r: JsonObject, from: string): void {
  const value = r[from];
  if (value === undefined) return;
  if (from !== 'note') delete r[from];
  const list = typeof value === 'string' ? [{ text: value }] : Array.isArray(value) ? value : isObject(value) ? [value] : [];
  r['note'] = from === 'note' ? list : [...arr(r['note']), ...list];
}

function rename(r: JsonObject, from: string, to: string): void {
  if (r[from] === undefined) return;
  if (r[to] === undefined) r[to] = r[from];
  delete r[from];
}

function toList(r: JsonObject, key: string): void {
  if (r[key] !== undefined && !Array.isArray(r[key])) r[key] = [r[key]];
}

/** A DSTU2 dosage: Timing.repeat's `periodUnits`/`durationUnits` are R4's singular names. */
function dosage(d: unknown): unknown {
  const copy = obj(d);
  if (!copy) return d;
  const out: JsonObject = { ...copy };
  rename(out, 'quantityQuantity', 'doseQuantity');
  // DSTU2's one additionalInstructions is R4's list additionalInstruction.
  if (out['additionalInstructions'] !== undefined) out['additionalInstruction'] = [...arr(out['additionalInstruction']), out['additionalInstructions']];
  delete out['additionalInstructions'];
  const timing = obj(out['timing']);
  const repeat = obj(timing?.['repeat']);
  if (timing && repeat) {
    const r: JsonObject = { ...repeat };
    rename(r, 'periodUnits', 'periodUnit');
    rename(r, 'durationUnits', 'durationUnit');
    rename(r, 'boundsQuantity', 'boundsDuration');
    out['timing'] = { ...timing, repeat: r };
  }
  return out;
}

function words(concept: unknown): string | undefined {
  const c = obj(concept);
  if (!c) return undefined;
  return str(c['text']) ?? arr(c['coding']).map((x) => str(obj(x)?.['display']) ?? str(obj(x)?.['code'])).find(Boolean);
}

const statusConcept = (system: string, code: string) => ({ coding: [{ system, code }] });
const ALLERGY_CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const ALLERGY_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

/** DSTU2 AllergyIntolerance.status folds R4's clinical and verification statuses into one code. */
const ALLERGY_STATUS: Record<string, { clinical?: string; verification?: string }> = {
  active: { clinical: 'active' },
  unconfirmed: { clinical: 'active', verification: 'unconfirmed' },
  confirmed: { clinical: 'active', verification: 'confirmed' },
  inactive: { clinical: 'inactive' },
  resolved: { clinical: 'resolved' },
  refuted: { verification: 'refuted' },
};

/** DSTU2 criticality codes and the R4 words for the same risk. */
const CRITICALITY: Record<string, string> = { CRITL: 'low', CRITH: 'high', CRITU: 'unable-to-assess' };

const REWRITES: Record<string, Rewrite> = {
  AllergyIntolerance(r) {
    rename(r, 'substance', 'code');
    rename(r, 'onset', 'onsetDateTime');
    // DSTU2 spells it with one "r".
    rename(r, 'lastOccurence', 'lastOccurrence');
    const status = str(r['status']);
    if (status && status !== 'entered-in-error') {
      delete r['status'];
      const mapped = ALLERGY_STATUS[status];
      if (mapped?.clinical && !r['clinicalStatus']) r['clinicalStatus'] = statusConcept(ALLERGY_CLINICAL, mapped.clinical);
      if (mapped?.verification && !r['verificationStatus']) r['verificationStatus'] = statusConcept(ALLERGY_VERIFICATION, mapped.verification);
      // "unconfirmed" is said by the R4 reading of its verificationStatus.
      if (!mapped) addNote(r, `Status: ${status}`);
    }
    const criticality = str(r['criticality']);
    if (criticality && CRITICALITY[criticality]) r['criticality'] = CRITICALITY[criticality];
    if (typeof r['category'] === 'string') r['category'] = [r['category']];
    notesToList(r, 'note');
    const certainties = arr(r['reaction'])
      .map((reaction) => str(obj(reaction)?.['certainty']))
      .filter((c): c is string => !!c);
    if (certainties.length) addNote(r, `Reaction certainty: ${[...new Set(certainties)].join(', ')}`);
  },
  Condition(r) {
    rename(r, 'dateRecorded', 'recordedDate');
    rename(r, 'onsetQuantity', 'onsetAge');
    rename(r, 'abatementQuantity', 'abatementAge');
    notesToList(r, 'notes');
    toList(r, 'category');
    if (r['abatementBoolean'] === true) addNote(r, 'The source says this condition has abated (no date given)');
    delete r['abatementBoolean'];
  },
  FamilyMemberHistory(r) {
    // DSTU2 gives one note (R4 a list), and a condition's age at onset as onsetQuantity (an Age).
    notesToList(r, 'note');
    for (const condition of arr(r['condition'])) {
      const c = obj(condition);
      if (!c) continue;
      rename(c, 'onsetQuantity', 'onsetAge');
      notesToList(c, 'note');
    }
  },
  Immunization(r) {
    rename(r, 'date', 'occurrenceDateTime');
    if (r['wasNotGiven'] === true) r['status'] = 'not-done';
    delete r['wasNotGiven'];
    // DSTU2's "reported rather than directly administered" is R4's primarySource: false.
    if (r['reported'] === true) r['primarySource'] = false;
    delete r['reported'];
    if (isObject(r['performer'])) r['performer'] = [{ actor: r['performer'] }];
  },
  // Read by the MedicationRequest mapper under its own name; `dateEnded` is read there too.
  MedicationOrder(r) {
    rename(r, 'dateWritten', 'authoredOn');
    rename(r, 'prescriber', 'requester');
    if (r['reasonCodeableConcept']) r['reasonCode'] = [...arr(r['reasonCode']), r['reasonCodeableConcept']];
    delete r['reasonCodeableConcept'];
    notesToList(r, 'note');
    if (r['dosageInstruction'] !== undefined) r['dosageInstruction'] = arr(r['dosageInstruction']).map(dosage);
    const ended = words(r['reasonEnded']);
    if (ended) addNote(r, `Reason ended: ${ended}`);
  },
  MedicationStatement(r) {
    if (r['wasNotTaken'] === true) r['status'] = 'not-taken';
    delete r['wasNotTaken'];
    const notTaken = arr(r['reasonNotTaken']).map(words).filter(Boolean);
    if (notTaken.length) addNote(r, `Not taken: ${notTaken.join(', ')}`);
    delete r['reasonNotTaken'];
    if (r['reasonForUseCodeableConcept']) r['reasonCode'] = [...arr(r['reasonCode']), r['reasonForUseCodeableConcept']];
    delete r['reasonForUseCodeableConcept'];
    notesToList(r, 'note');
    if (r['dosage'] !== undefined) r['dosage'] = arr(r['dosage']).map(dosage);
  },
  MedicationDispense(r) {
    notesToList(r, 'note');
  },
  MedicationAdministration(r) {
    rename(r, 'effectiveTimeDateTime', 'effectiveDateTime');
    rename(r, 'effectiveTimePeriod', 'effectivePeriod');
    if (r['wasNotGiven'] === true) r['status'] = 'not-done';
    delete r['wasNotGiven'];
    notesToList(r, 'note');
  },
  Observation(r) {
    notesToList(r, 'comments');
    toList(r, 'category');
    toList(r, 'interpretation');
    // DSTU2 lists a panel's members as `related` of type has-member (R4: hasMember).
    const members = arr(r['related'])
      .map(obj)
      .filter((rel) => rel && str(rel['type']) === 'has-member')
      .map((rel) => rel!['target']);
    if (members.length) r['hasMember'] = [...arr(r['hasMember']), ...members];
  },
  DiagnosticReport(r) {
    if (isObject(r['performer'])) r['performer'] = [r['performer']];
    rename(r, 'codedDiagnosis', 'conclusionCode');
    toList(r, 'category');
  },
  Procedure(r) {
    if (r['notPerformed'] === true) r['status'] = 'not-done';
    delete r['notPerformed'];
    const reasons = arr(r['reasonNotPerformed']);
    if (reasons.length && !r['statusReason']) r['statusReason'] = reasons[0];
    const more = reasons.slice(1).map(words).filter(Boolean);
    if (more.length) addNote(r, `Not performed, also: ${more.join(', ')}`);
    delete r['reasonNotPerformed'];
    notesToList(r, 'notes');
  },
  Encounter(r) {
    if (typeof r['class'] === 'string') r['class'] = { code: r['class'] };
    rename(r, 'reason', 'reasonCode');
  },
  Practitioner(r) {
    toList(r, 'name');
    r['name'] = arr(r['name']).map((n) => {
      const name = { ...obj(n) };
      if (Array.isArray(name['family'])) name['family'] = name['family'].map(str).filter(Boolean).join(' ');
      return name;
    });
  },
  Goal(r) {
    if (typeof r['description'] === 'string') r['description'] = { text: r['description'] };
  },
};

/** The R4 reading of a DSTU2 resource (a new object; the input is left as it was). */
export function fromDstu2(resource: JsonObject): JsonObject {
  const copy: JsonObject = { ...resource };
  REWRITES[str(resource['resourceType']) ?? '']?.(copy);
  return copy;
}
