// A parsed ClinicalDocument (C-CDA, CCD 1.0, HITSP C32, C62) to an ImportedDocument: header,
// patient, every section's narrative, and the entries of the sections we know.
import type {
  Attachment,
  DocumentMeta,
  DocumentSection,
  ImportedDocument,
  ImportProblem,
  NarrativeNode,
  NoneKnownStatement,
  PatientIdentity,
  RecordDraft,
} from '../../records/model.ts';
import { attr, child, children, elements, nameOf, path, templateIds, TEXT_NAME, textOf, textValue, type XmlNode } from '../xml/tree.ts';
import { NarrativeIndex, plainText, toNarrative } from '../narrative/index.ts';
import { NULL_FLAVOR_WORD, readCoded, systemName } from './codes.ts';
import { tsToIso } from './dates.ts';
import { formatName } from './values.ts';
import { isProblem, mapEntry } from './entries.ts';
import { NONE_KNOWN_TEXT, PLACEHOLDER_TEXT } from './known-codes.ts';
import { DOCUMENT_VARIANTS, SECTION_KIND_BY_LOINC, SECTION_KIND_BY_TEMPLATE, type SectionKind } from './templates.ts';

interface SectionWork {
  node: XmlNode;
  kind: SectionKind | undefined;
  title: string;
  narrative: NarrativeNode[];
}

export function readClinicalDocument(root: XmlNode): ImportedDocument {
  const index = new NarrativeIndex();
  const records: RecordDraft[] = [];
  const problems: ImportProblem[] = [];
  const document = readMeta(root);
  const patient = readPatient(root);

  const body = child(root, 'component');
  const structured = child(body, 'structuredBody');
  const nonXml = child(body, 'nonXMLBody');
  if (nonXml) readNonXmlBody(nonXml, document, problems);

  // Narratives first, so an entry can resolve a reference into any section's narrative.
  const work: SectionWork[] = [];
  if (structured) collectSections(structured, work, index, document.sections);

  const statements: NoneKnownStatement[] = [];
  for (const section of work) {
    if (!section.kind) {
      const unread = sectionNotRead(section);
      if (unread) problems.push(unread);
      continue;
    }
    let n = 0;
    for (const entry of children(section.node, 'entry')) {
      n++;
      const where = `${section.title} section, entry ${n}`;
      for (const mapped of mapEntry(entry, section.kind, index, where, section.node)) {
        if (!isProblem(mapped)) {
          records.push(mapped);
          continue;
        }
        const { statement, ...skipped } = mapped;
        problems.push(skipped);
        if (statement) statements.push(statement);
      }
    }
    if (n === 0) {
      // An allergy list's items are one allergen each (Epic writes "PENICILLINS" as a list item,
      // not a table row); other kinds' lists also carry notes and instructions, so only rows count there.
      const rows = textOnlyRows(section.narrative) + (section.kind === 'allergies' ? textOnlyItems(section.narrative) : 0);
      if (rows > 0) {
        problems.push({
          kind: section.kind,
          reason: `${rows} ${rows === 1 ? 'item' : 'items'} in the "${section.title}" section ${rows === 1 ? 'is' : 'are'} only in the document's text, not coded: see the document.`,
          where: `${section.title} section`,
          textOnly: rows,
        });
      }
    }
  }
  if (statements.length > 0) document.statements = statements;
  if (structured && work.length === 0) {
    problems.push({ reason: 'The document has an empty body: it holds no sections.', where: 'structuredBody' });
  }
  if (!structured && !nonXml) {
    problems.push({ reason: 'The document has no body: it holds only a header.', where: 'ClinicalDocument' });
  }
  return { patient, document, records, problems };
}

/**
 * A section Chartkeeper does not read (Instructions, Medical Equipment, a vendor's own code)
 * that holds entries: its text is kept with the document, but its entries are named in the
 * report with the title the document gives it, never dropped in silence.
 */
const TITLE_LENGTH = 120;

function sectionNotRead(section: SectionWork): ImportProblem | undefined {
  const entries = children(section.node, 'entry');
  const count = textSaysNone(section) ? entries.filter((entry) => !saysNothing(entry)).length : entries.length;
  if (count === 0) return undefined;
  // Nested procedure sections are titled with a whole CPT description (200 characters and more).
  const title = section.title.length > TITLE_LENGTH ? `${section.title.slice(0, TITLE_LENGTH - 1)}…` : section.title;
  return {
    reason: `${count} ${count === 1 ? 'entry' : 'entries'} of the "${title}" section ${count === 1 ? 'was' : 'were'} not imported because Chartkeeper does not read that section yet; its text is kept with the document.`,
    where: `${title} section`,
    notice: { kind: 'section-not-read', section: title, count },
  };
}

/**
 * The section's whole text says it holds nothing: "No Instructions", "No known Medical
 * Equipments". Only then is an empty entry a placeholder: Intellichart writes its discharge
 * instructions in the text and an empty act per instruction, and those stay named.
 */
