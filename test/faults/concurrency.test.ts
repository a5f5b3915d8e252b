// Several processes on one vault (issue 14): a passphrase change racing an import, through the
// command line and through main/api in two processes; a write lock held by another process; a
// lock holder killed with SIGKILL. Whatever the order, nothing a process reported as saved is
// lost, and every refusal is the one sentence meant for it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Result } from '../../preload/contract.ts';
import { OPEN_ELSEWHERE } from '../../main/vault/lock.ts';
import { makeCcd } from '../fixtures/cli/make-ccd.ts';
import { fails, ok, testApi } from '../support/api.ts';
import { seededRandom, sleep, startChild } from '../support/child.ts';
import { tempDir } from '../support/temp.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const ROUNDS = 20;
const FILES_PER_IMPORT = 3;
const WRONG_PASSPHRASE = 'That passphrase does not open this vault; nothing was changed.';
const BUSY = 'Another Chartkeeper window is saving to this vault right now; try again in a moment.';
const passphraseOf = (n: number) => `passphrase number ${n}`;

/** A CCD for Alice whose provider and medication name no other file has, so each file adds entries. */
function uniqueFile(dir: string, tag: string): { file: string; provider: string } {
  const provider = `Clinic ${tag}`;
  const file = path.join(dir, `${tag}.xml`);
  fs.writeFileSync(
    file,
    makeCcd({
      given: 'Alice',
      family: 'Example',
      birthTime: '19500131',
      organization: provider,
      documentDate: '20240315',
      medication: { rxnorm: '860975', name: `Medicine ${tag}`, dose: '1 tablet daily', start: '20180301' },
      a1c: { value: '7.2', time: '20240301083000-0500' },
    }),
  );
  return { file, provider };
}

async function vaultWithAlice(dir: string, passphrase: string): Promise<string> {
  const api = testApi(dir);
  await ok(api, 'vault.create', { passphrase });
  const alice = await ok(api, 'profiles.add', { name: 'Alice Example', birthDate: '1950-01-31' });
  await ok(api, 'vault.lock', {});
  return alice.id;
}

/** The imported files' providers and the notes Alice's profile holds, read with `passphrase`, after checking no change is left half done. */
async function aliceInVault(dir: string, passphrase: string, profileId: string): Promise<{ providers: string[]; notes: string[] }> {
  const leftovers = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.next') || f.includes('rekey-commit'));
  expect(leftovers).toEqual([]);
  const api = testApi(dir);
  await ok(api, 'vault.unlock', { passphrase });
  const documents = await ok(api, 'documents.list', { profileId });
  const notes = await ok(api, 'records.list', { profileId, kinds: ['note'] });
  await ok(api, 'vault.lock', {});
  return { providers: documents.filter((d) => d.format !== 'manual').map((d) => d.provider).sort(), notes: notes.map((n) => n.title).sort() };
}

/** Runs the command line as `npx chartkeeper` does (bin/chartkeeper.mjs under this Node). */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'chartkeeper.mjs'), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr: stderr.trim() }));
  });
}

/** A long-lived main/api process (children/api-process.ts): one request at a time, like a window. */
class ApiProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly #answers: ((line: string) => void)[] = [];

  private constructor(child: ChildProcess, exited: Promise<number | null>) {
    this.child = child;
    this.exited = exited;
    readline.createInterface({ input: child.stdout! }).on('line', (line) => this.#answers.shift()?.(line));
  }

  static async start(dir: string): Promise<ApiProcess> {
    const child = spawn(process.execPath, [path.join(here, 'children', 'api-process.ts'), dir], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const process_ = new ApiProcess(child, exited);
    await new Promise<void>((resolve) => process_.#answers.push(() => resolve()));
    return process_;
  }

  call(channel: string, input: Record<string, unknown>, paths?: string[]): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      this.#answers.push((line) => resolve(JSON.parse(line) as Result<unknown>));
      this.child.stdin!.write(`${JSON.stringify({ channel, input, ...(paths ? { paths } : {}) })}\n`);
    });
  }
}

