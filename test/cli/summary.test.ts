import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ALICE_CLINIC, JOHN_SMITH } from '../fixtures/cli/make-ccd.ts';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASS = 'correct horse battery staple';
const haveTools = fs.existsSync('/usr/bin/chromium') && spawnSync('pdftotext', ['-v']).status === 0;

function chartkeeper(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/chartkeeper.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, CHARTKEEPER_PASSPHRASE: PASS },
    encoding: 'utf8',
    input: '',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function pdfText(file: string): string {
  const result = spawnSync('pdftotext', ['-layout', '-', '-'], { input: fs.readFileSync(file), encoding: 'utf8' });
  return result.stdout;
}

describe.skipIf(!haveTools)('summary --pdf (needs /usr/bin/chromium and poppler-utils)', () => {
  test('prints that profile only, with names, doses, dates and values, and records it in the audit log', async () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    fs.writeFileSync(path.join(work, 'alice.xml'), ALICE_CLINIC());
    fs.writeFileSync(path.join(work, 'john.xml'), JOHN_SMITH());
    expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
    chartkeeper(['profile', 'add', 'Alice Example', '--vault', vault, '--birth-date', '1950-01-31']);
    chartkeeper(['profile', 'add', 'John Smith', '--vault', vault, '--birth-date', '1948-03-02']);
    expect(chartkeeper(['import', path.join(work, 'alice.xml'), '--vault', vault, '--profile', 'Alice Example']).code).toBe(0);
    expect(chartkeeper(['import', path.join(work, 'john.xml'), '--vault', vault, '--profile', 'John Smith']).code).toBe(0);

    const out = path.join(work, 'alice.pdf');
    const printed = chartkeeper(['summary', '--pdf', out, '--vault', vault, '--profile', 'Alice Example']);
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    const text = pdfText(out);
    expect(text).toContain('Alice Example');
    expect(text).toMatch(/Metformin 500 MG Oral Tablet/);
    expect(text).toMatch(/Hemoglobin\s+A1c/);
    expect(text).toContain('7.2');
    expect(text).toMatch(/Jan 31, 1950/);
    for (const other of ['John Smith', 'Amlodipine']) expect(text).not.toContain(other);

    const onlyMeds = path.join(work, 'meds.pdf');
    expect(chartkeeper(['summary', '--pdf', onlyMeds, '--sections', 'medications', '--language', 'es', '--paper', 'A4', '--vault', vault, '--profile', 'Alice Example']).code).toBe(0);
    const medsText = pdfText(onlyMeds);
    expect(medsText).toMatch(/Metformin/);
    expect(medsText).not.toMatch(/Hemoglobin/);
    expect(medsText).toMatch(/31 ene 1950/);

    const api = testApi(vault);
    await ok(api, 'vault.unlock', { passphrase: PASS });
    const audit = await ok(api, 'audit.list', {});
    expect(audit.filter((a) => a.action === 'summary.pdf')).toHaveLength(2);
    await ok(api, 'vault.lock', {});
    // No plaintext copy was left anywhere beside the chosen file.
    expect(fs.readdirSync(work).sort()).toEqual(['alice.pdf', 'alice.xml', 'john.xml', 'meds.pdf', 'v']);
  });

  test('summary --card saves the emergency card, one page or wallet cards, in the language asked', async () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    fs.writeFileSync(path.join(work, 'alice.xml'), ALICE_CLINIC());
    expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
    chartkeeper(['profile', 'add', 'Alice Example', '--vault', vault, '--birth-date', '1950-01-31']);
    expect(chartkeeper(['import', path.join(work, 'alice.xml'), '--vault', vault, '--profile', 'Alice Example']).code).toBe(0);

    const card = path.join(work, 'card.pdf');
    const printed = chartkeeper(['summary', '--card', '--pdf', card, '--vault', vault, '--profile', 'Alice Example']);
    expect(printed.stderr).toBe('');
    expect(printed.stdout).toContain('Saved the emergency card to');
    const text = pdfText(card);
    expect(text).toContain('EMERGENCY MEDICAL INFORMATION');
    expect(text).toMatch(/Metformin 500 MG Oral Tablet/);
    expect(text).toContain('No emergency contact entered.');
    expect(text).not.toMatch(/Hemoglobin/); // results are not on the card

    const wallet = path.join(work, 'wallet.pdf');
    expect(chartkeeper(['summary', '--card', '--layout', 'wallet', '--language', 'es', '--paper', 'A4', '--pdf', wallet, '--vault', vault, '--profile', 'Alice Example']).code).toBe(0);
    expect(pdfText(wallet)).toContain('TARJETA MÉDICA DE EMERGENCIA');

    expect(chartkeeper(['summary', '--card', '--layout', 'poster', '--pdf', card, '--vault', vault, '--profile', 'Alice Example']).code).toBe(2);
    expect(chartkeeper(['summary', '--layout', 'wallet', '--pdf', card, '--vault', vault, '--profile', 'Alice Example']).code).toBe(2);
  });

  test('an unknown section is a usage error', () => {
    expect(chartkeeper(['summary', '--pdf', 'x.pdf', '--sections', 'gossip', '--vault', tempDir(), '--profile', 'A']).code).toBe(2);
  });
});

