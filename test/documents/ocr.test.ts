// Words found in a photo or scan on this computer (tesseract.js with the English model from
// npm): a page of known text is rendered to a 300 dpi picture, kept as a document, recognised,
// and found by the search; a run can be cancelled and leaves nothing. The share of the page's
// words recognised is printed and held to a floor.
import { createRequire } from 'node:module';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../main/api/index.ts';
import type { RecognitionProgress } from '../../main/documents/types.ts';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';
import { makePdf } from './fixtures.ts';

const LINES = ['Riverside Laboratory', 'Patient: Eleanor Testperson', 'Hemoglobin A1c 5.6 percent', 'Glucose fasting 98 mg/dL', 'Ferritin 42 ng/mL', 'Reviewed by Dr. Amal Ortiz'];

type Canvas = { getContext(kind: '2d'): unknown; encode(format: 'png'): Promise<Buffer>; width: number; height: number };
let createCanvas: ((w: number, h: number) => Canvas) | undefined;
try {
  // PDF.js's own optional canvas for Node draws the page; without it these tests are skipped.
  createCanvas = (createRequire(import.meta.url)('@napi-rs/canvas') as { createCanvas: typeof createCanvas }).createCanvas;
} catch {
  console.warn('[ocr] Skipping recognition tests: @napi-rs/canvas (an optional dependency of pdfjs-dist) is not installed.');
}

async function pagePicture(lines: string[], dpi: number): Promise<Uint8Array<ArrayBuffer>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: makePdf([lines]), verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale: dpi / 72 });
  const canvas = createCanvas!(Math.floor(viewport.width), Math.floor(viewport.height));
  const context = canvas.getContext('2d') as { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: context as never, canvas: canvas as never, viewport }).promise;
  await doc.destroy();
  return new Uint8Array(await canvas.encode('png'));
}

async function finished(api: Api, profileId: string, documentId: number): Promise<RecognitionProgress> {
  for (;;) {
    const progress = await ok(api, 'papers.recognizeProgress', { profileId, documentId });
    if (progress?.finished) return progress;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}.]+/u).filter(Boolean);
}

let api: Api;
let profileId: string;
beforeEach(async () => {
  api = testApi(tempDir());
  await ok(api, 'vault.create', { passphrase: 'words in the picture 9' });
  profileId = (await ok(api, 'profiles.add', { name: 'Eleanor Testperson', birthDate: '1948-03-02' })).id;
});

describe.skipIf(!createCanvas)('finding the words in a scan', () => {
  it('recognises a 300 dpi page, puts its words in the search and says they were recognised', { timeout: 180_000 }, async () => {
    const picture = await pagePicture(LINES, 300);
    const doc = await ok(api, 'papers.add', { profileId, files: [{ name: 'scan.png', bytes: picture }], kind: 'lab-report' });
    expect(doc.pagesWithText).toBe(0);
    const started = await ok(api, 'papers.recognize', { profileId, documentId: doc.id });
    expect(started).toMatchObject({ documentId: doc.id, finished: false });
    const done = await finished(api, profileId, doc.id);
    expect(done).toMatchObject({ finished: true, done: 1, pagesWithWords: 1 });
    expect(done.stoppedBecause).toBeUndefined();

    const hits = await ok(api, 'papers.search', { profileId, text: 'riverside' });
    expect(hits).toEqual([expect.objectContaining({ documentId: doc.id, page: 1, recognized: true })]);
    expect((await ok(api, 'papers.get', { profileId, documentId: doc.id })).pagesRecognized).toBe(1);

    // The share of the page's words found (the measure; a clean render here).
    // A word counts when the search finds the document by it (the search matches word starts).
    const expected = LINES.flatMap(words);
    let recognised = 0;
    for (const word of expected) if ((await ok(api, 'papers.search', { profileId, text: word })).length > 0) recognised += 1;
    const share = recognised / expected.length;
    console.log(`[ocr] words of a 300 dpi letter page found: ${recognised} of ${expected.length} (${(share * 100).toFixed(1)}%)`);
    expect(share).toBeGreaterThanOrEqual(0.85);
  });

  it('stops a run when asked and keeps nothing of it', { timeout: 120_000 }, async () => {
    const picture = await pagePicture(LINES, 300);
    const doc = await ok(api, 'papers.add', { profileId, files: [{ name: 'scan.png', bytes: picture }] });
    await ok(api, 'papers.recognize', { profileId, documentId: doc.id });
    const cancelled = await ok(api, 'papers.recognizeCancel', { profileId, documentId: doc.id });
    expect(cancelled?.documentId).toBe(doc.id);
    expect(await finished(api, profileId, doc.id)).toMatchObject({ finished: true, stoppedBecause: 'cancelled' });
    expect(await ok(api, 'papers.search', { profileId, text: 'riverside' })).toEqual([]);
  });
});

describe('recognition needs a picture', () => {
  it('refuses a document that is only a PDF with a sentence', async () => {
    const doc = await ok(api, 'papers.add', { profileId, files: [{ name: 'a.pdf', bytes: makePdf([['x']]) }] });
    expect(await fails(api, 'papers.recognize', { profileId, documentId: doc.id })).toEqual({
      kind: 'invalid-input',
      message: 'Every page of this document has its own text already, which the search finds; there are no words to look for in pictures.',
    });
  });
});
