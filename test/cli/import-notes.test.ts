// The command line says every sentence of an import: a FHIR Consent not imported is named with
// its own words in the text, and given with its parameters under "notes" in --json.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { runChartkeeper } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';

const fixture = path.resolve(import.meta.dirname, '../fixtures/fhir/unread-consent-bundle.json');
const chartkeeper = (args: string[]) => runChartkeeper(args, { CHARTKEEPER_PASSPHRASE: 'notes of an import' });

function vaultWithRosa(work: string, name: string): string {
  const vault = path.join(work, name);
  expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
  expect(chartkeeper(['profile', 'add', 'Rosa Example', '--vault', vault, '--birth-date', '1941-03-02']).code).toBe(0);
  return vault;
}

test('import says which entries it did not read, in its text and its --json', () => {
  const work = tempDir();
  const file = path.join(work, 'rosa.json');
  fs.copyFileSync(fixture, file);

  const text = chartkeeper(['import', file, '--vault', vaultWithRosa(work, 'a'), '--profile', 'Rosa Example']);
  expect(text.stderr).toBe('');
  expect(text.code).toBe(0);
  expect(text.stdout).toContain(
    '\n  note: 1 Consent entry was not imported because Chartkeeper does not read that kind of entry yet: “Privacy Consent”.',
  );
  expect(text.stdout).toContain('\n  note: 1 Basic entry was not imported because Chartkeeper does not read that kind of entry yet.');

  const json = chartkeeper(['import', file, '--vault', vaultWithRosa(work, 'b'), '--profile', 'Rosa Example', '--json']);
  expect(json.code).toBe(0);
  const report = JSON.parse(json.stdout) as { files: { notes?: { reason: string; notice?: unknown }[]; counts: Record<string, { new: number }> }[] };
  const [only] = report.files;
  expect(only!.counts['allergies']?.new).toBe(1);
  // The Do Not Resuscitate Consent is an advance directive now; the privacy consent stays a note.
  expect(only!.counts['directives']?.new).toBe(1);
  expect(only!.notes).toContainEqual({
    reason: expect.stringContaining('1 Consent entry was not imported') as unknown as string,
    notice: { kind: 'not-read', resourceType: 'Consent', count: 1, words: ['Privacy Consent'] },
  });
});
