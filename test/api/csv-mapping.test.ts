// A CSV of unknown layout: refused with its columns offered for mapping, previewed, imported
// with the person's mapping into Trends, the mapping saved and offered for the next file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import type { CsvMapping } from '../../preload/contract.ts';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

const SCALE = 'Scale export v3\nDate;Time;Weight;Unit\n01.03.2024;07:10;81,4;kg\n02.03.2024;07:12;81,1;kg\n03.03.2024;07:05;eighty;kg\n';
const MAPPING: CsvMapping = {
  name: 'Bathroom scale',
  header: ['Date', 'Time', 'Weight', 'Unit'],
  delimiter: ';',
  date: { column: 0, order: 'dmy' },
  time: { column: 1 },
  zone: { iana: 'Europe/Madrid' },
  decimal: ',',
  values: [{ column: 2, measure: 'weight', unit: { column: 3 } }],
};

async function profile() {
  const api = testApi(tempDir());
  await ok(api, 'vault.create', { passphrase: PASS });
  const ana = await ok(api, 'profiles.add', { name: 'Ana Fixture', birthDate: '1960-01-20' });
  return { api, ana };
}

describe('CSV column mappings', () => {
  test('a FHIR file refused for having no patient is not offered as a table of columns', async () => {
    const { api, ana } = await profile();
    const json = '{\n  "resourceType": "Bundle",\n  "id": "b",\n  "type": "collection",\n  "entry": [{ "resource": { "resourceType": "SearchParameter", "id": "x" } }]\n}\n';
    const refused = await ok(api, 'import.files', { profileId: ana.id, files: [file('bundle.json', json)] });
    expect(refused.files[0]!.error).toMatch(/has no Patient resource/);
    expect(refused.files[0]!.csvLayout).toBeUndefined();
  });

  test('a zip with no health record in it is refused without its compressed bytes offered as columns', async () => {
    // As NIST's Siemens XDM sample: only INDEX.HTM and README.TXT, no clinical document.
    const { api, ana } = await profile();
    const bytes = zipSync({ 'INDEX.HTM': new TextEncoder().encode('<html><body>Index</body></html>'), 'README.TXT': new TextEncoder().encode('Sample, no documents; see index\n') });
    const refused = await ok(api, 'import.files', { profileId: ana.id, files: [{ name: 'package.zip', bytes }] });
    expect(refused.files[0]).toMatchObject({ errorKind: 'unreadable-file' });
    expect(refused.files[0]!.csvLayout).toBeUndefined();
  });

  test('an unknown table is refused with its columns offered; with the mapping it joins Trends', async () => {
    const { api, ana } = await profile();
    const refused = await ok(api, 'import.files', { profileId: ana.id, files: [file('scale.csv', SCALE)] });
    expect(refused.files[0]).toMatchObject({ errorKind: 'unreadable-file', csvLayout: { header: ['Date', 'Time', 'Weight', 'Unit'], mappings: [] } });

    const layout = await ok(api, 'csv.layout', { file: file('scale.csv', SCALE) });
    expect(layout).toMatchObject({ delimiter: ';', bannerLines: 1, rowCount: 3, decimalCommas: true, mappings: [] });

    const preview = await ok(api, 'csv.preview', { file: file('scale.csv', SCALE), mapping: MAPPING });
    expect(preview.rows.map((r) => [r.line, r.readings.map((x) => [x.code, x.value, x.unit, x.date]), r.refused])).toEqual([
      [3, [['29463-7', '81.4', 'kg', '2024-03-01T07:10:00+01:00']], undefined],
      [4, [['29463-7', '81.1', 'kg', '2024-03-02T07:12:00+01:00']], undefined],
      [5, [], 'Line 5 was not imported: "eighty" is not a number.'],
    ]);

    const imported = await ok(api, 'import.files', { profileId: ana.id, files: [file('scale.csv', SCALE)], mapping: MAPPING });
    expect(imported.files[0]).toMatchObject({ format: 'csv-mapped', counts: { vitals: { read: 3, new: 2, skipped: 1 } } });
    expect(imported.files[0]!.skipped).toEqual([{ kind: 'vitals', reason: 'Line 5 was not imported: "eighty" is not a number.' }]);
    const series = await ok(api, 'trends.series', { profileId: ana.id, code: '29463-7' });
    expect(series.points.map((p) => [p.date, p.originalValue, p.sources])).toEqual([
      ['2024-03-01T07:10:00+01:00', 81.4, ['Bathroom scale']],
      ['2024-03-02T07:12:00+01:00', 81.1, ['Bathroom scale']],
    ]);
  });

  test('a saved mapping is offered for the next file with the same header, names are unique, and it can be deleted', async () => {
    const { api, ana } = await profile();
    await ok(api, 'csv.saveMapping', { mapping: MAPPING });
    expect((await fails(api, 'csv.saveMapping', { mapping: MAPPING })).message).toBe('A mapping named "Bathroom scale" is already saved; choose another name or replace it.');
    const next = await ok(api, 'import.files', { profileId: ana.id, files: [file('april.csv', 'Date;Time;Weight;Unit\n01.04.2024;07:00;80,9;kg\n')] });
    expect(next.files[0]!.csvLayout).toEqual({ header: ['Date', 'Time', 'Weight', 'Unit'], mappings: ['Bathroom scale'] });
    expect((await ok(api, 'csv.layout', { file: file('april.csv', 'Date;Time;Weight;Unit\n01.04.2024;07:00;80,9;kg\n') })).mappings.map((m) => m.name)).toEqual(['Bathroom scale']);
    const other = await ok(api, 'import.files', { profileId: ana.id, files: [file('other.csv', 'when,bpm\n2024-01-01,60\n')] });
    expect(other.files[0]!.csvLayout?.mappings).toEqual([]);
    expect(await ok(api, 'csv.deleteMapping', { name: 'bathroom  SCALE' })).toEqual([]);
  });

  test('a mapping is validated at the boundary and a file that is not a table has no columns to map', async () => {
    const { api } = await profile();
    const bad = await fails(api, 'csv.preview', { file: file('x.csv', SCALE), mapping: { ...MAPPING, values: [] } });
    expect(bad).toMatchObject({ kind: 'invalid-input', message: 'Choose at least one column that holds a measurement.' });
    const wrongHeader = await fails(api, 'csv.preview', { file: file('x.csv', 'a;b\n1;2\n'), mapping: MAPPING });
    expect(wrongHeader.message).toBe('This file\'s columns are not the ones the mapping "Bathroom scale" was made for, so it was not imported.');
    expect((await fails(api, 'csv.layout', { file: file('letter.txt', 'Dear doctor,\nthank you.\n') })).message).toBe('This file is not a table of columns, so there are no columns to choose.');
  });
});

