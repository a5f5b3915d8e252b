// A column mapping applied to a CSV: each row → one reading per mapped value column, with
// the preset as its source. A row that does not read as the mapping says is refused with its
// reason, one by one; nothing is guessed (a decimal comma, a zone, a two-digit year).
import type { ImportedDocument, ImportProblem, RecordDraft, ReportKind } from '../../records/model.ts';
import { codeOfMeasure, measureOf, unitOfMeasure, type MeasureUnit } from '../../records/readable/measures.ts';
import { present } from '../csv/rows.ts';
import { ImportError } from '../errors.ts';
import { tableWithHeader, type CsvTable } from './table.ts';
import { instantInZone, isIanaZone, readDate, readTime, stamp, zoneOf, type Read, type Wall } from './times.ts';
import type { CsvMapping, ValueColumn } from './types.ts';

const PANEL = [{ system: 'LOINC', code: '85354-9', display: 'Blood pressure panel' }];

export interface MappedRow {
  line: number;
  cells: string[];
  /** What the row stores, or why it was refused. */
  records: RecordDraft[];
  refused?: string;
  /** Kept as written but outside what a person measures at home. */
  check?: string;
}

/** The stored time of one row. */
function timeOfRow(mapping: CsvMapping, cells: readonly string[], localZone: string | undefined): Read<string> {
  const dateCell = present(cells[mapping.date.column]);
  if (!dateCell) return { why: 'it has no date' };
  const date = readDate(dateCell, mapping.date.order);
  if ('why' in date) return date;
  if ('instant' in date.ok) return { ok: instantOfRow(date.ok.instant, mapping.zone, localZone) };
  const wall: Wall = { ...date.ok };
  if (mapping.time) {
    const timeCell = present(cells[mapping.time.column]);
    if (timeCell) {
      const time = readTime(timeCell);
      if ('why' in time) return time;
      wall.time = time.ok.time;
      if (time.ok.zone) wall.zone = time.ok.zone;
    }
  }
  if (!wall.time) return { ok: stamp(wall, '') };
  const zone = zoneOf(mapping.zone, cells, wall);
  return 'why' in zone ? zone : { ok: stamp(wall, zone.ok) };
}

/** A number as the mapping's decimal mark says; the text is kept with a point. */
function numberOfCell(cell: string, decimal: CsvMapping['decimal']): Read<{ number: number; text: string }> {
  const v = cell.replace(/\s+/g, '');
  if (decimal === ',') {
    if (/^[-+]?\d+,\d+$/.test(v) || /^[-+]?\d+$/.test(v)) {
      const text = v.replace(',', '.').replace(/^\+/, '');
      return { ok: { number: Number(text), text } };
    }
    if (/^[-+]?\d+\.\d+$/.test(v)) return { why: `"${cell}" is written with a point, but this mapping says a comma marks decimals` };
  } else {
    if (/^[-+]?\d+(\.\d+)?$/.test(v)) {
      const text = v.replace(/^\+/, '');
      return { ok: { number: Number(text), text } };
    }
    if (/^[-+]?\d+,\d+$/.test(v)) {
      return decimal === '.'
        ? { why: `"${cell}" is written with a comma, but this mapping says a point marks decimals` }
        : { why: `"${cell}" is written with a comma, and this mapping does not say whether a comma marks decimals` };
    }
  }
  return { why: `"${cell}" is not a number` };
}

function unitOfCell(column: ValueColumn, cells: readonly string[]): Read<MeasureUnit> {
  const measure = measureOf(column.measure);
  const written = 'fixed' in column.unit ? column.unit.fixed : (present(cells[column.unit.column]) ?? '');
  const unit = unitOfMeasure(measure, written);
  if (unit) return { ok: unit };
  return written ? { why: `the unit "${written}" is not one Chartkeeper knows for ${measure.title.toLowerCase()}` } : { why: `its unit cell for ${measure.title.toLowerCase()} is empty` };
}

function recordOf(column: ValueColumn, value: { number: number; text: string }, written: string, unit: MeasureUnit, start: string, line: number, source: string, bloodPressure: boolean): RecordDraft {
  const measure = measureOf(column.measure);
  const asWritten = written.trim() === value.text ? '' : `; written "${written.trim()}"`;
  const panel = bloodPressure && (column.measure === 'systolic' || column.measure === 'diastolic');
  return {
    kind: measure.kind,
    title: measure.title,
    codes: [codeOfMeasure(measure, unit)],
    start,
    value: { number: value.number, text: value.text, unit: unit.ucum },
    details: {
      ...(panel ? { panel: 'Blood pressure', panelCodes: PANEL } : {}),
      comment: `From ${source}, line ${line}${asWritten}.`,
    },
    sourceLocation: `line ${line}`,
  };
}

/**
 * A time written as seconds or milliseconds since 1970 is an instant without a place: read in the
 * mapping's IANA zone, else in this computer's (`localZone`), never as the UTC clock, which a chart
 * shows as the time of day (an evening reading in America would move to the next day).
 */
function instantOfRow(instant: string, rule: CsvMapping['zone'], localZone: string | undefined): string {
  const zone = rule && 'iana' in rule ? rule.iana : rule && 'utc' in rule ? undefined : localZone;
  return zone && zone !== 'UTC' && isIanaZone(zone) ? instantInZone(Date.parse(instant), zone) : instant;
}

