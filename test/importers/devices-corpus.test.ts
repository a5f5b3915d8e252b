// Every public sample of a health card, glucose export or blood-pressure export either
// imports records or is refused with one sentence; the manifest's NEGATIVE ones are refused.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, parseFile } from '../../main/importers/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const manifest = path.join(corpus, 'MANIFEST.tsv');

const KINDS = ['shc/', 'glucose-csv/', 'bp-csv/'];

/** Samples that are not a whole importable card or export, with why they are refused. */
const REFUSED: Record<string, RegExp> = {
  'shc/health-cards/example-00-b-jws-payload-expanded.json': /unpacked content of a SMART Health Card without its signature/,
  'shc/health-cards/example-02-f-qr-code-numeric-value-0.txt': /split across 3 QR codes and parts 2, 3 are missing/,
  'shc/health-cards/example-02-f-qr-code-numeric-value-2.txt': /split across 3 QR codes and parts 1, 2 are missing/,
  'shc/smart-health-cards-and-links/IPS_IG-bundle-01-enc.txt': /encrypted SMART Health Link/,
  'shc/smart-health-cards-and-links/IPS_IG-bundle-01-shl-details.json': /is a SMART Health Link \(the address and key of records kept elsewhere\), which Chartkeeper cannot open yet\.$/,
  'glucose-csv/cgm_format/Unified_synthetic.csv': /not a health record Chartkeeper can read/,
};

const EXPECTED_FORMAT: Record<string, string> = { 'shc/': 'shc', 'glucose-csv/': 'glucose-csv', 'bp-csv/': 'bp-csv' };

function samples(): { file: string; negative: boolean }[] {
  return readFileSync(manifest, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((cells) => cells[0] && KINDS.some((k) => cells[0]!.startsWith(k)))
    .map((cells) => ({ file: cells[0]!, negative: /\bNEGATIVE\b/.test(cells[6] ?? '') }));
}

function outcome(file: string): { records: number; format: string } | { refused: string } {
  try {
    const parsed = parseFile(readFileSync(path.join(corpus, file)), path.basename(file));
    return { records: parsed.documents.reduce((n, d) => n + d.records.length, 0), format: parsed.format };
  } catch (error) {
    if (error instanceof ImportError) return { refused: error.message };
    throw error;
  }
}

describe.skipIf(!existsSync(manifest))('device and health card samples in the corpus', () => {
  const list = existsSync(manifest) ? samples() : [];

  it('finds the samples of these kinds in the manifest', () => {
    expect(list.length).toBeGreaterThanOrEqual(20);
  });

  it.each(list.map((s) => [s.file, s.negative] as const))('%s imports or is refused with one sentence', (file, negative) => {
    const result = outcome(file);
    if ('refused' in result) {
      expect(REFUSED[file], `${file} was refused: ${result.refused}`).toBeDefined();
      expect(result.refused).toMatch(REFUSED[file]!);
      // One sentence: ends with a full stop and holds no second sentence.
      expect(result.refused).toMatch(/^[A-Z"].*\.$/);
      expect(result.refused).not.toMatch(/\.\s+[A-Z]/);
      return;
    }
    expect(negative, `${file} is NEGATIVE in the manifest but imported`).toBe(false);
    expect(REFUSED[file]).toBeUndefined();
    expect(result.records).toBeGreaterThan(0);
    const kind = KINDS.find((k) => file.startsWith(k))!;
    expect(result.format).toBe(EXPECTED_FORMAT[kind]);
    expect(detectFormat(readFileSync(path.join(corpus, file)), path.basename(file))).toBe(EXPECTED_FORMAT[kind]);
  });
});
