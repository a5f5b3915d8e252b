// FHIR Consent → an advance directive entry (a Do Not Resuscitate order, a living will, a
// health care proxy): what a clinician taking over care must see. Privacy and research
// consents are not about care, so they stay unread and are named in the import report.
//
// R4 and R5 differ in shape: R4 has scope, dateTime, performer, organization, a single
// provision with `type` permit|deny and sourceAttachment; R5 drops scope, has date, grantor,
// manager/controller, `decision` and a list of provisions and sourceAttachments. STU3 has
// consentingParty, organization list and `except`. Each is read where it is.
import type { Code, EntryDetails, RecordDraft } from '../../records/model.ts';
import { conceptCodes, conceptText } from './codes.ts';
import type { FhirContext } from './context.ts';
import { fhirDate, periodOf, referenceName } from './context.ts';
import type { JsonObject } from './json.ts';
import { arr, obj, str } from './json.ts';
import type { Mapped } from './mapped.ts';
import { dropEmpty, normalizeStatus, ok, skip, whereOf } from './mapped.ts';

/** Scope codes (R4 consentscope) of a directive about care. */
const CARE_SCOPES = new Set(['adr', 'treatment']);
/** Category codes that name a directive: HL7 consentcategorycodes, LOINC advance directive and POLST documents. */
const DIRECTIVE_CATEGORIES = new Set(['acd', 'dnr', 'polst', 'hcd', 'advance-directive', '42348-3', '75320-2', '64298-3', '92664-2', '100823-4']);
/** Words that name a directive when no known code does. */
const DIRECTIVE_WORDS = /advance directive|resuscitat|\bDNR\b|\bDNAR\b|\bPOLST\b|\bMOLST\b|living will|health ?care proxy|life[- ]sustaining/i;

function codesOf(concepts: unknown[]): string[] {
  return concepts.flatMap((c) => arr(obj(c)?.['coding']).map((coding) => str(obj(coding)?.['code'])?.toLowerCase() ?? ''));
}

/** Whether a Consent is an advance directive (about care), not a privacy or research consent. */
export function isDirective(resource: JsonObject): boolean {
  const scope = obj(resource['scope']);
  const categories = arr(resource['category']);
  if (codesOf(scope ? [scope] : []).some((c) => CARE_SCOPES.has(c))) return true;
  if (codesOf(categories).some((c) => DIRECTIVE_CATEGORIES.has(c))) return true;
  const words = [...categories, ...provisionsOf(resource).flatMap((p) => arr(p['code']))].map(conceptText).filter(Boolean).join(' ');
  return DIRECTIVE_WORDS.test(words);
}

/** The top provision(s): R4 one object, R5 a list; nested provisions follow their parent. */
function provisionsOf(resource: JsonObject): JsonObject[] {
  const top = Array.isArray(resource['provision']) ? arr(resource['provision']) : [resource['provision']];
  const out: JsonObject[] = [];
  const walk = (p: unknown, depth: number) => {
    const o = obj(p);
    if (!o || depth > 4) return;
    out.push(o);
    for (const inner of arr(o['provision'])) walk(inner, depth + 1);
  };
  for (const p of top) walk(p, 0);
  return out;
}

/** "deny: Cardiopulmonary resuscitation (2020-01-01 – 2021-01-01)": a provision in the source's words. */
function provisionWords(p: JsonObject, type: string | undefined): string | undefined {
  const what = arr(p['code']).map(conceptText).filter(Boolean).join(', ');
  const when = periodOf(p['period']);
  const period = when.start || when.end ? ` (${when.start ?? '…'} – ${when.end ?? '…'})` : '';
  const action = arr(p['action']).map(conceptText).filter(Boolean).join(', ');
  const body = [what, action ? `action: ${action}` : ''].filter(Boolean).join('; ');
  if (!body && !period) return undefined;
  return `${type ? `${type}: ` : ''}${body}${period}`;
}

