// Observation → result / vital / social / functional-status records, with DiagnosticReport panels grouping their
// result Observations; DiagnosticReports without structured results become one result each.
import type { Attachment, Code, EntryKind, PartialDate, Quantity, RecordDraft, ReferenceRange, ReportKind } from '../../records/model.ts';
import { allCodes, codeIn, conceptCodes, conceptText } from './codes.ts';
import type { FhirContext } from './context.ts';
import { choiceDate, fhirDate, referenceName } from './context.ts';
import type { JsonObject } from './json.ts';
import { arr, num, obj, str } from './json.ts';
import type { Mapped } from './mapped.ts';
import { dropEmpty, enteredInError, none, normalizeStatus, saysNotSoByExtension, skip, whereOf } from './mapped.ts';
import { notSoWords } from '../../records/readable/negation.ts';

const LOINC = 'http://loinc.org';
const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';

export interface Panel {
  title: string;
  codes: Code[];
  /** When the report or panel says its results were taken: a member that gives no time of its own is of that time. */
  start?: PartialDate;
  end?: PartialDate;
  /**
   * Who the report names as responsible (its performer, resultsInterpreter): a member that names
   * no one of its own was done by them, as the source says; one that names its own keeps its own.
   */
  performers?: string[];
}

function kindOf(resource: JsonObject): { kind: EntryKind; report: ReportKind } {
  const categories = allCodes(resource['category']);
  if (categories.includes('vital-signs')) return { kind: 'vital', report: 'vitals' };
  if (categories.includes('social-history')) return { kind: 'social', report: 'social' };
  // US Core's category for functional status (what a Chartkeeper export writes for it).
  if (categories.includes('functional-status')) return { kind: 'functional', report: 'functional' };
  return { kind: 'result', report: 'results' };
}

export function reportKindOfObservation(resource: JsonObject): ReportKind {
  return kindOf(resource).report;
}

function quantityUnit(value: unknown): string | undefined {
  const q = obj(value);
  return str(q?.['code']) ?? str(q?.['unit']);
}

/** An Observation's (or component's) value[x] as a Quantity, or undefined when it has none. */
export function valueOf(holder: JsonObject): Quantity | undefined {
  const quantity = obj(holder['valueQuantity']);
  if (quantity) {
    const number = num(quantity['value']);
    const unit = str(quantity['code']) ?? str(quantity['unit']);
    const comparator = str(quantity['comparator']) ?? '';
    const out: Quantity = {};
    if (number !== undefined) {
      out.number = number;
      out.text = `${comparator}${number}`;
    }
    if (unit) out.unit = unit;
    return out.text || out.unit ? out : undefined;
  }
  const text =
    str(holder['valueString']) ??
    conceptText(holder['valueCodeableConcept']) ??
    (typeof holder['valueBoolean'] === 'boolean' ? (holder['valueBoolean'] ? 'Yes' : 'No') : undefined) ??
    fhirDate(holder['valueDateTime']) ??
    str(holder['valueTime']);
  if (text) return { text };
  const integer = num(holder['valueInteger']);
  if (integer !== undefined) return { number: integer, text: String(integer) };
  const range = obj(holder['valueRange']);
  if (range) {
    const low = num(obj(range['low'])?.['value']);
    const high = num(obj(range['high'])?.['value']);
    const unit = quantityUnit(range['low']) ?? quantityUnit(range['high']);
    // A range open at one end is a bound ("≥60"), not "60-".
    const text = low !== undefined && high !== undefined ? `${low}-${high}` : low !== undefined ? `>=${low}` : high !== undefined ? `<=${high}` : undefined;
    if (!text) return undefined;
    const out: Quantity = { text };
    if (unit) out.unit = unit;
    return out;
  }
  const ratio = obj(holder['valueRatio']);
  if (ratio) {
    const part = (q: unknown) => {
      const n = num(obj(q)?.['value']);
      const unit = quantityUnit(q);
      return n === undefined ? '' : unit && unit !== '1' ? `${n} ${unit}` : String(n);
    };
    const n = part(ratio['numerator']);
    const d = part(ratio['denominator']);
    return n || d ? { text: `${n}/${d}` } : undefined;
  }
  const period = obj(holder['valuePeriod']);
  if (period) {
    const start = fhirDate(period['start']);
    const end = fhirDate(period['end']);
    return start || end ? { text: `${start ?? ''} – ${end ?? ''}`.trim() } : undefined;
  }
  return undefined;
}

