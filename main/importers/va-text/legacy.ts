// The legacy My HealtheVet "Blue Button (v12.x)" text report (formats.md §2.2–2.6): split into
// sections by their dashed title lines, dispatch each by title (never by position), and keep
// sections we do not map as plain narrative.
import type { DocumentSection, ImportedDocument, NarrativeNode, PatientIdentity } from '../../records/model.ts';
import { ImportError } from '../errors.ts';
import { parseVaDate } from './dates.ts';
import type { Line } from './fields.ts';
import { groupRecords, readFields } from './fields.ts';
import { vaLabs } from './labs.ts';
import type { Out } from './records.ts';
import { admissions, allergy, appointment, familyHistory, immunization, medicalEvent, selfMedication, selfTest, selfVital, vaMedication, vaProblem, vaVital } from './records.ts';

const HEADER = /^\s*-{3,} ?([^-].*?[A-Za-z].*?) ?-{3,}\s*$/;
const REPORT_TITLE = 'MY HEALTHEVET PERSONAL INFORMATION REPORT';

const KNOWN_TITLES = new Set([
  REPORT_TITLE,
  'DOWNLOAD REQUEST SUMMARY',
  'MY HEALTHEVET ACCOUNT SUMMARY',
  'DEMOGRAPHICS',
  'HEALTH CARE PROVIDERS',
  'TREATMENT FACILITIES',
  'HEALTH INSURANCE',
  'MEDICATIONS AND SUPPLEMENTS',
  'ALLERGIES/ADVERSE REACTIONS',
  'MEDICAL EVENTS',
  'IMMUNIZATIONS',
  'LABS AND TESTS',
  'VITALS AND READINGS',
  'FAMILY HEALTH HISTORY',
  'MILITARY HEALTH HISTORY',
  'END OF MY HEALTHEVET PERSONAL INFORMATION REPORT',
]);

