// MyMedicare.gov Blue Button (v2.0) text file → one ImportedDocument (formats.md §3).
//
// Part D drug claims become 'claim' records, not medications: each fill is a payment event
// (a 30-day refill every month would otherwise list the same drug a dozen times as separate
// "medications"); the claim keeps the NDC code, drug name, pharmacy and prescriber.
import type { Code, DocumentSection, ImportedDocument, ImportProblem, RecordDraft, ReportKind } from '../../records/model.ts';
import { ImportError } from '../errors.ts';
import { parseVaDate } from '../va-text/dates.ts';
import { patientFromName, toNarrative } from '../va-text/legacy.ts';
import { vitalRecords } from '../va-text/records.ts';

interface Line {
  text: string;
  n: number;
}
interface Field {
  key: string;
  value: string;
  n: number;
}
type Fields = Map<string, Field> & { firstLine?: number };

const RULE = /^\s*-{20,}\s*$/;
const FIELD = /^\s*([A-Za-z][^:]{0,60}?)\s*:\s*(.*?)\s*$/;
const UNAVAILABLE = /^(\*\s*not available\s*\*|no information available|not available|n\/a)$/i;

export function looksLikeCmsText(text: string): boolean {
  const head = text.slice(0, 1500);
  return /MYMEDICARE\.GOV PERSONAL HEALTH INFORMATION/i.test(head) || (/Produced by the Blue Button \(v2/.test(head) && /Source: MyMedicare\.gov/.test(text));
}

/** Sections: a title between two hyphen rules; blank-titled headers mark a claim boundary. */
function sections(lines: Line[]): { title: string; lines: Line[] }[] {
  const out: { title: string; lines: Line[] }[] = [{ title: '', lines: [] }];
  for (let i = 0; i < lines.length; i++) {
    if (RULE.test(lines[i]!.text)) {
      let j = i + 1;
      while (j < lines.length && lines[j]!.text.trim() === '') j++;
      let k = j + 1;
      while (k < lines.length && lines[k]!.text.trim() === '') k++;
      if (j < lines.length && !RULE.test(lines[j]!.text) && k < lines.length && RULE.test(lines[k]!.text)) {
        out.push({ title: lines[j]!.text.trim(), lines: [] });
        i = k;
        continue;
      }
      continue;
    }
    out[out.length - 1]!.lines.push(lines[i]!);
  }
  return out;
}

function fields(lines: Line[]): Field[] {
  const out: Field[] = [];
  for (const line of lines) {
    const m = FIELD.exec(line.text);
    if (m) out.push({ key: m[1]!.trim().toLowerCase(), value: m[2]!.trim(), n: line.n });
  }
  return out;
}

function group(list: Field[], start: string): Fields[] {
  const records: Fields[] = [];
  let current: Fields | null = null;
  for (const f of list) {
    if (f.key === 'source') continue;
    if (!current || f.key === start || current.has(f.key)) {
      current = new Map() as Fields;
      current.firstLine = f.n;
      records.push(current);
    }
    current.set(f.key, f);
  }
  return records;
}

function v(record: Map<string, Field>, key: string): string | undefined {
  const value = record.get(key)?.value.trim();
  return value && !UNAVAILABLE.test(value) ? value : undefined;
}

function money(value: string | undefined): number | undefined {
  const m = value ? /^\$?\s*(-?[\d,]*\.?\d+)$/.exec(value) : null;
  return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
}

function date(value: string | undefined): string | undefined {
  return parseVaDate(value);
}

/** "Last episode 1955-03-13"; a date that does not read is kept as written. */
function saidDate(label: string, value: string | undefined): string | undefined {
  return value ? `${label} ${date(value) ?? value}` : undefined;
}

interface Out {
  records: RecordDraft[];
  problems: ImportProblem[];
}

function where(section: string, record: Fields): string {
  return `${section}, line ${record.firstLine ?? 0}`;
}

function skip(out: Out, kind: ReportKind, reason: string, section: string, record: Fields): void {
  out.problems.push({ kind, reason, where: where(section, record) });
}

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) {
    const value = o[k];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete o[k];
  }
  return o;
}

/** ICD-9 codes arrive without the dot ("56400", "V1588"); codes are compared dotted. */
export function dottedIcd(code: string, system: 'ICD9CM' | 'ICD10CM'): string {
  if (code.includes('.') || code.length <= 3) return code;
  const cut = system === 'ICD9CM' && code.startsWith('E') ? 4 : 3;
  return code.length > cut ? `${code.slice(0, cut)}.${code.slice(cut)}` : code;
}

