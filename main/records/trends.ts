// Trend assembly: the numeric results and vitals of one test (or of a group of LOINC codes
// that mean the same test), converted to one display unit, with reference ranges and
// out-of-range flags, ready for a chart. Values that cannot be shown honestly in the
// display unit are listed in `skipped` with a reason instead of being dropped silently.

import type { EntryDetails, EntryKind, PartialDate, RecordDraft } from './model.ts';
import { codeKey, normalizeText } from './normalize.ts';
import { sortDate } from './timeline.ts';
import { flagOfCode, type AbnormalFlag } from './readable/flags.ts';
import { saysNotSo } from './readable/negation.ts';
import { MOLECULAR_WEIGHTS, convertValue, toUcum, unitLabel, type Conversion, type ConversionFailure } from './units.ts';

/** The parts of an entry's draft a trend reads (a whole RecordDraft is one too). */
export type TrendDraft = Pick<RecordDraft, 'kind' | 'title' | 'codes' | 'start' | 'end' | 'value' | 'referenceRange' | 'interpretation'> & Partial<Pick<RecordDraft, 'status'>> & {
  details: Pick<EntryDetails, 'plannedFor' | 'specimen' | 'readings'>;
};

export interface TrendEntry {
  id: number;
  draft: TrendDraft;
  /** Provider names of the entry's sources, for the tooltip. */
  sources: string[];
}

/**
 * What a trend uses of one entry filed under one of its LOINC codes, flat: the vault keeps
 * these precomputed (trend_points), so a series of thousands of points is read without
 * parsing or rebuilding a draft per point.
 */
export interface TrendFact extends TrendFactFields {
  entryId: number;
  /** The series key the fact is filed under: a LOINC code, or a name key (nameKey). */
  loinc: string;
  /** Provider names of the entry's sources, for the tooltip. */
  sources: string[];
}

/** The fields of a TrendFact that come from the draft alone (trendFactFields). */
export interface TrendFactFields {
  kind: EntryKind;
  /** sortDate of the draft. */
  date: PartialDate | null;
  title: string;
  /** The value's number: the coded one, or text that is nothing but a number. */
  number: number | null;
  /** The value as written, for the reason a value that is not a number is skipped. */
  valueText: string | null;
  /** The value's unit as written. */
  unit: string | null;
  /** The reference range's numeric bounds. */
  low: number | null;
  high: number | null;
  /** The unit the bounds are in: the range's own, else the value's; null without a range. */
  rangeUnit: string | null;
  interpretation: string | null;
  /** A daily summary's count, lowest and highest reading (EntryDetails.readings), in the value's unit. */
  readingsCount: number | null;
  readingsMin: number | null;
  readingsMax: number | null;
}

/** What a trend uses of a draft: what trend_points stores for each of its LOINC codes. */
export function trendFactFields(draft: TrendDraft): TrendFactFields {
  const range = draft.referenceRange;
  const bound = (limit: number | undefined) => (typeof limit === 'number' && Number.isFinite(limit) ? limit : null);
  return {
    kind: draft.kind,
    date: sortDate(draft) ?? null,
    title: draft.title ?? '',
    number: numericValue(draft) ?? null,
    valueText: draft.value?.text ?? null,
    unit: draft.value?.unit ?? null,
    low: range ? bound(range.low) : null,
    high: range ? bound(range.high) : null,
    rangeUnit: range ? (range.unit?.trim() ? range.unit : draft.value?.unit) ?? null : null,
    interpretation: draft.interpretation ?? null,
    ...readingsOf(draft),
  };
}

function readingsOf(draft: TrendDraft): Pick<TrendFactFields, 'readingsCount' | 'readingsMin' | 'readingsMax'> {
  const r = draft.details?.readings;
  const ok = r && Number.isInteger(r.count) && r.count > 0 && Number.isFinite(r.min) && Number.isFinite(r.max) && r.min <= r.max;
  return ok ? { readingsCount: r.count, readingsMin: r.min, readingsMax: r.max } : { readingsCount: null, readingsMin: null, readingsMax: null };
}

