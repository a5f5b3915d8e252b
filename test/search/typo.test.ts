// Search forgives a one-letter typo: the pure neighbour test, then the vault's search over
// real sample files (a Greenway C-CDA listing a penicillin allergy; the VA report's potassium).

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstLetterVariants, typoCandidates, withinOneEdit } from '../../main/records/spelling.ts';
import { testApi } from '../export/helpers.ts';

describe('one edit apart', () => {
  it.each([
    ['penicilin', 'penicillin', true],
    ['potasium', 'potassium', true],
    ['metfromin', 'metformin', true],
    ['metformni', 'metformin', true],
    ['insulim', 'insulin', true],
    ['amoxicilin', 'penicillin', false],
    ['aspirin', 'aspirin', true],
    ['asprn', 'aspirin', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
  });

  it('guesses nothing for short words, closest length first otherwise', () => {
    expect(typoCandidates('asa', ['ash', 'asa'])).toEqual([]);
    expect(typoCandidates('penicilin', ['penicillin', 'penicilins', 'penicillins', 'pencil'])).toEqual(['penicilins', 'penicillin']);
    const variants = firstLetterVariants('benicillin');
    expect(variants).toEqual(expect.arrayContaining(['penicillin', 'enicillin', 'ebnicillin', 'xbenicillin']));
    expect(variants).not.toContain('benicillin');
    expect(firstLetterVariants('gerd')).toEqual([]);
    expect(variants.every((v) => withinOneEdit('benicillin', v))).toBe(true);
  });
});

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus');
const GREENWAY = path.join(corpus, 'ccda/chb-sample-ccdas/Greenway Samples/Adam Everyman CCDA.xml');
const VA = path.join(corpus, 'va-text/amida-blue-button/VA_My_HealtheVet_Blue_Button_Sample_Version_12_4.txt');

describe.skipIf(!fs.existsSync(GREENWAY) || !fs.existsSync(VA))('searching real records with a typo', () => {
  it('finds penicillin for "penicilin" and potassium for "potasium", and nothing for nonsense', async () => {
    const t = testApi();
    try {
      await t.call('vault.create', { passphrase: 'typo tolerant search' });
      const profileId = (await t.call('profiles.add', { name: 'Adam Everyman', birthDate: '1962-10-22' })).id;
      const files = [GREENWAY, VA].map((f) => ({ name: path.basename(f), bytes: new Uint8Array(fs.readFileSync(f)) }));
      await t.call('import.files', { profileId, files, force: true });
      const exact = (await t.call('search.entries', { profileId, text: 'penicillin', limit: 50 })).items;
      const typo = (await t.call('search.entries', { profileId, text: 'penicilin', limit: 50 })).items;
      expect(exact.length).toBeGreaterThan(0);
      expect(typo.map((r) => r.id).sort()).toEqual(exact.map((r) => r.id).sort());
      // A typo in the first letter too: changed, missing, doubled or swapped with the second.
      for (const text of ['benicillin', 'enicillin', 'ppenicillin', 'epnicillin']) {
        const found = (await t.call('search.entries', { profileId, text, limit: 50 })).items;
        expect(found.map((r) => r.id).sort(), text).toEqual(exact.map((r) => r.id).sort());
      }
      const potassium = (await t.call('search.entries', { profileId, text: 'potasium', limit: 50 })).items;
      expect(potassium.some((r) => r.title === 'POTASSIUM')).toBe(true);
      expect(await t.call('search.entries', { profileId, text: 'zzqxw', limit: 50 })).toEqual({ items: [], total: 0 });
    } finally {
      t.cleanup();
    }
  });
});
