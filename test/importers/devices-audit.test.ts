// What the clinician's check of the device and card importers found (README "How the importers
// were checked"): each case fails on the code before the fix. Fixtures are written here; the
// corpus files where each was found are read when present.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportReader, type KeyedDraft } from '../../main/importers/apple-health/reader.ts';
import { parseBpCsv } from '../../main/importers/bp-csv/index.ts';
import { applyMapping, previewMapping } from '../../main/importers/csv-mapping/index.ts';
import { instantInZone } from '../../main/importers/csv-mapping/times.ts';
import type { CsvMapping } from '../../main/importers/csv-mapping/types.ts';
import { parseGlucoseCsv } from '../../main/importers/glucose-csv/index.ts';
import { parseFile } from '../../main/importers/index.ts';
import { readableQuantity, unitLabelIn } from '../../main/records/readable/index.ts';
import { importErrorKey, skippedReason } from '../../renderer/i18n/import-errors.ts';
import { exportXml } from '../apple-health/fixtures.ts';

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus');
const has = (file: string): boolean => existsSync(path.join(corpus, file));
const read = (file: string): Buffer => readFileSync(path.join(corpus, file));

describe('times written as instants are read where the person is, not as the UTC clock', () => {
  it('gives the wall-clock time and offset of a zone at that instant, across a clock change', () => {
    expect(instantInZone(Date.UTC(2023, 11, 22, 4, 30), 'America/Los_Angeles')).toBe('2023-12-21T20:30:00-08:00');
    expect(instantInZone(Date.UTC(2023, 6, 22, 4, 30), 'America/Los_Angeles')).toBe('2023-07-21T21:30:00-07:00');
    expect(instantInZone(Date.UTC(2024, 2, 31, 0, 59, 59), 'Europe/Madrid')).toBe('2024-03-31T01:59:59+01:00');
    expect(instantInZone(Date.UTC(2024, 2, 31, 1, 0, 0), 'Europe/Madrid')).toBe('2024-03-31T03:00:00+02:00');
    expect(instantInZone(Date.UTC(2024, 0, 1, 7, 30), 'Europe/London')).toBe('2024-01-01T07:30:00Z');
  });

  // 1703219400000 is 2023-12-22 04:30 UTC: an evening reading, 20:30 on the 21st, in California.
  const BP = 'timestampUnixMs,systolic,diastolic,pulse,notes\n1703219400000,131,84,70,after dinner\n';

  it('a blood-pressure monitor reading taken on a California evening stays on that evening, and the report says which zone', () => {
    const doc = parseBpCsv(BP, { localZone: 'America/Los_Angeles' });
    expect(doc.records.map((r) => [r.codes[0]!.code, r.start])).toEqual([
      ['8480-6', '2023-12-21T20:30:00-08:00'],
      ['8462-4', '2023-12-21T20:30:00-08:00'],
      ['8867-4', '2023-12-21T20:30:00-08:00'],
    ]);
    expect(doc.problems[0]!.reason).toBe("The file writes each time without the time zone it was taken in; the times are shown in this computer's time zone, America/Los_Angeles.");
    expect(skippedReason(doc.problems[0]!.reason)).toEqual({ key: 'note_bpZone', vars: { zone: 'America/Los_Angeles' } });
    // Without a zone (or in UTC) the instant is kept in UTC, and nothing is said.
    expect(parseBpCsv(BP).records[0]!.start).toBe('2023-12-22T04:30:00Z');
    expect(parseBpCsv(BP, { localZone: 'UTC' }).problems).toEqual([]);
    expect(parseBpCsv(BP, { localZone: 'Not/AZone' }).records[0]!.start).toBe('2023-12-22T04:30:00Z');
  });

  it('parseFile hands this computer’s zone to the blood-pressure importer', () => {
    const parsed = parseFile(new TextEncoder().encode(BP), 'bp.csv', { localZone: 'Europe/Madrid' });
    expect(parsed.format).toBe('bp-csv');
    expect(parsed.documents[0]!.records[0]!.start).toBe('2023-12-22T05:30:00+01:00');
  });

  it.skipIf(!has('bp-csv/blood-pressure-monitor-fl/v1.0.csv'))('the corpus v1.0 export: 1703175600000 is 08:20 in California', () => {
    const doc = parseBpCsv(read('bp-csv/blood-pressure-monitor-fl/v1.0.csv').toString('utf8'), { localZone: 'America/Los_Angeles' });
    expect(doc.records.map((r) => [r.codes[0]!.code, r.value?.text, r.start])).toContainEqual(['8480-6', '123', '2023-12-21T08:20:00-08:00']);
  });

  const mapping: CsvMapping = {
    name: 'Cuff app',
    header: ['ms', 'sys', 'dia'],
    delimiter: ',',
    date: { column: 0, order: 'epoch-ms' },
    values: [
      { column: 1, measure: 'systolic', unit: { fixed: 'mm[Hg]' } },
      { column: 2, measure: 'diastolic', unit: { fixed: 'mm[Hg]' } },
    ],
  };
  const CSV = 'ms,sys,dia\n1703219400000,131,84\n';

  it('a column mapping with dates in milliseconds since 1970 reads them in this computer’s zone, or the mapping’s', () => {
    expect(applyMapping(CSV, mapping, 'America/New_York').records[0]!.start).toBe('2023-12-21T23:30:00-05:00');
    expect(previewMapping(CSV, mapping, 5, 'America/New_York').rows[0]!.records[0]!.start).toBe('2023-12-21T23:30:00-05:00');
    expect(applyMapping(CSV, { ...mapping, zone: { iana: 'Asia/Tokyo' } }, 'America/New_York').records[0]!.start).toBe('2023-12-22T13:30:00+09:00');
    // Said to be UTC, or no zone known: the instant in UTC, as before.
    expect(applyMapping(CSV, { ...mapping, zone: { utc: true } }, 'America/New_York').records[0]!.start).toBe('2023-12-22T04:30:00Z');
    expect(applyMapping(CSV, mapping).records[0]!.start).toBe('2023-12-22T04:30:00Z');
  });
});

