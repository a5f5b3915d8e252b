// Kept documents through main/api: stored inside the profile's encrypted file, given back byte
// for byte (copies without a photo's location unless asked), found by their own text, exported
// in the originals zip and as FHIR DocumentReferences; a refused file changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import { unzipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../main/api/index.ts';
import { fails, ok, testApi } from '../support/api.ts';
import { snapshotFiles, tempDir } from '../support/temp.ts';
import { makeJpeg, makePdf, makePng } from './fixtures.ts';

const PASSPHRASE = 'papers in the drawer 42';
const CANARY = 'Zanzibarine';

let dir: string;
let out: string;
let api: Api;
let profileId: string;
let saveAs: string;

beforeEach(async () => {
  dir = tempDir();
  out = tempDir();
  saveAs = path.join(out, 'export');
  api = testApi(dir, { chooseSavePath: async () => saveAs });
  await ok(api, 'vault.create', { passphrase: PASSPHRASE });
  profileId = (await ok(api, 'profiles.add', { name: 'Rosa Díaz', birthDate: '1948-05-02' })).id;
});

describe('kept documents', () => {
  it('keeps a document of several files with its details and gives each file back byte for byte', async () => {
    const front = makeJpeg({ width: 32, height: 24, orientation: 6, gps: true });
    const back = makePng({ width: 20, height: 10 });
    const doc = await ok(api, 'papers.add', {
      profileId,
      files: [
        { name: 'card-front.jpg', bytes: front },
        { name: 'card-back.png', bytes: back },
      ],
      title: 'Insurance card',
      date: '2025-01',
      kind: 'insurance-card',
      notes: 'Group 555',
    });
    expect(doc).toMatchObject({ title: 'Insurance card', date: '2025-01', kind: 'insurance-card', notes: 'Group 555' });
    expect(doc.files.map((f) => [f.name, f.mediaType, f.size, f.hasLocation, f.orientation])).toEqual([
      ['card-front.jpg', 'image/jpeg', front.length, true, 6],
      ['card-back.png', 'image/png', back.length, false, undefined],
    ]);
    const exact = await ok(api, 'papers.file', { profileId, documentId: doc.id, position: 0, includeLocation: true });
    expect(Buffer.from(exact.bytes).equals(Buffer.from(front))).toBe(true);
    expect(exact.locationRemoved).toBe(false);
    const shown = await ok(api, 'papers.file', { profileId, documentId: doc.id, position: 0 });
    expect(shown.locationRemoved).toBe(true);
    expect(await exifr.gps(shown.bytes)).toBeUndefined();
    const png = await ok(api, 'papers.file', { profileId, documentId: doc.id, position: 1 });
    expect(Buffer.from(png.bytes).equals(Buffer.from(back))).toBe(true);

    // The same again after the vault is locked and opened: it is in the file, not in memory.
    await ok(api, 'vault.lock', {});
    await ok(api, 'vault.unlock', { passphrase: PASSPHRASE });
    const again = await ok(api, 'papers.file', { profileId, documentId: doc.id, position: 0, includeLocation: true });
    expect(Buffer.from(again.bytes).equals(Buffer.from(front))).toBe(true);
  });

  it('finds a PDF by a word of its own text, naming the document and the page', async () => {
    const pdf = makePdf([['Discharge summary'], ['Follow up with cardiology', `Medicine: ${CANARY} 20 mg daily`]]);
    const doc = await ok(api, 'papers.add', { profileId, files: [{ name: 'discharge.pdf', bytes: pdf }], kind: 'letter', date: '2024-11-03' });
    expect(doc).toMatchObject({ title: 'discharge', pagesWithText: 2 });
    const hits = await ok(api, 'papers.search', { profileId, text: CANARY.toLowerCase() });
    expect(hits).toEqual([
      { documentId: doc.id, title: 'discharge', kind: 'letter', date: '2024-11-03', position: 0, page: 2, snippet: expect.stringContaining(`«${CANARY}»`) as string, recognized: false },
    ]);
    expect(await ok(api, 'papers.search', { profileId, text: 'cardio' })).toHaveLength(1);
    expect(await ok(api, 'papers.search', { profileId, text: 'nephrology' })).toEqual([]);
    // Deleted, it is no longer found, and its bytes are gone from the originals.
    await ok(api, 'papers.delete', { profileId, documentId: doc.id });
    expect(await ok(api, 'papers.search', { profileId, text: CANARY })).toEqual([]);
    expect(await ok(api, 'papers.list', { profileId })).toEqual([]);
  });

  it('writes nothing unencrypted: the text and bytes of a kept PDF appear in no file of the vault', async () => {
    const pdf = makePdf([[`${CANARY} allergy letter`]]);
    await ok(api, 'papers.add', { profileId, files: [{ name: 'letter.pdf', bytes: pdf }] });
    await ok(api, 'vault.lock', {});
    for (const [file, bytes] of snapshotFiles(dir)) {
      expect(bytes.includes(Buffer.from(CANARY)), file).toBe(false);
      expect(bytes.includes(Buffer.from('%PDF-1.4')), file).toBe(false);
    }
  });

  it('refuses a broken file, a too-large image and a duplicate with a sentence, and changes nothing', async () => {
    await ok(api, 'papers.add', { profileId, files: [{ name: 'first.pdf', bytes: makePdf([['one']]) }] });
    const before = await ok(api, 'papers.list', { profileId });
    const jpeg = makeJpeg({ width: 16, height: 16 });
    const cases: [unknown[], string][] = [
      [[{ name: 'good.png', bytes: makePng() }, { name: 'cut.jpg', bytes: jpeg.subarray(0, jpeg.length - 2) }], '"cut.jpg" is a damaged or incomplete JPEG photo, so it was not kept.'],
      [[{ name: 'bomb.png', bytes: makePng({ claim: { width: 20_000, height: 20_000 } }) }], '"bomb.png" would be 400 megapixels when shown; Chartkeeper keeps images of at most 100 megapixels.'],
      [[{ name: 'again.pdf', bytes: makePdf([['one']]) }], '"again.pdf" is already kept, in the document "first"; nothing was changed.'],
    ];
    for (const [files, sentence] of cases) {
      const error = await fails(api, 'papers.add', { profileId, files });
      expect(error.message).toBe(sentence);
    }
    expect(await ok(api, 'papers.list', { profileId })).toEqual(before);
    const oversize = await fails(api, 'papers.saveThumbnail', { profileId, documentId: before[0]!.id, position: 0, bytes: new Uint8Array(300 * 1024) });
    expect(oversize).toMatchObject({ kind: 'invalid-input', message: 'That picture is too large for a thumbnail.' });
  });

  it('keeps a PDF or photo chosen at Import as a document instead of refusing it', async () => {
    const pdf = makePdf([['Lipid panel', 'LDL 130 mg/dL']]);
    const report = await ok(api, 'import.files', { profileId, files: [{ name: 'Lab results March.pdf', bytes: pdf }, { name: 'rx.jpg', bytes: makeJpeg() }] });
    expect(report.files).toEqual([
      { file: 'Lab results March.pdf', keptDocument: { id: expect.any(Number) as number, title: 'Lab results March', mediaType: 'application/pdf', pageCount: 1, pagesWithText: 1 } },
      { file: 'rx.jpg', keptDocument: { id: expect.any(Number) as number, title: 'rx', mediaType: 'image/jpeg', pageCount: 1, pagesWithText: 0 } },
    ]);
    const again = await ok(api, 'import.files', { profileId, files: [{ name: 'copy.pdf', bytes: pdf }] });
    expect(again.files[0]).toMatchObject({ file: 'copy.pdf', alreadyImported: true });
    const broken = await ok(api, 'import.files', { profileId, files: [{ name: 'broken.pdf', bytes: new TextEncoder().encode('%PDF-1.7\nnope') }] });
    expect(broken.files[0]).toMatchObject({ errorKind: 'unreadable-file', error: '"broken.pdf" is a damaged PDF that cannot be opened, so it was not kept.' });
    expect((await ok(api, 'papers.list', { profileId })).map((d) => d.title).sort()).toEqual(['Lab results March', 'rx']);
    expect((await ok(api, 'papers.search', { profileId, text: 'LDL' }))[0]).toMatchObject({ title: 'Lab results March', page: 1 });
  });

  it('links a document to entries and lists it from the entry', async () => {
    const entry = await ok(api, 'records.save', { profileId, entry: { kind: 'problem', title: 'Asthma' } });
    const doc = await ok(api, 'papers.add', { profileId, files: [{ name: 'plan.pdf', bytes: makePdf([['Asthma action plan']]) }], entryIds: [entry.id] });
    expect(doc.linkedEntries).toEqual([{ id: entry.id, kind: 'problem', title: 'Asthma' }]);
    expect((await ok(api, 'papers.forEntry', { profileId, entryId: entry.id })).map((d) => d.id)).toEqual([doc.id]);
    const unlinked = await ok(api, 'papers.update', { profileId, documentId: doc.id, entryIds: [], title: 'Action plan', date: null });
    expect(unlinked).toMatchObject({ title: 'Action plan', linkedEntries: [] });
    expect(unlinked.date).toBeUndefined();
    expect(await fails(api, 'papers.add', { profileId, files: [{ name: 'x.pdf', bytes: makePdf([['x']]) }], entryIds: [9999] })).toMatchObject({ kind: 'not-found' });
    expect(await ok(api, 'papers.list', { profileId })).toHaveLength(1);

    // Two entries merged: the document follows the entry that is kept.
    const twin = await ok(api, 'records.save', { profileId, entry: { kind: 'problem', title: 'Asthma (childhood)' } });
    await ok(api, 'papers.update', { profileId, documentId: doc.id, entryIds: [twin.id] });
    await ok(api, 'records.merge', { profileId, keepEntryId: entry.id, mergeEntryId: twin.id });
    expect((await ok(api, 'papers.get', { profileId, documentId: doc.id })).linkedEntries.map((e) => e.id)).toEqual([entry.id]);
  });

  it('gives kept files back in the originals zip and the FHIR export, without a photo’s location unless asked', async () => {
    const photo = makeJpeg({ width: 24, height: 24, gps: true });
    const pdf = makePdf([['Chest X-ray: no acute findings']]);
    const entry = await ok(api, 'records.save', { profileId, entry: { kind: 'problem', title: 'Cough' } });
    await ok(api, 'papers.add', { profileId, files: [{ name: 'xray.pdf', bytes: pdf }], kind: 'imaging-report', date: '2024-02-10', entryIds: [entry.id] });
    await ok(api, 'papers.add', { profileId, files: [{ name: 'label.jpg', bytes: photo }], kind: 'prescription' });

    await ok(api, 'export.originals', { profileId });
    let zip = unzipSync(fs.readFileSync(saveAs));
    expect(Buffer.from(zip['xray.pdf']!).equals(Buffer.from(pdf))).toBe(true);
    expect(await exifr.gps(zip['label.jpg']!)).toBeUndefined();
    await ok(api, 'export.originals', { profileId, includeLocation: true });
    zip = unzipSync(fs.readFileSync(saveAs));
    expect(Buffer.from(zip['label.jpg']!).equals(Buffer.from(photo))).toBe(true);

    await ok(api, 'export.fhir', { profileId });
    const bundle = JSON.parse(fs.readFileSync(saveAs, 'utf8')) as { entry: { fullUrl: string; resource: Record<string, unknown> }[] };
    const refs = bundle.entry.filter((e) => e.resource['resourceType'] === 'DocumentReference').map((e) => e.resource);
    expect(refs).toHaveLength(2);
    const xray = refs.find((r) => r['description'] === 'xray')!;
    expect(xray).toMatchObject({
      status: 'current',
      type: { coding: [{ system: 'http://loinc.org', code: '18748-4' }] },
      context: { period: { start: '2024-02-10' } },
      content: [{ attachment: { contentType: 'application/pdf', title: 'xray.pdf', size: pdf.length } }],
    });
    const attachment = (xray['content'] as { attachment: { data: string } }[])[0]!.attachment;
    expect(Buffer.from(attachment.data, 'base64').equals(Buffer.from(pdf))).toBe(true);
    const related = (xray['context'] as { related: { reference: string }[] }).related[0]!.reference;
    expect(bundle.entry.find((e) => e.fullUrl === related)?.resource['resourceType']).toBe('Condition');
    const label = refs.find((r) => r['description'] === 'label')!;
    expect(label['type']).toEqual({ coding: [{ system: 'http://loinc.org', code: '57833-6', display: 'Prescription for medication' }], text: 'Prescription' });
    const labelBytes = Buffer.from((label['content'] as { attachment: { data: string } }[])[0]!.attachment.data, 'base64');
    expect(await exifr.gps(labelBytes)).toBeUndefined();
  });
});
