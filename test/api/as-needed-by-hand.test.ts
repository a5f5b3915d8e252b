// "As needed" and what for, said by the person: typed in with a medicine (records.save) and
// set by a correction of an imported medicine or planned medicine (statements.add), shown in
// place of the source's words with the source's beside them; the stored rows never change.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Api } from '../../main/api/index.ts';
import { ENTRY_KINDS, type StoredEntry } from '../../main/records/model.ts';
import { asNeededWords } from '../../main/records/readable/as-needed.ts';
import { correctableFieldsFor, withCorrections } from '../../main/records/readable/personal.ts';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const CCD = new Uint8Array(readFileSync(path.join(import.meta.dirname, '../fixtures/ccda/ccd-full.xml')));
const PLAN = new Uint8Array(readFileSync(path.join(import.meta.dirname, '../fixtures/ccda/plan-as-needed.xml')));

let api: Api;
let profileId: string;

async function byTitle(prefix: string): Promise<StoredEntry> {
  const found = (await ok(api, 'records.list', { profileId, kinds: [...ENTRY_KINDS] })).find((e) => e.title.startsWith(prefix));
  if (!found) throw new Error(`no entry ${prefix}`);
  return found;
}
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
const SECTIONS = { medications: true, allergies: false, problems: false, results: false, immunizations: false, encounters: false, procedures: false, questions: false, notes: false, education: false };

beforeEach(async () => {
  api = testApi(tempDir());
  await ok(api, 'vault.create', { passphrase: PASS });
  profileId = (await ok(api, 'profiles.add', { name: 'Test Person', birthDate: '1950-01-31' })).id;
  await ok(api, 'import.files', { profileId, files: [{ name: 'ccd.xml', bytes: CCD }, { name: 'plan.xml', bytes: PLAN }], force: true });
});

describe('as needed, by hand', () => {
  test('a medicine typed in keeps "as needed" and what for; the visit summary prints it', async () => {
    const saved = await ok(api, 'records.save', {
      profileId,
      entry: { kind: 'medication', title: 'Salbutamol inhaler', start: '2026-01-10', codes: [], details: { dose: '2 puffs', asNeeded: true, asNeededFor: 'Shortness of breath' } },
    });
    expect(saved.details).toEqual({ dose: '2 puffs', asNeeded: true, asNeededFor: 'Shortness of breath' });
    const html = text(await ok(api, 'summary.html', { profileId, language: 'es', paper: 'Letter', sections: SECTIONS }));
    expect(html).toContain('Según sea necesario, para: Shortness of breath');
    // "Not as needed" is what no statement means: false is never stored.
    const refused = await fails(api, 'records.save', { profileId, entry: { kind: 'medication', title: 'X', codes: [], details: { asNeeded: false as unknown as true } } });
    expect(refused.kind).toBe('invalid-input');
  });

  test('a correction says "as needed, for …" of an imported medicine; the stored rows keep the source', async () => {
    const metformin = await byTitle('Metformin hydrochloride');
    expect(metformin.details.asNeeded).toBeUndefined();
    expect(correctableFieldsFor('medication')).toContain('asNeeded');
    const corrected = await ok(api, 'statements.add', { profileId, entryId: metformin.id, kind: 'correction', correction: { asNeededFor: 'High sugar readings' } });
    expect(corrected.details.asNeeded).toBeUndefined();
    const shown = withCorrections(corrected);
    expect(asNeededWords(shown.details, 'en')).toBe('As needed for: High sugar readings');
    const html = text(await ok(api, 'summary.html', { profileId, language: 'en', paper: 'Letter', sections: SECTIONS }));
    expect(html).toContain('As needed for: High sugar readings');
    expect(html).toContain('needed for: —');
  });

  test('a planned medicine’s "as needed" corrected to "taken regularly": the condition goes with it, the source’s words stay beside', async () => {
    const clindamycin = await byTitle('Clindamycin');
    expect(clindamycin.kind).toBe('plan');
    expect(correctableFieldsFor('plan')).toEqual(['title', 'start', 'end', 'asNeeded', 'asNeededFor']);
    const corrected = await ok(api, 'statements.add', { profileId, entryId: clindamycin.id, kind: 'correction', correction: { asNeeded: 'no' } });
    expect(corrected.details).toMatchObject({ asNeeded: true, asNeededFor: 'As Needed If Pain does not subside' });
    expect(asNeededWords(withCorrections(corrected).details, 'es')).toBeUndefined();
    const albuterol = await byTitle('Albuterol');
    const reason = withCorrections(await ok(api, 'statements.add', { profileId, entryId: albuterol.id, kind: 'correction', correction: { asNeeded: 'yes', asNeededFor: 'Before exercise' } }));
    // The person's words replace the source's, and the source's coded condition no longer goes with them.
    expect(reason.details).toMatchObject({ asNeeded: true, asNeededFor: 'Before exercise' });
    expect(reason.details.asNeededForCodes).toBeUndefined();
    const bad = await fails(api, 'statements.add', { profileId, entryId: albuterol.id, kind: 'correction', correction: { asNeeded: 'maybe' as 'yes' } });
    expect(bad.kind).toBe('invalid-input');
  });
});