/** The error sentence of a failed result; the test fails on a success or an internal error. */
function refusal(result: Result<unknown>): string {
  if (result.ok) throw new Error('expected a refusal');
  expect(result.error.kind).not.toBe('internal');
  return result.error.message;
}

describe('a passphrase change racing an import in another process', () => {
  test(`through the command line, ${ROUNDS} rounds: every import reported as done is in the vault`, async () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    const profileId = await vaultWithAlice(vault, passphraseOf(0));
    const random = seededRandom(20261206);
    let current = 0;
    const imported: string[] = [];
    const seen = { changed: 0, refused: 0, importFirst: 0, importRefused: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const files = Array.from({ length: FILES_PER_IMPORT }, (_, i) => uniqueFile(work, `r${round}f${i}`));
      const importing = cli(['import', ...files.map((f) => f.file), '--vault', vault, '--profile', 'Alice Example', '--json'], {
        CHARTKEEPER_PASSPHRASE: passphraseOf(current),
      });
      await sleep(Math.floor(random() * 1200));
      const changing = cli(['vault', 'passphrase', '--vault', vault], {
        CHARTKEEPER_PASSPHRASE: passphraseOf(current),
        CHARTKEEPER_NEW_PASSPHRASE: passphraseOf(current + 1),
      });
      const [imp, change] = await Promise.all([importing, changing]);

      if (change.code === 0) {
        seen.changed++;
        current++;
      } else {
        expect(change.stderr).toBe(`chartkeeper: ${OPEN_ELSEWHERE}`);
        expect(change.code).toBe(1);
        seen.refused++;
      }
      if (imp.code === 0) {
        seen.importFirst++;
        const report = JSON.parse(imp.stdout) as { files: { error?: string }[] };
        expect(report.files.filter((f) => f.error)).toEqual([]);
        imported.push(...files.map((f) => f.provider));
      } else {
        // The change came first: the import's passphrase no longer opens the vault.
        expect(imp.stderr).toBe(`chartkeeper: ${WRONG_PASSPHRASE}`);
        expect(change.code).toBe(0);
        seen.importRefused++;
      }
    }
    expect((await aliceInVault(vault, passphraseOf(current), profileId)).providers).toEqual(imported.sort());
    // Changes and imports both went through across the rounds. Which of them met (a change
    // waiting for an import, refused by it, or ahead of it) depends on this machine's speed;
    // the API test below makes the refusal certain.
    expect(seen.changed, JSON.stringify(seen)).toBeGreaterThan(0);
    expect(seen.importFirst, JSON.stringify(seen)).toBeGreaterThan(0);
  }, 300_000);

  test(`through main/api in two processes, ${ROUNDS} rounds, with the importing window unlocked`, async () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    const profileId = await vaultWithAlice(vault, passphraseOf(0));
    const random = seededRandom(1406);
    const importer = await ApiProcess.start(vault);
    const changer = await ApiProcess.start(vault);
    let current = 0;
    const imported: string[] = [];
    const notes: string[] = [];
    const people: string[] = [];
    const seen = { changed: 0, refused: 0 };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const files = Array.from({ length: FILES_PER_IMPORT }, (_, i) => uniqueFile(work, `r${round}f${i}`));
        const passphrase = passphraseOf(current);
        const importing = (async () => {
          const unlocked = await importer.call('vault.unlock', { passphrase });
          if (!unlocked.ok) return { unlocked: refusal(unlocked) };
          const report = await importer.call('import.files', { profileId }, files.map((f) => f.file));
          // Later requests, as a window would make them: a note, and now and then a new profile
          // (not every round: each profile adds two key derivations to every passphrase change).
          const note = await importer.call('records.save', { profileId, entry: { kind: 'note', title: `note ${round}` } });
          const added = round % 10 === 0 ? await importer.call('profiles.add', { name: `Person ${round}`, birthDate: '2000-01-01' }) : undefined;
          // Every other round the window stays open a while, as one left unlocked does.
          if (round % 2 === 1) await sleep(1500);
          await importer.call('vault.lock', {});
          return { report, note, added };
        })();
        await sleep(Math.floor(random() * 300));
        const changing = (async () => {
          const unlocked = await changer.call('vault.unlock', { passphrase });
          if (!unlocked.ok) throw new Error(`the changer could not unlock: ${refusal(unlocked)}`);
          const changed = await changer.call('vault.changePassphrase', { current: passphrase, next: passphraseOf(current + 1) });
          await changer.call('vault.lock', {});
          return changed;
        })();
        const [imp, changed] = await Promise.all([importing, changing]);
        if (changed.ok) {
          seen.changed++;
          current++;
        } else {
          expect(refusal(changed)).toBe(OPEN_ELSEWHERE);
          seen.refused++;
        }
        if ('unlocked' in imp) {
          expect(imp.unlocked).toBe(WRONG_PASSPHRASE);
          expect(changed.ok).toBe(true);
          continue;
        }
        expect(imp.report.ok, JSON.stringify(imp.report)).toBe(true);
        expect(imp.note.ok, JSON.stringify(imp.note)).toBe(true);
        imported.push(...files.map((f) => f.provider));
        notes.push(`note ${round}`);
        if (imp.added) {
          expect(imp.added.ok, JSON.stringify(imp.added)).toBe(true);
          people.push(`Person ${round}`);
        }
      }
    } finally {
      importer.child.kill();
      changer.child.kill();
    }
    expect(await aliceInVault(vault, passphraseOf(current), profileId)).toEqual({ providers: imported.sort(), notes: notes.sort() });
    const api = testApi(vault);
    await ok(api, 'vault.unlock', { passphrase: passphraseOf(current) });
    const added = (await ok(api, 'profiles.list', {})).filter((p) => p.name.startsWith('Person '));
    expect(added.map((p) => p.name).sort()).toEqual(people.sort());
    // Every profile file opens with the final passphrase: none was left keyed with an old one.
    for (const person of added) expect(await ok(api, 'timeline.page', { profileId: person.id, filter: {} })).toBeTruthy();
    await ok(api, 'vault.lock', {});
    expect(fs.readdirSync(path.join(vault, 'profiles')).filter((f) => f.endsWith('.db')).length).toBe(people.length + 1);
    expect(seen.refused, JSON.stringify(seen)).toBeGreaterThan(0);
    expect(seen.changed, JSON.stringify(seen)).toBeGreaterThan(0);
  }, 300_000);

  test('while another window has the vault unlocked, deleting a profile and restoring a backup are refused too', async () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    const profileId = await vaultWithAlice(vault, passphraseOf(0));
    const api = testApi(vault, { chooseSavePath: async () => path.join(work, 'all.chartkeeper') });
    await ok(api, 'vault.unlock', { passphrase: passphraseOf(0) });
    await ok(api, 'backup.create', { passphrase: 'backup passphrase' });
    const other = await ApiProcess.start(vault);
    try {
      expect((await other.call('vault.unlock', { passphrase: passphraseOf(0) })).ok).toBe(true);
      expect((await fails(api, 'profiles.delete', { profileId, confirmName: 'Alice Example' })).message).toBe(OPEN_ELSEWHERE);
      const restore = await cli(['restore', path.join(work, 'all.chartkeeper'), '--vault', vault], {
        CHARTKEEPER_PASSPHRASE: passphraseOf(0),
        CHARTKEEPER_BACKUP_PASSPHRASE: 'backup passphrase',
      });
      expect([restore.code, restore.stderr]).toEqual([1, `chartkeeper: ${OPEN_ELSEWHERE}`]);
      expect((await ok(api, 'profiles.list', {})).map((p) => p.name)).toEqual(['Alice Example']);
      // Once the other window locks, both go ahead.
      await other.call('vault.lock', {});
      await ok(api, 'profiles.delete', { profileId, confirmName: 'Alice Example' });
      expect((await ok(api, 'profiles.list', {})).length).toBe(0);
    } finally {
      other.child.kill();
    }
  }, 120_000);
});

