// The FHIR round trip on real public samples from the shared corpus (C-CDA, C32, VA and CMS
// text, CMS and clinical FHIR, an XDM zip): whatever Chartkeeper read from them, exported as
// FHIR and read back, is the same entries (see compare.ts for what "the same" allows).
//
// A curated set runs by default, chosen for what each exercises; CK_CORPUS_SAMPLES=all runs
// every sample in the manifest (about 300, several minutes), or give paths one per line.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRY_KINDS } from '../../main/records/model.ts';
import { roundTrip } from './compare.ts';
import { testApi } from './helpers.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const available = fs.existsSync(path.join(corpus, 'MANIFEST.tsv'));

const CURATED = [
  'c32/amida-blue-button/C32.xml', // OIDs for systems, refused immunizations, allergy end dates
  'c32/worldvista-bb-adapter/nwhin/sample/c32/CCD-Minnesota.xml', // repeated vitals at local times
  'ccda/hl7-ccda-examples/Documents/Progress Note/Progress_Note.xml', // severities, panels
  'ccda/onc-ccda-cert-raw/Drummond Group - HealthGrid/t1rn1s1.txt', // panels known by code only, planned dates
  'ccda/chb-sample-ccdas/EMERGE/Patient-121.xml', // allergy severity without a reaction
  'ccda/jddamore-ccda-samples/MDIntellisys IntelleChart/Full Alice Newman CCD.XML', // codes with stray whitespace
  'cms-fhir/cmsgov-bluebutton-web-server/eob_read_carrier_v2.json', // a claim with no named payer
  'cms-text/amida-blue-button-cms/sample.txt', // Medicare claims and self-entered results
  'fhir-r4/smart-generated-sample-data/Gus_Dicki_aa293eaa-6dc4-4503-a296-89d035aa9b1c.json', // Synthea
  'va-text/amida-blue-button/VA_My_HealtheVet_Blue_Button_Sample_Version_12_5.txt', // VA text
  'xdm/nist-iheos-toolkit2/XDM-Samples/Sage.zip', // an XDM package
];

function samples(): string[] {
  const wanted = process.env['CK_CORPUS_SAMPLES'];
  if (!wanted) return CURATED;
  if (wanted !== 'all') return wanted.split('\n').filter(Boolean);
  return fs
    .readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((r) => r[0] && !/NEGATIVE|MALFORMED/.test(r[6] ?? ''))
    .map((r) => r[0]!);
}

describe.skipIf(!available)('FHIR export round trip on corpus samples', () => {
  it.each(available ? samples() : [])('%s', async (relative) => {
    const t = testApi();
    try {
      await t.call('vault.create', { passphrase: 'corpus round trip' });
      const a = (await t.call('profiles.add', { name: 'Original', birthDate: '1970-01-01' })).id;
      const bytes = new Uint8Array(fs.readFileSync(path.join(corpus, relative)));
      const first = await t.call('import.files', { profileId: a, files: [{ name: path.basename(relative), bytes }], force: true });
      // The curated samples must import; in a full run, files Chartkeeper cannot read are skipped.
      if (first.files[0]?.error && !CURATED.includes(relative)) return;
      expect(first.files[0]?.error).toBeUndefined();
      const original = await t.call('records.list', { profileId: a, kinds: [...ENTRY_KINDS] });
      const saved = await t.call('export.fhir', { profileId: a });
      const b = (await t.call('profiles.add', { name: 'Copy', birthDate: '1970-01-01' })).id;
      const exported = new Uint8Array(fs.readFileSync(saved!.savedTo));
      const second = await t.call('import.files', { profileId: b, files: [{ name: 'export.json', bytes: exported }], force: true });
      expect(second.files[0]?.error).toBeUndefined();
      const copy = await t.call('records.list', { profileId: b, kinds: [...ENTRY_KINDS] });
      const { expected, actual } = roundTrip(original, copy);
      if (CURATED.includes(relative)) expect(expected.length).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
    } finally {
      t.cleanup();
    }
  });
});
