// Home blood-pressure monitor exports (the F-Droid "Blood Pressure Monitor" app: one row per
// reading, epoch milliseconds in UTC) → systolic/diastolic vital pairs and pulse.
import type { ImportedDocument, ImportProblem, RecordDraft } from '../../records/model.ts';
import { ImportError } from '../errors.ts';
import { delimiterOf, headerKey, headLines, lines, numberOf, present, splitLine } from '../csv/rows.ts';
import { instantInZone, isIanaZone } from '../csv-mapping/times.ts';

const PANEL = [{ system: 'LOINC', code: '85354-9', display: 'Blood pressure panel' }];
const SYSTOLIC = { system: 'LOINC', code: '8480-6', display: 'Systolic blood pressure' };
const DIASTOLIC = { system: 'LOINC', code: '8462-4', display: 'Diastolic blood pressure' };
const PULSE = { system: 'LOINC', code: '8867-4', display: 'Heart rate' };
const APP = 'Blood Pressure Monitor app';

function headerOf(line: string): string[] {
  return splitLine(line, delimiterOf(line)).map(headerKey);
}

export function looksLikeBpCsv(text: string): boolean {
  const first = headLines(text, 1)[0];
  if (!first) return false;
  const header = headerOf(first);
  return ['timestampunixms', 'systolic', 'diastolic'].every((c) => header.includes(c));
}

export interface BpOptions {
  /**
   * The IANA time zone of the computer importing the file. The app writes each time as an
   * instant (epoch milliseconds); read as UTC, an evening reading in America would be shown on
   * the next day. Without it the times are kept in UTC.
   */
  localZone?: string;
}

export function parseBpCsv(text: string, options: BpOptions = {}): ImportedDocument {
  const zone = options.localZone && isIanaZone(options.localZone) && options.localZone !== 'UTC' ? options.localZone : undefined;
  const all = lines(text);
  const delimiter = delimiterOf(all[0] ?? '');
  const header = headerOf(all[0] ?? '');
  const col = (name: string): number => header.indexOf(name);
  const [tCol, sCol, dCol, pCol, nCol] = ['timestampunixms', 'systolic', 'diastolic', 'pulse', 'notes'].map(col) as [number, number, number, number, number];
  const records: RecordDraft[] = [];
  const problems: ImportProblem[] = [];
  for (let i = 1; i < all.length; i++) {
    const line = all[i]!;
    if (!line.trim()) continue;
    const cells = splitLine(line, delimiter);
    const row = i + 1;
    const ms = numberOf(cells[tCol]);
    const time = ms === undefined ? undefined : new Date(ms);
    if (!time || Number.isNaN(time.getTime())) {
      problems.push({ kind: 'vitals', reason: `Row ${row} has no readable time, so its reading was not imported.`, where: `row ${row}` });
      continue;
    }
    const start = zone ? instantInZone(time.getTime(), zone) : time.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const note = nCol >= 0 ? present(cells[nCol]) : undefined;
    const where = `row ${row} (timestampUnixMs ${cells[tCol]})`;
    const sys = present(cells[sCol]);
    const dia = present(cells[dCol]);
    const pulse = pCol >= 0 ? present(cells[pCol]) : undefined;
    if (!sys && !dia && !pulse) {
      problems.push({ kind: 'vitals', reason: `Row ${row} holds no reading${note ? ` (only the note "${note}")` : ''}, so nothing was imported from it.`, where });
      continue;
    }
    const reading = `Reading ${sys ?? '?'}/${dia ?? '?'}${pulse ? `, pulse ${pulse}` : ''}`;
    const comment = [reading, note ? `Note: ${note}` : undefined].filter(Boolean).join('. ');
    const base = (title: string, code: typeof SYSTOLIC, value: string, unit: string, panel: boolean): RecordDraft => ({
      kind: 'vital',
      title,
      codes: [code],
      start,
      value: numberOf(value) === undefined ? { text: value, unit } : { number: numberOf(value)!, text: value, unit },
      details: panel ? { panel: 'Blood pressure', panelCodes: PANEL, comment } : { comment },
      sourceLocation: where,
    });
    if (sys) records.push(base('Systolic blood pressure', SYSTOLIC, sys, 'mm[Hg]', true));
    if (dia) records.push(base('Diastolic blood pressure', DIASTOLIC, dia, 'mm[Hg]', true));
    if (pulse) records.push(base('Heart rate', PULSE, pulse, '/min', false));
    if ((sys && !dia) || (!sys && dia)) {
      problems.push({ reason: `Row ${row} gives only the ${sys ? 'systolic' : 'diastolic'} pressure; it was imported alone.`, where });
    }
    const s = numberOf(sys);
    const d = numberOf(dia);
    if ((s !== undefined && (s < 50 || s > 300)) || (d !== undefined && (d < 20 || d > 200)) || (s !== undefined && d !== undefined && d >= s)) {
      problems.push({ reason: `Row ${row} (${sys ?? '?'}/${dia ?? '?'} mmHg) is outside what a cuff measures; it was imported as written, please check it.`, where });
    }
  }
  if (records.length === 0) throw new ImportError('This blood pressure file holds no readings.');
  if (zone) problems.unshift({ reason: `The file writes each time without the time zone it was taken in; the times are shown in this computer's time zone, ${zone}.` });
  return {
    patient: {},
    document: { title: 'Blood pressure readings', variant: 'Blood Pressure Monitor app CSV', authorOrganization: APP, sections: [], attachments: [] },
    records,
    problems,
  };
}
