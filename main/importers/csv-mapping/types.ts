// A column mapping: how the person said an unknown CSV layout reads. Saved as a named preset
// and matched to the next file by its header line.
import type { MeasureId } from '../../records/readable/measures.ts';

/** How the date cell is written: day, month and year order, or a count of seconds since 1970 (UTC). */
export type DateOrder = 'ymd' | 'dmy' | 'mdy' | 'epoch-s' | 'epoch-ms';

/**
 * Where the times' zone comes from. `local`: the person said the times are the device's wall
 * clock with no zone (stored without one, as written); `utc`; a fixed offset; an IANA zone
 * ("Europe/Madrid", its offset on each reading's day); or a column of the file.
 */
export type ZoneRule = { local: true } | { utc: true } | { offset: string } | { iana: string } | { column: number };

export interface ValueColumn {
  column: number;
  measure: MeasureId;
  /** The unit, UCUM as MEASURES lists it, or a column holding the unit as written. */
  unit: { fixed: string } | { column: number };
}

export interface CsvMapping {
  /** The preset's name, also the readings' source ("Omron scale export"). */
  name: string;
  /** The header line's cells as the file wrote them; a file matches when its header is the same. */
  header: string[];
  /** `,`, `;` or a tab. */
  delimiter: ',' | ';' | '\t';
  date: { column: number; order: DateOrder };
  /** A separate time column; otherwise the time is in the date cell (or there is none). */
  time?: { column: number };
  /** Required once a time is read (the question "which zone were these taken in" answered). */
  zone?: ZoneRule;
  /** The decimal mark, when the person was asked ("72,5" or "72.5"). Unset: a comma in a value refuses its row. */
  decimal?: '.' | ',';
  values: ValueColumn[];
}

/** What the mapping dialog shows of a file: its table's shape and first rows. */
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
