// Record mappers shared by both VA report layouts: medications, allergies, problems,
// immunizations, labs, vitals and appointments, from grouped `Label: value` records.
import type { Code, ImportProblem, Quantity, RecordDraft, ReferenceRange, ReportKind } from '../../records/model.ts';
import { parseVaDate, withTime } from './dates.ts';
import type { Field, FieldRecord, Line } from './fields.ts';
import { isSeparator, readFields, val } from './fields.ts';

export interface Out {
  records: RecordDraft[];
  problems: ImportProblem[];
}

export function problem(out: Out, kind: ReportKind, reason: string, line: number | undefined, section: string): void {
  out.problems.push({ kind, reason, where: line ? `${section}, line ${line}` : section });
}

function where(section: string, record: FieldRecord | Map<string, Field>): string {
  const first = (record as FieldRecord).firstLine ?? [...record.values()][0]?.n;
  return first ? `${section}, line ${first}` : section;
}

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) {
    const v = o[k];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete o[k];
  }
  return o;
}

function joinComments(...parts: (string | undefined)[]): string | undefined {
  const kept = parts.filter((p): p is string => !!p && p.trim() !== '');
  return kept.length ? kept.join('. ') : undefined;
}

/** Problem-list comments arrive as one line with comments separated by long runs of spaces. */
export function splitRunOn(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return value.split(/\s{6,}/).map((s) => s.trim()).filter(Boolean).join('; ') || undefined;
}

const MED_STATUS: [RegExp, string][] = [
  [/^(active|refill in process|pending|hold|suspended|active: ?parked|submitted)/i, 'active'],
  [/^discontinued/i, 'stopped'],
  [/^expired/i, 'completed'],
  [/^(deleted|cancel)/i, 'cancelled'],
];

export function medicationStatus(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  return MED_STATUS.find(([re]) => re.test(raw))?.[1] ?? 'unknown';
}

export function vaMedication(record: FieldRecord, section: string, out: Out): void {
  const title = val(record, 'medication');
  if (!title) return problem(out, 'medications', 'A medication entry has no medication name (the report may be cut off).', record.firstLine, section);
  const status = val(record, 'status');
  const extra = [
    val(record, 'quantity') && `Quantity ${val(record, 'quantity')}`,
    val(record, 'days supply') && `${val(record, 'days supply')} days supply`,
    val(record, 'refills remaining') && `${val(record, 'refills remaining')} refills remaining`,
    val(record, 'last filled on') && `last filled ${val(record, 'last filled on')}`,
    val(record, 'prescription number') && `Rx #${val(record, 'prescription number')}`,
    val(record, 'pharmacy') && `pharmacy ${val(record, 'pharmacy')}`,
    status && `status ${status}`,
  ].filter(Boolean);
  const draft: RecordDraft = {
    kind: 'medication',
    title,
    codes: [],
    details: clean({ instructions: val(record, 'instructions'), comment: extra.join(', ') || undefined }),
    sourceLocation: where(section, record),
  };
  const ms = medicationStatus(status);
  if (ms) draft.status = ms;
  const start = parseVaDate(val(record, 'initially ordered on')) ?? parseVaDate(val(record, 'last filled on'));
  if (start) draft.start = start;
  out.records.push(draft);
}

export function selfMedication(record: FieldRecord, section: string, out: Out): void {
  const title = val(record, 'drug name') ?? val(record, 'medication');
  if (!title) return problem(out, 'medications', 'A self-reported medication has no drug name.', record.firstLine, section);
  const stop = parseVaDate(val(record, 'stop date'));
  const draft: RecordDraft = {
    kind: 'medication',
    title: [title, val(record, 'strength')].filter(Boolean).join(' '),
    codes: [],
    details: clean({
      dose: val(record, 'dose'),
      frequency: val(record, 'frequency'),
      comment: joinComments(
        'Self-reported',
        val(record, 'category'),
        val(record, 'reason for taking') && `Reason: ${val(record, 'reason for taking')}`,
        val(record, 'comments'),
      ),
    }),
    sourceLocation: where(section, record),
    status: stop ? 'stopped' : 'active',
  };
  const start = parseVaDate(val(record, 'start date'));
  if (start) draft.start = start;
  if (stop) draft.end = stop;
  out.records.push(draft);
}

