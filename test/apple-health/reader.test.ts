// The export.xml reader over the public samples: what is kept, summarised and left out; blood
// pressure never counted twice; offsets kept across a DST change; malformed records refused
// one by one; workout routes never in anything kept.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExportReader, type KeyedDraft, type ReaderResult } from '../../main/importers/apple-health/reader.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/apple-health');
const present = existsSync(corpus);

function readText(text: string, options: { everySample?: boolean; chunk?: number } = {}): { spot: KeyedDraft[]; result: ReaderResult; all: KeyedDraft[] } {
  const spot: KeyedDraft[] = [];
  const reader = new ExportReader({ what: 'export.xml', batchSize: 2, ...(options.everySample ? { everySample: true } : {}) }, (batch) => spot.push(...batch));
  const chunk = options.chunk ?? 333;
  for (let i = 0; i < text.length; i += chunk) reader.write(text.slice(i, i + chunk));
  const result = reader.end();
  return { spot, result, all: [...spot, ...result.drafts] };
}

const sample = (file: string) => readFileSync(path.join(corpus, file), 'utf8');

describe.skipIf(!present)('Apple Health samples', () => {
  it('keeps a blood pressure given as a Correlation and also top-level once', () => {
    const { all, result } = readText(sample('local-health-agent/export.xml'));
    const bp = all.filter((d) => d.draft.details.panel === 'Blood pressure');
    expect(bp.map((d) => [d.draft.title, d.draft.value?.number, d.draft.value?.unit, d.draft.codes[0]?.code])).toEqual([
      ['Systolic blood pressure', 118, 'mm[Hg]', '8480-6'],
      ['Diastolic blood pressure', 76, 'mm[Hg]', '8462-4'],
    ]);
    expect(result.report.kept['BloodPressure']).toBe(1);
    expect(result.report.leftOut['BloodPressureCopies']).toBe(2);
  });

  it('keeps each reading’s own offset across the DST change', () => {
    const { all } = readText(sample('local-health-agent/export.xml'));
    const weights = all.filter((d) => d.draft.title === 'Body weight').map((d) => [d.draft.start, d.draft.value, d.draft.codes[0]?.code]);
    expect(weights).toEqual([
      ['2026-03-01T07:30:00-05:00', { number: 180, text: '180.0', unit: '[lb_av]' }, '29463-7'],
      ['2026-03-09T07:30:00-04:00', { number: 179, text: '179.0', unit: '[lb_av]' }, '29463-7'],
    ]);
  });

  it('summarises steps per source and day, and names the device', () => {
    const { all, result } = readText(sample('local-health-agent/export.xml'));
    const steps = all.filter((d) => d.draft.title === 'Steps, daily total');
    expect(steps.map((d) => [d.draft.start, d.source, d.draft.value?.number, d.draft.details.summaryOf])).toEqual([
      ['2026-03-02', 'Fixture Watch', 6000, 3],
      ['2026-03-02', 'Fixture Phone', 5500, 2],
      ['2026-03-03', 'Fixture Watch', 8500, 2],
    ]);
    expect(steps[0]!.draft.details.comment).toBe(
      'Daily summary of 3 readings from Fixture Watch (2026-03-02T09:00:00-05:00 to 2026-03-02T18:00:00-05:00): minimum 1000, mean 2000, maximum 3000, total 6000 {steps}.',
    );
    expect(result.report.summarised).toEqual({ StepCount: { readings: 7, summaries: 3 } });
    const resting = all.find((d) => d.draft.title === 'Resting heart rate')!;
    expect(resting.draft.details.comment).toBe('Recorded by Fixture Watch (Apple Watch).');
    expect(result.report.leftOut).toMatchObject({ SleepAnalysis: 4, HeartRateVariabilitySDNN: 3, Workout: 1, ActivitySummary: 2 });
    expect(result.patient).toEqual({ birthDate: '1990-01-01' });
  });

  it('refuses malformed records one by one, each with its reason, and keeps the rest', () => {
    const { all, result } = readText(sample('local-health-agent/export_malformed.xml'));
    expect(all.map((d) => d.draft.start)).toEqual(['2026-03-01T08:00:00-05:00', '2026-03-06T08:00:00-05:00']);
    expect(result.report.refused).toBe(4);
    expect(result.problems.map((p) => p.reason)).toEqual([
      'Line 19: a resting heart rate reading has an unreadable start date ("not-a-date"), so it was not imported.',
      'Line 20: a resting heart rate reading has no start date, so it was not imported.',
      'Line 21: a resting heart rate reading has the value "unknown", which is not a number, so it was not imported.',
      'Line 22: a body weight reading (180.0) gives no unit, so it cannot be read safely and was not imported.',
    ]);
    expect(result.problems.every((p) => p.kind === 'vitals')).toBe(true);
  });

  it('reads Me characteristics written as child elements', () => {
    const { result } = readText(sample('apple-health-analyzer/export.xml'));
    expect(result.patient).toEqual({ birthDate: '1980-01-01', sex: 'male' });
  });

  it('never keeps a workout route (inline locations or GPX references)', () => {
    for (const file of ['healthkit-to-sqlite/export.xml', 'healthkit-to-sqlite/zip_contents-export.xml', 'health-data-parser/export.xml']) {
      const { all, result } = readText(sample(file));
      const kept = JSON.stringify(all);
      expect(kept).not.toMatch(/latitude|longitude|37\.7777|-122\.426|\.gpx/);
      expect(result.report.leftOut['WorkoutRoute']).toBeGreaterThan(0);
    }
    expect(readText(sample('healthkit-to-sqlite/export.xml')).result.report.leftOut['RouteLocation']).toBe(2);
  });

  it('keeps every sample when asked, and gives the same result however the file is cut', () => {
    const text = sample('apple-health-parser/export.xml');
    const summarised = readText(text);
    expect(summarised.all.map((d) => [d.draft.title, d.draft.value?.number])).toEqual([['Heart rate, daily mean', 74.5]]);
    const every = readText(text, { everySample: true });
    expect(every.all.map((d) => [d.draft.title, d.draft.start, d.draft.value?.number])).toEqual([
      ['Heart rate', '2024-01-01T01:01:36+02:00', 74],
      ['Heart rate', '2024-01-01T01:01:37+02:00', 75],
    ]);
    expect(every.result.report.kept).toEqual({ HeartRate: 2 });
    expect(JSON.stringify(readText(text, { chunk: 1 }).all)).toBe(JSON.stringify(summarised.all));
  });
});

