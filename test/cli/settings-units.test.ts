// `chartkeeper settings set units us|metric`: the unit system for weights, temperatures and
// heights, kept in the vault's settings.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASS = 'correct horse battery staple';

function chartkeeper(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/chartkeeper.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, CHARTKEEPER_PASSPHRASE: PASS },
    encoding: 'utf8',
    input: '',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('sets the unit system, which the app then reads; anything else is a usage error', async () => {
  const vault = path.join(tempDir(), 'v');
  expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
  const set = chartkeeper(['settings', 'set', 'units', 'metric', '--vault', vault]);
  expect(set.code).toBe(0);
  expect(set.stdout).toContain('kg, °C and cm');
  expect(chartkeeper(['settings', 'set', 'units', 'imperial', '--vault', vault]).code).toBe(2);
  const api = testApi(vault);
  await ok(api, 'vault.unlock', { passphrase: PASS });
  expect((await ok(api, 'settings.get', {})).units).toBe('metric');
  await ok(api, 'settings.set', { units: 'us' });
  expect((await ok(api, 'settings.get', {})).units).toBe('us');
  await ok(api, 'vault.lock', {});
});

test('sets the glucose unit (mg/dL, mmol/L or auto), which the app then reads; anything else is a usage error', async () => {
  const vault = path.join(tempDir(), 'v');
  expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
  const set = chartkeeper(['settings', 'set', 'glucose', 'mmol/l', '--vault', vault]);
  expect(set.code).toBe(0);
  expect(set.stdout).toContain('Glucose is shown in mmol/L');
  const wrong = chartkeeper(['settings', 'set', 'glucose', 'g/L', '--vault', vault]);
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain('mg/dL|mmol/L|auto');
  const api = testApi(vault);
  await ok(api, 'vault.unlock', { passphrase: PASS });
  expect((await ok(api, 'settings.get', {})).glucoseUnit).toBe('mmol/L');
  // The unit system is a setting of its own.
  expect((await ok(api, 'settings.get', {})).units).toBe('us');
  await ok(api, 'vault.lock', {});
  expect(chartkeeper(['settings', 'set', 'glucose', 'auto', '--vault', vault]).stdout).toContain('unit of most of its readings');
});