/** One data row as the mapping reads it; `localZone`: this computer's IANA zone. */
export function mapRow(mapping: CsvMapping, cells: string[], line: number, width: number, localZone?: string): MappedRow {
  const row: MappedRow = { line, cells, records: [] };
  if (cells.length !== width) {
    row.refused = `Line ${line} has ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'} where the header has ${width}, so it was not imported.`;
    return row;
  }
  const time = timeOfRow(mapping, cells, localZone);
  if ('why' in time) {
    row.refused = `Line ${line} was not imported: ${time.why}.`;
    return row;
  }
  const bloodPressure = mapping.values.some((v) => v.measure === 'systolic') && mapping.values.some((v) => v.measure === 'diastolic');
  const checks: string[] = [];
  for (const column of mapping.values) {
    const cell = present(cells[column.column]);
    if (!cell) continue;
    const value = numberOfCell(cell, mapping.decimal);
    if ('why' in value) {
      row.refused = `Line ${line} was not imported: ${value.why}.`;
      row.records = [];
      return row;
    }
    const unit = unitOfCell(column, cells);
    if ('why' in unit) {
      row.refused = `Line ${line} was not imported: ${unit.why}.`;
      row.records = [];
      return row;
    }
    const [low, high] = unit.ok.plausible;
    if (value.ok.number < low || value.ok.number > high) checks.push(`${measureOf(column.measure).title.toLowerCase()} ${value.ok.text}`);
    row.records.push(recordOf(column, value.ok, cell, unit.ok, time.ok, line, mapping.name, bloodPressure));
  }
  if (row.records.length === 0) row.refused = `Line ${line} holds no value in the mapped columns, so nothing was imported from it.`;
  else if (checks.length > 0) row.check = `Line ${line} (${checks.join(', ')}) is outside what is usually measured; it was imported as written, please check it.`;
  return row;
}

function reportKindOf(mapping: CsvMapping): ReportKind {
  return mapping.values.every((v) => measureOf(v.measure).kind === 'result') ? 'results' : 'vitals';
}

/** Every column the mapping names exists in its header, and each value column is named once. */
export function mappingProblem(mapping: CsvMapping): string | undefined {
  const width = mapping.header.length;
  const columns = [mapping.date.column, mapping.time?.column, ...mapping.values.map((v) => v.column)];
  for (const v of mapping.values) if ('column' in v.unit) columns.push(v.unit.column);
  if (mapping.zone && 'column' in mapping.zone) columns.push(mapping.zone.column);
  if (columns.some((c) => c !== undefined && (c < 0 || c >= width))) return 'This column mapping names a column the file does not have.';
  if (mapping.values.length === 0) return 'Choose at least one column that holds a measurement.';
  const seen = new Set<number>();
  for (const v of mapping.values) {
    if (seen.has(v.column)) return 'A column can hold only one measurement.';
    seen.add(v.column);
    if (v.column === mapping.date.column || v.column === mapping.time?.column) return 'A column cannot be both a date and a measurement.';
    if ('fixed' in v.unit && !unitOfMeasure(measureOf(v.measure), v.unit.fixed)) return `The unit "${v.unit.fixed}" is not one of ${measureOf(v.measure).title.toLowerCase()}.`;
  }
  return undefined;
}

/** The table a mapping reads, or a sentence saying why the file does not fit it. */
export function tableOf(text: string, mapping: CsvMapping): CsvTable {
  const problem = mappingProblem(mapping);
  if (problem) throw new ImportError(problem);
  const table = tableWithHeader(text, mapping.header, mapping.delimiter);
  if (!table) throw new ImportError(`This file's columns are not the ones the mapping "${mapping.name}" was made for, so it was not imported.`);
  return table;
}

/** The whole file mapped: readings with the preset as their source, refused lines as problems. */
export function applyMapping(text: string, mapping: CsvMapping, localZone?: string): ImportedDocument {
  const table = tableOf(text, mapping);
  const kind = reportKindOf(mapping);
  const records: RecordDraft[] = [];
  const problems: ImportProblem[] = [];
  let refused = 0;
  for (const { cells, line } of table.rows) {
    const row = mapRow(mapping, cells, line, table.header.length, localZone);
    if (row.refused) {
      refused++;
      problems.push({ kind, reason: row.refused, where: `line ${line}` });
      continue;
    }
    if (row.check) problems.push({ reason: row.check, where: `line ${line}` });
    records.push(...row.records);
  }
  if (records.length === 0) {
    const first = problems.find((p) => p.kind)?.reason;
    throw new ImportError(
      table.rows.length === 0
        ? 'This file holds no rows under its header.'
        : `None of the ${table.rows.length} lines could be read with the mapping "${mapping.name}"${first ? ` (${first.replace(/\.$/, '')})` : ''}; nothing was imported.`,
    );
  }
  const days = records.map((r) => r.start ?? '').filter(Boolean).sort();
  return {
    patient: {},
    document: {
      title: 'Home measurements',
      variant: `CSV read with the mapping "${mapping.name}"`,
      authorOrganization: mapping.name,
      ...(days.length ? { date: days.at(-1)!.slice(0, 10) } : {}),
      sections: [],
      attachments: [],
    },
    records,
    problems: refused > 0 || table.bannerLines > 0 ? [...(table.bannerLines > 0 ? [{ reason: `${table.bannerLines} ${table.bannerLines === 1 ? 'line' : 'lines'} above the header ${table.bannerLines === 1 ? 'was' : 'were'} not read.` }] : []), ...problems] : problems,
  };
}

/** The first rows as they would be stored, for the dialog's preview. */
export function previewMapping(text: string, mapping: CsvMapping, limit: number, localZone?: string): { rows: MappedRow[]; total: number } {
  const table = tableOf(text, mapping);
  return { rows: table.rows.slice(0, limit).map(({ cells, line }) => mapRow(mapping, cells, line, table.header.length, localZone)), total: table.rows.length };
}
