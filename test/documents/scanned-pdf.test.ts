// A scanned PDF (pages that are only pictures, no text layer) is found by its words: the
// pages without text of their own are drawn in the document worker and recognised, the pages
// with their own text are left as they are, and the search names the page. Also HEIC photos
// and TIFF scans, through the pictures main drew of them, and a run stopped by the vault locking.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../main/api/index.ts';
import type { RecognitionProgress } from '../../main/documents/types.ts';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';
import { greyText, makeScannedPdf, makeTiff, textJpeg } from './fixtures.ts';

// A letter page at 150 dpi: 1275 × 1650 pixels.
const SCAN_LINES = ['Discharge summary', 'Allergy: amoxicillin causes hives', 'Follow up with Dr. Ortiz in two weeks'];

async function finished(api: Api, profileId: string, documentId: number): Promise<RecognitionProgress> {
  for (;;) {
    const progress = await ok(api, 'papers.recognizeProgress', { profileId, documentId });
    if (progress?.finished) return progress;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let api: Api;
let profileId: string;
beforeEach(async () => {
  api = testApi(tempDir());
  await ok(api, 'vault.create', { passphrase: 'scanned pages passphrase 4' });
  profileId = (await ok(api, 'profiles.add', { name: 'Eleanor Testperson', birthDate: '1948-03-02' })).id;
});

describe('finding the words of a scanned PDF', () => {
  it('recognises only the page with no text of its own, and the search names that page', { timeout: 180_000 }, async () => {
    const scan = await textJpeg(SCAN_LINES, 1275, 1650, 36);
    const pdf = makeScannedPdf([{ lines: ['Cover letter from Riverside Clinic'] }, { jpeg: scan, width: 1275, height: 1650 }]);
    const doc = await ok(api, 'papers.add', { profileId, files: [{ name: 'discharge.pdf', bytes: pdf }], recognise: true });
    expect(doc).toMatchObject({ pagesWithText: 1, pagesRecognized: 0 });
    // Started with the document: a run is going already.
    expect(await ok(api, 'papers.recognizeProgress', { profileId, documentId: doc.id })).toMatchObject({ documentId: doc.id });
    const done = await finished(api, profileId, doc.id);
    expect(done).toMatchObject({ finished: true, done: 1, pagesWithWords: 1 });

    const hits = await ok(api, 'papers.search', { profileId, text: 'amoxicillin hives' });
    expect(hits).toEqual([expect.objectContaining({ documentId: doc.id, position: 0, page: 2, recognized: true })]);
    expect(await ok(api, 'papers.search', { profileId, text: 'cover letter' })).toEqual([expect.objectContaining({ page: 1, recognized: false })]);
    expect(await ok(api, 'papers.get', { profileId, documentId: doc.id })).toMatchObject({ pagesWithText: 2, pagesRecognized: 1 });
  });

  it('stops a run when the vault locks, keeps nothing of it, and says why once unlocked again', { timeout: 120_000 }, async () => {
    const scan = await textJpeg(SCAN_LINES, 1275, 1650, 36);
    const pdf = makeScannedPdf([{ jpeg: scan, width: 1275, height: 1650 }]);
    const doc = await ok(api, 'papers.add', { profileId, files: [{ name: 'scan.pdf', bytes: pdf }] });
    expect(await ok(api, 'papers.recognizeProgress', { profileId, documentId: doc.id })).toBeNull();
    await ok(api, 'papers.recognize', { profileId, documentId: doc.id });
    await ok(api, 'vault.lock', {});
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await ok(api, 'vault.unlock', { passphrase: 'scanned pages passphrase 4' });
    const stopped = await finished(api, profileId, doc.id);
    expect(stopped).toMatchObject({
      finished: true,
      stoppedBecause: 'locked',
      sentence: 'Finding the words stopped because the vault was locked; nothing of that run was kept. Start it again from the document.',
    });
    expect(await ok(api, 'papers.search', { profileId, text: 'amoxicillin' })).toEqual([]);
  });
});

describe('HEIC photos and TIFF scans in the app', () => {
  it('keeps a HEIC byte for byte, shows its drawn picture, and finds its words', { timeout: 180_000 }, async () => {
    const heic = new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, 'files', 'prescription-label.heic')));
    const doc = await ok(api, 'papers.add', { profileId, files: [{ name: 'IMG_0042.HEIC', bytes: heic }], kind: 'prescription', recognise: true });
    expect(doc.files[0]).toMatchObject({ mediaType: 'image/heic', pageCount: 1, width: 800, height: 600, hasLocation: true });
    // The original as kept, and the copy given out without where it was taken.
    const kept = await ok(api, 'papers.file', { profileId, documentId: doc.id, position: 0, includeLocation: true });
    expect(Buffer.from(kept.bytes).equals(Buffer.from(heic))).toBe(true);
    const copy = await ok(api, 'papers.file', { profileId, documentId: doc.id, position: 0 });
    expect(copy).toMatchObject({ mediaType: 'image/heic', locationRemoved: true });
    expect(copy.bytes.length).toBe(heic.length);
    const picture = await ok(api, 'papers.picture', { profileId, documentId: doc.id, position: 0, page: 1 });
    expect(picture.mediaType).toBe('image/jpeg');
    expect([...picture.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(await fails(api, 'papers.picture', { profileId, documentId: doc.id, position: 0, page: 2 })).toMatchObject({ kind: 'not-found' });

    expect(await finished(api, profileId, doc.id)).toMatchObject({ finished: true, pagesWithWords: 1 });
    expect(await ok(api, 'papers.search', { profileId, text: 'amoxicillin' })).toEqual([expect.objectContaining({ documentId: doc.id, page: 1, recognized: true })]);
  });

  it('reads documents one after another: a run waiting its turn can be stopped and keeps nothing', { timeout: 180_000 }, async () => {
    const heic = new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, 'files', 'prescription-label.heic')));
    const tiff = makeTiff([{ width: 1275, height: 825, grey: await greyText(['Tetanus booster given 2019'], 1275, 825, 36) }]);
    const first = await ok(api, 'papers.add', { profileId, files: [{ name: 'label.heic', bytes: heic }], recognise: true });
    const second = await ok(api, 'papers.add', { profileId, files: [{ name: 'booklet.tif', bytes: tiff }], recognise: true });
    expect(await ok(api, 'papers.recognizeProgress', { profileId, documentId: second.id })).toMatchObject({ done: 0, finished: false });
    expect(await ok(api, 'papers.recognizeCancel', { profileId, documentId: second.id })).toMatchObject({ documentId: second.id });
    expect(await finished(api, profileId, first.id)).toMatchObject({ finished: true, pagesWithWords: 1 });
    expect(await finished(api, profileId, second.id)).toMatchObject({ finished: true, stoppedBecause: 'cancelled', done: 0 });
    expect(await ok(api, 'papers.search', { profileId, text: 'tetanus' })).toEqual([]);
    expect(await ok(api, 'papers.search', { profileId, text: 'amoxicillin' })).toHaveLength(1);
  });

  it('finds the words of the second page of a TIFF scan on that page', { timeout: 180_000 }, async () => {
    const page = async (lines: string[]) => ({ width: 1275, height: 825, grey: await greyText(lines, 1275, 825, 36) });
    const tiff = makeTiff([await page(['Immunization record']), await page(['Tetanus booster given 2019'])]);
    const doc = await ok(api, 'papers.add', { profileId, files: [{ name: 'booklet.tif', bytes: tiff }], recognise: true });
    expect(doc.files[0]).toMatchObject({ mediaType: 'image/tiff', pageCount: 2 });
    expect(await finished(api, profileId, doc.id)).toMatchObject({ finished: true, pagesWithWords: 2 });
    expect(await ok(api, 'papers.search', { profileId, text: 'tetanus' })).toEqual([expect.objectContaining({ page: 2, recognized: true })]);
  });
});
