// How the round-trip tests compare entries: the facts both the export and the FHIR importer
// carry, at the precision FHIR can hold them.
import type { Code, StoredEntry } from '../../main/records/model.ts';
import { systemUri } from '../../main/export/fhir-values.ts';
import { toUcum } from '../../main/records/units.ts';
import { isPlaceholderDose } from '../../main/records/readable/dose.ts';
import { CONDITION_CATEGORY, isListCategory, problemTypeWords } from '../../main/records/readable/problem-type.ts';

/**
 * A date as a FHIR dateTime carries it: a time always has seconds (the export adds ":00"), and
 * a local time without a zone comes back with its time (the export keeps it in an extension).
 */
export function fhirPrecision(date: string | undefined): string | undefined {
  if (!date) return undefined;
  return date.replace(/T(\d{2}:\d{2})(?=[Z+-]|$)/, 'T$1:00');
}

const DETAIL_KEYS = [
  'dose',
  'route',
  'frequency',
  'instructions',
  'prescriber',
  'substance',
  'reactions',
  'severity',
  'panel',
  'specimen',
  'location',
  'performers',
  'encounterType',
  'lotNumber',
  'lotExpires',
  'nextDoseDue',
  'reported',
  'reportOrigin',
  'manufacturer',
  'refused',
  'payer',
  'memberId',
  'groupId',
  'claimId',
  'amountBilled',
  'amountPaid',
  'provider',
  'relation',
  'causeOfDeath',
  'onsetAge',
  'bodySite',
  'method',
  'dischargeDisposition',
  'additionalInstruction',
  'maxDosePerPeriod',
  'takeFor',
  'dispenseQuantity',
  'refills',
  'supplyDuration',
  'doNotPerform',
  'orderStatus',
  'reason',
] as const;

// SNOMED CT's left, right and bilateral: a site's qualifier, exported in the site's words only.
const LATERALITY_VALUES = new Set(['7771000', '24028007', '51440002']);

/** A code as system|code; an OID is the same system whether written bare or as urn:oid:. */
function codeKey(code: Code): string {
  // A system that is neither a known name, an OID nor a URI ("L" in some VA documents) cannot
  // be named in FHIR; the coding goes without a system and comes back as 'unknown'.
  const system = SAME_SYSTEM[code.system] ?? (systemUri(code.system) ? code.system : 'unknown');
  return `${system}|${code.code.trim()}`;
}

/**
 * Systems the FHIR importer names differently from the C-CDA importer: plain ICD-10, whose URI
 * Medicare uses for ICD-10-CM codes, comes back as ICD10CM.
 */
const SAME_SYSTEM: Record<string, string> = {
  ICD10: 'ICD10CM',
};

/** Kinds whose comment the export writes in one place the importer reads back as it was. */
const COMMENT_KEPT = ['note', 'question', 'appointment', 'family'];