export function allergy(record: FieldRecord, section: string, out: Out, selfReported: boolean): void {
  const title = val(record, 'allergy name');
  if (!title) return problem(out, 'allergies', 'An allergy entry has no allergy name.', record.firstLine, section);
  const reactions = (val(record, 'reaction') ?? val(record, 'reactions') ?? '')
    .split(/,\s*/)
    .map((r) => r.trim())
    .filter(Boolean);
  const comments = val(record, 'comments');
  // VA allergies have no severity field (it sometimes appears in the comments, kept as written).
  const severity = val(record, 'severity');
  const draft: RecordDraft = {
    kind: 'allergy',
    title,
    codes: [],
    details: clean({
      substance: title,
      reactions,
      severity,
      allergyType: val(record, 'allergy type') ?? val(record, 'type'),
      location: val(record, 'location'),
      comment: joinComments(
        selfReported ? 'Self-reported' : undefined,
        val(record, 'va drug class') && `Drug class: ${val(record, 'va drug class')}`,
        val(record, 'observed/historical'),
        val(record, 'diagnosed') && `Diagnosed: ${val(record, 'diagnosed')}`,
        comments,
      ),
    }),
    sourceLocation: where(section, record),
    status: 'active',
  };
  const date = parseVaDate(val(record, 'date entered') ?? val(record, 'date'));
  if (date) draft.start = date;
  out.records.push(draft);
}

const PROBLEM_CODE = /^(.*?)\s*\((ICD-?9(?:-CM)?|ICD-?10(?:-CM)?|SNOMED(?: CT)?|SCT)[\s:]+([A-Z]?[0-9][0-9A-Z.]*)\)\s*$/i;

/** "Posttraumatic stress disorder (ICD-9-CM 309.81)" → the name and its code, as later reports print them. */
export function problemTitleAndCode(raw: string): { title: string; codes: Code[] } {
  const m = PROBLEM_CODE.exec(raw.trim());
  if (!m || !m[1]) return { title: raw, codes: [] };
  const system = /^icd-?9/i.test(m[2]!) ? 'ICD9CM' : /^icd/i.test(m[2]!) ? 'ICD10CM' : 'SNOMED';
  return { title: m[1], codes: [{ system, code: m[3]!, display: m[1] }] };
}

export function vaProblem(record: FieldRecord, section: string, out: Out): void {
  const raw = val(record, 'problem');
  if (!raw) return problem(out, 'problems', 'A problem-list entry has no problem name.', record.firstLine, section);
  const { title, codes } = problemTitleAndCode(raw);
  const status = val(record, 'status');
  const draft: RecordDraft = {
    kind: 'problem',
    title,
    codes,
    details: clean({
      location: val(record, 'location'),
      performers: val(record, 'provider') ? [val(record, 'provider')!] : [],
      comment: joinComments(status && /chronic/i.test(status) ? 'Chronic' : undefined, splitRunOn(val(record, 'comments'))),
    }),
    sourceLocation: where(section, record),
  };
  if (status) draft.status = /^active/i.test(status) ? 'active' : /inactive/i.test(status) ? 'inactive' : /resolved/i.test(status) ? 'resolved' : 'unknown';
  const date = parseVaDate(val(record, 'date/time entered') ?? val(record, 'date'));
  if (date) draft.start = date;
  out.records.push(draft);
}

export function immunization(record: FieldRecord, section: string, out: Out, selfReported: boolean): void {
  const title = val(record, 'immunization');
  if (!title) return problem(out, 'immunizations', 'An immunization entry has no vaccine name.', record.firstLine, section);
  const reaction = val(record, 'reaction') ?? val(record, 'reactions');
  const draft: RecordDraft = {
    kind: 'immunization',
    title: val(record, 'other') && selfReported ? `${title} (${val(record, 'other')})` : title,
    codes: [],
    details: clean({
      location: val(record, 'location'),
      route: val(record, 'method'),
      reactions: reaction ? [reaction] : [],
      comment: joinComments(selfReported ? 'Self-reported' : undefined, val(record, 'comments')),
    }),
    sourceLocation: where(section, record),
    status: 'completed',
  };
  const date = parseVaDate(val(record, 'date received'));
  if (date) draft.start = date;
  out.records.push(draft);
}

