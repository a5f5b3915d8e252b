// CSV files whose layout Chartkeeper does not know, read through a column mapping the person
// made (the import screen's dialog, or a JSON file on the command line). Pure: text in, drafts out.
import { decodeText } from '../text/decode.ts';
import { hasDecimalCommas, readTable } from './table.ts';
import type { CsvLayout } from './types.ts';

export { applyMapping, mappingProblem, previewMapping, type MappedRow } from './apply.ts';
export { readTable, sameHeader, type CsvTable } from './table.ts';
export { isIanaZone, normalOffset } from './times.ts';
export type { CsvLayout, CsvMapping, DateOrder, ValueColumn, ZoneRule } from './types.ts';

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
