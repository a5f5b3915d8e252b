import { describe, expect, it } from 'vitest';
import { applyMapping, layoutOf, mappingProblem, previewMapping, type CsvMapping } from '../../../main/importers/csv-mapping/index.ts';
import { ImportError } from '../../../main/importers/errors.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

// A European scale's export: BOM, a banner line, semicolons, decimal commas, local times.
const SCALE = '\uFEFFExportiert von WaageApp 2.1\n\nDatum;Uhrzeit;Gewicht;Einheit;Notiz\n03.02.2024;07:15;72,5;kg;nach dem Aufstehen\n04.02.2024;07:20;72,1;kg;\n05.02.2024;7:05;;kg;vergessen\n31.02.2024;07:00;71,9;kg;\n06.02.2024;07:10;158,4;lbs;\n07.02.2024;07:11;71.8;kg;\n';

const scaleMapping = (over: Partial<CsvMapping> = {}): CsvMapping => ({
  name: 'WaageApp',
  header: ['Datum', 'Uhrzeit', 'Gewicht', 'Einheit', 'Notiz'],
  delimiter: ';',
  date: { column: 0, order: 'dmy' },
  time: { column: 1 },
  zone: { local: true },
  decimal: ',',
  values: [{ column: 2, measure: 'weight', unit: { column: 3 } }],
  ...over,
});

describe('an unknown CSV layout', () => {
  it('finds the header under a banner, the delimiter and the decimal commas, BOM removed', () => {
    const layout = layoutOf(bytes(SCALE));
    expect(layout).toMatchObject({ delimiter: ';', header: ['Datum', 'Uhrzeit', 'Gewicht', 'Einheit', 'Notiz'], bannerLines: 2, rowCount: 6, decimalCommas: true });
    expect(layout?.sample[0]).toEqual(['03.02.2024', '07:15', '72,5', 'kg', 'nach dem Aufstehen']);
  });

  it('is not a table when no line reads as a header followed by a row of as many cells', () => {
    expect(layoutOf(bytes('Just a letter.\nDear doctor, thank you.\n'))).toBeUndefined();
    expect(layoutOf(bytes('1;2;3\n4;5;6\n'))).toBeUndefined();
  });
});

