// The VA.gov "Blue Button report" TXT (2024–2025 redesign, formats.md §2.7): numbered
// sections `N) Title` after 53-underscore lines; each record is a name line over a 53-hyphen
// line, then `Label: value` lines (and sub-entries such as individual lab results).
// No public sample was available: the parser follows the generator code described in
// formats.md and is deliberately tolerant of missing or reordered fields.
import type { DocumentSection, ImportedDocument, RecordDraft } from '../../records/model.ts';
import { ImportError } from '../errors.ts';
import { parseVaDate } from './dates.ts';
import type { Field, FieldRecord, Line } from './fields.ts';
import { patientFromName, toNarrative } from './legacy.ts';
import type { Out } from './records.ts';
import { labRange, labValue, problem, problemTitleAndCode, vitalRecords } from './records.ts';

const SECTION = /^\s*(\d{1,2})\)\s+(.+?)\s*$/;
const RULE = /^\s*-{20,}\s*$/;
const HEAVY_RULE = /^\s*_{20,}\s*$/;
const LABEL = /^\s*(?:[-•]\s+)?([A-Za-z][A-Za-z0-9 ()/'&.,-]{0,48}?)\s*:(?:\s+(.*?))?\s*$/;

interface Entry {
  title: string;
  n: number;
  /** Fields before any sub-entry, then sub-entries (named lines followed by fields). */
  fields: FieldRecord;
  subs: { title: string; n: number; fields: FieldRecord }[];
}

function newRecord(n: number): FieldRecord {
  const record = new Map<string, Field>() as FieldRecord;
  record.firstLine = n;
  return record;
}

function entries(lines: Line[]): Entry[] {
  const out: Entry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (next && RULE.test(next.text) && line.text.trim() && !LABEL.test(line.text)) {
      out.push({ title: line.text.trim(), n: line.n, fields: newRecord(line.n), subs: [] });
      i++;
      continue;
    }
    const entry = out[out.length - 1];
    if (!entry || !line.text.trim() || RULE.test(line.text)) continue;
    const m = LABEL.exec(line.text);
    const target = entry.subs.length ? entry.subs[entry.subs.length - 1]!.fields : entry.fields;
    if (m) {
      const key = m[1]!.trim().toLowerCase();
      target.set(key, { key, label: m[1]!.trim(), value: (m[2] ?? '').trim(), n: line.n });
    } else if (entry.fields.has('results') || entry.subs.length || /^\s*[-•]/.test(line.text) || isDateLine(line.text)) {
      entry.subs.push({ title: line.text.trim().replace(/^[-•]\s*/, ''), n: line.n, fields: newRecord(line.n) });
    } else {
      const last = [...target.values()].pop();
      if (last) last.value = `${last.value} ${line.text.trim()}`.trim();
    }
  }
  return out;
}

function isDateLine(text: string): boolean {
  return !!parseVaDate(text.trim());
}

function v(fields: Map<string, Field>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = fields.get(key)?.value.trim();
    if (value && value !== '--' && !/^none (noted|recorded|reported)$/i.test(value)) return value;
  }
  return undefined;
}

function titleAndDate(title: string): { name: string; date?: string } {
  const at = title.lastIndexOf(' on ');
  if (at > 0) {
    const date = parseVaDate(title.slice(at + 4));
    if (date) return { name: title.slice(0, at).trim(), date };
  }
  return { name: title };
}