describe('what a Dexcom export holds that is not imported is named', () => {
  const DEXCOM = [
    'Index,Timestamp (YYYY-MM-DDThh:mm:ss),Event Type,Event Subtype,Patient Info,Device Info,Source Device ID,Glucose Value (mg/dL),Insulin Value (u),Carb Value (grams),Duration (hh:mm:ss),Glucose Rate of Change (mg/dL/min),Transmitter Time (Long Integer)',
    '1,,Device,,,Dexcom G6 Mobile App,iPhone G6,,,,,,',
    '2,,Alert,High,,,iPhone G6,200,,,,,',
    '3,,Alert,Urgent Low,,,iPhone G6,55,,,,,',
    '4,2020-02-13T17:50:00,EGV,,,,iPhone G6,108,,,,,11101',
  ].join('\n');

  it('alert settings are counted and quoted, never dropped without a word', () => {
    const doc = parseGlucoseCsv(DEXCOM);
    const alert = doc.problems.find((p) => p.notice?.kind === 'not-read');
    expect(alert).toEqual({
      reason: '2 Alert entries of this Dexcom export were not imported because Chartkeeper does not read them yet. The file says: "High", "Urgent Low".',
      notice: { kind: 'not-read', resourceType: 'Alert', count: 2, words: ['High', 'Urgent Low'] },
    });
  });

  it.skipIf(!has('glucose-csv/cgm_format/Clarity_Export_synthetic.csv'))('the corpus Clarity export: 7 alert settings and 47 insulin entries are said', () => {
    const doc = parseGlucoseCsv(read('glucose-csv/cgm_format/Clarity_Export_synthetic.csv').toString('utf8'));
    const notRead = doc.problems.flatMap((p) => (p.notice?.kind === 'not-read' ? [[p.notice.resourceType, p.notice.count]] : []));
    expect(notRead).toEqual([
      ['Alert', 7],
      ['Insulin', 47],
    ]);
  });
});

describe('a medication that points to a resource the file does not hold', () => {
  it('is named with the reference, and the Spanish screen can say it', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'resource:0', resource: { resourceType: 'Patient', name: [{ family: 'Fixture', given: ['Ana'] }], birthDate: '1960-01-20' } },
        { fullUrl: 'resource:1', resource: { resourceType: 'MedicationStatement', status: 'active', medicationReference: { reference: 'Medication/abc-123' }, subject: { reference: 'resource:0' } } },
        { fullUrl: 'resource:2', resource: { resourceType: 'MedicationStatement', status: 'active', subject: { reference: 'resource:0' } } },
      ],
    };
    const parsed = parseFile(new TextEncoder().encode(JSON.stringify(bundle)), 'bundle.json');
    const reasons = parsed.documents[0]!.problems.map((p) => p.reason);
    expect(reasons).toContain('A medication entry points to its medication as "Medication/abc-123", which is not in this file, so it was not imported.');
    // With no reference at all, the sentence stays the one it was.
    expect(reasons).toContain('A medication entry does not name the medication.');
    expect(skippedReason(reasons[0]!)).toEqual({ key: 'reason_missingReference', vars: { ref: 'Medication/abc-123' } });
  });

  it.skipIf(!has('shc/smart-health-cards-and-links/example-02-e-file.smart-health-card'))('the HL7 IPS health card: anastrozole’s statement points to "Medication/6369…", which the card renumbered', () => {
    const parsed = parseFile(read('shc/smart-health-cards-and-links/example-02-e-file.smart-health-card'), 'card.smart-health-card');
    expect(parsed.documents[0]!.problems.map((p) => p.reason)).toContain(
      'A medication entry points to its medication as "Medication/6369a973-afc7-4617-8877-3e9811e05a5b", which is not in this file, so it was not imported.',
    );
  });
});

