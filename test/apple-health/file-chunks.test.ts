// A bare export.xml read on the reading thread itself (fileChunks): every byte once, in order,
// through one reused buffer; an unreadable file said in a sentence; a cancel stops it. And
// the reader hands on the same from the file as from the same bytes given in memory.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { READ_CHUNK } from '../../main/importers/apple-health/archive.ts';
import { fileChunks, ImportCancelled, openAppleExport, streamExport } from '../../main/importers/apple-health/index.ts';
import { ImportError } from '../../main/importers/errors.ts';
import { bloodPressure, exportXml, heartRate } from './fixtures.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-file-chunks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function written(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('reading a bare export.xml on the reading thread', () => {
  it('hands on every byte once and in order, a chunk at a time, through one buffer', () => {
    // Three whole chunks and a few bytes more: the last chunk is short.
    const bytes = crypto.randomBytes(3 * READ_CHUNK + 5);
    const file = written('random.bin', bytes);
    const copies: Buffer[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for (const chunk of fileChunks(file, 'export.xml')) {
      expect(chunk.length).toBeLessThanOrEqual(READ_CHUNK);
      // Reused: each chunk is gone once the next is asked for, so it is copied here.
      copies.push(Buffer.from(chunk));
      buffers.add(chunk.buffer);
    }
    expect(copies.map((c) => c.length)).toEqual([READ_CHUNK, READ_CHUNK, READ_CHUNK, 5]);
    expect(Buffer.concat(copies).equals(bytes)).toBe(true);
    expect(buffers.size).toBe(1);
  });

  it('says in a sentence that a file cannot be read, and stops on a cancel', () => {
    expect(() => [...fileChunks(path.join(dir, 'missing.xml'), 'export.xml')]).toThrow(ImportError);
    expect(() => [...fileChunks(path.join(dir, 'missing.xml'), 'export.xml')]).toThrow(/^export\.xml could not be read to its end \(.+\), so nothing was imported from it\.$/);
    const file = written('cancelled.bin', crypto.randomBytes(2 * READ_CHUNK));
    const controller = new AbortController();
    const chunks = fileChunks(file, 'export.xml', controller.signal);
    expect(chunks.next().done).toBe(false);
    controller.abort();
    expect(() => chunks.next()).toThrow(ImportCancelled);
  });

  it('reads the same from the file as from its bytes, whatever chunk a record is cut at', async () => {
    let body = '';
    for (let i = 0; i < 4000; i++) body += heartRate(`2026-02-${String(1 + (i % 20)).padStart(2, '0')}`, `08:${String(i % 60).padStart(2, '0')}:00`, 50 + (i % 40));
    body += bloodPressure('2026-02-03', '09:00:00', 128, 84);
    const bytes = new TextEncoder().encode(exportXml(body));
    // Several chunks, so records are cut across chunk boundaries.
    expect(bytes.length).toBeGreaterThan(4 * READ_CHUNK);
    const read = async (input: { path: string } | { bytes: Uint8Array }) => {
      const exp = (await openAppleExport(input, 'export.xml'))!;
      const batches: unknown[] = [];
      try {
        const streamed = await streamExport(exp, { onBatch: (batch) => batches.push(batch) });
        const { drafts, ...rest } = streamed.result;
        return { batches, drafts: [...drafts], rest, sha256: streamed.sha256, bytes: streamed.bytes };
      } finally {
        exp.close();
      }
    };
    const fromFile = await read({ path: written('export.xml', bytes) });
    const fromBytes = await read({ bytes });
    expect(fromFile.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(fromFile.bytes).toBe(bytes.length);
    expect(fromFile.drafts.length).toBeGreaterThan(20);
    expect(fromFile).toEqual(fromBytes);
  });
});
