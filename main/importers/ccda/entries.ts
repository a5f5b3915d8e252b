// One mapper per entry kind: a clinical statement (plus the entry it sits in) to a RecordDraft,
// or an ImportProblem saying in plain words why it could not be read.
import type { Code, EntryDetails, EntryKind, ImportProblem, NoneKnownStatement, Quantity, RecordDraft, ReportKind } from '../../records/model.ts';
import { attr, child, children, elements, hasTemplate, isText, kids, nameOf, path, shortTextOf, textOf, type XmlNode } from '../xml/tree.ts';
import type { NarrativeIndex } from '../narrative/index.ts';
import { meaningful, originalText, readCoded, referencedOrOwnText } from './codes.ts';
import { ROUTE_NAMES } from '../../records/readable/routes.ts';
import {
  ABSENT_DATA_TEXT,
  ALLERGY_TYPE_NAMES,
  CRITICALITY_NAMES,
  namesNothingSpecific,
  NONE_KNOWN_TEXT,
  NOT_GIVEN_REASONS,
  STRONG_NONE_KNOWN,
  onlyGenericCodes,
  PLACEHOLDER_TEXT,
  SEVERITY_NAMES,
  shippedName,
} from './known-codes.ts';
import { readInterval, type Interval } from './dates.ts';
import { mapDirective } from './directives.ts';
import { approachSiteOf, bodySiteOf, dischargeOf, methodOf, problemTypeCodesOf } from './coded-details.ts';
import { diedOf, onsetAgeOf } from './family-facts.ts';
import { entityName, formatName, readReferenceRange, readValue, xsiType } from './values.ts';
import {
  ADMINISTERED_SECTION_LOINC,
  ADMINISTERED_SECTIONS,
  ALLERGY_STATUS,
  COMMENT,
  COMMENT_LOINC,
  CRITICALITY,
  ENCOUNTER_DIAGNOSIS,
  INTERVENTION_WRAPPERS,
  MEDICATION_STATUS,
  IMMUNIZATION_REFUSAL,
  INSTRUCTIONS,
  PROBLEM_STATUS,
  REACTION,
  SEVERITY,
  STATEMENT_TEMPLATES,
  STATUS_LOINC,
  type SectionKind,
} from './templates.ts';

export interface EntryContext {
  index: NarrativeIndex;
  /** "Problems section, entry 3" */
  where: string;
  /** The statement at the top of the entry (concern act, organizer…) for status and dates. */
  top: XmlNode;
  /** The section lists doses given (Medications Administered), not prescriptions. */
  administered: boolean;
  /** The section's own text, when it is short enough to be one statement ("No Information"); else ''. */
  sectionText: string;
}

/** A skipped entry; `statement` when it said "none known" and belongs on the document. */
export interface Skipped extends ImportProblem {
  statement?: NoneKnownStatement;
}

export type Mapped = RecordDraft | Skipped;

const CLINICAL_STATEMENTS = new Set([
  'act',
  'observation',
  'substanceAdministration',
  'supply',
  'procedure',
  'encounter',
  'organizer',
  'regionOfInterest',
  'observationMedia',
]);

const NOUN: Record<SectionKind, string> = {
  problems: 'problem',
  medications: 'medication',
  allergies: 'allergy',
  immunizations: 'immunization',
  results: 'result',
  vitals: 'vital sign',
  encounters: 'encounter',
  procedures: 'procedure',
  plans: 'plan of care item',
  social: 'social history item',
  functional: 'functional status item',
  family: 'family history item',
  coverage: 'insurance coverage',
  claims: 'claim',
  directives: 'advance directive',
};

/** The top clinical statement of an <entry>. */
export function topStatement(entry: XmlNode): XmlNode | undefined {
  for (const k of elements(entry)) if (CLINICAL_STATEMENTS.has(nameOf(k))) return k;
  return undefined;
}

/** Every statement with one of `roots` inside `node` (not descending into a match). */
export function findByTemplate(node: XmlNode, roots: ReadonlySet<string>, out: XmlNode[] = []): XmlNode[] {
  // Walks every element of the entry: indexed, with no array of elements made per level.
  const list = kids(node);
  for (let i = 0; i < list.length; i++) {
    const k = list[i]!;
    if (isText(k)) continue;
    if (CLINICAL_STATEMENTS.has(nameOf(k)) && hasTemplate(k, roots)) out.push(k);
    else findByTemplate(k, roots, out);
  }
  return out;
}

/** Statements inside a statement's entryRelationships / components (one level). */
function related(statement: XmlNode, names: readonly string[] = ['entryRelationship', 'component']): XmlNode[] {
  const out: XmlNode[] = [];
  for (const name of names) {
    for (const link of children(statement, name)) {
      for (const k of elements(link)) if (CLINICAL_STATEMENTS.has(nameOf(k))) out.push(k);
    }
  }
  return out;
}

function relatedWithTemplate(statement: XmlNode, roots: ReadonlySet<string>): XmlNode | undefined {
  return related(statement).find((k) => hasTemplate(k, roots));
}

const PRIORITY = '2.16.840.1.113883.10.20.22.4.143';
const NOT_STRUCTURAL: Partial<Record<SectionKind, ReadonlySet<string>>> = {
  problems: new Set([...STATEMENT_TEMPLATES.allergies, ...STATEMENT_TEMPLATES.results, ...STATEMENT_TEMPLATES.social, PRIORITY]),
  allergies: new Set([...STATEMENT_TEMPLATES.problems, PRIORITY]),
};

/** When an entry's statements carry no template we know, find them by structure. */
function structuralStatements(top: XmlNode, kind: SectionKind): XmlNode[] {
  const name = nameOf(top);
  switch (kind) {
    case 'problems':
    case 'allergies':
      if (name === 'observation') return [top];
      // A health concern may point to an allergy or a priority: those are not its problems.
      return related(top).filter((k) => nameOf(k) === 'observation' && child(k, 'value') && !hasTemplate(k, NOT_STRUCTURAL[kind] ?? new Set()));
    case 'medications':
    case 'immunizations':
      if (name === 'substanceAdministration') return [top];
      return related(top).filter((k) => nameOf(k) === 'substanceAdministration');
    case 'results':
    case 'vitals':
    case 'social':
    case 'functional':
    case 'family':
      if (name === 'organizer') return related(top, ['component']).filter((k) => nameOf(k) === 'observation');
      // CCD 1.0 writes functional findings as problem acts around an observation.
      if (kind === 'functional' && name === 'act') return related(top).filter((k) => nameOf(k) === 'observation' && child(k, 'value'));
      return name === 'observation' ? [top] : [];
    case 'encounters':
      return name === 'encounter' ? [top] : [];
    case 'procedures':
      return name === 'procedure' || name === 'act' || name === 'observation' ? [top] : [];
    case 'coverage': {
      const policies = related(top).filter((k) => nameOf(k) === 'act');
      return policies.length > 0 ? policies : [top];
    }
    default:
      return [top];
  }
}

const TABLE_HEADINGS: ReadonlySet<string> = new Set(['thead', 'th', 'caption']);

/** A section text longer than this is a list, not one statement ("No Information"). */
const SHORT_SECTION_TEXT = 120;

/**
 * A section's narrative as plain text when it is short (else ''), read once per section:
 * mapEntry asks for it for every entry, and a long section's text walked again for each of
 * its entries was a tenth of the mapping's time on the corpus.
 */
const sectionTexts = new WeakMap<XmlNode, string>();
function shortNarrativeOf(section: XmlNode): string {
  let text = sectionTexts.get(section);
  // Only a short text is ever used, so a long one is not collected (shortTextOf).
  // A table's headings and caption are not what it says: "Vaccine Date Status" above a single
  // row "No data" is a section that says "No data".
  if (text === undefined) sectionTexts.set(section, (text = shortTextOf(child(section, 'text'), SHORT_SECTION_TEXT, TABLE_HEADINGS) ?? ''));
  return text;
}

