// DocumentReference → a 'note' entry on the timeline plus its inline attachments kept whole.
import type { Attachment } from '../../records/model.ts';
import { conceptCodes, conceptText } from './codes.ts';
import type { FhirContext } from './context.ts';
import { fhirDate, periodOf, referenceName } from './context.ts';
import type { JsonObject } from './json.ts';
import { arr, obj, str } from './json.ts';
import type { Mapped } from './mapped.ts';
import { dropEmpty, enteredInError, none, whereOf } from './mapped.ts';
import { attachmentText, inlineAttachments } from './observations.ts';

export function mapDocumentReference(resource: JsonObject, ctx: FhirContext): Mapped & { attachments: Attachment[] } {
  if (enteredInError(resource) || resource['status'] === 'superseded') return { ...none(), attachments: [] };
  const title = str(resource['description']) ?? conceptText(resource['type']) ?? 'Document';
  const contents = arr(resource['content']).map((c) => obj(c)?.['attachment']);
  const attachments = inlineAttachments(contents, title);
  const links = contents.map((a) => str(obj(a)?.['url'])).filter((u): u is string => !!u && /^https:\/\//.test(u));
  const record = {
    kind: 'note' as const,
    title,
    codes: conceptCodes(resource['type']),
    details: dropEmpty({
      performers: arr(resource['author']).map((a) => referenceName(ctx, a, resource)).filter((a): a is string => !!a),
      provider: referenceName(ctx, resource['custodian'], resource),
      comment: links.length ? `Linked document: ${links.join(', ')}` : undefined,
    }),
    sourceLocation: whereOf(resource),
    start:
      fhirDate(resource['date']) ??
      periodOf(obj(resource['context'])?.['period']).start ??
      fhirDate(resource['indexed']),
  };
  if (!record.start) delete record.start;
  const text = attachmentText(contents);
  return { records: [text ? { ...record, narrative: text } : record], problems: [], attachments };
}
