// The further facts of a medicine's dosage, a prescription's supply and an allergy's reactions
// as FHIR R4 writes them, from the short shapes the importer keeps ("10 d", "4 TAB / 1 d",
// "5-10 d"), so that an exported file read back gives the same entry.
import type { DoseLine, EntryDetails, OnsetAge, ReactionFacts } from '../records/model.ts';
import { PERIOD_UNITS } from '../records/readable/frequency.ts';
import type { JsonObject } from './fhir-values.ts';
import { concept, dropUndefined, putDate, quantity, UCUM_URI } from './fhir-values.ts';
import {
  CERTAINTY_SYSTEM,
  OPENEHR_EXPOSURE_DATE,
  OPENEHR_EXPOSURE_DESCRIPTION,
  OPENEHR_EXPOSURE_DURATION,
  OPENEHR_LOCATION,
  OPENEHR_MANAGEMENT,
  REACTION_CERTAINTY,
  REACTION_DURATION,
} from '../importers/fhir/extensions.ts';

const NUMBER_THEN_UNIT = /^\s*(\d*\.?\d+)\s*(.*?)\s*$/;

/** "30 TAB", "480 mL" as a Quantity, the unit as written (coded only when it is UCUM). */
function quantityOf(text: string | undefined): JsonObject | undefined {
  const m = text ? NUMBER_THEN_UNIT.exec(text) : null;
  return m ? quantity(Number(m[1]), m[2] || undefined) : undefined;
}

/** "10 d" as a Duration: a UCUM unit of time is its code too; any other unit stays its words only. */
function durationOf(text: string | undefined): JsonObject | undefined {
  const m = text ? NUMBER_THEN_UNIT.exec(text) : null;
  if (!m) return undefined;
  const unit = m[2] || undefined;
  const out: JsonObject = { value: Number(m[1]) };
  if (unit) out['unit'] = unit;
  if (unit && (PERIOD_UNITS as readonly string[]).includes(unit)) Object.assign(out, { system: UCUM_URI, code: unit });
  return out;
}

/** The importer's "4 TAB / 1 d" as a Ratio; a numerator alone (no period given) as one. */
function ratioOf(text: string | undefined): JsonObject | undefined {
  if (!text) return undefined;
  const cut = text.lastIndexOf(' / ');
  const numerator = quantityOf(cut < 0 ? text : text.slice(0, cut));
  if (!numerator) return undefined;
  return dropUndefined({ numerator, denominator: cut < 0 ? undefined : durationOf(text.slice(cut + 3)) });
}

/** "10 d" → boundsDuration; "5-10 d", "≥5 d", "≤10 d" → boundsRange. */
function boundsOf(text: string | undefined): JsonObject | undefined {
  if (!text) return undefined;
  const range = /^(\d*\.?\d+)-(\d*\.?\d+)(?: (.+))?$/.exec(text.trim());
  if (range) {
    const unit = range[3] ? ` ${range[3]}` : '';
    return { boundsRange: { low: durationOf(`${range[1]}${unit}`), high: durationOf(`${range[2]}${unit}`) } };
  }
  const bound = /^([≥≤])(.+)$/.exec(text.trim());
  if (bound) return { boundsRange: { [bound[1] === '≥' ? 'low' : 'high']: durationOf(bound[2]) } };
  const duration = durationOf(text);
  return duration ? { boundsDuration: duration } : undefined;
}

/**
 * A dosage's additional instruction, method, most-per-period and bounds, added to the dosage
 * the export already wrote (its timing keeps its code; the bounds go in timing.repeat).
 */
export function addDosageDetails(dosage: JsonObject, line: DoseLine): JsonObject {
  if (line.additionalInstruction || line.additionalInstructionCodes?.length) {
    const codes = line.additionalInstructionCodes ?? [];
    // One concept per coded instruction would lose which words go with which code: the words
    // and codes travel together, as the importer read them.
    dosage['additionalInstruction'] = [concept(codes, line.additionalInstruction)];
  }
  if (line.method || line.methodCodes?.length) dosage['method'] = concept(line.methodCodes ?? [], line.method);
  const bounds = boundsOf(line.takeFor);
  if (bounds) {
    const timing = (dosage['timing'] as JsonObject | undefined) ?? {};
    dosage['timing'] = { ...timing, repeat: { ...((timing['repeat'] as JsonObject | undefined) ?? {}), ...bounds } };
  }
  const most = ratioOf(line.maxDosePerPeriod);
  if (most) dosage['maxDosePerPeriod'] = most;
  return dosage;
}

/**
 * A prescription's supply, for a MedicationStatement (which has no element for it): a contained
 * MedicationRequest it is based on, as FHIR relates a statement to its order.
 */
export function dispenseRequestOf(d: EntryDetails, medication: JsonObject, subject: JsonObject): JsonObject | undefined {
  const dispenseRequest = dropUndefined({
    quantity: quantityOf(d.dispenseQuantity),
    numberOfRepeatsAllowed: d.refills,
    expectedSupplyDuration: durationOf(d.supplyDuration),
  });
  if (!Object.keys(dispenseRequest).length) return undefined;
  // "unknown": the export knows what the order allowed, not whether it is still in force.
  return { resourceType: 'MedicationRequest', id: 'prescription', status: 'unknown', intent: 'order', medicationCodeableConcept: medication, subject, dispenseRequest };
}