/** Maps one <entry> of a section of `kind` to records and problems. */
export function mapEntry(entry: XmlNode, kind: SectionKind, index: NarrativeIndex, where: string, section?: XmlNode): Mapped[] {
  const top = topStatement(entry);
  if (!top) return [problem(kind, `This ${NOUN[kind]} entry holds no clinical statement, only narrative.`, where)];
  const administered =
    section !== undefined && (hasTemplate(section, ADMINISTERED_SECTIONS) || attr(child(section, 'code'), 'code') === ADMINISTERED_SECTION_LOINC);
  const sectionText = section ? shortNarrativeOf(section) : '';
  const context: EntryContext = { index, where, top, administered, sectionText };
  let statements = findByTemplate(entry, STATEMENT_TEMPLATES[kind]);
  if (statements.length === 0 && kind === 'plans' && hasTemplate(top, INTERVENTION_WRAPPERS)) {
    statements = interventionsOf(top);
    if (statements.length === 0 && !child(top, 'text')) {
      return [problem(kind, 'This intervention only points to entries elsewhere in the document; it names nothing of its own.', where)];
    }
  }
  if (statements.length === 0) statements = structuralStatements(top, kind);
  if (statements.length === 0) {
    // A statement we do not map whose words say there is none ("No Known Health Concerns on
    // 07/22/2015", a negated Health Concern Act) is that statement, by the rule review() applies to
    // titles. Its words are its own, else the section's whole short text (360 Oncology's act points
    // to the section's <text> itself, which the narrative index does not hold).
    const words = narrativeOf(top, context) ?? originalText(child(top, 'code'), index) ?? (sectionText || undefined);
    if (words && STRONG_NONE_KNOWN.test(words)) return [noneKnown(kind, top, context, words)];
    return [problem(kind, `This ${NOUN[kind]} entry has no ${NOUN[kind]} in it that Chartkeeper recognizes.`, where)];
  }
  const out: Mapped[] = [];
  statements.forEach((statement, i) => {
    const at = statements.length > 1 ? `${where}, item ${i + 1}` : where;
    const itemContext = { ...context, where: at };
    const mapped = review(kind, statement, MAPPERS[kind](itemContext, statement), itemContext);
    if (!isProblem(mapped)) addComments(mapped, statement, itemContext);
    out.push(mapped);
  });
  return out;
}

/**
 * A clinician's comments on the entry (Comment Activity), added to what the mapper read: "Patient
 * has lung cancer.", "Abnormal if <60 mL/min/1.73m2". A concern act's comment is about the
 * problem or allergy it wraps.
 */
function addComments(record: RecordDraft, statement: XmlNode, context: EntryContext): void {
  const holders = context.top !== statement && nameOf(context.top) === 'act' ? [statement, context.top] : [statement];
  const said: string[] = [];
  for (const holder of holders) {
    for (const k of related(holder, ['entryRelationship'])) {
      if (!hasTemplate(k, COMMENT) && attr(child(k, 'code'), 'code') !== COMMENT_LOINC) continue;
      const text = narrativeOf(k, context);
      if (text && !PLACEHOLDER_TEXT.test(text) && !onlyLabels(text) && !said.includes(text)) said.push(text);
    }
  }
  if (said.length === 0) return;
  record.details.comment = [record.details.comment, ...said]
    .filter((t): t is string => Boolean(t))
    .reduce((joined, next) => (joined ? `${joined}${/[.!?]$/.test(joined) ? ' ' : '. '}${next}` : next), '');
}

/** A form's labels with nothing filled in ("Location: ; Position:"): nothing said. */
function onlyLabels(text: string): boolean {
  return text.replace(/[\p{L}\p{N} ]+:/gu, '').replace(/[\s;,.]/g, '') === '';
}

/** Kinds whose code is the question asked ("Laboratory studies", "Cognitive function finding"), not the thing found. */
const QUESTION_KINDS = new Set<SectionKind>(['results', 'vitals', 'social', 'functional']);

/**
 * The entry's own words when they say its data is absent ("No functional assessment data is
 * applicable"). For a measured kind, its text or its code's originalText, and only when no value
 * was given; for an encounter, what its code's originalText calls it.
 */
function absentDataWords(kind: SectionKind, statement: XmlNode, record: RecordDraft, context: EntryContext): string | undefined {
  const named = originalText(child(statement, 'code'), context.index);
  const words = QUESTION_KINDS.has(kind) && record.value === undefined ? [record.narrative, named] : kind === 'encounters' ? [named] : [];
  return words.map((t) => t?.trim()).find((t): t is string => Boolean(t) && ABSENT_DATA_TEXT.test(t as string));
}

/**
 * What every mapped entry must pass, whatever its kind: a "none known" statement is not an
 * entry (it goes on the document), and a placeholder row ("No Encounters Indicated") is not
 * one either. Only entries without a specific code are judged by their words.
 */
function review(kind: SectionKind, statement: XmlNode, mapped: Mapped, context: EntryContext): Mapped {
  if (isProblem(mapped)) {
    // An empty entry under a section whose whole text is "None" is that statement, coded.
    const empty = mapped.statement === undefined && /no (name|drug name|vaccine name|test name)|no name or code|has no .* or code/.test(mapped.reason);
    if (empty && context.sectionText && NONE_KNOWN_TEXT.test(context.sectionText)) return noneKnown(kind, statement, context, context.sectionText);
    return mapped;
  }
  const title = mapped.title.trim();
  // "No known problems" is unambiguous even when the writer attached codes to it.
  if (STRONG_NONE_KNOWN.test(title)) return noneKnown(kind, statement, context, title);
  const absent = absentDataWords(kind, statement, mapped, context) ?? negatedPlaceholder(kind, statement, mapped);
  if (absent) return placeholderProblem(kind, absent, context);
  if (!onlyGenericCodes(mapped.codes)) return mapped;
  // A measured value is a fact whatever the entry's text says ("Result Observation Text Not
  // Available" beside "155 MG/DL"): only its title can make it a placeholder then.
  const words = [title, mapped.value === undefined ? mapped.narrative?.trim() : undefined].filter((t): t is string => Boolean(t));
  const said = words.find((t) => NONE_KNOWN_TEXT.test(t));
  if (said || (negated(statement) && namesNothingSpecific(mapped.codes, title))) return noneKnown(kind, statement, context, said);
  // A class code with no words of its own under a section that says "No known …".
  if (context.sectionText && NONE_KNOWN_TEXT.test(context.sectionText) && mapped.codes.every((c) => !c.display || c.display === title)) {
    return noneKnown(kind, statement, context, context.sectionText);
  }
  const placeholder = words.find((t) => PLACEHOLDER_TEXT.test(t));
  if (placeholder) return placeholderProblem(kind, placeholder, context);
  if (mapped.codes.length > 0 && mapped.codes.some((c) => c.display === title)) {
    return problem(kind, `This ${NOUN[kind]} entry names no specific ${NOUN[kind]}, only "${title.slice(0, 80)}"; nothing to add.`, context.where);
  }
  return mapped;
}

/**
 * A negated finding with no value whose own words say its data is not there (Allscripts negates
 * SNOMED 66557003 "No impairment" under the text "Functional Status excluded/not available"):
 * it states nothing, so it is a placeholder rather than a finding "not found".
 */
function negatedPlaceholder(kind: SectionKind, statement: XmlNode, record: RecordDraft): string | undefined {
  if (!negated(statement) || !QUESTION_KINDS.has(kind) || record.value !== undefined) return undefined;
  const words = record.narrative?.trim();
  return words && PLACEHOLDER_TEXT.test(words) ? words : undefined;
}

function placeholderProblem(kind: SectionKind, words: string, context: EntryContext): Skipped {
  return problem(kind, `"${words.slice(0, 80)}" stands in for absent data; it is not ${/^[aeiou]/.test(NOUN[kind]) ? 'an' : 'a'} ${NOUN[kind]}. Nothing to add.`, context.where);
}

const PLURAL: Record<SectionKind, string> = {
  problems: 'problems',
  medications: 'medications',
  allergies: 'allergies',
  immunizations: 'immunizations',
  results: 'results',
  vitals: 'vital signs',
  encounters: 'encounters',
  procedures: 'procedures',
  plans: 'plan of care items',
  social: 'social history items',
  functional: 'functional status items',
  family: 'family history items',
  coverage: 'insurance coverages',
  claims: 'claims',
  directives: 'advance directives',
};

/** A statement that there is none of `kind`: skipped as an entry, kept on the document. */
function noneKnown(kind: SectionKind, statement: XmlNode, context: EntryContext, text: string | undefined): Skipped {
  // A negated "nothing" under a section that says "No information" states an absence of
  // information, not that there is none.
  if (!text && context.sectionText && PLACEHOLDER_TEXT.test(context.sectionText) && !NONE_KNOWN_TEXT.test(context.sectionText)) {
    return problem(kind, `The ${NOUN[kind]} list holds no information, only an empty entry; nothing to add.`, context.where);
  }
  const date = effective(statement).start ?? (context.top !== statement ? effective(context.top).start : undefined);
  const said: NoneKnownStatement = { kind };
  if (date) said.date = date;
  if (text) said.text = text;
  return {
    kind,
    reason: `The document states no known ${PLURAL[kind]}${text ? ` ("${text.slice(0, 80)}")` : ''}; that is kept with the document, not as an entry.`,
    where: context.where,
    statement: said,
  };
}