export function comparable(entry: StoredEntry): object {
  const value = entry.value;
  const details: Record<string, unknown> = {};
  for (const key of DETAIL_KEYS) if (entry.details[key] !== undefined) details[key] = entry.details[key];
  if (entry.details.diagnoses) details['diagnoses'] = entry.details.diagnoses.map(codeKey);
  if (entry.details.panelCodes) details['panelCodes'] = entry.details.panelCodes.map(codeKey);
  const siteCodes = entry.details.bodySiteCodes?.filter((c) => !LATERALITY_VALUES.has(c.code));
  if (siteCodes?.length) details['bodySiteCodes'] = [...new Set(siteCodes.map(codeKey))];
  if (entry.details.reportOriginCodes) details['reportOriginCodes'] = entry.details.reportOriginCodes.map(codeKey);
  if (entry.details.severityCodes) details['severityCodes'] = entry.details.severityCodes.map(codeKey);
  if (entry.details.methodCodes) details['methodCodes'] = [...new Set(entry.details.methodCodes.map(codeKey))];
  if (entry.details.dischargeDispositionCodes) details['dischargeDispositionCodes'] = entry.details.dischargeDispositionCodes.map(codeKey);
  if (entry.details.additionalInstructionCodes) details['additionalInstructionCodes'] = [...new Set(entry.details.additionalInstructionCodes.map(codeKey))];
  if (entry.details.lastOccurrence) details['lastOccurrence'] = fhirPrecision(entry.details.lastOccurrence);
  if (entry.details.reactionFacts) {
    details['reactionFacts'] = entry.details.reactionFacts.map((f) => ({ ...f, onset: fhirPrecision(f.onset), exposureRouteCodes: f.exposureRouteCodes?.map(codeKey) }));
  }
  if (entry.kind === 'problem') {
    // Every exported condition is on a list (US Core requires one): problem-list-item unless its
    // FHIR source named another. What kind of problem it was comes back in the same words.
    const types = entry.details.problemTypeCodes ?? [];
    const listed = types.some(isListCategory) ? types : [{ system: CONDITION_CATEGORY, code: 'problem-list-item' }, ...types];
    details['problemType'] = problemTypeWords({ problemTypeCodes: listed, problemType: entry.details.problemType });
  }
  // A panel known only by its code is named by the importer after the code ("LOINC 24357-6").
  const firstPanelCode = entry.details.panelCodes?.[0];
  if (firstPanelCode && details['panel'] === `${firstPanelCode.system} ${firstPanelCode.code}`) delete details['panel'];
  // A dose is a number and a unit in FHIR: ".5 mg" comes back as "0.5 mg".
  const dose = /^\s*(\d*\.?\d+)\s*(.*?)\s*$/.exec(entry.details.dose ?? '');
  if (dose) details['dose'] = `${Number(dose[1])} ${dose[2]}`.trim();
  // The placeholder 0 is exported in a note, never as a doseQuantity (readable/dose.ts): no dose comes back.
  if (isPlaceholderDose(entry.details.dose)) delete details['dose'];
  // FHIR's reaction severity is one lower-case code: "Mild" comes back as "mild", and
  // "moderate to severe" as the more severe, "severe".
  if (typeof details['severity'] === 'string') {
    const words: string[] = details['severity'].toLowerCase().match(/\b(mild|moderate|severe)\b/g) ?? [];
    details['severity'] = ['severe', 'moderate', 'mild'].find((w) => words.includes(w)) ?? details['severity'].toLowerCase();
  }
  // A prohibition is not-done, which a MedicationStatement could not say: it must come back so.
  if (entry.details.doNotPerform) details['status'] = entry.status;
  if (entry.details.plannedFor !== undefined) details['plannedFor'] = fhirPrecision(entry.details.plannedFor);
  if (COMMENT_KEPT.includes(entry.kind) && entry.details.comment !== undefined) details['comment'] = entry.details.comment;
  // A note's or question's words are all in its payload, narrative included.
  if ((entry.kind === 'note' || entry.kind === 'question') && entry.narrative !== undefined) details['narrative'] = entry.narrative;
  // FHIR keeps an allergy's severity on a reaction, as mild, moderate or severe: without a
  // reaction, or as another word ("fatal"), it is kept in a note, which comes back as comment.
  if (entry.kind === 'allergy' && (!entry.details.reactions?.length || !/\b(mild|moderate|severe)\b/i.test(entry.details.severity ?? ''))) {
    delete details['severity'];
  }
  // Condition and AllergyIntolerance have one asserter; further clinicians are exported in a note, read back as comment.
  if ((entry.kind === 'problem' || entry.kind === 'allergy') && entry.details.performers) details['performers'] = entry.details.performers.slice(0, 1);
  // Observations have no location; where a result was done is kept only by performers.
  if (!['encounter', 'procedure', 'immunization', 'appointment'].includes(entry.kind)) delete details['location'];
  // An Appointment has one time: the export writes plannedFor, else start, and it comes back as
  // plannedFor (as the app's own form records an appointment). The export does not write yet an
  // appointment's type (VA's "Compensation and Pension Appointment"), nor a note's codes,
  // authors or custodian (a clinical document read from a DocumentReference is exported as a
  // Communication with its words only).
  let start = entry.start;
  let codes = entry.codes;
  if (entry.kind === 'appointment') {
    details['plannedFor'] = fhirPrecision(entry.details.plannedFor ?? entry.start);
    delete details['encounterType'];
    start = undefined;
  }
  // A directive's category always names LOINC's "Advance directives" (the export adds it when
  // the record has none, so any FHIR reader knows a directive); it comes back as one of its codes.
  if (entry.kind === 'directive' && !codes.some((c) => c.system === 'LOINC' && c.code === '42348-3')) {
    codes = [...codes, { system: 'LOINC', code: '42348-3' }];
  }
  if (entry.kind === 'note') {
    codes = [];
    delete details['performers'];
    delete details['provider'];
  }
  const range = entry.referenceRange;
  return {
    kind: entry.kind,
    title: entry.title,
    // The FHIR importer keeps one of each coding; some CDA documents repeat a translation.
    codes: [...new Set(codes.map(codeKey))],
    start: fhirPrecision(start),
    // Immunization has one occurrence date, no end.
    end: entry.kind === 'immunization' ? undefined : fhirPrecision(entry.end),
    value: value && {
      number: value.number,
      // With a number, only the comparator of the written value is data ("<30"); "7.20" is 7.2.
      text: value.number === undefined ? value.text : /^\s*[<>]=?/.exec(value.text ?? '')?.[0],
      // Units are compared as UCUM: the export gives the UCUM code for "mg/dl".
      unit: toUcum(value.unit),
    },
    range: range && { low: range.low, high: range.high, unit: toUcum(range.unit ?? value?.unit) },
    interpretation: entry.interpretation,
    details,
  };
}

/** The entries of both profiles as sorted JSON, ready for toEqual. Every kind is compared. */
export function roundTrip(original: StoredEntry[], copy: StoredEntry[]): { expected: string[]; actual: string[] } {
  const view = (list: StoredEntry[]) => list.map((e) => JSON.stringify(comparable(e))).sort();
  return { expected: view(original), actual: view(copy) };
}
