// The command line says so when a profile's file is updated for this version before a command
// runs (it can take a minute on a very large profile), and only then.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASS = 'correct horse battery staple';

function chartkeeper(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/chartkeeper.mjs'), ...args], { cwd: root, env: { ...process.env, CHARTKEEPER_PASSPHRASE: PASS }, encoding: 'utf8', input: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('prints one line while a profile is updated, then runs the command', async () => {
  const vault = path.join(tempDir(), 'v');
  const api = testApi(vault);
  await ok(api, 'vault.create', { passphrase: PASS });
  const profile = await ok(api, 'profiles.add', { name: 'Ana Example', birthDate: '1950-01-31' });
  // As a file written before migration 023 (a data migration with nothing to do here), so
  // without the table 035 adds.
  const db = api.context.session!.profileDb(profile.id);
  db.exec('DROP TABLE none_known');
  db.pragma('user_version = 22');
  await ok(api, 'vault.lock', {});

  const first = chartkeeper(['timeline', '--profile', 'Ana Example', '--vault', vault, '--json']);
  expect(first.code).toBe(0);
  expect(first.stderr).toContain("Updating Ana Example's records for this version of Chartkeeper");
  expect(first.stderr).toContain('Do not stop it');
  expect(JSON.parse(first.stdout)).toEqual({ items: [] });
  const second = chartkeeper(['timeline', '--profile', 'Ana Example', '--vault', vault]);
  expect(second.code).toBe(0);
  expect(second.stderr).not.toContain('Updating');
});