describe.skipIf(!haveTools)('summary --leave-out (needs /usr/bin/chromium and poppler-utils)', () => {
  test('lists items with ids, leaves out the ones named, refuses an id the summary does not offer, and reuses the last choice', () => {
    const work = tempDir();
    const vault = path.join(work, 'v');
    fs.writeFileSync(path.join(work, 'alice.xml'), ALICE_CLINIC());
    expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
    chartkeeper(['profile', 'add', 'Alice Example', '--vault', vault, '--birth-date', '1950-01-31']);
    expect(chartkeeper(['import', path.join(work, 'alice.xml'), '--vault', vault, '--profile', 'Alice Example']).code).toBe(0);

    const listed = chartkeeper(['summary', '--items', '--vault', vault, '--profile', 'Alice Example']);
    expect(listed.code).toBe(0);
    const metformin = /^\s+(\d+)\s+Metformin/m.exec(listed.stdout)?.[1];
    expect(metformin).toBeDefined();

    const out = path.join(work, 'without.pdf');
    const printed = chartkeeper(['summary', '--pdf', out, '--leave-out', metformin!, '--vault', vault, '--profile', 'Alice Example']);
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    const text = pdfText(out);
    expect(text).not.toMatch(/Metformin/);
    expect(text).toMatch(/Hemoglobin\s+A1c/);
    expect(text).toMatch(/1 item left out by the person who printed this\./);
    expect(chartkeeper(['summary', '--items', '--vault', vault, '--profile', 'Alice Example']).stdout).toMatch(/Metformin.*\[left out last time\]/);

    const refused = chartkeeper(['summary', '--pdf', path.join(work, 'x.pdf'), '--leave-out', '987654', '--vault', vault, '--profile', 'Alice Example']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('The summary has no item 987654');
    expect(fs.existsSync(path.join(work, 'x.pdf'))).toBe(false);
    expect(chartkeeper(['summary', '--pdf', path.join(work, 'y.pdf'), '--leave-out', 'metformin', '--vault', vault, '--profile', 'Alice Example']).code).not.toBe(0);

    const again = path.join(work, 'again.pdf');
    expect(chartkeeper(['summary', '--pdf', again, '--as-last-time', '--vault', vault, '--profile', 'Alice Example']).code).toBe(0);
    expect(pdfText(again)).not.toMatch(/Metformin/);
    const all = path.join(work, 'all.pdf');
    expect(chartkeeper(['summary', '--pdf', all, '--vault', vault, '--profile', 'Alice Example']).code).toBe(0);
    expect(pdfText(all)).toMatch(/Metformin/);
  }, 120_000);
});