function rangeOf(holder: JsonObject): ReferenceRange | undefined {
  const first = obj(arr(holder['referenceRange'])[0]);
  if (!first) return undefined;
  const low = obj(first['low']);
  const high = obj(first['high']);
  const range: ReferenceRange = {};
  const lowValue = num(low?.['value']);
  const highValue = num(high?.['value']);
  if (lowValue !== undefined) range.low = lowValue;
  if (highValue !== undefined) range.high = highValue;
  const unit = str(low?.['code']) ?? str(low?.['unit']) ?? str(high?.['code']) ?? str(high?.['unit']);
  if (unit) range.unit = unit;
  const text = str(first['text']) ?? (lowValue !== undefined || highValue !== undefined ? `${lowValue ?? ''}-${highValue ?? ''}` : undefined);
  if (text) range.text = text;
  return Object.keys(range).length ? range : undefined;
}

function interpretationOf(holder: JsonObject): string | undefined {
  const list = arr(holder['interpretation']);
  const concept = list.length ? list[0] : holder['interpretation'];
  const codes = conceptCodes(concept);
  return codes[0]?.code ?? conceptText(concept);
}

function pick(panel: Panel | undefined): Pick<Panel, 'start' | 'end'> {
  return { ...(panel?.start ? { start: panel.start } : {}), ...(panel?.end ? { end: panel.end } : {}) };
}

/** Which DiagnosticReport panel each result Observation belongs to. */
export function panelsByObservation(ctx: FhirContext): Map<JsonObject, Panel> {
  const panels = new Map<JsonObject, Panel>();
  const add = (parent: JsonObject, field: string) => {
    const title = conceptText(parent['code']);
    if (!title) return;
    const when = choiceDate(parent, 'effective');
    const start = when.start ?? fhirDate(parent['effectiveInstant']);
    // A panel Observation without a time of its own is of its report's time.
    const dated = start ? { start, ...(when.end ? { end: when.end } : {}) } : pick(panels.get(parent));
    // A panel Observation that names no one is of its report's people, as it is of its time.
    const own = performersOf(parent, ctx);
    const performers = own.length ? own : (panels.get(parent)?.performers ?? []);
    for (const ref of arr(parent[field])) {
      const observation = ctx.resolve(ref, parent);
      if (observation && !panels.has(observation))
        panels.set(observation, { title, codes: conceptCodes(parent['code']), ...dated, ...(performers.length ? { performers } : {}) });
    }
  };
  for (const report of ctx.ofType('DiagnosticReport')) add(report, 'result');
  for (const observation of ctx.ofType('Observation')) add(observation, 'hasMember');
  return panels;
}

/**
 * Who did it, and a report's interpreter (the cardiologist who read the EKG): each person once,
 * though the source may name one practitioner twice in two ways ("Ronald Bone", "Dr Ronald Bone").
 */
