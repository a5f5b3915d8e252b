// One mapper per entry kind: a clinical statement (plus the entry it sits in) to a RecordDraft,
// or an ImportProblem saying in plain words why it could not be read.
import type { Code, EntryKind, ImportProblem, RecordDraft, ReportKind } from '../../records/model.ts';
import { attr, child, children, elements, hasTemplate, nameOf, path, type XmlNode } from '../xml/tree.ts';
import type { NarrativeIndex } from '../narrative/index.ts';
import { readCoded, referencedOrOwnText } from './codes.ts';
import { readInterval, type Interval } from './dates.ts';
import { entityName, formatName, readReferenceRange, readValue, xsiType } from './values.ts';
import {
  ALLERGY_STATUS,
  ENCOUNTER_DIAGNOSIS,
  IMMUNIZATION_REFUSAL,
  INSTRUCTIONS,
  PROBLEM_STATUS,
  REACTION,
  SEVERITY,
  STATEMENT_TEMPLATES,
  type SectionKind,
} from './templates.ts';

export interface EntryContext {
  index: NarrativeIndex;
  /** "Problems section, entry 3" */
  where: string;
  /** The statement at the top of the entry (concern act, organizer…) for status and dates. */
  top: XmlNode;
}

export type Mapped = RecordDraft | ImportProblem;

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
};

/** The top clinical statement of an <entry>. */
export function topStatement(entry: XmlNode): XmlNode | undefined {
  for (const k of elements(entry)) if (CLINICAL_STATEMENTS.has(nameOf(k))) return k;
  return undefined;
}