function textSaysNone(section: SectionWork): boolean {
  const text = plainText(section.narrative);
  if (text === '' || text.length > 80) return false;
  if (NONE_KNOWN_TEXT.test(text) || PLACEHOLDER_TEXT.test(text)) return true;
  // "No Instructions" under "Instructions": a "No" about the section's own subject, not an
  // instruction such as "No smoking".
  const subject = /^no(?:ne)?\s+(?:known\s+)?([a-z]{4,})/i.exec(text)?.[1];
  return subject !== undefined && section.title.toLowerCase().includes(subject.slice(0, 6).toLowerCase());
}

/** What an entry may hold and still say nothing: how it is filed and identified. */
const FILING = new Set(['templateId', 'id', 'statusCode']);

/**
 * An entry that only stands in for absent data: one statement with no words, date, value,
 * participant or related statement, its code a null flavor (MDLogic's Instructions section,
 * "No Instructions", holds an act coded "NI", "No Instruction"). Under a text that says there
 * is none, naming it as an entry not imported would send a person looking for instructions
 * that were never given.
 */
function saysNothing(entry: XmlNode): boolean {
  const statements = elements(entry);
  if (statements.length !== 1 || textOf(statements[0]) !== '') return false;
  for (const node of elements(statements[0])) {
    const name = nameOf(node);
    if (FILING.has(name)) continue;
    if (name === 'code' && nullCode(node)) continue;
    return false;
  }
  return true;
}

function nullCode(code: XmlNode): boolean {
  // A translation or original text would carry a code or words.
  if (elements(code).length > 0) return false;
  if (attr(code, 'nullFlavor')) return true;
  const value = attr(code, 'code')?.trim();
  const words = attr(code, 'displayName')?.trim();
  return value !== undefined && NULL_FLAVOR_WORD.test(value) && (words === undefined || /^no\b/i.test(words));
}

/** Sections in document order, nested sections included (they carry their own entries). */
function collectSections(container: XmlNode, work: SectionWork[], index: NarrativeIndex, out: DocumentSection[]): void {
  for (const component of children(container, 'component')) {
    const section = child(component, 'section');
    if (!section) continue;
    const code = readCoded(child(section, 'code'), index);
    const title = textOf(child(section, 'title')) || code.text || 'Untitled';
    const kind = sectionKind(section);
    const narrative = toNarrative(child(section, 'text'), index);
    const entry: DocumentSection = { title, narrative };
    const primary = code.codes[0];
    if (primary) entry.code = primary;
    out.push(entry);
    work.push({ node: section, kind, title, narrative });
    collectSections(section, work, index, out);
  }
}

export function sectionKind(section: XmlNode): SectionKind | undefined {
  for (const id of templateIds(section)) {
    const kind = SECTION_KIND_BY_TEMPLATE.get(id);
    if (kind) return kind;
  }
  const code = attr(child(section, 'code'), 'code');
  return code ? SECTION_KIND_BY_LOINC.get(code) : undefined;
}

function readMeta(root: XmlNode): DocumentMeta {
  const meta: DocumentMeta = { sections: [], attachments: [] };
  const title = textOf(child(root, 'title'));
  if (title) meta.title = title;
  const type = readCoded(child(root, 'code'), new NarrativeIndex());
  if (type.codes[0]) meta.type = type.codes[0];
  const variant = variantOf(root);
  if (variant) meta.variant = variant;
  const date = tsToIso(attr(child(root, 'effectiveTime'), 'value'));
  if (date) meta.date = date;
  for (const author of children(root, 'author')) {
    const assigned = child(author, 'assignedAuthor');
    const organization = formatName(path(assigned, 'representedOrganization', 'name'));
    if (organization && !meta.authorOrganization) meta.authorOrganization = organization;
    const person = formatName(path(assigned, 'assignedPerson', 'name'));
    if (person && !meta.authorName) meta.authorName = person;
  }
  const custodian = formatName(
    path(root, 'custodian', 'assignedCustodian', 'representedCustodianOrganization', 'name'),
  );
  if (custodian) {
    if (!meta.authorOrganization) meta.authorOrganization = custodian;
    else if (custodian !== meta.authorOrganization) meta.custodian = custodian;
  }
  return meta;
}

function variantOf(root: XmlNode): string | undefined {
  const ids = templateIds(root);
  // The most specific template wins: a CCD also carries the generic US Realm Header.
  for (const id of ids) {
    const variant = DOCUMENT_VARIANTS.get(id);
    if (variant && id.startsWith('2.16.840.1.113883.10.20.22.')) return variant;
  }
  for (const id of ids) {
    const variant = DOCUMENT_VARIANTS.get(id);
    if (variant === 'C32' || variant === 'C62') return variant;
  }
  for (const id of ids) {
    const variant = DOCUMENT_VARIANTS.get(id);
    if (variant) return variant;
  }
  return undefined;
}

