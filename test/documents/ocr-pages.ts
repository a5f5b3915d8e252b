// Pages of known text for measuring recognition (the test beside this file and `npm run bench
// -- --only ocr`): corpus C-CDA narratives and visit summaries of corpus profiles are printed
// to PDF by Chromium (as `summary --pdf` prints), drawn to pictures with PDF.js at a chosen dpi,
// turned a little and given noise as a scanner or a phone would, and recognised. The known
// words are the words of the PDF's own text layer (what was actually drawn), never the source
// text we meant to print. Needs Chromium and the corpus; for tests and the benchmark only.
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parseFile } from '../../main/importers/index.ts';
import type { DocumentSection, NarrativeNode } from '../../main/records/model.ts';
import { escapeHtml } from '../../main/summary/format.ts';
import { renderPdfWithChromium } from '../../main/summary/pdf.ts';
import type { SummaryLanguage } from '../../main/summary/strings.ts';
import { ok, testApi } from '../support/api.ts';
import { seededRandom } from '../support/child.ts';

// ---------------------------------------------------------------- the measure

/**
 * The words of a text as the measure counts them: NFKC, lower case, split at white space, with
 * punctuation taken off both ends of each word (inner punctuation stays: "5.6", "mg/dl" and
 * "o'brien" must be read whole). Pieces with no letter or digit (a dash, a bullet) are not words.
 */
export function measuredWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/\s+/u)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/**
 * How many of the known words were recognised, counting repeats: a word printed three times
 * and read twice counts two (the multiset intersection). Order is not checked.
 */
export function wordsFound(known: readonly string[], recognised: readonly string[]): number {
  const left = new Map<string, number>();
  for (const w of recognised) left.set(w, (left.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of known) {
    const n = left.get(w) ?? 0;
    if (n > 0) {
      found += 1;
      left.set(w, n - 1);
    }
  }
  return found;
}

/** The known words that were not recognised (repeats counted), for reading what went wrong. */
export function wordsMissed(known: readonly string[], recognised: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const w of recognised) left.set(w, (left.get(w) ?? 0) + 1);
  const missed: string[] = [];
  for (const w of known) {
    const n = left.get(w) ?? 0;
    if (n > 0) left.set(w, n - 1);
    else missed.push(w);
  }
  return missed;
}

// ---------------------------------------------------------------- pictures of PDF pages

type PdfDocument = Awaited<ReturnType<typeof PdfJs.getDocument>['promise']>;

async function openPdf(pdf: Uint8Array): Promise<PdfDocument> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
}

/** The text layer of each page, as PDF.js gives it (its items joined, line ends kept). */
export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  const doc = await openPdf(pdf);
  try {
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      texts.push(text);
    }
    return texts;
  } finally {
    await doc.destroy();
  }
}

/** Page `n` (from 1) drawn on white at `dpi`. */
export async function drawPdfPage(pdf: Uint8Array, n: number, dpi: number): Promise<Canvas> {
  const doc = await openPdf(pdf);
  try {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const canvas = createCanvas(Math.floor(viewport.width), Math.floor(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: context as never, canvas: canvas as never, viewport }).promise;
    return canvas;
  } finally {
    await doc.destroy();
  }
}

// ---------------------------------------------------------------- as a scanner or a phone would

export interface Distortion {
  /** Degrees, clockwise. */
  angle: number;
  /** Standard deviation of Gaussian noise added to each pixel, in grey levels (0–255). */
  noise: number;
  /** Share of pixels turned into dark specks (dust). */
  specks: number;
  /** A photo of paper: grey paper, light falling off across the page, then saved as a JPEG of this quality (0–1). */
  photoJpegQuality?: number;
  seed: number;
}

