// The IPS IG's structural rules (FHIR R4 IPS, Bundle-uv-ips and Composition-uv-ips), encoded
// as checks that list every rule a document breaks. Used on Chartkeeper's exports and on the
// official IPS examples alike, so the rules are tested against documents HL7 wrote.
type Json = Record<string, unknown>;

const LOINC = 'http://loinc.org';
export const REQUIRED_SECTIONS = { problems: '11450-4', allergies: '48765-2', medications: '10160-0' } as const;
const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

function hasCoding(concept: unknown, system: string, code: string): boolean {
  return arr(obj(concept)?.['coding']).some((c) => obj(c)?.['system'] === system && obj(c)?.['code'] === code);
}

/** A CodeableConcept with a coding or text (codes as the source gave them, or its words). */
function isConcept(concept: unknown): boolean {
  const c = obj(concept);
  return !!c && (arr(c['coding']).some((x) => str(obj(x)?.['code']) ?? str(obj(x)?.['display'])) || !!str(c['text']));
}

function hasNarrative(text: unknown): boolean {
  const div = str(obj(text)?.['div']);
  return !!div && /^<div[^>]*xmlns=["']http:\/\/www\.w3\.org\/1999\/xhtml["']/.test(div.trim()) && !!str(obj(text)?.['status']);
}

export interface IpsCheckOptions {
  /** Chartkeeper's own exports: every fullUrl a urn:uuid (examples may use http URLs). */
  uuidFullUrls?: boolean;
}

/** Resolves a reference inside the bundle: by fullUrl, or `Type/id` against a resource's type and id. */
function resolver(entries: Json[]): (reference: string) => Json | undefined {
  const byUrl = new Map<string, Json>();
  const byTypeId = new Map<string, Json>();
  for (const e of entries) {
    const resource = obj(e['resource']);
    if (!resource) continue;
    const url = str(e['fullUrl']);
    if (url) byUrl.set(url, resource);
    if (str(resource['id'])) byTypeId.set(`${String(resource['resourceType'])}/${String(resource['id'])}`, resource);
  }
  return (reference) => byUrl.get(reference) ?? byTypeId.get(reference.replace(/^.*\/([A-Z][A-Za-z]+\/[^/]+)$/, '$1'));
}

function checkEntryResource(resource: Json, where: string): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(`${where}: ${String(resource['resourceType'])} lacks ${what}`);
  };
  const ref = (field: string) => !!str(obj(resource[field])?.['reference']);
  switch (resource['resourceType']) {
    case 'AllergyIntolerance':
      need(ref('patient'), 'patient');
      need(isConcept(resource['code']), 'code');
      break;
    case 'Condition':
      need(ref('subject'), 'subject');
      need(isConcept(resource['code']), 'code');
      break;
    case 'MedicationStatement':
      need(ref('subject'), 'subject');
      need(isConcept(resource['medicationCodeableConcept']) || ref('medicationReference'), 'medication[x]');
      need(!!str(resource['status']), 'status');
      break;
    case 'Immunization':
      need(ref('patient'), 'patient');
      need(isConcept(resource['vaccineCode']), 'vaccineCode');
      need(!!str(resource['occurrenceDateTime']) || !!str(resource['occurrenceString']), 'occurrence[x]');
      need(!!str(resource['status']), 'status');
      break;
    case 'Observation':
      need(!!str(resource['status']), 'status');
      need(isConcept(resource['code']), 'code');
      need(ref('subject'), 'subject');
      break;
  }
  return problems;
}

/** Every IPS structural rule the bundle breaks; empty when it conforms. */
export function ipsProblems(bundle: unknown, options: IpsCheckOptions = {}): string[] {
  const problems: string[] = [];
  const b = obj(bundle);
  if (b?.['resourceType'] !== 'Bundle') return ['not a Bundle'];
  if (b['type'] !== 'document') problems.push(`Bundle.type is ${String(b['type'])}, not document`);
  if (!str(obj(b['identifier'])?.['value'])) problems.push('Bundle.identifier missing');
  if (!str(b['timestamp'])) problems.push('Bundle.timestamp missing');
  const entries = arr(b['entry']).map((e) => obj(e) ?? {});
  if (!entries.length) return [...problems, 'Bundle has no entries'];
  for (const [i, e] of entries.entries()) {
    const url = str(e['fullUrl']);
    if (!url) problems.push(`entry ${i} has no fullUrl`);
    else if (options.uuidFullUrls && !UUID_URN.test(url)) problems.push(`entry ${i} fullUrl ${url} is not a urn:uuid`);
    if (!obj(e['resource'])) problems.push(`entry ${i} has no resource`);
  }
  const resolve = resolver(entries);

  const composition = obj(entries[0]!['resource']);
  if (composition?.['resourceType'] !== 'Composition') return [...problems, 'the first entry is not a Composition'];
  if (!hasCoding(composition['type'], LOINC, '60591-5')) problems.push('Composition.type is not LOINC 60591-5');
  for (const field of ['status', 'date', 'title']) if (!str(composition[field])) problems.push(`Composition.${field} missing`);
  const subject = str(obj(composition['subject'])?.['reference']);
  if (!subject || resolve(subject)?.['resourceType'] !== 'Patient') problems.push('Composition.subject does not resolve to a Patient');
  const authors = arr(composition['author']);
  if (!authors.length) problems.push('Composition.author missing');
  for (const a of authors) {
    const r = str(obj(a)?.['reference']);
    if (r && !resolve(r)) problems.push(`Composition.author ${r} does not resolve`);
    if (!r && !str(obj(a)?.['display'])) problems.push('Composition.author has neither reference nor display');
  }

  const sections = arr(composition['section']).map((s) => obj(s) ?? {});
  for (const [name, code] of Object.entries(REQUIRED_SECTIONS)) {
    if (!sections.some((s) => hasCoding(s['code'], LOINC, code))) problems.push(`required section ${name} (${code}) missing`);
  }
  for (const [i, section] of sections.entries()) {
    const where = `section ${i} (${str(section['title']) ?? 'untitled'})`;
    if (!str(section['title'])) problems.push(`${where}: no title`);
    if (!isConcept(section['code'])) problems.push(`${where}: no code`);
    const refs = arr(section['entry']);
    if (!hasNarrative(section['text'])) problems.push(`${where}: no xhtml narrative`);
    // IPS: a required section with nothing in it says why (emptyReason), never just narrative.
    const required = Object.values(REQUIRED_SECTIONS).some((code) => hasCoding(section['code'], LOINC, code));
    if (required && !refs.length && !obj(section['emptyReason'])) problems.push(`${where}: required, with no entries and no emptyReason`);
    if (refs.length && obj(section['emptyReason'])) problems.push(`${where}: emptyReason beside entries`);
    for (const r of refs) {
      const reference = str(obj(r)?.['reference']);
      const target = reference ? resolve(reference) : undefined;
      if (!target) {
        problems.push(`${where}: entry ${reference ?? '(no reference)'} does not resolve inside the bundle`);
        continue;
      }
      problems.push(...checkEntryResource(target, where));
    }
  }
  return problems;
}