/** "6.5 Critical High" → value 6.5 with flag HH; "CLEAR" → text only. */
export function labValue(raw: string | undefined, units: string | undefined): { value?: Quantity; flag?: string } {
  if (!raw) return {};
  const flagMatch = /\s+(critical high|critical low|high|low|abnormal|h\*?|l\*?)$/i.exec(raw);
  const flagWord = flagMatch?.[1]?.toLowerCase();
  const core = flagMatch ? raw.slice(0, flagMatch.index).trim() : raw.trim();
  // VistA marks a critical value with an asterisk after its flag: "H*" is critically high.
  const flag = flagWord
    ? ({ 'critical high': 'HH', 'critical low': 'LL', high: 'H', low: 'L', abnormal: 'A', 'h*': 'HH', 'l*': 'LL' } as Record<string, string>)[flagWord] ??
      flagWord.charAt(0).toUpperCase()
    : undefined;
  const value: Quantity = { text: core };
  const number = /^[<>]?=?\s*(-?\d*\.?\d+)$/.exec(core);
  if (number && !/^[<>]/.test(core)) value.number = Number(number[1]);
  if (units) value.unit = units;
  const out: { value?: Quantity; flag?: string } = { value };
  if (flag) out.flag = flag;
  return out;
}

/** "(3.5-5.0)", "(<30)", "(>60)" → a reference range with bounds. */
export function labRange(raw: string | undefined, units: string | undefined): ReferenceRange | undefined {
  if (!raw) return undefined;
  const text = raw.replace(/^\(|\)$/g, '').trim();
  if (!text) return undefined;
  const range: ReferenceRange = { text };
  const between = /^(-?\d*\.?\d+)\s*-\s*(-?\d*\.?\d+)$/.exec(text);
  const below = /^<=?\s*(\d*\.?\d+)$/.exec(text);
  const above = /^>=?\s*(\d*\.?\d+)$/.exec(text);
  if (between) {
    range.low = Number(between[1]);
    range.high = Number(between[2]);
  } else if (below) range.high = Number(below[1]);
  else if (above) range.low = Number(above[1]);
  if (units) range.unit = units;
  return range;
}

interface VitalCode {
  loinc: string;
  name: string;
}

// Order matters: "Pulse Oximetry" is an oxygen saturation, not a pulse.
const VITAL_CODES: [RegExp, VitalCode][] = [
  [/(oximetry|blood oxygen|oxygen saturation)/i, { loinc: '59408-5', name: 'Oxygen saturation' }],
  [/^(pulse|heart rate)/i, { loinc: '8867-4', name: 'Heart rate' }],
  [/^(respiration|breathing rate|respiratory rate)/i, { loinc: '9279-1', name: 'Respiratory rate' }],
  [/temperature/i, { loinc: '8310-5', name: 'Body temperature' }],
  [/^height/i, { loinc: '8302-2', name: 'Body height' }],
  [/weight/i, { loinc: '29463-7', name: 'Body weight' }],
  [/^pain/i, { loinc: '72514-3', name: 'Pain severity (0-10)' }],
  [/(body mass|bmi)/i, { loinc: '39156-5', name: 'Body mass index' }],
  [/^systolic/i, { loinc: '8480-6', name: 'Systolic blood pressure' }],
  [/^diastolic/i, { loinc: '8462-4', name: 'Diastolic blood pressure' }],
];

const UCUM: Record<string, string> = {
  'mm[hg]': 'mm[Hg]',
  mmhg: 'mm[Hg]',
  '/min': '/min',
  f: '[degF]',
  fahrenheit: '[degF]',
  c: 'Cel',
  celsius: 'Cel',
  in: '[in_i]',
  inches: '[in_i]',
  lb: '[lb_av]',
  lbs: '[lb_av]',
  pounds: '[lb_av]',
  kg: 'kg',
  kilograms: 'kg',
  cm: 'cm',
  '%': '%',
};

