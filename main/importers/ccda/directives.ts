// C-CDA Advance Directive Observation (4.48, alone or in the 4.108 organizer; CCD 1.0, HITSP
// C83 and IHE PCC write the same shape) → a `directive` entry, its details filled as the FHIR
// Consent mapping fills them so every screen and export that shows directives reads it alike.
//
// The observation's code says what the directive is about ("Resuscitation"), its value what it
// decides ("Do not resuscitate"): the decision is the provision's words, never turned into
// permit/deny (that would be Chartkeeper's reading, not the source's). Its statusCode is the
// observation's ("completed" says the act of observing is done, not that the directive ended).
import type { Code, EntryDetails, RecordDraft } from '../../records/model.ts';
import { attr, child, children, path, templateIds, textOf, type XmlNode } from '../xml/tree.ts';
import { meaningful, readCoded, referencedOrOwnText } from './codes.ts';
import { readInterval, tsToIso } from './dates.ts';
import type { EntryContext, Mapped } from './entries.ts';
import { DIRECTIVE_TYPE_NAMES, isGenericCode, PLACEHOLDER_TEXT } from './known-codes.ts';
import { STATUS_LOINC } from './templates.ts';
import { entityName, xsiType } from './values.ts';

/** Advance Directive Status Observation (CCD 1.0, kept in C-CDA R1.1 writers): "Current and verified". */
const STATUS_TEMPLATE = '2.16.840.1.113883.10.20.1.37';

/** Statuses of the observation that say something about the directive ("completed" does not). */
const STATUS_WORDS: Record<string, string> = {
  active: 'active',
  aborted: 'cancelled',
  cancelled: 'cancelled',
  suspended: 'inactive',
};

/** The words of a coded element unless they only stand in for absent data. */
function wordsOf(text: string | undefined): string | undefined {
  return text && !PLACEHOLDER_TEXT.test(text) ? text : undefined;
}

function specificCodes(codes: readonly Code[]): Code[] {
  return codes.filter((c) => !isGenericCode(c));
}

/** The type's name we ship for a SNOMED code sent without words (Allscripts' 78823007). */
function shippedTypeName(codes: readonly Code[]): string | undefined {
  return codes.map((c) => (c.system === 'SNOMED' ? DIRECTIVE_TYPE_NAMES[c.code] : undefined)).find(Boolean);
}

/** The decision: a coded value ("Do not resuscitate"), or a BL value as the source wrote it. */
function decisionOf(observation: XmlNode, context: EntryContext): { codes: Code[]; text?: string } {
  const value = child(observation, 'value');
  if (!value || (attr(value, 'nullFlavor') && !child(value, 'originalText'))) return { codes: [] };
  if (xsiType(value) === 'BL') {
    const said = attr(value, 'value');
    return said ? { codes: [], text: said } : { codes: [] };
  }
  return readCoded(value, context.index);
}

/** "Dr. Robert Dolin (2011-02-13)": a participant's name, and its time as the source gave it. */
function participants(observation: XmlNode, typeCode: string): string[] {
  const out: string[] = [];
  for (const participant of children(observation, 'participant')) {
    if (attr(participant, 'typeCode') !== typeCode) continue;
    const name = entityName(child(participant, 'participantRole'));
    if (!name) continue;
    const raw = attr(child(participant, 'time'), 'value') ?? attr(path(participant, 'time', 'low'), 'value');
    // A time that is not a date ("201102013") is kept as written.
    const when = tsToIso(raw) ?? meaningful(raw);
    const said = when ? `${name} (${when})` : name;
    if (!out.includes(said)) out.push(said);
  }
  return out;
}

/** The document it rests on: its text or URL, else its id. Never fetched. */
function externalDocumentOf(observation: XmlNode, context: EntryContext): string | undefined {
  const said: string[] = [];
  for (const reference of children(observation, 'reference')) {
    const document = child(reference, 'externalDocument');
    if (!document) continue;
    const text = child(document, 'text');
    const url = meaningful(attr(child(text, 'reference'), 'value'));
    const own = meaningful(textOf(text));
    const title = meaningful(referencedOrOwnText(child(document, 'code'), context.index)) ?? meaningful(attr(child(document, 'code'), 'displayName'));
    const id = child(document, 'id');
    const idText = meaningful(attr(id, 'extension')) ?? meaningful(attr(id, 'root'));
    const words = [title, own, url].filter((w, i, all): w is string => Boolean(w) && all.indexOf(w) === i);
    const one = words.length > 0 ? words.join(', ') : idText;
    if (one && !said.includes(one)) said.push(one);
  }
  return said.length > 0 ? said.join('; ') : undefined;
}

/** The Advance Directive Status Observation's words ("Current and verified"). */
function statusWords(observation: XmlNode, context: EntryContext): string | undefined {
  for (const link of children(observation, 'entryRelationship')) {
    const status = child(link, 'observation');
    if (!status) continue;
    const isStatus = attr(child(status, 'code'), 'code') === STATUS_LOINC || templateIds(status).includes(STATUS_TEMPLATE);
    if (isStatus) return readCoded(child(status, 'value'), context.index).text;
  }
  return undefined;
}

export function mapDirective(context: EntryContext, observation: XmlNode): Mapped {
  const where = context.where;
  if (attr(child(observation, 'statusCode'), 'code') === 'nullified') {
    return { kind: 'directives', reason: 'This advance directive was marked as entered in error (nullified).', where };
  }
  const about = readCoded(child(observation, 'code'), context.index);
  const decision = decisionOf(observation, context);
  const narrative = meaningful(referencedOrOwnText(child(observation, 'text'), context.index));
  // What it is about, when the code names a kind of directive: generic codes ("Advance directive
  // type") name none, and placeholder words ("excluded/not available") name nothing.
  const specificAbout = specificCodes(about.codes).length > 0 ? (wordsOf(about.text) ?? shippedTypeName(about.codes)) : undefined;
  const title = specificAbout ?? decision.text ?? about.text ?? narrative;
  if (!title) {
    return {
      kind: 'directives',
      reason: 'This advance directive entry names no directive, decision or text; the section’s text may say more: see the document.',
      where,
    };
  }
  const verifiedBy = participants(observation, 'VRF');
  const custodian = participants(observation, 'CST').join('; ');
  const details: EntryDetails = {};
  const aboutWords = wordsOf(about.text);
  if (aboutWords && aboutWords !== title) details.directiveScope = aboutWords;
  if (decision.text) details.provisionText = decision.text;
  if (decision.codes.length > 0) details.provisionCodes = decision.codes;
  if (verifiedBy.length > 0) details.verifiedBy = verifiedBy;
  if (custodian) details.custodian = custodian;
  const document = externalDocumentOf(observation, context);
  if (document) details.sourceTitle = document;
  const sourceStatus = statusWords(observation, context);
  if (sourceStatus) details.comment = sourceStatus;
  const record: RecordDraft = { kind: 'directive', title, codes: about.codes, details, sourceLocation: where };
  const when = readInterval(child(observation, 'effectiveTime'));
  if (when.start) record.start = when.start;
  if (when.end) record.end = when.end;
  // negationInd: the source states this directive is NOT in place; never a directive in force.
  if (attr(observation, 'negationInd')?.toLowerCase() === 'true') record.status = 'not-done';
  else {
    const status = STATUS_WORDS[attr(child(observation, 'statusCode'), 'code')?.toLowerCase() ?? ''];
    if (status) record.status = status;
  }
  if (narrative && narrative !== title && narrative !== decision.text) record.narrative = narrative;
  return record;
}