/** The interventions inside a C-CDA Intervention Act: each planned or done act is one. */
function interventionsOf(wrapper: XmlNode): XmlNode[] {
  return related(wrapper, ['entryRelationship']).filter(
    (k) => !hasTemplate(k, NOT_INTERVENTIONS) && nameOf(k) !== 'observation' && (child(k, 'code') || child(k, 'text')),
  );
}

// Goal references, priorities, entry references and planned coverage ride along inside an
// intervention act; they are not interventions of their own.
const NOT_INTERVENTIONS = new Set([
  '2.16.840.1.113883.10.20.22.4.122',
  '2.16.840.1.113883.10.20.22.4.143',
  '2.16.840.1.113883.10.20.22.4.129',
  '2.16.840.1.113883.10.20.22.4.115',
  '2.16.840.1.113883.10.20.22.4.121',
]);

export function problem(kind: ReportKind | undefined, reason: string, where: string): ImportProblem {
  return kind ? { kind, reason, where } : { reason, where };
}

export function isProblem(mapped: Mapped): mapped is Skipped {
  return !('title' in mapped);
}

type Mapper = (context: EntryContext, statement: XmlNode) => Mapped;

function draft(kind: EntryKind, title: string, codes: Code[], context: EntryContext): RecordDraft {
  return { kind, title, codes, details: {}, sourceLocation: context.where };
}

/**
 * A last-resort title when a source gives a code but no words for it: the code system's own
 * name when we ship it, else "Unnamed result (LOINC 12345-6)".
 */
function codeLabel(codes: readonly Code[], noun = 'entry'): string | undefined {
  const shipped = shippedName(codes);
  if (shipped) return shipped;
  const first = codes[0];
  return first ? `Unnamed ${noun} (${first.system} ${first.code})` : undefined;
}

function narrativeOf(statement: XmlNode, context: EntryContext): string | undefined {
  return meaningful(referencedOrOwnText(child(statement, 'text'), context.index));
}

/** The name the entry's text points to: a table row's first cell, else the whole text. */
function narrativeName(statement: XmlNode, context: EntryContext): string | undefined {
  const text = child(statement, 'text');
  const reference = attr(child(text, 'reference'), 'value');
  const named = reference ? meaningful(context.index.resolveName(reference)) : undefined;
  return named ?? narrativeOf(statement, context);
}

function setDates(record: RecordDraft, interval: Interval): void {
  if (interval.start) record.start = interval.start;
  if (interval.end) record.end = interval.end;
}

const STATUS_WORDS: Record<string, string> = {
  active: 'active',
  completed: 'completed',
  complete: 'completed',
  aborted: 'stopped',
  stopped: 'stopped',
  discontinued: 'stopped',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  nullified: 'cancelled',
  suspended: 'inactive',
  held: 'inactive',
  'on hold': 'inactive',
  inactive: 'inactive',
  obsolete: 'inactive',
  new: 'active',
  resolved: 'resolved',
  'no longer active': 'inactive',
  chronic: 'active',
  intermittent: 'active',
  recurrence: 'active',
  relapse: 'active',
  remission: 'inactive',
  'prior history': 'resolved',
  'ruled out': 'inactive',
  refused: 'refused',
};

const STATUS_SNOMED: Record<string, string> = {
  '55561003': 'active',
  '413322009': 'resolved',
  '73425007': 'inactive',
  '90734009': 'active',
  '7087005': 'active',
  '255227004': 'active',
  '246455001': 'active',
  '277022003': 'inactive',
  '421139008': 'inactive', // on hold
};

export function normalizeStatus(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  return STATUS_WORDS[raw.trim().toLowerCase()];
}

/** A status observation's value: by SNOMED code, else by its words. */
function statusFromObservation(observation: XmlNode | undefined, context: EntryContext): string | undefined {
  if (!observation) return undefined;
  const value = child(observation, 'value');
  const code = attr(value, 'code');
  const coded = code ? STATUS_SNOMED[code] : undefined;
  // McKesson writes 55561003 (active) with the displayName "completed" on a medicine its table
  // calls Completed: an observation that contradicts itself says nothing; the act's own status decides.
  if (selfContradictory(observation)) return undefined;
  if (coded) return coded;
  return normalizeStatus(readCoded(value, context.index).text);
}

/** A status observation whose SNOMED code and displayName name two different statuses. */
function selfContradictory(observation: XmlNode | undefined): boolean {
  const value = child(observation, 'value');
  const coded = STATUS_SNOMED[attr(value, 'code') ?? ''];
  const named = normalizeStatus(meaningful(attr(value, 'displayName')));
  return coded !== undefined && named !== undefined && coded !== named;
}

/**
 * The entry's status observation: one of the kind's templates, else any "Status" observation
 * (LOINC 33999-4), as C32 writers send an allergy's status under the problem status templates.
 */
function statusObservation(statement: XmlNode, templates: ReadonlySet<string>): XmlNode | undefined {
  return relatedWithTemplate(statement, templates) ?? related(statement).find((k) => attr(child(k, 'code'), 'code') === STATUS_LOINC);
}

function statusCode(statement: XmlNode | undefined): string | undefined {
  return attr(child(statement, 'statusCode'), 'code');
}

function effective(statement: XmlNode): Interval {
  // Medications carry several effectiveTime elements: the IVL_TS (dates) comes first in
  // C-CDA, but not everywhere, so pick the one that is not a periodic schedule.
  for (const time of children(statement, 'effectiveTime')) {
    const type = xsiType(time);
    if (type === 'PIVL_TS' || type === 'EIVL_TS' || type === 'SXPR_TS') continue;
    return readInterval(time);
  }
  return {};
}

function negated(statement: XmlNode): boolean {
  return attr(statement, 'negationInd')?.toLowerCase() === 'true';
}

/**
 * A negated observation or encounter that names something ("Comatose" absent, a visit that did
 * not take place) is kept as the source's statement that it is not so: status `not-done`, read
 * per kind at read time ("Not found", "Did not take place"), with the source's value, codes and
 * reason as written. The statement's own status ("completed") then says nothing more. True when
 * it marked the record.
 */
function markNegated(record: RecordDraft, statement: XmlNode, context: EntryContext): boolean {
  if (!negated(statement)) return false;
  record.status = 'not-done';
  // An encounter's RSON statements are kept as its reasons (why the visit was), not as why it did not happen.
  const reason = record.kind === 'encounter' ? undefined : reasonOf(statement, context);
  if (reason) record.details.comment = `Reason: ${reason}`;
  return true;
}

// ---- problems ------------------------------------------------------------------------------

/**
 * Some writers code an allergy as a problem: the value is "Drug allergy" with the substance
 * only in its originalText. "Ampicillin" alone would read as a problem; say what it is.
 */
function problemName(value: XmlNode | undefined, text: string | undefined): string | undefined {
  const code = attr(value, 'code');
  const type = code ? ALLERGY_TYPE_NAMES[code] : undefined;
  if (!type || !text || meaningful(attr(value, 'displayName'))) return text;
  return `${type}: ${text}`;
}

const mapProblem: Mapper = (context, observation) => {
  const value = child(observation, 'value');
  const coded = readCoded(value, context.index);
  const named =
    problemName(child(observation, 'value'), coded.text) ??
    narrativeName(observation, context) ??
    (context.top !== observation ? narrativeName(context.top, context) : undefined);
  const title = named ?? codeLabel(coded.codes, 'problem');
  if (negated(observation)) {
    if (namesNothingSpecific(coded.codes, named)) return noneKnown('problems', observation, context, named && NONE_KNOWN_TEXT.test(named) ? named : undefined);
    // A specific negated problem ("no diabetes") is not a problem the person has; listing
    // it would read as one, so it is reported rather than kept.
    return problem('problems', `The problem list says there is no ${title ? `"${title}"` : 'known problem'}; nothing to add.`, context.where);
  }
  if (!title) {
    return problem('problems', 'This problem has no name or code, only an empty entry.', context.where);
  }
  const record = draft('problem', title, coded.codes, context);
  const own = effective(observation);
  const concern = context.top !== observation ? effective(context.top) : {};
  setDates(record, { start: own.start ?? concern.start, end: own.end });
  let status = statusFromObservation(statusObservation(observation, PROBLEM_STATUS), context);
  if (!status && context.top !== observation) {
    // A concern act's "completed" says the record of the concern is closed, not that the
    // problem is over (writers close concerns of problems their text calls "Existing"):
    // without an end date it says nothing about the problem's status.
    const concernStatus = statusCode(context.top);
    if (concernStatus !== 'completed') status = normalizeStatus(concernStatus);
  }
  if (!status && record.end) status = 'resolved';
  if (status) record.status = status;
  const types = problemTypeCodesOf(observation, context.index);
  if (types.length) record.details.problemTypeCodes = types;
  Object.assign(record.details, bodySiteOf(observation, context.index));
  const narrative = narrativeOf(observation, context);
  if (narrative) record.narrative = narrative;
  return record;
};