describe('readings the samples lack', () => {
  const record = (type: string, attrs: string, meta = '') =>
    `<Record type="HKQuantityTypeIdentifier${type}" sourceName="Oxi" ${attrs} startDate="2025-01-05 10:00:00 +0100" endDate="2025-01-05 10:00:00 +0100">${meta}</Record>`;
  const doc = (...records: string[]) => `<HealthData locale="de_DE"><ExportDate value="2025-01-06 08:00:00 +0100"/>${records.join('')}</HealthData>`;

  it('gives oxygen saturation as a percentage beside the fraction Apple stores, and says when it was typed in', () => {
    const { all } = readText(doc(record('OxygenSaturation', 'unit="%" value="0.97"', '<MetadataEntry key="HKWasUserEntered" value="1"/>')));
    expect(all[0]!.draft.value).toEqual({ number: 97, text: '0.97', unit: '%' });
    expect(all[0]!.draft.details.comment).toBe('Typed in by the person in Oxi. Apple Health gives it as the fraction 0.97.');
    expect(all[0]!.draft.codes[0]!.code).toBe('59408-5');
  });

  it('summarises oxygen from a watch and keeps a finger oximeter’s readings one by one', () => {
    const watch = 'device="&lt;&lt;HKDevice: 0x1&gt;, name:Apple Watch, manufacturer:Apple Inc.&gt;"';
    const { all, result } = readText(doc(record('OxygenSaturation', `unit="%" value="0.95" ${watch}`), record('OxygenSaturation', 'unit="%" value="0.99"')));
    expect(all.map((d) => [d.draft.title, d.draft.value?.number])).toEqual([
      ['Oxygen saturation', 99],
      ['Oxygen saturation, daily mean', 95],
    ]);
    expect(result.report.kept).toEqual({ OxygenSaturation: 1 });
  });

  it('codes glucose by its unit, temperature in °F, and refuses a unit it does not know', () => {
    const { all, result } = readText(
      doc(record('BloodGlucose', 'unit="mmol&lt;180.1558800000541&gt;/L" value="5.4"'), record('BodyTemperature', 'unit="degF" value="98.6"'), record('BodyMass', 'unit="stone-ish" value="12"')),
    );
    expect(all.map((d) => [d.draft.kind, d.draft.codes[0]!.code, d.draft.value?.unit])).toEqual([
      ['result', '15074-8', 'mmol/L'],
      ['vital', '8310-5', '[degF]'],
    ]);
    expect(result.problems[0]!.reason).toBe('Line 1: a body weight reading (12) is in a unit Chartkeeper does not know ("stone-ish"), so it was not imported.');
  });

  it('pairs top-level systolic and diastolic readings without a Correlation, and refuses one without its partner', () => {
    const { all, result } = readText(
      doc(record('BloodPressureSystolic', 'unit="mmHg" value="131"'), record('BloodPressureDiastolic', 'unit="mmHg" value="84"'), record('BloodPressureSystolic', 'unit="mmHg" value="140"').replace('10:00:00', '11:00:00')),
    );
    expect(all.map((d) => d.draft.value?.number)).toEqual([131, 84]);
    expect(result.problems.map((p) => p.reason)).toEqual(['Line 1: a systolic pressure (140) from Oxi at 2025-01-05 11:00:00 +0100 has no diastolic partner, so it was not imported.']);
  });

  it('lists the first 200 refusals and counts the rest', () => {
    const bad = Array.from({ length: 250 }, () => record('BodyMass', 'value="80"')).join('\n');
    const { result } = readText(doc(bad));
    expect(result.report.refused).toBe(250);
    expect(result.problems).toHaveLength(201);
    expect(result.problems.at(-1)).toMatchObject({ kind: 'vitals', reason: '50 more readings were refused for reasons like those above.', textOnly: 50 });
  });
});
