// `profile share` and `profile receive` as another caregiver would use them: two vaults of one
// person, each with a file of its own, shared both ways; --json gives the import report's counts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ALICE_CLINIC, JOHN_SMITH } from '../fixtures/cli/make-ccd.ts';
import { twoProviders } from '../fixtures/e2e/ccda.ts';
import { tempDir } from '../support/temp.ts';

const root = path.resolve(import.meta.dirname, '../..');
const PASS = 'correct horse battery staple';

function chartkeeper(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/chartkeeper.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, CHARTKEEPER_PASSPHRASE: PASS, CHARTKEEPER_SHARE_PASSPHRASE: 'for my brother only', ...env },
    encoding: 'utf8',
    input: '',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('profile share and profile receive', () => {
  test('two vaults of one person shared both ways end with the same files; a second receive adds nothing', () => {
    const work = tempDir();
    const [clinic, hospital] = twoProviders();
    fs.writeFileSync(path.join(work, clinic!.name), clinic!.xml);
    fs.writeFileSync(path.join(work, hospital!.name), hospital!.xml);
    const vaults = { ruth: path.join(work, 'ruth'), sam: path.join(work, 'sam') };
    for (const [who, file] of [['ruth', clinic!.name], ['sam', hospital!.name]] as const) {
      expect(chartkeeper(['vault', 'create', '--vault', vaults[who]]).code).toBe(0);
      expect(chartkeeper(['profile', 'add', 'Eleanor Testperson', '--birth-date', '1948-03-02', '--vault', vaults[who]]).code).toBe(0);
      expect(chartkeeper(['import', path.join(work, file), '--profile', 'Eleanor Testperson', '--vault', vaults[who]]).code).toBe(0);
    }
    const fromRuth = path.join(work, 'from-ruth.chartkeeper');
    const shared = chartkeeper(['profile', 'share', 'Eleanor Testperson', '--out', fromRuth, '--by', 'Ruth', '--vault', vaults.ruth]);
    expect(shared.stderr).toBe('');
    expect(shared.stdout).toContain('Saved a shared copy of Eleanor Testperson');
    const merged = chartkeeper(['profile', 'receive', fromRuth, '--into', 'Eleanor Testperson', '--json', '--vault', vaults.sam]);
    expect(merged.code).toBe(0);
    const report = JSON.parse(merged.stdout) as { created: boolean; files: { file: string; counts?: Record<string, { read: number; new: number; merged: number }>; alreadyImported?: boolean }[] };
    expect(report.created).toBe(false);
    expect(report.files).toHaveLength(1);
    const counts = Object.values(report.files[0]!.counts ?? {});
    // The other file's entries came in: some new, some merged with what Sam had.
    expect(counts.reduce((n, c) => n + c.new, 0)).toBeGreaterThan(0);
    expect(counts.reduce((n, c) => n + c.merged, 0)).toBeGreaterThan(0);

    const fromSam = path.join(work, 'from-sam.chartkeeper');
    expect(chartkeeper(['profile', 'share', 'Eleanor Testperson', '--out', fromSam, '--vault', vaults.sam]).code).toBe(0);
    expect(chartkeeper(['profile', 'receive', fromSam, '--into', 'Eleanor Testperson', '--vault', vaults.ruth]).code).toBe(0);
    const again = JSON.parse(chartkeeper(['profile', 'receive', fromSam, '--into', 'Eleanor Testperson', '--json', '--vault', vaults.ruth]).stdout) as { files: { alreadyImported?: boolean }[]; handEntries: { added: number } };
    expect(again.files.every((f) => f.alreadyImported)).toBe(true);
    expect(again.handEntries.added).toBe(0);

    const timeline = (vault: string) => chartkeeper(['timeline', '--profile', 'Eleanor Testperson', '--vault', vault]).stdout.split('\n').map((l) => l.split('\t').slice(0, 4).join('\t')).sort();
    expect(timeline(vaults.ruth)).toEqual(timeline(vaults.sam));

    // Without --into: a new profile. A wrong passphrase: one sentence, exit 1.
    const asNew = chartkeeper(['profile', 'receive', fromSam, '--vault', vaults.ruth]);
    expect(asNew.stdout).toContain('as a new profile');
    const wrong = chartkeeper(['profile', 'receive', fromSam, '--vault', vaults.ruth], { CHARTKEEPER_SHARE_PASSPHRASE: 'nope' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('passphrase');
  });

  test('a copy of someone else is refused unless --force', () => {
    const work = tempDir();
    fs.writeFileSync(path.join(work, 'alice.xml'), ALICE_CLINIC());
    fs.writeFileSync(path.join(work, 'john.xml'), JOHN_SMITH());
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    chartkeeper(['vault', 'create', '--vault', a]);
    chartkeeper(['vault', 'create', '--vault', b]);
    chartkeeper(['profile', 'add', 'Alice Example', '--birth-date', '1950-01-31', '--vault', a]);
    chartkeeper(['profile', 'add', 'John Smith', '--birth-date', '1948-03-02', '--vault', b]);
    chartkeeper(['import', path.join(work, 'john.xml'), '--profile', 'John Smith', '--vault', b]);
    const file = path.join(work, 'john.chartkeeper');
    expect(chartkeeper(['profile', 'share', 'John Smith', '--out', file, '--vault', b]).code).toBe(0);
    const refused = chartkeeper(['profile', 'receive', file, '--into', 'Alice Example', '--vault', a]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not Alice Example; nothing was added. Add --force to merge it anyway.');
  });
});