/** A picture of `page` after `d`, as PNG bytes (or JPEG for a photo). Deterministic for a seed. */
export async function scanLike(page: Canvas, d: Distortion): Promise<Uint8Array<ArrayBuffer>> {
  const out = createCanvas(page.width, page.height);
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.translate(out.width / 2, out.height / 2);
  ctx.rotate((d.angle * Math.PI) / 180);
  ctx.translate(-out.width / 2, -out.height / 2);
  ctx.drawImage(page, 0, 0);
  const image = ctx.getImageData(0, 0, out.width, out.height);
  const px = image.data;
  const random = seededRandom(d.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const photo = d.photoJpegQuality !== undefined;
  for (let i = 0, p = 0; i < px.length; i += 4, p++) {
    let v = 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!;
    if (photo) {
      // Paper at about 215 grey near one corner falling to about 175 at the other, ink at about 40.
      const x = p % out.width;
      const y = Math.floor(p / out.width);
      const light = 215 - 40 * ((x / out.width + y / out.height) / 2);
      v = 40 + ((light - 40) * v) / 255;
    }
    v += d.noise * gauss();
    if (random() < d.specks) v = 30 * random();
    px[i] = px[i + 1] = px[i + 2] = v;
  }
  ctx.putImageData(image, 0, 0);
  const bytes = photo ? await out.encode('jpeg', Math.round(d.photoJpegQuality! * 100)) : await out.encode('png');
  return new Uint8Array(bytes);
}

// ---------------------------------------------------------------- printable pages of known text

const NARRATIVE_HTML: Partial<Record<string, string>> = {
  paragraph: 'p',
  list: 'ul',
  'ordered-list': 'ol',
  item: 'li',
  table: 'table',
  caption: 'caption',
  thead: 'thead',
  tbody: 'tbody',
  tfoot: 'tfoot',
  row: 'tr',
  'header-cell': 'th',
  cell: 'td',
  bold: 'b',
  italic: 'i',
  underline: 'u',
  sub: 'sub',
  sup: 'sup',
  link: 'span',
  span: 'span',
};

function narrativeNodeHtml(node: NarrativeNode): string {
  if (typeof node === 'string') return escapeHtml(node);
  if (node.tag === 'break') return '<br>';
  const tag = NARRATIVE_HTML[node.tag] ?? 'span';
  return `<${tag}>${node.children.map(narrativeNodeHtml).join('')}</${tag}>`;
}

/** A document's section narratives as one printable page, the way a portal prints a C-CDA. */
export function narrativeHtml(title: string, sections: readonly DocumentSection[]): string {
  const body = sections.map((s) => `<h2>${escapeHtml(s.title)}</h2>${s.narrative.map(narrativeNodeHtml).join('')}`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; line-height: 1.35; }
h1 { font-size: 15pt; } h2 { font-size: 12pt; margin: 1em 0 0.3em; }
table { border-collapse: collapse; margin: 0.3em 0; } td, th { border: 1px solid #999; padding: 2px 5px; text-align: left; vertical-align: top; }
</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

// ---------------------------------------------------------------- the pages measured

export const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');

/**
 * The corpus C-CDA documents whose pages are measured: four vendors' layouts and HL7's own
 * examples, chosen for prose, tables and lists. Each gives the first page of its narratives and
 * the first page of its visit summary.
 */
export const MEASURED_DOCUMENTS = [
  'ccda/hl7-ccda-examples/Documents/Discharge Summary/Discharge_Summary.xml',
  'ccda/hl7-ccda-examples/Documents/Progress Note/Progress_Note.xml',
  'ccda/jddamore-ccda-samples/Amrita/Ruth_Ulvar_315531_CCD_201709180916.xml',
  'ccda/jddamore-ccda-samples/Allscripts Sunrise/C-CDA_401700201_20160902122201_Newman_Alice.xml',
];

export interface KnownPage {
  /** "Discharge_Summary.xml narrative p1". */
  label: string;
  pdf: Uint8Array;
  /** From 1. */
  page: number;
  /** The page's own text layer. */
  text: string;
}

const ALL_PRINTED_SECTIONS = { medications: true, allergies: true, problems: true, results: true, immunizations: true, encounters: true, procedures: true, questions: false, notes: false, education: false };

/** Whether the corpus and Chromium are here (the measurement skips without them). */
export function canMeasure(): string | undefined {
  if (!fs.existsSync('/usr/bin/chromium')) return 'Chromium is not installed at /usr/bin/chromium';
  if (!fs.existsSync(path.join(CORPUS, MEASURED_DOCUMENTS[0]!))) return `the corpus (${CORPUS}) is absent`;
  return undefined;
}

/**
 * The first page of each document's narratives and of the visit summary of a profile made from
 * it (imported through main/api into a throw-away vault, printed by Chromium as `summary --pdf`
 * prints), with the words each page's text layer holds.
 */
export async function knownPages(files: readonly string[] = MEASURED_DOCUMENTS, what: { narrative?: boolean; summary?: boolean; language?: SummaryLanguage } = {}): Promise<KnownPage[]> {
  const language = what.language ?? 'en';
  const pages: KnownPage[] = [];
  const vault = fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-ocr-measure-'));
  try {
    const api = testApi(vault);
    await ok(api, 'vault.create', { passphrase: 'pages of known text 1' });
    for (const [i, file] of files.entries()) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(CORPUS, file)));
      const name = path.basename(file);
      const printed: [string, Uint8Array][] = [];
      if (what.narrative !== false) {
        const doc = parseFile(bytes, name).documents[0]!;
        printed.push(['narrative', await renderPdfWithChromium(narrativeHtml(doc.document.title ?? name, doc.document.sections), 'Letter', language)]);
      }
      if (what.summary !== false) {
        const profileId = (await ok(api, 'profiles.add', { name: `Person ${i + 1}`, birthDate: '1950-01-01' })).id;
        await ok(api, 'import.files', { profileId, files: [{ name, bytes }], force: true });
        const html = await ok(api, 'summary.html', { profileId, language, paper: 'Letter', sections: ALL_PRINTED_SECTIONS });
        printed.push(['visit summary', await renderPdfWithChromium(html, 'Letter', language)]);
      }
      for (const [kind, pdf] of printed) pages.push({ label: `${name} ${kind} p1`, pdf, page: 1, text: (await pdfPageTexts(pdf))[0]! });
    }
    return pages;
  } finally {
    fs.rmSync(vault, { recursive: true, force: true });
  }
}