function icdSystem(code: string, serviceDate: string | undefined): 'ICD9CM' | 'ICD10CM' {
  // ICD-10-CM replaced ICD-9-CM for services from 1 October 2015.
  if (serviceDate) return serviceDate >= '2015-10-01' ? 'ICD10CM' : 'ICD9CM';
  return /^[0-9VE]/.test(code) && !/^[A-Z]\d{2}[A-Z0-9]/.test(code.replace(/^[VE]/, 'X')) ? 'ICD9CM' : 'ICD10CM';
}

/** "98941 - Chiropractic …" → CPT; "G8907 - …" → HCPCS. */
function procedureCode(value: string | undefined): Code | undefined {
  const m = value ? /^([A-Z0-9]{5})\s*-\s*(.*)$/.exec(value) : null;
  if (!m) return undefined;
  const system = /^\d{4}[0-9FTU]$/.test(m[1]!) ? 'CPT' : 'HCPCS';
  return m[2] ? { system, code: m[1]!, display: m[2].trim() } : { system, code: m[1]! };
}

const CLAIM_TITLES: [RegExp, string][] = [
  [/part\s*b/i, 'Medicare Part B claim'],
  [/part\s*d/i, 'Medicare Part D prescription claim'],
  [/part\s*a/i, 'Medicare Part A claim'],
  [/outpatient/i, 'Medicare outpatient claim'],
  [/inpatient/i, 'Medicare inpatient claim'],
  [/dme/i, 'Medicare medical equipment claim'],
];

interface Claim {
  number: string;
  firstLine: number;
  summary: Fields;
  lines: Fields[];
}

function collectClaims(parts: { title: string; lines: Line[] }[]): Claim[] {
  const claims: Claim[] = [];
  let current: Claim | null = null;
  let currentLine: Fields | null = null;
  const open = (number: string, n: number): Claim => {
    const found = claims.find((c) => c.number === number);
    if (found) return found;
    const claim: Claim = { number, firstLine: n, summary: new Map() as Fields, lines: [] };
    claims.push(claim);
    return claim;
  };
  for (const part of parts) {
    const linesFor = /^Claim Lines for Claim Number:\s*(\S+)/i.exec(part.title);
    if (linesFor) {
      current = open(linesFor[1]!, part.lines[0]?.n ?? 0);
      currentLine = null;
    } else if (part.title !== '' && !/^claim summary$/i.test(part.title)) continue;
    for (const f of fields(part.lines)) {
      if (f.key === 'source') continue;
      if (f.key === 'claim number') {
        if (!current || current.number !== f.value) {
          current = open(f.value, f.n);
          currentLine = null;
        }
        continue;
      }
      if (!current) continue;
      if (f.key === 'line number') {
        currentLine = new Map() as Fields;
        currentLine.firstLine = f.n;
        current.lines.push(currentLine);
      }
      (currentLine ?? current.summary).set(f.key, f);
    }
  }
  return claims;
}

