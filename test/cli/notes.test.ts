// `chartkeeper notes add TEXT [--for-clinician]`: the person's note, kept as their own entry;
// one for the clinician is printed on every visit summary, whatever sections are chosen.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ALICE_CLINIC } from '../fixtures/cli/make-ccd.ts';
import { runChartkeeper } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const haveTools = fs.existsSync('/usr/bin/chromium') && spawnSync('pdftotext', ['-v']).status === 0;

function chartkeeper(args: string[]) {
  return runChartkeeper(args, { CHARTKEEPER_PASSPHRASE: PASS });
}

function pdfText(file: string): string {
  return spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
}

describe('notes add', () => {
  test('keeps the note as written, marks one for the clinician, and says what is wrong in one line', () => {
    const vault = path.join(tempDir(), 'v');
    expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
    expect(chartkeeper(['profile', 'add', 'Alice Example', '--vault', vault, '--birth-date', '1950-01-31']).code).toBe(0);

    const added = chartkeeper(['notes', 'add', 'Dizzy when standing up since March', '--for-clinician', '--profile', 'Alice Example', '--vault', vault, '--json']);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const note = JSON.parse(added.stdout) as { kind: string; title: string; manual: boolean; details: { forClinician?: boolean }; start?: string };
    expect(note).toMatchObject({ kind: 'note', title: 'Dizzy when standing up since March', manual: true, details: { forClinician: true } });
    expect(note.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const long = `Pill box\n${'Morning: metformin. '.repeat(20)}`;
    const plain = chartkeeper(['notes', 'add', long, '--profile', 'alice example', '--vault', vault]);
    expect(plain.code).toBe(0);
    expect(plain.stdout.trim()).toBe("Added a note to Alice Example's record.");

    const timeline = JSON.parse(chartkeeper(['timeline', '--kind', 'note', '--profile', 'Alice Example', '--vault', vault, '--json']).stdout) as { items: { title: string }[] };
    expect(timeline.items.map((i) => i.title).sort()).toEqual(['Dizzy when standing up since March', 'Pill box']);

    const noText = chartkeeper(['notes', 'add', '--profile', 'Alice Example', '--vault', vault]);
    expect(noText.code).toBe(2);
    expect(noText.stderr.trim()).toBe('chartkeeper: Give the text of the note: notes add TEXT --profile NAME.');
    const nobody = chartkeeper(['notes', 'add', 'hello', '--profile', 'Nobody', '--vault', vault]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr.trim()).toBe('chartkeeper: There is no profile named "Nobody" in this vault.');
  });

  test.skipIf(!haveTools)('a note for the clinician is printed even when only the medications are chosen; a private note is not', () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    const file = path.join(work, 'alice.xml');
    fs.writeFileSync(file, ALICE_CLINIC());
    chartkeeper(['vault', 'create', '--vault', vault]);
    chartkeeper(['profile', 'add', 'Alice Example', '--vault', vault, '--birth-date', '1950-01-31']);
    expect(chartkeeper(['import', file, '--vault', vault, '--profile', 'Alice Example']).code).toBe(0);
    expect(chartkeeper(['notes', 'add', 'Dizzy when standing up since March', '--for-clinician', '--profile', 'Alice Example', '--vault', vault]).code).toBe(0);
    expect(chartkeeper(['notes', 'add', 'Buy a new pill box', '--profile', 'Alice Example', '--vault', vault]).code).toBe(0);

    const pdf = path.join(work, 'meds.pdf');
    const printed = chartkeeper(['summary', '--pdf', pdf, '--sections', 'medications', '--profile', 'Alice Example', '--vault', vault]);
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    const text = pdfText(pdf);
    expect(text).toContain('Notes for the clinician');
    expect(text).toContain('Dizzy when standing up since March');
    expect(text).not.toContain('pill box');
    expect(text).toMatch(/Metformin/);
    // The note comes before the record's sections.
    expect(text.indexOf('Dizzy')).toBeLessThan(text.indexOf('Current medications'));

    const withNotes = path.join(work, 'notes.pdf');
    expect(chartkeeper(['summary', '--pdf', withNotes, '--sections', 'notes', '--language', 'es', '--profile', 'Alice Example', '--vault', vault]).code).toBe(0);
    const es = pdfText(withNotes);
    expect(es).toContain('Mis notas');
    expect(es).toContain('Buy a new pill box');
    expect(es).toContain('Dizzy when standing up since March');
  });
});