function performersOf(resource: JsonObject, ctx: FhirContext): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const ref of [...arr(resource['performer']), ...arr(resource['resultsInterpreter'])]) {
    const name = referenceName(ctx, ref, resource);
    const key = str(obj(ref)?.['reference']) ?? name;
    if (!name || !key || seen.has(key) || names.includes(name)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}

/** The result's own performers; only when it names none, those of the report that lists it. */
function ownOrPanelPerformers(resource: JsonObject, ctx: FhirContext, panel: Panel | undefined): string[] {
  const own = performersOf(resource, ctx);
  return own.length ? own : [...(panel?.performers ?? [])];
}

function base(resource: JsonObject, kind: EntryKind, title: string, codes: Code[], ctx: FhirContext, panel?: Panel): RecordDraft {
  const negated = saysNotSoByExtension(resource);
  // The export's note saying so in words is the mark itself, not a comment of the source's.
  const markWords = negated ? notSoWords({ kind, status: 'not-done' }, 'en') : undefined;
  const record: RecordDraft = {
    kind,
    title,
    codes,
    details: dropEmpty({
      panel: panel?.title,
      panelCodes: panel?.codes,
      specimen: referenceName(ctx, resource['specimen'], resource),
      performers: ownOrPanelPerformers(resource, ctx, panel),
      comment:
        arr(resource['note'])
          .map((n) => str(obj(n)?.['text']))
          .filter((text) => text && text !== markWords)
          .join(' ') || undefined,
    }),
    sourceLocation: whereOf(resource),
  };
  const status = negated ? 'not-done' : normalizeStatus(resource['status']);
  if (status) record.status = status;
  const when = choiceDate(resource, 'effective');
  const own = when.start ?? fhirDate(resource['effectiveInstant']);
  // A panel's member often gives no time of its own (a health card's lab panel): the report's
  // effective time is the time of its results, and comes before the member's reporting time.
  const start = own ?? panel?.start ?? fhirDate(resource['issued']);
  if (start) record.start = start;
  const end = own ? when.end : panel?.start ? panel.end : undefined;
  if (end) record.end = end;
  return record;
}

/** Why a value is missing, when the source says (dataAbsentReason). */
function noteAbsence(record: RecordDraft, holder: JsonObject): void {
  const absent = conceptText(holder['dataAbsentReason']);
  if (absent) record.details.comment = [`No value: ${absent}`, record.details.comment].filter(Boolean).join('. ');
}

function componentLoinc(component: JsonObject): string | undefined {
  return codeIn(component['code'], LOINC);
}

export function mapObservation(resource: JsonObject, ctx: FhirContext, panels: Map<JsonObject, Panel>): Mapped {
  const { kind, report } = kindOf(resource);
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip(report, 'This observation was marked as entered in error.', where);
  const title = conceptText(resource['code']);
  if (!title) return skip(report, 'An observation has no test name or code.', where);
  const codes = conceptCodes(resource['code']);
  const panel = panels.get(resource);
  const components = arr(resource['component']).map(obj).filter((c): c is JsonObject => !!c);
  const value = valueOf(resource);

  // Blood pressure becomes two records, systolic and diastolic, because trends are grouped by
  // LOINC code: two numeric series chart correctly, a single "120/80" text cannot be plotted.
  const systolic = components.find((c) => componentLoinc(c) === SYSTOLIC);
  const diastolic = components.find((c) => componentLoinc(c) === DIASTOLIC);
  if (!value && systolic && diastolic) {
    const bpPanel: Panel = panel ?? { title, codes };
    const records = [systolic, diastolic].map((component) => {
      const record = base(resource, kind, conceptText(component['code']) ?? title, conceptCodes(component['code']), ctx, bpPanel);
      const componentValue = valueOf(component);
      if (componentValue) record.value = componentValue;
      else noteAbsence(record, component);
      const range = rangeOf(component);
      if (range) record.referenceRange = range;
      const interpretation = interpretationOf(component) ?? interpretationOf(resource);
      if (interpretation) record.interpretation = interpretation;
      return record;
    });
    return { records, problems: [] };
  }

  // A grouping Observation (a vital-signs panel) is structure, not an entry: its members carry
  // the data and are imported one by one, named after it. Only when none of its members is in
  // the file is something missing.
  const members = arr(resource['hasMember']);
  if (!value && components.length === 0 && members.length > 0) {
    if (members.some((ref) => ctx.resolve(ref, resource))) return none();
    return skip(report, `"${title}" is a panel heading whose results are not in this file.`, where);
  }

  const record = base(resource, kind, title, codes, ctx, panel);
  if (value) {
    record.value = value;
    // Measured with it (the inhaled oxygen flow beside an oxygen saturation): each component
    // with a value is a measurement of its own, in a panel named after this observation.
    const withValues = components.filter((c) => valueOf(c) && conceptText(c['code']));
    const extra = withValues.map((component) => {
      const part = base(resource, kind, conceptText(component['code'])!, conceptCodes(component['code']), ctx, panel ?? { title, codes });
      part.value = valueOf(component)!;
      const range = rangeOf(component);
      if (range) part.referenceRange = range;
      const interpretation = interpretationOf(component);
      if (interpretation) part.interpretation = interpretation;
      return part;
    });
    if (extra.length) {
      const parentRange = rangeOf(resource);
      if (parentRange) record.referenceRange = parentRange;
      const parentInterpretation = interpretationOf(resource);
      if (parentInterpretation) record.interpretation = parentInterpretation;
      return { records: [record, ...extra], problems: [] };
    }
  } else if (components.length) {
    const parts = components
      .map((c) => {
        const v = valueOf(c);
        const name = conceptText(c['code']);
        return v && name ? `${name}: ${v.text ?? ''}${v.unit ? ` ${v.unit}` : ''}` : undefined;
      })
      .filter(Boolean);
    if (parts.length) record.value = { text: parts.join('; ') };
  }
  if (!record.value) noteAbsence(record, resource);
  const range = rangeOf(resource);
  if (range) record.referenceRange = range;
  const interpretation = interpretationOf(resource);
  if (interpretation) record.interpretation = interpretation;
  return { records: [record], problems: [] };
}

/** Inline base64 attachments of a DiagnosticReport or DocumentReference. */
export function inlineAttachments(list: unknown[], fallbackTitle: string): Attachment[] {
  const out: Attachment[] = [];
  for (const item of list) {
    const a = obj(item);
    const data = str(a?.['data']);
    if (!a || !data) continue;
    out.push({ title: str(a['title']) ?? fallbackTitle, mediaType: str(a['contentType']) ?? 'application/octet-stream', data });
  }
  return out;
}

/** Plain text of a text/plain attachment, for the entry's own narrative. */
export function attachmentText(list: unknown[]): string | undefined {
  for (const item of list) {
    const a = obj(item);
    const type = str(a?.['contentType']) ?? '';
    const data = str(a?.['data']);
    if (data && type.startsWith('text/plain')) {
      try {
        return Buffer.from(data, 'base64').toString('utf8').slice(0, 100_000);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A DiagnosticReport: its results are the Observations; a narrative-only report is one result. */
export function mapDiagnosticReport(resource: JsonObject, ctx: FhirContext): Mapped & { attachments: Attachment[] } {
  const title = conceptText(resource['code']) ?? 'Report';
  const forms = arr(resource['presentedForm']);
  const attachments = inlineAttachments(forms, title);
  const where = whereOf(resource);
  if (enteredInError(resource)) return { ...skip('results', 'This report was marked as entered in error.', where), attachments: [] };
  // Results present in this file carry the values; a report exported alone keeps its own entry.
  if (arr(resource['result']).some((ref) => ctx.resolve(ref, resource))) return { records: [], problems: [], attachments };
  const conclusion = str(resource['conclusion']);
  const text = attachmentText(forms);
  const record = base(resource, 'result', title, conceptCodes(resource['code']), ctx);
  if (conclusion) record.value = { text: conclusion };
  const narrative = [conclusion, text].filter(Boolean).join('\n\n');
  if (narrative) record.narrative = narrative;
  const codedConclusion = arr(resource['conclusionCode']).map((c) => conceptText(c)).filter(Boolean);
  const listed = arr(resource['result']).map((r) => str(obj(r)?.['display'])).filter(Boolean);
  const comment = [codedConclusion.length ? `Conclusion: ${codedConclusion.join(', ')}` : undefined, listed.length ? `Results listed: ${listed.join(', ')}` : undefined];
  if (comment.some(Boolean)) record.details.comment = comment.filter(Boolean).join('. ');
  return { records: [record], problems: [], attachments };
}