export interface TrendPoint {
  entryId: number;
  date: PartialDate;
  /** In the series' display unit. */
  value: number;
  originalValue: number;
  originalUnit?: string;
  /** The reference range in the display unit, when the source gave one we could convert. */
  low?: number;
  high?: number;
  outOfRange: boolean;
  /** The one vocabulary of abnormal results (readable/flags.ts); set exactly when outOfRange. */
  flag?: AbnormalFlag;
  sources: string[];
  /**
   * The point is a daily summary of many readings: how many, and their lowest and highest in
   * the display unit (`value` is their mean). Drawn as a range with the mean, never as one reading.
   */
  readings?: { count: number; min: number; max: number };
  /**
   * Glucose measured by a sensor in the fluid under the skin (LOINC 99504-3) or in a body
   * fluid other than blood (14745-4, which sensors use in mmol/L): a specimen of its own,
   * drawn as its own series beside blood glucose.
   */
  specimen?: 'fluid';
}

/** Glucose in interstitial or body fluid: sensors (the HL7 CGM guide's codes). */
export const FLUID_GLUCOSE_LOINCS: ReadonlySet<string> = new Set(['99504-3', '14745-4']);

/** A stretch of time over which consecutive points shared one reference range. */
export interface ReferenceBand {
  from: PartialDate;
  to: PartialDate;
  low?: number;
  high?: number;
}

/** Why a value is not drawn, for the reader's language; `reason` says the same in English. */
export type UndrawnWhy =
  | 'no-date'
  | 'no-value'
  | 'not-a-number'
  | 'no-unit'
  | 'unit-vs-none'
  | 'unknown-unit'
  | 'needs-molecular-weight'
  | 'not-convertible';

export interface UndrawnValue {
  entryId: number;
  /** One sentence in English (the command line, logs). */
  reason: string;
  why: UndrawnWhy;
  /** The entry's date, when it has one. */
  date?: PartialDate;
  /** The value as the source wrote it ("Positive", "6.5"), without its unit. */
  value?: string;
  /** The value's unit as the source wrote it. */
  unit?: string;
  /** The series' display unit (UCUM) the value could not be shown in. */
  displayUnit?: string;
  sources: string[];
}

export interface TrendSeries {
  /** The series key asked for: a LOINC code, or a name key for results without one. */
  code: string;
  /** Every LOINC code the series draws from (its trend group, or just `code`); empty for a name key. */
  loincs: string[];
  /**
   * The source gave no LOINC code: the series holds the results whose test name, as the
   * source wrote it, is the same (apart from case and spacing).
   */
  byName: boolean;
  /** For a name key with a specimen, the specimen (lower case, as in the key). */
  specimen?: string;
  title: string;
  /** The display unit as UCUM ("" when the values carry none). */
  unit: string;
  /** The display unit as a person writes it ("lb", "mmHg"). */
  unitLabel: string;
  /** Oldest first. */
  points: TrendPoint[];
  referenceBands: ReferenceBand[];
  /** Every value of the series that is not drawn, with why, oldest first. */
  skipped: UndrawnValue[];
}

export interface TrendGroup {
  id: string;
  title: string;
  /** The group's LOINC codes, the most common first. */
  loincs: readonly string[];
  /** Breaks a tie when two units are equally common. */
  preferredUnit?: string;
}

/**
 * LOINC codes that a person sees as one test. eGFR is reported under one code per formula
 * (MDRD, CKD-EPI 2009 and 2021, race-specific variants); A1c by method; glucose by
 * specimen; LDL calculated or measured; weight and height measured or stated. Codes not
 * listed here form a trend of their own.
 */