describe('keeping every glucose sensor reading', () => {
  const GLUCOSE = path.resolve(import.meta.dirname, '../../../shared/corpus/glucose-csv/SEP-backend/abbott_14th_upload.csv');
  test.skipIf(!existsSync(GLUCOSE))('import.files everySample keeps each sensor reading; without it one summary per day', async () => {
    const bytes = new Uint8Array(readFileSync(GLUCOSE));
    const summarised = await profile();
    const daily = await ok(summarised.api, 'import.files', { profileId: summarised.ana.id, files: [{ name: 'libre.csv', bytes }] });
    const every = await profile();
    const all = await ok(every.api, 'import.files', { profileId: every.ana.id, files: [{ name: 'libre.csv', bytes }], everySample: true });
    const results = (r: typeof daily) => r.files[0]!.counts?.results?.new ?? 0;
    expect(results(daily)).toBeLessThan(5);
    expect(results(all)).toBe(55);
    const titles = async (p: Awaited<ReturnType<typeof profile>>) => new Set((await ok(p.api, 'records.list', { profileId: p.ana.id, kinds: ['result'] })).map((e) => e.title));
    expect([...(await titles(every))]).toEqual(['Glucose (sensor)']);
    expect([...(await titles(summarised))].every((t) => t.startsWith('Glucose (sensor), daily'))).toBe(true);
  });
});
