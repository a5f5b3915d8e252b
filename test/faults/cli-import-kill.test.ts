// Kill -9 of a command-line import at random moments: every file of one command is one
// transaction, so the profile holds all of the import or none of it, never part.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { ok, testApi } from '../support/api.ts';
import { seededRandom, sleep } from '../support/child.ts';
import { tempDir } from '../support/temp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(root, '../shared/corpus');
const PASS = 'correct horse battery staple';
const ROUNDS = 10;
const FILES = [
  'ccda/amida-blue-button/CCD.example.xml',
  'ccda/hl7-ccda-examples/Documents/Progress Note/Progress_Note.xml',
  'ccda/jddamore-ccda-samples/MedConnect/CCDA7_JONES_TUCKER_45.xml',
  'ccda/jddamore-ccda-samples/Get Real Health/CCD_e1.xml',
  'ccda/jddamore-ccda-samples/HealthGrid/t1fulls1.xml',
  'c32/amida-blue-button/C32.xml',
].map((f) => path.join(corpus, f));
const available = FILES.every((f) => fs.existsSync(f));
if (!available) console.warn(`[faults] Skipping the CLI import kill test: the corpus is not at ${corpus}.`);

/** A fresh vault with one empty profile, made once and copied for every round. */
async function pristineVault(): Promise<{ dir: string; profileId: string }> {
  const dir = path.join(tempDir(), 'pristine');
  const api = testApi(dir);
  await ok(api, 'vault.create', { passphrase: PASS });
  const profile = await ok(api, 'profiles.add', { name: 'Alice Example', birthDate: '1950-01-31' });
  await ok(api, 'vault.lock', {});
  return { dir, profileId: profile.id };
}

/** Starts the import; resolves with its exit code, or null when it was killed. */
function startImport(vault: string) {
  const child = spawn(process.execPath, [path.join(root, 'bin/chartkeeper.mjs'), 'import', ...FILES, '--vault', vault, '--profile', 'Alice Example', '--force', '--json'], {
    cwd: root,
    env: { ...process.env, CHARTKEEPER_PASSPHRASE: PASS },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  return { child, exited };
}

/** What the profile holds: entries and stored files, after checking the file is intact. */
async function contents(vault: string, profileId: string): Promise<{ entries: number; files: number }> {
  const api = testApi(vault);
  await ok(api, 'vault.unlock', { passphrase: PASS });
  const db = api.context.requireSession().profileDb(profileId);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const entries = (db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
  const files = (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
  await ok(api, 'vault.lock', {});
  return { entries, files };
}

test.skipIf(!available)(
  `kill -9 of a CLI import at ${ROUNDS} random moments leaves all of it or none of it`,
  async () => {
    const { dir: pristine, profileId } = await pristineVault();
    const work = tempDir();

    // The whole import once, to know "all" and how long a run takes.
    const full = path.join(work, 'full');
    fs.cpSync(pristine, full, { recursive: true });
    const started = Date.now();
    const finished = await startImport(full).exited;
    const duration = Date.now() - started;
    expect(finished.stderr).toBe('');
    expect(finished.code).toBe(0);
    const all = await contents(full, profileId);
    expect(all.files).toBe(FILES.length);
    expect(all.entries).toBeGreaterThan(100);

    const random = seededRandom(20261206);
    const seen: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const vault = path.join(work, `round-${round}`);
      fs.cpSync(pristine, vault, { recursive: true });
      // Anywhere from the unlock to the end of a normal run.
      const at = Math.round(duration * (0.3 + 0.8 * random()));
      const { child, exited } = startImport(vault);
      await sleep(at);
      child.kill('SIGKILL');
      const { code } = await exited;
      const now = await contents(vault, profileId);
      seen.push(`${at} ms: ${code === null ? 'killed' : `exit ${code}`}, ${now.entries} entries`);
      if (now.files === 0) expect(now.entries).toBe(0);
      else expect(now).toEqual(all);
    }
    console.log(`[faults] full import ${duration} ms, ${all.entries} entries; kills: ${seen.join('; ')}`);
  },
  120_000,
);
