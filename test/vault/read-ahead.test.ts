// Reading the first profile's file ahead after unlock: every byte of the file and its WAL, off
// the main thread, stopped by a lock, and started only after the unlock has answered.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readAhead } from '../../main/vault/read-ahead.ts';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const MB = 1024 * 1024;

function fileOf(dir: string, name: string, bytes: number): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.alloc(bytes, 7));
  return file;
}

describe('readAhead', () => {
  test('reads every byte of each file and of its write-ahead log, and skips files that are not there', async () => {
    const dir = tempDir();
    const a = fileOf(dir, 'a.db', 3 * MB + 5);
    fileOf(dir, 'a.db-wal', 1000);
    const b = fileOf(dir, 'b.db', 10);
    expect(await readAhead([a, path.join(dir, 'missing.db'), b])).toBe(3 * MB + 5 + 1000 + 10);
  });

  test('stops when asked and at its byte limit', async () => {
    const dir = tempDir();
    const a = fileOf(dir, 'a.db', 4 * MB);
    let asked = 0;
    expect(await readAhead([a], { stop: () => ++asked > 1 })).toBe(MB);
    expect(await readAhead([a], { maxBytes: MB + 17 })).toBe(MB + 17);
  });

  test('leaves the main thread free while it reads', async () => {
    const dir = tempDir();
    const a = fileOf(dir, 'a.db', 16 * MB);
    let turns = 0;
    let reading = true;
    const turn = () => {
      turns++;
      if (reading) setImmediate(turn);
    };
    setImmediate(turn);
    try {
      expect(await readAhead([a])).toBe(16 * MB);
    } finally {
      reading = false;
    }
    // Sixteen reads on the thread pool, with the event loop going round while each one runs.
    expect(turns).toBeGreaterThanOrEqual(8);
  });
});

describe('after unlock', () => {
  test('the first profile is read ahead once the answer is out, and only when the first screen was asked for', async () => {
    const dir = tempDir();
    const api = testApi(dir);
    await ok(api, 'vault.create', { passphrase: PASS });
    const ann = await ok(api, 'profiles.add', { name: 'Ann Example', birthDate: '1950-01-31' });
    await ok(api, 'records.save', { profileId: ann.id, entry: { kind: 'note', title: 'Read ahead' } });
    await ok(api, 'vault.lock', {});
    api.context.readingAhead = null;

    await ok(api, 'vault.unlock', { passphrase: PASS });
    expect(api.context.readingAhead).toBeNull();
    await ok(api, 'vault.lock', {});

    const answer = await ok(api, 'vault.unlock', { passphrase: PASS, session: { timelineLimit: 50 } });
    expect(answer.session?.firstTimeline?.page.items.map((i) => i.title)).toEqual(['Read ahead']);
    const reading = api.context.readingAhead;
    expect(reading).not.toBeNull();
    const file = api.context.requireSession().profileFilePath(ann.id);
    const size = fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
    expect(await reading).toBe(size);

    // A lock stops it before its first read.
    await ok(api, 'vault.lock', {});
    await ok(api, 'vault.unlock', { passphrase: PASS, session: { timelineLimit: 50 } });
    const stopped = api.context.readingAhead;
    await ok(api, 'vault.lock', {});
    expect(await stopped).toBe(0);
  });
});
