// US Core clinical resources → record drafts: Condition, AllergyIntolerance, Immunization,
// Procedure, Encounter, CarePlan, Goal, and the medication resources.
import type { Code, DoseLine, EntryDetails, ReactionFacts, RecordDraft } from '../../records/model.ts';
import { conceptCodes, conceptText, allCodes } from './codes.ts';
import type { FhirContext } from './context.ts';
import { choiceDate, fhirDate, periodOf, referenceName } from './context.ts';
import type { JsonObject } from './json.ts';
import { arr, num, obj, str } from './json.ts';
import type { Mapped } from './mapped.ts';
import { dropEmpty, enteredInError, normalizeStatus, ok, saysNotSoByExtension, skip, whereOf } from './mapped.ts';
import { absenceOf } from './none-known.ts';
import { xhtmlText } from './xhtml.ts';
import {
  CERTAINTY_SYSTEM,
  EPIC_NEXT_DUE_DATE,
  OPENEHR_EXPOSURE_DATE,
  OPENEHR_EXPOSURE_DESCRIPTION,
  OPENEHR_EXPOSURE_DURATION,
  OPENEHR_LOCATION,
  OPENEHR_MANAGEMENT,
  REACTION_CERTAINTY,
  REACTION_DURATION,
} from './extensions.ts';

function draft(kind: RecordDraft['kind'], title: string, codes: Code[], resource: JsonObject, details: EntryDetails = {}): RecordDraft {
  return { kind, title, codes, details: dropEmpty(details), sourceLocation: whereOf(resource) };
}

function notes(resource: JsonObject): string | undefined {
  // A note is markdown, but some writers put an XHTML <div> in it: its words are the note.
  const texts = arr(resource['note'])
    .map((n) => str(obj(n)?.['text']))
    .map((t) => (t?.startsWith('<div') ? xhtmlText(t) : t))
    .filter((t): t is string => !!t);
  return texts.length ? texts.join(' ') : undefined;
}

function names(ctx: FhirContext, refs: unknown[], from: JsonObject): string[] {
  return refs.map((r) => referenceName(ctx, r, from)).filter((n): n is string => !!n);
}

// Not yet confirmed (R5 adds "presumed" for allergies): the source's own word stays beside it.
/**
 * Who entered it, when the source names someone other than who stated it: not a performer
 * (recording is not diagnosing), so said in words.
 */
function recordedBy(ctx: FhirContext, resource: JsonObject, asserter: string | undefined): string | undefined {
  const recorder = referenceName(ctx, resource['recorder'], resource);
  return recorder && recorder !== asserter ? `Recorded by ${recorder}` : undefined;
}

const TENTATIVE = new Set(['provisional', 'differential', 'unconfirmed', 'presumed']);

/** An age as the source wrote it ("Onset: age 45 a"). */
function ageText(label: string, value: unknown): string | undefined {
  const age = obj(value);
  const n = num(age?.['value']);
  if (n === undefined) return undefined;
  return `${label}: age ${n}${str(age?.['unit']) ?? str(age?.['code']) ? ` ${str(age?.['unit']) ?? str(age?.['code'])}` : ''}`;
}

/**
 * Condition.category, every one: the list it is on (problem-list-item, encounter-diagnosis,
 * health-concern) and any kind of problem a writer coded (C-CDA's Problem Type); a category
 * given only in words keeps its words.
 */
function categoriesOf(resource: JsonObject): Pick<EntryDetails, 'problemTypeCodes' | 'problemType'> {
  const categories = arr(resource['category']);
  const codes = categories.flatMap((c) => conceptCodes(c));
  const words = categories.filter((c) => conceptCodes(c).length === 0).map((c) => conceptText(c)).filter((t): t is string => !!t);
  return { problemTypeCodes: codes, problemType: words.join('; ') || undefined };
}

/**
 * A concept's own words: its text, else a coding's display. Not its code (conceptText's last
 * resort), and not a display that is only a number ("113345001", as one C-CDA writer has it).
 */
function conceptWords(concept: unknown): string | undefined {
  const o = obj(concept);
  const said = [str(o?.['text']), ...arr(o?.['coding']).map((c) => str(obj(c)?.['display']))];
  return said.find((t): t is string => !!t?.trim() && !/^\d+$/.test(t.trim()));
}

/** bodySite, every one: their words joined, their codes together. */
function bodySiteOf(resource: JsonObject): Pick<EntryDetails, 'bodySite' | 'bodySiteCodes'> {
  const sites = arr(resource['bodySite']);
  const words = sites.map(conceptWords).filter((t): t is string => !!t);
  return { bodySite: [...new Set(words)].join('; ') || undefined, bodySiteCodes: sites.flatMap((c) => conceptCodes(c)) };
}

const PROCEDURE_METHOD = 'http://hl7.org/fhir/StructureDefinition/procedure-method';

/** The standard procedure-method extension: how a procedure was done. */
function methodOf(resource: JsonObject): Pick<EntryDetails, 'method' | 'methodCodes'> {
  const methods = arr(resource['extension'])
    .map(obj)
    .filter((e) => e?.['url'] === PROCEDURE_METHOD)
    .map((e) => e?.['valueCodeableConcept']);
  const words = methods.map(conceptWords).filter((t): t is string => !!t);
  return { method: [...new Set(words)].join('; ') || undefined, methodCodes: methods.flatMap((c) => conceptCodes(c)) };
}

