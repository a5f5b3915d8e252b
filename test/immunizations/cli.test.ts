// `chartkeeper immunizations forecast --input FILE --json`, run as a script would run it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../support/temp.ts';

const root = path.resolve(import.meta.dirname, '../..');

function chartkeeper(args: string[]) {
  const env = { ...process.env, CHARTKEEPER_PASSPHRASE: 'correct horse battery staple' };
  const result = spawnSync('npx', ['--no-install', 'chartkeeper', ...args], { cwd: root, env, encoding: 'utf8', input: '' });
  const stderr = result.stderr
    .split('\n')
    .filter((l) => l && !l.startsWith('npm warn'))
    .join('\n');
  return { code: result.status, stdout: result.stdout, stderr };
}

describe('chartkeeper immunizations forecast', () => {
  test('forecasts from a JSON history and reports each dose\'s evaluation', () => {
    const file = path.join(tempDir(), 'history.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        birthDate: '2025-09-05',
        sex: 'F',
        assessmentDate: '2025-11-10',
        doses: [
          { date: '2025-10-17', cvx: '107', mvx: null },
          { date: '2025-11-10', cvx: '107' },
        ],
        observations: [],
      }),
    );
    const result = chartkeeper(['immunizations', 'forecast', '--input', file, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as {
      supportingData: string;
      groups: { group: string; status: string; doseNumber: string; earliest: string; recommended: string; pastDue: string }[];
      doses: { date: string; cvx: string; evaluations: { antigen: string; status: string }[] }[];
    };
    expect(output.supportingData).toBe('4.64');
    // CDC test case 2013-0003: DTaP #2 at 10 weeks - 4 days is valid; dose 3 from 2025-12-12.
    expect(output.groups.find((g) => g.group === 'DTaP/Tdap/Td')).toMatchObject({
      status: 'Not Complete',
      doseNumber: '3',
      earliest: '2025-12-12',
      recommended: '2026-03-05',
      pastDue: '2026-05-02',
    });
    expect(output.doses[1]).toMatchObject({ date: '2025-11-10', cvx: '107' });
    expect(output.doses[1]!.evaluations.map((e) => [e.antigen, e.status]).sort()).toEqual([
      ['Diphtheria', 'Valid'],
      ['Pertussis', 'Valid'],
      ['Tetanus', 'Valid'],
    ]);
  });

  test('bad input is one sentence and exit code 1', () => {
    const file = path.join(tempDir(), 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ birthDate: '2025-01-01', doses: [{ date: '2025-02-01' }] }));
    const bad = chartkeeper(['immunizations', 'forecast', '--input', file, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^chartkeeper: .*\.$/);
    fs.writeFileSync(file, '{ not json');
    expect(chartkeeper(['immunizations', 'forecast', '--input', file]).stderr).toBe(`chartkeeper: ${file} is not valid JSON.`);
  });

  test('forecasts from a profile\'s record', () => {
    const vault = path.join(tempDir(), 'v');
    expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
    expect(chartkeeper(['profile', 'add', 'Kid Example', '--vault', vault, '--birth-date', '2024-01-15', '--sex', 'F']).code).toBe(0);
    const result = chartkeeper(['immunizations', '--profile', 'Kid Example', '--vault', vault, '--json']);
    expect(result.stderr).toBe('');
    const output = JSON.parse(result.stdout) as { forecast: { supportingData: string; groups: { group: string; doseNumber: string | null }[] }; notCounted: unknown[] };
    expect(output.forecast.supportingData).toBe('4.64');
    expect(output.forecast.groups.find((g) => g.group === 'MMR')?.doseNumber).toBe('1');
    expect(output.notCounted).toEqual([]);
  });
});
