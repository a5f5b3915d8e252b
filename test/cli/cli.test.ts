import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ALICE_CLINIC, ALICE_HOSPITAL, JOHN_SMITH } from '../fixtures/cli/make-ccd.ts';
import { runChartkeeper } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASS = 'correct horse battery staple';

function chartkeeper(args: string[], env: Record<string, string | undefined> = {}, cwd = root) {
  return runChartkeeper(args, { CHARTKEEPER_PASSPHRASE: PASS, ...env }, cwd);
}

describe('the command line', () => {
  test('creates a vault, adds two profiles, lists them, imports, shows the timeline and searches', () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    const a = path.join(work, 'a.xml');
    const b = path.join(work, 'b.xml');
    fs.writeFileSync(a, ALICE_CLINIC());
    fs.writeFileSync(b, ALICE_HOSPITAL());

    expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
    expect(chartkeeper(['profile', 'add', 'Alice Example', '--vault', vault, '--birth-date', '1950-01-31']).code).toBe(0);
    expect(chartkeeper(['profile', 'add', 'Bob Example', '--vault', vault, '--birth-date', '1952-02-29']).code).toBe(0);

    const list = chartkeeper(['profile', 'list', '--vault', vault, '--json']);
    expect(list.code).toBe(0);
    const profiles = JSON.parse(list.stdout) as { name: string; birthDate: string }[];
    expect(profiles.map((p) => [p.name, p.birthDate])).toEqual([
      ['Alice Example', '1950-01-31'],
      ['Bob Example', '1952-02-29'],
    ]);

    const imported = chartkeeper(['import', a, b, '--vault', vault, '--profile', 'Alice Example', '--json']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.stdout) as {
      files: { file: string; format: string; patient: { name: string; birthDate: string }; counts: Record<string, { read: number; new: number; merged: number; skipped: number }> }[];
    };
    expect(report.files.map((f) => [f.file, f.format])).toEqual([
      ['a.xml', 'ccda'],
      ['b.xml', 'ccda'],
    ]);
    expect(report.files[0]!.patient).toEqual({ name: 'Alice Example', birthDate: '1950-01-31' });
    expect(report.files[0]!.counts.medications).toEqual({ read: 1, new: 1, merged: 0, skipped: 0 });
    // The second provider's copy of the same medicine, problem and result merges.
    expect(report.files[1]!.counts.medications).toEqual({ read: 1, new: 0, merged: 1, skipped: 0 });
    expect(report.files[1]!.counts.results).toEqual({ read: 1, new: 0, merged: 1, skipped: 0 });

    const again = JSON.parse(chartkeeper(['import', a, '--vault', vault, '--profile', 'Alice Example', '--json']).stdout);
    expect(again.files[0].alreadyImported).toBe(true);

    const timeline = chartkeeper(['timeline', '--vault', vault, '--profile', 'Alice Example', '--json']);
    expect(timeline.code).toBe(0);
    const items = (JSON.parse(timeline.stdout) as { items: { title: string; kind: string; providers: string[]; sourceCount: number }[] }).items;
    const metformin = items.find((i) => i.kind === 'medication');
    expect(metformin?.title).toMatch(/metformin/i);
    expect(metformin?.sourceCount).toBe(2);
    expect(metformin?.providers.sort()).toEqual(['Good Health Clinic', 'Riverside Hospital']);

    const search = chartkeeper(['search', 'metformin', '--vault', vault, '--profile', 'Alice Example', '--json']);
    expect(search.code).toBe(0);
    expect((JSON.parse(search.stdout) as { items: { title: string }[] }).items.map((i) => i.title)).toEqual([metformin?.title]);
    // Bob's profile is separate.
    const bob = chartkeeper(['search', 'metformin', '--vault', vault, '--profile', 'Bob Example', '--json']);
    expect(JSON.parse(bob.stdout).items).toEqual([]);
  });

  test('a file for another person fails with a clear sentence unless --force', () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    const john = path.join(work, 'john.xml');
    fs.writeFileSync(john, JOHN_SMITH());
    chartkeeper(['vault', 'create', '--vault', vault]);
    chartkeeper(['profile', 'add', 'Mary Smith', '--vault', vault, '--birth-date', '1950-05-05']);
    const refused = chartkeeper(['import', john, '--vault', vault, '--profile', 'Mary Smith', '--json']);
    expect(refused.code).toBe(1);
    const file = JSON.parse(refused.stdout).files[0];
    expect(file.error).toMatch(/This file is for John Smith, born 1948-03-02, not Mary Smith/);
    expect(file.counts).toBeUndefined();
    const timeline = JSON.parse(chartkeeper(['timeline', '--vault', vault, '--profile', 'Mary Smith', '--json']).stdout);
    expect(timeline.items).toEqual([]);
    const forced = chartkeeper(['import', john, '--vault', vault, '--profile', 'Mary Smith', '--json', '--force']);
    expect(forced.code).toBe(0);
  });

  test('a wrong passphrase prints one clear line and exits 1; usage errors exit 2', () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    chartkeeper(['vault', 'create', '--vault', vault]);
    const wrong = chartkeeper(['profile', 'list', '--vault', vault], { CHARTKEEPER_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.split('\n')).toEqual(['chartkeeper: That passphrase does not open this vault; nothing was changed.']);
    expect(chartkeeper(['frobnicate', '--vault', vault]).code).toBe(2);
    expect(chartkeeper(['profile', 'list', '--vault', vault, '--no-such-flag']).code).toBe(2);
    expect(chartkeeper(['profile', 'add', 'Eve', '--vault', vault]).code).toBe(2);
    const notAFile = path.join(work, 'notes.txt');
    fs.writeFileSync(notAFile, 'just some words, not a health record\n');
    chartkeeper(['profile', 'add', 'Eve Example', '--vault', vault, '--birth-date', '1990-01-01']);
    const bad = chartkeeper(['import', notAFile, '--vault', vault, '--profile', 'Eve Example', '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).files[0].error).toMatch(/not a health record/);
  });
});
