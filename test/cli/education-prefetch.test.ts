// `education --prefetch` from the command line, against the MedlinePlus stand-in: each way a
// run can end (finished, lookups off, unreachable, refused, Ctrl+C) ends the command with its
// own sentence. Every test has a time limit, so a command that never returns fails the test.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ALICE_CLINIC } from '../fixtures/cli/make-ccd.ts';
import { ok, testApi } from '../support/api.ts';
import { startStandIn, type StandIn } from '../support/medlineplus-standin.ts';
import { tempDir } from '../support/temp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASS = 'correct horse battery staple';

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(async () => {
  await standIn.close();
});

const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  children.clear();
});

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command line in its own process group (as a terminal would), without blocking the stand-in. */
function chartkeeper(args: string[], url = standIn.url): { child: ChildProcess; done: Promise<Ran> } {
  const child = spawn(process.execPath, [path.join(root, 'bin/chartkeeper.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, CHARTKEEPER_PASSPHRASE: PASS, CHARTKEEPER_MEDLINEPLUS_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Ran>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr: stderr.trim() })));
  return { child, done };
}

/** A vault with Alice and one imported document; online lookups as asked. */
async function aliceVault(onlineLookups: boolean): Promise<string> {
  const vault = path.join(tempDir(), 'v');
  const api = testApi(vault);
  await ok(api, 'vault.create', { passphrase: PASS });
  const alice = await ok(api, 'profiles.add', { name: 'Alice Example', birthDate: '1950-01-31' });
  await ok(api, 'import.files', { profileId: alice.id, files: [{ name: 'ccd.xml', bytes: new TextEncoder().encode(ALICE_CLINIC()) }] });
  await ok(api, 'settings.set', { onlineLookups });
  await ok(api, 'vault.lock', {});
  return vault;
}

const prefetchArgs = (vault: string) => ['education', '--prefetch', '--vault', vault, '--profile', 'Alice Example'];

async function savedRows(vault: string): Promise<unknown[]> {
  const listed = await chartkeeper(['education', '--json', '--vault', vault, '--profile', 'Alice Example']).done;
  expect(listed.code).toBe(0);
  return (JSON.parse(listed.stdout) as { education: unknown[] }).education;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const HH_MM = (ms: number) => new Date(ms).toTimeString().slice(0, 5);

describe('education --prefetch ends', () => {
  test('finished: every topic saved, exit 0, one sentence', async () => {
    const vault = await aliceVault(true);
    const before = standIn.requests.length;
    const ran = await chartkeeper(prefetchArgs(vault)).done;
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const asked = standIn.requests.length - before;
    // Alice's medicine, problem (SNOMED and ICD-10) and result, in English and Spanish.
    expect(asked).toBe(8);
    expect(ran.stdout).toBe(`Saved education for ${asked} of ${asked} topics.\n`);
    expect(await savedRows(vault)).toHaveLength(asked);

    // A second run finds everything fresh: nothing is asked, and it says so the same way.
    const again = await chartkeeper(prefetchArgs(vault)).done;
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`Saved education for ${asked} of ${asked} topics.\n`);
    expect(standIn.requests.length - before).toBe(asked);
  }, 45_000);

  test('lookups off: exit 1 at once with how to turn them on, nothing sent', async () => {
    const vault = await aliceVault(false);
    const before = standIn.requests.length;
    const ran = await chartkeeper(prefetchArgs(vault)).done;
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toBe(
      `chartkeeper: Online lookups are off, so nothing was saved; turn them on with "chartkeeper settings set online-lookups on --vault ${vault}" and run this again.`,
    );
    expect(standIn.requests.length).toBe(before);
  }, 15_000);

  test('service unreachable: exit 1, saying when to try again', async () => {
    const vault = await aliceVault(true);
    const started = Date.now();
    const ran = await chartkeeper(prefetchArgs(vault), `http://127.0.0.1:${await closedPort()}`).done;
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/^chartkeeper: MedlinePlus could not be reached, so education for 0 of 8 topics was saved; run this command again after (\d\d:\d\d) to save the rest\.$/);
    const after = /after (\d\d:\d\d)/.exec(ran.stderr)![1];
    // The five-minute pause after a failure, from when the request failed.
    expect([HH_MM(started + 300_000), HH_MM(Date.now() + 300_000)]).toContain(after);
  }, 20_000);

  test('service refusing (backing off): exit 1 after the topics already saved, saying when to try again', async () => {
    const vault = await aliceVault(true);
    const before = standIn.requests.length;
    const { child, done } = chartkeeper(prefetchArgs(vault));
    // Let two requests through, then the refusal NLM sends when it is asked too often.
    while (standIn.requests.length - before < 2 && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    standIn.script({ status: 503, body: 'Service Unavailable: request rate limit exceeded.', contentType: 'text/plain' });
    const ran = await done;
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/^chartkeeper: MedlinePlus is not answering right now, so education for [23] of 8 topics was saved; run this command again after \d\d:\d\d to save the rest\.$/);
    const saved = Number(/for (\d) of/.exec(ran.stderr)![1]);
    expect(await savedRows(vault)).toHaveLength(saved);

    // Run again before that time: the pause is kept in the vault, so nothing is asked and the
    // answer is the same.
    const asked = standIn.requests.length;
    const again = await chartkeeper(prefetchArgs(vault)).done;
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(ran.stderr);
    expect(standIn.requests.length).toBe(asked);
  }, 30_000);

  test('interrupted: Ctrl+C stops cleanly, keeps what was saved, sends nothing more', async () => {
    const vault = await aliceVault(true);
    const before = standIn.requests.length;
    const { child, done } = chartkeeper(prefetchArgs(vault));
    while (standIn.requests.length - before < 3 && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    // What a terminal does on Ctrl+C: SIGINT to the whole foreground process group.
    process.kill(-child.pid!, 'SIGINT');
    const ran = await done;
    expect(ran.code).toBe(130);
    const m = /^chartkeeper: Stopped after saving education for (\d) of 8 topics; run this command again to continue\.$/.exec(ran.stderr);
    expect(m, ran.stderr).not.toBeNull();
    const sentAtExit = standIn.requests.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(standIn.requests.length).toBe(sentAtExit);
    expect(await savedRows(vault)).toHaveLength(Number(m![1]));
  }, 30_000);
});