// ---- medications and immunizations ----------------------------------------------------------

interface Product {
  title?: string;
  codes: Code[];
  manufacturer?: string;
  lotNumber?: string;
}

function productOf(administration: XmlNode, context: EntryContext): Product {
  const product = path(administration, 'consumable', 'manufacturedProduct');
  const material = child(product, 'manufacturedMaterial') ?? child(product, 'manufacturedLabeledDrug');
  const coded = readCoded(child(material, 'code'), context.index);
  const out: Product = { codes: coded.codes };
  const name = formatName(child(material, 'name'));
  const title = coded.text ?? name;
  if (title) out.title = title;
  const manufacturer = formatName(path(product, 'manufacturerOrganization', 'name'));
  if (manufacturer) out.manufacturer = manufacturer;
  const lot = path(material, 'lotNumberText');
  if (lot) {
    const text = referencedOrOwnText(lot, context.index);
    if (text) out.lotNumber = text;
  }
  return out;
}

function quantityText(node: XmlNode | undefined): string | undefined {
  if (!node) return undefined;
  const low = child(node, 'low');
  const high = child(node, 'high');
  // A dose range ("1-2 tablets") keeps both ends; a range whose ends agree is that one dose.
  const lowValue = attr(low, 'value');
  const highValue = attr(high, 'value');
  const range = attr(node, 'value') === undefined && lowValue && highValue && lowValue !== highValue ? `${lowValue}-${highValue}` : undefined;
  const value = range ?? attr(node, 'value') ?? lowValue;
  if (!value) return undefined;
  const unit = attr(node, 'unit') ?? attr(low, 'unit') ?? attr(high, 'unit');
  return unit && unit !== '1' ? `${value} ${unit}` : value;
}

/**
 * The dose as the source gave it. A dose without a unit ("2", or unit "1") takes the words the
 * source gave for its unit elsewhere: the quantity's translation ("30 units") or the
 * administration unit ("2 Puff"); a dose form given only as a code adds nothing.
 */
function doseOf(administration: XmlNode, context: EntryContext): string | undefined {
  const node = child(administration, 'doseQuantity');
  const dose = quantityText(node);
  if (!dose) return undefined;
  const unit = [node, child(node, 'low'), child(node, 'high')].map((n) => attr(n, 'unit')).find((u) => u && u !== '1');
  if (unit) return dose;
  const words = originalText(child(node, 'translation'), context.index) ?? readCoded(child(administration, 'administrationUnitCode'), context.index).text;
  return words ? `${dose} ${words}` : dose;
}

function frequencyOf(administration: XmlNode, context: EntryContext): string | undefined {
  for (const time of children(administration, 'effectiveTime')) {
    const type = xsiType(time);
    if (type === 'PIVL_TS') {
      const period = child(time, 'period');
      const value = attr(period, 'value');
      const unit = attr(period, 'unit');
      if (value && unit) return `every ${value} ${unit}`;
      const low = child(child(time, 'phase'), 'low');
      if (low) return undefined;
    } else if (type === 'EIVL_TS') {
      const event = readCoded(child(time, 'event'), context.index);
      if (event.text || event.codes[0]) return event.text ?? event.codes[0]?.code;
    }
  }
  return undefined;
}

/**
 * A precondition on the administration (C-CDA's Precondition for Substance Administration,
 * 4.25; CCD 1.0 writes the same without the template) means the medicine is taken only when
 * the criterion holds: as needed. The criterion's coded value names the condition; its text
 * says it in words ("As Needed If Pain does not subside"). A null-flavored value names none,
 * whatever words it carries ("No PRN Reason"), and a text that only says "as needed" adds nothing.
 */
function asNeededOf(administration: XmlNode, context: EntryContext): Pick<EntryDetails, 'asNeeded' | 'asNeededFor' | 'asNeededForCodes'> {
  const preconditions = children(administration, 'precondition').filter((p) => (attr(p, 'typeCode') ?? 'PRCN') === 'PRCN' && child(p, 'criterion'));
  if (preconditions.length === 0) return {};
  const words: string[] = [];
  const codes: Code[] = [];
  for (const precondition of preconditions) {
    const criterion = child(precondition, 'criterion');
    const value = child(criterion, 'value');
    const coded = value && !attr(value, 'nullFlavor') ? readCoded(value, context.index) : { codes: [] };
    codes.push(...coded.codes);
    const text = meaningful(referencedOrOwnText(child(criterion, 'text'), context.index));
    const said = coded.text ?? (text && !ONLY_AS_NEEDED.test(text) ? text : undefined);
    if (said && !words.includes(said)) words.push(said);
  }
  return {
    asNeeded: true,
    ...(words.length ? { asNeededFor: words.join('; ') } : {}),
    ...(codes.length ? { asNeededForCodes: codes } : {}),
  };
}
const ONLY_AS_NEEDED = /^\s*(as needed|prn|as required)\s*\.?\s*$/i;

/** The route's words, else its code as written (shown in words at read time). */
function routeOf(administration: XmlNode, context: EntryContext): string | undefined {
  const routeCode = child(administration, 'routeCode');
  const route = readCoded(routeCode, context.index);
  return route.text ?? route.codes[0]?.code ?? routeWrittenAsReference(routeCode);
}

const ROUTE_WORDS = new Set(Object.values(ROUTE_NAMES).map(([en]) => en.toLowerCase()));

/**
 * Some writers put the route's word where a narrative reference belongs (`<originalText>
 * <reference value="Oral"/>`): the word is kept when it is a route's name, not a pointer.
 */
function routeWrittenAsReference(routeCode: XmlNode | undefined): string | undefined {
  const written = attr(path(routeCode, 'originalText', 'reference'), 'value')?.trim();
  return written && !written.startsWith('#') && ROUTE_WORDS.has(written.toLowerCase()) ? written : undefined;
}

/** Why something was not done: a reason observation or act (RSON), by its words. */
function reasonOf(statement: XmlNode, context: EntryContext): string | undefined {
  for (const link of children(statement, 'entryRelationship')) {
    if (attr(link, 'typeCode') !== 'RSON') continue;
    for (const reason of elements(link)) {
      if (!CLINICAL_STATEMENTS.has(nameOf(reason))) continue;
      const text =
        readCoded(child(reason, 'value'), context.index).text ?? readCoded(child(reason, 'code'), context.index).text ?? narrativeOf(reason, context);
      if (text) return text;
    }
  }
  return undefined;
}

/**
 * One administration rather than a regimen: an entry of a Medications Administered section
 * with no repeating schedule. Elsewhere a single date is often only a therapy's start, and a
 * period that begins and ends on one day may still be a day's regimen, so neither is read as
 * "given once".
 */
function isOneTime(administration: XmlNode, context: EntryContext): boolean {
  if (!context.administered) return false;
  const mood = attr(administration, 'moodCode');
  if (mood !== 'EVN' && mood !== 'INT') return false;
  return !children(administration, 'effectiveTime').some((t) => ['PIVL_TS', 'EIVL_TS', 'SXPR_TS'].includes(xsiType(t) ?? ''));
}

/**
 * A medication act's own statusCode. "completed" on a list entry with no end date is how
 * many writers (CCD 1.0 and C32 above all) close the record of a medicine still taken, so it
 * says nothing about the therapy then; a dose given (Medications Administered) is completed.
 */
function actStatus(administration: XmlNode, record: RecordDraft, context: EntryContext): string | undefined {
  const status = normalizeStatus(statusCode(administration));
  if (status === 'completed' && !record.end && !context.administered) return undefined;
  return status;
}

/** A medicine's dose, route, schedule and precondition, each only when the source gives it. */
function dosingOf(administration: XmlNode, context: EntryContext): EntryDetails {
  const out: EntryDetails = {};
  const dose = doseOf(administration, context);
  if (dose) out.dose = dose;
  const route = routeOf(administration, context);
  if (route) out.route = route;
  const frequency = frequencyOf(administration, context);
  if (frequency) out.frequency = frequency;
  return Object.assign(out, asNeededOf(administration, context));
}

