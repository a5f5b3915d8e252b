// Fault injection: damaged, empty and missing files of a vault (issue #14, "Damage"). Each case
// asserts which file the person is told about, that the way back is offered, and that nothing
// is written into a damaged file or silently made anew.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Profile, TimelinePage } from '../../preload/contract.ts';
import { buildCcda, ELEANOR } from '../fixtures/e2e/ccda.ts';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const PAGE = 4096;
const VAULT_FILE = 'chartkeeper-vault.db';

/** A vault with two profiles that each fill a few dozen pages, locked (every WAL checkpointed). */
async function makeVault(): Promise<{ dir: string; ann: Profile; bob: Profile }> {
  const dir = tempDir();
  const api = testApi(dir);
  await ok(api, 'vault.create', { passphrase: PASS });
  const ann = await ok(api, 'profiles.add', { name: 'Ann Example', birthDate: '1950-01-31' });
  const bob = await ok(api, 'profiles.add', { name: 'Bob Example', birthDate: '1952-02-29' });
  for (const profile of [ann, bob]) {
    for (let i = 0; i < 40; i++) {
      await ok(api, 'records.save', {
        profileId: profile.id,
        entry: { kind: 'note', title: `Note ${i} for ${profile.name}`, start: '2024-03-01', details: { comment: `Kept as written. ${'x'.repeat(1500)}` } },
      });
    }
  }
  await ok(api, 'vault.lock', {});
  for (const f of fs.readdirSync(path.join(dir, 'profiles'))) expect(f.endsWith('.db')).toBe(true);
  return { dir, ann, bob };
}

function copyVault(dir: string): string {
  const copy = tempDir();
  fs.cpSync(dir, copy, { recursive: true });
  return copy;
}

function flipByte(file: string, offset: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const one = Buffer.alloc(1);
    fs.readSync(fd, one, 0, 1, offset);
    one[0] = one[0]! ^ 0xff;
    fs.writeSync(fd, one, 0, 1, offset);
  } finally {
    fs.closeSync(fd);
  }
}

function profileFile(dir: string, profile: Profile): string {
  return path.join(dir, 'profiles', `${profile.id}.db`);
}

function pagesOf(file: string): number {
  return fs.statSync(file).size / PAGE;
}

const XML = buildCcda({
  organization: 'Riverside Clinic',
  date: '20240301',
  title: 'Visit summary',
  patient: ELEANOR,
  problems: [{ code: '44054006', name: 'Type 2 diabetes mellitus', start: '20200101', status: 'active' }],
});

describe('a damaged vault file is reported as the vault file', () => {
  test('a byte flipped in any page after the first: never blamed on an intact profile, and the check names the vault file', async () => {
    const { dir, ann, bob } = await makeVault();
    const pages = pagesOf(path.join(dir, VAULT_FILE));
    expect(pages).toBeGreaterThan(2);
    for (let page = 2; page <= pages; page++) {
      const copy = copyVault(dir);
      flipByte(path.join(copy, VAULT_FILE), (page - 1) * PAGE + PAGE / 2);
      const api = testApi(copy);
      const unlocked = await api.invoke('vault.unlock', { passphrase: PASS, session: { timelineLimit: 10 } });
      if (!unlocked.ok) {
        expect(unlocked.error.kind, `page ${page}`).toBe('corrupt');
        expect(unlocked.error.message).toContain(VAULT_FILE);
        continue;
      }
      for (const profile of [ann, bob]) {
        const page1 = await api.invoke('timeline.page', { profileId: profile.id, filter: {} });
        if (page1.ok) {
          expect((page1.value as TimelinePage).items.length, `page ${page}`).toBe(10 * 4);
        } else {
          // The sentence names the vault file, never the intact profile's own file.
          expect(page1.error.message, `page ${page}`).toContain(VAULT_FILE);
          expect(page1.error.message).not.toContain(profile.id);
        }
      }
      const checked = await ok(api, 'vault.checkFiles', {});
      expect(checked.vaultFile, `page ${page}`).toBe('damaged');
      expect(checked.profiles.map((p) => p.state)).toEqual(['ok', 'ok']);
      await ok(api, 'vault.lock', {});
    }
  });

  test('page 1 damaged with a profile file missing is the vault file, not a wrong passphrase', async () => {
    const { dir, ann } = await makeVault();
    flipByte(path.join(dir, VAULT_FILE), 2000);
    fs.rmSync(profileFile(dir, ann));
    const api = testApi(dir);
    const error = await fails(api, 'vault.unlock', { passphrase: PASS });
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/^Your passphrase is right, but the vault's own file chartkeeper-vault\.db is damaged; restore .*backup/);
    // A wrong passphrase on the same damaged file is still a wrong passphrase.
    expect((await fails(api, 'vault.unlock', { passphrase: 'not the passphrase at all' })).kind).toBe('wrong-passphrase');
  });

  test('a damaged salt (the first bytes) is told apart by a profile file the passphrase opens', async () => {
    const { dir } = await makeVault();
    flipByte(path.join(dir, VAULT_FILE), 3);
    const api = testApi(dir);
    const error = await fails(api, 'vault.unlock', { passphrase: PASS });
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain(VAULT_FILE);
    expect((await fails(api, 'vault.unlock', { passphrase: 'not the passphrase at all' })).kind).toBe('wrong-passphrase');
  });
});

