// How the round-trip tests compare entries: the facts both the export and the FHIR importer
// carry, at the precision FHIR can hold them.
import type { Code, EntryKind, StoredEntry } from '../../main/records/model.ts';
import { systemUri } from '../../main/export/fhir-values.ts';
import { toUcum } from '../../main/records/units.ts';

/**
 * Kinds Chartkeeper's FHIR importer does not read yet (main/importers/fhir has no mapper for
 * FamilyMemberHistory, Appointment, Communication or CommunicationRequest). Their export is checked on the bundle
 * itself (roundtrip.test.ts); every other kind must survive the round trip.
 */
export const NOT_READ_BACK: readonly EntryKind[] = ['family', 'appointment', 'note', 'question'];

/** What the importer reads each exported kind back as (functional status comes back as a result). */
function kindReadBack(kind: EntryKind): EntryKind {
  return kind === 'functional' ? 'result' : kind;
}

/** A date at the precision a FHIR dateTime can carry (a local time without zone: its day). */
export function fhirPrecision(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const local = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2})?$/.exec(date);
  return local ? local[1] : date.replace(/T(\d{2}:\d{2})(?=[Z+-]|$)/, 'T$1:00');
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
  'manufacturer',
  'refused',
  'payer',
  'memberId',
  'groupId',
  'claimId',
  'amountBilled',
  'amountPaid',
  'provider',
] as const;

/** A code as system|code; an OID is the same system whether written bare or as urn:oid:. */
function codeKey(code: Code): string {
  // A system that is neither a known name, an OID nor a URI ("L" in some VA documents) cannot
  // be named in FHIR; the coding goes without a system and comes back as 'unknown'.
  const system = SAME_SYSTEM[code.system] ?? (systemUri(code.system) ? code.system.replace(/^urn:oid:/, '') : 'unknown');
  return `${system}|${code.code.trim()}`;
}

/**
 * Systems the export names by their FHIR URI that the FHIR importer keeps as that URI (it has
 * no short name for them), though the C-CDA importer gives them one.
 */
const SAME_SYSTEM: Record<string, string> = {
  'http://www.cms.gov/Medicare/Coding/ICD10': 'ICD10PCS',
  ICD10: 'ICD10CM',
};

export function comparable(entry: StoredEntry): object {
  const value = entry.value;
  const details: Record<string, unknown> = {};
  for (const key of DETAIL_KEYS) if (entry.details[key] !== undefined) details[key] = entry.details[key];
  if (entry.details.diagnoses) details['diagnoses'] = entry.details.diagnoses.map(codeKey);
  if (entry.details.panelCodes) details['panelCodes'] = entry.details.panelCodes.map(codeKey);
  // A panel known only by its code is named by the importer after the code ("LOINC 24357-6").
  const firstPanelCode = entry.details.panelCodes?.[0];
  if (firstPanelCode && details['panel'] === `${firstPanelCode.system} ${firstPanelCode.code}`) delete details['panel'];
  // A dose is a number and a unit in FHIR: ".5 mg" comes back as "0.5 mg".
  const dose = /^\s*(\d*\.?\d+)\s*(.*?)\s*$/.exec(entry.details.dose ?? '');
  if (dose) details['dose'] = `${Number(dose[1])} ${dose[2]}`.trim();
  // FHIR's reaction severity is one lower-case code: "Mild" comes back as "mild", and
  // "moderate to severe" as the more severe, "severe".
  if (typeof details['severity'] === 'string') {
    const words: string[] = details['severity'].toLowerCase().match(/\b(mild|moderate|severe)\b/g) ?? [];
    details['severity'] = ['severe', 'moderate', 'mild'].find((w) => words.includes(w)) ?? details['severity'].toLowerCase();
  }
  // Not read back by the FHIR importer (exported as Encounter.diagnosis, Immunization.doseQuantity
  // and Encounter.class UNK when the source gave no class).
  if (entry.kind === 'encounter') {
    delete details['diagnoses'];
    if (/^(unk|unknown)$/i.test(String(details['encounterType'] ?? ''))) delete details['encounterType'];
  }
  if (entry.kind === 'immunization') delete details['dose'];
  // FHIR keeps an allergy's severity on a reaction, as mild, moderate or severe: without a
  // reaction, or as another word ("fatal"), it is kept in a note, which comes back as comment.
  if (entry.kind === 'allergy' && (!entry.details.reactions?.length || !/\b(mild|moderate|severe)\b/i.test(entry.details.severity ?? ''))) {
    delete details['severity'];
  }
  // Condition.asserter is not read back.
  if (entry.kind === 'problem') delete details['performers'];
  // Observations have no location; where a result was done is kept only by performers.
  if (!['encounter', 'procedure', 'immunization'].includes(entry.kind)) delete details['location'];
  const range = entry.referenceRange;
  return {
    kind: kindReadBack(entry.kind),
    title: entry.title,
    // The FHIR importer keeps one of each coding; some CDA documents repeat a translation.
    codes: [...new Set(entry.codes.map(codeKey))],
    start: fhirPrecision(entry.start),
    // FHIR R4 AllergyIntolerance has no end date: it is exported as the standard
    // allergyintolerance-abatement extension, which the importer does not read.
    // Immunization has one occurrence date, no end.
    end: entry.kind === 'allergy' || entry.kind === 'immunization' ? undefined : fhirPrecision(entry.end),
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

/**
 * The entries of both profiles as sorted JSON, ready for toEqual. Entries that differ only in
 * facts the importer does not read back come back as one entry (reconciliation merges them):
 * a time without a zone is exported as its day (FHIR requires a zone; the clock time goes into
 * an extension), and a plan's plannedFor goes into CarePlan.activity. For exactly those keys
 * (several originals that share a key but differ in those facts), both sides are compared as
 * sets rather than lists.
 */
export function roundTrip(original: StoredEntry[], copy: StoredEntry[]): { expected: string[]; actual: string[] } {
  const readable = (list: StoredEntry[]) => list.filter((e) => !NOT_READ_BACK.includes(e.kind));
  const keyed = (list: StoredEntry[]) => readable(list).map((e) => ({ entry: e, key: JSON.stringify(comparable(e)) }));
  const before = keyed(original);
  const after = keyed(copy);
  const variants = new Map<string, Set<string>>();
  for (const { entry, key } of before) {
    const unread = JSON.stringify([entry.start, entry.end, entry.details.plannedFor]);
    variants.set(key, (variants.get(key) ?? new Set()).add(unread));
  }
  const collapsing = new Set([...variants].filter(([, v]) => v.size > 1).map(([key]) => key));
  const view = (list: { key: string }[]) => {
    const seen = new Set<string>();
    return list
      .map((k) => k.key)
      .filter((key) => !collapsing.has(key) || (!seen.has(key) && !!seen.add(key)))
      .sort();
  };
  return { expected: view(before), actual: view(after) };
}
