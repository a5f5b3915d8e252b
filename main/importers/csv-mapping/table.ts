// Finding the table in a CSV a person maps by hand: the delimiter, the header line after any
// banner lines, and the rows under it. Nothing here decides what a column means.
import { headerKey, lines, present, splitLine } from '../csv/rows.ts';

export type Delimiter = ',' | ';' | '\t';

export interface CsvTable {
  delimiter: Delimiter;
  /** The header's cells as written (quotes removed, trimmed). */
  header: string[];
  /** Lines before the header (a device's banner), not read. */
  bannerLines: number;
  /** Data rows with their 1-based line number in the file. */
  rows: { cells: string[]; line: number }[];
}

/** A banner of more than this many lines is not a banner; the file is not a table. */
const MAX_BANNER = 30;
const DELIMITERS: readonly Delimiter[] = [';', ',', '\t'];

function cellsOf(line: string, delimiter: Delimiter): string[] {
  return splitLine(line, delimiter);
}

/** The delimiter that splits a line into the most cells (ties: `;`, then `,`, then tab). */
function bestDelimiter(line: string): Delimiter {
  let best: Delimiter = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = cellsOf(line, d).length;
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}

const NUMERIC = /^[-+]?\d+([.,]\d+)?$/;
const DATE_LIKE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;

/** A header names its columns: at least two cells, none empty-only, and most not numbers or dates. */
function looksLikeHeader(cells: string[]): boolean {
  if (cells.length < 2 || cells.every((c) => c === '')) return false;
  const data = cells.filter((c) => NUMERIC.test(c) || DATE_LIKE.test(c)).length;
  return data * 2 < cells.length;
}

function rowsAfter(all: string[], at: number, delimiter: Delimiter): CsvTable['rows'] {
  const rows: CsvTable['rows'] = [];
  for (let j = at + 1; j < all.length; j++) {
    if (all[j]!.trim() === '') continue;
    rows.push({ cells: cellsOf(all[j]!, delimiter), line: j + 1 });
  }
  return rows;
}

/**
 * The table of a CSV whose layout is not known: the first line that reads as a header and is
 * followed by a line of as many cells. Undefined when no such line starts in the first 30.
 */
export function readTable(text: string): CsvTable | undefined {
  const all = lines(text);
  for (let i = 0; i <= MAX_BANNER && i < all.length; i++) {
    const line = all[i]!;
    if (!line.trim()) continue;
    const delimiter = bestDelimiter(line);
    const header = cellsOf(line, delimiter);
    if (!looksLikeHeader(header)) continue;
    const next = all.slice(i + 1).find((l) => l.trim() !== '');
    if (next === undefined || cellsOf(next, delimiter).length !== header.length) continue;
    return { delimiter, header: header.map(cleanHeader), bannerLines: i, rows: rowsAfter(all, i, delimiter) };
  }
  return undefined;
}

/** Header cells compared as a person would: BOM, quotes, case and spacing evened out. */
export function sameHeader(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((cell, i) => headerKey(cell).replace(/\s+/g, ' ') === headerKey(b[i]!).replace(/\s+/g, ' '));
}

function cleanHeader(cell: string): string {
  return headerKey(cell) === '' ? '' : cell.replace(/^\uFEFF/, '').trim();
}

/** The table under a known header (a preset's): the first line in the first 30 that is that header. */
export function tableWithHeader(text: string, header: readonly string[], delimiter: Delimiter): CsvTable | undefined {
  const all = lines(text);
  for (let i = 0; i <= MAX_BANNER && i < all.length; i++) {
    const cells = cellsOf(all[i]!, delimiter);
    if (sameHeader(cells, header)) return { delimiter, header: cells.map(cleanHeader), bannerLines: i, rows: rowsAfter(all, i, delimiter) };
  }
  return undefined;
}

/** Whether any value cell of the given columns holds a number written with a decimal comma. */
export function hasDecimalCommas(table: CsvTable, columns?: readonly number[]): boolean {
  return table.rows.some((r) => r.cells.some((c, i) => (!columns || columns.includes(i)) && /^[-+]?\d+,\d+$/.test(present(c) ?? '')));
}