describe('an Apple Health glucose reading says whether it was before or after a meal', () => {
  const glucose = (time: string, value: number, meal?: string) =>
    ` <Record type="HKQuantityTypeIdentifierBloodGlucose" sourceName="Contour" unit="mg/dL" startDate="2026-02-01 ${time} -0500" endDate="2026-02-01 ${time} -0500" value="${value}">` +
    `${meal === undefined ? '' : `<MetadataEntry key="HKBloodGlucoseMealTime" value="${meal}"/>`}</Record>\n`;

  it('keeps HealthKit’s meal time with its own value beside the words', () => {
    const drafts: KeyedDraft[] = [];
    const reader = new ExportReader({ what: 'export.xml' }, (batch) => drafts.push(...batch));
    reader.write(exportXml(glucose('07:10:00', 112, '1') + glucose('09:15:00', 168, '2') + glucose('12:00:00', 96) + glucose('18:00:00', 101, '3')));
    drafts.push(...reader.end().drafts);
    expect(drafts.map((d) => [d.draft.start, d.draft.value?.number, d.draft.details.comment])).toEqual([
      ['2026-02-01T07:10:00-05:00', 112, 'Recorded by Contour. Before a meal (Apple Health meal time 1, preprandial).'],
      ['2026-02-01T09:15:00-05:00', 168, 'Recorded by Contour. After a meal (Apple Health meal time 2, postprandial).'],
      ['2026-02-01T12:00:00-05:00', 96, 'Recorded by Contour.'],
      ['2026-02-01T18:00:00-05:00', 101, 'Recorded by Contour. Apple Health meal time "3".'],
    ]);
  });
});

describe('a SMART Health Link is named as one, not as an unknown file', () => {
  const key = 'rxTgYlOaKJPFtcEd0qcceN8wEU4p94SqAwIWQe6uX7Q';
  const payload = { url: 'https://links.example.org/abc', flag: 'LU', key, label: 'My summary' };
  const link = `shlink:/${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;

  it('its payload, a file that carries one, and the link text are refused with one sentence the Spanish screen knows', () => {
    for (const [name, text] of [
      ['link.json', JSON.stringify(payload)],
      ['details.json', JSON.stringify({ shlinkJsonPayload: payload, shlink: link })],
      ['link.txt', link],
      ['viewer.txt', `https://viewer.example.org/shlink.html#${link}`],
    ] as const) {
      let error = '';
      try {
        parseFile(new TextEncoder().encode(text), name);
      } catch (e) {
        error = (e as Error).message;
      }
      expect(error).toBe('This file is a SMART Health Link (the address and key of records kept elsewhere), which Chartkeeper cannot open yet.');
      expect(importErrorKey({ error })).toBe('importErr_healthLink');
    }
    // A JSON with a url and a key that is not a link's 32-byte key is not taken for one.
    expect(() => parseFile(new TextEncoder().encode(JSON.stringify({ url: 'https://x.example.org', key: 'abc' })), 'x.json')).toThrow(/is not a health record Chartkeeper can read/);
  });
});

describe('the steps unit Chartkeeper writes for Apple Health is said in the reader’s language', () => {
  it('reads "pasos" on a Spanish screen and "steps" on an English one; a source’s own annotation stays as written', () => {
    const steps = { number: 8500, text: '8500', unit: '{steps}' };
    expect(readableQuantity(steps, { locale: 'es-ES', units: 'metric', glucose: 'auto' })?.text).toMatch(/^8[.\u00a0]?500 pasos$/);
    expect(readableQuantity(steps, { locale: 'en-US', units: 'us', glucose: 'auto' })?.text).toMatch(/^8,?500 steps$/);
    expect(unitLabelIn('{beats}/min', 'es')).toBe('beats/min');
    expect(unitLabelIn(undefined, 'es')).toBe('');
  });
});