const mapMedication: Mapper = (context, administration) => {
  const product = productOf(administration, context);
  const narrative = narrativeOf(administration, context);
  const named = product.title ?? narrativeName(administration, context);
  const title = named ?? codeLabel(product.codes, 'medication');
  if (negated(administration) && namesNothingSpecific(product.codes, named)) {
    return noneKnown('medications', administration, context, [product.title, narrative].find((t) => t && NONE_KNOWN_TEXT.test(t)));
  }
  if (!title) return problem('medications', 'This medication has no drug name or code, only an empty entry.', context.where);
  const record = draft('medication', title, product.codes, context);
  setDates(record, effective(administration));
  // "Not taking this medicine": the source's statement, with its reason when it gives one.
  if (!markNegated(record, administration, context)) {
    // The Medication Status observation says what the therapy is doing; the act's statusCode
    // "completed" often only means the record of it is complete.
    const status =
      statusFromObservation(statusObservation(administration, MEDICATION_STATUS), context) ?? actStatus(administration, record, context);
    if (status) record.status = status;
  }
  if (isOneTime(administration, context)) record.details.oneTime = true;
  Object.assign(record.details, dosingOf(administration, context));
  // Where it goes in (Medication Activity's approachSiteCode, "Left Arm"), as a vaccine's is kept.
  Object.assign(record.details, approachSiteOf(administration, context.index));
  const instructions = relatedWithTemplate(administration, INSTRUCTIONS);
  const instructionText = instructions ? (instructionNarrative(instructions, named, context) ?? instructionWords(instructions, context)) : undefined;
  if (instructionText) record.details.instructions = instructionText;
  const prescriber =
    entityName(path(administration, 'author', 'assignedAuthor')) ??
    entityName(path(administration, 'performer', 'assignedEntity')) ??
    supplyOrderAuthor(administration);
  if (prescriber) record.details.prescriber = prescriber;
  if (narrative && narrative !== title) record.narrative = narrative;
  return record;
};

/** Who wrote the order: the author of the medicine's supply order (moodCode INT), as C32 and C-CDA place the prescriber. */
function supplyOrderAuthor(administration: XmlNode): string | undefined {
  for (const supply of related(administration, ['entryRelationship'])) {
    if (nameOf(supply) !== 'supply' || attr(supply, 'moodCode') !== 'INT') continue;
    const name = entityName(path(supply, 'author', 'assignedAuthor'));
    if (name) return name;
  }
  return undefined;
}

/**
 * An Instructions act's text. McKesson writes the instruction's own words and points its
 * reference at the medicine's name ("inhaled every 6 hours …" → "#med1", "Albuterol"): a
 * reference that only names the medicine is not the instruction; the act's own words are.
 */
function instructionNarrative(instructions: XmlNode, medicine: string | undefined, context: EntryContext): string | undefined {
  const said = narrativeOf(instructions, context);
  if (!said || !medicine || said !== medicine) return said;
  const own = meaningful(textOf(child(instructions, 'text')));
  return own && own !== medicine ? own : undefined;
}

/**
 * An Instructions act's code in words, unless the code only says "this is an instruction"
 * (SNOMED 409073007, "instruction"): that names no instruction.
 */
function instructionWords(instructions: XmlNode, context: EntryContext): string | undefined {
  const code = child(instructions, 'code');
  const text = readCoded(code, context.index).text;
  if (!text || (attr(code, 'code') === GENERIC_INSTRUCTION && text === attr(code, 'displayName')) || /^instructions?$/i.test(text)) return undefined;
  return text;
}
const GENERIC_INSTRUCTION = '409073007';

/**
 * Why a vaccine was not given: the C-CDA Immunization Refusal Reason, or (in CCD 1.0 / C32)
 * any reason act or observation, by its HL7 ActReason code or its words.
 */
function notGivenReason(administration: XmlNode, context: EntryContext): { text?: string; refusal: boolean } {
  const candidates: XmlNode[] = [];
  const refusal = relatedWithTemplate(administration, IMMUNIZATION_REFUSAL);
  if (refusal) candidates.push(refusal);
  for (const link of children(administration, 'entryRelationship')) {
    if (attr(link, 'typeCode') !== 'RSON') continue;
    for (const reason of elements(link)) {
      if (!CLINICAL_STATEMENTS.has(nameOf(reason))) continue;
      candidates.push(reason, ...related(reason));
    }
  }
  for (const reason of candidates) {
    const code = child(reason, 'code');
    const known = NOT_GIVEN_REASONS[attr(code, 'code') ?? ''];
    const text = readCoded(code, context.index).text ?? meaningful(attr(code, 'displayName')) ?? known?.text;
    if (known) return { text: text ?? known.text, refusal: known.refusal };
    if (text) return { text, refusal: /\b(refus|declin|objec)/i.test(text) };
  }
  return { refusal: false };
}

const mapImmunization: Mapper = (context, administration) => {
  const product = productOf(administration, context);
  const narrative = narrativeOf(administration, context);
  const named = product.title ?? narrativeName(administration, context);
  const title = named ?? codeLabel(product.codes, 'vaccine');
  if (negated(administration) && namesNothingSpecific(product.codes, named)) {
    return noneKnown('immunizations', administration, context, [product.title, narrative].find((t) => t && NONE_KNOWN_TEXT.test(t)));
  }
  if (!title) return problem('immunizations', 'This immunization has no vaccine name or code, only an empty entry.', context.where);
  const record = draft('immunization', title, product.codes, context);
  setDates(record, effective(administration));
  if (negated(administration)) {
    // Not given. It is a refusal only when the reason says the patient declined; a medical
    // precaution or an empty stock is not the patient's choice.
    const { text: reasonText, refusal } = notGivenReason(administration, context);
    if (refusal) {
      record.details.refused = true;
      record.status = 'refused';
    } else {
      record.status = 'not-done';
    }
    if (reasonText) record.details.comment = `Reason: ${reasonText}`;
  } else {
    const status = normalizeStatus(statusCode(administration));
    if (status) record.status = status;
  }
  if (product.manufacturer) record.details.manufacturer = product.manufacturer;
  if (product.lotNumber) record.details.lotNumber = product.lotNumber;
  const dose = doseOf(administration, context);
  if (dose) record.details.dose = dose;
  const route = routeOf(administration, context);
  if (route) record.details.route = route;
  Object.assign(record.details, approachSiteOf(administration, context.index));
  const performer = entityName(path(administration, 'performer', 'assignedEntity'));
  if (performer) record.details.performers = [performer];
  if (narrative && narrative !== title) record.narrative = narrative;
  return record;
};

// ---- allergies ---------------------------------------------------------------------------

/**
 * The substance: the consumable participant's code or name. Writers that leave the
 * participant's code without words often put the substance's name in the observation
 * value's originalText (the value's code being the allergy type): that name is used then.
 */
function substanceOf(observation: XmlNode, context: EntryContext): { title?: string; codes: Code[] } {
  const valueNode = child(observation, 'value');
  const valueWords = originalWords(valueNode, context);
  for (const participant of children(observation, 'participant')) {
    if ((attr(participant, 'typeCode') ?? 'CSM') !== 'CSM') continue;
    const entity = path(participant, 'participantRole', 'playingEntity');
    if (!entity) continue;
    const coded = readCoded(child(entity, 'code'), context.index);
    const title = coded.text ?? formatName(child(entity, 'name')) ?? valueWords;
    return title ? { title, codes: coded.codes } : { codes: coded.codes };
  }
  // No participant: some writers code the substance as the value itself.
  const value = readCoded(valueNode, context.index);
  const first = value.codes[0];
  if (first && !ALLERGY_TYPE_NAMES[first.code] && value.text) return { title: value.text, codes: value.codes };
  return { codes: [] };
}

/** A coded element's originalText (reference resolved), when it has one. */
function originalWords(node: XmlNode | undefined, context: EntryContext): string | undefined {
  const original = child(node, 'originalText');
  return original ? meaningful(referencedOrOwnText(original, context.index)) : undefined;
}

/** The allergy type: the value's displayName, else the type code's own name. */
function allergyTypeOf(observation: XmlNode, context: EntryContext, substance: { title?: string; codes: Code[] }): string | undefined {
  const value = child(observation, 'value');
  const display = meaningful(attr(value, 'displayName'));
  const code = attr(value, 'code');
  // IHE PCC writers put the substance itself in the value: that is not a type.
  const isSubstance = (code !== undefined && substance.codes.some((c) => c.code === code)) || (display !== undefined && display === substance.title);
  const named = isSubstance ? undefined : (display ?? (code ? ALLERGY_TYPE_NAMES[code] : undefined));
  if (named) return named;
  // CCD 1.0 / C32 put the type in the observation's code ("drug allergy"), C-CDA in its value.
  const typeCode = child(observation, 'code');
  const typeKey = attr(typeCode, 'code');
  if (typeKey && typeKey !== 'ASSERTION') {
    const typed = meaningful(attr(typeCode, 'displayName')) ?? ALLERGY_TYPE_NAMES[typeKey];
    if (typed) return typed;
  }
  const words = isSubstance ? undefined : readCoded(value, context.index).text;
  // The value's originalText may be the substance's name (see substanceOf), not a type.
  return words && words !== substance.title ? words : undefined;
}