function mapEntries(section: string, list: Entry[], out: Out): boolean {
  const key = section.toLowerCase();
  const base = (entry: Entry, kind: RecordDraft['kind'], title: string): RecordDraft => ({
    kind,
    title,
    codes: [],
    details: {},
    sourceLocation: `${section}, line ${entry.n}`,
  });
  if (key.startsWith('lab')) {
    for (const entry of list) {
      const { name, date } = titleAndDate(entry.title);
      const start = date ?? parseVaDate(v(entry.fields, 'date completed', 'date and time collected', 'date'));
      const common = {
        specimen: v(entry.fields, 'site or sample tested', 'sample from', 'sample tested'),
        location: v(entry.fields, 'location', 'ordering location', 'imaging location'),
        performers: [v(entry.fields, 'ordered by')].filter((p): p is string => !!p),
      };
      const subs = entry.subs.filter((s) => s.fields.size > 0);
      if (subs.length === 0) {
        const record = base(entry, 'result', name);
        record.details = { ...common, comment: v(entry.fields, 'provider notes', 'reason for test') };
        const results = v(entry.fields, 'results', 'result');
        if (results) record.value = { text: results };
        if (start) record.start = start;
        out.records.push(record);
        continue;
      }
      for (const sub of subs) {
        const rawResult = v(sub.fields, 'result');
        const parts = rawResult ? /^([<>]?=?-?\d*\.?\d+)\s*(.*?)\s*(critical high|critical low|high|low|abnormal)?$/i.exec(rawResult) : null;
        const units = parts?.[2] || undefined;
        const { value, flag } = parts ? labValue([parts[1], parts[3]].filter(Boolean).join(' '), units) : labValue(rawResult, undefined);
        const record = base(entry, 'result', sub.title);
        record.sourceLocation = `${section}, line ${sub.n}`;
        record.details = { ...common, panel: name, comment: v(sub.fields, 'lab comments') };
        if (value) record.value = value;
        const range = labRange(v(sub.fields, 'reference range'), units || undefined);
        if (range) record.referenceRange = range;
        if (flag) record.interpretation = flag;
        if (start) record.start = start;
        record.status = /final|complete/i.test(v(sub.fields, 'status') ?? 'final') ? 'completed' : 'active';
        out.records.push(record);
      }
    }
    return true;
  }
  if (key.startsWith('allerg')) {
    for (const entry of list) {
      const record = base(entry, 'allergy', entry.title);
      const reactions = (v(entry.fields, 'signs and symptoms', 'reaction') ?? '').split(/,\s*/).filter(Boolean);
      record.details = {
        substance: entry.title,
        reactions,
        allergyType: v(entry.fields, 'type of allergy'),
        location: v(entry.fields, 'location'),
        comment: [v(entry.fields, 'observed or historical'), v(entry.fields, 'provider notes')].filter(Boolean).join('. ') || undefined,
      };
      const start = parseVaDate(v(entry.fields, 'date entered'));
      if (start) record.start = start;
      record.status = 'active';
      out.records.push(record);
    }
    return true;
  }
  if (key.startsWith('health condition')) {
    for (const entry of list) {
      const { title, codes } = problemTitleAndCode(entry.title);
      const record = base(entry, 'problem', title);
      record.codes = codes;
      const status = v(entry.fields, 'status of health condition', 'status');
      record.details = {
        location: v(entry.fields, 'location'),
        performers: [v(entry.fields, 'provider')].filter((p): p is string => !!p),
        comment: [v(entry.fields, 'snomed clinical term') && `SNOMED CT term: ${v(entry.fields, 'snomed clinical term')}`, v(entry.fields, 'provider notes')].filter(Boolean).join('. ') || undefined,
      };
      if (status) record.status = /^active/i.test(status) ? 'active' : /resolved/i.test(status) ? 'resolved' : /inactive/i.test(status) ? 'inactive' : 'unknown';
      const start = parseVaDate(v(entry.fields, 'date'));
      if (start) record.start = start;
      out.records.push(record);
    }
    return true;
  }
  if (key.startsWith('vaccine') || key.startsWith('immuni')) {
    for (const entry of list) {
      const record = base(entry, 'immunization', entry.title);
      record.details = { location: v(entry.fields, 'location'), comment: v(entry.fields, 'provider notes') };
      const start = parseVaDate(v(entry.fields, 'date received', 'date'));
      if (start) record.start = start;
      record.status = 'completed';
      out.records.push(record);
    }
    return true;
  }
  if (key.startsWith('vital')) {
    for (const entry of list) {
      const readings = entry.subs.length ? entry.subs : [{ title: v(entry.fields, 'date') ?? '', n: entry.n, fields: entry.fields }];
      for (const reading of readings) {
        const measurement = v(reading.fields, 'result', 'measurement');
        if (!measurement) {
          problem(out, 'vitals', `A ${entry.title} reading has no result.`, reading.n, section);
          continue;
        }
        const start = parseVaDate(reading.title) ?? parseVaDate(v(reading.fields, 'date'));
        const details = { location: v(reading.fields, 'location'), comment: v(reading.fields, 'provider notes') };
        const recordBase: Omit<RecordDraft, 'kind' | 'title' | 'codes'> = { details, sourceLocation: `${section}, line ${reading.n}`, status: 'completed' };
        if (start) recordBase.start = start;
        out.records.push(...vitalRecords(entry.title, measurement, recordBase));
      }
    }
    return true;
  }
  if (key.startsWith('medication')) {
    for (const entry of list) {
      const title = v(entry.fields, 'title') ?? entry.title;
      const record = base(entry, 'medication', title);
      const status = v(entry.fields, 'status');
      record.details = {
        instructions: v(entry.fields, 'instructions'),
        prescriber: v(entry.fields, 'prescribed by'),
        comment: [
          v(entry.fields, 'prescription number') && `Rx #${v(entry.fields, 'prescription number')}`,
          v(entry.fields, 'reason for use') && `Reason: ${v(entry.fields, 'reason for use')}`,
          status && `Status: ${status}`,
        ].filter(Boolean).join(', ') || undefined,
      };
      if (status) record.status = /active/i.test(status) ? 'active' : /discontinued/i.test(status) ? 'stopped' : /expired/i.test(status) ? 'completed' : 'unknown';
      const start = parseVaDate(v(entry.fields, 'prescribed on', 'last filled on', 'date'));
      if (start) record.start = start;
      out.records.push(record);
    }
    return true;
  }
  return false;
}

