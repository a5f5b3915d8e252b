// The small FHIR building blocks every exported resource uses: code systems back to their
// FHIR URIs, CodeableConcepts, dates at their own precision, quantities with UCUM units, and
// the stable ids that make an export byte-for-byte repeatable.
import crypto from 'node:crypto';
import { CODE_SYSTEMS, type Code, type KnownCodeSystem, type PartialDate } from '../records/model.ts';
import { isUcum, toUcum } from '../records/units.ts';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };
export type JsonObject = { [key: string]: Json | undefined };
export interface FhirResource extends JsonObject {
  resourceType: string;
  id: string;
}

/** Where Chartkeeper-specific extensions and identifiers live (Chartkeeper has no web domain). */
export const CHARTKEEPER_URN = 'urn:chartkeeper:fhir';
export const UCUM_URI = 'http://unitsofmeasure.org';

export const FHIR_SYSTEM_URI: Record<KnownCodeSystem, string> = {
  SNOMED: 'http://snomed.info/sct',
  ICD10CM: 'http://hl7.org/fhir/sid/icd-10-cm',
  ICD9CM: 'http://hl7.org/fhir/sid/icd-9-cm',
  RXNORM: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  NDC: 'http://hl7.org/fhir/sid/ndc',
  LOINC: 'http://loinc.org',
  CVX: 'http://hl7.org/fhir/sid/cvx',
  CPT: 'http://www.ama-assn.org/go/cpt',
  HCPCS: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  UCUM: UCUM_URI,
};

/** Short names the C-CDA importer gives systems beyond CODE_SYSTEMS. */
const OTHER_SYSTEM_URI: Record<string, string> = {
  ICD10PCS: 'http://www.cms.gov/Medicare/Coding/ICD10',
  ICD10: 'http://hl7.org/fhir/sid/icd-10',
};

const OID = /^[0-2](\.(0|[1-9]\d*))+$/;

/**
 * The FHIR system URI of a Chartkeeper system name: a known short name maps to its URI, a
 * bare OID becomes `urn:oid:…`, a URI or URN stays as written, and anything else (including
 * 'unknown') has no system we could honestly name.
 */
