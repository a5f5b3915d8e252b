// Lab reports of known results, laid out as laboratories and portals print them, for measuring
// how well "Add these results" reads them: the results come from the public sample documents
// (through the importer), the layouts are written here. Each report also carries the header and
// footer lines real reports have (addresses, phone numbers, dates, page numbers) that must not
// be read as results.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProposedResult } from '../../main/documents/lab-lines/index.ts';
import { parseFile } from '../../main/importers/index.ts';

export interface KnownResult {
  name: string;
  value: string;
  unit?: string;
  range?: string;
  /** H, L, A … (N and none are printed as no flag). */
  flag?: string;
}

export interface KnownReport {
  source: string;
  results: KnownResult[];
}

const FLAG_WORDS: Record<string, string> = { H: 'High', L: 'Low', HH: 'High', LL: 'Low', A: 'Abnormal' };
const FLAG_CODE_OF_WORD: Record<string, string> = { High: 'H', Low: 'L', Abnormal: 'A' };

/** Numeric results of the corpus's C-CDA files, one report per file with at least three, each distinct set once. */
export function corpusReports(corpus: string): KnownReport[] {
  const manifest = path.join(corpus, 'MANIFEST.tsv');
  if (!existsSync(manifest)) return [];
  const reports: KnownReport[] = [];
  const seen = new Set<string>();
  for (const row of readFileSync(manifest, 'utf8').split('\n').slice(1)) {
    const [file, format, , , , , notes] = row.split('\t');
    if (!file || format !== 'ccda' || notes?.includes('NEGATIVE')) continue;
    let parsed;
    try {
      parsed = parseFile(readFileSync(path.join(corpus, file)), file);
    } catch {
      continue;
    }
    const results: KnownResult[] = [];
    for (const doc of parsed.documents) {
      for (const r of doc.records) {
        if (r.kind !== 'result' || r.value?.number === undefined) continue;
        const clean = (s: string | undefined) => s?.replace(/\s+/g, ' ').trim() || undefined;
        const value = clean(r.value.text) ?? String(r.value.number);
        const low = r.referenceRange?.low;
        const high = r.referenceRange?.high;
        const range = clean(r.referenceRange?.text) ?? (low !== undefined && high !== undefined ? `${low}-${high}` : undefined);
        const flag = r.interpretation && FLAG_WORDS[r.interpretation] ? r.interpretation : undefined;
        const unit = clean(r.value.unit);
        results.push({ name: clean(r.title)!, value, ...(unit ? { unit } : {}), ...(range ? { range } : {}), ...(flag ? { flag } : {}) });
      }
    }
    const key = JSON.stringify(results);
    if (results.length < 3 || seen.has(key)) continue;
    seen.add(key);
    reports.push({ source: file, results });
  }
  return reports;
}

export const LAYOUTS = ['columns', 'range-units', 'portal', 'narrow'] as const;
export type Layout = (typeof LAYOUTS)[number];

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function header(title: string): string {
  return `<h1>${escape(title)}</h1>
  <p>Riverside Clinical Laboratory · 1447 York Court, Burlington NC 27215 · Phone 800 762 4344 · Fax 336 229 1010</p>
  <table class="head"><tr><td>Patient: Eleanor Testperson</td><td>DOB: 01/02/1960</td><td>Age 66 years</td><td>Sex: F</td></tr>
  <tr><td>Specimen ID 2024 1187 44</td><td>Collected: 03/12/2026 08:15</td><td>Reported: 03/13/2026</td><td>Account 40 2231</td></tr></table>`;
}

const FOOTER = `<p class="foot">Ordering physician: Amal Ortiz, MD · NPI 1234567890 · Page 1 of 1 · Results between 0 and 24 h</p>`;

/** A range with the result's unit after it, unless the range already ends with it. */
function withUnit(range: string | undefined, unit: string | undefined): string {
  if (!range || !unit || range.toLowerCase().endsWith(unit.toLowerCase())) return range ?? '';
  return `${range} ${unit}`;
}

function withoutUnit(range: string, unit: string | undefined): string | undefined {
  if (unit && range.toLowerCase() === unit.toLowerCase()) return undefined;
  // "2 ng/mL - 8 ng/mL" carries its unit on both bounds: the whole is the range as printed.
  if (unit && range.toLowerCase().split(unit.toLowerCase()).length > 2) return range;
  return unit && range.toLowerCase().endsWith(` ${unit.toLowerCase()}`) ? range.slice(0, -unit.length - 1) : range;
}

function row(cells: string[]): string {
  return `<tr>${cells.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`;
}