function claimRecord(claim: Claim): RecordDraft {
  const s = claim.summary;
  const type = v(s, 'claim type') ?? '';
  const partD = /part\s*d/i.test(type);
  let title = CLAIM_TITLES.find(([re]) => re.test(type))?.[1] ?? (type ? `Medicare ${type} claim` : 'Medicare claim');
  const drug = v(s, 'drug name');
  if (partD && drug) title = `${title}: ${drug}`;
  const start = date(v(s, 'service start date') ?? v(s, 'claim service date') ?? v(claim.lines[0] ?? new Map(), 'date of service from'));
  const lineEnds = claim.lines.map((l) => date(v(l, 'date of service to'))).filter((d): d is string => !!d).sort();
  const end = date(v(s, 'service end date')) ?? lineEnds[lineEnds.length - 1];
  const codes: Code[] = [];
  const ndc = v(s, 'drug code');
  if (ndc) codes.push(drug ? { system: 'NDC', code: ndc, display: drug } : { system: 'NDC', code: ndc });
  for (const line of claim.lines) {
    const code = procedureCode(v(line, 'procedure code/description'));
    if (code && !codes.some((c) => c.code === code.code)) codes.push(code);
  }
  const diagnoses: Code[] = [...s.values()]
    .filter((f) => /^diagnosis code \d+$/.test(f.key) && f.value && !UNAVAILABLE.test(f.value))
    .map((f) => {
      const system = icdSystem(f.value, start);
      return { system, code: dottedIcd(f.value, system) };
    });
  const extras = [
    v(s, 'medicare approved') && `Medicare approved ${v(s, 'medicare approved')}`,
    v(s, 'you may be billed') && `you may be billed ${v(s, 'you may be billed')}`,
    v(s, "days' supply") && `${v(s, "days' supply")} days supply`,
    v(s, 'fill number') && `fill number ${v(s, 'fill number')}`,
    v(s, 'prescriber name') && `prescribed by ${v(s, 'prescriber name')}`,
    claim.lines.length ? `${claim.lines.length} claim line${claim.lines.length === 1 ? '' : 's'}` : undefined,
  ].filter(Boolean);
  // Who did the work, from the lines when the summary names no one ("No Information Available").
  const rendering = [...new Set(claim.lines.map((l) => v(l, 'rendering provider npi')).filter((n): n is string => !!n))];
  const places = [...new Set(claim.lines.map((l) => v(l, 'place of service/description')).filter((p): p is string => !!p))];
  const record: RecordDraft = {
    kind: 'claim',
    title,
    codes,
    details: clean({
      claimId: claim.number,
      provider: v(s, 'provider') ?? v(s, 'pharmacy name'),
      prescriber: v(s, 'prescriber name'),
      // As the FHIR importer shows a claim's care team: "Name (Role)".
      performers: [
        ...(v(s, 'prescriber name') ? [`${v(s, 'prescriber name')} (Prescribing provider)`] : []),
        ...rendering.map((npi) => `NPI ${npi} (Rendering provider)`),
      ],
      location: places.join('; ') || undefined,
      payer: 'Medicare',
      amountBilled: money(v(s, 'amount charged')),
      amountPaid: money(v(s, 'provider paid')),
      diagnoses,
      comment: extras.join(', ') || undefined,
    }),
    sourceLocation: `Claims, line ${claim.firstLine}`,
    status: 'completed',
  };
  if (start) record.start = start;
  if (end) record.end = end;
  return record;
}

function planPeriod(value: string | undefined): { start?: string; end?: string } {
  if (!value) return {};
  const [from, to] = value.split(/\s+-\s+/);
  const out: { start?: string; end?: string } = {};
  const start = date(from);
  const end = to && !/current/i.test(to) ? date(to) : undefined;
  if (start) out.start = start;
  if (end) out.end = end;
  return out;
}