/**
 * Words of a severity or criticality observation: value words, its code's name, or its text.
 * Its text is not its grade when it only names the allergen: iPatientCare points an unknown
 * (null-flavored) severity's text at the substance's cell ("Penicillin G benzathine").
 */
function gradeOf(statement: XmlNode, context: EntryContext, names: Record<string, string>, substance: string | undefined): string | undefined {
  const value = child(statement, 'value');
  const code = attr(value, 'code');
  const said = readCoded(value, context.index).text ?? (code ? names[code] : undefined);
  if (said) return said;
  const text = narrativeOf(statement, context);
  return text && text !== substance ? text : undefined;
}

const mapAllergy: Mapper = (context, observation) => {
  const substance = substanceOf(observation, context);
  if (negated(observation)) {
    if (namesNothingSpecific(substance.codes, substance.title)) {
      return noneKnown('allergies', observation, context, [substance.title, narrativeOf(observation, context)].find((t) => t && NONE_KNOWN_TEXT.test(t)));
    }
    // "Not allergic to X" is not an allergy; listing it would read as one.
    return problem('allergies', `The allergy list says there is no allergy to ${substance.title ?? 'this substance'}; nothing to add.`, context.where);
  }
  substance.title ??= codeLabel(substance.codes, 'substance');
  if (!substance.title) {
    const narrative = narrativeOf(observation, context);
    return problem(
      'allergies',
      narrative
        ? `An allergy row has no substance, only narrative ("${narrative.slice(0, 80)}").`
        : 'An allergy row has no substance, only narrative.',
      context.where,
    );
  }
  const record = draft('allergy', substance.title, substance.codes, context);
  record.details.substance = substance.title;
  const type = allergyTypeOf(observation, context, substance);
  if (type) record.details.allergyType = type;
  const own = effective(observation);
  const concern = context.top !== observation ? effective(context.top) : {};
  setDates(record, { start: own.start ?? concern.start, end: own.end });
  const reactions: string[] = [];
  let severity: string | undefined;
  let reactionSeverity: string | undefined;
  for (const statement of related(observation)) {
    if (hasTemplate(statement, REACTION)) {
      const reaction = readCoded(child(statement, 'value'), context.index).text ?? narrativeOf(statement, context);
      const nested = relatedWithTemplate(statement, SEVERITY);
      const grade = nested ? gradeOf(nested, context, SEVERITY_NAMES, substance.title) : undefined;
      // Each reaction keeps its own severity beside it ("Hives (Moderate)").
      if (reaction) reactions.push(grade ? `${reaction} (${grade})` : reaction);
      reactionSeverity ??= grade;
    } else if (hasTemplate(statement, SEVERITY)) {
      severity = gradeOf(statement, context, SEVERITY_NAMES, substance.title) ?? severity;
    } else if (hasTemplate(statement, CRITICALITY)) {
      const criticality = gradeOf(statement, context, CRITICALITY_NAMES, substance.title);
      if (criticality) record.details.criticality = criticality;
    }
  }
  if (reactions.length > 0) record.details.reactions = reactions;
  severity ??= reactionSeverity;
  if (severity) record.details.severity = severity;
  const status =
    statusFromObservation(statusObservation(observation, ALLERGY_STATUS), context) ??
    // As for problems, a closed concern with no end date does not make the allergy inactive.
    (context.top !== observation && statusCode(context.top) !== 'completed'
      ? normalizeStatus(statusCode(context.top))
      : own.end
        ? 'inactive'
        : undefined);
  if (status) record.status = status;
  const narrative = narrativeOf(observation, context);
  if (narrative && narrative !== substance.title) record.narrative = narrative;
  return record;
};

// ---- results and vital signs ----------------------------------------------------------------

function mapMeasurement(kind: 'result' | 'vital', reportKind: ReportKind): Mapper {
  return (context, observation) => {
    const coded = readCoded(child(observation, 'code'), context.index);
    const narrative = narrativeOf(observation, context);
    const title = coded.text ?? narrativeName(observation, context) ?? codeLabel(coded.codes, kind === 'vital' ? 'vital sign' : 'result');
    if (!title) return problem(reportKind, `This ${kind === 'vital' ? 'vital sign' : 'result'} has no test name or code.`, context.where);
    const record = draft(kind, title, coded.codes, context);
    const value = readValue(child(observation, 'value'), context.index);
    if (value.value) record.value = value.value;
    const range = readReferenceRange(observation, context.index);
    if (range) record.referenceRange = range;
    const interpretation = children(observation, 'interpretationCode')
      .map((code) => attr(code, 'code') ?? meaningful(textOf(child(code, 'originalText'))))
      .find(Boolean);
    if (interpretation) record.interpretation = interpretation;
    const own = effective(observation);
    const organizer = context.top !== observation ? effective(context.top) : {};
    setDates(record, own.start ? own : organizer);
    if (!markNegated(record, observation, context)) {
      const status = normalizeStatus(statusCode(observation));
      if (status) record.status = status;
    }
    if (context.top !== observation && nameOf(context.top) === 'organizer') {
      const panel = readCoded(child(context.top, 'code'), context.index);
      if (!panel.text && panel.codes.length > 0) {
        const shipped = shippedName(panel.codes);
        if (shipped) panel.text = shipped;
      }
      if (panel.text) record.details.panel = panel.text;
      if (panel.codes.length > 0) record.details.panelCodes = panel.codes;
      const specimen = readCoded(path(context.top, 'specimen', 'specimenRole', 'specimenPlayingEntity', 'code'), context.index);
      if (specimen.text) record.details.specimen = specimen.text;
    }
    if (narrative && narrative !== title) record.narrative = narrative;
    return record;
  };
}

// ---- encounters and procedures --------------------------------------------------------------

