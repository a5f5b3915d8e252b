// Renders visit packets to PDF with Debian's Chromium and reads them back with poppler's
// pdftotext/pdfinfo (fed on stdin, so no health data touches the disk).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildVisitSummaryHtml } from '../../main/summary/build.ts';
import { ChromiumUnavailableError, DEFAULT_CHROMIUM_PATH, renderPdfWithChromium } from '../../main/summary/pdf.ts';
import { margaretInput, TOMAS_ONLY, tomasRecord } from './fixtures.ts';

function hasPoppler(): boolean {
  return ['pdftotext', 'pdfinfo'].every((tool) => spawnSync(tool, ['-v']).error === undefined);
}

const missing = [
  existsSync(DEFAULT_CHROMIUM_PATH) ? '' : `${DEFAULT_CHROMIUM_PATH} is not installed (apt-get install chromium)`,
  hasPoppler() ? '' : 'pdftotext/pdfinfo are not installed (apt-get install poppler-utils)',
].filter(Boolean);
const skipReason = missing.join('; ');
if (skipReason) console.warn(`Skipping the visit summary PDF tests: ${skipReason}.`);

function pdfText(pdf: Uint8Array): string {
  // -layout keeps each table row on one line; then compare words, not spacing.
  const run = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr.toString()}`);
  return run.stdout.toString('utf8').replace(/\s+/g, ' ');
}

function pdfInfo(pdf: Uint8Array): { pages: number; pageSize: string } {
  const run = spawnSync('pdfinfo', ['-'], { input: pdf });
  if (run.status !== 0) throw new Error(`pdfinfo failed: ${run.stderr.toString()}`);
  const out = run.stdout.toString('utf8');
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]),
    pageSize: /^Page size:\s+(.+)$/m.exec(out)?.[1]?.trim() ?? '',
  };
}

/** Strings only Margaret's record contains. */
const MARGARET_ONLY = ['Whitfield', 'Metformin', 'Donepezil', 'Shellfish', 'Riverside', 'Hemoglobin A1c', 'Jan 31, 1950'];

describe.skipIf(skipReason !== '')(`visit summary PDF${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let margaretLetter: Uint8Array;
  let margaretA4Spanish: Uint8Array;
  let tomas: Uint8Array;

  beforeAll(async () => {
    const margaret = margaretInput({ paper: 'Letter', language: 'en' });
    margaretLetter = await renderPdfWithChromium(buildVisitSummaryHtml(margaret), 'Letter', 'en');
    const spanish = margaretInput({ paper: 'A4', language: 'es' });
    margaretA4Spanish = await renderPdfWithChromium(buildVisitSummaryHtml(spanish), 'A4', 'es');
    const { person, entries } = tomasRecord();
    const tomasInput = margaretInput({
      person,
      entries,
      preparedBy: undefined,
      chosenTrendTests: ['1989-3'],
      questions: ['Can the inhaler be refilled for 90 days?'],
      notesForClinician: undefined,
      education: [],
    });
    tomas = await renderPdfWithChromium(buildVisitSummaryHtml(tomasInput), 'Letter', 'en');
  });

  it('is a PDF', () => {
    expect(new TextDecoder().decode(margaretLetter.subarray(0, 5))).toBe('%PDF-');
  });

  it("holds Margaret's name, dates, doses and values, and nothing of Tomás's", () => {
    const text = pdfText(margaretLetter);
    for (const expected of [
      'Margaret A. Whitfield',
      'Date of birth: Jan 31, 1950 (age 75)',
      'Printed on: Mar 14, 2025',
      'Prepared by: Ellen Whitfield (daughter)',
      'Metformin 500 mg tablet',
      'Take with breakfast and supper.',
      'Levothyroxine 75 mcg tablet',
      '75 mcg',
      'twice a day',
      'Shellfish Anaphylaxis Severe',
      '6.9% ▲ High',
      '↓ 7.1%',
      '↑ 1.2 mg/dL',
      'Should the metformin dose change now that the A1c is lower?',
      'Information from MedlinePlus.gov',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('Glipizide');
    for (const other of TOMAS_ONLY) expect(text, other).not.toContain(other);
  });

  it("holds Tomás's record and nothing of Margaret's", () => {
    const text = pdfText(tomas);
    for (const expected of ['Tomás Herrera Ruiz', 'Jul 4, 1987', 'Sertraline 50 mg tablet', '2 puffs', 'Ibuprofen', '27 ng/mL ▼ Low']) {
      expect(text, expected).toContain(expected);
    }
    for (const other of MARGARET_ONLY) expect(text, other).not.toContain(other);
  });

  it('fits a typical record on one or two pages, numbered in the footer', () => {
    for (const [pdf, pageWord, of] of [
      [margaretLetter, 'Page', 'of'],
      [margaretA4Spanish, 'Página', 'de'],
    ] as const) {
      const { pages } = pdfInfo(pdf);
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(2);
      const text = pdfText(pdf);
      for (let page = 1; page <= pages; page++) expect(text).toContain(`${pageWord} ${page} ${of} ${pages}`);
    }
    expect(pdfInfo(tomas).pages).toBe(1);
  });

  it('puts the name on every page, so a loose page can be matched to its person', () => {
    const text = pdfText(margaretLetter);
    const { pages } = pdfInfo(margaretLetter);
    expect(text.split('Margaret A. Whitfield — Visit summary').length - 1).toBe(pages);
  });

  it('prints Spanish labels and dates', () => {
    const text = pdfText(margaretA4Spanish);
    for (const expected of ['Medicamentos actuales', 'Fecha de nacimiento: 31 ene 1950', 'Impreso el: 14 mar 2025', 'Información de MedlinePlus.gov']) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('Current medications');
  });

  it('uses the chosen paper size', () => {
    const letter = pdfInfo(margaretLetter).pageSize;
    const a4 = pdfInfo(margaretA4Spanish).pageSize;
    expect(letter).toMatch(/^612 x 792 pts/);
    expect(a4).toMatch(/^595\.\d+ x 841\.\d+ pts|^595\.\d+ x 842\.\d+ pts/);
    expect(a4).not.toBe(letter);
  });

  describe('with hostile content', () => {
    let server: Server;
    let hits = 0;
    let origin = '';

    beforeAll(async () => {
      server = createServer((_req, res) => {
        hits++;
        res.end('x');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('runs no script and fetches nothing, even from raw HTML that asks to', async () => {
      const html =
        `<!DOCTYPE html><html><head><link rel="stylesheet" href="${origin}/style.css"></head><body>` +
        `<p>Visible text</p><img src="${origin}/pixel.png"><iframe src="${origin}/frame"></iframe>` +
        `<script>document.body.append('SCRIPT RAN'); fetch('${origin}/fetch');</script></body></html>`;
      const text = pdfText(await renderPdfWithChromium(html, 'A4', 'en'));
      expect(text).toContain('Visible text');
      expect(text).not.toContain('SCRIPT RAN');
      expect(hits).toBe(0);
    });

    it('prints hostile record text as text', async () => {
      const input = margaretInput();
      const first = input.entries[0];
      if (first) first.title = `<img src="${origin}/x.png">Metformin <script>document.write('PWNED')</script>`;
      const text = pdfText(await renderPdfWithChromium(buildVisitSummaryHtml(input), 'Letter', 'en'));
      expect(text).toContain(`<img src="${origin}/x.png">Metformin`);
      expect(text).toContain(`<script>document.write(`);
      expect(hits).toBe(0);
    });
  });
});

describe('without Chromium', () => {
  it('says in one sentence that Chromium is missing', async () => {
    const attempt = renderPdfWithChromium('<p>x</p>', 'A4', 'en', { executablePath: '/nonexistent/chromium' });
    await expect(attempt).rejects.toBeInstanceOf(ChromiumUnavailableError);
    await expect(attempt).rejects.toThrow(
      'Chromium is not installed at /nonexistent/chromium, so the visit summary cannot be saved as a PDF (install it with "apt-get install chromium").',
    );
  });
});
