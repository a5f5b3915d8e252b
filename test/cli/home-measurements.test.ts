// The command line's home measurements: a CSV of unknown layout read with a JSON mapping and
// then a saved one, readings typed in by hand, health card keys kept, glucose sensor samples.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runChartkeeper } from '../support/cli.ts';
import { cardKeys, cardPayload, signedCard } from '../support/health-card.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const chartkeeper = (args: string[]) => runChartkeeper(args, { CHARTKEEPER_PASSPHRASE: PASS });

describe('home measurements on the command line', () => {
  test('an unknown CSV names its columns, reads with --mapping FILE.json, the mapping is saved and used by name', () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    const csv = path.join(work, 'pulse.csv');
    fs.writeFileSync(csv, 'Fecha;Hora;Pulso\n01/02/2026;08:00;61\n02/02/2026;08:05;sesenta\n');
    const mapping = {
      name: 'Pulsera',
      header: ['Fecha', 'Hora', 'Pulso'],
      delimiter: ';',
      date: { column: 0, order: 'dmy' },
      time: { column: 1 },
      zone: { local: true },
      values: [{ column: 2, measure: 'pulse', unit: { fixed: '/min' } }],
    };
    const mappingFile = path.join(work, 'pulsera.json');
    fs.writeFileSync(mappingFile, JSON.stringify(mapping));
    expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
    expect(chartkeeper(['profile', 'add', 'Ana Fixture', '--vault', vault, '--birth-date', '1960-01-20']).code).toBe(0);

    const refused = chartkeeper(['import', csv, '--vault', vault, '--profile', 'Ana Fixture']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('pulse.csv: "pulse.csv" is not a health record Chartkeeper can read. Its columns (Fecha, Hora, Pulso) can be read with --mapping NAME or --mapping FILE.json.\n');

    const preview = chartkeeper(['mapping', 'preview', csv, '--mapping', mappingFile, '--vault', vault]);
    expect(preview.stdout).toBe('line 2: Heart rate 61 /min at 2026-02-01T08:00\nline 3: Line 3 was not imported: "sesenta" is not a number.\n2 lines in the file.\n');

    const imported = chartkeeper(['import', csv, '--mapping', mappingFile, '--vault', vault, '--profile', 'Ana Fixture', '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).files[0]).toMatchObject({ format: 'csv-mapped', counts: { vitals: { new: 1, skipped: 1 } } });

    expect(chartkeeper(['mapping', 'save', mappingFile, '--vault', vault]).stdout).toBe('Saved the mapping "Pulsera".\n');
    fs.writeFileSync(csv, 'Fecha;Hora;Pulso\n03/02/2026;08:00;64\n');
    expect(chartkeeper(['import', csv, '--vault', vault, '--profile', 'Ana Fixture']).stdout).toContain('Saved mappings for these columns: "Pulsera".');
    expect(chartkeeper(['import', csv, '--mapping', 'pulsera', '--vault', vault, '--profile', 'Ana Fixture']).stdout).toBe('pulse.csv (csv-mapped): 1 new, 0 merged, 0 skipped.\n');
    const missing = chartkeeper(['import', csv, '--mapping', 'Báscula', '--vault', vault, '--profile', 'Ana Fixture']);
    expect([missing.code, missing.stderr]).toEqual([1, 'chartkeeper: No mapping named "Báscula" is saved (mapping list shows them), and it is not a JSON file.']);
  });

  test('reading add stores a reading or a lab result by hand; health card keys are kept and check a later card', () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
    expect(chartkeeper(['profile', 'add', 'Ana Fixture', '--vault', vault, '--birth-date', '1960-01-20']).code).toBe(0);
    const added = chartkeeper(['reading', 'add', '--measure', 'glucose', '--value', '6.1', '--unit', 'mmol/L', '--date', '2026-02-01T07:00', '--profile', 'Ana Fixture', '--vault', vault]);
    expect(added.stdout).toMatch(/^Added Glucose \(meter\) 6\.1 mmol\/L on 2026-02-01T07:00 to Ana Fixture's record \(entry \d+\)\.\n$/);
    const lab = chartkeeper(['reading', 'add', '--title', 'Ferritin', '--value', '410', '--unit', 'ng/mL', '--high', '400', '--date', '2026-01-15', '--profile', 'Ana Fixture', '--vault', vault, '--json']);
    expect(JSON.parse(lab.stdout)).toMatchObject({ kind: 'result', manual: true, referenceRange: { high: 400, unit: 'ng/mL' } });
    const bad = chartkeeper(['reading', 'add', '--measure', 'weight', '--value', '72,5', '--unit', 'kg', '--date', '2026-02-01', '--profile', 'Ana Fixture', '--vault', vault]);
    expect([bad.code, bad.stderr]).toEqual([2, 'chartkeeper: Write the value as a number with a point for decimals, like 72.5.']);

    const keys = path.join(work, 'issuer-keys.json');
    fs.writeFileSync(keys, JSON.stringify(cardKeys));
    expect(chartkeeper(['card-keys', 'add', keys, '--issuer', 'https://issuer.example.org/cards', '--vault', vault]).stdout).toBe('Kept for https://issuer.example.org/cards: keys test-key.\n');
    const card = path.join(work, 'cards', 'card.smart-health-card');
    fs.mkdirSync(path.dirname(card));
    fs.writeFileSync(card, JSON.stringify({ verifiableCredential: [signedCard()] }));
    const imported = chartkeeper(['import', card, '--vault', vault, '--profile', 'Ana Fixture']);
    expect(imported.stdout).toBe('card.smart-health-card (shc): 1 new, 0 merged, 0 skipped.\n  health card from https://issuer.example.org/cards: signature valid, checked with key test-key kept in Chartkeeper (the issuer publishes no revocation list for this key, so there was none to check)\n');

    // Another issuer's card with online lookups off: nothing fetched, the reason and the way on said.
    const other = path.join(work, 'other', 'other.smart-health-card');
    fs.mkdirSync(path.dirname(other));
    fs.writeFileSync(other, JSON.stringify({ verifiableCredential: [signedCard({ ...cardPayload, iss: 'https://other-issuer.example.org' })] }));
    const unchecked = chartkeeper(['import', other, '--vault', vault, '--profile', 'Ana Fixture']);
    expect(unchecked.stdout).toContain(
      'health card from https://other-issuer.example.org: signature not checked: no key of the issuer at hand, and online lookups are off, so none was fetched; "settings set online-lookups on" lets Chartkeeper fetch it',
    );
    const fetchOff = chartkeeper(['card-keys', 'fetch', 'https://other-issuer.example.org', '--vault', vault]);
    expect([fetchOff.code, fetchOff.stderr]).toEqual([1, 'chartkeeper: Online lookups are off, so Chartkeeper did not fetch the keys; turn them on in Settings first.']);
    expect(chartkeeper(['card-keys', 'list', '--vault', vault]).stdout).toBe('https://issuer.example.org/cards\tkeys test-key\n');

    // Its issuer's key kept since: imported again, the card is checked and the import says what changed.
    expect(chartkeeper(['card-keys', 'add', keys, '--issuer', 'https://other-issuer.example.org', '--vault', vault]).code).toBe(0);
    expect(chartkeeper(['import', other, '--vault', vault, '--profile', 'Ana Fixture']).stdout).toBe(
      "other.smart-health-card: already imported; this card's signature is now checked; its document's title says so; nothing else changed.\n  health card from https://other-issuer.example.org: signature valid, checked with key test-key kept in Chartkeeper (the issuer publishes no revocation list for this key, so there was none to check)\n",
    );
    expect(chartkeeper(['import', other, '--vault', vault, '--profile', 'Ana Fixture']).stdout).toBe('other.smart-health-card: already imported; nothing changed.\n');
  });
});
