// Kept documents as FHIR R4 DocumentReferences, each file an attachment carrying its bytes
// (base64), media type, size and SHA-1 as FHIR defines `hash`. The document's own date is the
// period of care it documents; entries it is linked to are `context.related`.
import crypto from 'node:crypto';
import type { DocumentKind } from '../documents/kinds.ts';
import type { KeptDocument } from '../documents/types.ts';
import { CHARTKEEPER_URN, fhirInstant, type FhirResource, type JsonObject, putDate, stableUuid } from './fhir-values.ts';

export interface ExportedDocument {
  document: KeptDocument;
  /** Each file's bytes as they leave (a photo's location already left out unless asked). */
  files: { name: string; mediaType: string; bytes: Uint8Array }[];
}

// LOINC document types for the kinds that have a plain one; the others carry text only.
const KIND_CODES: Partial<Record<DocumentKind, { code: string; display: string }>> = {
  'lab-report': { code: '11502-2', display: 'Laboratory report' },
  'imaging-report': { code: '18748-4', display: 'Diagnostic imaging study' },
  letter: { code: '51852-2', display: 'Letter' },
  prescription: { code: '57833-6', display: 'Prescription for medication' },
  'vaccination-record': { code: '11369-6', display: 'History of Immunization Narrative' },
};

const KIND_TEXT: Record<DocumentKind, string> = {
  'lab-report': 'Lab report',
  'imaging-report': 'Imaging report',
  letter: 'Letter',
  prescription: 'Prescription',
  'insurance-card': 'Insurance card',
  'vaccination-record': 'Vaccination record',
  other: 'Other document',
};

export function documentReference(
  exported: ExportedDocument,
  id: string,
  patient: JsonObject,
  entryUrl: (entryId: number) => string,
  now: string,
): FhirResource {
  const { document, files } = exported;
  const coding = KIND_CODES[document.kind];
  const resource: FhirResource = {
    resourceType: 'DocumentReference',
    id,
    identifier: [{ system: `${CHARTKEEPER_URN}:kept-document`, value: String(document.id) }],
    status: 'current',
    type: { ...(coding ? { coding: [{ system: 'http://loinc.org', ...coding }] } : {}), text: KIND_TEXT[document.kind] },
    subject: patient,
    date: fhirInstant(document.createdAt) ?? now,
    description: document.title,
    content: files.map((file) => ({
      attachment: {
        contentType: file.mediaType,
        data: Buffer.from(file.bytes).toString('base64'),
        title: file.name,
        size: file.bytes.byteLength,
        hash: crypto.createHash('sha1').update(file.bytes).digest('base64'),
      },
    })),
  };
  const context: JsonObject = {};
  const period: JsonObject = {};
  if (document.date && putDate(period, 'start', document.date)) context['period'] = period;
  if (document.linkedEntries.length > 0) context['related'] = document.linkedEntries.map((e) => ({ reference: entryUrl(e.id) }));
  if (Object.keys(context).length > 0) resource['context'] = context;
  if (document.notes.trim()) resource['extension'] = [{ url: `${CHARTKEEPER_URN}:notes`, valueString: document.notes }];
  return resource;
}

export function documentReferences(profileId: string, documents: readonly ExportedDocument[], patient: JsonObject, now: string): { fullUrl: string; resource: FhirResource }[] {
  const entryUrl = (entryId: number) => `urn:uuid:${stableUuid(profileId, 'entry', String(entryId))}`;
  return documents.map((exported) => {
    const id = stableUuid(profileId, 'kept-document', String(exported.document.id));
    return { fullUrl: `urn:uuid:${id}`, resource: documentReference(exported, id, patient, entryUrl, now) };
  });
}
