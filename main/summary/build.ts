// The caregiver's visit packet: one self-contained, printable HTML page built from a profile's
// entries. Pure and deterministic (the printing date is passed in). Every string that comes
// from a record is escaped here, because records come from files we do not trust; the page
// carries no script and loads nothing (see the CSP below).

import type { DoseLine, StoredEntry } from '../records/model.ts';
import { abnormalFlag, diagnosisWords, visitReasonWords, KEPT_DOCUMENT_PROVIDER, UNKNOWN_PROVIDER, asNeededWords, bloodPressureFlags, bloodPressureText, flagOfCode, saysNotSo, FLAG_ICONS, frequencyWords, groupEntries, groupableOf, isCritical, isGlucose, provisionWords, formatQuantity as readableQuantityText, formatRange as readableRange, routeWords, sayTitle, severityWords, shownDose, causeOfDeathWords, familyComment, notSoWords, onsetAgeWords, supplyWords, maxDoseWords, takeForWords, extraInstructionWords, type EntryGroup, type Groupable, type GroupLine, type GlucoseUnit, type ReadingOptions, type UnitSystem } from '../records/readable/index.ts';
import { ageOn, dateParts, escapeHtml, formatPartialDate } from './format.ts';
import { CURRENT_KINDS, type CurrentReading } from '../records/current.ts';
import { correctedFields, hiddenBecause, isHiddenByPerson, withCorrections, type CorrectedField } from '../records/readable/personal.ts';
import {
  currentItems,
  isGivenImmunization,
  newestFirst,
  recentOfKind,
  isChosen,
  rangeAsRead,
  recentResultSeries,
  trendBetween,
  valueAsRead,
  type CurrentItems,
  type Recent,
  type ResultSeries,
  type Trend,
} from './select.ts';
import { dueBucket, dueFrom } from '../immunizations/notices.ts';
import type { ImmunizationGroupForecast } from '../immunizations/types.ts';
import { sparklineSvg } from './sparkline.ts';
import { stringsFor, SUMMARY_LANGUAGES, type SummaryLanguage, type SummaryStrings } from './strings.ts';
import { PAPER_SIZES, summaryCss, type PaperSize } from './style.ts';

export const SUMMARY_SECTIONS = [
  'medications',
  'allergies',
  'problems',
  'results',
  'immunizations',
  'vaccinesDue',
  'encounters',
  'procedures',
  'familyHistory',
  'questions',
  'notes',
  'education',
] as const;
export type SummarySection = (typeof SUMMARY_SECTIONS)[number];

/** Which sections the user ticked. */
export type SectionChoice = Readonly<Record<SummarySection, boolean>>;

export const DEFAULT_SECTIONS: SectionChoice = Object.freeze({
  medications: true,
  allergies: true,
  problems: true,
  results: true,
  immunizations: true,
  // Optional (issue #18): the forecast is a calculation, not something a source said.
  vaccinesDue: false,
  encounters: true,
  procedures: true,
  // Optional: the relatives' conditions matter most to a new clinician, and make the packet longer.
  familyHistory: false,
  questions: true,
  notes: true,
  education: true,
});

export interface EducationLink {
  /** The entry the link is about. */
  entryId: number;
  title: string;
  /** Only https links on medlineplus.gov are printed; anything else is left out. */
  url: string;
}

export interface VisitSummaryInput {
  person: { name: string; birthDate?: string; sex?: string };
  preparedBy?: string;
  /** YYYY-MM-DD; the caller passes today's date so the builder never reads the clock. */
  printedOn: string;
  language: SummaryLanguage;
  /** Weights, temperatures and lengths in US or metric units (the app's setting); US when absent. */
  units?: UnitSystem;
  /** The unit glucose is read in (the app's setting); "auto" (each value as written) when absent. */
  glucoseUnit?: GlucoseUnit;
  paper: PaperSize;
  sections: SectionChoice;
  /** The profile's entries (one person only). */
  entries: StoredEntry[];
  /** LOINC codes of the tests to draw small charts for. */
  chosenTrendTests?: string[];
  questions: string[];
  /** The note typed on the visit summary screen for the clinician: printed whenever written. */
  notesForClinician?: string;
  /** Notes kept in the record for the clinician (`notes add --for-clinician`): printed whenever there is one. */
  clinicianNotes?: SummaryNote[];
  /** The person's own notes, printed in the "My notes" section when it is ticked. */
  myNotes?: SummaryNote[];
  /**
   * Items the person chose to leave out (ids as `summaryItems` lists them). Allergies are never
   * left out; each section says how many of its items were.
   */
  excludedEntryIds?: readonly number[];
  education?: EducationLink[];
  /** The forecast by CDC's schedule for the vaccinesDue section; null when the profile has no full birth date, absent when not calculated. */
  vaccinesDue?: SummaryVaccinesDue | null;
}

export interface SummaryVaccinesDue {
  supportingData: string;
  /** YYYY-MM-DD: the day it was calculated for. */
  assessmentDate: string;
  groups: readonly ImmunizationGroupForecast[];
  /** CDC's titles of the observations the person confirmed or added (the forecast used them). */
  conditions: readonly string[];
}