/** Units as UCUM so VA readings trend alongside FHIR/CDA ones. */
export function ucum(unit: string | undefined): string | undefined {
  if (!unit) return undefined;
  return UCUM[unit.trim().toLowerCase()] ?? unit.trim();
}

export function vitalCode(name: string): Code[] {
  const hit = VITAL_CODES.find(([re]) => re.test(name.trim()))?.[1];
  return hit ? [{ system: 'LOINC', code: hit.loinc, display: hit.name }] : [];
}

/**
 * One measurement → vital records. Blood pressure "190/70" becomes two records (systolic and
 * diastolic) because trends are grouped by LOINC code; a "190/70" text cannot be charted.
 */
export function vitalRecords(
  name: string,
  measurement: string,
  base: Omit<RecordDraft, 'kind' | 'title' | 'codes'>,
): RecordDraft[] {
  const bp = /^(\d{2,3})\s*\/\s*(\d{2,3})\s*(.*)$/.exec(measurement.trim());
  if (bp && /blood pressure|^bp$/i.test(name.trim())) {
    const unit = ucum(bp[3] || 'mm[Hg]');
    return [
      ['Systolic blood pressure', '8480-6', bp[1]!],
      ['Diastolic blood pressure', '8462-4', bp[2]!],
    ].map(([title, loinc, v]) => ({
      ...structuredClone(base),
      kind: 'vital' as const,
      title: title!,
      codes: [{ system: 'LOINC', code: loinc!, display: title! }],
      value: clean({ number: Number(v), text: v!, unit }),
      details: { ...base.details, panel: 'Blood pressure', panelCodes: [{ system: 'LOINC', code: '85354-9', display: 'Blood pressure panel' }], comment: joinComments(base.details.comment, `Reading ${bp[1]}/${bp[2]}`) },
    }));
  }
  const m = /^([<>]?-?\d*\.?\d+)\s*(.*)$/.exec(measurement.trim());
  const value: Quantity = { text: measurement.trim() };
  if (m) {
    value.text = m[1]!;
    if (!/^[<>]/.test(m[1]!)) value.number = Number(m[1]);
    const unit = ucum(m[2] || undefined);
    if (unit) value.unit = unit;
  }
  return [{ ...base, kind: 'vital', title: name.trim(), codes: vitalCode(name), value }];
}

export function vaVital(record: FieldRecord, section: string, out: Out): void {
  const name = val(record, 'vital sign');
  const measurement = val(record, 'measurement');
  if (!name || !measurement) {
    return problem(out, 'vitals', `A vital-sign reading${name ? ` (${name})` : ''} has no ${name ? 'measurement' : 'name'}.`, record.firstLine, section);
  }
  const start = parseVaDate(val(record, 'date/time collected'));
  const base: Omit<RecordDraft, 'kind' | 'title' | 'codes'> = {
    details: clean({ location: val(record, 'location'), comment: val(record, 'comments') }),
    sourceLocation: where(section, record),
    status: 'completed',
  };
  if (start) base.start = start;
  out.records.push(...vitalRecords(name, measurement, base));
}

// Fields that describe a reading rather than being one ("Target range: No Target" under an INR).
const SELF_VITAL_META = new Set([
  'measurement type', 'vital statistic type', 'date', 'time', 'measure', 'method', 'comments', 'source',
  'target range', 'location', 'location performed', 'provider', 'ordering provider', 'facility',
]);
const SELF_LABS = /(cholesterol|hdl|ldl|triglyceride|blood sugar|glucose|inr|a1c)/i;

