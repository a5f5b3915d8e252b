// The original files, zipped: byte-for-byte what was imported, under names that are safe to
// unpack anywhere and never collide.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeFileName, uniqueFileNames, zipOriginals } from '../../main/export/originals.ts';
import { testApi, type TestApi } from './helpers.ts';

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

describe('safe and unique names', () => {
  it.each([
    ['records.xml', 'records.xml'],
    ['../../etc/passwd', 'passwd'],
    ['..', 'file'],
    ['...', 'file'],
    ['C:\\Users\\ana\\Downloads\\CCD.xml', 'CCD.xml'],
    ['folder/inner/VA report.txt', 'VA report.txt'],
    ['.hidden.json', 'hidden.json'],
    ['what?:*<>|".xml', 'what_______.xml'],
    ['tab\there\u0000.xml', 'tab_here_.xml'],
    ['CON.xml', '_CON.xml'],
    ['trailing dots. . ', 'trailing dots'],
    ['', 'file'],
  ])('%j → %j', (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });

  it('keeps long names within limits, extension included', () => {
    const safe = safeFileName(`${'a'.repeat(300)}.xml`);
    expect(safe.length).toBeLessThanOrEqual(120);
    expect(safe.endsWith('.xml')).toBe(true);
  });

  it('numbers collisions, case-insensitively, without ever reusing a name', () => {
    expect(uniqueFileNames(['ccd.xml', 'CCD.xml', 'a/ccd.xml', 'ccd (2).xml', 'ccd'])).toEqual([
      'ccd.xml',
      'CCD (2).xml',
      'ccd (3).xml',
      'ccd (2) (2).xml',
      'ccd',
    ]);
  });

  it('zips entries with bare names only', () => {
    const zip = zipOriginals([
      { name: '../../x.xml', format: 'ccda', bytes: Buffer.from('<a/>'), importedAt: '2024-01-01T00:00:00Z' },
      { name: 'x.xml', format: 'ccda', bytes: Buffer.from('<b/>'), importedAt: '1970-01-01T00:00:00Z' },
    ]);
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(['x.xml', 'x (2).xml']);
    expect(strFromU8(files['x (2).xml']!)).toBe('<b/>');
  });
});

describe('export.originals through the API', () => {
  let t: TestApi;
  let profileId: string;
  const fixture = fs.readFileSync(path.join(import.meta.dirname, 'fixtures/clinic-bundle.json'));
  // Three different files, two of them under the same name and one under a hostile one.
  const inputs = [
    { name: 'records.json', bytes: new Uint8Array(fixture) },
    { name: 'records.json', bytes: new TextEncoder().encode(fixture.toString('utf8').replace('"ck-export-fixture"', '"ck-export-fixture-2"')) },
    { name: '../../outside/RECORDS.json', bytes: new TextEncoder().encode(fixture.toString('utf8').replace('"ck-export-fixture"', '"ck-export-fixture-3"')) },
  ];

  beforeAll(async () => {
    t = testApi();
    await t.call('vault.create', { passphrase: 'originals passphrase' });
    profileId = (await t.call('profiles.add', { name: 'Rosa Delgado', birthDate: '1968-07-21' })).id;
    const report = await t.call('import.files', { profileId, files: inputs });
    expect(report.files.map((f) => f.error)).toEqual([undefined, undefined, undefined]);
  }, 60_000);

  afterAll(() => t?.cleanup());

  it('gives back every imported file byte for byte, with the sha256 the vault recorded', async () => {
    const saved = await t.call('export.originals', { profileId });
    expect(path.dirname(saved!.savedTo)).toBe(t.saveDir);
    const files = unzipSync(new Uint8Array(fs.readFileSync(saved!.savedTo)));
    expect(Object.keys(files)).toEqual(['records.json', 'records (2).json', 'RECORDS (3).json']);
    expect(Object.values(files).map(sha256)).toEqual(inputs.map((i) => sha256(i.bytes)));
    const recorded = t.api.context.session!.profileDb(profileId).prepare('SELECT sha256 FROM files ORDER BY id').pluck().all();
    expect(recorded).toEqual(inputs.map((i) => sha256(i.bytes)));
    expect(Buffer.from(files['records.json']!).equals(fixture)).toBe(true);
  });
});