export function looksLikeVaGov(text: string): boolean {
  const head = text.slice(0, 4000);
  return /^\s*(VA )?Blue Button(®|\(R\))? report\s*$/im.test(head) && /^\s*\d{1,2}\)\s+\S/m.test(text.slice(0, 200_000));
}

export function parseVaGov(lines: Line[]): ImportedDocument {
  const dobIndex = lines.findIndex((l) => /^\s*Date of birth\s*:/i.test(l.text));
  let nameLine: string | undefined;
  for (let i = dobIndex - 1; i >= 0 && i >= dobIndex - 3; i--) {
    const t = lines[i]!.text.trim();
    if (t) {
      nameLine = t;
      break;
    }
  }
  if (dobIndex < 0 || !nameLine) {
    throw new ImportError('This VA report has no patient section, so Chartkeeper cannot tell whose record it is.');
  }
  const patient = patientFromName(nameLine);
  const birthDate = parseVaDate(lines[dobIndex]!.text.replace(/^\s*Date of birth\s*:/i, ''));
  if (birthDate) patient.birthDate = birthDate;

  // Sections: `N) Title` lines that follow a heavy rule (the list of contents has none).
  const sections: { title: string; lines: Line[] }[] = [];
  let previousRule = false;
  for (const line of lines) {
    const m = SECTION.exec(line.text);
    if (m && previousRule) sections.push({ title: m[2]!, lines: [] });
    else if (sections.length && !HEAVY_RULE.test(line.text)) sections[sections.length - 1]!.lines.push(line);
    if (line.text.trim()) previousRule = HEAVY_RULE.test(line.text);
  }

  const out: Out = { records: [], problems: [] };
  const kept: DocumentSection[] = [];
  for (const section of sections) {
    // Appointments, notes, demographics, military service and account summary stay as text.
    if (mapEntries(section.title, entries(section.lines), out)) continue;
    const narrative = toNarrative(section.lines);
    if (narrative.length) kept.push({ title: section.title, narrative });
  }
  const updated = lines.map((l) => /Last updated at (.+)$/i.exec(l.text)?.[1]).find(Boolean);
  const document: ImportedDocument['document'] = {
    title: 'VA Blue Button report',
    variant: 'VA.gov Blue Button report',
    authorOrganization: 'VA',
    custodian: 'VA.gov',
    sections: kept,
    attachments: [],
  };
  const updatedDate = updated ? parseVaDate(updated.replace(/^.*? on /, '')) : undefined;
  if (updatedDate) document.date = updatedDate;
  return { patient, document, records: out.records, problems: out.problems };
}
