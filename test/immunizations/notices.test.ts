// Due notices across profiles (immunizations.notices): none while the setting is off (its
// default), each due dose once, a new dose once it becomes due on the (fake) clock, none for a
// dose given since.
import { describe, expect, test } from 'vitest';
import { dueOn, pendingNotices } from '../../main/immunizations/notices.ts';
import { forecastFromJson } from '../../main/immunizations/index.ts';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';

describe('dueOn and pendingNotices', () => {
  test('a group is due from its recommended date, overdue after its past-due date, and keys are kept only while due', () => {
    const forecast = forecastFromJson({ birthDate: '2025-01-01', sex: 'F', assessmentDate: '2025-03-15', doses: [{ date: '2025-01-01', cvx: '08' }] });
    const hepB = forecast.groups.find((g) => g.group === 'HepB')!;
    const profile = { profileId: 'p1', profileName: 'Baby', forecast };
    expect(dueOn([profile], '2025-01-31').find((n) => n.group === 'HepB')).toBeUndefined();
    const due = dueOn([profile], hepB.recommended!).find((n) => n.group === 'HepB')!;
    expect(due).toMatchObject({ key: `p1|HepB|2|${hepB.recommended}`, dueFrom: hepB.recommended, overdue: false, doseNumber: '2' });
    const later = new Date(Date.parse(`${hepB.pastDue}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(dueOn([profile], later).find((n) => n.group === 'HepB')?.overdue).toBe(true);
    const { pending, keep } = pendingNotices(dueOn([profile], later), new Set([due.key, 'p1|HepB|1|2025-01-01']));
    expect(pending.map((n) => n.key)).not.toContain(due.key);
    expect(keep).toEqual([due.key]);
  });
});

describe('immunizations.notices', () => {
  test('off by default; once on, each due dose is told once, and a new one when it becomes due', async () => {
    let now = new Date('2025-01-15T09:00:00Z');
    const api = testApi(tempDir(), { now: () => now });
    await ok(api, 'vault.create', { passphrase: PASS });
    expect((await ok(api, 'settings.get', {})).dueNotifications).toBe(false);
    const baby = await ok(api, 'profiles.add', { name: 'Baby Example', birthDate: '2025-01-01', sex: 'F' });
    await ok(api, 'profiles.add', { name: 'No Doses Adult', birthDate: '1960-06-01', sex: 'M' });
    await ok(api, 'records.save', {
      profileId: baby.id,
      entry: { kind: 'immunization', title: 'HepB', start: '2025-01-01', codes: [{ system: 'CVX', code: '08' }], details: {} },
    });
    expect(await ok(api, 'immunizations.notices', {})).toEqual([]);

    await ok(api, 'settings.set', { dueNotifications: true });
    const first = await ok(api, 'immunizations.notices', {});
    expect(first.length).toBeGreaterThan(0);
    // At two weeks the baby has nothing due (her first HepB dose was given at birth); the adult has.
    expect(new Set(first.map((n) => n.profileName))).toEqual(new Set(['No Doses Adult']));
    // Until seen they stay pending (the in-app notice shows again after a reload).
    expect(await ok(api, 'immunizations.notices', {})).toEqual(first);
    await ok(api, 'immunizations.noticesSeen', { keys: first.map((n) => n.key) });
    expect(await ok(api, 'immunizations.notices', {})).toEqual([]);

    // Baby's second HepB dose: not due on 15 January, due from its recommended date.
    const hepB = (await ok(api, 'immunizations.profile', { profileId: baby.id })).forecast.groups.find((g) => g.group === 'HepB')!;
    expect(first.some((n) => n.group === 'HepB' && n.profileId === baby.id)).toBe(false);
    now = new Date(`${hepB.recommended}T09:00:00Z`);
    const next = await ok(api, 'immunizations.notices', {});
    expect(next.filter((n) => n.profileId === baby.id && n.group === 'HepB')).toEqual([
      expect.objectContaining({ doseNumber: '2', dueFrom: hepB.recommended, overdue: false }),
    ]);
    await ok(api, 'immunizations.noticesSeen', { keys: next.map((n) => n.key) });

    // Given: nothing more to tell about HepB.
    await ok(api, 'records.save', {
      profileId: baby.id,
      entry: { kind: 'immunization', title: 'HepB', start: hepB.recommended!, codes: [{ system: 'CVX', code: '08' }], details: {} },
    });
    expect((await ok(api, 'immunizations.notices', {})).filter((n) => n.group === 'HepB')).toEqual([]);

    await ok(api, 'settings.set', { dueNotifications: false });
    now = new Date('2027-01-01T09:00:00Z');
    expect(await ok(api, 'immunizations.notices', {})).toEqual([]);
  });
});