function mapSection(title: string, lines: Line[], out: Out): boolean {
  const list = fields(lines);
  const base = (kind: RecordDraft['kind'], name: string, record: Fields, section: string): RecordDraft => ({
    kind,
    title: name,
    codes: [],
    details: {},
    sourceLocation: where(section, record),
  });
  switch (title.toLowerCase()) {
    case 'self reported medical conditions':
      for (const r of group(list, 'condition name')) {
        const name = v(r, 'condition name');
        if (!name) {
          skip(out, 'problems', 'A self-reported condition has no name.', title, r);
          continue;
        }
        const rec = base('problem', name, r, title);
        rec.details.comment = 'Self-reported';
        const start = date(v(r, 'medical condition start date'));
        const end = date(v(r, 'medical condition end date'));
        if (start) rec.start = start;
        if (end) rec.end = end;
        rec.status = end ? 'resolved' : 'active';
        out.records.push(rec);
      }
      return true;
    case 'self reported allergies':
      for (const r of group(list, 'allergy name')) {
        const name = v(r, 'allergy name');
        if (!name) {
          skip(out, 'allergies', 'A self-reported allergy has no name.', title, r);
          continue;
        }
        const rec = base('allergy', name, r, title);
        rec.details = clean({
          substance: name,
          reactions: v(r, 'reaction') ? [v(r, 'reaction')!] : [],
          severity: v(r, 'severity'),
          allergyType: v(r, 'type'),
          comment: [
            'Self-reported',
            v(r, 'diagnosed') && `Diagnosed: ${v(r, 'diagnosed')}`,
            v(r, 'treatment') && `Treatment: ${v(r, 'treatment')}`,
            saidDate('Last episode', v(r, 'last episode date')),
            saidDate('Last treatment', v(r, 'last treatment date')),
            v(r, 'comments'),
          ]
            .filter(Boolean)
            .join('. '),
        });
        const start = date(v(r, 'first episode date'));
        if (start) rec.start = start;
        rec.status = 'active';
        out.records.push(rec);
      }
      return true;
    case 'self reported immunizations':
      for (const r of group(list, 'immunization name')) {
        const name = v(r, 'immunization name');
        if (!name) {
          skip(out, 'immunizations', 'A self-reported immunization has no name.', title, r);
          continue;
        }
        const rec = base('immunization', name, r, title);
        // Each booster is a dose the person reports, on a day of its own.
        const boosters = [1, 2, 3].map((n) => saidDate(`Booster ${n}:`, v(r, `booster ${n} date`)));
        const inUs = v(r, 'were you vaccinated in the us');
        rec.details = clean({
          route: v(r, 'method'),
          comment: ['Self-reported', v(r, 'comments'), ...boosters, inUs && `Vaccinated in the US: ${inUs}`].filter(Boolean).join('. '),
        });
        const start = date(v(r, 'date administered'));
        if (start) rec.start = start;
        rec.status = 'completed';
        out.records.push(rec);
      }
      return true;
    case 'self reported labs and tests':
      for (const r of group(list, 'test/lab type')) {
        const name = v(r, 'test/lab type');
        if (!name) {
          skip(out, 'results', 'A self-reported test has no name.', title, r);
          continue;
        }
        const rec = base('result', name, r, title);
        const results = v(r, 'results');
        if (results) rec.value = { text: results };
        rec.details = clean({
          performers: [v(r, 'requesting doctor')].filter((p): p is string => !!p),
          location: v(r, 'administered by'),
          comment: ['Self-reported', v(r, 'reason test/lab requested') && `Reason: ${v(r, 'reason test/lab requested')}`, v(r, 'comments')].filter(Boolean).join('. '),
        });
        const start = date(v(r, 'date taken'));
        if (start) rec.start = start;
        rec.status = 'completed';
        out.records.push(rec);
      }
      return true;
    case 'self reported vital statistics':
      for (const r of group(list, 'vital statistic type')) {
        const name = v(r, 'vital statistic type');
        const reading = v(r, 'reading');
        if (!name || !reading) {
          skip(out, 'vitals', `A self-reported vital sign${name ? ` (${name})` : ''} has no reading.`, title, r);
          continue;
        }
        const when = date(v(r, 'date'));
        const time = v(r, 'time');
        const start = when && time ? (parseVaDate(`${v(r, 'date')} ${time}`) ?? when) : when;
        const recordBase: Omit<RecordDraft, 'kind' | 'title' | 'codes'> = {
          details: { comment: ['Self-reported', v(r, 'comments')].filter(Boolean).join('. ') },
          sourceLocation: where(title, r),
          status: 'completed',
        };
        if (start) recordBase.start = start;
        const records = vitalRecords(name, reading, recordBase);
        // Glucose readings are lab values, not vital signs.
        out.records.push(...records.map((rec) => (/glucose|sugar/i.test(name) ? { ...rec, kind: 'result' as const } : rec)));
      }
      return true;
    case 'drugs':
      for (const r of group(list, 'drug name')) {
        const name = v(r, 'drug name');
        if (!name) {
          skip(out, 'medications', 'A self-reported drug has no name.', title, r);
          continue;
        }
        const rec = base('medication', name, r, title);
        const lastTaken = date(v(r, 'last treatment date'));
        rec.details = clean({
          frequency: v(r, 'supply'),
          comment: ['Self-reported', lastTaken && `Last treatment ${lastTaken}`, v(r, 'comments')].filter(Boolean).join('. '),
        });
        // A termination date says the person stopped taking it: never shown as a current medicine.
        const end = date(v(r, 'termination date'));
        if (end) rec.end = end;
        rec.status = end ? 'stopped' : 'active';
        out.records.push(rec);
      }
      return true;
    case 'family medical history': {
      // "Family Member: Brother", then "Type: Condition" or "Type: Allergy" heading its "Description" lines.
      let relation: string | undefined;
      let type: string | undefined;
      for (const f of list) {
        if (f.key === 'family member') [relation, type] = [v(new Map([[f.key, f]]), f.key), undefined];
        else if (f.key === 'type') type = f.value || undefined;
        else if (f.key === 'description' && f.value && relation) {
          const record = new Map([[f.key, f]]) as Fields;
          record.firstLine = f.n;
          const rec = base('family', f.value, record, title);
          rec.details = clean({ relation, comment: [`Self-reported for ${relation}`, type && `Type: ${type}`].filter(Boolean).join('. ') });
          out.records.push(rec);
        }
      }
      return true;
    }
    case 'plans':
      for (const r of group(list, 'contract id/plan id')) {
        const name = v(r, 'plan name') ?? v(r, 'marketing name');
        if (!name) {
          skip(out, 'coverage', 'A Medicare plan has no name.', title, r);
          continue;
        }
        const rec = base('coverage', name, r, title);
        rec.details = clean({ payer: v(r, 'marketing name'), groupId: v(r, 'contract id/plan id'), comment: v(r, 'plan type') });
        Object.assign(rec, planPeriod(v(r, 'plan period')));
        rec.status = rec.end ? 'inactive' : 'active';
        out.records.push(rec);
      }
      return true;
    case 'employer subsidy':
      for (const r of group(list, 'employer plan')) {
        const name = v(r, 'employer plan');
        if (!name) {
          skip(out, 'coverage', 'An employer subsidy has no plan name.', title, r);
          continue;
        }
        const rec = base('coverage', name, r, title);
        rec.details = { payer: name, comment: 'Employer subsidy' };
        const start = date(v(r, 'employer subsidy start date'));
        const end = date(v(r, 'employer subsidy end date'));
        if (start) rec.start = start;
        if (end) rec.end = end;
        out.records.push(rec);
      }
      return true;
    case 'primary insurance':
    case 'other insurance':
      for (const r of group(list, 'msp type')) {
        const name = v(r, 'insurer name');
        if (!name) {
          skip(out, 'coverage', 'An insurance entry has no insurer name.', title, r);
          continue;
        }
        const rec = base('coverage', name, r, title);
        rec.details = clean({
          payer: name,
          memberId: v(r, 'policy number'),
          comment: [title, v(r, 'msp type') && `Medicare secondary payer type: ${v(r, 'msp type')}`].filter(Boolean).join('. '),
        });
        const start = date(v(r, 'effective date'));
        const end = date(v(r, 'termination date'));
        if (start) rec.start = start;
        if (end) rec.end = end;
        out.records.push(rec);
      }
      return true;
    default:
      return false;
  }
}