/** One page of a report in one of the layouts (`reportsHtml` puts pages together). */
function reportPage(report: KnownReport, index: number, layout: Layout): string {
  let table: string;
  switch (layout) {
    case 'columns':
      // LabCorp-like: Test, Result, Flag, Units, Reference Interval.
      table = `<tr><th>Test</th><th>Result</th><th>Flag</th><th>Units</th><th>Reference Interval</th></tr>${report.results
        .map((r) => row([r.name, r.value, r.flag ?? '', r.unit ?? '', r.range ?? '']))
        .join('')}`;
      break;
    case 'range-units':
      // Quest-like: the value in In Range or Out of Range (with its flag), units after the range.
      table = `<tr><th>Test Name</th><th>In Range</th><th>Out of Range</th><th>Reference Range</th></tr>${report.results
        .map((r) => row([r.name.toUpperCase(), r.flag ? '' : r.value, r.flag ? `${r.value} ${r.flag}` : '', withUnit(r.range, r.unit)]))
        .join('')}`;
      break;
    case 'narrow':
      // A narrow test column: long names wrap onto a second line inside their cell.
      table = `<tr><th class="narrow">Test</th><th>Result</th><th>Flag</th><th>Units</th><th>Reference Interval</th></tr>${report.results
        .map((r) => row([r.name, r.value, r.flag ?? '', r.unit ?? '', r.range ?? '']).replace('<td>', '<td class="narrow">'))
        .join('')}`;
      break;
    case 'portal':
      // Portal-like: the unit beside the value, the range with its unit, the flag in words.
      table = `<tr><th>Component</th><th>Your Value</th><th>Standard Range</th><th>Flag</th></tr>${report.results
        .map((r) => row([r.name, [r.value, r.unit].filter(Boolean).join(' '), r.range ? withUnit(r.range, r.unit) : '', r.flag ? FLAG_WORDS[r.flag]! : '']))
        .join('')}`;
      break;
  }
  return `<section>${header(`Laboratory Report ${index + 1}`)}<table>${table}</table>${FOOTER}</section>`;
}

/** Reports in one layout, each on a page of its own. */
export function reportsHtml(reports: readonly KnownReport[], layout: Layout): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { font: 10pt Helvetica, Arial, sans-serif; margin: 0; }
    section { break-after: page; }
    h1 { font-size: 14pt; }
    table { border-collapse: collapse; width: 100%; margin: 8pt 0; }
    td, th { text-align: left; padding: 2pt 6pt; vertical-align: top; }
    th { border-bottom: 1px solid #000; }
    .head td { padding: 0 6pt 0 0; }
    .foot { font-size: 8pt; }
    .narrow { width: 9rem; }
  </style></head><body>${reports.map((r, i) => reportPage(r, i, layout)).join('')}</body></html>`;
}

/** What reading a report perfectly would propose for each result, in the report's terms. */
export function expectedReading(r: KnownResult, layout: Layout): { name: string; value: string; unit?: string; range?: string; flag?: string } {
  return {
    // A colon closing a printed name is the label's punctuation, not part of the test's name.
    name: (layout === 'range-units' ? r.name.toUpperCase() : r.name).replace(/\s*:$/, ''),
    value: r.value,
    ...(r.unit ? { unit: r.unit } : {}),
    ...(r.range && withoutUnit(r.range, r.unit) ? { range: withoutUnit(r.range, r.unit)! } : {}),
    ...(r.flag ? { flag: layout === 'portal' ? FLAG_CODE_OF_WORD[FLAG_WORDS[r.flag]!]! : r.flag } : {}),
  };
}

export interface ReadingTally {
  printed: number;
  proposed: number;
  correct: number;
  /** Proposals whose value is not the value printed on their row (or that stand for no row). */
  valueWrong: number;
  fieldWrong: Record<'name' | 'value' | 'unit' | 'range' | 'flag', number>;
  examples: string[];
}

export function emptyTally(): ReadingTally {
  return { printed: 0, proposed: 0, correct: 0, valueWrong: 0, fieldWrong: { name: 0, value: 0, unit: 0, range: 0, flag: 0 }, examples: [] };
}

type Read = ReturnType<typeof expectedReading>;

/** Counts one report's proposals against what it printed, field by field. */
export function tallyReport(tally: ReadingTally, report: KnownReport, layout: Layout, proposals: readonly { line: string; read: Read }[]): void {
  const unused = report.results.map((r) => expectedReading(r, layout));
  tally.printed += unused.length;
  for (const { line, read } of proposals) {
    tally.proposed += 1;
    const exact = unused.findIndex((e) => JSON.stringify(e) === JSON.stringify(read));
    if (exact >= 0) {
      unused.splice(exact, 1);
      tally.correct += 1;
      continue;
    }
    // Which printed row it stands for: the one of its name, else the one whose name holds it.
    // A misread name: the row of the same value and unit.
    const row =
      unused.find((e) => e.name === read.name) ??
      unused.find((e) => e.name.includes(read.name) || read.name.includes(e.name)) ??
      unused.find((e) => e.value === read.value && e.unit === read.unit);
    if (row) unused.splice(unused.indexOf(row), 1);
    for (const field of ['name', 'value', 'unit', 'range', 'flag'] as const) if (!row || row[field] !== read[field]) tally.fieldWrong[field] += 1;
    if (!row || row.value !== read.value) tally.valueWrong += 1;
    if (tally.examples.length < 8) tally.examples.push(`${line} → ${JSON.stringify(read)} (printed ${JSON.stringify(row ?? null)})`);
  }
}

export function tallyLine(name: string, t: ReadingTally): string {
  return (
    `${name}: ${t.printed} results printed, ${t.proposed} proposed, ${t.correct} exactly as printed ` +
    `(precision ${((100 * t.correct) / Math.max(1, t.proposed)).toFixed(1)}%, recall ${((100 * t.correct) / Math.max(1, t.printed)).toFixed(1)}%); ` +
    `wrong value ${t.valueWrong}, fields wrong ${JSON.stringify(t.fieldWrong)}`
  );
}

/** A proposal in the terms of expectedReading. */
export function asRead(p: ProposedResult): Read {
  return { name: p.name, value: p.value.text, ...(p.unit ? { unit: p.unit } : {}), ...(p.range ? { range: p.range.text } : {}), ...(p.flag ? { flag: p.flag.code } : {}) };
}
