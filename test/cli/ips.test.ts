// `chartkeeper export --ips FILE`: an International Patient Summary from the command line.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { ALICE_CLINIC } from '../fixtures/cli/make-ccd.ts';
import { ipsProblems } from '../export/ips-rules.ts';
import { runChartkeeper } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';

const chartkeeper = (args: string[]) => runChartkeeper(args, { CHARTKEEPER_PASSPHRASE: 'ips on the command line' });

test('export --ips writes a conforming IPS document in the language asked for; bad options change nothing', () => {
  const work = tempDir();
  const vault = path.join(work, 'v');
  const source = path.join(work, 'a.xml');
  fs.writeFileSync(source, ALICE_CLINIC());
  expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
  expect(chartkeeper(['profile', 'add', 'Alice Example', '--vault', vault, '--birth-date', '1950-01-31']).code).toBe(0);
  expect(chartkeeper(['import', source, '--vault', vault, '--profile', 'Alice Example']).code).toBe(0);

  const out = path.join(work, 'ips.json');
  const run = chartkeeper(['export', '--ips', out, '--language', 'es', '--vault', vault, '--profile', 'Alice Example']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const bundle = JSON.parse(fs.readFileSync(out, 'utf8')) as { entry: { resource: { language?: string; title?: string } }[] };
  expect(ipsProblems(bundle, { uuidFullUrls: true })).toEqual([]);
  expect(bundle.entry[0]!.resource.language).toBe('es');
  expect(bundle.entry[0]!.resource.title).toBe('Resumen Internacional del Paciente: Alice Example');

  const both = path.join(work, 'both.json');
  const wrong = chartkeeper(['export', '--ips', both, '--fhir', both, '--vault', vault, '--profile', 'Alice Example']);
  expect(wrong.code).not.toBe(0);
  expect(wrong.stderr).toContain('Choose one of --fhir FILE, --ips FILE or --originals FILE.');
  expect(fs.existsSync(both)).toBe(false);
  const language = chartkeeper(['export', '--ips', both, '--language', 'fr', '--vault', vault, '--profile', 'Alice Example']);
  expect(language.stderr).toContain('Choose --language en or es.');
  expect(fs.existsSync(both)).toBe(false);
});
