// The person's own statements from the command line: say, correct, withdraw, and the timeline
// that leaves hidden entries out unless --show-hidden.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runChartkeeper } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const CCD = path.join(import.meta.dirname, '../fixtures/ccda/ccd-full.xml');

function chartkeeper(args: string[]) {
  return runChartkeeper(args, { CHARTKEEPER_PASSPHRASE: PASS });
}

interface Item {
  id: number;
  title: string;
  kind: string;
  hiddenBy?: string;
  correctedTitle?: string;
}

describe('chartkeeper statement', () => {
  test('adds, corrects and withdraws; the timeline hides what is said to be wrong', () => {
    const vault = path.join(tempDir(), 'v');
    const at = ['--vault', vault, '--profile', 'Rosa Quintero'];
    expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
    expect(chartkeeper(['profile', 'add', 'Rosa Quintero', '--vault', vault, '--birth-date', '1958-07-04']).code).toBe(0);
    expect(fs.existsSync(CCD)).toBe(true);
    expect(chartkeeper(['import', CCD, ...at, '--force']).code).toBe(0);
    const timeline = (extra: string[] = []) => (JSON.parse(chartkeeper(['timeline', ...at, '--json', ...extra]).stdout) as { items: Item[] }).items;
    const all = timeline();
    const penicillin = all.find((i) => i.title === 'Penicillin G')!;
    const metformin = all.find((i) => i.title.startsWith('Metformin'))!;

    const wrong = chartkeeper(['statement', 'add', String(penicillin.id), 'wrong', ...at, '--note', 'My brother’s allergy']);
    expect(wrong.stderr).toBe('');
    expect(wrong.stdout).toMatch(/^You said on \d{4}-\d\d-\d\d about "Penicillin G": wrong \(statement (\d+); withdraw it with statement withdraw \1\)\.\n$/);
    const statementId = /statement (\d+);/.exec(wrong.stdout)![1]!;
    expect(timeline().map((i) => i.id)).not.toContain(penicillin.id);
    expect(timeline(['--show-hidden']).find((i) => i.id === penicillin.id)).toMatchObject({ hiddenBy: 'wrong' });
    const text = chartkeeper(['timeline', ...at, '--show-hidden', '--kind', 'allergy']);
    expect(text.stdout).toContain('Penicillin G [you said this is wrong]');

    const corrected = chartkeeper(['statement', 'correct', String(metformin.id), ...at, '--title', 'Metformin 500 mg', '--json']);
    expect(JSON.parse(corrected.stdout)).toMatchObject({ title: metformin.title, personal: [{ kind: 'correction', correction: { title: 'Metformin 500 mg' } }] });
    expect(timeline().find((i) => i.id === metformin.id)).toMatchObject({ correctedTitle: 'Metformin 500 mg' });

    const withdrawn = chartkeeper(['statement', 'withdraw', statementId, ...at]);
    expect(withdrawn.stdout).toBe('Withdrawn. "Penicillin G" reads as its sources say.\n');
    expect(timeline().map((i) => i.id)).toContain(penicillin.id);

    const bad = chartkeeper(['statement', 'add', String(penicillin.id), 'no-longer', ...at]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('chartkeeper: That cannot be said about this kind of entry; you can say it is wrong, hide it or correct it.');
    const usage = chartkeeper(['statement', 'add', String(penicillin.id), 'maybe', ...at]);
    expect(usage.code).toBe(2);
    expect(chartkeeper(['statement', 'correct', String(metformin.id), ...at]).stderr).toContain('Give at least one corrected value');
  });
});
