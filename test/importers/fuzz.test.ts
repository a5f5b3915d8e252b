// Mutation fuzzing: damaged versions of real and fixture files must either import as a
// well-formed ParsedFile or fail with an ImportError — never another exception, never hang.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseFile, ImportError } from '../../main/importers/index.ts';
import { FORMATS, type ParsedFile } from '../../main/records/model.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const fixtures = path.join(repoRoot, 'test/fixtures/ccda');

/** mulberry32: small, seeded, reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seeds(): { name: string; bytes: Uint8Array }[] {
  const out = readdirSync(fixtures).map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(fixtures, name))) }));
  const pick = [
    'ccda/amida-blue-button/CCDA_ReferencedValuesSample_v1.xml',
    'c32/amida-blue-button/SampleCCDDocument.xml',
    'xdm/nist-iheos-toolkit2/XDM-Samples/Sage.zip',
  ];
  for (const rel of pick) {
    const full = path.join(corpus, rel);
    if (existsSync(full)) out.push({ name: rel, bytes: new Uint8Array(readFileSync(full)) });
  }
  out.push({ name: 'generated.zip', bytes: zipSync({ 'IHE_XDM/SUBSET01/DOC0001.XML': readFileSync(path.join(fixtures, 'ccd-full.xml')) }) });
  return out;
}

type Mutation = (bytes: Uint8Array, random: () => number) => Uint8Array;

const mutations: Record<string, Mutation> = {
  truncate: (bytes, random) => bytes.subarray(0, Math.floor(random() * bytes.length)),
  flipBytes: (bytes, random) => {
    const out = bytes.slice();
    const flips = 1 + Math.floor(random() * 20);
    for (let i = 0; i < flips; i++) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
    return out;
  },
  dropClosingTag: (bytes, random) => {
    const text = Buffer.from(bytes).toString('latin1');
    const closings = [...text.matchAll(/<\/[A-Za-z][^>]*>/g)];
    const victim = closings[Math.floor(random() * closings.length)];
    if (!victim || victim.index === undefined) return bytes;
    return Buffer.from(text.slice(0, victim.index) + text.slice(victim.index + victim[0].length), 'latin1');
  },
  duplicateSlice: (bytes, random) => {
    const start = Math.floor(random() * bytes.length);
    const end = Math.min(bytes.length, start + Math.floor(random() * 400));
    const out = new Uint8Array(bytes.length + (end - start));
    out.set(bytes.subarray(0, end));
    out.set(bytes.subarray(start), end);
    return out;
  },
  swapAttributeQuotes: (bytes, random) => {
    const text = Buffer.from(bytes).toString('latin1');
    const at = Math.floor(random() * text.length);
    return Buffer.from(text.slice(0, at) + text.slice(at).replace('"', "'"), 'latin1');
  },
};

function assertWellFormed(parsed: ParsedFile): void {
  expect(FORMATS).toContain(parsed.format);
  expect(parsed.documents.length).toBeGreaterThan(0);
  for (const document of parsed.documents) {
    expect(Array.isArray(document.records)).toBe(true);
    expect(Array.isArray(document.problems)).toBe(true);
    expect(Array.isArray(document.document.sections)).toBe(true);
    for (const record of document.records) {
      expect(typeof record.title).toBe('string');
      expect(record.title.length).toBeGreaterThan(0);
      expect(Array.isArray(record.codes)).toBe(true);
    }
    JSON.stringify(document); // no cycles, nothing unserializable
  }
}

describe('fuzzing parseFile with damaged files', () => {
  const all = seeds();
  const random = rng(20240315);
  const names = Object.keys(mutations);
  const cases: { label: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i < 200; i++) {
    const seed = all[i % all.length] as { name: string; bytes: Uint8Array };
    const mutation = names[Math.floor(random() * names.length)] as string;
    cases.push({ label: `#${i} ${mutation} ${seed.name}`, bytes: (mutations[mutation] as Mutation)(seed.bytes, random) });
  }

  it('either imports or throws ImportError for 200 mutations', () => {
    const outcomes = { imported: 0, refused: 0 };
    for (const { label, bytes } of cases) {
      let parsed: ParsedFile | undefined;
      try {
        parsed = parseFile(bytes, 'fuzzed');
      } catch (error) {
        if (!(error instanceof ImportError)) {
          throw new Error(`${label}: unexpected ${(error as Error).name}: ${(error as Error).message}`);
        }
        outcomes.refused++;
        continue;
      }
      assertWellFormed(parsed);
      outcomes.imported++;
    }
    // Both paths must actually be exercised for the test to mean anything.
    expect(outcomes.imported).toBeGreaterThan(10);
    expect(outcomes.refused).toBeGreaterThan(10);
  });
});