export interface Measurement {
  known: number;
  found: number;
  /** Seconds of recognition per page, wall clock (the picture's making not counted). */
  secondsPerPage: number;
  /** CPU seconds of the whole process (its worker threads included) per page. */
  cpuSecondsPerPage: number;
  missed: string[];
}

/** Every page drawn at `dpi`, distorted, recognised by `recognise`, and its words counted. */
export async function measure(pages: readonly KnownPage[], dpi: number, distortion: Omit<Distortion, 'seed'>, recognise: (picture: Uint8Array) => Promise<string>): Promise<Measurement> {
  let known = 0;
  let found = 0;
  let seconds = 0;
  let cpu = 0;
  const missed: string[] = [];
  for (const [i, page] of pages.entries()) {
    const picture = await scanLike(await drawPdfPage(page.pdf, page.page, dpi), { ...distortion, angle: i % 2 ? -distortion.angle : distortion.angle, seed: 1000 * dpi + i + 1 });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const text = await recognise(picture);
    const used = process.cpuUsage(cpuBefore);
    cpu += (used.user + used.system) / 1e6;
    seconds += (performance.now() - started) / 1000;
    const expected = measuredWords(page.text);
    const read = measuredWords(text);
    known += expected.length;
    found += wordsFound(expected, read);
    missed.push(...wordsMissed(expected, read));
  }
  const n = Math.max(1, pages.length);
  return { known, found, secondsPerPage: seconds / n, cpuSecondsPerPage: cpu / n, missed };
}
