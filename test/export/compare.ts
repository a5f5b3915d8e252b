// How the round-trip tests compare entries: the facts both the export and the FHIR importer
// carry, at the precision FHIR can hold them.
import type { EntryKind, StoredEntry } from '../../main/records/model.ts';
import { toUcum } from '../../main/records/units.ts';

/**
 * Kinds Chartkeeper's FHIR importer does not read yet (main/importers/fhir has no mapper for
 * FamilyMemberHistory, Appointment, Communication or CommunicationRequest, and reads
 * functional-status Observations back as results). Their export is checked on the bundle
 * itself (roundtrip.test.ts); every other kind must survive the round trip.
 */
export const NOT_READ_BACK: readonly EntryKind[] = ['family', 'appointment', 'note', 'question', 'functional'];

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
  'allergyType',
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

export function comparable(entry: StoredEntry): object {
  const value = entry.value;
  const details: Record<string, unknown> = {};
  for (const key of DETAIL_KEYS) if (entry.details[key] !== undefined) details[key] = entry.details[key];
  if (entry.details.diagnoses) details['diagnoses'] = entry.details.diagnoses.map((c) => `${c.system}|${c.code}`);
  if (entry.details.panelCodes) details['panelCodes'] = entry.details.panelCodes.map((c) => `${c.system}|${c.code}`);
  const range = entry.referenceRange;
  return {
    kind: entry.kind,
    title: entry.title,
    codes: entry.codes.map((c) => `${c.system}|${c.code}`),
    start: fhirPrecision(entry.start),
    end: fhirPrecision(entry.end),
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

function sortKey(e: object): string {
  return JSON.stringify(e);
}

export function comparableSet(entries: StoredEntry[]): object[] {
  return entries
    .filter((e) => !NOT_READ_BACK.includes(e.kind))
    .map(comparable)
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
}