function names(ctx: FhirContext, refs: unknown[], from: JsonObject): string[] {
  const out: string[] = [];
  for (const name of refs.map((r) => referenceName(ctx, r, from))) if (name && !out.includes(name)) out.push(name);
  return out;
}

function asList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function mapConsent(resource: JsonObject, ctx: FhirContext): Mapped | null {
  if (!isDirective(resource)) return null;
  const where = whereOf(resource);
  if (str(resource['status']) === 'entered-in-error') return skip('directives', 'This advance directive was marked as entered in error.', where);
  const categories = arr(resource['category']);
  const provisions = provisionsOf(resource);
  const [top, ...inner] = provisions;
  // R4 provision.type, R5 Consent.decision, STU3 has neither (its `except` is read below).
  const decision = str(top?.['type']) ?? str(resource['decision']);
  const provisionCodes: Code[] = (top ? arr(top['code']) : []).flatMap(conceptCodes);
  const provisionText = (top ? arr(top['code']) : []).map(conceptText).filter(Boolean).join(', ') || undefined;
  // The scope's words only: a bare code ("adr") says no more than the entry's kind does.
  const scopeConcept = obj(resource['scope']);
  const scope = str(scopeConcept?.['text']) ?? arr(scopeConcept?.['coding']).map((c) => str(obj(c)?.['display'])).find(Boolean);
  const title = categories.map(conceptText).find(Boolean) ?? provisionText ?? scope;
  if (!title) return skip('directives', 'An advance directive names neither its kind nor what it says.', where);
  const attachments = asList(resource['sourceAttachment']).map(obj).filter((a): a is JsonObject => !!a);
  const sourceTitle = attachments.map((a) => str(a['title'])).filter(Boolean).join('; ') || str(obj(resource['sourceReference'])?.['display']);
  const performers = names(ctx, [...arr(resource['performer']), ...arr(resource['grantor']), ...arr(resource['consentingParty'])], resource);
  const organization = names(ctx, [...asList(resource['organization']), ...arr(resource['manager']), ...arr(resource['controller'])], resource).join('; ');
  const sourceStatus = str(resource['status']);
  // A rejected directive is not in force: said as refused, so no list shows it as if it stood.
  const status = sourceStatus === 'rejected' ? 'refused' : normalizeStatus(resource['status']);
  const more = [
    ...inner.map((p) => provisionWords(p, str(p['type']))),
    ...arr(resource['except']).map((e) => obj(e)).filter((e): e is JsonObject => !!e).map((e) => provisionWords(e, str(e['type']))),
  ].filter((w): w is string => !!w);
  const policies = [...arr(resource['policy']).map((p) => str(obj(p)?.['uri'])), conceptText(resource['policyRule'])].filter(Boolean);
  // Chartkeeper's own export keeps a comment it read before in this extension.
  const kept = arr(resource['extension']).map(obj).find((x) => str(x?.['url']) === 'urn:chartkeeper:fhir:comment');
  const comment = [
    str(kept?.['valueString']),
    // A status the record model has no word for ("rejected") is kept as the source said it.
    sourceStatus && status === 'unknown' && sourceStatus !== 'unknown' ? `Status in the source: ${sourceStatus}` : undefined,
    more.length ? `Further provisions: ${more.join('; ')}` : undefined,
    policies.length ? `Policy: ${policies.join('; ')}` : undefined,
  ]
    .filter((part, i, all): part is string => !!part && all.indexOf(part) === i)
    .join('. ');
  const details: EntryDetails = dropEmpty({
    directiveScope: scope,
    provision: decision,
    provisionCodes,
    provisionText,
    performers,
    organization: organization || undefined,
    sourceTitle,
    comment: comment || undefined,
  });
  const record: RecordDraft = { kind: 'directive', title, codes: categories.flatMap(conceptCodes), details, sourceLocation: where };
  if (status) record.status = status;
  const when = periodOf(top?.['period']);
  const date = fhirDate(resource['dateTime']) ?? fhirDate(resource['date']) ?? when.start;
  if (date) record.start = date;
  if (when.end) record.end = when.end;
  return ok(record);
}
