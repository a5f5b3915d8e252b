// session.start: settings, profiles and the first profile's newest timeline page in one answer.
import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';

describe('session.start', () => {
  test('answers "locked" while the vault is locked', async () => {
    const api = testApi(tempDir());
    expect((await fails(api, 'session.start', {})).kind).toBe('locked');
  });

  test('a vault without profiles: settings and an empty list, no page', async () => {
    const api = testApi(tempDir());
    await ok(api, 'vault.create', { passphrase: PASS });
    await ok(api, 'settings.set', { language: 'es' });
    const start = await ok(api, 'session.start', {});
    expect(start).toEqual({ settings: await ok(api, 'settings.get', {}), profiles: [] });
    expect(start.settings.language).toBe('es');
  });

  test('the first profile (by name) comes with the same page timeline.page gives', async () => {
    const dir = tempDir();
    const api = testApi(dir);
    await ok(api, 'vault.create', { passphrase: PASS });
    const zoe = await ok(api, 'profiles.add', { name: 'Zoe Example', birthDate: '1990-05-05' });
    const ann = await ok(api, 'profiles.add', { name: 'Ann Example', birthDate: '1950-01-31' });
    for (const title of ['Metformin 500 mg', 'Lisinopril 10 mg', 'Atorvastatin 20 mg']) {
      await ok(api, 'records.save', { profileId: ann.id, entry: { kind: 'medication', title, start: '2024-03-01' } });
    }
    await ok(api, 'records.save', { profileId: zoe.id, entry: { kind: 'note', title: 'Not the first profile' } });
    await ok(api, 'vault.lock', {});

    await ok(api, 'vault.unlock', { passphrase: PASS });
    const start = await ok(api, 'session.start', { timelineLimit: 2 });
    expect(start.profiles).toEqual(await ok(api, 'profiles.list', {}));
    expect(start.profiles.map((p) => p.name)).toEqual(['Ann Example', 'Zoe Example']);
    expect(start.settings).toEqual(await ok(api, 'settings.get', {}));
    expect(start.firstTimeline?.profileId).toBe(ann.id);
    expect(start.firstTimeline?.page).toEqual(await ok(api, 'timeline.page', { profileId: ann.id, filter: {}, limit: 2 }));
    expect(start.firstTimeline?.page.items).toHaveLength(2);
    expect(start.firstTimeline?.page.nextCursor).toBeDefined();
  });

  test('vault.unlock brings the same answer back when asked, and only then', async () => {
    const dir = tempDir();
    const api = testApi(dir);
    await ok(api, 'vault.create', { passphrase: PASS });
    const ann = await ok(api, 'profiles.add', { name: 'Ann Example', birthDate: '1950-01-31' });
    await ok(api, 'records.save', { profileId: ann.id, entry: { kind: 'note', title: 'Brought with the unlock' } });
    await ok(api, 'vault.lock', {});

    const plain = await ok(api, 'vault.unlock', { passphrase: PASS });
    expect(plain).toEqual({ exists: true, unlocked: true, location: dir });
    await ok(api, 'vault.lock', {});

    const withSession = await ok(api, 'vault.unlock', { passphrase: PASS, session: { timelineLimit: 50 } });
    expect(withSession).toEqual({ ...plain, session: await ok(api, 'session.start', { timelineLimit: 50 }) });
    expect(withSession.session?.firstTimeline?.page.items.map((i) => i.title)).toEqual(['Brought with the unlock']);
    await ok(api, 'vault.lock', {});

    // A wrong passphrase brings nothing back but the usual sentence.
    const wrong = await fails(api, 'vault.unlock', { passphrase: 'not the passphrase', session: { timelineLimit: 50 } });
    expect(wrong.kind).toBe('wrong-passphrase');
    expect((await fails(api, 'vault.unlock', { passphrase: PASS, session: { timelineLimit: 0 } })).kind).toBe('invalid-input');
  });

  test('a first profile whose file cannot be read leaves the page out, not the session', async () => {
    const dir = tempDir();
    const api = testApi(dir);
    await ok(api, 'vault.create', { passphrase: PASS });
    const ann = await ok(api, 'profiles.add', { name: 'Ann Example', birthDate: '1950-01-31' });
    await ok(api, 'vault.lock', {});
    const file = `${dir}/profiles/${ann.id}.db`;
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 16, 4096);
    fs.writeFileSync(file, bytes);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });

    await ok(api, 'vault.unlock', { passphrase: PASS });
    const start = await ok(api, 'session.start', {});
    expect(start.profiles.map((p) => p.id)).toEqual([ann.id]);
    expect(start.firstTimeline).toBeUndefined();
    // The timeline's own request then says what is wrong.
    expect((await fails(api, 'timeline.page', { profileId: ann.id, filter: {} })).kind).toBe('corrupt');
  });
});
