// Files the user asks for (FHIR export, originals zip, visit-summary PDF, backup) are written
// whole or not at all: on a full disk, or any other failure, the message says so, no partial or
// temporary file is left, and a file the user already had at that path is unchanged.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Channel, InputOf } from '../../preload/contract.ts';
import { SUMMARY_SECTIONS } from '../../main/summary/build.ts';
import { renderPdfWithChromium } from '../../main/summary/pdf.ts';
import { writeFileAtomic } from '../../main/vault/files.ts';
import { ALICE_CLINIC, ALICE_HOSPITAL } from '../fixtures/cli/make-ccd.ts';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';
import { fillDisk, mountTiny } from '../support/tiny-disk.ts';

const PASS = 'correct horse battery staple';
const HAS_CHROMIUM = fs.existsSync('/usr/bin/chromium');
const tiny = mountTiny(4096);

/** Alice with two documents, one padded with incompressible text so the originals zip is large. */
async function aliceApi(target: { path: string }) {
  const api = testApi(tempDir(), {
    chooseSavePath: async () => target.path,
    renderPdf: (html, paper, language) => renderPdfWithChromium(html, paper, language),
  });
  await ok(api, 'vault.create', { passphrase: PASS });
  const alice = await ok(api, 'profiles.add', { name: 'Alice Example', birthDate: '1950-01-31' });
  const padding = crypto.randomBytes(60_000).toString('base64');
  const padded = ALICE_CLINIC().replace('<title>Continuity of Care Document</title>', `<title>Continuity of Care Document</title><!-- ${padding} -->`);
  await ok(api, 'import.files', {
    profileId: alice.id,
    files: [
      { name: 'clinic.xml', bytes: new TextEncoder().encode(padded) },
      { name: 'hospital.xml', bytes: new TextEncoder().encode(ALICE_HOSPITAL()) },
    ],
  });
  return { api, alice };
}

type Ask = { channel: Channel; input: (profileId: string) => unknown; file: string; message: RegExp; needsChromium?: boolean };
const ASKS: Ask[] = [
  { channel: 'export.fhir', input: (profileId) => ({ profileId }), file: 'alice.json', message: /^The disk is full, so the file was not saved\.$/ },
  { channel: 'export.ips', input: (profileId) => ({ profileId }), file: 'alice-ips.json', message: /^The disk is full, so the file was not saved\.$/ },
  { channel: 'export.originals', input: (profileId) => ({ profileId }), file: 'alice.zip', message: /^The disk is full, so the file was not saved\.$/ },
  {
    channel: 'summary.pdf',
    input: (profileId) => ({ profileId, sections: Object.fromEntries(SUMMARY_SECTIONS.map((s) => [s, true])), language: 'en', paper: 'Letter' }),
    file: 'summary.pdf',
    message: /^The disk is full, so the file was not saved\.$/,
    needsChromium: true,
  },
  {
    channel: 'backup.create',
    input: (profileId) => ({ profileId, passphrase: 'another long backup passphrase' }),
    file: 'alice.chartkeeper',
    message: /^The disk is full, so the backup was not written; nothing was changed\.$/,
  },
];

describe.skipIf(!tiny)('a full disk under a file the user asked for', () => {
  for (const ask of ASKS) {
    test.skipIf(ask.needsChromium && !HAS_CHROMIUM)(`${ask.channel}: fails with one sentence, leaves no partial file, keeps the earlier file`, async () => {
      const target = { path: '' };
      const { api, alice } = await aliceApi(target);

      // How large the file is when there is room.
      target.path = path.join(tempDir(), ask.file);
      await ok(api, ask.channel, ask.input(alice.id) as InputOf<typeof ask.channel>);
      const size = fs.statSync(target.path).size;
      expect(size).toBeGreaterThan(8 * 1024);

      // The user's earlier file at the same path, on a disk with room for half of the new one.
      const folder = fs.mkdtempSync(path.join(tiny!, 'out-'));
      target.path = path.join(folder, ask.file);
      const earlier = crypto.randomBytes(3000);
      fs.writeFileSync(target.path, earlier);
      const filler = fillDisk(tiny!, Math.floor(size / 2));
      try {
        const error = await fails(api, ask.channel, ask.input(alice.id));
        expect(error.kind).toBe('disk-full');
        expect(error.message).toMatch(ask.message);
        expect(fs.readdirSync(folder)).toEqual([ask.file]);
        expect(fs.readFileSync(target.path).equals(earlier)).toBe(true);
      } finally {
        fs.rmSync(filler);
      }

      // With room again the same request replaces the earlier file with a whole one.
      await ok(api, ask.channel, ask.input(alice.id) as InputOf<typeof ask.channel>);
      expect(fs.readdirSync(folder)).toEqual([ask.file]);
      expect(Math.abs(fs.statSync(target.path).size - size)).toBeLessThan(size / 10);
      fs.rmSync(folder, { recursive: true });
      await ok(api, 'vault.lock', {});
    }, 60_000);
  }
});

