// The command line keeps a PDF or picture given to `import` as a document, finds its words
// (its own text, or recognised with --recognise) with `search`, lists documents and saves
// their files as given, through the same main/api the app uses.
import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import { describe, expect, test } from 'vitest';
import { runChartkeeper } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';
import { makeJpeg, makePdf, makeScannedPdf, textJpeg } from './fixtures.ts';

const env = { CHARTKEEPER_PASSPHRASE: 'cli papers passphrase 7', CHARTKEEPER_CLI_SOURCE: '1' };

function vaultWithProfile(): { dir: string; vault: string } {
  const dir = tempDir();
  const vault = path.join(dir, 'v');
  expect(runChartkeeper(['vault', 'create', '--vault', vault], env).code).toBe(0);
  expect(runChartkeeper(['profile', 'add', 'Ana Example', '--vault', vault, '--birth-date', '1980-01-02'], env).code).toBe(0);
  return { dir, vault };
}

describe('documents on the command line', () => {
  test('import keeps a PDF as a document; search names it and its page', () => {
    const { dir, vault } = vaultWithProfile();
    const pdf = path.join(dir, 'Allergy letter.pdf');
    fs.writeFileSync(pdf, makePdf([['To whom it may concern'], ['Allergy: amoxicillin (hives, 2019)']]));

    const imported = runChartkeeper(['import', pdf, '--vault', vault, '--profile', 'Ana Example'], env);
    expect(imported.stderr).toBe('');
    expect(imported.stdout.trim()).toBe('Allergy letter.pdf: kept as a document, "Allergy letter" (application/pdf, 2 pages, its own text on 2 of them).');

    const search = runChartkeeper(['search', 'amoxicillin', '--vault', vault, '--profile', 'Ana Example', '--json'], env);
    expect(search.code).toBe(0);
    const found = JSON.parse(search.stdout) as { items: unknown[]; documents: { title: string; page: number; snippet: string }[] };
    expect(found.items).toEqual([]);
    expect(found.documents).toEqual([expect.objectContaining({ title: 'Allergy letter', page: 2, snippet: 'Allergy: «amoxicillin» (hives, 2019)' })]);
  });

  test('import --recognise finds the words of a scanned page; list and export give the files back', { timeout: 240_000 }, async () => {
    const { dir, vault } = vaultWithProfile();
    const scanned = path.join(dir, 'Discharge.pdf');
    const picture = await textJpeg(['Discharge summary', 'Allergy: penicillin causes rash'], 1275, 1650, 36);
    fs.writeFileSync(scanned, makeScannedPdf([{ lines: ['Cover letter'] }, { jpeg: picture, width: 1275, height: 1650 }]));
    const photo = path.join(dir, 'card.jpg');
    const photoBytes = makeJpeg({ width: 16, height: 16, gps: true });
    fs.writeFileSync(photo, photoBytes);

    const imported = runChartkeeper(['import', scanned, photo, '--vault', vault, '--profile', 'Ana Example', '--recognise', '--json'], env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.stdout) as { files: { file: string; format: string; keptDocument: Record<string, unknown> }[] };
    expect(report.files[0]).toMatchObject({
      file: 'Discharge.pdf',
      format: 'kept-document',
      keptDocument: { title: 'Discharge', mediaType: 'application/pdf', pageCount: 2, pagesWithText: 2, pagesRecognised: 1 },
    });
    // A flat grey photo: looked at, no words in it.
    expect(report.files[1]).toMatchObject({ file: 'card.jpg', format: 'kept-document', keptDocument: { mediaType: 'image/jpeg', pageCount: 1, pagesRecognised: 0 } });

    const search = runChartkeeper(['search', 'penicillin', '--vault', vault, '--profile', 'Ana Example', '--json'], env);
    const found = JSON.parse(search.stdout) as { documents: { title: string; page: number; recognized: boolean }[] };
    expect(found.documents).toEqual([expect.objectContaining({ title: 'Discharge', page: 2, recognized: true })]);

    const listed = runChartkeeper(['documents', 'list', '--vault', vault, '--profile', 'Ana Example', '--json'], env);
    const documents = JSON.parse(listed.stdout) as { id: number; title: string; files: { name: string; hasLocation: boolean }[] }[];
    expect(documents.map((d) => d.title).sort()).toEqual(['Discharge', 'card']);
    expect(documents.find((d) => d.title === 'card')!.files).toEqual([expect.objectContaining({ name: 'card.jpg', hasLocation: true })]);

    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const exported = runChartkeeper(['documents', 'export', '--all', '--out', out, '--vault', vault, '--profile', 'Ana Example'], env);
    expect(exported.stderr).toBe('');
    expect(exported.stdout.trim()).toBe(`Saved 2 files of 2 documents in ${out}.\nWhere the photo was taken was left out of 1 of them; add --keep-location to keep it.`);
    expect(fs.readFileSync(path.join(out, 'Discharge.pdf')).equals(fs.readFileSync(scanned))).toBe(true);
    const copy = fs.readFileSync(path.join(out, 'card.jpg'));
    expect(copy.length).toBe(photoBytes.length);
    expect(await exifr.gps(copy)).toBeUndefined();

    // Asked for, the photo comes back exactly as kept, beside the first copy rather than over it.
    const card = documents.find((d) => d.title === 'card')!;
    const again = runChartkeeper(['documents', 'export', String(card.id), '--keep-location', '--out', out, '--vault', vault, '--profile', 'Ana Example', '--json'], env);
    expect(JSON.parse(again.stdout)).toEqual({ files: [{ documentId: card.id, position: 0, savedTo: path.join(out, 'card (2).jpg'), locationLeftOut: false }] });
    expect(fs.readFileSync(path.join(out, 'card (2).jpg')).equals(Buffer.from(photoBytes))).toBe(true);
    expect(fs.readdirSync(out).sort()).toEqual(['Discharge.pdf', 'card (2).jpg', 'card.jpg']);

    const usage = runChartkeeper(['documents', 'export', '--out', out, '--vault', vault, '--profile', 'Ana Example'], env);
    expect(usage.code).toBe(2);
  });
});
