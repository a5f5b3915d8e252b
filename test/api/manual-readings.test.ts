// Readings and lab results typed in by the person: stored with the person as the source,
// validated at the boundary, and drawn in Trends beside every other source of the same test.
import { describe, expect, test } from 'vitest';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const LOINC = (code: string) => [{ system: 'LOINC', code }];

async function profile() {
  const api = testApi(tempDir());
  await ok(api, 'vault.create', { passphrase: PASS });
  const ana = await ok(api, 'profiles.add', { name: 'Ana Fixture', birthDate: '1960-01-20' });
  return { api, profileId: ana.id };
}

describe('readings and lab results entered by hand', () => {
  test('a weight reading is the person\'s own entry and joins the weight trend, in the unit the person chose', async () => {
    const { api, profileId } = await profile();
    const saved = await ok(api, 'records.save', {
      profileId,
      entry: { kind: 'vital', title: 'Body weight', codes: LOINC('29463-7'), start: '2026-02-01T07:30', value: { number: 160.2, text: '160.2', unit: 'lbs' }, details: {} },
    });
    expect(saved).toMatchObject({ manual: true, kind: 'vital', value: { number: 160.2, text: '160.2', unit: '[lb_av]' }, start: '2026-02-01T07:30' });
    expect(saved.sources.map((p) => p.provider)).toEqual(['Entered by hand']);
    await ok(api, 'records.save', { profileId, entry: { kind: 'vital', title: 'Body weight', codes: LOINC('29463-7'), start: '2026-02-08', value: { number: 72, unit: 'kg' }, details: {} } });
    const series = await ok(api, 'trends.series', { profileId, code: '29463-7' });
    expect(series.points.map((p) => [p.date, p.originalValue, p.originalUnit, p.sources])).toEqual([
      ['2026-02-01T07:30', 160.2, '[lb_av]', ['Entered by hand']],
      ['2026-02-08', 72, 'kg', ['Entered by hand']],
    ]);
  });

  test('glucose in mmol/L is stored under the moles code; a lab result keeps its range and reads High from it', async () => {
    const { api, profileId } = await profile();
    const glucose = await ok(api, 'records.save', {
      profileId,
      entry: { kind: 'result', title: 'Glucose (meter)', codes: LOINC('2339-0'), start: '2026-02-01T08:00', value: { number: 5.4, text: '5.4', unit: 'mmol/L' }, details: {} },
    });
    expect(glucose.codes).toEqual([{ system: 'LOINC', code: '15074-8', display: 'Glucose [Moles/volume] in Blood' }]);
    const ferritin = await ok(api, 'records.save', {
      profileId,
      entry: { kind: 'result', title: 'Ferritin', codes: [], start: '2026-01-15', value: { number: 410, unit: 'ng/mL' }, referenceRange: { low: 30, high: 400, unit: 'ng/mL' }, details: {} },
    });
    expect(ferritin.referenceRange).toEqual({ low: 30, high: 400, unit: 'ng/mL' });
    const tests = await ok(api, 'trends.tests', { profileId });
    const byName = tests.find((t) => t.title === 'Ferritin');
    expect(byName).toMatchObject({ byName: true, count: 1, latestValue: 410 });
    const series = await ok(api, 'trends.series', { profileId, code: byName!.code });
    expect(series.points[0]).toMatchObject({ value: 410, high: 400, outOfRange: true, flag: 'high', sources: ['Entered by hand'] });
  });

  test('a reading is refused in one sentence without a value, a measure from the list, a unit of that measure or a date', async () => {
    const { api, profileId } = await profile();
    const save = (entry: object) => fails(api, 'records.save', { profileId, entry: { codes: [], details: {}, ...entry } });
    expect((await save({ kind: 'vital', title: 'Body weight', codes: LOINC('29463-7'), start: '2026-02-01' })).message).toBe('A reading or a lab result needs its value, and only those carry one.');
    expect((await save({ kind: 'vital', title: 'Mood', start: '2026-02-01', value: { number: 3, unit: '' } })).message).toBe('Choose what the reading measures from the list.');
    expect((await save({ kind: 'vital', title: 'Body weight', codes: LOINC('29463-7'), start: '2026-02-01', value: { number: 72, unit: 'mmHg' } })).message).toBe('Choose a unit of body weight: kg, [lb_av], g.');
    expect((await save({ kind: 'vital', title: 'Heart rate', codes: LOINC('8867-4'), value: { number: 72, unit: '/min' } })).message).toBe('Enter the date of the reading.');
    expect((await save({ kind: 'result', title: 'Ferritin', start: '2026-02-01', value: { number: 1, unit: 'ng/mL' }, referenceRange: { low: 400, high: 30 } })).message).toBe('The low end of the normal range is above its high end.');
    expect((await save({ kind: 'note', title: 'x', value: { number: 1, unit: '' } })).message).toBe('A reading or a lab result needs its value, and only those carry one.');
    expect(await ok(api, 'records.list', { profileId, kinds: ['vital', 'result', 'note'] })).toEqual([]);
  });
});
