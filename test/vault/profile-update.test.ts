// A profile's file brought up to this version's schema after an update of Chartkeeper: in one
// transaction, step by step so the app can say how far it has come (profiles.prepare and
// profiles.updateProgress), never half-done after a failure, a locked vault or a kill -9.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { latestVersion, migrate, migrateInSteps, type Migration, type MigrationStep } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { openEncrypted, userVersion } from '../../main/vault/sqlite.ts';
import type { Result } from '../../preload/contract.ts';
import { startChild } from '../support/child.ts';
import { ok, testApi } from '../support/api.ts';
import { profileBefore021 } from '../support/old-profile.ts';
import { tempDir } from '../support/temp.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const PASS = 'pass phrase for profile updates';
const LATEST = latestVersion(PROFILE_MIGRATIONS);
/** The migrations a file of version 20 still needs. */
const AFTER_20 = PROFILE_MIGRATIONS.filter((m) => m.version > 20).length;

const tables = (db: ReturnType<typeof openEncrypted>, names: string[]) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE name IN (${names.map(() => '?').join(', ')}) ORDER BY name`).all(...names) as { name: string }[]).map((r) => r.name);

describe('migrateInSteps', () => {
  test('says each step, then the end; a failing step leaves nothing of any', async () => {
    const file = path.join(tempDir(), 'p.db');
    const db = openEncrypted(file, PASS, { create: true });
    const steps: MigrationStep[] = [];
    const good: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE a (x)') },
      { version: 3, name: 'three', up: (d) => d.exec('CREATE TABLE c (x)') },
    ];
    expect(await migrateInSteps(db, good, file, (s) => steps.push({ ...s }), () => true)).toBe(2);
    expect(steps).toEqual([
      { done: 0, total: 2, running: 'one' },
      { done: 1, total: 2, running: 'three' },
      { done: 2, total: 2 },
    ]);
    expect(userVersion(db)).toBe(3);
    const broken: Migration[] = [...good, { version: 4, name: 'b', up: (d) => d.exec('CREATE TABLE b (x)') }, { version: 5, name: 'fails', up: (d) => d.exec('INSERT INTO nowhere VALUES (1)') }];
    await expect(migrateInSteps(db, broken, file, () => {}, () => true)).rejects.toThrow(/nowhere/);
    expect(userVersion(db)).toBe(3);
    expect(tables(db, ['b'])).toEqual([]);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  test('stops and rolls back when the vault is locked between steps', async () => {
    const file = path.join(tempDir(), 'p.db');
    const db = openEncrypted(file, PASS, { create: true });
    let open = true;
    const migrations: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE a (x)') },
      { version: 2, name: 'two', up: (d) => d.exec('CREATE TABLE b (x)') },
    ];
    const run = migrateInSteps(db, migrations, file, (s) => {
      if (s.running === 'two') open = false;
    }, () => open);
    await expect(run).rejects.toMatchObject({ kind: 'locked' });
    expect(userVersion(db)).toBe(0);
    expect(tables(db, ['a', 'b'])).toEqual([]);
    db.close();
  });

  test('kill -9 half-way through leaves the file whole at its old version, and the update runs again', async () => {
    const file = path.join(tempDir(), 'p.db');
    const db = openEncrypted(file, PASS, { create: true });
    migrate(db, PROFILE_MIGRATIONS.filter((m) => m.version <= 19), file);
    expect(userVersion(db)).toBe(19);
    db.close();
    const { child, exited } = await startChild(path.join(here, 'children', 'migrate-then-hang.ts'), [file, PASS]);
    child.kill('SIGKILL');
    await exited;
    const after = openEncrypted(file, PASS);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(userVersion(after)).toBe(19);
    // 020's and 021's tables were written inside the transaction the kill cut short.
    expect(tables(after, ['provider_timeline', 'trend_days', 'trend_hours'])).toEqual([]);
    migrate(after, PROFILE_MIGRATIONS, file);
    expect(userVersion(after)).toBe(LATEST);
    expect(tables(after, ['provider_timeline', 'trend_days', 'trend_hours'])).toEqual(['provider_timeline', 'trend_days', 'trend_hours']);
    after.close();
  });
});

describe('profiles.prepare', () => {
  test('the first screen leaves a profile to update to it; meanwhile its progress is told and the profile is busy', async () => {
    const vault = path.join(tempDir(), 'v');
    const api = testApi(vault);
    const profile = { id: await profileBefore021(api, PASS) };

    const unlocked = await ok(api, 'vault.unlock', { passphrase: PASS, session: { timelineLimit: 5 } });
    expect(unlocked.session?.firstNeedsUpdate).toBe(profile.id);
    expect(unlocked.session?.firstTimeline).toBeUndefined();
    expect(await ok(api, 'profiles.updateProgress', {})).toBeNull();

    const preparing = api.invoke('profiles.prepare', { profileId: profile.id }) as Promise<Result<{ migrations: number }>>;
    const progress = await ok(api, 'profiles.updateProgress', {});
    expect(progress).toMatchObject({ profileId: profile.id, profileName: 'Ana Example', total: AFTER_20, startedAt: '2026-03-01T12:00:00.000Z' });
    expect(progress!.done).toBeLessThan(AFTER_20);
    const busy = (await api.invoke('timeline.page', { profileId: profile.id, filter: {}, limit: 5 })) as Result<unknown>;
    expect(busy.ok).toBe(false);
    expect(!busy.ok && busy.error).toMatchObject({ kind: 'busy', message: expect.stringContaining("Ana Example's records are being updated") });
    // Asked twice, it runs once.
    const again = (await api.invoke('profiles.prepare', { profileId: profile.id })) as Result<{ migrations: number }>;
    expect(again).toEqual({ ok: true, value: { migrations: AFTER_20 } });
    expect(await preparing).toEqual({ ok: true, value: { migrations: AFTER_20 } });

    expect(await ok(api, 'profiles.updateProgress', {})).toBeNull();
    expect(userVersion(api.context.session!.profileDb(profile.id))).toBe(LATEST);
    expect((await ok(api, 'timeline.page', { profileId: profile.id, filter: {}, limit: 5 })).items).toEqual([]);
    // Up to date: nothing to run, and the first screen comes with its page again.
    expect(await ok(api, 'profiles.prepare', { profileId: profile.id })).toEqual({ migrations: 0 });
    await ok(api, 'vault.lock', {});
    const next = await ok(api, 'vault.unlock', { passphrase: PASS, session: { timelineLimit: 5 } });
    expect(next.session?.firstNeedsUpdate).toBeUndefined();
    expect(next.session?.firstTimeline?.profileId).toBe(profile.id);
    await ok(api, 'vault.lock', {});
  });
});