/** Every statement with one of `roots` inside `node` (not descending into a match). */
export function findByTemplate(node: XmlNode, roots: ReadonlySet<string>, out: XmlNode[] = []): XmlNode[] {
  for (const k of elements(node)) {
    const name = nameOf(k);
    if (CLINICAL_STATEMENTS.has(name) && hasTemplate(k, roots)) out.push(k);
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

/** When an entry's statements carry no template we know, find them by structure. */
function structuralStatements(top: XmlNode, kind: SectionKind): XmlNode[] {
  const name = nameOf(top);
  switch (kind) {
    case 'problems':
    case 'allergies':
      if (name === 'observation') return [top];
      return related(top).filter((k) => nameOf(k) === 'observation' && child(k, 'value'));
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

/** Maps one <entry> of a section of `kind` to records and problems. */
export function mapEntry(entry: XmlNode, kind: SectionKind, index: NarrativeIndex, where: string): Mapped[] {
  const top = topStatement(entry);
  if (!top) return [problem(kind, `This ${NOUN[kind]} entry holds no clinical statement, only narrative.`, where)];
  const context: EntryContext = { index, where, top };
  let statements = findByTemplate(entry, STATEMENT_TEMPLATES[kind]);
  if (statements.length === 0) statements = structuralStatements(top, kind);
  if (statements.length === 0) {
    return [problem(kind, `This ${NOUN[kind]} entry has no ${NOUN[kind]} in it that Chartkeeper recognizes.`, where)];
  }
  const out: Mapped[] = [];
  statements.forEach((statement, i) => {
    const at = statements.length > 1 ? `${where}, item ${i + 1}` : where;
    out.push(MAPPERS[kind]({ ...context, where: at }, statement));
  });
  return out;
}

export function problem(kind: ReportKind | undefined, reason: string, where: string): ImportProblem {
  return kind ? { kind, reason, where } : { reason, where };
}

export function isProblem(mapped: Mapped): mapped is ImportProblem {
  return !('title' in mapped);
}

type Mapper = (context: EntryContext, statement: XmlNode) => Mapped;

function draft(kind: EntryKind, title: string, codes: Code[], context: EntryContext): RecordDraft {
  return { kind, title, codes, details: {}, sourceLocation: context.where };
}

/** A last-resort title when a source gives a code but no words for it: "SNOMED 59621000". */
function codeLabel(codes: readonly Code[]): string | undefined {
  const first = codes[0];
  return first ? `${first.system} ${first.code}` : undefined;
}

function narrativeOf(statement: XmlNode, context: EntryContext): string | undefined {
  return referencedOrOwnText(child(statement, 'text'), context.index);
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
  if (code && STATUS_SNOMED[code]) return STATUS_SNOMED[code];
  return normalizeStatus(readCoded(value, context.index).text);
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

// ---- problems ------------------------------------------------------------------------------

const mapProblem: Mapper = (context, observation) => {
  const value = child(observation, 'value');
  const coded = readCoded(value, context.index);
  const title = coded.text ?? narrativeOf(observation, context) ?? (context.top !== observation ? narrativeOf(context.top, context) : undefined) ?? codeLabel(coded.codes);
  if (negated(observation)) {
    return problem('problems', `The problem list says there is no ${title ? `"${title}"` : 'known problem'}; nothing to add.`, context.where);
  }
  if (!title) {
    return problem('problems', 'This problem has no name or code, only an empty entry.', context.where);
  }
  const record = draft('problem', title, coded.codes, context);
  const own = effective(observation);
  const concern = context.top !== observation ? effective(context.top) : {};
  setDates(record, { start: own.start ?? concern.start, end: own.end });
  let status = statusFromObservation(relatedWithTemplate(observation, PROBLEM_STATUS), context);
  if (!status && context.top !== observation) {
    // A concern that is "completed" is no longer being tracked: the problem is resolved.
    const concernStatus = statusCode(context.top);
    status = concernStatus === 'completed' ? 'resolved' : normalizeStatus(concernStatus);
  }
  if (!status && record.end) status = 'resolved';
  if (status) record.status = status;
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
  const title = coded.text ?? name ?? codeLabel(coded.codes);
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
  const value = attr(node, 'value') ?? attr(low, 'value');
  if (!value) return undefined;
  const unit = attr(node, 'unit') ?? attr(low, 'unit');
  return unit && unit !== '1' ? `${value} ${unit}` : value;
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

const mapMedication: Mapper = (context, administration) => {
  const product = productOf(administration, context);
  const narrative = narrativeOf(administration, context);
  const title = product.title ?? narrative ?? codeLabel(product.codes);
  if (negated(administration) && !product.codes.length) {
    return problem('medications', 'The medication list says no medications are taken; nothing to add.', context.where);
  }
  if (!title) return problem('medications', 'This medication has no drug name or code, only an empty entry.', context.where);
  const record = draft('medication', title, product.codes, context);
  setDates(record, effective(administration));
  const status = normalizeStatus(statusCode(administration));
  if (negated(administration)) record.status = 'stopped';
  else if (status) record.status = attr(administration, 'moodCode') === 'INT' && status === 'completed' ? 'completed' : status;
  const dose = quantityText(child(administration, 'doseQuantity'));
  if (dose) record.details.dose = dose;
  const route = readCoded(child(administration, 'routeCode'), context.index);
  if (route.text ?? route.codes[0]) record.details.route = route.text ?? route.codes[0]?.code;
  const frequency = frequencyOf(administration, context);
  if (frequency) record.details.frequency = frequency;
  const instructions = relatedWithTemplate(administration, INSTRUCTIONS);
  const instructionText = instructions ? narrativeOf(instructions, context) ?? readCoded(child(instructions, 'code'), context.index).text : undefined;
  if (instructionText) record.details.instructions = instructionText;
  const prescriber = entityName(path(administration, 'author', 'assignedAuthor')) ?? entityName(path(administration, 'performer', 'assignedEntity'));
  if (prescriber) record.details.prescriber = prescriber;
  if (narrative && narrative !== title) record.narrative = narrative;
  return record;
};

const mapImmunization: Mapper = (context, administration) => {
  const product = productOf(administration, context);
  const narrative = narrativeOf(administration, context);
  const title = product.title ?? narrative ?? codeLabel(product.codes);
  if (!title) return problem('immunizations', 'This immunization has no vaccine name or code, only an empty entry.', context.where);
  const record = draft('immunization', title, product.codes, context);
  setDates(record, effective(administration));
  if (negated(administration)) {
    record.details.refused = true;
    record.status = 'refused';
    const reason = relatedWithTemplate(administration, IMMUNIZATION_REFUSAL);
    const reasonText = reason ? readCoded(child(reason, 'code'), context.index).text : undefined;
    if (reasonText) record.details.comment = `Reason: ${reasonText}`;
  } else {
    const status = normalizeStatus(statusCode(administration));
    if (status) record.status = status;
  }
  if (product.manufacturer) record.details.manufacturer = product.manufacturer;
  if (product.lotNumber) record.details.lotNumber = product.lotNumber;
  const dose = quantityText(child(administration, 'doseQuantity'));
  if (dose) record.details.dose = dose;
  const route = readCoded(child(administration, 'routeCode'), context.index);
  if (route.text) record.details.route = route.text;
  const performer = entityName(path(administration, 'performer', 'assignedEntity'));
  if (performer) record.details.performers = [performer];
  if (narrative && narrative !== title) record.narrative = narrative;
  return record;
};

// ---- allergies ---------------------------------------------------------------------------

function substanceOf(observation: XmlNode, context: EntryContext): { title?: string; codes: Code[] } {
  for (const participant of children(observation, 'participant')) {
    if ((attr(participant, 'typeCode') ?? 'CSM') !== 'CSM') continue;
    const entity = path(participant, 'participantRole', 'playingEntity');
    if (!entity) continue;
    const coded = readCoded(child(entity, 'code'), context.index);
    const title = coded.text ?? formatName(child(entity, 'name')) ?? codeLabel(coded.codes);
    return title ? { title, codes: coded.codes } : { codes: coded.codes };
  }
  return { codes: [] };
}

const mapAllergy: Mapper = (context, observation) => {
  const substance = substanceOf(observation, context);
  const type = readCoded(child(observation, 'value'), context.index);
  if (negated(observation)) {
    return problem('allergies', `The allergy list says there are no known ${substance.title && !/^no known/i.test(substance.title) ? `allergies to ${substance.title}` : 'allergies'}; nothing to add.`, context.where);
  }
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
  if (type.text) record.details.allergyType = type.text;
  const own = effective(observation);
  const concern = context.top !== observation ? effective(context.top) : {};
  setDates(record, { start: own.start ?? concern.start, end: own.end });
  const reactions: string[] = [];
  let severity: string | undefined;
  for (const statement of related(observation)) {
    if (hasTemplate(statement, REACTION)) {
      const reaction = readCoded(child(statement, 'value'), context.index).text ?? narrativeOf(statement, context);
      if (reaction) reactions.push(reaction);
      const nested = relatedWithTemplate(statement, SEVERITY);
      if (nested && !severity) severity = readCoded(child(nested, 'value'), context.index).text;
    } else if (hasTemplate(statement, SEVERITY)) {
      severity = readCoded(child(statement, 'value'), context.index).text ?? severity;
    }
  }
  if (reactions.length > 0) record.details.reactions = reactions;
  if (severity) record.details.severity = severity;
  const status =
    statusFromObservation(relatedWithTemplate(observation, ALLERGY_STATUS), context) ??
    (context.top !== observation ? normalizeStatus(statusCode(context.top) === 'completed' ? 'inactive' : statusCode(context.top)) : undefined);
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
    const title = coded.text ?? narrative ?? codeLabel(coded.codes);
    if (!title) return problem(reportKind, `This ${kind === 'vital' ? 'vital sign' : 'result'} has no test name or code.`, context.where);
    const record = draft(kind, title, coded.codes, context);
    const value = readValue(child(observation, 'value'), context.index);
    if (value.value) record.value = value.value;
    const range = readReferenceRange(observation, context.index);
    if (range) record.referenceRange = range;
    const interpretation = attr(child(observation, 'interpretationCode'), 'code');
    if (interpretation) record.interpretation = interpretation;
    const own = effective(observation);
    const organizer = context.top !== observation ? effective(context.top) : {};
    setDates(record, own.start ? own : organizer);
    const status = normalizeStatus(statusCode(observation));
    if (status) record.status = status;
    if (context.top !== observation && nameOf(context.top) === 'organizer') {
      const panel = readCoded(child(context.top, 'code'), context.index);
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
  const narrative = narrativeOf(encounter, context);
  const interval = effective(encounter);
  const title = coded.text ?? narrative ?? codeLabel(coded.codes) ?? (interval.start ? 'Encounter' : undefined);
  if (!title) return problem('encounters', 'This encounter has no type, date or description.', context.where);
  const record = draft('encounter', title, coded.codes, context);
  setDates(record, interval);
  if (coded.text) record.details.encounterType = coded.text;
  const location = locationOf(encounter);
  if (location) record.details.location = location;
  const performers = performersOf(encounter);
  if (performers.length > 0) record.details.performers = performers;
  const diagnoses: Code[] = [];
  for (const link of children(encounter, 'entryRelationship')) {
    for (const diagnosis of elements(link)) {
      if (!CLINICAL_STATEMENTS.has(nameOf(diagnosis))) continue;
      if (!hasTemplate(diagnosis, ENCOUNTER_DIAGNOSIS) && attr(link, 'typeCode') !== 'RSON') continue;
      const observations = nameOf(diagnosis) === 'observation' ? [diagnosis] : related(diagnosis).filter((k) => nameOf(k) === 'observation');
      for (const observation of observations) {
        const value = readCoded(child(observation, 'value'), context.index);
        const first = value.codes[0];
        if (first) diagnoses.push(value.text && !first.display ? { ...first, display: value.text } : first);
      }
    }
  }
  if (diagnoses.length > 0) record.details.diagnoses = diagnoses;
  const status = normalizeStatus(statusCode(encounter));
  if (status) record.status = status;
  if (narrative && narrative !== title) record.narrative = narrative;
  return record;
};

const mapProcedure: Mapper = (context, statement) => {
  const coded = readCoded(child(statement, 'code'), context.index);
  const narrative = narrativeOf(statement, context);
  const title = coded.text ?? narrative ?? codeLabel(coded.codes);
  if (!title) return problem('procedures', 'This procedure has no name or code.', context.where);
  const record = draft('procedure', title, coded.codes, context);
  setDates(record, effective(statement));
  const status = normalizeStatus(statusCode(statement));
  if (status) record.status = status;
  const location = locationOf(statement);
  if (location) record.details.location = location;
  const performers = performersOf(statement);
  if (performers.length > 0) record.details.performers = performers;
  if (narrative && narrative !== title) record.narrative = narrative;
  return record;
};

// ---- plan, social, functional, family, coverage ---------------------------------------------

const mapPlan: Mapper = (context, statement) => {
  const product = nameOf(statement) === 'substanceAdministration' || nameOf(statement) === 'supply' ? productOf(statement, context) : undefined;
  const coded = product?.title ? { codes: product.codes, text: product.title } : readCoded(child(statement, 'code'), context.index);
  const narrative = narrativeOf(statement, context);
  const title = coded.text ?? narrative ?? codeLabel(coded.codes);
  if (!title) return problem('plans', 'This plan of care item has no description or code.', context.where);
  const record = draft('plan', title, coded.codes, context);
  const when = effective(statement);
  if (when.start) record.details.plannedFor = when.start;
  const mood = attr(statement, 'moodCode');
  record.status = mood === 'EVN' ? normalizeStatus(statusCode(statement)) ?? 'completed' : 'planned';
  if (narrative && narrative !== title) record.narrative = narrative;
  return record;
};

function mapObservationKind(kind: 'social' | 'functional', reportKind: ReportKind): Mapper {
  return (context, observation) => {
    const code = readCoded(child(observation, 'code'), context.index);
    const value = readValue(child(observation, 'value'), context.index);
    const narrative = narrativeOf(observation, context);
    // Functional findings are usually the value ("Independent in walking"); social history
    // keeps the question as the title and the answer as the value ("Smoking status": "Never").
    const title = kind === 'functional' ? (value.value?.text ?? code.text ?? narrative) : (code.text ?? value.value?.text ?? narrative ?? codeLabel(code.codes));
    if (!title) return problem(reportKind, `This ${kind === 'social' ? 'social history' : 'functional status'} item has no description or code.`, context.where);
    const codes = kind === 'functional' && value.codes.length > 0 ? [...value.codes, ...code.codes] : [...code.codes, ...value.codes];
    const record = draft(kind, title, codes, context);
    if (value.value && !(kind === 'functional' && value.value.text === title)) record.value = value.value;
    setDates(record, effective(observation));
    const status = normalizeStatus(statusCode(observation));
    if (status) record.status = status;
    if (narrative && narrative !== title) record.narrative = narrative;
    return record;
  };
}

const mapFamily: Mapper = (context, observation) => {
  const value = readCoded(child(observation, 'value'), context.index);
  const narrative = narrativeOf(observation, context);
  const title = value.text ?? narrative ?? codeLabel(value.codes);
  if (!title) return problem('family', 'This family history item names no condition.', context.where);
  const record = draft('family', title, value.codes, context);
  const subject =
    path(context.top, 'subject', 'relatedSubject', 'code') ?? path(observation, 'subject', 'relatedSubject', 'code');
  const relation = readCoded(subject, context.index).text;
  if (relation) record.details.relation = relation;
  setDates(record, effective(observation));
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
};

