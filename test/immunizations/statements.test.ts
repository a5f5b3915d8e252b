// The person's own statements for the forecast: observations proposed from the record's coded
// problems and confirmed, declined or added; vaccines chosen by hand for doses the record gave
// no usable CVX code for; every statement taken back again; one dose from several sources once.
import { describe, expect, test } from 'vitest';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';

async function setUp(birthDate = '1995-05-01', sex = 'F') {
  const api = testApi(tempDir());
  await ok(api, 'vault.create', { passphrase: PASS });
  const person = await ok(api, 'profiles.add', { name: 'Ana Example', birthDate, sex });
  const save = (entry: { kind: 'problem' | 'immunization'; title: string; status?: string; start?: string; codes?: { system: string; code: string }[] }) =>
    ok(api, 'records.save', { profileId: person.id, entry: { codes: [], details: {}, ...entry } });
  const forecast = () => ok(api, 'immunizations.profile', { profileId: person.id, assessmentDate: '2026-03-01' });
  return { api, person, save, forecast };
}

describe('observations from the record', () => {
  test('a coded problem is proposed, used only once confirmed, and can be declined or taken back', async () => {
    const { api, person, save, forecast } = await setUp();
    const pregnancy = await save({ kind: 'problem', title: 'Pregnancy', status: 'active', start: '2026-01-10', codes: [{ system: 'SNOMED', code: '77386006' }] });
    // A problem whose code CDC does not list, and one with the code under another system: not proposed.
    await save({ kind: 'problem', title: 'High blood pressure', status: 'active', codes: [{ system: 'SNOMED', code: '38341003' }] });
    await save({ kind: 'problem', title: 'Pregnant (ICD)', status: 'active', codes: [{ system: 'ICD10CM', code: '77386006' }] });

    let result = await forecast();
    expect(result.observations.proposed).toEqual([
      expect.objectContaining({ code: '007', title: 'Pregnant', entryId: pregnancy.id, entryTitle: 'Pregnancy', entryKind: 'problem', matched: { system: 'SNOMED CT', code: '77386006', text: 'Patient currently pregnant [finding]' } }),
    ]);
    expect(result.observations.confirmed).toEqual([]);
    // Proposed is not used: MMR is still due.
    expect(result.forecast.groups.find((g) => g.group === 'MMR')?.status).toBe('Not Complete');

    await ok(api, 'immunizations.observation', { profileId: person.id, code: '7', entryId: pregnancy.id, answer: 'yes' });
    result = await forecast();
    expect(result.observations.proposed).toEqual([]);
    expect(result.observations.confirmed).toEqual([expect.objectContaining({ code: '007', title: 'Pregnant', entryId: pregnancy.id, statedAt: '2026-03-01T12:00:00.000Z' })]);
    expect(result.forecast.groups.find((g) => g.group === 'MMR')).toMatchObject({ status: 'Contraindicated', reason: 'Patient has a contraindication' });

    await ok(api, 'immunizations.observation', { profileId: person.id, code: '007', entryId: pregnancy.id, answer: 'no' });
    result = await forecast();
    expect(result.observations.declined.map((d) => d.code)).toEqual(['007']);
    expect(result.observations.confirmed).toEqual([]);
    expect(result.forecast.groups.find((g) => g.group === 'MMR')?.status).toBe('Not Complete');

    await ok(api, 'immunizations.observation', { profileId: person.id, code: '007', entryId: pregnancy.id, answer: null });
    result = await forecast();
    expect(result.observations.proposed.map((p) => p.code)).toEqual(['007']);
    expect(result.observations.declined).toEqual([]);
  });

  test('a problem that is no longer current is not proposed, and a deleted entry takes its confirmation with it', async () => {
    const { api, person, save, forecast } = await setUp();
    await save({ kind: 'problem', title: 'Pregnancy 2019', status: 'resolved', start: '2019-01-01', codes: [{ system: 'SNOMED', code: '77386006' }] });
    const current = await save({ kind: 'problem', title: 'Pregnancy', status: 'active', codes: [{ system: 'http://snomed.info/sct', code: '77386006' }] });
    await ok(api, 'immunizations.observation', { profileId: person.id, code: '007', entryId: current.id, answer: 'yes' });
    expect((await forecast()).observations.confirmed).toHaveLength(1);
    await ok(api, 'records.delete', { profileId: person.id, entryId: current.id });
    const result = await forecast();
    expect(result.observations).toEqual({ confirmed: [], proposed: [], declined: [] });
    expect(result.forecast.groups.find((g) => g.group === 'MMR')?.status).toBe('Not Complete');
  });

  test('a problem the person said is wrong, hid, or no longer has is not proposed (it is not current)', async () => {
    const { api, person, save, forecast } = await setUp();
    const pregnancy = await save({ kind: 'problem', title: 'Pregnancy', status: 'active', codes: [{ system: 'SNOMED', code: '77386006' }] });
    expect((await forecast()).observations.proposed.map((p) => p.code)).toEqual(['007']);
    for (const kind of ['wrong', 'hidden', 'no-longer'] as const) {
      const said = await ok(api, 'statements.add', { profileId: person.id, entryId: pregnancy.id, kind });
      expect((await forecast()).observations.proposed).toEqual([]);
      await ok(api, 'statements.withdraw', { profileId: person.id, statementId: said.personal![0]!.id });
      expect((await forecast()).observations.proposed.map((p) => p.code)).toEqual(['007']);
    }
  });

  test('the person adds a condition that changes the schedule, and takes it back', async () => {
    const { api, person, forecast } = await setUp();
    await ok(api, 'immunizations.observation', { profileId: person.id, code: '007', answer: 'yes' });
    let result = await forecast();
    expect(result.observations.confirmed).toEqual([expect.objectContaining({ code: '007', entryId: null })]);
    expect(result.forecast.groups.find((g) => g.group === 'Varicella')?.status).toBe('Contraindicated');
    await ok(api, 'immunizations.observation', { profileId: person.id, code: '007', answer: null });
    result = await forecast();
    expect(result.observations.confirmed).toEqual([]);
    expect(result.forecast.groups.find((g) => g.group === 'Varicella')?.status).toBe('Not Complete');
  });

  test('bad answers get one sentence and change nothing', async () => {
    const { api, person, forecast } = await setUp();
    expect(await fails(api, 'immunizations.observation', { profileId: person.id, code: '999', answer: 'yes' })).toMatchObject({
      kind: 'invalid-input',
      message: "That is not one of CDC's coded observations.",
    });
    expect(await fails(api, 'immunizations.observation', { profileId: person.id, code: 'abc', answer: 'yes' })).toMatchObject({ kind: 'invalid-input' });
    expect(await fails(api, 'immunizations.observation', { profileId: person.id, code: '007', entryId: 999, answer: 'yes' })).toMatchObject({ kind: 'not-found' });
    expect(await fails(api, 'immunizations.observation', { profileId: person.id, code: '007', answer: 'no' })).toMatchObject({ kind: 'invalid-input' });
    const asthma = await ok(api, 'records.save', { profileId: person.id, entry: { kind: 'problem', title: 'Asthma', status: 'active', codes: [{ system: 'SNOMED', code: '195967001' }], details: {} } });
    expect(await fails(api, 'immunizations.observation', { profileId: person.id, code: '007', entryId: asthma.id, answer: 'yes' })).toMatchObject({
      kind: 'invalid-input',
      message: 'That entry of the record does not suggest this condition.',
    });
    expect((await forecast()).observations.confirmed).toEqual([]);
  });
});

