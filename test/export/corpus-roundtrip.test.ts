// The FHIR round trip on real public samples (C-CDA, C32 and FHIR R4 downloads from the shared
// corpus): whatever Chartkeeper read from them, exported and read back, is the same entries.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRY_KINDS } from '../../main/records/model.ts';
import { roundTrip } from './compare.ts';
import { testApi } from './helpers.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const available = fs.existsSync(path.join(corpus, 'MANIFEST.tsv'));

const SAMPLES = (process.env['CK_CORPUS_SAMPLES'] ?? '').split('\n').filter(Boolean);

describe.skipIf(!available)('FHIR export round trip on corpus samples', () => {
  const rows = available
    ? fs.readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).map((l) => l.split('\t'))
    : [];
  const chosen = SAMPLES.length ? SAMPLES : rows.filter((r) => ['ccda', 'c32', 'fhir-r4'].includes(r[1] ?? '') && !/NEGATIVE|MALFORMED/.test(r[6] ?? '')).map((r) => r[0]!).slice(0, 40);
  it.each(chosen)('%s', async (relative) => {
    const t = testApi();
    try {
      await t.call('vault.create', { passphrase: 'corpus round trip' });
      const a = (await t.call('profiles.add', { name: 'Original', birthDate: '1970-01-01' })).id;
      const bytes = new Uint8Array(fs.readFileSync(path.join(corpus, relative)));
      const first = await t.call('import.files', { profileId: a, files: [{ name: path.basename(relative), bytes }], force: true });
      if (first.files[0]?.error) return; // not something Chartkeeper reads; nothing to round-trip
      const original = await t.call('records.list', { profileId: a, kinds: [...ENTRY_KINDS] });
      const saved = await t.call('export.fhir', { profileId: a });
      const b = (await t.call('profiles.add', { name: 'Copy', birthDate: '1970-01-01' })).id;
      const second = await t.call('import.files', { profileId: b, files: [{ name: 'export.json', bytes: new Uint8Array(fs.readFileSync(saved!.savedTo)) }], force: true });
      expect(second.files[0]?.error).toBeUndefined();
      const copy = await t.call('records.list', { profileId: b, kinds: [...ENTRY_KINDS] });
      const { expected, actual } = roundTrip(original, copy);
      expect(actual).toEqual(expected);
    } finally {
      t.cleanup();
    }
  });
});