/** Self-reported readings: each reading field of a `Measurement Type` block is one entry. */
export function selfVital(record: FieldRecord, section: string, out: Out): void {
  const type = val(record, 'measurement type') ?? val(record, 'vital statistic type');
  const date = withTime(parseVaDate(val(record, 'date')), val(record, 'time'));
  const readings = [...record.values()].filter((f) => !SELF_VITAL_META.has(f.key) && f.value.trim() !== '');
  if (!type || readings.length === 0) {
    return problem(out, 'vitals', `A self-reported reading${type ? ` (${type})` : ''} has no value.`, record.firstLine, section);
  }
  const unit = val(record, 'measure');
  for (const reading of readings) {
    const lab = SELF_LABS.test(reading.label) || SELF_LABS.test(type);
    const provider = val(record, 'provider') ?? val(record, 'ordering provider');
    const base: Omit<RecordDraft, 'kind' | 'title' | 'codes'> = {
      details: clean({
        location: val(record, 'location') ?? val(record, 'location performed') ?? val(record, 'facility'),
        performers: provider ? [provider] : [],
        comment: joinComments(
          'Self-reported',
          val(record, 'method'),
          val(record, 'target range') && `Target range: ${val(record, 'target range')}`,
          val(record, 'comments'),
        ),
      }),
      sourceLocation: `${section}, line ${reading.n}`,
      status: 'completed',
    };
    if (date) base.start = date;
    const measurement = unit ? `${reading.value} ${unit}` : reading.value;
    const name = /^(systolic|diastolic)$/i.test(reading.label) ? `${reading.label} blood pressure` : reading.label;
    for (const r of vitalRecords(name, measurement, base)) out.records.push(lab ? { ...r, kind: 'result' } : r);
  }
}

const APPOINTMENT_STATUS: [RegExp, string][] = [
  [/cancel/i, 'cancelled'],
  [/(no[- ]show|not kept)/i, 'cancelled'],
  [/(kept|checked out|complete|attended)/i, 'completed'],
  [/future|scheduled|booked/i, 'planned'],
];

export function appointment(record: FieldRecord, section: string, out: Out, future: boolean): void {
  const when = parseVaDate(val(record, 'date/time') ?? val(record, 'date'));
  const clinic = val(record, 'clinic') ?? val(record, 'type of care') ?? val(record, 'what');
  if (!when && !clinic) return problem(out, 'encounters', 'An appointment has neither a date nor a clinic.', record.firstLine, section);
  const rawStatus = val(record, 'status');
  const draft: RecordDraft = {
    kind: future ? 'appointment' : 'encounter',
    title: clinic ? `Appointment: ${clinic}` : 'VA appointment',
    codes: [],
    details: clean({
      location: val(record, 'location'),
      encounterType: val(record, 'type'),
      comment: joinComments(rawStatus && `Status: ${rawStatus}`, val(record, 'note'), val(record, 'phone number') && `Phone ${val(record, 'phone number')}`),
    }),
    sourceLocation: where(section, record),
  };
  if (when) draft.start = when;
  if (future) draft.details.plannedFor = when;
  const status = rawStatus ? APPOINTMENT_STATUS.find(([re]) => re.test(rawStatus))?.[1] : undefined;
  // A future appointment on the list is booked whatever its status column says; a past one
  // whose status says neither kept nor missed ("NOT APPLICABLE") is not known to be kept.
  draft.status = status ?? (future ? 'planned' : rawStatus ? 'unknown' : 'completed');
  out.records.push(draft);
}

const ADMISSION_START = /^\s*Admission Date(?:\/Time)?\s*:/i;

/**
 * Admissions: the header block of each stay (up to the dashed line before its discharge
 * summary) becomes an inpatient encounter; the summaries stay in the section's text.
 */
export function admissions(lines: Line[], section: string, out: Out): void {
  const blocks: Line[][] = [];
  let current: Line[] | null = null;
  for (const line of lines) {
    if (ADMISSION_START.test(line.text)) blocks.push((current = []));
    else if (current && isSeparator(line.text)) current = null;
    if (current) current.push(line);
  }
  for (const block of blocks) {
    const record = new Map(readFields(block).map((f) => [f.key, f])) as FieldRecord;
    record.firstLine = block[0]!.n;
    const start = parseVaDate(val(record, 'admission date') ?? val(record, 'admission date/time'));
    if (!start) {
      problem(out, 'encounters', 'An admission has no admission date.', record.firstLine, section);
      continue;
    }
    const physicians = [
      ['admitting physician', 'admitting'],
      ['attending physician', 'attending'],
      ['discharge physician', 'discharging'],
      ['discharging physician', 'discharging'],
    ]
      .map(([key, role]) => (val(record, key!) && !/not available/i.test(val(record, key!)!) ? `${val(record, key!)} (${role})` : undefined))
      .filter((p): p is string => !!p);
    const specialty = val(record, 'admitting specialty');
    const draft: RecordDraft = {
      kind: 'encounter',
      title: 'Hospital admission',
      codes: [],
      details: clean({
        encounterType: 'inpatient',
        location: val(record, 'location') ?? val(record, 'admitting location'),
        performers: physicians,
        comment: specialty && `Admitting specialty: ${specialty}`,
      }),
      sourceLocation: where(section, record),
      start,
    };
    const end = parseVaDate(val(record, 'discharge date') ?? val(record, 'discharge date/time'));
    if (end) draft.end = end;
    out.records.push(draft);
  }
}

