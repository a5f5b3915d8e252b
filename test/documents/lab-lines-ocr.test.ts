// "Add these results" on a photo or scan of a lab report: reports of known results (as in
// lab-lines-measure.test.ts) are drawn at 300 dpi, their words recognised on this computer
// (tesseract.js, English), and each proposal compared field by field with what was printed.
// Recognised words may be misread, so the form warns; this measures how often a proposal is.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { proposeResults } from '../../main/documents/lab-lines/index.ts';
import { recognizeImages } from '../../main/documents/ocr.ts';
import { asRead, corpusReports, emptyTally, reportsHtml, tallyLine, tallyReport, type Layout } from './lab-reports.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const CHROMIUM = '/usr/bin/chromium';
const REPORTS = 8;
const LAYOUTS: Layout[] = ['columns', 'range-units', 'portal'];

type Canvas = { getContext(kind: '2d'): unknown; encode(format: 'png'): Promise<Buffer>; width: number; height: number };
let createCanvas: ((w: number, h: number) => Canvas) | undefined;
try {
  createCanvas = (createRequire(import.meta.url)('@napi-rs/canvas') as { createCanvas: typeof createCanvas }).createCanvas;
} catch {
  console.warn('[lab-lines-ocr] Skipping: @napi-rs/canvas (an optional dependency of pdfjs-dist) is not installed.');
}

async function pictures(pdf: Uint8Array, dpi: number): Promise<Uint8Array[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: pdf, verbosity: 0 }).promise;
  const out: Uint8Array[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const canvas = createCanvas!(Math.floor(viewport.width), Math.floor(viewport.height));
    const context = canvas.getContext('2d') as { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: context as never, canvas: canvas as never, viewport }).promise;
    out.push(new Uint8Array(await canvas.encode('png')));
  }
  await doc.destroy();
  return out;
}

describe.skipIf(!existsSync(path.join(corpus, 'MANIFEST.tsv')) || !existsSync(CHROMIUM) || !createCanvas)('reading results from pictures of lab reports', () => {
  it('proposes results from recognised words with no value other than the printed one', { timeout: 600_000 }, async () => {
    const reports = corpusReports(corpus).slice(0, REPORTS);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless', '--disable-gpu'] });
    const pdfs = new Map<Layout, Uint8Array>();
    try {
      const page = await browser.newPage();
      await page.route('**/*', (route) => route.abort());
      for (const layout of LAYOUTS) {
        await page.setContent(reportsHtml(reports, layout));
        pdfs.set(layout, new Uint8Array(await page.pdf({ format: 'Letter', margin: { top: '0.5in', bottom: '0.5in', left: '0.6in', right: '0.6in' } })));
      }
    } finally {
      await browser.close();
    }
    const all = emptyTally();
    for (const layout of LAYOUTS) {
      const images = await pictures(pdfs.get(layout)!, 300);
      // Each report is one page (a few results each), so page i is report i.
      expect(images).toHaveLength(reports.length);
      const texts = await recognizeImages(images, 'eng', () => {}, new AbortController().signal);
      const tally = emptyTally();
      reports.forEach((report, i) => {
        const proposals = proposeResults([{ position: 0, page: 1, text: texts[i] ?? '', recognized: true }]);
        tallyReport(tally, report, layout, proposals.map((p) => ({ line: p.line, read: asRead(p) })));
      });
      console.log(`[lab-lines-ocr] ${tallyLine(`${layout} at 300 dpi`, tally)}`);
      for (const example of tally.examples) console.log(`  ${example}`);
      all.printed += tally.printed;
      all.proposed += tally.proposed;
      all.correct += tally.correct;
      all.valueWrong += tally.valueWrong;
    }
    console.log(`[lab-lines-ocr] ${tallyLine('all at 300 dpi', all)}`);
    expect(all.proposed).toBeGreaterThan(0);
    // What recognition misreads is a name ("[MASS/VOLUMET]"), never so far a value: the form
    // says recognised lines may be misread. Measured when written: 76 of 78 exactly as printed
    // (97.4%; the other two one misread name, "[MASS/VOLUMET]"), recall 57.6% (76 of 132), no
    // value other than the printed one.
    expect(all.valueWrong).toBe(0);
    expect(all.correct / all.proposed).toBeGreaterThanOrEqual(0.95);
    expect(all.correct / all.printed).toBeGreaterThanOrEqual(0.55);
  });
});
