// A profile's whole record as one FHIR R4 Bundle (type collection): the Patient, one
// US Core-shaped resource per entry (fhir-resources.ts), a DiagnosticReport or panel
// Observation per result panel, and one Provenance per entry naming every source it was seen in.
//
// Deterministic: fullUrls are UUIDs derived from the profile id and the entry id, so the same
// record exported twice gives the same bundle (given the same `now`).
//
// Provenance: a Provenance resource per entry, one agent per provider and one entity per
// source document (its file name, format and document date). This is the standard FHIR way,
// so other FHIR tools show where each entry came from. Chartkeeper's own importer does not
// read Provenance back: re-importing an export records the export file as the one source,
// which is the truth about that import; the original sources stay listed in the file.
import type { StoredEntry } from '../records/model.ts';
import type { ProfileRow } from '../vault/vault.ts';
import { documentReferences, type ExportedDocument } from './fhir-documents.ts';
import { RESOURCE_OF_KIND, type ExportContext, observationCategory } from './fhir-resources.ts';
import { isHiddenByPerson } from '../records/readable/personal.ts';
import { addPersonalNotes } from './personal-notes.ts';
import {
  CHARTKEEPER_URN,
  concept,
  dropUndefined,
  fhirInstant,
  type FhirResource,
  type JsonObject,
  putDate,
  putEffective,
  stableUuid,
} from './fhir-values.ts';

export type ExportedProfile = Pick<ProfileRow, 'id' | 'name' | 'birthDate' | 'sex'>;

export interface FhirBundle extends JsonObject {
  resourceType: 'Bundle';
  type: 'collection';
  entry: { fullUrl: string; resource: FhirResource }[];
}

const DOCUMENT_DATE_EXTENSION = `${CHARTKEEPER_URN}:document-date`;
const SOURCE_FORMAT_EXTENSION = `${CHARTKEEPER_URN}:source-format`;

/** US Core requires a gender; a profile without one is 'unknown', which is what it says. */
function gender(sex: string | undefined): string {
  if (!sex) return 'unknown';
  const s = sex.trim().toLowerCase();
  if (s === 'f' || s === 'female' || s === 'woman') return 'female';
  if (s === 'm' || s === 'male' || s === 'man') return 'male';
  if (s === 'unknown' || s === 'u') return 'unknown';
  return 'other';
}

export function patientResource(profile: ExportedProfile, id: string): FhirResource {
  const words = profile.name.trim().split(/\s+/).filter(Boolean);
  const name: JsonObject = { text: profile.name.trim() };
  if (words.length > 1) {
    name['family'] = words[words.length - 1]!;
    name['given'] = words.slice(0, -1);
  } else if (words[0]) {
    name['given'] = [words[0]];
  }
  const patient: FhirResource = {
    resourceType: 'Patient',
    id,
    identifier: [{ system: `${CHARTKEEPER_URN}:profile`, value: profile.id }],
    name: [name],
  };
  patient['gender'] = gender(profile.sex);
  putDate(patient, 'birthDate', profile.birthDate);
  return patient;
}

function provenance(entry: StoredEntry, id: string, target: string, patientRef: JsonObject, now: string): FhirResource | undefined {
  if (entry.sources.length === 0) return undefined;
  const agents: JsonObject[] = [];
  const seen = new Set<string>();
  for (const source of entry.sources) {
    if (seen.has(source.provider)) continue;
    seen.add(source.provider);
    const typeCode = source.format === 'manual' ? 'enterer' : 'author';
    const who = source.format === 'manual' ? { ...patientRef, display: source.provider } : { display: source.provider };
    agents.push({
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: typeCode }] },
      who,
    });
  }
  const entities = entry.sources.map((source) => {
    const extension: JsonObject[] = [{ url: SOURCE_FORMAT_EXTENSION, valueCode: source.format }];
    if (source.documentDate) {
      const date: JsonObject = { url: DOCUMENT_DATE_EXTENSION };
      putDate(date, 'valueDateTime', source.documentDate);
      extension.push(date);
    }
    const label = source.fileName ?? source.provider;
    return {
      extension,
      role: 'source',
      what: dropUndefined({
        identifier: { system: `${CHARTKEEPER_URN}:source`, value: String(source.sourceId) },
        display: source.documentDate ? `${label} (${source.documentDate})` : label,
      }),
    };
  });
  const recorded = entry.sources.map((s) => fhirInstant(s.importedAt)).find(Boolean) ?? now;
  return { resourceType: 'Provenance', id, target: [{ reference: target }], recorded, agent: agents, entity: entities };
}

