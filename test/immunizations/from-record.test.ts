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
        ['Flu shot', 'The record gives no CVX code for this vaccine.'],
        ['Mystery vaccine', "CVX 777 is not in CDC's supporting data."],
        ['Too early', 'The record dates this dose before the birth date.'],
      ]),
    );
    expect(notCounted).toHaveLength(5);
  });

  test('needs an unlocked vault and a known profile', async () => {
    const api = testApi(tempDir());
    expect((await fails(api, 'immunizations.profile', { profileId: 'abcdefabcdefabcdef' })).kind).toBe('locked');
  });
});