export function mapCondition(resource: JsonObject, ctx: FhirContext): Mapped {
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip('problems', 'This condition was marked as entered in error.', where);
  const verification = allCodes(resource['verificationStatus']).concat(str(resource['verificationStatus']) ?? []);
  if (verification.includes('refuted')) return skip('problems', 'This condition was refuted by a clinician.', where);
  const stated = choiceDate(resource, 'onset').start ?? fhirDate(resource['recordedDate']) ?? fhirDate(resource['assertedDate']);
  const absent = absenceOf('problems', resource['code'], stated, where);
  if (absent) return absent;
  const title = conceptText(resource['code']);
  if (!title) return skip('problems', 'A condition has no name or code.', where);
  const asserter = referenceName(ctx, resource['asserter'], resource);
  // Not yet a diagnosis: the source's own word stays beside it.
  const tentative = verification.find((v) => TENTATIVE.has(v));
  const record = draft('problem', title, conceptCodes(resource['code']), resource, {
    ...categoriesOf(resource),
    ...bodySiteOf(resource),
    // Condition.severity as the source coded and worded it ("Severe", SNOMED 24484000); its
    // words are the reader's at read time (severityWords).
    severity: conceptWords(resource['severity']),
    severityCodes: conceptCodes(resource['severity']),
    performers: asserter ? [asserter] : undefined,
    comment: [tentative ? `Verification: ${tentative}` : undefined, recordedBy(ctx, resource, asserter), notes(resource)].filter(Boolean).join('. ') || undefined,
  });
  const status = normalizeStatus(resource['clinicalStatus']);
  if (status) record.status = status;
  const onset = choiceDate(resource, 'onset');
  const start = onset.start ?? fhirDate(resource['recordedDate']) ?? fhirDate(resource['assertedDate']);
  if (start) record.start = start;
  const abatement = choiceDate(resource, 'abatement');
  const end = abatement.start ?? abatement.end;
  if (end) record.end = end;
  const said = [
    onset.text ? `Onset: ${onset.text}` : ageText('Onset', resource['onsetAge']),
    abatement.text ? `Abatement: ${abatement.text}` : ageText('Abatement', resource['abatementAge']),
    record.details.comment,
  ].filter(Boolean);
  if (said.length) record.details.comment = said.join('. ');
  return ok(record);
}

const ALLERGY_ABATEMENT = 'http://hl7.org/fhir/StructureDefinition/allergyintolerance-abatement';

/** R4 AllergyIntolerance has no end date; the standard abatement extension carries it. */
function allergyEnd(resource: JsonObject): string | undefined {
  const abatement = arr(resource['extension']).map(obj).find((e) => e?.['url'] === ALLERGY_ABATEMENT);
  if (!abatement) return undefined;
  return fhirDate(abatement['valueDateTime']) ?? fhirDate(abatement['valueDate']) ?? periodOf(abatement['valuePeriod']).end;
}


function extensionValues(element: JsonObject, url: string, key: string): unknown[] {
  return arr(element['extension'])
    .map(obj)
    .filter((e) => e?.['url'] === url)
    .map((e) => e?.[key]);
}

function extensionString(element: JsonObject, url: string): string | undefined {
  const said = extensionValues(element, url, 'valueString')
    .map(str)
    .filter((t): t is string => !!t?.trim());
  return said.length ? said.join('; ') : undefined;
}

/** The certainty extension: FHIR's code (worded at read time), else the source's words. */
function certaintyOf(reaction: JsonObject): string | undefined {
  const concept = extensionValues(reaction, REACTION_CERTAINTY, 'valueCodeableConcept')[0];
  const coded = arr(obj(concept)?.['coding']).map(obj).find((c) => str(c?.['system']) === CERTAINTY_SYSTEM);
  return str(coded?.['code']) ?? conceptWords(concept);
}

/** A reaction's facts beyond its manifestations and severity; undefined when it states none. */
function reactionFactsOf(reaction: JsonObject): ReactionFacts | undefined {
  const route = reaction['exposureRoute'];
  const location = extensionValues(reaction, OPENEHR_LOCATION, 'valueCodeableConcept')[0];
  const facts = dropEmpty<ReactionFacts>({
    onset: fhirDate(reaction['onset']),
    exposureRoute: conceptWords(route),
    exposureRouteCodes: conceptCodes(route),
    exposureDescription: extensionString(reaction, OPENEHR_EXPOSURE_DESCRIPTION),
    management: extensionString(reaction, OPENEHR_MANAGEMENT),
    location: conceptWords(location),
    locationCodes: conceptCodes(location),
    exposureDate: fhirDate(extensionValues(reaction, OPENEHR_EXPOSURE_DATE, 'valueDateTime')[0]),
    exposureDuration: durationText(extensionValues(reaction, OPENEHR_EXPOSURE_DURATION, 'valueDuration')[0]),
    duration: durationText(extensionValues(reaction, REACTION_DURATION, 'valueDuration')[0]),
    certainty: certaintyOf(reaction),
  });
  if (!Object.keys(facts).length) return undefined;
  const manifestations = [...new Set(arr(reaction['manifestation']).map((m) => conceptText(m)).filter((t): t is string => !!t))];
  return manifestations.length ? { manifestations, ...facts } : facts;
}

