// The command line prints values as the app's screens read them: glucose in the glucose unit
// chosen, weights in the unit system chosen, and beside a converted value what the source wrote.
import path from 'node:path';
import { expect, test } from 'vitest';
import { runChartkeeper } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const chartkeeper = (args: string[]) => runChartkeeper(args, { CHARTKEEPER_PASSPHRASE: PASS });

test('timeline and reading add follow the glucose unit and the unit system; a converted value says what was recorded', () => {
  const vault = path.join(tempDir(), 'v');
  const at = ['--profile', 'Ana Fixture', '--vault', vault];
  expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
  expect(chartkeeper(['profile', 'add', 'Ana Fixture', '--vault', vault, '--birth-date', '1960-01-20']).code).toBe(0);
  expect(chartkeeper(['reading', 'add', '--measure', 'glucose', '--value', '101', '--unit', 'mg/dL', '--date', '2026-02-01T07:00', ...at]).code).toBe(0);
  expect(chartkeeper(['reading', 'add', '--measure', 'glucose', '--value', '6.1', '--unit', 'mmol/L', '--date', '2026-02-02T07:00', ...at]).code).toBe(0);
  expect(chartkeeper(['reading', 'add', '--measure', 'weight', '--value', '150', '--unit', '[lb_av]', '--date', '2026-02-02T07:05', ...at]).code).toBe(0);
  // Glucose known only by name is never converted: without a code the specimen is not known.
  expect(chartkeeper(['reading', 'add', '--title', 'Glucose', '--value', '99', '--unit', 'mg/dL', '--date', '2026-02-03', ...at]).code).toBe(0);
  const values = () =>
    chartkeeper(['timeline', ...at])
      .stdout.trim()
      .split('\n')
      .map((line) => line.split('\t').slice(0, 4).join(' | '))
      .sort();

  // auto (the default): each value as written, units as people write them.
  expect(values()).toEqual([
    '2026-02-01T07:00 | result | Glucose (meter) | 101 mg/dL',
    '2026-02-02T07:00 | result | Glucose (meter) | 6.1 mmol/L',
    '2026-02-02T07:05 | vital | Body weight | 150 lb',
    '2026-02-03 | result | Glucose | 99 mg/dL',
  ]);

  expect(chartkeeper(['settings', 'set', 'glucose', 'mmol/L', '--vault', vault]).code).toBe(0);
  expect(chartkeeper(['settings', 'set', 'units', 'metric', '--vault', vault]).code).toBe(0);
  expect(values()).toEqual([
    '2026-02-01T07:00 | result | Glucose (meter) | 5.6 mmol/L (recorded as 101 mg/dL)',
    '2026-02-02T07:00 | result | Glucose (meter) | 6.1 mmol/L',
    '2026-02-02T07:05 | vital | Body weight | 68 kg (recorded as 150 lb)',
    '2026-02-03 | result | Glucose | 99 mg/dL',
  ]);
  const details = chartkeeper(['timeline', '--details', '--kind', 'result', ...at]).stdout;
  expect(details).toContain('\tGlucose (meter)\t5.6 mmol/L (recorded as 101 mg/dL)\t');

  expect(chartkeeper(['settings', 'set', 'glucose', 'mg/dL', '--vault', vault]).code).toBe(0);
  expect(values()).toContain('2026-02-02T07:00 | result | Glucose (meter) | 110 mg/dL (recorded as 6.1 mmol/L)');
  expect(values()).toContain('2026-02-01T07:00 | result | Glucose (meter) | 101 mg/dL');

  // What was just typed in reads the same way.
  const added = chartkeeper(['reading', 'add', '--measure', 'glucose', '--value', '5.0', '--unit', 'mmol/L', '--date', '2026-02-04T07:00', ...at]);
  expect(added.stdout).toMatch(/^Added Glucose \(meter\) 90 mg\/dL \(recorded as 5\.0 mmol\/L\) on 2026-02-04T07:00 to Ana Fixture's record \(entry \d+\)\.\n$/);
  // The JSON keeps each value as stored.
  const json = JSON.parse(chartkeeper(['timeline', '--json', '--kind', 'result', ...at]).stdout) as { items: { value?: string; quantity?: { text?: string; unit?: string } }[] };
  expect(json.items.map((i) => i.quantity?.text).sort()).toEqual(['101', '5.0', '6.1', '99']);
});
