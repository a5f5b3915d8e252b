// The bench-data generator is deterministic for a seed and has the shape the issue asks for:
// mostly coded results and vitals, eight providers, twenty years, some documents repeating
// another's entries (which the importer merges).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { entryTargets, generateBenchVault, readManifest, isCurrent, GENERATOR_VERSION } from '../../bench/data.ts';
import { visitStream, type GeneratedVisit } from '../../bench/documents.ts';
import { unlockVault } from '../../main/vault/vault.ts';

function take(seed: number, person: number, n: number): GeneratedVisit[] {
  const stream = visitStream(seed, person);
  return Array.from({ length: n }, () => stream.next().value);
}

const hex = (v: GeneratedVisit) => Buffer.from(v.bytes).toString('hex');

describe('visitStream', () => {
  test('the same seed gives byte-identical documents; another seed or person does not', () => {
    const a = take(7, 0, 300).map(hex);
    expect(take(7, 0, 300).map(hex)).toEqual(a);
    expect(take(8, 0, 300).map(hex)).not.toEqual(a);
    expect(take(7, 1, 300).map(hex)).not.toEqual(a);
  });

  test('records look like real ones: ~70% coded results and vitals, 8 providers, 20 years, repeats', () => {
    const visits = take(42, 0, 2000);
    const records = visits.flatMap((v) => v.parsed.documents[0]!.records);
    const share = records.filter((r) => r.kind === 'result' || r.kind === 'vital').length / records.length;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.9);
    for (const r of records.filter((x) => x.kind === 'result')) {
      expect(r.codes[0]!.system).toBe('LOINC');
      expect(r.value?.unit).toBeTruthy();
      expect(r.referenceRange?.text).toBeTruthy();
    }
    expect(new Set(records.map((r) => r.kind))).toEqual(new Set(['result', 'vital', 'encounter', 'note', 'medication', 'problem', 'immunization', 'procedure']));
    expect(records.some((r) => r.kind === 'note' && (r.narrative?.length ?? 0) > 50)).toBe(true);
    const providers = new Set(visits.map((v) => v.parsed.documents[0]!.document.authorOrganization));
    expect(providers.size).toBe(8);
    const years = visits.map((v) => Number(v.parsed.documents[0]!.document.date!.slice(0, 4)));
    expect(Math.min(...years)).toBe(2006);
    expect(Math.max(...years)).toBe(2025);
    const repeats = visits.filter((v) => v.repeats > 0).length / visits.length;
    expect(repeats).toBeGreaterThan(0.04);
    expect(repeats).toBeLessThan(0.2);
  });
});

describe('generateBenchVault', () => {
  test('writes the requested entries through the import path, merges repeats, and records a manifest', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-benchdata-')), 'vault');
    try {
      const manifest = generateBenchVault({ dir, passphrase: 'bench data test', seed: 3, totalEntries: 1000 });
      expect(manifest.profiles.map((p) => p.entries)).toEqual(entryTargets(1000));
      expect(manifest.profiles.reduce((n, p) => n + p.mergedLinks, 0)).toBeGreaterThan(0);
      expect(isCurrent(readManifest(dir), 3, 1000)).toBe(true);
      expect(isCurrent(readManifest(dir), 4, 1000)).toBe(false);
      expect(readManifest(dir)!.generatorVersion).toBe(GENERATOR_VERSION);
      const session = unlockVault(dir, 'bench data test');
      try {
        const db = session.profileDb(manifest.largestProfileId);
        const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
        expect(count('SELECT count(*) AS n FROM entries')).toBe(manifest.profiles.find((p) => p.id === manifest.largestProfileId)!.entries);
        expect(count('SELECT count(*) AS n FROM entries WHERE source_count >= 2')).toBeGreaterThan(0);
        expect(count("SELECT count(*) AS n FROM entries_fts WHERE entries_fts MATCH 'hemoglobin'")).toBeGreaterThan(0);
        expect(session.listProfiles()[0]!.id).toBe(manifest.largestProfileId);
      } finally {
        session.close();
      }
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