/** Results (and vitals) that a source grouped under one panel on one date. */
function panelKey(entry: StoredEntry): string | undefined {
  const panel = entry.details.panel;
  if ((!panel && !entry.details.panelCodes?.length) || !['result', 'vital', 'social', 'functional'].includes(entry.kind)) return undefined;
  const codes = (entry.details.panelCodes ?? []).map((c) => `${c.system}|${c.code}`).join(',');
  return [entry.kind, panel ?? '', codes, entry.start ?? ''].join('\u0001');
}

function panelResource(members: StoredEntry[], id: string, memberUrls: string[], patientRef: JsonObject): FhirResource {
  const first = members[0]!;
  const code = concept(first.details.panelCodes ?? [], first.details.panel);
  if (first.kind === 'result') {
    const report: FhirResource = {
      resourceType: 'DiagnosticReport',
      id,
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB', display: 'Laboratory' }] }],
      code,
      subject: patientRef,
    };
    putEffective(report, 'effective', first.start, undefined);
    report['result'] = memberUrls.map((reference) => ({ reference }));
    return report;
  }
  // Vital-sign and other panels are grouping Observations (hasMember), as US Core does for
  // blood pressure panels.
  const group: FhirResource = {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [observationCategory(first.kind)],
    code,
    subject: patientRef,
  };
  putEffective(group, 'effective', first.start, undefined);
  group['hasMember'] = memberUrls.map((reference) => ({ reference }));
  return group;
}

export function buildFhirBundle(profile: ExportedProfile, entries: readonly StoredEntry[], now: string, documents: readonly ExportedDocument[] = []): FhirBundle {
  const patientId = stableUuid(profile.id, 'patient');
  const patientUrl = `urn:uuid:${patientId}`;
  const patientRef = { reference: patientUrl };
  const ctx: ExportContext = { patient: patientRef, now };
  const bundleEntries: FhirBundle['entry'] = [{ fullUrl: patientUrl, resource: patientResource(profile, patientId) }];
  const provenances: FhirBundle['entry'] = [];
  const panels = new Map<string, { members: StoredEntry[]; urls: string[] }>();

  // Oldest first by id: the order entries were added, stable between exports. What the person
  // hid or said is wrong is not exported; what else they said goes into the resource's notes.
  const ordered = entries.filter((entry) => !isHiddenByPerson(entry)).sort((a, b) => a.id - b.id);
  for (const entry of ordered) {
    const id = stableUuid(profile.id, 'entry', String(entry.id));
    const url = `urn:uuid:${id}`;
    bundleEntries.push({ fullUrl: url, resource: addPersonalNotes(RESOURCE_OF_KIND[entry.kind](entry, id, ctx), entry) });
    const provenanceId = stableUuid(profile.id, 'provenance', String(entry.id));
    const link = provenance(entry, provenanceId, url, patientRef, now);
    if (link) provenances.push({ fullUrl: `urn:uuid:${provenanceId}`, resource: link });
    const key = panelKey(entry);
    if (key) {
      const panel = panels.get(key) ?? { members: [], urls: [] };
      panel.members.push(entry);
      panel.urls.push(url);
      panels.set(key, panel);
    }
  }
  for (const [key, panel] of panels) {
    const id = stableUuid(profile.id, 'panel', key);
    bundleEntries.push({ fullUrl: `urn:uuid:${id}`, resource: panelResource(panel.members, id, panel.urls, patientRef) });
  }
  return {
    resourceType: 'Bundle',
    id: stableUuid(profile.id, 'bundle'),
    meta: { lastUpdated: now },
    identifier: { system: `${CHARTKEEPER_URN}:export`, value: stableUuid(profile.id, 'bundle', now) },
    type: 'collection',
    timestamp: now,
    entry: [...bundleEntries, ...documentReferences(profile.id, documents, patientRef, now), ...provenances],
  };
}