export function isLegacyTitle(title: string): boolean {
  const t = title.trim().toUpperCase();
  return KNOWN_TITLES.has(t) || /^(VA|SELF REPORTED|DOD) [A-Z(]/.test(t);
}

interface Section {
  title: string;
  lines: Line[];
}

function splitSections(lines: Line[]): { preamble: Line[]; sections: Section[] } {
  const preamble: Line[] = [];
  const sections: Section[] = [];
  for (const line of lines) {
    const m = HEADER.exec(line.text);
    const title = m?.[1]?.trim();
    if (title && isLegacyTitle(title)) {
      sections.push({ title: title.toUpperCase(), lines: [] });
      continue;
    }
    if (sections.length === 0) preamble.push(line);
    else sections[sections.length - 1]!.lines.push(line);
  }
  return { preamble, sections };
}

/** "MHVTESTVETERAN, ONE A" → family and given names, name kept as written. */
export function patientFromName(name: string): PatientIdentity {
  const identity: PatientIdentity = { name };
  const comma = name.indexOf(',');
  if (comma > 0) {
    identity.family = name.slice(0, comma).trim();
    const given = name.slice(comma + 1).trim().split(/\s+/).filter(Boolean);
    if (given.length) identity.given = given;
  } else {
    const parts = name.trim().split(/\s+/);
    if (parts.length > 1) {
      identity.family = parts[parts.length - 1]!;
      identity.given = parts.slice(0, -1);
    }
  }
  return identity;
}

/** Plain narrative: one paragraph per blank-line-separated block, line breaks kept. */
export function toNarrative(lines: Line[]): NarrativeNode[] {
  const paragraphs: NarrativeNode[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const children: NarrativeNode[] = [];
    current.forEach((text, i) => {
      if (i > 0) children.push({ tag: 'break', children: [] });
      children.push(text);
    });
    paragraphs.push({ tag: 'paragraph', children });
    current = [];
  };
  for (const line of lines) {
    const text = line.text.trimEnd();
    if (text.trim() === '') flush();
    else current.push(text);
  }
  flush();
  return paragraphs;
}

const NO_DATA = /No information was available/i;
const SKIP_AS_TEXT = new Set(['DOWNLOAD REQUEST SUMMARY', 'END OF MY HEALTHEVET PERSONAL INFORMATION REPORT']);

function appointments(lines: Line[], title: string, out: Out): void {
  let future = false;
  const fields = readFields(lines);
  let batch: typeof fields = [];
  const flush = () => {
    for (const record of groupRecords(batch, ['date/time'])) appointment(record, title, out, future);
    batch = [];
  };
  for (const field of fields) {
    if (/^(future|upcoming) appointments?$/.test(field.key)) {
      flush();
      future = true;
    } else if (/^past appointments?$/.test(field.key)) {
      flush();
      future = false;
    } else batch.push(field);
  }
  flush();
}

/** Dispatches one section; returns false when it is not mapped and should be kept as text. */
function mapSection(section: Section, out: Out): boolean {
  const { title, lines } = section;
  const fields = () => readFields(lines);
  switch (title) {
    case 'VA MEDICATION HISTORY':
      for (const r of groupRecords(fields(), ['medication'])) vaMedication(r, title, out);
      return true;
    case 'SELF REPORTED MEDICATIONS AND SUPPLEMENTS':
    case 'MEDICATIONS AND SUPPLEMENTS':
      for (const r of groupRecords(fields(), ['category'])) selfMedication(r, title, out);
      return true;
    case 'VA ALLERGIES':
      for (const r of groupRecords(fields(), ['allergy name'])) allergy(r, title, out, false);
      return true;
    case 'SELF REPORTED ALLERGIES':
    case 'ALLERGIES/ADVERSE REACTIONS':
      for (const r of groupRecords(fields(), ['allergy name'])) allergy(r, title, out, true);
      return true;
    case 'VA PROBLEM LIST':
      for (const r of groupRecords(fields(), ['problem'])) vaProblem(r, title, out);
      return true;
    case 'VA IMMUNIZATIONS':
      for (const r of groupRecords(fields().filter((f) => f.key !== 'reaction key'), ['immunization'])) immunization(r, title, out, false);
      return true;
    case 'SELF REPORTED IMMUNIZATIONS':
    case 'IMMUNIZATIONS':
      for (const r of groupRecords(fields(), ['immunization'])) immunization(r, title, out, true);
      return true;
    case 'VA LABORATORY RESULTS':
      vaLabs(lines, title, out);
      return true;
    case 'VA VITALS AND READINGS':
      for (const r of groupRecords(fields(), ['vital sign'])) vaVital(r, title, out);
      return true;
    case 'SELF REPORTED VITALS AND READINGS':
    case 'VITALS AND READINGS':
      for (const r of groupRecords(fields(), ['measurement type'])) selfVital(r, title, out);
      return true;
    case 'VA APPOINTMENTS':
      appointments(lines, title, out);
      return true;
    case 'SELF REPORTED LABS AND TESTS':
    case 'LABS AND TESTS':
      for (const r of groupRecords(fields(), ['test name'])) selfTest(r, title, out);
      return true;
    case 'SELF REPORTED MEDICAL EVENTS':
    case 'MEDICAL EVENTS':
      for (const r of groupRecords(fields(), ['medical event'])) medicalEvent(r, title, out);
      return true;
    // Entries where the report gives them, and the text kept too: discharge summaries and the
    // person's own health issues are read there.
    case 'VA ADMISSIONS AND DISCHARGES':
      admissions(lines, title, out);
      return false;
    case 'SELF REPORTED FAMILY HEALTH HISTORY':
    case 'FAMILY HEALTH HISTORY':
      familyHistory(lines, title, out);
      return false;
    default:
      return false;
  }
}

function sexFrom(sections: Section[]): string | undefined {
  for (const section of sections) {
    if (!/DEMOGRAPHICS/.test(section.title)) continue;
    const gender = readFields(section.lines).find((f) => f.key === 'gender' || f.key === 'sex')?.value.trim();
    if (gender && gender !== '--') return gender.toLowerCase();
  }
  return undefined;
}

export function parseLegacy(lines: Line[]): ImportedDocument {
  const { preamble, sections } = splitSections(lines);
  const headerLines = [...preamble, ...(sections[0]?.title === REPORT_TITLE ? sections[0].lines : [])];
  const headerFields = readFields(headerLines);
  const name = headerFields.find((f) => f.key === 'name')?.value.trim();
  if (!name) {
    throw new ImportError('This VA report has no patient section, so Chartkeeper cannot tell whose record it is.');
  }
  const patient = patientFromName(name);
  const birthDate = parseVaDate(headerFields.find((f) => f.key === 'date of birth')?.value);
  if (birthDate) patient.birthDate = birthDate;
  const sex = sexFrom(sections);
  if (sex) patient.sex = sex;

  const headerText = headerLines.map((l) => l.text).join('\n');
  const version = /Produced by the (?:VA )?Blue Button \(v([0-9.]+)\)/.exec(headerText)?.[1];
  const stamp = headerLines.map((l) => parseVaDate(l.text.trim())).find(Boolean);

  const out: Out = { records: [], problems: [] };
  const narrativeSections: DocumentSection[] = [];
  for (const section of sections) {
    if (section.title === REPORT_TITLE || SKIP_AS_TEXT.has(section.title)) continue;
    const body = section.lines.map((l) => l.text).join('\n');
    if (NO_DATA.test(body) && !/:\s*\S/.test(body.replace(/Source:.*$/gm, ''))) continue;
    if (mapSection(section, out)) continue;
    const narrative = toNarrative(section.lines);
    if (narrative.length) narrativeSections.push({ title: titleCase(section.title), narrative });
  }

  const document: ImportedDocument['document'] = {
    title: 'My HealtheVet Personal Information Report',
    variant: version ? `VA Blue Button ${version}` : 'VA Blue Button',
    authorOrganization: 'VA',
    custodian: 'My HealtheVet',
    sections: narrativeSections,
    attachments: [],
  };
  if (stamp) document.date = stamp;
  return { patient, document, records: out.records, problems: out.problems };
}

function titleCase(title: string): string {
  return title
    .toLowerCase()
    .replace(/\b(va|dod|ekg)\b/g, (w) => w.toUpperCase())
    .replace(/^\w/, (c) => c.toUpperCase());
}
