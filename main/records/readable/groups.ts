// Which results and vital signs belong together when they are shown: the components of one lab
// panel (a urinalysis), the vital signs measured at one visit, and a blood pressure's systolic
// and diastolic values as one reading ("145/88 mmHg"). Decided when entries are shown; the
// vault keeps every component as its own entry, as the sources wrote them. Shared by the
// renderer (timeline, test results, vital signs) and the visit summary.

import type { Code, EntryKind, Quantity, ReferenceRange } from '../model.ts';
import { saysNotSo } from './negation.ts';
import { abnormalFlag, type AbnormalFlag } from './flags.ts';
import { formatDecimal, isPlainDecimal } from './numbers.ts';
import { dateParts } from './dates.ts';
import { unitJoinsNumber, unitLabel } from './units.ts';

/** What grouping needs of an entry (a stored entry or a timeline row). */
export interface Groupable {
  id: number;
  kind: string;
  title: string;
  /** The date the entry is shown under (a timeline row's `date`, an entry's `start`). */
  date?: string;
  codes?: readonly Code[];
  value?: Quantity;
  panel?: string;
  panelCodes?: readonly Code[];
  /** `not-done` on a value the source says is not so: never half of a blood pressure. */
  status?: string;
}

/** What grouping reads of a stored entry: its date (start, else end), codes, value and panel. */
export function groupableOf(entry: {
  id: number;
  kind: string;
  title: string;
  start?: string;
  end?: string;
  codes: readonly Code[];
  value?: Quantity;
  status?: string;
  details: { panel?: string; panelCodes?: Code[] };
}): Groupable {
  const date = entry.start ?? entry.end;
  return {
    id: entry.id,
    kind: entry.kind,
    title: entry.title,
    ...(date ? { date } : {}),
    codes: entry.codes,
    ...(entry.value ? { value: entry.value } : {}),
    ...(entry.details.panel ? { panel: entry.details.panel } : {}),
    ...(entry.details.panelCodes ? { panelCodes: entry.details.panelCodes } : {}),
    ...(entry.status ? { status: entry.status } : {}),
  };
}

export const SYSTOLIC_LOINC = '8480-6';
export const DIASTOLIC_LOINC = '8462-4';
const LOINC_SYSTEMS = new Set(['LOINC', '2.16.840.1.113883.6.1', 'http://loinc.org']);

function loincOf(codes: readonly Code[] | undefined): string | undefined {
  return codes?.find((c) => LOINC_SYSTEMS.has(c.system))?.code.trim();
}

/** Which half of a blood pressure an entry is: by its LOINC code, else by its name. */
export function bloodPressurePart(entry: Pick<Groupable, 'codes' | 'title'>): 'systolic' | 'diastolic' | undefined {
  const loinc = loincOf(entry.codes);
  if (loinc === SYSTOLIC_LOINC) return 'systolic';
  if (loinc === DIASTOLIC_LOINC) return 'diastolic';
  if (loinc) return undefined;
  const title = entry.title.toLowerCase();
  if (/\bsystolic\b/.test(title) && !/diastolic/.test(title)) return 'systolic';
  if (/\bdiastolic\b/.test(title) && !/systolic/.test(title)) return 'diastolic';
  return undefined;
}

/** One line of a group: an entry, or a blood pressure's two entries read as one. */
export type GroupLine<T> = { type: 'entry'; entry: T } | { type: 'bloodPressure'; systolic: T; diastolic: T };

export interface EntryGroup<T> {
  /** Stable for the same entries: the kind of group and its first entry's id. */
  key: string;
  /** A lab panel, the vital signs of one visit (day), or an entry on its own. */
  type: 'panel' | 'vitals' | 'single';
  /** The panel's name as the source gave it (panels only). */
  panel?: string;
  /** The calendar day the group is about (YYYY-MM-DD, or less when the source gave less). */
  day?: string;
  lines: GroupLine<T>[];
  /** Every entry of the group, in the order given. */
  entries: T[];
}

