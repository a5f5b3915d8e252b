// The emergency card: a one-page sheet, or wallet cards to cut out and fold, built as one
// self-contained HTML page printed by the same PDF renderer as the visit summary. Pure and
// deterministic (the printing date is passed in). Every string from a record is escaped; the
// page carries no script and loads nothing. Readable in black and white: nothing is said by
// colour alone.

import type { DoseLine, StoredEntry } from '../records/model.ts';
import { asNeededWords, criticalityWords, frequencyWords, provisionWords, routeWords, severityWords, shownDose } from '../records/readable/index.ts';
import { CONTENT_SECURITY_POLICY, sexLabel } from '../summary/build.ts';
import { ageOn, escapeHtml as e, formatPartialDate } from '../summary/format.ts';
import { stringsFor, SUMMARY_LANGUAGES, type SummaryLanguage, type SummaryStrings } from '../summary/strings.ts';
import { PAGE_MARGINS_MM, PAPER_SIZES, type PaperSize } from '../summary/style.ts';
import type { EmergencyContact } from './contacts.ts';
import { cardContent, type BloodType, type CardContent } from './select.ts';
import { CARD_STRINGS, type CardStrings } from './strings.ts';

export const CARD_LAYOUTS = ['page', 'wallet'] as const;
export type CardLayout = (typeof CARD_LAYOUTS)[number];

/**
 * How tightly the one-page sheet is set. The printer tries each in turn until the sheet fits
 * one page (main/api/card.ts): a long medication list gets smaller type, never fewer lines.
 */
export const CARD_DENSITIES = [0, 1, 2, 3] as const;
export type CardDensity = (typeof CARD_DENSITIES)[number];

export interface EmergencyCardInput {
  person: { name: string; birthDate?: string; sex?: string };
  contacts: readonly EmergencyContact[];
  entries: StoredEntry[];
  /** YYYY-MM-DD: decides what is current, and is printed. */
  printedOn: string;
  language: SummaryLanguage;
  paper: PaperSize;
  layout: CardLayout;
  density?: CardDensity;
}

export class InvalidCardInputError extends Error {
  override name = 'InvalidCardInputError';
}

interface Context {
  s: SummaryStrings;
  c: CardStrings;
  language: SummaryLanguage;
  date: (d: string | undefined) => string;
}

/** One line of a list on the card, as plain text (escaped when written). */
interface CardLine {
  main: string;
  /** Printed after the main text, lighter: dose and frequency, reactions. */
  detail?: string;
}

interface CardSection {
  name: 'allergies' | 'directives' | 'medications' | 'problems' | 'contacts';
  heading: string;
  lines: CardLine[];
  /** Said when the list is empty; a section is never left out. */
  empty: string;
}