/** Self-reported medical events (an injury, an operation) with the dates the person gave. */
export function medicalEvent(record: FieldRecord, section: string, out: Out): void {
  const title = val(record, 'medical event');
  if (!title) return problem(out, 'problems', 'A medical event has no name.', record.firstLine, section);
  const draft: RecordDraft = {
    kind: 'problem',
    title,
    codes: [],
    details: clean({
      comment: joinComments('Self-reported medical event', val(record, 'response') && `Response: ${val(record, 'response')}`, val(record, 'comments')),
    }),
    sourceLocation: where(section, record),
  };
  const start = parseVaDate(val(record, 'start date'));
  const end = parseVaDate(val(record, 'stop date'));
  if (start) draft.start = start;
  if (end) draft.end = end;
  out.records.push(draft);
}

/**
 * Self-reported family health history: one entry per health issue of each relative. The
 * person's own ("Relationship: Self") issues are not family history and stay in the text.
 */
export function familyHistory(lines: Line[], section: string, out: Out): void {
  let relation: string | undefined;
  let facts: Map<string, string> = new Map();
  let collecting = false;
  const issues: { relation: string; name: string; n: number; facts: Map<string, string> }[] = [];
  for (const line of lines) {
    const text = line.text.trim();
    const field = /^([A-Za-z][A-Za-z /]*?)\s*:\s*(.*)$/.exec(text);
    if (field && !/^>/.test(text)) {
      const key = field[1]!.toLowerCase();
      collecting = key === 'health issues' || key === 'other health issues';
      if (key === 'relationship') {
        relation = field[2]!.trim() || undefined;
        facts = new Map();
      } else facts.set(key, field[2]!.trim());
      continue;
    }
    if (!text) {
      collecting = false;
      continue;
    }
    if (collecting && relation && !isSeparator(text)) issues.push({ relation, name: text, n: line.n, facts });
  }
  for (const issue of issues) {
    if (/^self$/i.test(issue.relation)) continue;
    out.records.push({
      kind: 'family',
      title: issue.name,
      codes: [],
      details: clean({
        relation: issue.relation,
        // The relation in words too: the entry's own view shows its comment, not the relation.
        comment: joinComments(
          `Self-reported for ${[issue.relation, issue.facts.get('living or deceased')?.toLowerCase()].filter(Boolean).join(', ')}`,
          issue.facts.get('comments'),
        ),
      }),
      sourceLocation: `${section}, line ${issue.n}`,
    });
  }
}

/** A self-entered test: its results as the person wrote them, with where and by whom. */
export function selfTest(record: FieldRecord, section: string, out: Out): void {
  const title = val(record, 'test name');
  if (!title) return problem(out, 'results', 'A self-reported test has no name.', record.firstLine, section);
  const provider = val(record, 'provider');
  const draft: RecordDraft = {
    kind: 'result',
    title,
    codes: [],
    details: clean({
      location: val(record, 'location performed') ?? val(record, 'location'),
      performers: provider ? [provider] : [],
      comment: joinComments('Self-reported', val(record, 'comments')),
    }),
    sourceLocation: where(section, record),
    status: 'completed',
  };
  const results = val(record, 'results') ?? val(record, 'result');
  if (results) draft.value = { text: results.replace(/\s+/g, ' ') };
  const date = parseVaDate(val(record, 'date'));
  if (date) draft.start = date;
  out.records.push(draft);
}
