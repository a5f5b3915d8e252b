// The worker pool parses exactly as the importer does in-process, carries the importer's
// sentences across the thread boundary, and refuses a file whose worker dies.
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError, parseFile } from '../../main/importers/index.ts';
import { restoreOriginal } from '../../main/importers/original-file.ts';
import { ParsePool, type ParsedUpload } from '../../main/importers/parse-pool.ts';
import { ALICE_CLINIC } from '../fixtures/cli/make-ccd.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const pool = new ParsePool(2);
afterAll(() => pool.close());

describe('ParsePool', () => {
  it('gives the same result as parsing in-process, for several formats at once', async () => {
    const files = [
      { name: 'ccd-full.xml', bytes: fs.readFileSync(path.join(FIXTURES, 'ccda/ccd-full.xml')) },
      { name: 'patient-bundle.json', bytes: fs.readFileSync(path.join(FIXTURES, 'fhir/patient-bundle.json')) },
      { name: 'medicare.txt', bytes: fs.readFileSync(path.join(FIXTURES, 'cms-text/medicare.txt')) },
      { name: 'alice.xml', bytes: Buffer.from(ALICE_CLINIC()) },
    ];
    const results = await Promise.all(files.map((f) => pool.parse(f.name, f.bytes)));
    results.forEach((result, i) => {
      expect(result.parsed).toEqual(parseFile(files[i]!.bytes, files[i]!.name));
      expect(result.original.size).toBe(files[i]!.bytes.byteLength);
      // The stored form gives the original back byte for byte.
      expect(restoreOriginal(result.original.stored, result.original.encoding).equals(files[i]!.bytes)).toBe(true);
    });
    // XML is kept deflated.
    expect(results[0]!.original.encoding).toBe('deflate-raw');
    expect(results[0]!.original.stored.byteLength).toBeLessThan(files[0]!.bytes.byteLength / 2);
  });

  it('keeps serving after a large file, whose worker ends once it has answered', async () => {
    const local = new ParsePool(1);
    try {
      const large = Buffer.from(ALICE_CLINIC().replace('<title>', `<!-- ${'padding '.repeat(400_000)} --><title>`));
      expect(large.byteLength).toBeGreaterThan(3 * 1024 * 1024);
      const small = Buffer.from(ALICE_CLINIC());
      // Queued together: the small files must not be handed to the worker that is ending.
      const results = await Promise.all([local.parse('large.xml', large), local.parse('a.xml', small), local.parse('large2.xml', large), local.parse('b.xml', small)]);
      expect(results.map((r) => r.parsed.format)).toEqual(['ccda', 'ccda', 'ccda', 'ccda']);
      expect(results[0]!.parsed).toEqual(parseFile(large, 'large.xml'));
    } finally {
      await local.close();
    }
  });

  it("does not take the caller's buffer away", async () => {
    const bytes = Buffer.from(ALICE_CLINIC());
    await pool.parse('alice.xml', bytes);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(bytes.toString('utf8')).toBe(ALICE_CLINIC());
  });

  it("rejects with the importer's own sentence, as an ImportError", async () => {
    const bytes = Buffer.from('Dear diary, today I felt fine.');
    let inProcess: unknown;
    try {
      parseFile(bytes, 'diary.txt');
    } catch (error) {
      inProcess = error;
    }
    expect(inProcess).toBeInstanceOf(ImportError);
    const viaPool = await pool.parse('diary.txt', bytes).catch((e: unknown) => e);
    expect(viaPool).toBeInstanceOf(ImportError);
    expect((viaPool as Error).message).toBe((inProcess as Error).message);
    // The worker is still serving after an error.
    expect((await pool.parse('alice.xml', Buffer.from(ALICE_CLINIC()))).parsed.format).toBe('ccda');
  });

  it('refuses the queued files when it is closed, and starts afresh afterwards', async () => {
    const local = new ParsePool(1);
    const bytes = Buffer.from(ALICE_CLINIC());
    const inFlight = local.parse('a.xml', bytes).catch((e: unknown) => e);
    const queued = local.parse('b.xml', bytes).catch((e: unknown) => e);
    await local.close();
    expect(await queued).toBeInstanceOf(ImportError);
    expect(await inFlight).toBeInstanceOf(ImportError);
    expect((await local.parse('c.xml', bytes)).parsed.format).toBe('ccda');
    await local.close();
  });

  it('parses a small import of small files in the calling thread, the same as a worker does', async () => {
    const local = new ParsePool(1);
    try {
      const bytes = fs.readFileSync(path.join(FIXTURES, 'ccda/ccd-full.xml'));
      const here = await local.parse('ccd-full.xml', bytes, { filesInImport: 1 });
      expect(local.running).toBe(0);
      const rejected = await local.parse('diary.txt', Buffer.from('Dear diary, today I felt fine.'), { filesInImport: 1 }).catch((e: unknown) => e);
      expect(rejected).toBeInstanceOf(ImportError);
      expect(local.running).toBe(0);
      // A larger import goes to the workers, and so does everything while one is running.
      const there = await local.parse('ccd-full.xml', bytes, { filesInImport: 3 });
      expect(local.running).toBe(1);
      // The same result; only the byte arrays' class differs (a worker's arrive as Uint8Array).
      const plain = (u: ParsedUpload) => ({
        ...u,
        original: { ...u.original, stored: Buffer.from(u.original.stored) },
        documents: u.documents?.map((d) => (d.encoding === 'identity' ? d : { ...d, bytes: Buffer.from(d.bytes) })),
      });
      expect(plain(here)).toEqual(plain(there));
      expect(here.documents?.length).toBe(1);
      await local.parse('ccd-full.xml', bytes, { filesInImport: 1 });
      expect(local.running).toBe(1);
    } finally {
      await local.close();
    }
  });

  it('leaves a zip, however small, and a large file to a worker', async () => {
    const local = new ParsePool(1);
    try {
      const zip = zipSync({ 'SUBSET01/DOC0001.XML': strToU8(ALICE_CLINIC()) });
      const pending = local.parse('alice.zip', zip, { filesInImport: 1 });
      expect(local.running).toBe(1);
      await pending.catch(() => undefined);
      await local.close();
      const large = Buffer.from(ALICE_CLINIC().replace('<title>', `<!-- ${'padding '.repeat(80_000)} --><title>`));
      expect(large.byteLength).toBeGreaterThan(512 * 1024);
      const parsing = local.parse('large.xml', large, { filesInImport: 1 });
      expect(local.running).toBe(1);
      expect((await parsing).parsed.format).toBe('ccda');
    } finally {
      await local.close();
    }
  });
  it('lets the calling thread parse a small file still waiting for the worker, never the next one, a zip or a large file', async () => {
    const local = new ParsePool(1);
    try {
      const bytes = fs.readFileSync(path.join(FIXTURES, 'ccda/ccd-full.xml'));
      const zip = zipSync({ 'SUBSET01/DOC0001.XML': strToU8(ALICE_CLINIC()) });
      const large = Buffer.from(ALICE_CLINIC().replace('<title>', `<!-- ${'padding '.repeat(80_000)} --><title>`));
      const settled: string[] = [];
      const track = (name: string, p: Promise<ParsedUpload>) => p.then((u) => (settled.push(name), u), (e: unknown) => (settled.push(name), Promise.reject(e)));
      // Two go to the worker at once (its own small queue); the rest wait in the pool's.
      const files = [
        track('a', local.parse('a.xml', bytes, { filesInImport: 6 })),
        track('b', local.parse('b.xml', bytes, { filesInImport: 6 })),
        track('next', local.parse('next.xml', bytes, { filesInImport: 6 })),
        track('zip', local.parse('alice.zip', zip, { filesInImport: 6 })),
        track('large', local.parse('large.xml', large, { filesInImport: 6 })),
        track('last', local.parse('last.xml', bytes, { filesInImport: 6 })),
      ];
      files.forEach((p) => p.catch(() => undefined));
      expect(local.parseOneHere()).toBe(true);
      await Promise.resolve();
      // Parsed here at once, before the worker could answer anything: the last small one.
      expect(settled).toEqual(['last']);
      // Left: the next file (the worker goes on to it), the zip and the large file.
      expect(local.parseOneHere()).toBe(false);
      const [a, , next, , , last] = await Promise.all(files.map((p) => p.catch(() => undefined)));
      expect(last?.parsed).toEqual(a?.parsed);
      expect(next?.parsed).toEqual(a?.parsed);
      expect(settled).toHaveLength(6);
    } finally {
      await local.close();
    }
  });
});