export function mapAllergy(resource: JsonObject, ctx: FhirContext): Mapped {
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip('allergies', 'This allergy was marked as entered in error.', where);
  const verification = allCodes(resource['verificationStatus']);
  if (verification.includes('refuted')) return skip('allergies', 'This allergy was refuted by a clinician.', where);
  const onset = choiceDate(resource, 'onset').start ?? fhirDate(resource['recordedDate']) ?? fhirDate(resource['assertedDate']);
  const absent = absenceOf('allergies', resource['code'], onset, where);
  if (absent) return absent;
  const title = conceptText(resource['code']);
  if (!title) return skip('allergies', 'An allergy has no substance named.', where);
  const tentative = verification.find((v) => TENTATIVE.has(v));
  const reactions: string[] = [];
  const severities: string[] = [];
  // What a reaction says beyond its manifestations: the substance it followed, its own words.
  const reactionWords: string[] = [];
  const reactionFacts: ReactionFacts[] = [];
  for (const reaction of arr(resource['reaction'])) {
    const r = obj(reaction);
    if (!r) continue;
    const facts = reactionFactsOf(r);
    if (facts) reactionFacts.push(facts);
    const substance = conceptText(r['substance']);
    if (substance && substance !== title) reactionWords.push(`Reaction to ${substance}`);
    const description = str(r['description']);
    if (description) reactionWords.push(description);
    const reactionNotes = notes(r);
    if (reactionNotes) reactionWords.push(reactionNotes);
    for (const m of arr(r['manifestation'])) {
      const text = conceptText(m);
      if (text && !reactions.includes(text)) reactions.push(text);
    }
    const severity = str(r['severity']);
    if (severity && !severities.includes(severity)) severities.push(severity);
  }
  const criticality = str(resource['criticality']);
  const categories = arr(resource['category']).map(str).filter(Boolean);
  const asserter = referenceName(ctx, resource['asserter'], resource);
  const details: EntryDetails = {
    substance: title,
    reactions,
    performers: asserter ? [asserter] : undefined,
    severity: severities.join(', ') || undefined,
    // Criticality (the risk of a future reaction) is not a reaction's severity: its own field,
    // which the emergency card shows beside the reaction.
    criticality,
    lastOccurrence: fhirDate(resource['lastOccurrence']),
    reactionFacts,
    allergyType: [str(resource['type']), ...categories].filter(Boolean).join(', ') || undefined,
    comment:
      [
        tentative ? `Verification: ${tentative}` : undefined,
        ...reactionWords,
        recordedBy(ctx, resource, asserter),
        notes(resource),
      ]
        .filter(Boolean)
        .join('. ') || undefined,
  };
  const record = draft('allergy', title, conceptCodes(resource['code']), resource, details);
  const status = normalizeStatus(resource['clinicalStatus']);
  if (status) record.status = status;
  if (onset) record.start = onset;
  const end = allergyEnd(resource);
  if (end) record.end = end;
  return ok(record);
}

// v3 ActReason codes that say the person declined; every other reason for a vaccine not
// given (medical precaution, out of stock, immunity) is not a refusal.
const REFUSAL_REASONS = new Set(['PATOBJ', 'PHILISOP', 'RELIG']);
const REFUSAL_WORDS = /\b(refus|declin|object)/i;

/** Why a vaccine was not given (R4 statusReason, STU3 explanation.reasonNotGiven). */
function notDoneReason(resource: JsonObject): { text?: string; codes: string[] } {
  const concept = resource['statusReason'] ?? arr(obj(resource['explanation'])?.['reasonNotGiven'])[0];
  const text = conceptText(concept);
  const codes = conceptCodes(concept).map((c) => c.code.toUpperCase());
  return text ? { text, codes } : { codes };
}

function isRefusal(reason: { text?: string; codes: string[] }): boolean {
  return reason.codes.some((c) => REFUSAL_REASONS.has(c)) || REFUSAL_WORDS.test(reason.text ?? '');
}

/**
 * Whether the dose was reported rather than given by the source: only an explicit
 * `primarySource: false` says so (an absent one says nothing). reportOrigin's words are kept
 * whenever given, as the source said them.
 */
function reportOf(resource: JsonObject): Pick<EntryDetails, 'reported' | 'reportOrigin' | 'reportOriginCodes'> {
  const out: Pick<EntryDetails, 'reported' | 'reportOrigin' | 'reportOriginCodes'> = {};
  if (resource['primarySource'] === false) out.reported = true;
  const origin = conceptText(resource['reportOrigin']);
  if (origin) out.reportOrigin = origin;
  const codes = conceptCodes(resource['reportOrigin']);
  if (codes.length) out.reportOriginCodes = codes;
  return out;
}