export function systemUri(system: string): string | undefined {
  if (Object.hasOwn(CODE_SYSTEMS, system)) return FHIR_SYSTEM_URI[system as KnownCodeSystem];
  if (Object.hasOwn(OTHER_SYSTEM_URI, system)) return OTHER_SYSTEM_URI[system];
  if (OID.test(system)) return `urn:oid:${system}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(system)) return system;
  return undefined;
}

export function coding(code: Code): JsonObject {
  const system = systemUri(code.system);
  // FHIR codes have no surrounding whitespace; some documents carry "\tR50.9" or "3457005 ".
  return dropUndefined({ system, code: code.code.trim(), display: code.display });
}

/** A CodeableConcept whose text is what a person calls it (the importer reads text first). */
export function concept(codes: readonly Code[], text?: string): JsonObject {
  const out: JsonObject = {};
  const seen = new Set<string>();
  // Some documents repeat a code as its own translation; one coding says it once.
  const unique = codes.filter((c) => {
    const key = `${c.system}|${c.code}`;
    return !seen.has(key) && seen.add(key);
  });
  if (unique.length) out['coding'] = unique.map(coding);
  if (text) out['text'] = text;
  return out;
}

export function textConcept(text: string): JsonObject {
  return { text };
}

/** A coded concept from one of FHIR's own code systems. */
export function fhirCode(system: string, code: string, display?: string): JsonObject {
  return { coding: [dropUndefined({ system, code, display })] };
}

export function dropUndefined<T extends JsonObject>(value: T): T {
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) delete value[key];
  }
  return value;
}

// ------------------------------------------------------------------ dates

const DATE_ONLY = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
export const LOCAL_TIME_EXTENSION = `${CHARTKEEPER_URN}:local-time`;

/**
 * A Chartkeeper date as a FHIR dateTime. FHIR requires seconds and a time zone once a time is
 * given; seconds are added as :00 (no precision is claimed beyond the minute either way), but
 * a time zone cannot be invented: a local time without one is exported as its date, with the
 * clock time kept in a primitive extension so nothing is lost.
 */
export function fhirDateTime(date: PartialDate | undefined): { value: string; localTime?: string } | undefined {
  if (!date) return undefined;
  if (DATE_ONLY.test(date)) return { value: date };
  const m = DATE_TIME.exec(date);
  if (!m) return undefined;
  const [, day, hm, seconds, zone] = m;
  const time = `${hm}${seconds ?? ':00'}`;
  if (!zone) return { value: day!, localTime: time };
  const offset = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return { value: `${day}T${time}${offset}`};
}

/** Sets `field` (and its `_field` primitive extension when needed) on a FHIR element. */
export function putDate(target: JsonObject, field: string, date: PartialDate | undefined): boolean {
  const converted = fhirDateTime(date);
  if (!converted) return false;
  target[field] = converted.value;
  if (converted.localTime) {
    target[`_${field}`] = { extension: [{ url: LOCAL_TIME_EXTENSION, valueTime: converted.localTime }] };
  }
  return true;
}

export function period(start: PartialDate | undefined, end: PartialDate | undefined): JsonObject | undefined {
  const out: JsonObject = {};
  putDate(out, 'start', start);
  putDate(out, 'end', end);
  return Object.keys(out).length ? out : undefined;
}

/** `${prefix}DateTime` for a single date, `${prefix}Period` when the entry has an end. */
export function putEffective(target: JsonObject, prefix: string, start: PartialDate | undefined, end: PartialDate | undefined): void {
  if (end) {
    const p = period(start, end);
    if (p) target[`${prefix}Period`] = p;
  } else {
    putDate(target, `${prefix}DateTime`, start);
  }
}

/** A full instant (FHIR `instant`), or undefined when the date is less precise than that. */
export function fhirInstant(date: PartialDate | undefined): string | undefined {
  const converted = fhirDateTime(date);
  return converted && converted.value.includes('T') ? converted.value : undefined;
}

// ------------------------------------------------------------------ quantities

/** A Quantity with the UCUM code when the unit is (or has a known alias in) UCUM. */
export function quantity(value: number, unit: string | undefined, comparator?: string): JsonObject {
  const out: JsonObject = { value };
  if (comparator) out['comparator'] = comparator;
  if (unit) {
    out['unit'] = unit;
    const ucum = isUcum(unit) ? unit : toUcum(unit);
    if (ucum && isUcum(ucum)) {
      out['system'] = UCUM_URI;
      out['code'] = ucum;
    }
  }
  return out;
}

const COMPARATOR = /^\s*(<=|>=|<|>)\s*/;

/** The comparator a value was written with ("<0.5" → "<"), when its number is the rest. */
export function comparatorOf(text: string | undefined, number: number): string | undefined {
  if (!text) return undefined;
  const m = COMPARATOR.exec(text);
  if (!m) return undefined;
  return Number(text.slice(m[0].length)) === number ? m[1] : undefined;
}

// ------------------------------------------------------------------ ids and narrative

/**
 * A UUID derived from its parts (SHA-256, RFC 9562 version 8 layout), so exporting the same
 * profile twice gives the same fullUrls and a diff between exports shows only real changes.
 */
export function stableUuid(...parts: string[]): string {
  const hash = crypto.createHash('sha256').update(['chartkeeper-fhir', ...parts].join('\u0000')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x80;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** The entry's own narrative as FHIR XHTML ('additional': it adds to the structured data). */
export function narrativeText(text: string | undefined): JsonObject | undefined {
  if (!text?.trim()) return undefined;
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeXml(p).replaceAll('\n', '<br/>')}</p>`)
    .join('');
  return { status: 'additional', div: `<div xmlns="http://www.w3.org/1999/xhtml">${paragraphs}</div>` };
}
