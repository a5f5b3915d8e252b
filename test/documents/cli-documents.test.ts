// The command line keeps a PDF given to `import` as a document and finds it with `search`,
// through the same main/api the app uses.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runChartkeeper } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';
import { makePdf } from './fixtures.ts';

const env = { CHARTKEEPER_PASSPHRASE: 'cli papers passphrase 7', CHARTKEEPER_CLI_SOURCE: '1' };

describe('documents on the command line', () => {
  test('import keeps a PDF as a document; search names it and its page', () => {
    const dir = tempDir();
    const vault = path.join(dir, 'v');
    const pdf = path.join(dir, 'Allergy letter.pdf');
    fs.writeFileSync(pdf, makePdf([['To whom it may concern'], ['Allergy: amoxicillin (hives, 2019)']]));
    expect(runChartkeeper(['vault', 'create', '--vault', vault], env).code).toBe(0);
    expect(runChartkeeper(['profile', 'add', 'Ana Example', '--vault', vault, '--birth-date', '1980-01-02'], env).code).toBe(0);

    const imported = runChartkeeper(['import', pdf, '--vault', vault, '--profile', 'Ana Example'], env);
    expect(imported.stderr).toBe('');
    expect(imported.stdout.trim()).toBe('Allergy letter.pdf: kept as a document, "Allergy letter" (application/pdf, 2 pages, its own text on 2 of them).');

    const search = runChartkeeper(['search', 'amoxicillin', '--vault', vault, '--profile', 'Ana Example', '--json'], env);
    expect(search.code).toBe(0);
    const found = JSON.parse(search.stdout) as { items: unknown[]; documents: { title: string; page: number; snippet: string }[] };
    expect(found.items).toEqual([]);
    expect(found.documents).toEqual([expect.objectContaining({ title: 'Allergy letter', page: 2, snippet: 'Allergy: «amoxicillin» (hives, 2019)' })]);
  });
});