export function mapImmunization(resource: JsonObject, ctx: FhirContext): Mapped {
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip('immunizations', 'This immunization was marked as entered in error.', where);
  const date = fhirDate(resource['occurrenceDateTime']) ?? fhirDate(resource['date']);
  const absent = absenceOf('immunizations', resource['vaccineCode'], date, where);
  if (absent) return absent;
  const title = conceptText(resource['vaccineCode']);
  if (!title) return skip('immunizations', 'An immunization has no vaccine named.', where);
  const notDone = resource['status'] === 'not-done' || resource['notGiven'] === true;
  const reason = notDoneReason(resource);
  const refused = notDone && isRefusal(reason);
  const dose = obj(resource['doseQuantity']);
  const doseValue = num(dose?.['value']);
  const details: EntryDetails = {
    dose: doseValue !== undefined ? [doseValue, str(dose?.['unit']) ?? str(dose?.['code'])].filter((p) => p !== undefined).join(' ') : undefined,
    lotNumber: str(resource['lotNumber']),
    manufacturer: referenceName(ctx, resource['manufacturer'], resource),
    location: referenceName(ctx, resource['location'], resource),
    performers: names(ctx, arr(resource['performer']).map((p) => obj(p)?.['actor'] ?? p), resource),
    route: conceptText(resource['route']),
    // Where the dose went ("Left arm"): Immunization calls its body site `site`.
    ...bodySiteOf({ bodySite: resource['site'] === undefined ? [] : [resource['site']] }),
    comment: [notDone && reason.text ? `Not given: ${reason.text}` : reason.text, notes(resource)].filter(Boolean).join('. ') || undefined,
  };
  if (refused) details.refused = true;
  Object.assign(details, reportOf(resource));
  const expires = fhirDate(resource['expirationDate']);
  if (expires) details.lotExpires = expires;
  // The source's forecast of the next dose (Epic), kept as it said it: never Chartkeeper's own.
  const nextDue = arr(resource['extension'])
    .map(obj)
    .filter((x) => str(x?.['url']) === EPIC_NEXT_DUE_DATE)
    .map((x) => fhirDate(x?.['valueDate']) ?? fhirDate(x?.['valueDateTime']))
    .find(Boolean);
  if (nextDue) details.nextDoseDue = nextDue;
  const record = draft('immunization', title, conceptCodes(resource['vaccineCode']), resource, details);
  record.status = refused ? 'refused' : notDone ? 'not-done' : (normalizeStatus(resource['status']) ?? 'completed');
  if (date) record.start = date;
  return ok(record);
}

export function mapProcedure(resource: JsonObject, ctx: FhirContext): Mapped {
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip('procedures', 'This procedure was marked as entered in error.', where);
  const when = choiceDate(resource, 'performed');
  const absent = absenceOf('procedures', resource['code'], when.start, where);
  if (absent) return absent;
  const title = conceptText(resource['code']);
  if (!title) return skip('procedures', 'A procedure has no name or code.', where);
  const record = draft('procedure', title, conceptCodes(resource['code']), resource, {
    ...bodySiteOf(resource),
    ...methodOf(resource),
    performers: names(ctx, arr(resource['performer']).map((p) => obj(p)?.['actor']), resource),
    location: referenceName(ctx, resource['location'], resource),
    comment: notes(resource),
  });
  const status = normalizeStatus(resource['status']);
  if (status) record.status = status;
  const notDoneReason = status === 'not-done' ? conceptText(resource['statusReason']) : undefined;
  if (notDoneReason) record.details.comment = [`Not done: ${notDoneReason}`, record.details.comment].filter(Boolean).join('. ');
  if (when.start) record.start = when.start;
  if (when.end) record.end = when.end;
  return ok(record);
}

const NULL_FLAVOR = 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor';

/** The encounter class as words; a null flavour ("UNK": class not known) is no class at all. */
function encounterClassText(value: unknown): string | undefined {
  const classCoding = obj(value);
  if (!classCoding || str(classCoding['system']) === NULL_FLAVOR) return undefined;
  return str(classCoding['display']) ?? str(classCoding['code']);
}