describe('applying a column mapping', () => {
  it('stores each value with its LOINC code and unit, and refuses bad lines one by one with a reason', () => {
    const doc = applyMapping(SCALE, scaleMapping());
    expect(doc.records.map((r) => [r.codes[0]!.code, r.value?.number, r.value?.text, r.value?.unit, r.start])).toEqual([
      ['29463-7', 72.5, '72.5', 'kg', '2024-02-03T07:15'],
      ['29463-7', 72.1, '72.1', 'kg', '2024-02-04T07:20'],
      ['29463-7', 158.4, '158.4', '[lb_av]', '2024-02-06T07:10'],
    ]);
    expect(doc.records[0]!.details.comment).toBe('From WaageApp, line 4; written "72,5".');
    expect(doc.document).toMatchObject({ authorOrganization: 'WaageApp', title: 'Home measurements', date: '2024-02-06' });
    const refused = doc.problems.filter((p) => p.kind).map((p) => p.reason);
    expect(refused).toEqual([
      'Line 6 holds no value in the mapped columns, so nothing was imported from it.',
      'Line 7 was not imported: the date "31.02.2024" is not a day on the calendar when read as day/month/year.',
      'Line 9 was not imported: "71.8" is written with a point, but this mapping says a comma marks decimals.',
    ]);
    expect(doc.problems[0]!.reason).toBe('2 lines above the header were not read.');
  });

  it('never guesses a decimal comma: without the answer such a line is refused', () => {
    const { decimal: _, ...unasked } = scaleMapping();
    const doc = applyMapping(SCALE, unasked);
    expect(doc.records.map((r) => r.value?.number)).toEqual([71.8]);
    expect(doc.problems.map((p) => p.reason)).toContain('Line 4 was not imported: "72,5" is written with a comma, and this mapping does not say whether a comma marks decimals.');
  });

  it('never guesses a zone: a time without one needs the answer', () => {
    const { zone: _, ...unasked } = scaleMapping();
    expect(() => applyMapping(SCALE, unasked)).toThrow(/None of the 6 lines could be read with the mapping "WaageApp" \(Line 4 was not imported: its time has no time zone/);
  });

  it('reads zones: a fixed offset, an IANA zone (with its summer time), UTC, a zone column and a zone in the cell', () => {
    const text = 'when,zone,bpm\n2024-01-10 08:00,+01:00,60\n2024-07-10 08:00,Europe/Madrid,61\n2024-07-10 08:00:30Z,Asia/Tokyo,62\n2024-07-10 08:00,Mars/Olympus,63\n';
    const base: CsvMapping = { name: 'Band', header: ['when', 'zone', 'bpm'], delimiter: ',', date: { column: 0, order: 'ymd' }, values: [{ column: 2, measure: 'pulse', unit: { fixed: '/min' } }] };
    const byColumn = applyMapping(text, { ...base, zone: { column: 1 } });
    expect(byColumn.records.map((r) => r.start)).toEqual(['2024-01-10T08:00:00+01:00', '2024-07-10T08:00:00+02:00', '2024-07-10T08:00:30Z']);
    expect(byColumn.problems.map((p) => p.reason)).toEqual(['Line 5 was not imported: the time zone "Mars/Olympus" cannot be read.']);
    const madrid = applyMapping(text, { ...base, zone: { iana: 'Europe/Madrid' } });
    expect(madrid.records.map((r) => r.start)).toEqual(['2024-01-10T08:00:00+01:00', '2024-07-10T08:00:00+02:00', '2024-07-10T08:00:30Z', '2024-07-10T08:00:00+02:00']);
    expect(applyMapping(text, { ...base, zone: { utc: true } }).records[0]!.start).toBe('2024-01-10T08:00:00Z');
    expect(applyMapping(text, { ...base, zone: { offset: '-0500' } }).records[0]!.start).toBe('2024-01-10T08:00:00-05:00');
  });

  it('reads month-first dates with AM/PM, epoch seconds, and refuses two-digit years', () => {
    const us = 'Date,Glucose (mg/dL)\n"03/04/2024 8:15 PM",105\n03/04/24 9:00 PM,99\n';
    const doc = applyMapping(us, { name: 'Meter', header: ['Date', 'Glucose (mg/dL)'], delimiter: ',', date: { column: 0, order: 'mdy' }, zone: { local: true }, values: [{ column: 1, measure: 'glucose', unit: { fixed: 'mg/dL' } }] });
    expect(doc.records.map((r) => [r.kind, r.codes[0]!.code, r.start, r.value?.unit])).toEqual([['result', '2339-0', '2024-03-04T20:15', 'mg/dL']]);
    expect(doc.problems.map((p) => p.reason)).toEqual(['Line 3 was not imported: the date "03/04/24 9:00 PM" has a two-digit year, which could be more than one century.']);
    const epoch = applyMapping('ts\tmmol\n1704067200\t5,4\n', { name: 'Meter', header: ['ts', 'mmol'], delimiter: '\t', decimal: ',', date: { column: 0, order: 'epoch-s' }, values: [{ column: 1, measure: 'glucose', unit: { fixed: 'mmol/L' } }] });
    expect(epoch.records.map((r) => [r.codes[0]!.code, r.start, r.value?.number])).toEqual([['15074-8', '2024-01-01T00:00:00Z', 5.4]]);
  });

  it('pairs systolic and diastolic as a blood-pressure panel, flags implausible values, refuses unknown units and short lines', () => {
    const text = 'Date;SYS;DIA;Pulse;Unit\n2024-05-01;128;82;70;mmHg\n2024-05-02;400;82;70;mmHg\n2024-05-03;120;80;70;kPa\n2024-05-04;120;80\n';
    const doc = applyMapping(text, {
      name: 'Cuff',
      header: ['Date', 'SYS', 'DIA', 'Pulse', 'Unit'],
      delimiter: ';',
      date: { column: 0, order: 'ymd' },
      values: [
        { column: 1, measure: 'systolic', unit: { column: 4 } },
        { column: 2, measure: 'diastolic', unit: { column: 4 } },
        { column: 3, measure: 'pulse', unit: { fixed: '/min' } },
      ],
    });
    expect(doc.records.slice(0, 3).map((r) => [r.codes[0]!.code, r.start, r.details.panel])).toEqual([
      ['8480-6', '2024-05-01', 'Blood pressure'],
      ['8462-4', '2024-05-01', 'Blood pressure'],
      ['8867-4', '2024-05-01', undefined],
    ]);
    expect(doc.records).toHaveLength(6);
    expect(doc.problems.map((p) => p.reason)).toEqual([
      'Line 3 (systolic blood pressure 400) is outside what is usually measured; it was imported as written, please check it.',
      'Line 4 was not imported: the unit "kPa" is not one Chartkeeper knows for systolic blood pressure.',
      'Line 5 has 3 cells where the header has 5, so it was not imported.',
    ]);
  });

  it('refuses a file whose header is not the mapping’s, and a mapping that names a column twice or one that does not exist', () => {
    expect(() => applyMapping('a;b\n1;2\n', scaleMapping())).toThrow(ImportError);
    expect(() => applyMapping('a;b\n1;2\n', scaleMapping())).toThrow('This file\'s columns are not the ones the mapping "WaageApp" was made for, so it was not imported.');
    expect(mappingProblem(scaleMapping({ values: [{ column: 9, measure: 'weight', unit: { fixed: 'kg' } }] }))).toBe('This column mapping names a column the file does not have.');
    expect(mappingProblem(scaleMapping({ values: [{ column: 0, measure: 'weight', unit: { fixed: 'kg' } }] }))).toBe('A column cannot be both a date and a measurement.');
    expect(mappingProblem(scaleMapping({ values: [{ column: 2, measure: 'weight', unit: { fixed: 'mmHg' } }] }))).toBe('The unit "mmHg" is not one of body weight.');
  });

  it('previews the first rows as they would be stored', () => {
    const preview = previewMapping(SCALE, scaleMapping(), 2);
    expect(preview.total).toBe(6);
    expect(preview.rows.map((r) => [r.line, r.records.map((d) => d.value?.number), r.refused])).toEqual([
      [4, [72.5], undefined],
      [5, [72.1], undefined],
    ]);
  });
});