describe('a damaged profile file', () => {
  test('is found by the check after unlock, named, kept read-only, and refused by a backup', async () => {
    const { dir, ann, bob } = await makeVault();
    const file = profileFile(dir, ann);
    const pages = pagesOf(file);
    flipByte(file, Math.floor(pages / 2) * PAGE + 100);
    const before = fs.readFileSync(file);
    const target = path.join(tempDir(), 'backup.chartkeeper');
    const api = testApi(dir, { chooseSavePath: async () => target });

    // A backup right after unlock checks every file itself, without waiting for the background check.
    await ok(api, 'vault.unlock', { passphrase: PASS, session: { timelineLimit: 10 } });
    const refused = await fails(api, 'backup.create', { passphrase: 'backup passphrase 1' });
    expect(refused.kind).toBe('corrupt');
    expect(refused.message).toBe(
      `The file of Ann Example's record (profiles/${ann.id}.db) is damaged, so no backup was made; back up the other profiles one by one, and restore Ann Example from an earlier backup.`,
    );
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);

    const checked = await ok(api, 'vault.checkFiles', {});
    expect(checked.vaultFile).toBe('ok');
    expect(checked.profiles.map((p) => [p.name, p.state, p.file])).toEqual([
      ['Ann Example', 'damaged', `profiles/${ann.id}.db`],
      ['Bob Example', 'ok', `profiles/${bob.id}.db`],
    ]);
    expect((await ok(api, 'profiles.list', {})).map((p) => p.state)).toEqual(['damaged', 'ok']);

    // No import and no edit writes into it; the sentence names the file and the way back.
    const damagedSentence = `The file of Ann Example's record (profiles/${ann.id}.db) is damaged, so Chartkeeper only reads what is left of it and writes nothing into it; restore Ann Example from a backup.`;
    const imported = await fails(api, 'import.files', { profileId: ann.id, files: [{ name: 'visit.xml', bytes: new TextEncoder().encode(XML) }], force: true });
    expect(imported).toEqual({ kind: 'corrupt', message: damagedSentence });
    const saved = await fails(api, 'records.save', { profileId: ann.id, entry: { kind: 'note', title: 'Not written' } });
    expect(saved).toEqual({ kind: 'corrupt', message: damagedSentence });
    // A passphrase change re-keys every file whole, so it stops before writing anything.
    expect(await fails(api, 'vault.changePassphrase', { current: PASS, next: 'a new passphrase 2' })).toEqual({
      kind: 'corrupt',
      message: `The file of Ann Example's record (profiles/${ann.id}.db) is damaged, so the passphrase was not changed; restore Ann Example from a backup or remove the profile first.`,
    });
    // What can still be read is read; what cannot says the same sentence.
    const timeline = await api.invoke('timeline.page', { profileId: ann.id, filter: {}, limit: 500 });
    if (!timeline.ok) expect(timeline.error).toEqual({ kind: 'corrupt', message: damagedSentence });

    // The intact profile is untouched by all this, and backs up on its own.
    expect((await ok(api, 'timeline.page', { profileId: bob.id, filter: {}, limit: 500 })).items).toHaveLength(40);
    await ok(api, 'import.files', { profileId: bob.id, files: [{ name: 'visit.xml', bytes: new TextEncoder().encode(XML) }], force: true });
    expect(await ok(api, 'backup.create', { profileId: bob.id, passphrase: 'backup passphrase 1' })).toEqual({ savedTo: target });
    await ok(api, 'vault.lock', {});
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

test('an import right after unlock, before the background check, checks the file first and writes nothing', async () => {
  const { dir, ann } = await makeVault();
  const file = profileFile(dir, ann);
  flipByte(file, Math.floor(pagesOf(file) / 2) * PAGE + 100);
  const before = fs.readFileSync(file);
  const api = testApi(dir);
  await ok(api, 'vault.unlock', { passphrase: PASS });
  const error = await fails(api, 'import.files', { profileId: ann.id, files: [{ name: 'visit.xml', bytes: new TextEncoder().encode(XML) }], force: true });
  expect(error.kind).toBe('corrupt');
  expect(error.message).toContain(`(profiles/${ann.id}.db) is damaged`);
  await ok(api, 'vault.lock', {});
  expect(fs.readFileSync(file).equals(before)).toBe(true);
});

describe('an empty or missing profile file', () => {
  for (const how of ['empty', 'missing'] as const) {
    test(`${how}: kept listed as missing, never made anew, and removable`, async () => {
      const { dir, ann, bob } = await makeVault();
      const file = profileFile(dir, ann);
      if (how === 'empty') fs.truncateSync(file, 0);
      else fs.rmSync(file);
      const target = path.join(tempDir(), 'backup.chartkeeper');
      const api = testApi(dir, { chooseSavePath: async () => target });
      const unlocked = await ok(api, 'vault.unlock', { passphrase: PASS, session: { timelineLimit: 10 } });
      // The first profile's page is left out rather than opened from nothing.
      expect(unlocked.session?.firstTimeline).toBeUndefined();
      expect(unlocked.session?.profiles.map((p) => [p.name, p.state])).toEqual([
        ['Ann Example', 'missing'],
        ['Bob Example', 'ok'],
      ]);
      const sentence = `The file of Ann Example's record (profiles/${ann.id}.db) is missing or empty, so Chartkeeper has not made a new empty one; restore Ann Example from a backup or remove the profile.`;
      expect(await fails(api, 'timeline.page', { profileId: ann.id, filter: {} })).toEqual({ kind: 'corrupt', message: sentence });
      expect(await fails(api, 'records.save', { profileId: ann.id, entry: { kind: 'note', title: 'Not written' } })).toEqual({ kind: 'corrupt', message: sentence });
      expect(await fails(api, 'import.files', { profileId: ann.id, files: [{ name: 'visit.xml', bytes: new TextEncoder().encode(XML) }], force: true })).toEqual({
        kind: 'corrupt',
        message: sentence,
      });
      const checked = await ok(api, 'vault.checkFiles', {});
      expect(checked.profiles.map((p) => p.state)).toEqual(['missing', 'ok']);
      expect(how === 'empty' ? fs.statSync(file).size : fs.existsSync(file)).toBe(how === 'empty' ? 0 : false);
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
      // A backup of the vault does not quietly leave her out.
      expect(await fails(api, 'backup.create', { passphrase: 'backup passphrase 1' })).toEqual({
        kind: 'corrupt',
        message: `The file of Ann Example's record (profiles/${ann.id}.db) is missing or empty, so no backup was made; back up the other profiles one by one, and restore Ann Example from an earlier backup or remove the profile.`,
      });
      expect(fs.existsSync(target)).toBe(false);

      // Removal is offered and works; the other profile is untouched.
      await ok(api, 'profiles.delete', { profileId: ann.id, confirmName: 'Ann Example' });
      expect((await ok(api, 'profiles.list', {})).map((p) => p.name)).toEqual(['Bob Example']);
      expect(fs.existsSync(file)).toBe(false);
      expect((await ok(api, 'timeline.page', { profileId: bob.id, filter: {}, limit: 500 })).items).toHaveLength(40);
    });
  }
});

describe('the command line', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const chartkeeper = (args: string[]) => {
    const result = spawnSync('npx', ['--no-install', 'chartkeeper', ...args], { cwd: root, env: { ...process.env, CHARTKEEPER_PASSPHRASE: PASS }, encoding: 'utf8', input: '' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn')).join('\n') };
  };

  test('profile list names a damaged and a missing file; a damaged vault file is one sentence, exit 1', async () => {
    const { dir, ann, bob } = await makeVault();
    fs.rmSync(profileFile(dir, ann));
    flipByte(profileFile(dir, bob), PAGE * 3 + 10);
    const listed = chartkeeper(['profile', 'list', '--check', '--vault', dir]);
    expect(listed.stderr).toBe('');
    expect(listed.stdout.trim().split('\n')).toEqual([
      `Ann Example\t1950-01-31\tmissing file profiles/${ann.id}.db`,
      `Bob Example\t1952-02-29\tdamaged file profiles/${bob.id}.db`,
    ]);

    // Without --check the missing file is known at once, the damage not yet.
    const unchecked = chartkeeper(['profile', 'list', '--vault', dir]);
    expect(unchecked.stderr).toBe('');
    expect(unchecked.stdout.trim().split('\n')).toEqual([
      `Ann Example\t1950-01-31\tmissing file profiles/${ann.id}.db`,
      'Bob Example\t1952-02-29',
    ]);

    flipByte(path.join(dir, VAULT_FILE), 3);
    const refused = chartkeeper(['profile', 'list', '--vault', dir]);
    expect(refused.code).toBe(1);
    // Bob's file is damaged at page 4 only: its page 1 still proves the passphrase right.
    expect(refused.stderr.trim()).toBe(
      "chartkeeper: Your passphrase is right, but the vault's own file chartkeeper-vault.db is damaged; restore your latest backup into a new vault folder and keep this folder as it is.",
    );
  });
});