describe('any other failure while saving a file the user asked for', () => {
  test('a folder that is gone: one sentence, nothing written', async () => {
    const target = { path: path.join(tempDir(), 'gone', 'alice.json') };
    const { api, alice } = await aliceApi(target);
    const error = await fails(api, 'export.fhir', { profileId: alice.id });
    expect(error).toEqual({ kind: 'unavailable', message: 'The file could not be saved there; choose another folder.' });
    expect(fs.existsSync(path.dirname(target.path))).toBe(false);
    const backup = await fails(api, 'backup.create', { passphrase: 'another long backup passphrase' });
    expect(backup).toEqual({ kind: 'unavailable', message: 'The backup could not be saved there; choose another folder.' });
    expect(fs.existsSync(path.dirname(target.path))).toBe(false);
    await ok(api, 'vault.lock', {});
  });

  test("a save cut short by a crash leaves its temporary file only until the next save to that path", async () => {
    const target = { path: path.join(tempDir(), 'alice.json') };
    const { api, alice } = await aliceApi(target);
    const folder = path.dirname(target.path);
    fs.writeFileSync(`${target.path}.tmp-0a1b2c3d`, '{"resourceType": "Bund');
    fs.writeFileSync(`${target.path}.tmp-notes`, 'a file of the user that merely starts alike');
    await ok(api, 'export.fhir', { profileId: alice.id });
    expect(fs.readdirSync(folder).sort()).toEqual(['alice.json', 'alice.json.tmp-notes']);
    await ok(api, 'vault.lock', {});
  });

  test('the rename into place fails: the temporary file is removed and what was at the path is unchanged', () => {
    const folder = tempDir();
    const target = path.join(folder, 'taken');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside.txt'), 'kept');
    expect(() => writeFileAtomic(target, 'new bytes')).toThrow();
    expect(fs.readdirSync(folder)).toEqual(['taken']);
    expect(fs.readFileSync(path.join(target, 'inside.txt'), 'utf8')).toBe('kept');
  });
});

describe.skipIf(!tiny)('a profile added on a full disk', () => {
  test('fails with one sentence, leaves no stray file, and the vault keeps working', async () => {
    const vaultDir = fs.mkdtempSync(path.join(tiny!, 'vault-'));
    const api = testApi(vaultDir);
    await ok(api, 'vault.create', { passphrase: PASS });
    await ok(api, 'profiles.add', { name: 'Alice Example', birthDate: '1950-01-31' });
    const before = fs.readdirSync(path.join(vaultDir, 'profiles')).sort();
    const vaultFiles = fs.readdirSync(vaultDir).sort();
    // Each amount of room left fails a different step: the file, its WAL index, its schema.
    for (const leave of [0, 4096, 8192, 16 * 1024, 32 * 1024, 64 * 1024]) {
      const filler = fillDisk(tiny!, leave);
      try {
        const result = await api.invoke('profiles.add', { name: 'Bob Example', birthDate: '1952-02-29' });
        if (result.ok) {
          // There was room after all: the profile is whole. Take it away and try with less.
          await ok(api, 'profiles.delete', { profileId: (result.value as { id: string }).id, confirmName: 'Bob Example' });
          continue;
        }
        expect(result.error).toEqual({ kind: 'disk-full', message: 'The disk is full, so the profile was not added; nothing was changed.' });
        expect(fs.readdirSync(path.join(vaultDir, 'profiles')).sort()).toEqual(before);
        expect(fs.readdirSync(vaultDir).sort()).toEqual(vaultFiles);
        expect((await ok(api, 'profiles.list', {})).map((p) => p.name)).toEqual(['Alice Example']);
      } finally {
        fs.rmSync(filler);
      }
    }
    const bob = await ok(api, 'profiles.add', { name: 'Bob Example', birthDate: '1952-02-29' });
    expect((await ok(api, 'profiles.list', {})).map((p) => p.name)).toEqual(['Alice Example', 'Bob Example']);
    await ok(api, 'vault.lock', {});
    const again = testApi(vaultDir);
    await ok(again, 'vault.unlock', { passphrase: PASS });
    expect((await ok(again, 'profiles.list', {})).map((p) => p.id)).toContain(bob.id);
    await ok(again, 'vault.lock', {});
  }, 60_000);
});
