// The unit strings real C-CDA and C32 documents write on physical quantities must mostly
// turn into UCUM, or trends would skip half of a patient's values.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isUcum, toUcum } from '../../main/records/units.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const manifest = path.join(corpus, 'MANIFEST.tsv');

function corpusUnitCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  const rows = readFileSync(manifest, 'utf8').split('\n').slice(1);
  for (const row of rows) {
    const [file, format, , , , , notes] = row.split('\t');
    if (!file || (format !== 'ccda' && format !== 'c32') || notes?.includes('NEGATIVE')) continue;
    const full = path.join(corpus, file);
    if (!existsSync(full)) continue;
    const text = readFileSync(full, 'utf8');
    for (const match of text.matchAll(/<value\b[^>]*xsi:type="PQ"[^>]*>/g)) {
      const unit = /\bunit="([^"]*)"/.exec(match[0])?.[1];
      if (unit) counts.set(unit, (counts.get(unit) ?? 0) + 1);
    }
  }
  return counts;
}

describe.skipIf(!existsSync(manifest))('units written in the public sample documents', () => {
  it('map to UCUM for at least 98% of the quantities', () => {
    const counts = corpusUnitCounts();
    let total = 0;
    let understood = 0;
    const missed: string[] = [];
    for (const [unit, count] of counts) {
      total += count;
      const ucum = toUcum(unit);
      if (ucum && isUcum(ucum)) understood += count;
      else missed.push(unit);
    }
    expect(total).toBeGreaterThan(500);
    expect(understood / total, `not understood: ${missed.join(', ')}`).toBeGreaterThanOrEqual(0.98);
  });
});
