// How well "Add these results" reads lab reports: the numeric results of the public sample
// documents are printed as laboratories and portals print them (three layouts, Chromium's PDF
// output), the PDFs' text is read as the app reads it (PDF.js, main/documents/pdf.ts), and
// each proposal is compared field by field with what was printed. Precision (every field of a
// proposal as printed) is held to the 98%; recall is printed and held to a floor at
// what was measured.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { proposeResults, type ProposedResult } from '../../main/documents/lab-lines/index.ts';
import { readPdf } from '../../main/documents/pdf.ts';
import { corpusReports, expectedReading, LAYOUTS, reportsHtml, type Layout } from './lab-reports.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const CHROMIUM = '/usr/bin/chromium';

type Reading = ReturnType<typeof expectedReading>;
const FIELDS = ['name', 'value', 'unit', 'range', 'flag'] as const;

function asRead(p: ProposedResult): Reading {
  return { name: p.name, value: p.value.text, ...(p.unit ? { unit: p.unit } : {}), ...(p.range ? { range: p.range.text } : {}), ...(p.flag ? { flag: p.flag.code } : {}) };
}

interface Tally {
  printed: number;
  proposed: number;
  correct: number;
  valueWrong: number;
  fieldWrong: Record<(typeof FIELDS)[number], number>;
  examples: string[];
}

/** Lines of the text per report, split at each report's heading ("Laboratory Report 12"). */
function textPerReport(text: string): Map<number, string> {
  const parts = new Map<number, string>();
  let current = -1;
  for (const line of text.split('\n')) {
    const heading = /^Laboratory Report (\d+)$/.exec(line.trim());
    if (heading) current = Number(heading[1]) - 1;
    if (current >= 0) parts.set(current, `${parts.get(current) ?? ''}${line}\n`);
  }
  return parts;
}

describe.skipIf(!existsSync(path.join(corpus, 'MANIFEST.tsv')) || !existsSync(CHROMIUM))('reading results from printed lab reports', () => {
  it('proposes at least 98% of results exactly as printed, and finds most of them', { timeout: 300_000 }, async () => {
    const reports = corpusReports(corpus);
    expect(reports.length).toBeGreaterThan(40);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless', '--disable-gpu'] });
    const tallies = new Map<Layout, Tally>();
    try {
      const page = await browser.newPage();
      await page.route('**/*', (route) => route.abort());
      for (const layout of LAYOUTS) {
        await page.setContent(reportsHtml(reports, layout));
        const pdf = await page.pdf({ format: 'Letter', margin: { top: '0.5in', bottom: '0.5in', left: '0.6in', right: '0.6in' } });
        const pages = await readPdf(new Uint8Array(pdf), 'the report');
        const perReport = textPerReport(pages.map((p) => p.text).join('\n'));
        const tally: Tally = { printed: 0, proposed: 0, correct: 0, valueWrong: 0, fieldWrong: { name: 0, value: 0, unit: 0, range: 0, flag: 0 }, examples: [] };
        reports.forEach((report, i) => {
          const expected = report.results.map((r) => expectedReading(r, layout));
          const unused = [...expected];
          tally.printed += expected.length;
          const proposals = proposeResults([{ position: 0, page: 1, text: perReport.get(i) ?? '', recognized: false }]);
          for (const proposal of proposals) {
            tally.proposed += 1;
            const read = asRead(proposal);
            const exact = unused.findIndex((e) => JSON.stringify(e) === JSON.stringify(read));
            if (exact >= 0) {
              unused.splice(exact, 1);
              tally.correct += 1;
              continue;
            }
            // Which printed row it stands for: the one of its name, else the one whose name holds it.
            const row = unused.find((e) => e.name === read.name) ?? unused.find((e) => e.name.includes(read.name) || read.name.includes(e.name));
            if (row) unused.splice(unused.indexOf(row), 1);
            for (const field of FIELDS) if (!row || row[field] !== read[field]) tally.fieldWrong[field] += 1;
            if (!row || row.value !== read.value) tally.valueWrong += 1;
            if (tally.examples.length < 8) tally.examples.push(`${proposal.line} → ${JSON.stringify(read)} (printed ${JSON.stringify(row ?? null)})`);
          }
        });
        tallies.set(layout, tally);
      }
    } finally {
      await browser.close();
    }
    let printed = 0;
    let proposed = 0;
    let correct = 0;
    for (const [layout, t] of tallies) {
      printed += t.printed;
      proposed += t.proposed;
      correct += t.correct;
      console.log(
        `[lab-lines] ${layout}: ${t.printed} results printed, ${t.proposed} proposed, ${t.correct} exactly as printed ` +
          `(precision ${((100 * t.correct) / Math.max(1, t.proposed)).toFixed(1)}%, recall ${((100 * t.correct) / t.printed).toFixed(1)}%); ` +
          `wrong value ${t.valueWrong}, fields wrong ${JSON.stringify(t.fieldWrong)}`,
      );
      for (const example of t.examples) console.log(`  ${example}`);
    }
    console.log(`[lab-lines] all layouts: precision ${((100 * correct) / proposed).toFixed(1)}% (${correct}/${proposed}), recall ${((100 * correct) / printed).toFixed(1)}% (${correct}/${printed})`);
    expect(correct / proposed).toBeGreaterThanOrEqual(0.98);
    // Measured 47.3% (844 of 1,784) when written: 58.5% columns, 40.6% range-units, 61.9% portal,
    // 28.3% narrow (a wrapped name leaves its value on a line of its own, unread).
    expect(correct / printed).toBeGreaterThanOrEqual(0.46);
    for (const t of tallies.values()) expect(t.valueWrong).toBe(0);
  });
});