const CERTAINTY_CODES = new Set(['unlikely', 'likely', 'confirmed', 'unknown']);

/** A certainty as the importer keeps it: FHIR's code, or the source's words. */
function certaintyConcept(certainty: string): JsonObject {
  return CERTAINTY_CODES.has(certainty) ? { coding: [{ system: CERTAINTY_SYSTEM, code: certainty }] } : { text: certainty };
}

function reactionOf(facts: ReactionFacts, manifestation: JsonObject[]): JsonObject {
  const extension: JsonObject[] = [];
  const exposedOn: JsonObject = { url: OPENEHR_EXPOSURE_DATE };
  const said = [
    facts.location || facts.locationCodes?.length ? { url: OPENEHR_LOCATION, valueCodeableConcept: concept(facts.locationCodes ?? [], facts.location) } : undefined,
    facts.duration ? { url: REACTION_DURATION, valueDuration: durationOf(facts.duration) } : undefined,
    putDate(exposedOn, 'valueDateTime', facts.exposureDate) ? exposedOn : undefined,
    facts.exposureDuration ? { url: OPENEHR_EXPOSURE_DURATION, valueDuration: durationOf(facts.exposureDuration) } : undefined,
    facts.certainty ? { url: REACTION_CERTAINTY, valueCodeableConcept: certaintyConcept(facts.certainty) } : undefined,
    facts.exposureDescription ? { url: OPENEHR_EXPOSURE_DESCRIPTION, valueString: facts.exposureDescription } : undefined,
    facts.management ? { url: OPENEHR_MANAGEMENT, valueString: facts.management } : undefined,
  ];
  for (const e of said) if (e) extension.push(e);
  const out: JsonObject = { manifestation };
  if (extension.length) out['extension'] = extension;
  putDate(out, 'onset', facts.onset);
  if (facts.exposureRoute || facts.exposureRouteCodes?.length) out['exposureRoute'] = concept(facts.exposureRouteCodes ?? [], facts.exposureRoute);
  return out;
}

/**
 * The reactions: one per reaction the source gave facts of (with its own manifestations), then
 * one with the manifestations no such reaction named; the severity on the first. R4 requires a
 * manifestation: a reaction whose facts name none carries every manifestation.
 */
export function reactionsOf(d: EntryDetails, asConcept: (text: string) => JsonObject, severity: string | undefined): JsonObject[] | undefined {
  const all = d.reactions ?? [];
  const facts = d.reactionFacts ?? [];
  const named = new Set(facts.flatMap((f) => f.manifestations ?? []));
  const rest = all.filter((m) => !named.has(m));
  const reactions = [
    ...facts.map((f) => reactionOf(f, (f.manifestations?.length ? f.manifestations : all).map(asConcept))),
    ...(rest.length ? [{ manifestation: rest.map(asConcept) }] : []),
  ].filter((r) => (r['manifestation'] as JsonObject[]).length > 0);
  if (!reactions.length) return undefined;
  if (severity) reactions[0] = { ...reactions[0], severity };
  return reactions;
}

/** A number and unit as a Range's end (a SimpleQuantity): the unit coded too when it is a UCUM unit of time. */
function rangeEnd(value: number | undefined, unit: string | undefined): JsonObject | undefined {
  if (value === undefined) return undefined;
  const out: JsonObject = { value };
  if (unit) out['unit'] = unit;
  if (unit && (PERIOD_UNITS as readonly string[]).includes(unit)) Object.assign(out, { system: UCUM_URI, code: unit });
  return out;
}

/**
 * A relative's age at onset as FamilyMemberHistory.condition.onset[x]: onsetAge, onsetRange
 * (an age from–to), or onsetString, as the importer reads them back. R4's Age must carry a unit
 * code and a positive value (age-1): a source's other unit ("yr") is its code without a system;
 * an age with no unit (CCD 1.0's bare number) or of 0 goes as words ("age 57"), which the
 * importer reads back as the number it is.
 */
export function familyOnsetOf(age: OnsetAge | undefined): JsonObject {
  if (!age) return {};
  if (age.high !== undefined && age.high !== age.value) {
    return { onsetRange: dropUndefined({ low: rangeEnd(age.value, age.unit), high: rangeEnd(age.high, age.unit) }) };
  }
  const value = age.value ?? age.high;
  if (value !== undefined && age.unit && value > 0) {
    const ucum = (PERIOD_UNITS as readonly string[]).includes(age.unit);
    return { onsetAge: { value, unit: age.unit, ...(ucum ? { system: UCUM_URI } : {}), code: age.unit } };
  }
  if (value !== undefined) return { onsetString: ['age', String(value), age.unit].filter(Boolean).join(' ') };
  return age.text?.trim() ? { onsetString: age.text.trim() } : {};
}