export function buildEmergencyCardHtml(input: EmergencyCardInput): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.printedOn)) throw new InvalidCardInputError('The printing date must be written as YYYY-MM-DD.');
  if (!(SUMMARY_LANGUAGES as readonly string[]).includes(input.language)) throw new InvalidCardInputError('The card is printed in English (en) or Spanish (es).');
  if (!(PAPER_SIZES as readonly string[]).includes(input.paper)) throw new InvalidCardInputError('The card is printed on A4 or Letter paper.');
  const s = stringsFor(input.language);
  const ctx: Context = {
    s,
    c: CARD_STRINGS[input.language],
    language: input.language,
    date: (d) => formatPartialDate(d, s.locale),
  };
  const content = cardContent(input.entries, input.printedOn, new Intl.Collator(s.locale, { sensitivity: 'base', numeric: true }));
  const sections = cardSections(ctx, content, input.contacts);
  const body = input.layout === 'wallet' ? walletBody(ctx, input, content.bloodType, sections) : pageBody(ctx, input, content.bloodType, sections);
  const title = `${input.person.name.trim()} — ${input.layout === 'wallet' ? ctx.c.walletTitle : ctx.c.title}`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${input.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${e(title)}</title>`,
    `<style>${cardCss(input.paper)}</style>`,
    '</head>',
    `<body class="${input.layout} density-${input.density ?? 0}">`,
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---- content ---------------------------------------------------------------------------

function clean(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function allergyLine(ctx: Context, a: StoredEntry): CardLine {
  const reactions = (a.details.reactions ?? []).map(clean).filter(Boolean).join(', ');
  const severity = clean(severityWords(a.details.severity, ctx.language));
  const criticality = clean(criticalityWords(a.details.criticality, ctx.language));
  const detail = [reactions, severity, criticality ? `${ctx.c.criticality}: ${criticality}` : ''].filter(Boolean).join(' · ');
  return { main: clean(a.details.substance) || clean(a.title), ...(detail ? { detail } : {}) };
}

function doseWords(ctx: Context, line: DoseLine): string[] {
  return [clean(shownDose(line.dose)), clean(routeWords(line.route, ctx.language)), frequencyWords(clean(line.frequency), ctx.language)];
}

function medicationLine(ctx: Context, m: StoredEntry): CardLine {
  // The first dosage, then each later one in the source's order ("1 tablet …; 0.5 tablet …").
  const detail = [
    [...doseWords(ctx, m.details), clean(asNeededWords(m.details, ctx.language))].filter(Boolean).join(', '),
    ...(m.details.moreDoses ?? []).map((line) => doseWords(ctx, line).filter(Boolean).join(', ')),
  ]
    .filter(Boolean)
    .join('; ');
  return { main: clean(m.title), ...(detail ? { detail } : {}) };
}

function directiveLine(ctx: Context, d: StoredEntry): CardLine {
  const detail = [clean(provisionWords(d.details, ctx.language)), d.start ? ctx.date(d.start) : ''].filter(Boolean).join(' · ');
  return { main: clean(d.title), ...(detail ? { detail } : {}) };
}

function contactLine(contact: EmergencyContact): CardLine {
  const relation = clean(contact.relation);
  return { main: `${clean(contact.name)}${relation ? ` (${relation})` : ''}`, detail: clean(contact.phone) };
}

function cardSections(ctx: Context, content: CardContent, contacts: readonly EmergencyContact[]): CardSection[] {
  const { s, c } = ctx;
  return [
    { name: 'allergies', heading: s.allergies, lines: content.allergies.map((a) => allergyLine(ctx, a)), empty: c.noAllergies },
    // Only when the record holds one: no line says there is none (a source's silence is not "no directive").
    ...(content.directives.length > 0 ? [{ name: 'directives' as const, heading: s.directives, lines: content.directives.map((d) => directiveLine(ctx, d)), empty: '' }] : []),
    { name: 'contacts', heading: c.contacts, lines: contacts.map(contactLine), empty: c.noContacts },
    { name: 'medications', heading: s.medications, lines: content.medications.map((m) => medicationLine(ctx, m)), empty: c.noMedications },
    { name: 'problems', heading: s.problems, lines: content.problems.map((p) => ({ main: clean(p.title) })), empty: c.noProblems },
  ];
}

function identityFacts(ctx: Context, input: EmergencyCardInput, bloodType: BloodType[]): string[] {
  const { s, c } = ctx;
  const facts: string[] = [];
  const birthDate = clean(input.person.birthDate);
  if (birthDate) {
    const age = ageOn(birthDate, input.printedOn);
    facts.push(`<span data-fact="birth-date"><b>${e(s.dateOfBirth)}:</b> ${e(ctx.date(birthDate))}${age === undefined ? '' : ` (${e(s.age(age))})`}</span>`);
  }
  const sex = clean(input.person.sex);
  const sexWord = sex ? sexLabel(s, sex) : '';
  if (sexWord) facts.push(`<span data-fact="sex"><b>${e(s.sex)}:</b> ${e(sexWord)}</span>`);
  if (bloodType.length > 0) {
    const text = bloodType.map((b) => b.text).join(' ');
    const from = bloodType.map((b) => c.bloodTypeFrom(ctx.date(b.date), b.provider ?? '')).filter(Boolean)[0];
    facts.push(`<span data-fact="blood-type"><b>${e(c.bloodType)}:</b> ${e(text)}${from ? ` <small>(${e(from)})</small>` : ''}</span>`);
  }
  return facts;
}

function lineHtml(line: CardLine): string {
  const main = line.main ? `<b>${e(line.main)}</b>` : '';
  const detail = line.detail ? `<span class="detail">${e(line.detail)}</span>` : '';
  return `<li>${[main, detail].filter(Boolean).join(' ')}</li>`;
}

// ---- one page --------------------------------------------------------------------------

function pageBody(ctx: Context, input: EmergencyCardInput, bloodType: BloodType[], sections: CardSection[]): string {
  const { c } = ctx;
  const blocks = sections.map((section) => {
    const list = section.lines.length > 0 ? `<ul>${section.lines.map(lineHtml).join('')}</ul>` : `<p class="none">${e(section.empty)}</p>`;
    const mark = section.name === 'allergies' ? '<span class="mark" aria-hidden="true">⚠</span> ' : '';
    return `<section data-section="${section.name}" class="${section.name}"><h2>${mark}${e(section.heading)}</h2>${list}</section>`;
  });
  return [
    '<header>',
    `<p class="kind">${e(c.title)}</p>`,
    `<h1>${e(clean(input.person.name))}</h1>`,
    `<div class="facts">${identityFacts(ctx, input, bloodType).join('')}</div>`,
    '</header>',
    '<main>',
    ...blocks,
    '</main>',
    `<p class="footer">${e(c.footer(ctx.date(input.printedOn)))}</p>`,
  ].join('\n');
}

// ---- wallet cards ----------------------------------------------------------------------

/**
 * Lines of text one 85.6 × 54 mm panel holds at the wallet type size, and characters to a
 * line: measured on Chromium's DejaVu Sans with room to spare, so a panel never overflows.
 */
export const PANEL_LINES = 15;
const PANEL_LINE_CHARS = 52;
/** Lists this short are never split across two panels. */
const KEEP_TOGETHER_LINES = 6;
/** The front panel's title, name, and birth date/blood type lines. */
const FRONT_HEADER_LINES = 5;

function linesFor(line: CardLine): number {
  const length = line.main.length + (line.detail ? line.detail.length + 1 : 0);
  return Math.max(1, Math.ceil(length / PANEL_LINE_CHARS));
}

/** The most characters one item may take on a panel; longer text goes on in the lines below it. */
const MAX_ITEM_CHARS = (PANEL_LINES - 3) * PANEL_LINE_CHARS;

/** A very long item (a sig pasted with its whole narrative) split at spaces, never cut off. */
function splitLongLine(line: CardLine): CardLine[] {
  const text = line.detail ? `${line.main} — ${line.detail}` : line.main;
  if (text.length <= MAX_ITEM_CHARS) return [line];
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > MAX_ITEM_CHARS) {
    const space = rest.lastIndexOf(' ', MAX_ITEM_CHARS);
    const at = space > MAX_ITEM_CHARS / 2 ? space : MAX_ITEM_CHARS;
    chunks.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  chunks.push(rest);
  // The first chunk keeps the item's bold name; the rest read on as its detail.
  return chunks.map((chunk, i) => (i === 0 ? { main: chunk } : { main: '', detail: chunk }));
}

interface Panel {
  front: boolean;
  blocks: { section: CardSection; continued: boolean; lines: CardLine[] }[];
}

/**
 * Fills panels in order, a section's heading never left alone at a panel's foot, a long list
 * carried on to the next panel under "(continued)". Nothing is cut.
 */
export function packPanels(sections: readonly CardSection[]): Panel[] {
  const panels: Panel[] = [{ front: true, blocks: [] }];
  let used = FRONT_HEADER_LINES;
  const newPanel = () => {
    panels.push({ front: false, blocks: [] });
    used = 1; // the name line that identifies a loose card
  };
  for (const section of sections) {
    const items = section.lines.length > 0 ? section.lines.flatMap(splitLongLine) : [{ main: section.empty }];
    let block: Panel['blocks'][number] | undefined;
    // A short list (the contacts, two allergies) moves whole to the next panel rather than split.
    const whole = 1 + items.reduce((sum, line) => sum + linesFor(line), 0);
    const current = panels[panels.length - 1]!;
    if (whole <= KEEP_TOGETHER_LINES && used + whole > PANEL_LINES && (current.front || current.blocks.length > 0)) newPanel();
    for (const line of items) {
      const need = linesFor(line) + (block ? 0 : 1);
      const last = panels[panels.length - 1]!;
      const freshPanel = !last.front && last.blocks.length === 0;
      if (used + need > PANEL_LINES && !freshPanel) {
        newPanel();
        block = undefined;
      }
      if (!block) {
        const continued = panels.some((p) => p.blocks.some((b) => b.section === section));
        block = { section, continued, lines: [] };
        panels[panels.length - 1]!.blocks.push(block);
        used += 1;
      }
      block.lines.push(line);
      used += linesFor(line);
    }
  }
  return panels;
}

function panelHtml(ctx: Context, input: EmergencyCardInput, bloodType: BloodType[], panel: Panel | undefined, side: 'front' | 'back'): string {
  const { c } = ctx;
  const name = e(clean(input.person.name));
  const head = panel?.front
    ? [`<p class="kind">${e(c.walletTitle)}</p>`, `<p class="name">${name}</p>`, `<p class="facts">${identityFacts(ctx, input, bloodType).join(' · ')}</p>`]
    : [`<p class="owner">${name}${input.person.birthDate ? ` · ${e(ctx.date(input.person.birthDate))}` : ''}</p>`];
  const blocks = (panel?.blocks ?? []).map((block) => {
    const heading = `${e(block.section.heading)}${block.continued ? ` (${e(c.continued)})` : ''}`;
    const mark = block.section.name === 'allergies' ? '<span aria-hidden="true">⚠</span> ' : '';
    const list =
      block.section.lines.length > 0 ? `<ul>${block.lines.map(lineHtml).join('')}</ul>` : `<p class="none">${e(block.section.empty)}</p>`;
    return `<div class="block" data-section="${block.section.name}"><h2>${mark}${heading}</h2>${list}</div>`;
  });
  return `<div class="panel ${side}">${head.join('')}${blocks.join('')}</div>`;
}

function walletBody(ctx: Context, input: EmergencyCardInput, bloodType: BloodType[], sections: CardSection[]): string {
  const panels = packPanels(sections);
  const rows: string[] = [];
  for (let i = 0; i < panels.length; i += 2) {
    rows.push(
      `<div class="card-row">${panelHtml(ctx, input, bloodType, panels[i], 'front')}${panelHtml(ctx, input, bloodType, panels[i + 1], 'back')}</div>`,
    );
  }
  return [`<p class="howto">${e(ctx.c.walletHowTo)}</p>`, ...rows, `<p class="footer">${e(ctx.c.footer(ctx.date(input.printedOn)))}</p>`].join('\n');
}

// ---- style -----------------------------------------------------------------------------

function cardCss(paper: PaperSize): string {
  const m = PAGE_MARGINS_MM;
  return `
@page { size: ${paper === 'A4' ? 'A4' : 'letter'}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; color: #000; overflow-wrap: anywhere; }
@media screen { body { margin: 4mm; } }
ul { margin: 0; padding: 0; list-style: none; }
p { margin: 0; }
.detail { font-weight: normal; }
.none { font-style: italic; }

/* One page */
body.page { font-size: 12pt; line-height: 1.25; }
body.page header { border: 3px solid #000; padding: 3mm 4mm; }
body.page .kind { font-size: 13pt; font-weight: bold; text-transform: uppercase; letter-spacing: 0.04em; }
body.page h1 { font-size: 22pt; margin: 1mm 0; }
body.page .facts { display: flex; flex-wrap: wrap; gap: 1mm 8mm; font-size: 13pt; }
body.page [data-fact="blood-type"] { font-size: 15pt; }
body.page section { margin-top: 4mm; break-inside: avoid-page; }
body.page h2 { font-size: 13pt; margin: 0 0 1mm; padding: 0.5mm 2mm; border-bottom: 2px solid #000; text-transform: uppercase; }
body.page section.allergies { border: 3px solid #000; padding: 2mm 3mm; }
body.page section.allergies h2 { border-bottom: none; padding: 0; }
body.page li { padding: 0.6mm 0; border-bottom: 1px solid #999; break-inside: avoid; }
body.page .medications ul, body.page .problems ul { columns: 2; column-gap: 8mm; }
body.page .footer { margin-top: 4mm; font-size: 9pt; }
body.page.density-1 { font-size: 10pt; }
body.page.density-1 .facts { font-size: 11pt; }
body.page.density-1 h2 { font-size: 11pt; }
body.page.density-2 { font-size: 8.5pt; }
body.page.density-2 h1 { font-size: 18pt; }
body.page.density-2 .facts, body.page.density-2 h2 { font-size: 9.5pt; }
body.page.density-2 section { margin-top: 2.5mm; }
body.page.density-3 { font-size: 7pt; }
body.page.density-3 h1 { font-size: 15pt; }
body.page.density-3 .facts, body.page.density-3 h2 { font-size: 8.5pt; }
body.page.density-3 .medications ul, body.page.density-3 .problems ul { columns: 3; column-gap: 5mm; }
body.page.density-3 section { margin-top: 2mm; }

/* Wallet cards: each row is cut out on the solid line and folded on the dashed one. */
body.wallet { font-size: 7pt; line-height: 1.2; }
.howto { font-size: 9pt; margin-bottom: 3mm; }
/* The cut line is an outline, so it takes no room from the panels' exact size. */
.card-row { display: flex; width: 171.2mm; outline: 0.4mm solid #000; margin: 0.4mm 0.4mm 3.4mm; break-inside: avoid; page-break-inside: avoid; }
.panel { flex: none; width: 85.6mm; height: 54mm; padding: 2mm 2.5mm; overflow: hidden; }
.panel.front { border-right: 0.3mm dashed #000; }
.panel .kind { font-size: 7pt; font-weight: bold; text-transform: uppercase; border-bottom: 0.4mm solid #000; }
.panel .name { font-size: 10pt; font-weight: bold; margin-top: 0.5mm; }
.panel .owner { font-size: 6pt; border-bottom: 0.2mm solid #000; }
.panel h2 { font-size: 7pt; margin: 1mm 0 0.3mm; text-transform: uppercase; }
.panel .block[data-section="allergies"] { border: 0.4mm solid #000; padding: 0.5mm 1mm; margin-top: 0.8mm; }
.panel .block[data-section="allergies"] h2 { margin-top: 0; }
.wallet .footer { font-size: 8pt; }
`;
}
