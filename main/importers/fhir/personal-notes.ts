// A person's own notes and questions, as a Chartkeeper export writes them: a note as a
// Communication and a question for a clinician as a CommunicationRequest, each marked by a
// category in the urn:chartkeeper:fhir:entry-kind system, its words as payload.contentString
// (title, then comment, then narrative, separated by blank lines).
//
// Other Communications (messages between a clinic and a payer, say) are not the person's notes
// nor questions: they return null and are reported as a kind Chartkeeper does not read.
import type { RecordDraft } from '../../records/model.ts';
import type { FhirContext } from './context.ts';
import { fhirDate } from './context.ts';
import type { JsonObject } from './json.ts';
import { arr, obj, str } from './json.ts';
import type { Mapped } from './mapped.ts';
import { enteredInError, ok, skip, whereOf } from './mapped.ts';

const ENTRY_KIND_SYSTEM = 'urn:chartkeeper:fhir:entry-kind';

function entryKind(resource: JsonObject): string | undefined {
  for (const concept of arr(resource['category'])) {
    for (const coding of arr(obj(concept)?.['coding'])) {
      const c = obj(coding);
      if (c?.['system'] === ENTRY_KIND_SYSTEM) return str(c['code']);
    }
  }
  return undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The plain text of the XHTML narrative the export writes: paragraphs and line breaks. */
export function narrativeOf(resource: JsonObject): string | undefined {
  const div = str(obj(resource['text'])?.['div']);
  if (!div) return undefined;
  const text = div
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p(\s[^>]*)?>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .trim();
  return text || undefined;
}

/** Paragraphs as the XHTML narrative keeps them: trimmed, one blank line between. */
function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Title, comment and narrative back out of the payload text. The narrative is the tail of the
 * payload whose paragraphs are those of the XHTML narrative; the payload keeps it as written
 * (the XHTML has lost its spacing), so that tail is the narrative read back.
 */
function words(resource: JsonObject): { title?: string; comment?: string; narrative?: string } {
  const content = arr(resource['payload'])
    .map((p) => obj(p)?.['contentString'])
    .find((c): c is string => typeof c === 'string' && c.trim() !== '');
  const xhtml = narrativeOf(resource);
  if (!content) return xhtml ? { title: xhtml.split('\n')[0], narrative: xhtml } : {};
  const titleEnd = content.indexOf('\n\n');
  if (titleEnd < 0) return { title: content.trim() };
  const title = content.slice(0, titleEnd).trim();
  let narrative: string | undefined;
  let rest = content.slice(titleEnd + 2);
  if (xhtml) {
    const wanted = paragraphs(xhtml);
    // The first break from which the rest is the narrative: everything before it is comment.
    for (let cut = titleEnd; cut >= 0; cut = content.indexOf('\n\n', cut + 1)) {
      const tail = content.slice(cut + 2);
      if (paragraphs(tail) === wanted) {
        narrative = tail;
        rest = content.slice(titleEnd + 2, Math.max(titleEnd + 2, cut));
        break;
      }
    }
  }
  const out: { title?: string; comment?: string; narrative?: string } = { title };
  if (rest.trim()) out.comment = rest;
  if (narrative) out.narrative = narrative;
  return out;
}

function personal(resource: JsonObject, kind: 'note' | 'question'): RecordDraft | undefined {
  const { title, comment, narrative } = words(resource);
  if (!title) return undefined;
  const record: RecordDraft = { kind, title, codes: [], details: {}, sourceLocation: whereOf(resource) };
  if (comment) record.details.comment = comment;
  if (narrative) record.narrative = narrative;
  return record;
}

export function mapCommunication(resource: JsonObject, _ctx: FhirContext): Mapped | null {
  if (entryKind(resource) !== 'note') return null;
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip(undefined, 'A note was marked as entered in error.', where);
  const record = personal(resource, 'note');
  if (!record) return skip(undefined, 'A note has no text.', where);
  // The export writes every note as 'completed' (it was written): that says nothing more.
  const sent = fhirDate(resource['sent']);
  if (sent) record.start = sent;
  return ok(record);
}

export function mapCommunicationRequest(resource: JsonObject, _ctx: FhirContext): Mapped | null {
  if (entryKind(resource) !== 'question') return null;
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip(undefined, 'A question was marked as entered in error.', where);
  const record = personal(resource, 'question');
  if (!record) return skip(undefined, 'A question has no text.', where);
  // 'active' is the export's word for a question still to be asked, whatever status it had.
  if (resource['status'] === 'completed') record.status = 'completed';
  const authored = fhirDate(resource['authoredOn']);
  if (authored) record.start = authored;
  const planned = fhirDate(resource['occurrenceDateTime']) ?? fhirDate(obj(resource['occurrencePeriod'])?.['start']);
  if (planned) record.details.plannedFor = planned;
  return ok(record);
}
