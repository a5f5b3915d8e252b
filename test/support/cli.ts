// Runs `npx chartkeeper …` exactly as a user or script would, from the project folder; npm's
// own warnings are left out of stderr.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export function runChartkeeper(args: string[], env: Record<string, string | undefined> = {}, cwd = root) {
  const result = spawnSync('npx', ['--no-install', 'chartkeeper', ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', input: '' });
  const stderr = result.stderr
    .split('\n')
    .filter((l) => l && !l.startsWith('npm warn'))
    .join('\n');
  return { code: result.status, stdout: result.stdout, stderr };
}