function performersOf(statement: XmlNode): string[] {
  const out: string[] = [];
  for (const performer of children(statement, 'performer')) {
    const name = entityName(child(performer, 'assignedEntity'));
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** The organizations the performers act for (a narrative's "Location" column often names them). */
function performerOrganizations(statement: XmlNode): string[] {
  return children(statement, 'performer')
    .map((performer) => formatName(path(performer, 'assignedEntity', 'representedOrganization', 'name')))
    .filter((name): name is string => Boolean(name));
}

function locationOf(statement: XmlNode): string | undefined {
  for (const participant of children(statement, 'participant')) {
    if (attr(participant, 'typeCode') !== 'LOC') continue;
    const role = child(participant, 'participantRole');
    const name = formatName(path(role, 'playingEntity', 'name'));
    if (name) return name;
    const coded = attr(child(role, 'code'), 'displayName');
    if (coded) return coded;
  }
  return undefined;
}

const mapEncounter: Mapper = (context, encounter) => {
  const coded = readCoded(child(encounter, 'code'), context.index);
  const { own: ownWords, row: referencedRow } = coded.codes[0]?.display ? {} : ownOriginalWords(child(encounter, 'code'), context);
  if (ownWords) coded.text = ownWords;
  const narrative = narrativeOf(encounter, context);
  const interval = effective(encounter);
  const location = locationOf(encounter);
  const performers = performersOf(encounter);
  // A narrative row's first cell is often the provider or the place, not what the encounter was;
  // a row whose first cell is empty names nothing (its text is its provider, place and date).
  const reference = attr(path(encounter, 'text', 'reference'), 'value');
  const rowName = reference && context.index.isUnnamedRow(reference) ? undefined : narrativeName(encounter, context);
  const named = rowName && !performers.includes(rowName) && rowName !== location && !performerOrganizations(encounter).includes(rowName) ? rowName : undefined;
  const title = coded.text ?? named ?? codeLabel(coded.codes, 'encounter') ?? (interval.start ? 'Encounter' : undefined);
  if (!title) return problem('encounters', 'This encounter has no type, date or description.', context.where);
  const record = draft('encounter', title, coded.codes, context);
  setDates(record, interval);
  if (coded.text) record.details.encounterType = coded.text;
  if (location) record.details.location = location;
  if (performers.length > 0) record.details.performers = performers;
  const diagnoses: Code[] = [];
  const diagnosisTexts: string[] = [];
  const reasons: string[] = [];
  const reasonCodes: Code[] = [];
  const visitWords = new Set([title, coded.text, narrative, referencedRow].filter((t): t is string => t !== undefined));
  for (const link of children(encounter, 'entryRelationship')) {
    for (const diagnosis of elements(link)) {
      if (!CLINICAL_STATEMENTS.has(nameOf(diagnosis))) continue;
      const isDiagnosis = hasTemplate(diagnosis, ENCOUNTER_DIAGNOSIS);
      if (!isDiagnosis && attr(link, 'typeCode') !== 'RSON') continue;
      const observations = nameOf(diagnosis) === 'observation' ? [diagnosis] : related(diagnosis).filter((k) => nameOf(k) === 'observation');
      for (const observation of observations) {
        const value = readCoded(child(observation, 'value'), context.index);
        const first = value.codes[0];
        if (!isDiagnosis && hasTemplate(diagnosis, NOT_A_REASON)) continue;
        if (first && isDiagnosis) {
          diagnoses.push(value.text && !first.display ? { ...first, display: value.text } : first);
          continue;
        }
        // Any other RSON (an Indication, 4.19) is why the person came, coded ("Bronchitis") or
        // not: a visit for a suspected pneumonia is not a pneumonia diagnosed.
        if (first) {
          // NIST's sample repeats one indication three times under the same visit.
          for (const code of value.codes) if (!reasonCodes.some((c) => c.system === code.system && c.code === code.code)) reasonCodes.push(code);
          const words = value.text ?? first.display ?? `${first.system} ${first.code}`;
          if (!reasons.includes(words)) reasons.push(words);
          continue;
        }
        // Given only in words (Allscripts: a null-flavored value whose originalText, or the
        // observation's text, names it): an Encounter Diagnosis keeps its words as a diagnosis
        // with no code; any other RSON is why the person came ("Fever and chills…").
        // Its text only as it points into the section's narrative: Indiana's C32 writes a whole
        // escaped discharge report inline under RSON ("Discharge Summary-Gopher"), a document, not a reason.
        const pointed = child(child(observation, 'text'), 'reference') ? narrativeOf(observation, context) : undefined;
        const words = value.text ?? pointed;
        // NextGen points a Complaint's originalText at the visit's own row ("PREV VISIT, EST, AGE
        // 1-4"): the visit's name again is no reason and no diagnosis.
        if (!words || visitWords.has(words)) continue;
        const list = isDiagnosis ? diagnosisTexts : reasons;
        if (!list.includes(words)) list.push(words);
      }
    }
  }
  if (diagnoses.length > 0) record.details.diagnoses = diagnoses;
  if (diagnosisTexts.length > 0) record.details.diagnosisTexts = diagnosisTexts;
  if (reasons.length > 0) {
    record.details.comment = `Reason: ${reasons.join('; ')}`;
    record.details.reason = reasons.join('; ');
  }
  if (reasonCodes.length > 0) record.details.reasonCodes = reasonCodes;
  Object.assign(record.details, dischargeOf(encounter, context.index));
  if (!markNegated(record, encounter, context)) {
    const status = normalizeStatus(statusCode(encounter));
    if (status) record.status = status;
  }
  const said = narrative ?? (ownWords ? referencedRow : undefined);
  if (said && said !== title) record.narrative = said;
  return record;
};

/**
 * The code's originalText in its own words when it also points to a whole table row: NextTech
 * writes `<originalText>MUS2<reference value="#row"/>` for a row "10/5/2011 | MUS2 | No Known
 * Diagnosis". Its own words name the encounter; the row, read whole, is its narrative.
 */
function ownOriginalWords(code: XmlNode | undefined, context: EntryContext): { own?: string; row?: string } {
  const original = child(code, 'originalText');
  const reference = attr(child(original, 'reference'), 'value');
  if (!original || !reference || !context.index.isRow(reference)) return {};
  const own = meaningful(textOf(original));
  const row = context.index.resolve(reference);
  return own && row && row !== own ? { own, row } : {};
}

const mapProcedure: Mapper = (context, statement) => {
  const coded = readCoded(child(statement, 'code'), context.index);
  const narrative = narrativeOf(statement, context);
  const title = coded.text ?? narrativeName(statement, context) ?? codeLabel(coded.codes, 'procedure');
  if (!title) return problem('procedures', 'This procedure has no name or code.', context.where);
  const record = draft('procedure', title, coded.codes, context);
  setDates(record, effective(statement));
  if (!markNegated(record, statement, context)) {
    const status = normalizeStatus(statusCode(statement));
    if (status) record.status = status;
  }
  const location = locationOf(statement);
  if (location) record.details.location = location;
  const performers = performersOf(statement);
  if (performers.length > 0) record.details.performers = performers;
  Object.assign(record.details, bodySiteOf(statement, context.index), methodOf(statement, context.index));
  if (narrative && narrative !== title) record.narrative = narrative;
  return record;
};

// ---- plan, social, functional, family, coverage ---------------------------------------------

const mapPlan: Mapper = (context, statement) => {
  const what = plannedAct(statement);
  const product = nameOf(what) === 'substanceAdministration' || nameOf(what) === 'supply' ? productOf(what, context) : undefined;
  const coded = product?.title ? { codes: product.codes, text: product.title } : readCoded(child(what, 'code'), context.index);
  const narrative = narrativeOf(what, context);
  // A goal's code is often only its measure ("Pulse oximetry panel"), its value the target.
  const target = nameOf(what) === 'observation' ? readValue(child(what, 'value'), context.index) : undefined;
  // negationInd="true" says the item is not so: "Caregiver" education under "No Known Planned
  // Instructions" is the statement that there are none, never a plan that was carried out.
  if (negated(statement)) {
    const said = [narrative, coded.text].find((t): t is string => t !== undefined && NONE_KNOWN_TEXT.test(t));
    if (said) return noneKnown('plans', statement, context, said);
  }
  const when = effective(what);
  const title = coded.text ?? narrative ?? target?.value?.text ?? codeLabel(coded.codes, 'plan item') ?? plannedVisit(statement, what, when.start);
  if (!title) return problem('plans', 'This plan of care item has no description or code.', context.where);
  const record = draft('plan', title, coded.codes, context);
  // The goal's target, as written ("Target: >=92 %"); a plan has no measured value.
  if (target?.value?.text && target.value.text !== title) {
    record.details.comment = `Target: ${[target.value.text, target.value.unit].filter(Boolean).join(' ')}`;
  }
  if (when.start) record.details.plannedFor = when.start;
  if (when.end) record.end = when.end;
  // A planned medicine's dose, route, schedule and precondition ("PRN for If Pain does not
  // subside") are kept as a medication's are.
  if (nameOf(what) === 'substanceAdministration') Object.assign(record.details, dosingOf(what, context));
  // Who is to see the person or do it: a planned consultation's doctor.
  const performers = [...new Set([...performersOf(what), ...(what === statement ? [] : performersOf(statement))])];
  if (performers.length > 0) record.details.performers = performers;
  // Where it is to happen: a planned visit's clinic.
  const location = locationOf(what) ?? (what === statement ? undefined : locationOf(statement));
  if (location) record.details.location = location;
  const mood = attr(statement, 'moodCode');
  const status = normalizeStatus(statusCode(statement));
  // A planned item's statusCode "active" means the plan stands, "completed" that it was done.
  record.status = mood === 'EVN' ? (status ?? 'completed') : status === 'completed' || status === 'cancelled' ? status : 'planned';
  // A negated item that names something ("no bronchoscopy") is the source's "not so", never a plan that stands.
  if (!markNegated(record, statement, context)) {
    // Why it is planned (an RSON indication), as a negated item's reason is kept: in its words.
    const why = planReasons(what === statement ? [statement] : [what, statement], context);
    if (why) record.details.comment = [record.details.comment, `Reason: ${why}`].filter(Boolean).join('. ');
  }
  if (narrative && narrative !== title) record.narrative = narrative;
  return record;
};

/** Moods of a statement that is yet to happen (HL7 ActMood): intent, request, appointment, promise, proposal. */
const PLANNED_MOODS: ReadonlySet<string> = new Set(['INT', 'RQO', 'ARQ', 'APT', 'PRMS', 'PRP']);

/**
 * A planned visit that names nothing but says when: Allscripts Professional writes "a visit on
 * 8-Aug-2013 with Dr Seven at Clinic One" with its name cell empty. It is titled by what it is,
 * as mapEncounter titles a nameless dated encounter "Encounter"; its day, doctor and place are the
 * source's. A nameless procedure or observation, or a visit with no day, still names nothing.
 */
function plannedVisit(statement: XmlNode, what: XmlNode, start: string | undefined): string | undefined {
  return nameOf(what) === 'encounter' && start && PLANNED_MOODS.has(attr(statement, 'moodCode') ?? '') ? 'Planned visit' : undefined;
}

/**
 * RSON links that say no reason: C-CDA's Priority Preference (4.143, "High priority": how much the
 * plan matters) and Entry Reference (4.122, an id of something said elsewhere, with no words).
 */
const NOT_A_REASON: ReadonlySet<string> = new Set(['2.16.840.1.113883.10.20.22.4.143', '2.16.840.1.113883.10.20.22.4.122']);

/**
 * A planned item's reasons (RSON), each by its coded words and its own text when they differ:
 * 360 Oncology's planned consultation gives "encounter for 'check-up'" as the code and "Schedule
 * an appointment with Dr Seven after 1 week…" as the text, and both are what the source said.
 */
function planReasons(statements: readonly XmlNode[], context: EntryContext): string | undefined {
  const said: string[] = [];
  for (const link of statements.flatMap((statement) => children(statement, 'entryRelationship'))) {
    if (attr(link, 'typeCode') !== 'RSON') continue;
    for (const reason of elements(link)) {
      if (!CLINICAL_STATEMENTS.has(nameOf(reason)) || hasTemplate(reason, NOT_A_REASON)) continue;
      const coded = readCoded(child(reason, 'value'), context.index).text ?? readCoded(child(reason, 'code'), context.index).text;
      const own = narrativeOf(reason, context);
      const words = coded && own && own !== coded ? `${coded}: ${own}` : (coded ?? own);
      if (words && !said.includes(words)) said.push(words);
    }
  }
  return said.length ? said.join('; ') : undefined;
}

/**
 * What a plan item plans. Allscripts Professional writes a planned procedure as an empty
 * wrapper whose one REFR names it: `<procedure moodCode="INT"><entryRelationship typeCode="REFR">
 * <procedure moodCode="EVN"><code code="45378" …/><effectiveTime><low value="20120922"/>`. The
 * wrapper's mood and status say it is planned; its name, codes, text and day are the referred act's.
 */
function plannedAct(statement: XmlNode): XmlNode {
  if (child(statement, 'code') || child(statement, 'text') || child(statement, 'effectiveTime')) return statement;
  const referred: XmlNode[] = [];
  for (const link of children(statement, 'entryRelationship')) {
    if (attr(link, 'typeCode') !== 'REFR') continue;
    for (const k of elements(link)) if (CLINICAL_STATEMENTS.has(nameOf(k))) referred.push(k);
  }
  return referred.length === 1 && nameOf(referred[0]!) === nameOf(statement) ? referred[0]! : statement;
}

function mapObservationKind(kind: 'social' | 'functional', reportKind: ReportKind): Mapper {
  return (context, observation) => {
    const code = readCoded(child(observation, 'code'), context.index);
    // "ASSERTION" (HL7 ActCode) only says the value is asserted; it names nothing, and its
    // display ("Assertion") is no title either.
    if (attr(child(observation, 'code'), 'code') === 'ASSERTION' && code.text === meaningful(attr(child(observation, 'code'), 'displayName'))) delete code.text;
    code.codes = code.codes.filter((c) => c.code !== 'ASSERTION');
    const value = readValue(child(observation, 'value'), context.index);
    const narrative = narrativeOf(observation, context);
    // Functional findings are usually the value ("Independent in walking"); social history
    // keeps the question as the title and the answer as the value ("Smoking status": "Never").
    const title = kind === 'functional' ? (value.value?.text ?? code.text ?? narrative) : (code.text ?? value.value?.text ?? narrative ?? codeLabel(code.codes, 'social history item'));
    if (!title) return problem(reportKind, `This ${kind === 'social' ? 'social history' : 'functional status'} item has no description or code.`, context.where);
    const codes = kind === 'functional' && value.codes.length > 0 ? [...value.codes, ...code.codes] : [...code.codes, ...value.codes];
    const record = draft(kind, title, codes, context);
    const unanswered = kind === 'social' ? noAnswer(child(observation, 'value'), value.value) : undefined;
    if (unanswered) record.value = unanswered;
    else if (value.value && !(kind === 'functional' && value.value.text === title)) record.value = value.value;
    setDates(record, effective(observation));
    // A status observation (LOINC 33999-4 "Status") says more than the statusCode.
    const said = related(observation).find((k) => attr(child(k, 'code'), 'code') === STATUS_LOINC);
    // A finding's statusCode "completed" says the observation is complete, not that the finding
    // ended: beside a Status observation that contradicts itself, no status is known.
    const status = selfContradictory(said) ? undefined : (statusFromObservation(said, context) ?? normalizeStatus(statusCode(observation)));
    if (!markNegated(record, observation, context) && status) record.status = status;
    if (narrative && narrative !== title) record.narrative = narrative;
    return record;
  };
}

const NO_ANSWER_FLAVORS = new Set(['NI', 'UNK', 'ASKU', 'NAV', 'NASK', 'MSK', 'NA', 'NP']);

/**
 * A question answered with a null flavor that carries words (McKesson's "Sex Assigned At Birth":
 * `nullFlavor="UNK" displayName="Unknown"`): the words, marked as the source's null flavor so
 * they never read as an answer. A bare null flavor says nothing more than no value. "OTH" is
 * not here: its translation carries an answer from outside the value set.
 */
function noAnswer(value: XmlNode | undefined, read: Quantity | undefined): Quantity | undefined {
  const flavor = attr(value, 'nullFlavor')?.trim();
  if (!flavor || !NO_ANSWER_FLAVORS.has(flavor)) return undefined;
  const words = read?.text ?? meaningful(attr(value, 'displayName'));
  return words ? { text: words, nullFlavor: flavor } : undefined;
}

const mapFamily: Mapper = (context, observation) => {
  const value = readCoded(child(observation, 'value'), context.index);
  const narrative = narrativeOf(observation, context);
  const title = value.text ?? narrative ?? codeLabel(value.codes, 'condition');
  if (!title) return problem('family', 'This family history item names no condition.', context.where);
  const record = draft('family', title, value.codes, context);
  const subject =
    path(context.top, 'subject', 'relatedSubject', 'code') ?? path(observation, 'subject', 'relatedSubject', 'code');
  const relation = readCoded(subject, context.index).text;
  if (relation) record.details.relation = relation;
  setDates(record, effective(observation));
  // The relative died of it (a CAUS link to "Dead") and their age when it began: the source's
  // facts, worded at read time.
  if (diedOf(observation)) record.details.causeOfDeath = true;
  const onsetAge = onsetAgeOf(observation);
  if (onsetAge) record.details.onsetAge = onsetAge;
  // "No diabetes in the mother": kept as the source says it, never as a condition she had.
  markNegated(record, observation, context);
  if (narrative && narrative !== title) record.narrative = narrative;
  return record;
};

const mapCoverage: Mapper = (context, policy) => {
  let payer: string | undefined;
  for (const performer of children(policy, 'performer')) {
    const entity = child(performer, 'assignedEntity');
    const name = formatName(path(entity, 'representedOrganization', 'name'));
    if (name && (attr(performer, 'typeCode') ?? 'PRF') === 'PRF') {
      payer = name;
      break;
    }
    payer ??= name;
  }
  const coded = readCoded(child(policy, 'code'), context.index);
  const title = payer ?? coded.text ?? narrativeOf(policy, context);
  if (!title) return problem('coverage', 'This insurance entry names no payer or plan.', context.where);
  const record = draft('coverage', title, coded.codes, context);
  if (payer) record.details.payer = payer;
  for (const participant of children(policy, 'participant')) {
    if (attr(participant, 'typeCode') !== 'COV') continue;
    const id = child(child(participant, 'participantRole'), 'id');
    const member = attr(id, 'extension') ?? attr(id, 'root');
    if (member) record.details.memberId = member;
    setDates(record, readInterval(child(participant, 'time')));
  }
  const group = attr(child(policy, 'id'), 'extension');
  if (group) record.details.groupId = group;
  const status = normalizeStatus(statusCode(policy));
  if (status) record.status = status;
  if (coded.text && coded.text !== title) record.details.comment = coded.text;
  return record;
};

const MAPPERS: Record<SectionKind, Mapper> = {
  problems: mapProblem,
  medications: mapMedication,
  allergies: mapAllergy,
  immunizations: mapImmunization,
  results: mapMeasurement('result', 'results'),
  vitals: mapMeasurement('vital', 'vitals'),
  encounters: mapEncounter,
  procedures: mapProcedure,
  plans: mapPlan,
  social: mapObservationKind('social', 'social'),
  functional: mapObservationKind('functional', 'functional'),
  family: mapFamily,
  coverage: mapCoverage,
  claims: (context) => problem('claims', 'Claims are not read from CDA documents.', context.where),
  directives: mapDirective,
};