describe('vaccines chosen by hand', () => {
  test('a dose without a usable CVX code counts once the person chooses the vaccine, and stops when taken back', async () => {
    const { api, person, save, forecast } = await setUp('2025-01-01');
    const flu = await save({ kind: 'immunization', title: 'Shot at the clinic', start: '2025-03-01' });
    const odd = await save({ kind: 'immunization', title: 'Odd code', start: '2025-03-01', codes: [{ system: 'CVX', code: '777' }] });
    const refused = await save({ kind: 'immunization', title: 'Refused', status: 'refused', start: '2025-03-01' });
    let result = await forecast();
    expect(result.notCounted.map((n) => n.why).sort()).toEqual(['no-cvx', 'not-given', 'unknown-cvx']);

    await ok(api, 'immunizations.chooseVaccine', { profileId: person.id, entryId: flu.id, cvx: '20' });
    await ok(api, 'immunizations.chooseVaccine', { profileId: person.id, entryId: odd.id, cvx: '10' });
    // A refusal stays a refusal whatever vaccine it names.
    await ok(api, 'immunizations.chooseVaccine', { profileId: person.id, entryId: refused.id, cvx: '08' });
    result = await forecast();
    expect(result.forecast.doses.map((d) => d.cvx).sort()).toEqual(['10', '20']);
    expect(result.handChosen.map((h) => [h.title, h.cvx, h.name]).sort()).toEqual([
      ['Odd code', '10', 'IPV'],
      ['Shot at the clinic', '20', 'DTaP'],
    ]);
    expect(result.notCounted.map((n) => n.title)).toEqual(['Refused']);
    expect(result.forecast.groups.find((g) => g.group === 'DTaP/Tdap/Td')?.doseNumber).toBe('2');

    await ok(api, 'immunizations.chooseVaccine', { profileId: person.id, entryId: flu.id, cvx: null });
    result = await forecast();
    expect(result.handChosen.map((h) => h.title)).toEqual(['Odd code']);
    expect(result.forecast.groups.find((g) => g.group === 'DTaP/Tdap/Td')?.doseNumber).toBe('1');
  });

  test('one dose from several sources counts once: the same CVX, the same antigens, or a hand choice of a coded dose', async () => {
    const { api, person, save, forecast } = await setUp('2025-01-01');
    // CDC's "DTaP, unspecified formulation" has the same antigens: the same dose, and the specific code is kept.
    await save({ kind: 'immunization', title: 'DTaP unspecified', start: '2025-03-01', codes: [{ system: 'CVX', code: '107' }] });
    await save({ kind: 'immunization', title: 'DTaP', start: '2025-03-01', codes: [{ system: 'CVX', code: '20' }] });
    await save({ kind: 'immunization', title: 'DTaP (portal)', start: '2025-03-01', codes: [{ system: '2.16.840.1.113883.12.292', code: '020' }] });
    const handwritten = await save({ kind: 'immunization', title: 'Diphtheria shot', start: '2025-03-01' });
    await ok(api, 'immunizations.chooseVaccine', { profileId: person.id, entryId: handwritten.id, cvx: '20' });
    // Another vaccine the same day is another dose.
    await save({ kind: 'immunization', title: 'IPV', start: '2025-03-01', codes: [{ system: 'CVX', code: '10' }] });
    const result = await forecast();
    expect(result.forecast.doses.map((d) => [d.date, d.cvx]).sort()).toEqual([
      ['2025-03-01', '10'],
      ['2025-03-01', '20'],
    ]);
    expect(result.forecast.groups.find((g) => g.group === 'DTaP/Tdap/Td')?.doseNumber).toBe('2');
  });

  test('an unknown vaccine or an entry that is not an immunization is refused', async () => {
    const { api, person, save } = await setUp();
    const problem = await save({ kind: 'problem', title: 'Asthma' });
    expect(await fails(api, 'immunizations.chooseVaccine', { profileId: person.id, entryId: problem.id, cvx: '20' })).toMatchObject({ kind: 'not-found' });
    const shot = await save({ kind: 'immunization', title: 'Shot', start: '2025-03-01' });
    expect(await fails(api, 'immunizations.chooseVaccine', { profileId: person.id, entryId: shot.id, cvx: '777' })).toMatchObject({
      kind: 'invalid-input',
      message: "CVX 777 is not in CDC's supporting data.",
    });
  });

  test('the lists to choose from are CDC\'s, by name', async () => {
    const { api } = await setUp();
    const choices = await ok(api, 'immunizations.choices', {});
    expect(choices.supportingData).toBe('4.64');
    expect(choices.vaccines).toContainEqual({ cvx: '20', name: 'DTaP' });
    expect(choices.observations).toContainEqual({ code: '160', title: 'Anatomical or functional asplenia' });
    const names = choices.observations.map((o) => o.title.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })));
  });
});