export const TREND_GROUPS: readonly TrendGroup[] = [
  { id: 'systolic', title: 'Systolic blood pressure', loincs: ['8480-6'], preferredUnit: 'mm[Hg]' },
  { id: 'diastolic', title: 'Diastolic blood pressure', loincs: ['8462-4'], preferredUnit: 'mm[Hg]' },
  { id: 'weight', title: 'Weight', loincs: ['29463-7', '3141-9', '3142-7'], preferredUnit: 'kg' },
  { id: 'height', title: 'Height', loincs: ['8302-2', '8306-3', '3137-7'], preferredUnit: 'cm' },
  { id: 'bmi', title: 'Body mass index (BMI)', loincs: ['39156-5'], preferredUnit: 'kg/m2' },
  { id: 'temperature', title: 'Body temperature', loincs: ['8310-5', '8331-1'], preferredUnit: 'Cel' },
  { id: 'heart-rate', title: 'Heart rate', loincs: ['8867-4'], preferredUnit: '/min' },
  { id: 'respiratory-rate', title: 'Respiratory rate', loincs: ['9279-1'], preferredUnit: '/min' },
  { id: 'oxygen-saturation', title: 'Oxygen saturation', loincs: ['59408-5', '2708-6'], preferredUnit: '%' },
  { id: 'a1c', title: 'Hemoglobin A1c', loincs: ['4548-4', '17856-6'], preferredUnit: '%' },
  { id: 'glucose', title: 'Glucose', loincs: ['2345-7', '2339-0', '41653-7', '15074-8', '99504-3', '14745-4'], preferredUnit: 'mg/dL' },
  { id: 'cholesterol', title: 'Total cholesterol', loincs: ['2093-3'], preferredUnit: 'mg/dL' },
  { id: 'hdl', title: 'HDL cholesterol', loincs: ['2085-9'], preferredUnit: 'mg/dL' },
  { id: 'ldl', title: 'LDL cholesterol', loincs: ['13457-7', '2089-1', '18262-6'], preferredUnit: 'mg/dL' },
  { id: 'triglycerides', title: 'Triglycerides', loincs: ['2571-8'], preferredUnit: 'mg/dL' },
  {
    id: 'egfr',
    title: 'eGFR (kidney function)',
    loincs: ['33914-3', '48642-3', '48643-1', '62238-1', '98979-8', '88293-6', '88294-4'],
    preferredUnit: 'mL/min/{1.73_m2}',
  },
];

const GROUP_OF = new Map<string, TrendGroup>();
for (const group of TREND_GROUPS) for (const loinc of group.loincs) GROUP_OF.set(loinc, group);

/** The trend group a LOINC code belongs to, if any. */
export function trendGroupOf(loinc: string): TrendGroup | undefined {
  return GROUP_OF.get(loinc.trim());
}

/** Series keys made from a test's name start with this; a LOINC code never does. */
export const NAME_KEY_PREFIX = 'name:';
/** Longer "names" are sentences, not a test's name. */
const MAX_NAME_KEY = 150;

/**
 * The series key of a result the source gave no LOINC code (VA Blue Button text prints none):
 * its name as written, only case and spacing evened out, so "POTASSIUM" in one VA report
 * joins "Potassium" in the next. The specimen, when the source names one, is part of the key:
 * a LOINC code tells urine albumin from serum albumin, and without one only the specimen
 * does. No code is guessed from a name.
 */
export function nameKey(title: string | undefined, specimen?: string): string | undefined {
  const name = evenOut(title);
  if (!name || name.length > MAX_NAME_KEY) return undefined;
  const where = evenOut(specimen);
  return `${NAME_KEY_PREFIX}${name}${where && where.length <= MAX_SPECIMEN ? `${SPECIMEN_MARK}${where}` : ''}`;
}

const SPECIMEN_MARK = ' | ';
const MAX_SPECIMEN = 60;

function evenOut(text: string | undefined): string | undefined {
  return text?.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase() || undefined;
}

/** The specimen a name key names ("urine"), as evened out for the key. */
export function specimenOfKey(key: string): string | undefined {
  if (!isNameKey(key)) return undefined;
  const at = key.lastIndexOf(SPECIMEN_MARK);
  return at < 0 ? undefined : key.slice(at + SPECIMEN_MARK.length);
}

/** Whether a series key is a name key (nameKey) rather than a LOINC code. */
export function isNameKey(key: string): boolean {
  return key.startsWith(NAME_KEY_PREFIX);
}

/** What trendKeysOf reads of a draft. */
export type TrendKeyDraft = Pick<RecordDraft, 'codes' | 'title'> & Partial<Pick<RecordDraft, 'kind' | 'status'>> & { details?: Pick<EntryDetails, 'specimen'> };

/**
 * The keys an entry's trend points are filed under: its LOINC codes, or, when it has none,
 * its name and specimen (nameKey); none for a finding the source says is not so. The vault's
 * trend_points and the in-memory trends use this one rule.
 */
