// The recognition measure (issue #20): pages of known text printed from the corpus, drawn at
// 300 dpi, turned 1.5° with noise and dust, recognised through the app's own entry point, and
// the share of the page's words found held to a floor. Two pages only, so `npm test` stays
// quick; `npm run bench -- --only ocr` measures eight pages at 300 and 150 dpi and a photo.
import { describe, expect, it } from 'vitest';
import { recognizeImages } from '../../main/documents/ocr.ts';
import { canMeasure, knownPages, measure, measuredWords, MEASURED_DOCUMENTS, wordsFound, wordsMissed } from './ocr-pages.ts';

describe('how words are counted', () => {
  it('compares words without case or the punctuation around them, keeping the punctuation inside', () => {
    expect(measuredWords('Glucose, fasting: 98 mg/dL (5.6%) — “Dr. O’Brien”\n• done')).toEqual(['glucose', 'fasting', '98', 'mg/dl', '5.6', 'dr', 'o’brien', 'done']);
    expect(measuredWords('ﬁrst ＡＢＣ')).toEqual(['first', 'abc']);
  });

  it('counts a repeated word as often as it was printed, and no more than it was read', () => {
    const known = measuredWords('Moderate Moderate to severe Moderate');
    expect(wordsFound(known, measuredWords('Moderate to severe Moderate'))).toBe(4);
    expect(wordsFound(known, measuredWords('Moderate Moderate Moderate Moderate to severe severe'))).toBe(5);
    expect(wordsMissed(known, measuredWords('Moderate to severe Moderate'))).toEqual(['moderate']);
  });

  it('does not count a word read differently', () => {
    expect(wordsFound(measuredWords('5.6 mg/dL Ferritin'), measuredWords('5,6 mg/dl Femitin'))).toBe(1);
  });
});

const missing = canMeasure();
if (missing) console.warn(`[ocr] Skipping the recognition measure: ${missing}.`);

describe.skipIf(missing)('words recognised on a scanned page', () => {
  it('finds at least 97% of the words of a discharge summary and its visit summary at 300 dpi, turned and noisy', { timeout: 300_000 }, async () => {
    const pages = await knownPages([MEASURED_DOCUMENTS[0]!]);
    expect(pages.map((p) => p.label)).toEqual(['Discharge_Summary.xml narrative p1', 'Discharge_Summary.xml visit summary p1']);
    const result = await measure(pages, 300, { angle: 1.5, noise: 12, specks: 0.0005 }, async (picture) => (await recognizeImages([picture], 'eng', () => {}, new AbortController().signal))[0]!);
    const share = result.found / result.known;
    console.log(`[ocr] 300 dpi, turned 1.5°, noisy: ${result.found} of ${result.known} words (${(share * 100).toFixed(1)}%); not found: ${result.missed.join(' ')}`);
    expect(result.known).toBeGreaterThan(300);
    expect(share).toBeGreaterThanOrEqual(0.97);
  });
});
