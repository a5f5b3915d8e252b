// CSV files whose layout Chartkeeper does not know, read through a column mapping the person
// made (the import screen's dialog, or a JSON file on the command line). Pure: text in, drafts out.
import { decodeText } from '../text/decode.ts';
import { hasDecimalCommas, readTable } from './table.ts';
import type { CsvMapping } from './types.ts';

export { applyMapping, mappingProblem, previewMapping, type MappedRow } from './apply.ts';
export { readTable, sameHeader, type CsvTable } from './table.ts';
export { isIanaZone, normalOffset } from './times.ts';
export type { CsvMapping, DateOrder, ValueColumn, ZoneRule } from './types.ts';

export interface CsvLayout {
  delimiter: CsvMapping['delimiter'];
  header: string[];
  bannerLines: number;
  /** The first rows, as cells, for the dialog. */
  sample: string[][];
  rowCount: number;
  /** Some cell is a number written with a decimal comma ("72,5"): the dialog must ask. */
  decimalCommas: boolean;
}

/** What the mapping dialog shows of a file, or undefined when it is not a table at all. */
export function layoutOf(bytes: Uint8Array, sampleRows = 8): CsvLayout | undefined {
  const text = decodeText(bytes);
  const table = readTable(text);
  if (!table) return undefined;
  return {
    delimiter: table.delimiter,
    header: table.header,
    bannerLines: table.bannerLines,
    sample: table.rows.slice(0, sampleRows).map((r) => r.cells),
    rowCount: table.rows.length,
    decimalCommas: hasDecimalCommas(table),
  };
}