describe('files replaced under an open vault', () => {
  test('a session notices its profile file was swapped or removed and writes nothing into it', async () => {
    const dir = tempDir();
    const profileId = await vaultWithAlice(dir, passphraseOf(0));
    const api = testApi(dir);
    await ok(api, 'vault.unlock', { passphrase: passphraseOf(0) });
    await ok(api, 'records.save', { profileId, entry: { kind: 'note', title: 'before the swap' } });
    // What a process ignoring the lock would do: put another file in place under the same name.
    const file = path.join(dir, 'profiles', `${profileId}.db`);
    fs.copyFileSync(file, `${file}.copy`);
    fs.renameSync(`${file}.copy`, file);
    const swapped = fs.readFileSync(file);
    const error = await fails(api, 'records.save', { profileId, entry: { kind: 'note', title: 'after the swap' } });
    expect(error).toEqual({
      kind: 'locked',
      message: "This vault's files were replaced by another program while they were open here, so nothing more was saved; unlock the vault again.",
    });
    expect(fs.readFileSync(file).equals(swapped)).toBe(true);
    // The session stopped: nothing else goes through it.
    expect((await fails(api, 'profiles.list', {})).kind).toBe('locked');

    await ok(api, 'vault.unlock', { passphrase: passphraseOf(0) });
    await ok(api, 'timeline.page', { profileId, filter: {} });
    fs.rmSync(file);
    expect((await fails(api, 'records.save', { profileId, entry: { kind: 'note', title: 'after removal' } })).kind).toBe('locked');
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('a lock held by another process', () => {
  test('a write lock held past the busy timeout gives one sentence, through main/api and the command line', async () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    const profileId = await vaultWithAlice(vault, passphraseOf(0));
    const holder = await startChild(path.join(here, 'children', 'hold.ts'), [vault, passphraseOf(0), 'write']);
    try {
      const api = testApi(vault);
      await ok(api, 'vault.unlock', { passphrase: passphraseOf(0) });
      // Reading goes on while another process writes (WAL).
      await ok(api, 'timeline.page', { profileId, filter: {} });
      expect(await fails(api, 'records.save', { profileId, entry: { kind: 'note', title: 'waits, then gives up' } })).toEqual({ kind: 'busy', message: BUSY });
      await ok(api, 'vault.lock', {});
      const { file } = uniqueFile(work, 'busy');
      const imported = await cli(['import', file, '--vault', vault, '--profile', 'Alice Example'], { CHARTKEEPER_PASSPHRASE: passphraseOf(0) });
      expect(imported.stderr).toBe(`chartkeeper: ${BUSY}`);
      expect(imported.code).toBe(1);
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exited;
    }
    expect(await aliceInVault(vault, passphraseOf(0), profileId)).toEqual({ providers: [], notes: [] });
  }, 120_000);

  test('a holder killed with SIGKILL does not keep the vault locked', async () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    await vaultWithAlice(vault, passphraseOf(0));
    const api = testApi(vault);

    // An unlocked window, killed: the passphrase change is refused while it lives, then goes ahead.
    const window = await ApiProcess.start(vault);
    expect((await window.call('vault.unlock', { passphrase: passphraseOf(0) })).ok).toBe(true);
    await ok(api, 'vault.unlock', { passphrase: passphraseOf(0) });
    expect((await fails(api, 'vault.changePassphrase', { current: passphraseOf(0), next: passphraseOf(1) })).message).toBe(OPEN_ELSEWHERE);
    window.child.kill('SIGKILL');
    await window.exited;
    await ok(api, 'vault.changePassphrase', { current: passphraseOf(0), next: passphraseOf(1) });
    await ok(api, 'vault.lock', {});

    // A process killed while it held the lock exclusively (in the middle of a change).
    const changing = await startChild(path.join(here, 'children', 'hold.ts'), [vault, '', 'exclusive']);
    const started = Date.now();
    expect((await fails(api, 'vault.unlock', { passphrase: passphraseOf(1) })).message).toBe(
      'Chartkeeper is changing this vault in another window; try again when it has finished.',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(4000); // it waited for the change to finish first
    changing.child.kill('SIGKILL');
    await changing.exited;
    await ok(api, 'vault.unlock', { passphrase: passphraseOf(1) });
    await ok(api, 'vault.lock', {});
  }, 120_000);
});