/** Encounter.diagnosis: the codes of the Conditions it references, in rank order, as listed. */
/** A visit's diagnoses: coded ones as codes, one named only in words (code.text) by its words. */
function diagnosisCodes(resource: JsonObject, ctx: FhirContext): Pick<EntryDetails, 'diagnoses' | 'diagnosisTexts'> {
  const ranked = arr(resource['diagnosis'])
    .map(obj)
    .filter((d): d is JsonObject => !!d)
    .map((d, i) => ({ d, rank: num(d['rank']) ?? Number.MAX_SAFE_INTEGER, i }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i);
  const codes: Code[] = [];
  const texts: string[] = [];
  for (const { d } of ranked) {
    const condition = ctx.resolve(d['condition'], resource);
    const code = condition ? conceptCodes(condition['code'])[0] : undefined;
    const text = condition && !code ? conceptText(condition['code']) : undefined;
    if (code) codes.push(code);
    else if (text && !texts.includes(text)) texts.push(text);
  }
  return { diagnoses: codes, ...(texts.length ? { diagnosisTexts: texts } : {}) };
}

/** The comment Chartkeeper's own export wrote in its extension. */
function keptComment(resource: JsonObject): string | undefined {
  return str(arr(resource['extension']).map(obj).find((x) => str(x?.['url']) === 'urn:chartkeeper:fhir:comment')?.['valueString']);
}

export function mapEncounter(resource: JsonObject, ctx: FhirContext): Mapped {
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip('encounters', 'This encounter was marked as entered in error.', where);
  const types = arr(resource['type']);
  const classText = encounterClassText(resource['class']);
  const title = (types.length ? conceptText(types[0]) : undefined) ?? (classText ? `${classText} visit` : 'Visit');
  const codes = types.flatMap((t) => conceptCodes(t));
  const locations = arr(resource['location']).map((l) => referenceName(ctx, obj(l)?.['location'], resource));
  const reasonConcepts = arr(resource['reasonCode']);
  const reasons = reasonConcepts.map((r) => conceptText(r)).filter(Boolean);
  const discharge = obj(resource['hospitalization'])?.['dischargeDisposition'];
  const record = draft('encounter', title, codes, resource, {
    encounterType: classText,
    location: locations.filter(Boolean).join(', ') || undefined,
    performers: names(ctx, arr(resource['participant']).map((p) => obj(p)?.['individual']), resource),
    provider: referenceName(ctx, resource['serviceProvider'], resource),
    ...diagnosisCodes(resource, ctx),
    dischargeDisposition: conceptText(discharge),
    dischargeDispositionCodes: conceptCodes(discharge),
    // Chartkeeper's own export keeps a visit's comment (a C-CDA visit's "Reason: …") in its comment extension.
    comment: reasons.length ? `Reason: ${reasons.join(', ')}` : keptComment(resource),
    reason: reasons.length ? reasons.join(', ') : undefined,
    reasonCodes: reasonConcepts.flatMap((r) => conceptCodes(r)),
  });
  // Chartkeeper's own mark of a visit that did not take place: more than "cancelled".
  const status = saysNotSoByExtension(resource) ? 'not-done' : normalizeStatus(resource['status']);
  if (status) record.status = status;
  const { start, end } = periodOf(resource['period']);
  if (start) record.start = start;
  if (end) record.end = end;
  return ok(record);
}

export function mapCarePlan(resource: JsonObject, ctx: FhirContext): Mapped {
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip('plans', 'This care plan was marked as entered in error.', where);
  const categories = arr(resource['category']);
  const activities = arr(resource['activity'])
    .map((a) => obj(obj(a)?.['detail']))
    .map((detail) => {
      const name = conceptText(detail?.['code']) ?? str(detail?.['description']);
      // The plan says this must not be done (STU3's prohibited, R4's doNotPerform): the name alone would read as planned.
      const forbidden = detail?.['prohibited'] === true || detail?.['doNotPerform'] === true;
      return name && forbidden ? `${name} (must not be done)` : name;
    })
    .filter((a): a is string => !!a);
  // US Core's plan is often only in its narrative: "additional" says it holds more than the
  // coded parts, so it is the plan's own words.
  const additional = str(obj(resource['text'])?.['status']) === 'additional' ? xhtmlText(str(obj(resource['text'])?.['div']) ?? '') : undefined;
  // "assess-plan" is US Core's category for every plan: it names none. A plan with no other
  // name but its own words is still the plan: skipping it would drop them.
  const title =
    str(resource['title']) ??
    categories.filter((c) => !allCodes(c).includes('assess-plan')).map((c) => conceptText(c)).find(Boolean) ??
    str(resource['description']) ??
    (activities[0] ? `Care plan: ${activities[0]}` : undefined) ??
    (additional ? 'Care plan' : undefined);
  if (!title) return skip('plans', 'A care plan has no title, named category, activity or narrative of its own.', where);
  // When the plan is for: the first scheduled activity (as a Chartkeeper export writes it).
  const plannedFor = arr(resource['activity'])
    .map((a) => obj(obj(a)?.['detail']))
    .map((detail) => fhirDate(obj(detail?.['scheduledPeriod'])?.['start']))
    .find(Boolean);
  const addresses = arr(resource['addresses']).map((a) => referenceName(ctx, a, resource)).filter(Boolean);
  const record = draft('plan', title, categories.flatMap((c) => conceptCodes(c)), resource, {
    plannedFor,
    comment:
      [addresses.length ? `Addresses: ${addresses.join(', ')}` : undefined, activities.length ? `Activities: ${activities.join('; ')}` : notes(resource)]
        .filter(Boolean)
        .join('. ') || undefined,
  });
  // A planned medicine's "as needed", as Chartkeeper's export writes it (shaped as dosage.asNeeded[x]).
  const asNeeded = arr(resource['extension']).map(obj).find((x) => str(x?.['url']) === 'urn:chartkeeper:fhir:as-needed');
  if (asNeeded) Object.assign(record.details, asNeededOf([{ asNeededBoolean: asNeeded['valueBoolean'], asNeededCodeableConcept: asNeeded['valueCodeableConcept'] }]));
  // A planned medicine's dose, route and schedule, as Chartkeeper's export writes them (a Dosage).
  const plannedDosage = obj(arr(resource['extension']).map(obj).find((x) => str(x?.['url']) === 'urn:chartkeeper:fhir:planned-dosage')?.['valueDosage']);
  if (plannedDosage) for (const [key, value] of Object.entries(dosageFacts([plannedDosage]))) if (value !== undefined) (record.details as Record<string, unknown>)[key] = value;
  // Who is to do the plan's activities (their performers), as the source names them.
  const performers = [...new Set(arr(resource['activity']).flatMap((a) => names(ctx, arr(obj(obj(a)?.['detail'])?.['performer']), resource)))];
  if (performers.length) record.details.performers = performers;
  // Where (a planned visit's clinic): the activities' locations, as the source names them.
  const places = [...new Set(arr(resource['activity']).map((a) => referenceName(ctx, obj(obj(a)?.['detail'])?.['location'], resource)).filter((p): p is string => !!p))];
  if (places.length) record.details.location = places.join(', ');
  const narrative = str(resource['description']) ?? additional;
  if (narrative) record.narrative = narrative;
  const status = normalizeStatus(resource['status']);
  if (status) record.status = status;
  const { start, end } = periodOf(resource['period']);
  if (start) record.start = start;
  if (end) record.end = end;
  return ok(record);
}

export function mapGoal(resource: JsonObject, ctx: FhirContext): Mapped {
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip('plans', 'This goal was marked as entered in error.', where);
  const title = conceptText(resource['description']);
  if (!title) return skip('plans', 'A goal has no description.', where);
  const expressedBy = referenceName(ctx, resource['expressedBy'], resource);
  const record = draft('plan', `Goal: ${title}`, conceptCodes(resource['description']), resource, {
    comment: [expressedBy ? `Expressed by ${expressedBy}` : undefined, notes(resource)].filter(Boolean).join('. ') || undefined,
  });
  const status = normalizeStatus(resource['lifecycleStatus'] ?? resource['status']);
  if (status) record.status = status;
  const start = fhirDate(resource['startDate']);
  if (start) record.start = start;
  const due = arr(resource['target']).map((t) => fhirDate(obj(t)?.['dueDate'])).find(Boolean);
  if (due) record.details.plannedFor = due;
  return ok(record);
}

function medicationConcept(resource: JsonObject, ctx: FhirContext): unknown {
  if (resource['medicationCodeableConcept']) return resource['medicationCodeableConcept'];
  const medication = ctx.resolve(resource['medicationReference'], resource);
  if (medication) return medication['code'];
  const display = str(obj(resource['medicationReference'])?.['display']);
  return display ? { text: display } : undefined;
}

/** One structured dosage's dose, route and how often, in the shape the first one is kept in. */
function doseLine(dosage: JsonObject): DoseLine {
  const doseAndRate = obj(arr(dosage['doseAndRate'])[0]);
  const quantity = obj(doseAndRate?.['doseQuantity'] ?? dosage['doseQuantity']);
  const value = num(quantity?.['value']);
  const unit = str(quantity?.['unit']) ?? str(quantity?.['code']);
  const repeat = obj(obj(dosage['timing'])?.['repeat']);
  const frequency = num(repeat?.['frequency']);
  const period = num(repeat?.['period']);
  const periodUnit = str(repeat?.['periodUnit']);
  const timingText = conceptText(obj(dosage['timing'])?.['code']);
  // When in the day, as FHIR codes it (MORN, EVE, HS) and clock times: what tells two dosages of one day apart.
  const when = [...arr(repeat?.['when']).map(str), ...arr(repeat?.['timeOfDay']).map((t) => str(t)?.replace(/:00$/, ''))].filter(Boolean).join(', ');
  const howOften =
    timingText ?? (frequency !== undefined && period !== undefined && periodUnit ? `${frequency} time(s) every ${period} ${periodUnit}` : undefined);
  // R4/STU3 additionalInstruction (a list), DSTU2 additionalInstructions (one; dstu2.ts makes it a list).
  const additional = arr(dosage['additionalInstruction']);
  const method = dosage['method'];
  return dropEmpty({
    dose: value !== undefined ? [value, unit].filter((p) => p !== undefined).join(' ') : undefined,
    route: conceptText(dosage['route']),
    frequency: howOften && when ? `${howOften} (${when})` : (howOften ?? (when || undefined)),
    additionalInstruction: [...new Set(additional.map(conceptWords).filter((t): t is string => !!t))].join('; ') || undefined,
    additionalInstructionCodes: additional.flatMap((c) => conceptCodes(c)),
    method: conceptWords(method),
    methodCodes: conceptCodes(method),
    maxDosePerPeriod: ratioText(dosage['maxDosePerPeriod']),
    takeFor: durationText(repeat?.['boundsDuration']) ?? rangeText(repeat?.['boundsRange']),
  });
}

/**
 * A Quantity as "value unit", undefined without a number: the unit as written, else its code;
 * for a Duration the UCUM code first (what the reader words: "10 d" → "10 days").
 */
function quantityText(value: unknown, codeFirst = false): string | undefined {
  const q = obj(value);
  const n = num(q?.['value']);
  if (n === undefined) return undefined;
  const [first, second] = codeFirst ? ['code', 'unit'] : ['unit', 'code'];
  const unit = str(q?.[first]) ?? str(q?.[second]);
  return unit ? `${n} ${unit}` : String(n);
}

const durationText = (value: unknown) => quantityText(value, true);

/** A Range of durations as "low-high unit" ("5-10 d"); one side alone as its own duration. */
function rangeText(value: unknown): string | undefined {
  const range = obj(value);
  const low = durationText(range?.['low']);
  const high = durationText(range?.['high']);
  if (low && high) {
    const [lowNumber, ...lowUnit] = low.split(' ');
    const [highNumber, ...highUnit] = high.split(' ');
    if (lowUnit.join(' ') === highUnit.join(' ')) return `${lowNumber}-${highNumber}${highUnit.length ? ` ${highUnit.join(' ')}` : ''}`;
    return `${low}-${high}`;
  }
  return low ? `≥${low}` : high ? `≤${high}` : undefined;
}

/** A Ratio as "numerator / denominator" ("4 TAB / 1 d"), each as the source wrote it. */
function ratioText(value: unknown): string | undefined {
  const ratio = obj(value);
  const numerator = quantityText(ratio?.['numerator']);
  const denominator = durationText(ratio?.['denominator']);
  return numerator && denominator ? `${numerator} / ${denominator}` : numerator;
}

/**
 * What a prescription allows to be dispensed (dispenseRequest: DSTU2 MedicationOrder to R4
 * MedicationRequest); for a MedicationStatement, that of the MedicationRequest it is based on
 * (how Chartkeeper's export carries it).
 */
function dispenseOf(resource: JsonObject, ctx: FhirContext): Pick<EntryDetails, 'dispenseQuantity' | 'refills' | 'supplyDuration'> {
  const request =
    obj(resource['dispenseRequest']) ??
    arr(resource['basedOn'])
      .map((ref) => ctx.resolve(ref, resource))
      .filter((r) => r?.['resourceType'] === 'MedicationRequest')
      .map((r) => obj(r?.['dispenseRequest']))
      .find(Boolean);
  if (!request) return {};
  return {
    dispenseQuantity: quantityText(request['quantity']),
    refills: num(request['numberOfRepeatsAllowed']),
    supplyDuration: durationText(request['expectedSupplyDuration']),
  };
}

function dosageFacts(dosages: unknown[]): EntryDetails {
  const all = dosages.map(obj).filter((d): d is JsonObject => !!d);
  const first = all[0];
  if (!first) return {};
  // Every structured dosage in the source's order: the first in the dose fields, each later one
  // ("½ in the evening" after "1 in the morning") after it. A dosage of words only (the Swiss IPS
  // writes "Morgens 1 und abends 1/2 Tablette nehmen" first) is kept in the instructions.
  const [head, ...more] = all.map(doseLine).filter((line) => Object.keys(line).length > 0);
  return {
    ...head,
    ...(more.length ? { moreDoses: more } : {}),
    instructions: dosages.map((d) => str(obj(d)?.['text'])).filter(Boolean).join('; ') || str(first['patientInstruction']),
    ...asNeededOf(dosages),
    // Where it goes in (Dosage.site, "Left arm"): the body site, as Immunization.site is kept.
    ...(obj(first['site']) ? bodySiteOf({ bodySite: [first['site']] }) : {}),
  };
}

/**
 * When the dosages say to take it (timing.repeat.boundsPeriod): the earliest start, and the
 * latest end when every dosage with bounds has one.
 */
function dosageBounds(dosages: unknown[]): { start?: string; end?: string } {
  const bounds = dosages.map((d) => obj(obj(obj(obj(d)?.['timing'])?.['repeat'])?.['boundsPeriod'])).filter((b): b is JsonObject => !!b).map(periodOf);
  const starts = bounds.map((b) => b.start).filter((d): d is string => !!d).sort();
  const ends = bounds.map((b) => b.end);
  const out: { start?: string; end?: string } = {};
  if (starts[0]) out.start = starts[0];
  if (ends.length && ends.every(Boolean)) out.end = (ends as string[]).sort()[ends.length - 1];
  return out;
}

/**
 * "Taken as needed" from any dosage: asNeededBoolean, asNeededCodeableConcept (DSTU2–R4, the
 * condition implies as needed), R5's asNeeded with asNeededFor[]. False is what no statement
 * means, so only true is kept.
 */
function asNeededOf(dosages: unknown[]): Pick<EntryDetails, 'asNeeded' | 'asNeededFor' | 'asNeededForCodes'> {
  let asNeeded = false;
  const words: string[] = [];
  const codes: Code[] = [];
  for (const dosage of dosages.map(obj)) {
    if (!dosage) continue;
    const concepts = [dosage['asNeededCodeableConcept'], ...arr(dosage['asNeededFor'])].filter((c) => obj(c));
    if (dosage['asNeededBoolean'] === true || dosage['asNeeded'] === true || concepts.length) asNeeded = true;
    for (const concept of concepts) {
      const text = conceptText(concept);
      if (text && !words.includes(text)) words.push(text);
      codes.push(...conceptCodes(concept));
    }
  }
  if (!asNeeded) return {};
  return { asNeeded, ...(words.length ? { asNeededFor: words.join('; ') } : {}), ...(codes.length ? { asNeededForCodes: codes } : {}) };
}

/**
 * The lot a medicine came from, as its Medication resource gives it (batch.lotNumber and
 * batch.expirationDate): kept in the fields a vaccination's lot is kept in.
 */
function batchOf(resource: JsonObject, ctx: FhirContext): Pick<EntryDetails, 'lotNumber' | 'lotExpires'> {
  const medication = ctx.resolve(resource['medicationReference'], resource);
  const batch = medication?.['resourceType'] === 'Medication' ? obj(medication['batch']) : undefined;
  if (!batch) return {};
  const out: Pick<EntryDetails, 'lotNumber' | 'lotExpires'> = {};
  const lot = str(batch['lotNumber'])?.trim();
  if (lot) out.lotNumber = lot;
  const expires = fhirDate(batch['expirationDate']);
  if (expires) out.lotExpires = expires;
  return out;
}

export function mapMedication(resource: JsonObject, ctx: FhirContext): Mapped {
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip('medications', 'This medication was marked as entered in error.', where);
  const concept = medicationConcept(resource, ctx);
  const effective = choiceDate(resource, 'effective');
  const bounds = dosageBounds(arr(resource['dosageInstruction'] ?? resource['dosage']));
  // dateAsserted is when someone said it, not when it was taken: the dosages' bounds come first.
  const start =
    effective.start ??
    fhirDate(resource['authoredOn']) ??
    fhirDate(resource['whenHandedOver']) ??
    fhirDate(resource['whenPrepared']) ??
    bounds.start ??
    fhirDate(resource['dateAsserted']);
  const absent = absenceOf('medications', concept, start, where);
  if (absent) return absent;
  const title = conceptText(concept);
  if (!title) {
    // A reference that points nowhere in the file (a card whose resources were renumbered) is
    // named, so the person knows a medicine was left out and where to look for it.
    const ref = str(obj(resource['medicationReference'])?.['reference']);
    if (ref && !ctx.resolve(resource['medicationReference'], resource)) return skip('medications', `A medication entry points to its medication as "${ref}", which is not in this file, so it was not imported.`, where);
    return skip('medications', 'A medication entry does not name the medication.', where);
  }
  const dosages = arr(resource['dosageInstruction'] ?? resource['dosage']);
  const statusReasons = resource['statusReason'] === undefined ? [] : Array.isArray(resource['statusReason']) ? resource['statusReason'] : [resource['statusReason']];
  const reasonConcepts = [...arr(resource['reasonCode']), ...statusReasons];
  const reasons = reasonConcepts.map((r) => conceptText(r)).filter(Boolean);
  const notesText = notes(resource);
  const reasonWords = reasons.length ? `Reason: ${reasons.join(', ')}` : undefined;
  // The person themself as the requester or source is a self-reported medicine, not a prescriber.
  const informant = resource['requester'] ?? resource['informationSource'];
  const byPatient = ctx.resolve(informant, resource)?.['resourceType'] === 'Patient' || /(^|\/)Patient\/[^/]+$/.test(str(obj(informant)?.['reference']) ?? '');
  const details: EntryDetails = {
    ...dosageFacts(dosages),
    ...dispenseOf(resource, ctx),
    prescriber: byPatient ? undefined : referenceName(ctx, informant, resource),
    // The reasons' words and codes, for the export to write back as reasonCode; the words stay
    // in the comment too, where every reader of the entry has them.
    reason: reasons.length ? reasons.join(', ') : undefined,
    reasonCodes: reasonConcepts.flatMap((r) => conceptCodes(r)),
    ...batchOf(resource, ctx),
    comment:
      [
        byPatient ? 'Reported by the patient' : undefined,
        // Chartkeeper's export keeps the comment, "Reason: …" included, in a note beside the
        // reasonCode it writes: the same words are not said twice.
        reasonWords && !notesText?.includes(reasonWords) ? reasonWords : undefined,
        notesText,
      ]
        .filter(Boolean)
        .join('. ') || undefined,
  };
  const record = draft('medication', title, conceptCodes(concept), resource, details);
  const status = normalizeStatus(resource['status']);
  if (resource['doNotPerform'] === true) {
    // A prohibition (R4 and R5 MedicationRequest), never a medicine taken: stored as a negated
    // C-CDA medicine is, so whatever leaves out what was not done leaves this out too. Its
    // "active" means the prohibition stands, so the source's code is kept as it came.
    record.status = 'not-done';
    record.details.doNotPerform = true;
    const orderStatus = str(resource['status']);
    if (orderStatus) record.details.orderStatus = orderStatus;
  } else if (status) record.status = status;
  if (start) record.start = start;
  // DSTU2 MedicationOrder.dateEnded: when the prescription was stopped.
  const end = effective.end ?? fhirDate(resource['dateEnded']) ?? (effective.start ? undefined : bounds.end);
  if (end) record.end = end;
  return ok(record);
}