const SEX: Record<string, string> = { M: 'male', F: 'female', UN: 'unknown', U: 'unknown' };

function readPatient(root: XmlNode): PatientIdentity {
  const role = path(root, 'recordTarget', 'patientRole');
  const person = child(role, 'patient');
  const patient: PatientIdentity = {};
  const names = children(person, 'name');
  const name = names.find((n) => (attr(n, 'use') ?? 'L').split(/\s+/).includes('L')) ?? names[0];
  if (name) {
    const given = children(name, 'given').map((g) => textOf(g)).filter(Boolean);
    const family = children(name, 'family').map((f) => textOf(f)).filter(Boolean).join(' ');
    if (given.length > 0) patient.given = given;
    if (family) patient.family = family;
    const full = given.length > 0 || family ? [...given, family].filter(Boolean).join(' ') : formatName(name);
    if (full) patient.name = full;
  }
  const birth = tsToIso(attr(child(person, 'birthTime'), 'value'));
  if (birth) patient.birthDate = birth;
  const gender = child(person, 'administrativeGenderCode');
  const code = attr(gender, 'code');
  const sex = code ? (SEX[code.toUpperCase()] ?? attr(gender, 'displayName') ?? code) : undefined;
  if (sex) patient.sex = sex;
  const identifiers: { system?: string; value: string }[] = [];
  for (const id of children(role, 'id')) {
    const extension = attr(id, 'extension');
    const root = attr(id, 'root');
    if (extension) identifiers.push(root ? { system: systemName(root) ?? root, value: extension } : { value: extension });
    else if (root) identifiers.push({ value: root });
  }
  if (identifiers.length > 0) patient.identifiers = identifiers;
  return patient;
}

function readNonXmlBody(nonXml: XmlNode, meta: DocumentMeta, problems: ImportProblem[]): void {
  const text = child(nonXml, 'text');
  const mediaType = attr(text, 'mediaType') ?? 'text/plain';
  const representation = (attr(text, 'representation') ?? 'TXT').toUpperCase();
  const reference = attr(child(text, 'reference'), 'value');
  const content = text ? rawText(text) : '';
  if (!content.trim()) {
    problems.push({
      reason: reference
        ? `The document's content is a separate file (${reference}) that is not included in what was imported.`
        : 'The document has an unstructured body with no content.',
      where: 'nonXMLBody',
    });
    return;
  }
  const data =
    representation === 'B64' ? content.replace(/\s+/g, '') : Buffer.from(content, 'utf8').toString('base64');
  const attachment: Attachment = { mediaType, data };
  if (meta.title) attachment.title = meta.title;
  meta.attachments.push(attachment);
  if (representation === 'B64' && !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
    problems.push({ reason: 'The attached file is not valid base64 and may not open.', where: 'nonXMLBody' });
  }
}

/** Text content without whitespace collapsing (plain-text bodies keep their lines). */
function rawText(node: XmlNode): string {
  let out = '';
  for (const k of children(node, TEXT_NAME)) out += textValue(k);
  return out;
}


/**
 * Rows of a section's narrative tables that hold something: body rows with text, except
 * rows that only say there is nothing ("No known allergies", "No information").
 */
function textOnlyRows(nodes: readonly NarrativeNode[], inHead = false): number {
  // Recursion rather than a closure made per call (see plainParts in narrative/index.ts).
  let rows = 0;
  for (const node of nodes) {
    if (typeof node === 'string') continue;
    if (node.tag === 'row') {
      if (inHead || node.children.every(isHeaderCell)) continue;
      const text = plainText(node.children);
      if (text && !NONE_KNOWN_TEXT.test(text) && !PLACEHOLDER_TEXT.test(text)) rows++;
      continue;
    }
    rows += textOnlyRows(node.children, inHead || node.tag === 'thead');
  }
  return rows;
}

function isHeaderCell(node: NarrativeNode): boolean {
  return typeof node !== 'string' && node.tag === 'header-cell';
}

/**
 * Items of a narrative's lists that hold something, outside tables (whose rows textOnlyRows
 * counts) and except an item that holds a list or a table itself (its own items or rows are the
 * things listed) or only says there is nothing.
 */
function textOnlyItems(nodes: readonly NarrativeNode[]): number {
  let items = 0;
  for (const node of nodes) {
    if (typeof node === 'string' || node.tag === 'table') continue;
    if (node.tag === 'item' && !holdsList(node.children)) {
      const text = plainText(node.children);
      if (text && !NONE_KNOWN_TEXT.test(text) && !PLACEHOLDER_TEXT.test(text)) items++;
      continue;
    }
    items += textOnlyItems(node.children);
  }
  return items;
}

function holdsList(nodes: readonly NarrativeNode[]): boolean {
  return nodes.some((n) => typeof n !== 'string' && (n.tag === 'list' || n.tag === 'ordered-list' || n.tag === 'table' || holdsList(n.children)));
}
