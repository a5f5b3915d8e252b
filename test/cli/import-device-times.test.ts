// The command line's import of a blood-pressure monitor's CSV, as the device audit checked it:
// times read in the computer's zone (TZ here), and every line left out named with its reason.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runChartkeeper } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';

const env = { CHARTKEEPER_PASSPHRASE: 'correct horse battery staple', TZ: 'America/Los_Angeles' };
const chartkeeper = (args: string[]) => runChartkeeper(args, env);

describe('a blood-pressure monitor file on the command line', () => {
  test('an evening reading stays on its evening, and the skipped row is said with its reason', () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    const csv = path.join(work, 'bp.csv');
    // 1703219400000 is 2023-12-22 04:30 UTC: 20:30 on the 21st in California.
    fs.writeFileSync(csv, 'timestampUnixMs,systolic,diastolic,pulse,notes\n1703219400000,131,84,70,after dinner\n1703219500000,null,null,null,forgot\n');
    expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
    expect(chartkeeper(['profile', 'add', 'Ana Fixture', '--vault', vault, '--birth-date', '1960-01-20']).code).toBe(0);
    const imported = chartkeeper(['import', csv, '--vault', vault, '--profile', 'Ana Fixture']);
    expect(imported.stdout).toBe(
      'bp.csv (bp-csv): 3 new, 0 merged, 1 skipped.\n' +
        "  note: The file writes each time without the time zone it was taken in; the times are shown in this computer's time zone, America/Los_Angeles.\n" +
        '  skipped: Row 3 holds no reading (only the note "forgot"), so nothing was imported from it.\n',
    );
    const items = JSON.parse(chartkeeper(['timeline', '--vault', vault, '--profile', 'Ana Fixture', '--json']).stdout).items as { title: string; date: string }[];
    expect(items.map((i) => [i.title, i.date])).toContainEqual(['Systolic blood pressure', '2023-12-21T20:30:00-08:00']);
  });
});