export function parseCmsText(text: string): ImportedDocument {
  if (!looksLikeCmsText(text)) throw new ImportError('This file is not a MyMedicare.gov Blue Button file Chartkeeper recognizes.');
  const lines: Line[] = text.replace(/\r\n?/g, '\n').split('\n').map((t, i) => ({ text: t, n: i + 1 }));
  const parts = sections(lines);
  const demographic = parts.find((p) => /^demographics?$/i.test(p.title));
  const demo = demographic ? new Map(fields(demographic.lines).map((f) => [f.key, f])) : undefined;
  const name = demo ? v(demo, 'name') : undefined;
  if (!demo || !name) {
    throw new ImportError('This Medicare file has no demographic section, so Chartkeeper cannot tell whose record it is.');
  }
  const patient = patientFromName(name);
  const birthDate = date(v(demo, 'date of birth'));
  if (birthDate) patient.birthDate = birthDate;

  const out: Out = { records: [], problems: [] };
  const kept: DocumentSection[] = [];
  const claimStart = parts.findIndex((p) => /^claim summary$/i.test(p.title) || /^claim lines for claim number/i.test(p.title));
  parts.forEach((part, i) => {
    if (i === 0 || part === demographic || /PERSONAL HEALTH INFORMATION/i.test(part.title) || (claimStart >= 0 && i >= claimStart)) return;
    if (mapSection(part.title, part.lines, out)) return;
    const narrative = toNarrative(part.lines.filter((l) => !/^\s*Source:/i.test(l.text)));
    if (part.title && narrative.length) kept.push({ title: part.title, narrative });
  });
  if (claimStart >= 0) {
    for (const claim of collectClaims(parts.slice(claimStart))) out.records.push(claimRecord(claim));
  }

  const header = parts[0]!.lines.map((l) => l.text).join('\n') + '\n' + lines.slice(0, 15).map((l) => l.text).join('\n');
  const version = /Produced by the Blue Button \(v([0-9.]+)\)/.exec(header)?.[1];
  const stamp = lines.slice(0, 20).map((l) => (/^\s*\d{1,2}\/\d{1,2}\/\d{4}/.test(l.text) ? parseVaDate(l.text.trim()) : undefined)).find(Boolean);
  const document: ImportedDocument['document'] = {
    title: 'MyMedicare.gov Personal Health Information',
    variant: version ? `MyMedicare.gov Blue Button v${version}` : 'MyMedicare.gov Blue Button',
    authorOrganization: 'Medicare (CMS)',
    custodian: 'MyMedicare.gov',
    sections: kept,
    attachments: [],
  };
  if (stamp) document.date = stamp;
  return { patient, document, records: out.records, problems: out.problems };
}