export interface SummaryNote {
  id: number;
  text: string;
  date?: string;
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const TREND_ARROWS: Record<Trend, string> = { up: '↑', down: '↓', same: '→' };

export class InvalidSummaryInputError extends Error {
  override name = 'InvalidSummaryInputError';
}

// The contract's schema checks these too; the builder re-checks what it writes into markup.
function assertValidInput(input: VisitSummaryInput): void {
  const parts = /^\d{4}-\d{2}-\d{2}$/.test(input.printedOn) ? dateParts(input.printedOn) : undefined;
  if (!parts?.day) {
    throw new InvalidSummaryInputError('The printing date of the visit summary must be a date written as YYYY-MM-DD.');
  }
  if (!(SUMMARY_LANGUAGES as readonly string[]).includes(input.language)) {
    throw new InvalidSummaryInputError('The visit summary can only be printed in English (en) or Spanish (es).');
  }
  if (!(PAPER_SIZES as readonly string[]).includes(input.paper)) {
    throw new InvalidSummaryInputError('The visit summary can only be printed on A4 or Letter paper.');
  }
}

const SECTION_RENDERERS: Record<SummarySection, (ctx: Context) => string> = {
  medications: medicationsSection,
  allergies: allergiesSection,
  problems: problemsSection,
  results: resultsSection,
  immunizations: immunizationsSection,
  vaccinesDue: vaccinesDueSection,
  encounters: encountersSection,
  procedures: proceduresSection,
  familyHistory: familyHistorySection,
  questions: questionsSection,
  notes: notesSection,
  education: educationSection,
};

/** Builds the visit packet as one HTML document. */
export function buildVisitSummaryHtml(input: VisitSummaryInput): string {
  assertValidInput(input);
  const s = stringsFor(input.language);
  // What the person said is wrong or hid is not printed; their corrections of a current
  // medication, problem or allergy are printed in place of the source's values, labelled.
  const corrections = new Map<number, CorrectedField[]>();
  const entries = input.entries
    .filter((entry) => !isHiddenByPerson(entry))
    .map((entry) => {
      if (!(CURRENT_KINDS as readonly string[]).includes(entry.kind)) return entry;
      const fields = correctedFields(entry);
      if (fields.length === 0) return entry;
      corrections.set(entry.id, fields);
      return withCorrections(entry);
    });
  // An allergy is never left out silently: the packet names those the person hid or said are wrong.
  const allergiesLeftOut = input.entries.filter((entry) => entry.kind === 'allergy' && isHiddenByPerson(entry));
  const ctx: Context = {
    input: { ...input, entries },
    corrections,
    allergiesLeftOut,
    s,
    date: (d) => escapeHtml(formatPartialDate(d, s.locale)),
    reading: { locale: s.locale, units: input.units ?? 'us', glucose: input.glucoseUnit ?? 'auto' },
    collator: new Intl.Collator(s.locale, { sensitivity: 'base', numeric: true }),
    excluded: new Set(input.excludedEntryIds ?? []),
  };

  const sections = SUMMARY_SECTIONS.filter((name) => input.sections[name] === true).map((name) =>
    SECTION_RENDERERS[name](ctx),
  );

  const title = input.person.name.trim() ? `${input.person.name.trim()} — ${s.documentTitle}` : s.documentTitle;
  return [
    '<!DOCTYPE html>',
    `<html lang="${input.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${summaryCss(input.paper)}</style>`,
    '</head>',
    '<body>',
    headerBlock(ctx),
    '<main>',
    clinicianNotesBlock(ctx),
    directivesBlock(ctx),
    ...sections.filter((html) => html !== ''),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

interface Context {
  input: VisitSummaryInput;
  /** The fields the person corrected, by entry, with the source's values. */
  corrections: ReadonlyMap<number, CorrectedField[]>;
  /** Allergies a source lists that the person hid or said are wrong (named, not listed). */
  allergiesLeftOut: readonly StoredEntry[];
  s: SummaryStrings;
  /** A localized, escaped date. */
  date: (d: string | undefined) => string;
  reading: ReadingOptions;
  collator: Intl.Collator;
  /** Entry ids the person chose to leave out. */
  excluded: ReadonlySet<number>;
}

// ---- small HTML helpers ----------------------------------------------------------------

const e = escapeHtml;

/** `note` is escaped HTML shown small beside the heading. */
function section(name: SummarySection, heading: string, body: string, note = ''): string {
  const aside = note ? ` <span class="heading-note">${note}</span>` : '';
  return `<section data-section="${name}"><h2>${e(heading)}${aside}</h2>\n${body}\n</section>`;
}

/** A table of already-escaped cells; `cellClasses[i]` styles column i. */
function table(className: string, headings: string[], rows: string[][], cellClasses: string[] = []): string {
  const head = headings.map((h) => `<th scope="col">${e(h)}</th>`).join('');
  const cell = (html: string, i: number) => {
    const cls = cellClasses[i];
    return cls ? `<td class="${cls}">${html}</td>` : `<td>${html}</td>`;
  };
  const body = rows.map((cells) => `<tr>${cells.map(cell).join('')}</tr>`).join('\n');
  return `<table class="${className}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** "2 left out by the person who printed this", or '' when nothing was. */
function leftOutNote(ctx: Context, count: number): string {
  return count > 0 ? e(ctx.s.leftOut(count)) : '';
}

/** Keeps the items the person did not leave out, and says how many were. */
function chosen<T>(ctx: Context, items: readonly T[], idOf: (item: T) => number): { kept: T[]; left: number } {
  const kept = items.filter((item) => !ctx.excluded.has(idOf(item)));
  return { kept, left: items.length - kept.length };
}

function joinNotes(...notes: string[]): string {
  return notes.filter(Boolean).join(' · ');
}

function none(text: string): string {
  return `<p class="none">${e(text)}</p>`;
}

function mostRecentNote<T>(ctx: Context, recent: Recent<T>): string {
  return recent.total > recent.shown.length ? e(ctx.s.showingMostRecent(recent.shown.length, recent.total)) : '';
}

function clean(text: string | undefined): string {
  return (text ?? '').trim();
}

/** An entry's title in the packet's language when Chartkeeper wrote it ("Heart rate"); a source's as written. */
function said(ctx: Context, title: string | undefined): string {
  return sayTitle(clean(title), ctx.input.language);
}

// ---- header ----------------------------------------------------------------------------

export function sexLabel(s: SummaryStrings, sex: string): string {
  const key = sex.trim().toLowerCase();
  if (key === 'f' || key === 'female') return s.sexFemale;
  if (key === 'm' || key === 'male') return s.sexMale;
  if (key === 'o' || key === 'other') return s.sexOther;
  return sex.trim();
}

function headerBlock(ctx: Context): string {
  const { input, s } = ctx;
  const facts: string[] = [];
  const birthDate = clean(input.person.birthDate);
  if (birthDate) {
    const age = ageOn(birthDate, input.printedOn);
    const ageText = age === undefined ? '' : ` (${e(s.age(age))})`;
    facts.push(`<span data-fact="birth-date"><b>${e(s.dateOfBirth)}:</b> ${ctx.date(birthDate)}${ageText}</span>`);
  }
  const sex = clean(input.person.sex);
  if (sex) facts.push(`<span data-fact="sex"><b>${e(s.sex)}:</b> ${e(sexLabel(s, sex))}</span>`);
  facts.push(`<span data-fact="printed-on"><b>${e(s.printedOn)}:</b> ${ctx.date(input.printedOn)}</span>`);
  const preparedBy = clean(input.preparedBy);
  if (preparedBy) facts.push(`<span data-fact="prepared-by"><b>${e(s.preparedBy)}:</b> ${e(preparedBy)}</span>`);
  return [
    '<header class="packet-header">',
    `<div class="title-line"><h1>${e(clean(input.person.name))}</h1><p class="packet-kind">${e(s.heading)}</p></div>`,
    `<div class="facts">${facts.join('')}</div>`,
    `<p class="disclaimer">${e(s.disclaimer)}</p>`,
    '</header>',
  ].join('\n');
}

// ---- clinical sections -----------------------------------------------------------------

/** "last listed DATE by SOURCE" for an item the current-rule kept, unescaped; '' when unknown. */
function lastListedText(ctx: Context, reading: CurrentReading): string {
  const by = reading.decidedBy;
  if (!by || (!by.provider && !by.manual)) return '';
  if (by.personal) return ctx.s.saidByPatient(formatPartialDate(by.personal.date, ctx.s.locale));
  const provider = by.manual ? ctx.s.enteredByHand : providerWords(ctx.s, by.provider);
  return by.date ? ctx.s.lastListed(formatPartialDate(by.date, ctx.s.locale), provider) : ctx.s.lastListedUndated(provider);
}

/** A provider's name as the packet says it: the names Chartkeeper itself gives are words of the packet's language. */
function providerWords(s: SummaryStrings, name: string | undefined): string {
  if (name === UNKNOWN_PROVIDER) return s.unknownProvider;
  if (name === KEPT_DOCUMENT_PROVIDER) return s.keptProvider;
  return name ?? '';
}

/**
 * Where the items of a list were last listed: said once beside the heading when one source
 * listed them all on one day (the usual case, and it keeps the packet short), else per item.
 */
function listedOnce(ctx: Context, items: readonly { reading: CurrentReading }[]): string | undefined {
  const texts = new Set(items.map((i) => lastListedText(ctx, i.reading)));
  const [only] = texts;
  return texts.size === 1 && only ? only : undefined;
}

function lastListed(ctx: Context, reading: CurrentReading, shared: string | undefined): string {
  if (shared !== undefined) return '';
  const text = lastListedText(ctx, reading);
  return text ? `<span class="last-listed">${e(text)}</span>` : '';
}

/** What the source said of a corrected field, as the packet writes that field elsewhere. */
function sourceText(ctx: Context, f: CorrectedField): string {
  if (f.field === 'start' || f.field === 'end') return formatPartialDate(f.source, ctx.s.locale);
  if (f.field === 'asNeeded') return f.source === 'yes' || f.source === 'no' ? ctx.s.yesNo[f.source] : f.source;
  return f.field === 'frequency' ? frequencyWords(f.source, ctx.input.language) : f.source;
}

/** "corrected by the patient or caregiver (the source says: …)" for an item they corrected; escaped HTML. */
function correctionNote(ctx: Context, entryId: number): string {
  const fields = ctx.corrections.get(entryId);
  if (!fields) return '';
  const said = fields.map((f) => `${ctx.s.correctedField[f.field]}: ${sourceText(ctx, f) || '—'}`).join('; ');
  return `<span class="last-listed">${e(ctx.s.correctedByPatient(said))}</span>`;
}

function medicationsTable(ctx: Context, items: CurrentItems['confirmed'], shared: string | undefined): string {
  const { s } = ctx;
  const language = ctx.input.language;
  const every = (text: string | undefined) => frequencyWords(clean(text), language);
  const cells = (line: DoseLine, howOften: string) => [clean(shownDose(line.dose)), clean(routeWords(line.route, language)), howOften].map(e);
  const rows = items.map(({ entry: m, reading }) => {
    const instructions = clean(m.details.instructions);
    // The supply is the prescription's, not one dosage's: said once, under the name.
    const supply = clean(supplyWords(m.details, language));
    const name =
      e(said(ctx, m.title)) +
      (instructions ? `<span class="med-instructions">${e(instructions)}</span>` : '') +
      (supply ? `<span class="med-supply">${e(supply)}</span>` : '') +
      lastListed(ctx, reading, shared) +
      correctionNote(ctx, m.id);
    const howOften = [every(m.details.frequency), clean(asNeededWords(m.details, language))].filter(Boolean).join('; ');
    const lines = m.details.moreDoses ?? [];
    const dosages = [{ cells: cells(m.details, howOften), extras: dosageExtras(m.details, language) }, ...lines.map((l) => ({ cells: cells(l, every(l.frequency)), extras: dosageExtras(l, language) }))];
    if (dosages.length === 1 && !dosages[0]!.extras) return `<tr><td class="med-name">${name}</td>${dosages[0]!.cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
    // Each dosage on a row of its own beside the one name, in the source's order, so a dose reads
    // across to its own route and how often however the words wrap (— where a dosage gives none);
    // a dosage's extras on a line right under its own row, across the three columns.
    const dash = (c: string) => (dosages.length > 1 ? c || '—' : c);
    const rowCount = dosages.length + dosages.filter((d) => d.extras).length;
    const trs: string[] = [];
    dosages.forEach(({ cells: dosage, extras }, i) => {
      const then = i < dosages.length - 1;
      const doseClasses = [i > 0 ? 'more-dose' : '', then && !extras ? 'dose-then' : '', extras ? 'with-extras' : ''].filter(Boolean);
      const head = i === 0 ? `<td class="med-name" rowspan="${rowCount}">${name}</td>` : '';
      trs.push(`<tr${doseClasses.length ? ` class="${doseClasses.join(' ')}"` : ''}>${head}${dosage.map((c) => `<td>${dash(c)}</td>`).join('')}</tr>`);
      if (extras) trs.push(`<tr class="dose-extras${then ? ' dose-then' : ''}"><td colspan="3">${extras}</td></tr>`);
    });
    return trs.join('\n');
  });
  const head = [s.medication, s.dose, s.route, s.frequency].map((h) => `<th scope="col">${e(h)}</th>`).join('');
  return `<table class="meds"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/**
 * What a dosage says beyond dose, route and how often, in the entry view's order and words
 * (readable/dosage-extras.ts): the extra instruction, the most to take and how long, as escaped
 * HTML; undefined when it says none. How it goes in (`method`, "Swallow") is left to the entry
 * view: the route is already printed, and sources write it as a long SNOMED name ("Swallow -
 * dosing instruction imperative (qualifier value)") that would crowd the list. Each part is a
 * box of its own, so a line wraps between parts ("No more than 4 capsule a day" is not cut after
 * "4"), with the " ·" that separates them kept at the end of a line rather than starting the next.
 */
function dosageExtras(line: DoseLine, language: SummaryLanguage): string | undefined {
  const parts = [extraInstructionWords(line), maxDoseWords(line.maxDosePerPeriod, language), takeForWords(line.takeFor, language)]
    .map(clean)
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  return parts.map((part, i) => `<span class="dose-extra">${e(part)}${i < parts.length - 1 ? ' ·' : ''}</span>`).join(' ');
}

/** Items still current by their newest source but unconfirmed for a year: printed apart, never dropped. */
function unconfirmedBlock(ctx: Context, html: string): string {
  return `<h3 class="unconfirmed">${e(ctx.s.notConfirmedForAYear)}</h3>\n${html}`;
}

/**
 * A medications or problems section: the items confirmed within the year, then those current
 * by their newest source but unconfirmed for a year, apart and never dropped.
 */
function currentSection(
  ctx: Context,
  name: 'medications' | 'problems',
  kind: 'medication' | 'problem',
  render: (ctx: Context, items: CurrentItems['confirmed'], shared: string | undefined) => string,
): string {
  const { s } = ctx;
  const heading = name === 'medications' ? s.medications : s.problems;
  const all = currentItems(ctx.input.entries, kind, ctx.input.printedOn, ctx.collator);
  const confirmed = chosen(ctx, all.confirmed, (i) => i.entry.id);
  const unconfirmed = chosen(ctx, all.unconfirmed, (i) => i.entry.id);
  const left = leftOutNote(ctx, confirmed.left + unconfirmed.left);
  if (confirmed.kept.length + unconfirmed.kept.length === 0) return section(name, heading, none(s.noneRecorded), left);
  const shared = listedOnce(ctx, [...confirmed.kept, ...unconfirmed.kept]);
  const parts = [confirmed.kept.length > 0 ? render(ctx, confirmed.kept, shared) : none(s.noneConfirmedThisYear)];
  if (unconfirmed.kept.length > 0) parts.push(unconfirmedBlock(ctx, render(ctx, unconfirmed.kept, shared)));
  return section(name, heading, parts.join('\n'), joinNotes(shared ? e(shared) : '', left));
}

function medicationsSection(ctx: Context): string {
  return currentSection(ctx, 'medications', 'medication', medicationsTable);
}

function allergiesSection(ctx: Context): string {
  const { s } = ctx;
  // Every allergy any source still lists as active, confirmed lately or not: never dropped.
  const items = currentItems(ctx.input.entries, 'allergy', ctx.input.printedOn, ctx.collator);
  const all = [...items.confirmed, ...items.unconfirmed].sort((a, b) => ctx.collator.compare(a.entry.title, b.entry.title) || a.entry.id - b.entry.id);
  const leftOut = allergiesLeftOutNote(ctx);
  if (all.length === 0) return section('allergies', s.allergies, none(s.noneRecordedAllergies) + leftOut);
  const shared = listedOnce(ctx, all);
  const rows = all.map(({ entry: a, reading }) => [
    `<b>${e(clean(a.details.substance) || said(ctx, a.title))}</b>${lastListed(ctx, reading, shared)}${correctionNote(ctx, a.id)}`,
    e((a.details.reactions ?? []).map((r) => r.trim()).filter(Boolean).join(', ')),
    e(clean(severityWords(a.details.severity, ctx.input.language))),
  ]);
  return section('allergies', s.allergies, table('allergies', [s.substance, s.reactions, s.severity], rows) + leftOut, shared ? e(shared) : '');
}

/** "Not listed because the patient or caregiver said it is wrong: Penicillin G." per reason; escaped HTML. */
function allergiesLeftOutNote(ctx: Context): string {
  const names = (why: 'wrong' | 'hidden') =>
    ctx.allergiesLeftOut
      .filter((a) => hiddenBecause(a)?.kind === why)
      .map((a) => clean(a.details.substance) || said(ctx, a.title))
      .sort(ctx.collator.compare);
  return (['wrong', 'hidden'] as const)
    .map((why) => [why, names(why)] as const)
    .filter(([, list]) => list.length > 0)
    .map(([why, list]) => `<p class="none">${e(ctx.s.allergiesLeftOut(why, list.join(', ')))}</p>`)
    .join('');
}

function problemItems(ctx: Context, items: CurrentItems['confirmed'], shared: string | undefined): string {
  const { s } = ctx;
  const lis = items.map(({ entry: p, reading }) => {
    const since = p.start ? ` <span class="muted">(${e(s.since.toLowerCase())} ${ctx.date(p.start)})</span>` : '';
    return `<li>${e(said(ctx, p.title))}${since}${lastListed(ctx, reading, shared)}${correctionNote(ctx, p.id)}</li>`;
  });
  return `<ul class="columns">\n${lis.join('\n')}\n</ul>`;
}

function problemsSection(ctx: Context): string {
  return currentSection(ctx, 'problems', 'problem', problemItems);
}

/** An entry's value as the reader reads it (glucose, by its code, in the glucose unit chosen). */
function formatValue(ctx: Context, entry: Pick<StoredEntry, 'value' | 'codes'> | undefined): string {
  return readableQuantityText(entry?.value, ctx.reading, { glucose: isGlucose(entry?.codes) });
}

/**
 * The result's flag in the one vocabulary (icon and word; colour only adds to them). A code
 * Chartkeeper does not know is printed as the source wrote it rather than dropped.
 */
function flagHtml(ctx: Context, entry: StoredEntry): string {
  const reading = abnormalFlag(entry);
  if (reading) {
    const kind = isCritical(reading.flag) ? 'critical' : 'abnormal';
    return ` <span class="flag flag-${kind}"><span aria-hidden="true">${FLAG_ICONS[reading.flag]}</span> ${e(ctx.s.flags[reading.flag])}</span>`;
  }
  const code = clean(entry.interpretation);
  return code && flagOfCode(code) === undefined ? ` <span class="flag">(${e(code)})</span>` : '';
}

function trendWord(s: SummaryStrings, trend: Trend): string {
  return trend === 'up' ? s.trendUp : trend === 'down' ? s.trendDown : s.trendSame;
}

function chartFor(ctx: Context, series: ResultSeries, chosen: ReadonlySet<string>): string {
  if (!isChosen(series, chosen)) return '';
  // Only values comparable with the latest one (a number in the same unit as they read) go on the chart.
  const glucose = ctx.reading.glucose ?? 'auto';
  const latest = valueAsRead(series.latest, glucose);
  const comparable = series.entries.filter((entry) => trendBetween(valueAsRead(entry, glucose), latest) !== undefined);
  const values = comparable.map((entry) => valueAsRead(entry, glucose)?.number ?? Number.NaN);
  const label = ctx.s.chartLabel(said(ctx, series.title), comparable.map((entry) => formatValue(ctx, entry)).join(', '));
  return sparklineSvg(values, rangeAsRead(series.latest, glucose), label);
}

/** A result series as the grouping module sees it: its latest value, with its panel and day. */
function seriesGroupable(series: ResultSeries): Groupable & { series: ResultSeries } {
  return { ...groupableOf(series.latest), series };
}

function entryGroupable(entry: StoredEntry): Groupable & { entry: StoredEntry } {
  return { ...groupableOf(entry), entry };
}

/** The vital signs of the newest day that has any, a blood pressure as one line (readable/groups.ts). */
export function latestVitals(entries: readonly StoredEntry[]): EntryGroup<Groupable & { entry: StoredEntry }> | undefined {
  const vitals = entries.filter((e) => e.kind === 'vital' && (e.start ?? e.end) && (e.status ?? '').toLowerCase() !== 'cancelled' && !saysNotSo(e)).sort(newestFirst);
  const newest = vitals[0];
  if (!newest) return undefined;
  const day = (newest.start ?? newest.end ?? '').slice(0, 10);
  return groupEntries(vitals.filter((v) => (v.start ?? v.end ?? '').slice(0, 10) === day).map(entryGroupable))[0];
}

/** The id a vital-sign line is chosen by: the entry's, or a blood pressure's systolic value's. */
function lineId(line: GroupLine<Groupable & { entry: StoredEntry }>): number {
  return line.type === 'entry' ? line.entry.id : line.systolic.id;
}

/** The latest vital signs on one line each ("Blood pressure 145/88 mmHg · Heart rate 80 /min"), kept short. */
function vitalsTable(ctx: Context): { html: string; left: number } {
  const { s } = ctx;
  const group = latestVitals(ctx.input.entries);
  if (!group) return { html: '', left: 0 };
  const { kept, left } = chosen(ctx, group.lines, lineId);
  if (kept.length === 0) return { html: '', left };
  const items = kept.map((line) => {
    if (line.type === 'entry') return `<b>${e(said(ctx, line.entry.title))}</b> ${e(formatValue(ctx, line.entry.entry))}${flagHtml(ctx, line.entry.entry)}`;
    const flags = bloodPressureFlags(line.systolic.entry, line.diastolic.entry)
      .map((f) => ` <span class="flag flag-${isCritical(f.flag) ? 'critical' : 'abnormal'}"><span aria-hidden="true">${FLAG_ICONS[f.flag]}</span> ${e(s.flags[f.flag])} (${e(f.part === 'systolic' ? s.systolic : s.diastolic)})</span>`)
      .join('');
    return `<b>${e(s.bloodPressure)}</b> ${e(bloodPressureText(line.systolic, line.diastolic, s.locale))}${flags}`;
  });
  const heading = `<h3 class="vitals-heading">${e(s.vitalSigns)} <span class="muted num">${ctx.date(group.day)}</span></h3>`;
  return { html: `${heading}\n<p class="vitals">${items.map((i) => `<span class="vital">${i}</span>`).join(' · ')}</p>`, left };
}

function resultsSection(ctx: Context): string {
  const { s, input } = ctx;
  const recent = recentResultSeries(input.entries, input.printedOn, input.chosenTrendTests ?? [], ctx.collator, ctx.reading.glucose);
  const picked = chosen(ctx, recent.shown, (series) => series.latest.id);
  const vitals = vitalsTable(ctx);
  const notes = joinNotes(mostRecentNote(ctx, recent), leftOutNote(ctx, picked.left + vitals.left));
  if (picked.kept.length === 0) return section('results', s.results, vitals.html || none(s.noneRecorded), notes);
  const chosenTests = new Set((input.chosenTrendTests ?? []).map((c) => c.trim()));
  const charts = new Map(picked.kept.map((series) => [series, chartFor(ctx, series, chosenTests)]));
  const withCharts = [...charts.values()].some((svg) => svg !== '');
  const columns = withCharts ? 6 : 5;

  const row = (series: ResultSeries) => {
    const latest = series.latest;
    const value = e(formatValue(ctx, latest)) + flagHtml(ctx, latest);
    let trend = '';
    if (series.previous) {
      const arrow = series.trend
        ? `<span class="arrow" role="img" aria-label="${e(trendWord(s, series.trend))}">${TREND_ARROWS[series.trend]}</span> `
        : '';
      trend =
        `${arrow}${e(formatValue(ctx, series.previous))}` +
        ` <span class="muted num">${ctx.date(series.previous.start ?? series.previous.end)}</span>`;
    }
    const cells = [
      `<b>${e(said(ctx, series.title))}</b>`,
      value,
      `<span class="num">${ctx.date(latest.start ?? latest.end)}</span>`,
      trend,
      e(readableRange(latest.referenceRange, ctx.reading, latest.value?.unit, { glucose: isGlucose(latest.codes) })),
    ];
    if (withCharts) cells.push(charts.get(series) ?? '');
    return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  };
  // A lab panel's tests stay together under the panel's name (readable/groups.ts).
  const body = groupEntries(picked.kept.map(seriesGroupable))
    .map((group) => {
      const rows = group.entries.map((g) => row(g.series)).join('\n');
      if (group.type !== 'panel' || group.entries.length < 2) return rows;
      return `<tr class="panel-row"><th colspan="${columns}" scope="rowgroup">${e(group.panel ?? '')} <span class="muted num">${ctx.date(group.day)}</span></th></tr>\n${rows}`;
    })
    .join('\n');
  const headings = [s.test, s.lastValue, s.date, `${s.trend} (${s.previous.toLowerCase()})`, s.referenceRange];
  if (withCharts) headings.push(s.chart);
  const head = headings.map((h) => `<th scope="col">${e(h)}</th>`).join('');
  const results = `<table class="results"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
  return section('results', s.results, [results, vitals.html].filter(Boolean).join('\n'), notes);
}

/** The doses of each vaccine (by its first code, else its name), newest first; vaccines by their newest dose. */
export function immunizationGroups(entries: readonly StoredEntry[]): StoredEntry[][] {
  const given = entries.filter((entry) => entry.kind === 'immunization' && isGivenImmunization(entry)).sort(newestFirst);
  const groups = new Map<string, StoredEntry[]>();
  for (const entry of given) {
    const code = entry.codes[0];
    const key = code ? `${code.system}|${code.code}` : `name:${clean(entry.title).toLowerCase()}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return [...groups.values()];
}

function immunizationsSection(ctx: Context): string {
  const { s, input } = ctx;
  const picked = chosen(ctx, immunizationGroups(input.entries), (doses) => doses[0]!.id);
  const left = leftOutNote(ctx, picked.left);
  if (picked.kept.length === 0) return section('immunizations', s.immunizations, none(s.noneRecorded), left);
  const rows = picked.kept.map((doses) => {
    const [latest, ...earlier] = doses;
    const earlierDates = earlier
      .map((d) => ctx.date(d.start ?? d.end))
      .filter((d) => d !== '')
      .slice(0, 5);
    return [
      `<b>${e(said(ctx, latest?.title))}</b>`,
      ctx.date(latest?.start ?? latest?.end),
      earlierDates.join(', ') + (earlier.length > 5 ? ', …' : ''),
    ];
  });
  return section('immunizations', s.immunizations, table('immunizations', [s.vaccine, s.lastGiven, s.earlierDoses], rows), left);
}

const DUE_ORDER = { overdue: 0, due: 1, upcoming: 2 } as const;

/** What is due by CDC's schedule, overdue first; CDC's group names, which a clinician reads as written. */
function vaccinesDueSection(ctx: Context): string {
  const { s, input } = ctx;
  const v = s.vaccinesDue;
  const forecast = input.vaccinesDue;
  // Left out when the caller calculated nothing (the API always does when the section is chosen).
  if (forecast === undefined) return '';
  if (forecast === null) return section('vaccinesDue', v.heading, none(v.noBirthDate));
  const rows = forecast.groups
    .map((group) => ({ group, bucket: dueBucket(group, forecast.assessmentDate) }))
    .filter((r): r is { group: ImmunizationGroupForecast; bucket: 'overdue' | 'due' | 'upcoming' } => r.bucket !== null)
    .sort((a, b) => DUE_ORDER[a.bucket] - DUE_ORDER[b.bucket] || (dueFrom(a.group) ?? '').localeCompare(dueFrom(b.group) ?? '') || a.group.group.localeCompare(b.group.group))
    .map(({ group, bucket }) => [
      `<b>${e(group.group)}</b>`,
      e(v[bucket]),
      e(group.doseNumber ?? ''),
      ctx.date(dueFrom(group) ?? undefined),
      ctx.date(group.pastDue ?? undefined),
    ]);
  const source = `<p class="muted">${e(v.source(forecast.supportingData, formatPartialDate(forecast.assessmentDate, s.locale)))}</p>`;
  const conditions = `<p class="muted">${e(forecast.conditions.length > 0 ? v.conditions(forecast.conditions.join('; ')) : v.noConditions)}</p>`;
  const body = rows.length === 0 ? none(v.nothingDue) : table('vaccines-due', [v.group, v.when, v.dose, v.dueFrom, v.overdueAfter], rows);
  return section('vaccinesDue', v.heading, `${source}\n${conditions}\n${body}`);
}

function encountersSection(ctx: Context): string {
  const { s, input } = ctx;
  const recent = recentOfKind(input.entries, 'encounter', input.printedOn);
  const picked = chosen(ctx, recent.shown, (v) => v.id);
  const notes = joinNotes(mostRecentNote(ctx, recent), leftOutNote(ctx, picked.left));
  if (picked.kept.length === 0) return section('encounters', s.encounters, none(s.noneRecorded), notes);
  const rows = picked.kept.map((v) => {
    const type = clean(v.details.encounterType);
    // Why the person came and what was found, under the visit's name: the page has no room for
    // two more columns, and most visits have neither.
    const reason = visitReasonWords(v.details);
    const diagnoses = diagnosisWords(v.details);
    const what =
      e(said(ctx, v.title)) +
      (type && type !== clean(v.title) ? ` <span class="muted">(${e(type)})</span>` : '') +
      (reason ? `<br><span class="visit-fact">${e(s.visitReason)}: ${e(reason)}</span>` : '') +
      (diagnoses ? `<br><span class="visit-fact">${e(s.visitDiagnoses)}: ${e(diagnoses)}</span>` : '');
    return [
      `<span class="num">${ctx.date(v.start ?? v.end)}</span>`,
      what,
      e(clean(v.details.location)),
      e((v.details.performers ?? []).map((p) => p.trim()).filter(Boolean).join(', ')),
    ];
  });
  return section(
    'encounters',
    s.encounters,
    table('encounters', [s.date, s.encounter, s.place, s.clinicians], rows),
    notes,
  );
}

function proceduresSection(ctx: Context): string {
  const { s, input } = ctx;
  const recent = recentOfKind(input.entries, 'procedure', input.printedOn);
  const picked = chosen(ctx, recent.shown, (p) => p.id);
  const notes = joinNotes(mostRecentNote(ctx, recent), leftOutNote(ctx, picked.left));
  if (picked.kept.length === 0) return section('procedures', s.procedures, none(s.noneRecorded), notes);
  const rows = picked.kept.map((p) => {
    const who = (p.details.performers ?? []).map((x) => x.trim()).filter(Boolean);
    const where = [clean(p.details.location), ...who].filter(Boolean).join(', ');
    // Where on the body and how, in the source's words: "Total hip replacement (Left)".
    const how = [clean(p.details.bodySite), clean(p.details.method)].filter(Boolean).join('; ');
    const what = e(said(ctx, p.title)) + (how ? ` <span class="muted">(${e(how)})</span>` : '');
    return [`<span class="num">${ctx.date(p.start ?? p.end)}</span>`, what, e(where)];
  });
  return section(
    'procedures',
    s.procedures,
    table('procedures', [s.date, s.procedure, s.place], rows),
    notes,
  );
}

/**
 * The relatives' conditions, by relative (as the source named them) and then condition: what
 * the record says of each beside its name (the age it began, that the relative died of it, that
 * the source says it is not so, the source's comment). Every one is printed, however old: a
 * relative's history does not go out of date.
 */
function familyHistorySection(ctx: Context): string {
  const { s, input } = ctx;
  const relativeOf = (entry: StoredEntry) => clean(entry.details.relation);
  const all = familyEntries(input.entries, ctx.collator);
  const picked = chosen(ctx, all, (f) => f.id);
  const notes = leftOutNote(ctx, picked.left);
  if (picked.kept.length === 0) return section('familyHistory', s.familyHistory, none(s.noneRecorded), notes);
  const language = input.language === 'es' ? 'es' : 'en';
  const rows = picked.kept.map((f) => {
    const relative = relativeOf(f);
    const says = [notSoWords(f, language), onsetAgeWords(f.details.onsetAge, language), causeOfDeathWords(f.details, language), clean(familyComment(f.details))].filter(Boolean);
    return [relative ? e(relative) : `<span class="muted">${e(s.relativeNotNamed)}</span>`, e(said(ctx, f.title)), says.map((words) => e(words!)).join('<br>')];
  });
  return section('familyHistory', s.familyHistory, table('family-history', [s.relative, s.condition, s.familyDetails], rows), notes);
}

/** Family history entries in print order: by relative (unnamed last), then by condition. */
function familyEntries(entries: readonly StoredEntry[], collator: Intl.Collator): StoredEntry[] {
  const relative = (entry: StoredEntry) => clean(entry.details.relation) ?? '';
  return entries
    .filter((entry) => entry.kind === 'family')
    .sort((a, b) => {
      const ra = relative(a);
      const rb = relative(b);
      if (!ra !== !rb) return ra ? -1 : 1;
      return collator.compare(ra, rb) || collator.compare(a.title, b.title) || a.id - b.id;
    });
}

// ---- the caregiver's own sections -------------------------------------------------------

function questionsSection(ctx: Context): string {
  const questions = ctx.input.questions.map((q) => q.trim()).filter(Boolean);
  // With no questions typed, leave ruled lines to write on at the visit.
  const body =
    questions.length > 0
      ? `<ol class="questions">\n${questions.map((q) => `<li>${e(q)}</li>`).join('\n')}\n</ol>`
      : `<div class="write-lines">${'<div></div>'.repeat(4)}</div>`;
  return section('questions', ctx.s.questions, body);
}

function noteList(ctx: Context, notes: readonly SummaryNote[], className: string): string {
  const items = notes.map((n) => {
    const date = n.date ? `<span class="muted num">${ctx.date(n.date)}</span> ` : '';
    return `<li>${date}<span class="note-text">${e(n.text.trim())}</span></li>`;
  });
  return `<ul class="${className}">\n${items.join('\n')}\n</ul>`;
}

/** The person's own notes ("My notes"), when the section is ticked. */
function notesSection(ctx: Context): string {
  const picked = chosen(ctx, (ctx.input.myNotes ?? []).filter((n) => clean(n.text)), (n) => n.id);
  if (picked.kept.length === 0) return '';
  return section('notes', ctx.s.myNotes, noteList(ctx, picked.kept, 'my-notes'), leftOutNote(ctx, picked.left));
}

/**
 * What the person wrote for the clinician: the note typed for this summary and the notes kept
 * for the clinician in the record. Printed first whenever there is one, whatever sections are ticked.
 */
function clinicianNotesBlock(ctx: Context): string {
  const typed = clean(ctx.input.notesForClinician);
  const kept = chosen(ctx, (ctx.input.clinicianNotes ?? []).filter((n) => clean(n.text)), (n) => n.id).kept;
  if (!typed && kept.length === 0) return '';
  const parts = [typed ? `<p class="clinician-notes">${e(typed)}</p>` : '', kept.length ? noteList(ctx, kept, 'clinician-notes') : ''];
  return `<section data-section="clinician-notes" class="clinician-block"><h2>${e(ctx.s.notes)}</h2>\n${parts.filter(Boolean).join('\n')}\n</section>`;
}

/**
 * Advance directives (a Do Not Resuscitate order) matter most in a hand-off: printed whenever
 * the record holds one the person has not hidden, whatever sections are ticked, active first.
 */
function directivesBlock(ctx: Context): string {
  const { s } = ctx;
  const order = (status: string | undefined) => (status === 'active' ? 0 : status ? 2 : 1);
  const list = ctx.input.entries
    .filter((entry) => entry.kind === 'directive')
    .sort((a, b) => order(a.status) - order(b.status) || (b.start ?? '').localeCompare(a.start ?? '') || a.id - b.id);
  if (list.length === 0) return '';
  const rows = list.map((d) => [
    `<b>${e(said(ctx, d.title))}</b>`,
    e(clean(provisionWords(d.details, ctx.input.language))),
    ctx.date(d.start),
    e(d.status ? (s.directiveStatuses[d.status] ?? d.status) : ''),
  ]);
  return `<section data-section="directives" class="clinician-block"><h2>${e(s.directives)}</h2>\n${table('directives', [s.directive, s.directiveSays, s.date, s.status], rows)}\n</section>`;
}

// ---- the items a person may choose ------------------------------------------------------

export interface SummaryItem {
  /** The id `excludedEntryIds` takes to leave this item out. */
  id: number;
  title: string;
  date?: string;
}

export type ItemSection = 'clinicianNotes' | 'medications' | 'problems' | 'results' | 'immunizations' | 'encounters' | 'procedures' | 'familyHistory' | 'questions' | 'notes';

/** The person's questions still open: what the questions section prints. */
export function openQuestions(entries: readonly StoredEntry[]): StoredEntry[] {
  return entries.filter((e) => e.kind === 'question' && e.status !== 'completed');
}

/**
 * Every item the summary would print in each section a person may choose from, by the same
 * selection the sections use (allergies are always printed whole, so they are not offered).
 */
export function summaryItems(all: VisitSummaryInput): { section: ItemSection; items: SummaryItem[] }[] {
  // What the person said is wrong or hid is never printed, so it is not offered either.
  const input = { ...all, entries: all.entries.filter((entry) => !isHiddenByPerson(entry)) };
  const s = stringsFor(input.language);
  const collator = new Intl.Collator(s.locale, { sensitivity: 'base', numeric: true });
  const item = (id: number, title: string, date: string | undefined): SummaryItem => ({ id, title: clean(title), ...(date ? { date } : {}) });
  const fromEntry = (entry: StoredEntry) => item(entry.id, entry.title, entry.start ?? entry.end);
  const current = (kind: 'medication' | 'problem') => {
    const all = currentItems(input.entries, kind, input.printedOn, collator);
    return [...all.confirmed, ...all.unconfirmed].map((i) => fromEntry(i.entry));
  };
  const vitals = latestVitals(input.entries);
  const vitalItems = (vitals?.lines ?? []).map((line) =>
    line.type === 'entry' ? fromEntry(line.entry.entry) : item(line.systolic.id, `${s.bloodPressure} ${bloodPressureText(line.systolic, line.diastolic, s.locale)}`, line.systolic.date),
  );
  const results = recentResultSeries(input.entries, input.printedOn, input.chosenTrendTests ?? [], collator, input.glucoseUnit).shown.map((series) => fromEntry(series.latest));
  const notes = (list: SummaryNote[] | undefined) => (list ?? []).filter((n) => clean(n.text)).map((n) => item(n.id, n.text, n.date));
  return [
    { section: 'clinicianNotes', items: notes(input.clinicianNotes) },
    { section: 'medications', items: current('medication') },
    { section: 'problems', items: current('problem') },
    { section: 'results', items: [...results, ...vitalItems] },
    { section: 'immunizations', items: immunizationGroups(input.entries).map((doses) => fromEntry(doses[0]!)) },
    { section: 'encounters', items: recentOfKind(input.entries, 'encounter', input.printedOn).shown.map(fromEntry) },
    { section: 'procedures', items: recentOfKind(input.entries, 'procedure', input.printedOn).shown.map(fromEntry) },
    {
      section: 'familyHistory',
      // Named with the relative, as printed: "Mother: Breast cancer".
      items: familyEntries(input.entries, collator).map((f) => item(f.id, clean(f.details.relation) ? `${clean(f.details.relation)}: ${f.title}` : f.title, undefined)),
    },
    { section: 'questions', items: openQuestions(input.entries).map(fromEntry) },
    { section: 'notes', items: notes(input.myNotes) },
  ];
}

/** The URL when it is an https page on medlineplus.gov; undefined for anything else. */
export function medlinePlusUrl(raw: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return undefined;
  const host = url.hostname.toLowerCase();
  if (host !== 'medlineplus.gov' && !host.endsWith('.medlineplus.gov')) return undefined;
  return url;
}

function educationSection(ctx: Context): string {
  const { s, input } = ctx;
  const titles = new Map(input.entries.map((entry) => [entry.id, said(ctx, entry.title)]));
  const items: string[] = [];
  for (const link of input.education ?? []) {
    const url = medlinePlusUrl(link.url);
    if (!url) continue;
    const about = clean(titles.get(link.entryId));
    const shown = `${url.hostname}${url.pathname}`;
    items.push(
      `<li><a href="${e(url.href)}">${e(clean(link.title) || shown)}</a>` +
        (about ? ` <span class="muted">(${e(s.educationFor)}: ${e(about)})</span>` : '') +
        ` · <span class="muted">${e(shown)}</span> · <span class="attribution">${e(s.medlineplusAttribution)}</span></li>`,
    );
  }
  if (items.length === 0) return '';
  return section('education', s.education, `<ul class="education">\n${items.join('\n')}\n</ul>`);
}
