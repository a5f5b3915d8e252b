// The IPS export of every corpus profile: each sample Chartkeeper reads is imported into its
// own profile, exported as an International Patient Summary, checked against the IG's
// structural rules (ips-rules.ts) and by the `fhir` library's validator for FHIR R4 (every
// resource's elements, cardinalities, types and required codes), imported again into an empty profile, and compared: the
// same problems, medications, allergies and immunizations. One vault for the whole run (one key
// derivation); files Chartkeeper refuses are skipped (they have their own tests).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipsSectionEntries } from '../../main/export/ips.ts';
import type { EntryKind, StoredEntry } from '../../main/records/model.ts';
import { roundTrip } from './compare.ts';
import { FIXED_NOW, testApi, type TestApi } from './helpers.ts';
import { ipsProblems } from './ips-rules.ts';
import { fhirErrors } from './fhir-validator.ts';

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus');
const available = fs.existsSync(path.join(corpus, 'MANIFEST.tsv'));
const SUMMARY_KINDS: EntryKind[] = ['problem', 'medication', 'allergy', 'immunization'];

/** Every sample the manifest does not mark as negative or malformed, in clinical formats. */
function everySample(): string[] {
  return fs
    .readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((r) => r[0] && !/NEGATIVE|MALFORMED/.test(r[6] ?? ''))
    .map((r) => r[0]!);
}

describe.skipIf(!available)('IPS export of every corpus profile', () => {
  let t: TestApi;
  const results = { exported: 0, refusedOnImport: 0, empty: 0 };
  beforeAll(async () => {
    t = testApi();
    await t.call('vault.create', { passphrase: 'ips every corpus profile' });
  });
  afterAll(() => {
    console.log(`IPS over the corpus: ${results.exported} profiles exported and round-tripped, ${results.refusedOnImport} samples not read by Chartkeeper, ${results.empty} with nothing to summarise.`);
    // The run means something only if most readable samples went through.
    if (available) expect(results.exported).toBeGreaterThan(200);
    t?.cleanup();
  });

  let n = 0;
  it.each(available ? everySample() : [])('%s', async (relative) => {
    // Names without the path: the export is saved under the profile's name.
    const names = { a: `Original ${++n}`, b: `Copy ${n}` };
    const a = (await t.call('profiles.add', { name: names.a, birthDate: '1970-01-01' })).id;
    try {
      const bytes = new Uint8Array(fs.readFileSync(path.join(corpus, relative)));
      const first = await t.call('import.files', { profileId: a, files: [{ name: path.basename(relative), bytes }], force: true });
      if (first.files[0]?.error) {
        results.refusedOnImport++;
        return;
      }
      const original = await t.call('records.list', { profileId: a, kinds: [...SUMMARY_KINDS, 'result', 'vital', 'procedure', 'plan'] });
      const saved = await t.call('export.ips', { profileId: a });
      const exported = new Uint8Array(fs.readFileSync(saved!.savedTo));
      fs.rmSync(saved!.savedTo);
      const bundle = JSON.parse(Buffer.from(exported).toString('utf8')) as unknown;
      expect(ipsProblems(bundle, { uuidFullUrls: true })).toEqual([]);
      expect(fhirErrors(bundle)).toEqual([]);

      const chosen = ipsSectionEntries(original, FIXED_NOW.toISOString().slice(0, 10), 'en');
      const summarised: StoredEntry[] = [...chosen.problems, ...chosen.medications, ...chosen.allergies, ...chosen.immunizations];
      if (Object.values(chosen).flat().length === 0) results.empty++;

      const b = (await t.call('profiles.add', { name: names.b, birthDate: '1970-01-01' })).id;
      try {
        const second = await t.call('import.files', { profileId: b, files: [{ name: 'ips.json', bytes: exported }], force: true });
        expect(second.files[0]?.error).toBeUndefined();
        const copy = await t.call('records.list', { profileId: b, kinds: SUMMARY_KINDS });
        const { expected, actual } = roundTrip(summarised, copy);
        expect(actual).toEqual(expected);
      } finally {
        await t.call('profiles.delete', { profileId: b, confirmName: names.b });
      }
      results.exported++;
    } finally {
      await t.call('profiles.delete', { profileId: a, confirmName: names.a });
    }
  });
});
