// Forecasts from a profile's record: completed doses with a CVX code count once; refused doses,
// doses without a day or a CVX code, and codes CDC's data does not know are shown, not counted.
import { describe, expect, test } from 'vitest';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const CVX = 'CVX';

describe('immunizations.profile', () => {
  test('counts completed CVX-coded doses once and lists the rest with a reason', async () => {
    const api = testApi(tempDir());
    await ok(api, 'vault.create', { passphrase: PASS });
    const baby = await ok(api, 'profiles.add', { name: 'Baby Example', birthDate: '2025-01-01', sex: 'F' });
    const save = (entry: { title: string; status?: string; start?: string; codes?: { system: string; code: string }[] }) =>
      ok(api, 'records.save', { profileId: baby.id, entry: { kind: 'immunization', codes: [], details: {}, ...entry } });
    await save({ title: 'DTaP', status: 'completed', start: '2025-03-01', codes: [{ system: CVX, code: '20' }] });
    // The same dose from a second source: counted once.
    await save({ title: 'DTaP (clinic copy)', start: '2025-03-01', codes: [{ system: CVX, code: '20' }] });
    await save({ title: 'Rotavirus', status: 'refused', start: '2025-03-01', codes: [{ system: CVX, code: '116' }] });
    await save({ title: 'HepB', start: '2025-05', codes: [{ system: CVX, code: '08' }] });
    await save({ title: 'Flu shot', start: '2025-05-02' });
    await save({ title: 'Mystery vaccine', start: '2025-05-03', codes: [{ system: CVX, code: '777' }] });
    await save({ title: 'Too early', start: '2024-12-01', codes: [{ system: CVX, code: '08' }] });

    const { forecast, notCounted } = await ok(api, 'immunizations.profile', { profileId: baby.id, assessmentDate: '2025-06-01' });
    expect(forecast.supportingData).toBe('4.64');
    expect(forecast.doses).toEqual([expect.objectContaining({ date: '2025-03-01', cvx: '20' })]);
    expect(forecast.groups.find((g) => g.group === 'DTaP/Tdap/Td')).toMatchObject({ status: 'Not Complete', doseNumber: '2', earliest: '2025-03-29' });
    expect(forecast.groups.find((g) => g.group === 'HepB')?.doseNumber).toBe('1');
    expect(notCounted.map((n) => [n.title, n.reason])).toEqual(
      expect.arrayContaining([
        ['Rotavirus', 'The record says "refused", not that the dose was given.'],
        ['HepB', 'The record gives only "2025-05" as the date, not the day.'],
        ['Flu shot', "The record gives no CVX code for this vaccine, and its name is not exactly one of the vaccine names in CDC's list."],
        ['Mystery vaccine', "CVX 777 is not in CDC's supporting data."],
        ['Too early', 'The record dates this dose before the birth date.'],
      ]),
    );
    expect(notCounted).toHaveLength(5);
    expect(notCounted.find((n) => n.title === 'HepB')).toMatchObject({ why: 'no-day', detail: '2025-05' });
  });

  test('counts a dose without a CVX code only when its name is exactly one vaccine name in CDC\'s list', async () => {
    const api = testApi(tempDir());
    await ok(api, 'vault.create', { passphrase: PASS });
    const kid = await ok(api, 'profiles.add', { name: 'Kid Example', birthDate: '2020-01-01', sex: 'M' });
    const save = (entry: { title: string; start: string; codes?: { system: string; code: string; display?: string }[] }) =>
      ok(api, 'records.save', { profileId: kid.id, entry: { kind: 'immunization', codes: [], details: {}, ...entry } });
    // CDC's short name for CVX 20 is "DTaP"; case and punctuation do not matter.
    await save({ title: ' dtap. ', start: '2020-03-01' });
    // A CPT code whose display is CDC's short name for CVX 10 (IPV).
    await save({ title: 'Polio shot', start: '2020-03-01', codes: [{ system: 'CPT', code: '90713', display: 'IPV' }] });
    // Close is not exact: not counted.
    await save({ title: 'DTaP vaccine', start: '2020-05-01' });
    // Two names pointing to two vaccines decide nothing.
    await save({ title: 'DTaP', start: '2020-05-02', codes: [{ system: 'CPT', code: '90713', display: 'IPV' }] });

    const { forecast, notCounted, matchedByName } = await ok(api, 'immunizations.profile', { profileId: kid.id, assessmentDate: '2020-06-01' });
    expect(forecast.doses.map((d) => [d.date, d.cvx]).sort()).toEqual([
      ['2020-03-01', '10'],
      ['2020-03-01', '20'],
    ]);
    expect(matchedByName.map((m) => [m.title, m.cvx, m.name]).sort()).toEqual([
      ['Polio shot', '10', 'IPV'],
      ['dtap.', '20', 'DTaP'],
    ]);
    expect(notCounted.map((n) => `${n.title}: ${n.why}`).sort()).toEqual(['DTaP vaccine: no-cvx', 'DTaP: no-cvx']);
  });

  test('needs an unlocked vault and a known profile', async () => {
    const api = testApi(tempDir());
    expect((await fails(api, 'immunizations.profile', { profileId: 'abcdefabcdefabcdef' })).kind).toBe('locked');
  });
});