/** The calendar day of a date at the precision given (no time, no offset). */
export function dayOf(date: string | undefined): string {
  const parts = dateParts(date);
  if (!parts) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(parts.year).padStart(4, '0')}${parts.month ? `-${pad(parts.month)}` : ''}${parts.day ? `-${pad(parts.day)}` : ''}`;
}

function panelKey(entry: Groupable): string | undefined {
  const code = entry.panelCodes?.find((c) => c.code.trim() !== '');
  if (code) return `${code.system}|${code.code.trim()}`;
  const name = entry.panel?.trim().toLowerCase();
  return name ? `name|${name}` : undefined;
}

/**
 * Groups entries for showing, keeping the order given (a group stands where its first entry
 * stood). Results of one panel on one day are one group; vital signs on one day are one group
 * (a visit's measurements); everything else stands alone. An entry is never dropped or shown
 * twice. A blood-pressure panel of results is read like vital signs.
 */
export function groupEntries<T extends Groupable>(entries: readonly T[]): EntryGroup<T>[] {
  const groups: EntryGroup<T>[] = [];
  const open = new Map<string, EntryGroup<T>>();
  for (const entry of entries) {
    const day = dayOf(entry.date);
    let key: string | undefined;
    let type: EntryGroup<T>['type'] = 'single';
    if (entry.kind === 'vital' && day) {
      key = `vitals|${day}`;
      type = 'vitals';
    } else if (entry.kind === 'result' && day) {
      const panel = panelKey(entry);
      if (panel) {
        key = `panel|${panel}|${day}`;
        type = 'panel';
      }
    }
    const existing = key ? open.get(key) : undefined;
    if (existing) {
      existing.entries.push(entry);
      continue;
    }
    const group: EntryGroup<T> = {
      key: `${type}:${entry.id}`,
      type,
      ...(type === 'panel' && entry.panel?.trim() ? { panel: entry.panel.trim() } : {}),
      ...(day ? { day } : {}),
      lines: [],
      entries: [entry],
    };
    groups.push(group);
    if (key) open.set(key, group);
  }
  // A panel of one result keeps its name (the source reported it as a panel); screens show a
  // lone entry as a plain row wherever a frame would say nothing more.
  for (const group of groups) group.lines = pairBloodPressure(group.entries);
  return groups;
}

/** The moment an entry gives, for pairing: its date and time exactly as written. */
function momentOf(entry: Groupable): string {
  return (entry.date ?? '').trim();
}

function numberWritten(q: Quantity | undefined): string | undefined {
  const text = q?.text?.trim();
  if (text) return isPlainDecimal(text) ? text : undefined;
  return typeof q?.number === 'number' && Number.isFinite(q.number) ? String(q.number) : undefined;
}

function sameUnit(a: Quantity | undefined, b: Quantity | undefined): boolean {
  return unitLabel(a?.unit) === unitLabel(b?.unit);
}

/**
 * Pairs each systolic value with the diastolic value measured at the same moment (the same date
 * and time as written), when both are plain numbers in the same unit. A moment with more than
 * one systolic or diastolic value is ambiguous and its values stay apart, as do halves without
 * a partner. The pair stands where the first of its two entries stood.
 */
export function pairBloodPressure<T extends Groupable>(entries: readonly T[]): GroupLine<T>[] {
  const byMoment = new Map<string, { systolic: T[]; diastolic: T[] }>();
  for (const entry of entries) {
    const part = bloodPressurePart(entry);
    if (!part || numberWritten(entry.value) === undefined || saysNotSo({ kind: entry.kind as EntryKind, status: entry.status })) continue;
    const moment = momentOf(entry);
    if (!moment) continue;
    const slot = byMoment.get(moment) ?? { systolic: [], diastolic: [] };
    slot[part].push(entry);
    byMoment.set(moment, slot);
  }
  const partnerOf = new Map<T, T>();
  for (const { systolic, diastolic } of byMoment.values()) {
    const [s] = systolic;
    const [d] = diastolic;
    if (systolic.length === 1 && diastolic.length === 1 && s && d && sameUnit(s.value, d.value)) {
      partnerOf.set(s, d);
      partnerOf.set(d, s);
    }
  }
  const lines: GroupLine<T>[] = [];
  const placed = new Set<T>();
  for (const entry of entries) {
    if (placed.has(entry)) continue;
    const partner = partnerOf.get(entry);
    if (partner) {
      const systolic = bloodPressurePart(entry) === 'systolic' ? entry : partner;
      const diastolic = systolic === entry ? partner : entry;
      lines.push({ type: 'bloodPressure', systolic, diastolic });
      placed.add(entry).add(partner);
    } else {
      lines.push({ type: 'entry', entry });
      placed.add(entry);
    }
  }
  return lines;
}

/**
 * A blood pressure as people write it: "145/88 mmHg", each number at its source's precision in
 * the reader's language.
 */
export function bloodPressureText(systolic: Pick<Groupable, 'value'>, diastolic: Pick<Groupable, 'value'>, locale: string): string {
  const s = numberWritten(systolic.value) ?? '';
  const d = numberWritten(diastolic.value) ?? '';
  const label = unitLabel(systolic.value?.unit);
  const numbers = `${formatDecimal(s, locale)}/${formatDecimal(d, locale)}`;
  if (!label) return numbers;
  return unitJoinsNumber(label) ? `${numbers}${label}` : `${numbers} ${label}`;
}

/** The abnormal flags of a blood pressure's two values, each with the half it belongs to. */
export function bloodPressureFlags(
  systolic: { interpretation?: string; value?: Quantity; referenceRange?: ReferenceRange },
  diastolic: { interpretation?: string; value?: Quantity; referenceRange?: ReferenceRange },
): { part: 'systolic' | 'diastolic'; flag: AbnormalFlag }[] {
  const out: { part: 'systolic' | 'diastolic'; flag: AbnormalFlag }[] = [];
  const s = abnormalFlag(systolic);
  const d = abnormalFlag(diastolic);
  if (s) out.push({ part: 'systolic', flag: s.flag });
  if (d) out.push({ part: 'diastolic', flag: d.flag });
  return out;
}
