import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeBpCsv, parseBpCsv } from '../../../main/importers/bp-csv/index.ts';

const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus/bp-csv/blood-pressure-monitor-fl');
const read = (file: string): string => readFileSync(path.join(corpus, file), 'utf8');

describe('Blood Pressure Monitor app CSV', () => {
  it.skipIf(!existsSync(corpus))('reads the oldest layout (spaces, quoted notes) as systolic/diastolic pairs with pulse', () => {
    const doc = parseBpCsv(read('v1.0.csv'));
    expect(doc.document.authorOrganization).toBe('Blood Pressure Monitor app');
    const second = doc.records.filter((r) => r.sourceLocation === 'row 3 (timestampUnixMs 1703175600000)');
    expect(second.map((r) => [r.kind, r.codes[0]!.code, r.value?.number, r.value?.unit, r.start])).toEqual([
      ['vital', '8480-6', 123, 'mm[Hg]', '2023-12-21T16:20:00Z'],
      ['vital', '8462-4', 41, 'mm[Hg]', '2023-12-21T16:20:00Z'],
      ['vital', '8867-4', 43, '/min', '2023-12-21T16:20:00Z'],
    ]);
    expect(second[0]!.details).toMatchObject({ panel: 'Blood pressure', comment: 'Reading 123/41, pulse 43. Note: 1214s3' });
    // Implausible test values are kept as written and pointed out.
    expect(doc.records.find((r) => r.value?.number === 315)?.codes[0]!.code).toBe('8462-4');
    expect(doc.problems.map((p) => p.reason)).toContain('Row 2 (312/315 mmHg) is outside what a cuff measures; it was imported as written, please check it.');
  });

  it.skipIf(!existsSync(corpus))('reads the later layouts line by line as written: no extension, upper-case .CSV, the color column, milliseconds', () => {
    const row = (file: string, ts: string) =>
      parseBpCsv(read(file))
        .records.filter((r) => r.sourceLocation?.endsWith(`(timestampUnixMs ${ts})`))
        .map((r) => [r.codes[0]!.code, r.value?.text, r.start, r.details.comment]);
    // v1.1.0: 1703175960000, 321, 53, 64, "tesfdsdf"
    expect(row('v1.1.0', '1703175960000')).toEqual([
      ['8480-6', '321', '2023-12-21T16:26:00Z', 'Reading 321/53, pulse 64. Note: tesfdsdf'],
      ['8462-4', '53', '2023-12-21T16:26:00Z', 'Reading 321/53, pulse 64. Note: tesfdsdf'],
      ['8867-4', '64', '2023-12-21T16:26:00Z', 'Reading 321/53, pulse 64. Note: tesfdsdf'],
    ]);
    // v1.4.0.CSV line 50: 1080330913000,123,80,52, (no note)
    expect(row('v1.4.0.CSV', '1080330913000')).toEqual([
      ['8480-6', '123', '2004-03-26T19:55:13Z', 'Reading 123/80, pulse 52'],
      ['8462-4', '80', '2004-03-26T19:55:13Z', 'Reading 123/80, pulse 52'],
      ['8867-4', '52', '2004-03-26T19:55:13Z', 'Reading 123/80, pulse 52'],
    ]);
    // v1.5.7: 1703175859570,123,56,64,tsedfsdf, (an empty color; a time with milliseconds)
    expect(row('v1.5.7.csv', '1703175859570').map((r) => r.slice(0, 3))).toEqual([
      ['8480-6', '123', '2023-12-21T16:24:19Z'],
      ['8462-4', '56', '2023-12-21T16:24:19Z'],
      ['8867-4', '64', '2023-12-21T16:24:19Z'],
    ]);
  });

  it.skipIf(!existsSync(corpus))('keeps a half pair alone and says so; a row with only a note imports nothing', () => {
    const doc = parseBpCsv(read('incomplete_export.csv'));
    expect(doc.records.map((r) => [r.codes[0]!.code, r.value?.number, r.start])).toEqual([
      ['8462-4', 45, '2023-12-22T10:11:48Z'],
      ['8480-6', 123, '2023-12-22T10:11:45Z'],
    ]);
    expect(doc.problems.map((p) => p.reason)).toEqual([
      'Row 2 holds no reading (only the note "note"), so nothing was imported from it.',
      'Row 3 gives only the diastolic pressure; it was imported alone.',
      'Row 4 gives only the systolic pressure; it was imported alone.',
    ]);
  });

  it('reads a semicolon file with a BOM and literal nulls, and is found by its header', () => {
    const text = '\uFEFFtimestampUnixMs;systolic;diastolic;pulse;notes\n1700000000000;128;82;null;null\n';
    expect(looksLikeBpCsv(text)).toBe(true);
    const doc = parseBpCsv(text);
    expect(doc.records.map((r) => [r.codes[0]!.code, r.value?.text])).toEqual([
      ['8480-6', '128'],
      ['8462-4', '82'],
    ]);
    expect(looksLikeBpCsv('date,value\n2020-01-01,5\n')).toBe(false);
  });
});