export function trendKeysOf(draft: TrendKeyDraft): string[] {
  // A value the source says was not found is no point of any series.
  if (draft.kind && saysNotSo({ kind: draft.kind, status: draft.status })) return [];
  const loincs = loincsOf(draft);
  if (loincs.length > 0) return loincs;
  const key = nameKey(draft.title, draft.details?.specimen);
  return key ? [key] : [];
}

function loincsOf(draft: Pick<RecordDraft, 'codes'>): string[] {
  const loincs: string[] = [];
  for (const code of draft.codes ?? []) {
    const key = codeKey(code);
    if (key?.startsWith('LOINC:') && !loincs.includes(key.slice(6))) loincs.push(key.slice(6));
  }
  return loincs;
}

/** The first of the draft's trend keys (in the draft's order) that is in `wanted`. */
function firstKeyIn(draft: TrendDraft, wanted: ReadonlySet<string>): string | undefined {
  return trendKeysOf(draft).find((key) => wanted.has(key));
}

/** A value's number: the coded one, or text that is nothing but a number. */
function numericValue(draft: TrendDraft): number | undefined {
  const value = draft.value;
  if (!value) return undefined;
  if (typeof value.number === 'number' && Number.isFinite(value.number)) return value.number;
  const text = value.text?.trim();
  return text && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/** The most common unit among the values; ties go to the group's preferred unit, then A–Z. */
function chooseDisplayUnit(units: (string | undefined)[], preferred: string | undefined): string {
  const counts = new Map<string, number>();
  for (const unit of units) if (unit) counts.set(unit, (counts.get(unit) ?? 0) + 1);
  return mostCommonUnit(counts, preferred);
}

function mostCommonUnit(counts: ReadonlyMap<string, number>, preferred: string | undefined): string {
  let best = '';
  let bestCount = 0;
  for (const [unit, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (count > bestCount || (count === bestCount && unit === preferred)) {
      best = unit;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The display unit of a series from how many drawable values each unit as written has (what
 * seriesFromFacts decides from the values themselves).
 */
export function displayUnitOfCounts(unitCounts: Iterable<readonly [string | null, number]>, loinc: string): string {
  const counts = new Map<string, number>();
  for (const [written, n] of unitCounts) {
    const unit = toUcum(written ?? undefined);
    if (unit && n > 0) counts.set(unit, (counts.get(unit) ?? 0) + n);
  }
  return mostCommonUnit(counts, trendGroupOf(loinc)?.preferredUnit);
}

/**
 * convertValue into one display unit for a whole series: the converted number, or why there
 * is none. Whether a unit is the display unit does not depend on the value, so it is settled
 * once per unit string (a series has one or two) rather than per point; only values in another
 * unit go through UCUM (and its cache), and the rest cost no allocation.
 */
function converterTo(displayUnit: string): (value: number, fromUnit: string | undefined, molecularWeight: number | undefined) => number | ConversionFailure {
  const display = toUcum(displayUnit);
  const isDisplayUnit = new Map<string | undefined, boolean>();
  return (value, fromUnit, molecularWeight) => {
    let same = isDisplayUnit.get(fromUnit);
    if (same === undefined) {
      same = toUcum(fromUnit) === display;
      isDisplayUnit.set(fromUnit, same);
    }
    if (same) return value;
    const converted: Conversion = convertValue(value, fromUnit, displayUnit, molecularWeight);
    return converted.ok ? converted.value : converted;
  };
}

/**
 * The series for one test: every entry carrying `loinc` or another code of its trend group,
 * in the most common unit, oldest first.
 */
export function trendSeries(entries: readonly TrendEntry[], loinc: string): TrendSeries {
  const wanted = new Set(seriesLoincs(loinc));
  const facts: TrendFact[] = [];
  for (const entry of entries) {
    const matching = firstKeyIn(entry.draft, wanted);
    if (matching) facts.push({ entryId: entry.id, loinc: matching, sources: entry.sources, ...trendFactFields(entry.draft) });
  }
  return seriesFromFacts(facts, loinc);
}

/** `loinc` and the other codes of its trend group: every key a series draws from (a name key alone). */
export function seriesLoincs(loinc: string): string[] {
  const group = trendGroupOf(loinc);
  return group ? [...group.loincs] : [isNameKey(loinc) ? loinc : loinc.trim()];
}

/**
 * trendSeries from facts: one per entry (under any of the series' codes; codes of one group
 * share their molecular weight, so which one does not matter), in the entries' order.
 */
export function seriesFromFacts(facts: readonly TrendFact[], loinc: string): TrendSeries {
  const group = trendGroupOf(loinc);
  const skipped: UndrawnValue[] = [];
  const usable: { fact: DrawableFact; unit: string | undefined }[] = [];
  for (const fact of facts) {
    const why = undrawnFact(fact);
    if (why) skipped.push(why);
    else usable.push({ fact: fact as DrawableFact, unit: toUcum(fact.unit ?? undefined) });
  }
  const unit = chooseDisplayUnit(
    usable.map((item) => item.unit),
    group?.preferredUnit,
  );
  const pointOf = pointMaker(loinc, unit);
  const points: TrendPoint[] = [];
  for (const { fact } of usable) {
    const made = pointOf(fact);
    if ('reason' in made) skipped.push(made);
    else points.push(made);
  }
  points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.entryId - b.entryId));
  sortUndrawn(skipped);
  return {
    ...seriesHead(loinc, unit, latestTitle(usable.map((item) => item.fact))),
    points,
    referenceBands: referenceBands(points),
    skipped,
  };
}

/** A fact with a date and a number: one that can be drawn if its unit allows. */
export type DrawableFact = TrendFact & { date: string; number: number };

/** Undated ones last: a person reads the list beside the chart, oldest first. */
export function sortUndrawn(skipped: UndrawnValue[]): UndrawnValue[] {
  return skipped.sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || a.entryId - b.entryId);
}

/** Why a fact cannot be drawn whatever the unit (no date, no number), or undefined when it can. */
export function undrawnFact(fact: TrendFact): UndrawnValue | undefined {
  if (!fact.date) return undrawn(fact, 'no-date', 'It has no date, so it cannot be placed on the chart.');
  if (fact.number === null) {
    const text = fact.valueText?.trim();
    return text ? undrawn(fact, 'not-a-number', `Its value "${text}" is not a plain number.`) : undrawn(fact, 'no-value', 'It has no numeric value.');
  }
  return undefined;
}

/** What a series says of itself beside its points: its key, codes, title and unit. */
export function seriesHead(loinc: string, unit: string, latestTitleOfValues: string | undefined): Omit<TrendSeries, 'points' | 'referenceBands' | 'skipped'> {
  const group = trendGroupOf(loinc);
  const byName = isNameKey(loinc);
  return {
    code: byName ? loinc : loinc.trim(),
    loincs: byName ? [] : seriesLoincs(loinc),
    byName,
    ...(specimenOfKey(loinc) ? { specimen: specimenOfKey(loinc) } : {}),
    title: group?.title ?? latestTitleOfValues ?? loinc.trim(),
    unit,
    unitLabel: unitLabel(unit),
  };
}

/**
 * How each drawable fact of the series `loinc` becomes a point in the display unit `unit`:
 * converted (with the molecular weight of its code or group), its reference range converted,
 * flagged by the source's code or else the range; or, when its unit does not convert, why
 * it is not drawn.
 */
export function pointMaker(loinc: string, unit: string): (fact: DrawableFact) => TrendPoint | UndrawnValue {
  const loincs = seriesLoincs(loinc);
  const groupWeight = loincs.map((l) => MOLECULAR_WEIGHTS[l]).find((w) => w !== undefined);
  const convert = converterTo(unit);
  // A reference bound in the display unit, when it has one that converts.
  const boundOf = (limit: number | null, fact: TrendFact, weight: number | undefined): number | undefined => {
    if (limit === null) return undefined;
    const converted = unit ? convert(limit, fact.rangeUnit ?? undefined, weight) : limit;
    return typeof converted === 'number' ? converted : undefined;
  };
  return (fact) => {
    const { date, number } = fact;
    const from = toUcum(fact.unit ?? undefined);
    const weight = MOLECULAR_WEIGHTS[fact.loinc] ?? groupWeight;
    const converted = unit ? convert(number, from, weight) : from ? null : number;
    if (converted === null) return undrawn(fact, 'unit-vs-none', `Its unit ${from} cannot be compared with values that have no unit.`);
    if (typeof converted !== 'number') return { ...undrawn(fact, converted.why, converted.reason), displayUnit: unit };
    const low = boundOf(fact.low, fact, weight);
    const high = boundOf(fact.high, fact, weight);
    let readings: TrendPoint['readings'];
    if (fact.readingsCount !== null && fact.readingsMin !== null && fact.readingsMax !== null) {
      // The day's extremes are in the value's own unit, converted like the value.
      const min = unit ? convert(fact.readingsMin, from, weight) : fact.readingsMin;
      const max = unit ? convert(fact.readingsMax, from, weight) : fact.readingsMax;
      if (typeof min === 'number' && typeof max === 'number') readings = { count: fact.readingsCount, min, max };
    }
    // The source's code decides; the range (in the display unit) only when it gave none.
    const coded = flagOfCode(fact.interpretation ?? undefined);
    const flag = coded === 'normal' ? undefined : (coded ?? (high !== undefined && converted > high ? 'high' : low !== undefined && converted < low ? 'low' : undefined));
    // Every point has every field (undefined where there is none, which the wire drops): one
    // object shape keeps the code that builds and sorts thousands of them optimized.
    return {
      entryId: fact.entryId,
      date,
      value: converted,
      originalValue: number,
      originalUnit: fact.unit?.trim() || undefined,
      low,
      high,
      outOfRange: flag !== undefined,
      flag,
      sources: fact.sources,
      readings,
      specimen: FLUID_GLUCOSE_LOINCS.has(fact.loinc) ? 'fluid' : undefined,
    } as TrendPoint;
  };
}

/** A value in `fromUnit` in the series' display unit, or undefined when it does not convert (a conversion keeps order). */
export function valueConverter(loinc: string, unit: string): (value: number, fromUnit: string | null, code: string) => number | undefined {
  const groupWeight = seriesLoincs(loinc).map((l) => MOLECULAR_WEIGHTS[l]).find((w) => w !== undefined);
  const convert = converterTo(unit);
  return (value, fromUnit, code) => {
    const from = toUcum(fromUnit ?? undefined);
    const converted = unit ? convert(value, from, MOLECULAR_WEIGHTS[code] ?? groupWeight) : from ? null : value;
    return typeof converted === 'number' ? converted : undefined;
  };
}

/** A value that is not drawn: what the source wrote, where and when, and why. */
function undrawn(fact: TrendFact, why: UndrawnWhy, reason: string): UndrawnValue {
  const value = fact.valueText?.trim() || (fact.number === null ? undefined : String(fact.number));
  const unit = fact.unit?.trim();
  return {
    entryId: fact.entryId,
    reason,
    why,
    ...(fact.date ? { date: fact.date } : {}),
    ...(value ? { value } : {}),
    ...(unit ? { unit } : {}),
    sources: fact.sources,
  };
}

function latestTitle(facts: readonly TrendFact[]): string | undefined {
  let best: { date: string; title: string } | undefined;
  for (const fact of facts) {
    const date = fact.date ?? '';
    if (fact.title && (!best || date > best.date)) best = { date, title: fact.title };
  }
  return best?.title;
}

/** Consecutive points with the same range form one band; points without a range are ignored. */
export function referenceBands(points: readonly TrendPoint[]): ReferenceBand[] {
  const bands: ReferenceBand[] = [];
  let current: ReferenceBand | undefined;
  for (const point of points) {
    if (point.low === undefined && point.high === undefined) continue;
    if (current && current.low === point.low && current.high === point.high) {
      current.to = point.date;
      continue;
    }
    current = { from: point.date, to: point.date };
    if (point.low !== undefined) current.low = point.low;
    if (point.high !== undefined) current.high = point.high;
    bands.push(current);
  }
  return bands;
}

// Whole blood-pressure readings ("120/80") coded as the panel rather than as components.
const BP_PANEL_LOINCS = new Set(['85354-9', '55284-4']);
const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';

/**
 * Systolic and diastolic series for one chart. Readings recorded only as a panel with a
 * text value "120/80" are split into the two series, unless a component reading already
 * exists at the same time.
 */
export function bloodPressureSeries(entries: readonly TrendEntry[]): { systolic: TrendSeries; diastolic: TrendSeries } {
  const componentTimes = new Set<string>();
  for (const entry of entries) {
    const loincs = loincsOf(entry.draft);
    if (loincs.includes(SYSTOLIC) || loincs.includes(DIASTOLIC)) componentTimes.add(sortDate(entry.draft) ?? '');
  }
  const systolic: TrendEntry[] = [];
  const diastolic: TrendEntry[] = [];
  for (const entry of entries) {
    const loincs = loincsOf(entry.draft);
    if (!loincs.some((code) => BP_PANEL_LOINCS.has(code))) {
      systolic.push(entry);
      diastolic.push(entry);
      continue;
    }
    const reading = /^\s*(\d{2,3})\s*\/\s*(\d{2,3})\b/.exec(entry.draft.value?.text ?? '');
    const date = sortDate(entry.draft);
    if (!reading || !date || componentTimes.has(date)) continue;
    const split = (code: string, value: string): TrendEntry => ({
      id: entry.id,
      sources: entry.sources,
      draft: {
        ...entry.draft,
        codes: [{ system: 'LOINC', code }],
        value: { number: Number(value), text: value, unit: 'mm[Hg]' },
        referenceRange: undefined,
      },
    });
    systolic.push(split(SYSTOLIC, reading[1] ?? ''));
    diastolic.push(split(DIASTOLIC, reading[2] ?? ''));
  }
  return { systolic: trendSeries(systolic, SYSTOLIC), diastolic: trendSeries(diastolic, DIASTOLIC) };
}

export interface TrendableTest {
  /** A series key to pass to trendSeries: a LOINC code (the group's first for grouped tests) or a name key. */
  code: string;
  title: string;
  /** Grouped by the test's name as the source wrote it: the source gave no LOINC code. */
  byName: boolean;
  /** For a name key with a specimen, the specimen (lower case, as in the key). */
  specimen?: string;
  /** How many dated numeric values there are. */
  count: number;
  latestDate: PartialDate;
  latestValue: number;
  latestUnit?: string;
}

/** Every test with at least one dated numeric value, the most recently measured first. */
export function listTrendableTests(entries: readonly TrendEntry[]): TrendableTest[] {
  const facts: TrendFact[] = [];
  for (const entry of entries) {
    const fields = trendFactFields(entry.draft);
    for (const loinc of trendKeysOf(entry.draft)) facts.push({ entryId: entry.id, loinc, sources: entry.sources, ...fields });
  }
  return trendableTestsFromFacts(facts);
}

/** listTrendableTests from facts: one per entry and series key, in the entries' order. */
export function trendableTestsFromFacts(facts: readonly TrendFact[]): TrendableTest[] {
  const rows = new Map<string, TrendableTest>();
  let entryId: number | undefined;
  // The tests already counted for the current entry: two codes of one group count once.
  const seen = new Set<string>();
  for (const fact of facts) {
    if (fact.entryId !== entryId) {
      entryId = fact.entryId;
      seen.clear();
    }
    if (fact.kind !== 'result' && fact.kind !== 'vital') continue;
    const { number, date } = fact;
    if (number === null || !date) continue;
    const group = trendGroupOf(fact.loinc);
    const code = group?.loincs[0] ?? fact.loinc;
    if (seen.has(code)) continue;
    seen.add(code);
    const row = rows.get(code);
    if (!row) {
      const created: TrendableTest = {
        code,
        title: group?.title ?? (fact.title || fact.loinc),
        byName: isNameKey(code),
        count: 1,
        latestDate: date,
        latestValue: number,
      };
      const specimen = specimenOfKey(code);
      if (specimen) created.specimen = specimen;
      if (fact.unit) created.latestUnit = fact.unit;
      rows.set(code, created);
      continue;
    }
    row.count++;
    if (date > row.latestDate) {
      row.latestDate = date;
      row.latestValue = number;
      if (fact.unit) row.latestUnit = fact.unit;
      else delete row.latestUnit;
      if (!group && fact.title) row.title = fact.title;
    }
  }
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...rows.values()].sort(
    (a, b) =>
      byText(b.latestDate, a.latestDate) ||
      byText(normalizeText(a.title), normalizeText(b.title)) ||
      byText(a.code, b.code),
  );
}
