// Another caregiver's copy: two vaults of one person, built from different files and with
// different things typed by hand, shared both ways, end with the same entries and sources on
// both sides; a second merge changes nothing; a copy of someone else is refused unasked.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Api } from '../../main/api/index.ts';
import { ENTRY_KINDS } from '../../main/records/model.ts';
import { ELEANOR, JOHN, twoProviders } from '../fixtures/e2e/ccda.ts';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus/ccda/amida-blue-button');
const ISABELLA = ['CCDA_Functional_Status_v1.xml', 'CCD_1_newsections.xml'];
const SHARE_PASS = 'a passphrase for my brother';

interface Side {
  api: Api;
  profileId: string;
  dir: string;
  shared: string;
}

/** A vault with one profile, the given files imported, and the given hand entries. */
async function side(name: string, birthDate: string, files: { name: string; bytes: Uint8Array<ArrayBuffer> }[], hand: string[]): Promise<Side> {
  const dir = tempDir();
  const shared = path.join(dir, 'shared.chartkeeper');
  const tokens = new Map<string, string>();
  tokens.set('copy-from-the-other-vault-0001', '');
  const api = testApi(path.join(dir, 'vault'), {
    chooseSavePath: async () => shared,
    resolveFileToken: (token) => tokens.get(token) || undefined,
  });
  await ok(api, 'vault.create', { passphrase: 'correct horse battery staple' });
  const profile = await ok(api, 'profiles.add', { name, birthDate });
  if (files.length > 0) await ok(api, 'import.files', { profileId: profile.id, files });
  for (const title of hand) {
    await ok(api, 'records.save', { profileId: profile.id, entry: { kind: 'medication', title, status: 'active', start: '2026-01-15', details: { dose: '1 tablet' } } });
  }
  return Object.assign({ api, profileId: profile.id, dir, shared }, { tokens });
}

/** `from` shares its profile; `to` merges the file into its own profile. */
async function shareInto(from: Side, to: Side & { tokens?: Map<string, string> }, keeper: string) {
  await ok(from.api, 'share.create', { profileId: from.profileId, passphrase: SHARE_PASS, keeper });
  const received = path.join(to.dir, `received-${Math.random().toString(36).slice(2)}.chartkeeper`);
  fs.copyFileSync(from.shared, received);
  (to as unknown as { tokens: Map<string, string> }).tokens.set('copy-from-the-other-vault-0001', received);
  return ok(to.api, 'share.receive', { file: { token: 'copy-from-the-other-vault-0001' }, passphrase: SHARE_PASS, intoProfileId: to.profileId });
}

/** What a clinician compares: each entry's kind, title, dates, status and value, and the files behind the profile. */
async function contents(s: Side) {
  const entries = await ok(s.api, 'records.list', { profileId: s.profileId, kinds: [...ENTRY_KINDS] });
  const sources = await ok(s.api, 'documents.list', { profileId: s.profileId });
  return {
    entries: entries.map((e) => [e.kind, e.title, e.start ?? '', e.end ?? '', e.status ?? '', e.value?.text ?? ''].join(' | ')).sort(),
    files: sources.filter((x) => x.fileName).map((x) => `${x.fileName} ${x.provider}`).sort(),
  };
}

function fixtureFiles() {
  return twoProviders(ELEANOR).map((f) => ({ name: f.name, bytes: new TextEncoder().encode(f.xml) }));
}

describe('sharing a profile with another caregiver', () => {
  test('shared both ways, both sides end with the same entries and files; hand entries keep whose they are; twice changes nothing', async () => {
    const [clinic, hospital] = fixtureFiles();
    const ruth = await side('Eleanor Testperson', '1948-03-02', [clinic!], ['Vitamin D 1000 unit tablet']);
    const sam = await side('Eleanor Testperson', '1948-03-02', [hospital!], ['Ibuprofen 200 mg tablet']);
    // Ruth says Eleanor no longer takes one of the clinic's medicines.
    const clinicMeds = await ok(ruth.api, 'records.list', { profileId: ruth.profileId, kinds: ['medication'] });
    const stopped = clinicMeds.find((m) => !m.manual)!;
    await ok(ruth.api, 'statements.add', { profileId: ruth.profileId, entryId: stopped.id, kind: 'no-longer', date: '2026-02-01' });

    const intoSam = await shareInto(ruth, sam, 'Ruth');
    expect(intoSam.created).toBe(false);
    expect(intoSam.files.map((f) => f.error ?? 'ok')).toEqual(['ok']);
    // Her vitamin D and her "no longer": on the same medicine in Sam's copy, said by Ruth.
    expect(intoSam.handEntries).toEqual({ added: 2, alreadyThere: 0 });
    const samMeds = await ok(sam.api, 'records.list', { profileId: sam.profileId, kinds: ['medication'] });
    const sameMed = samMeds.find((m) => m.title === stopped.title && !m.manual)!;
    expect(sameMed.personal?.map((p) => [p.kind, p.date, p.by])).toEqual([['no-longer', '2026-02-01', 'Ruth']]);
    const intoRuth = await shareInto(sam, ruth, 'Sam');
    // Sam's copy now holds Ruth's file too: recognised, not imported twice.
    expect(intoRuth.files.filter((f) => f.alreadyImported)).toHaveLength(1);
    // Ruth's own vitamin D came back through Sam's copy: already here; Sam's ibuprofen is new.
    // Her "no longer" came back too: hers, not added again.
    expect(intoRuth.handEntries).toEqual({ added: 1, alreadyThere: 2 });
    const ruthStopped = (await ok(ruth.api, 'records.list', { profileId: ruth.profileId, kinds: ['medication'] })).find((m) => m.id === stopped.id)!;
    expect(ruthStopped.personal?.map((p) => [p.kind, p.by ?? 'here'])).toEqual([['no-longer', 'here']]);

    const a = await contents(ruth);
    const b = await contents(sam);
    expect(a).toEqual(b);
    expect(a.files).toHaveLength(2);
    expect(a.entries.filter((e) => e.includes('Vitamin D'))).toHaveLength(1);
    expect(a.entries.filter((e) => e.includes('Ibuprofen'))).toHaveLength(1);

    // Whose hand: on Ruth's side Sam's entry reads as Sam's copy, her own as hers.
    const ruthMeds = await ok(ruth.api, 'records.list', { profileId: ruth.profileId, kinds: ['medication'] });
    expect(ruthMeds.find((m) => m.title.startsWith('Ibuprofen'))!.sources.map((s) => s.provider)).toEqual(['Entered by hand (Sam, shared copy)']);
    expect(ruthMeds.find((m) => m.title.startsWith('Vitamin D'))!.sources.map((s) => s.provider)).toEqual(['Entered by hand']);
    // Both provenances of an entry both files hold are kept.
    expect(ruthMeds.some((m) => new Set(m.sources.map((s) => s.provider)).size >= 2)).toBe(true);

    // A second merge of the same copy changes nothing.
    const again = await shareInto(sam, ruth, 'Sam');
    expect(again.files.every((f) => f.alreadyImported)).toBe(true);
    expect(again.handEntries.added).toBe(0);
    expect(await contents(ruth)).toEqual(a);
  });

  test('a copy of someone else is refused unasked and changes nothing; a wrong passphrase says so', async () => {
    const ruth = await side('Eleanor Testperson', '1948-03-02', fixtureFiles().slice(0, 1), []);
    const john = await side('John Sampleton', '1951-07-11', twoProviders(JOHN).slice(0, 1).map((f) => ({ name: f.name, bytes: new TextEncoder().encode(f.xml) })), []);
    const before = await contents(ruth);
    const refused = await (async () => {
      await ok(john.api, 'share.create', { profileId: john.profileId, passphrase: SHARE_PASS });
      const received = path.join(ruth.dir, 'john.chartkeeper');
      fs.copyFileSync(john.shared, received);
      (ruth as unknown as { tokens: Map<string, string> }).tokens.set('copy-from-the-other-vault-0001', received);
      return fails(ruth.api, 'share.receive', { file: { token: 'copy-from-the-other-vault-0001' }, passphrase: SHARE_PASS, intoProfileId: ruth.profileId });
    })();
    expect(refused.kind).toBe('identity-mismatch');
    expect(refused.message).toContain('not Eleanor Testperson; nothing was added');
    expect(await contents(ruth)).toEqual(before);
    const wrong = await fails(ruth.api, 'share.receive', { file: { token: 'copy-from-the-other-vault-0001' }, passphrase: 'not it', intoProfileId: ruth.profileId });
    expect(wrong.kind).toBe('wrong-passphrase');
    // Without --into it becomes a profile of its own, whole.
    const added = await ok(ruth.api, 'share.receive', { file: { token: 'copy-from-the-other-vault-0001' }, passphrase: SHARE_PASS });
    expect(added.created).toBe(true);
    expect(added.profile.name).toBe('John Sampleton');
    // No scratch copy of the shared profile is left in the vault folder.
    expect(fs.readdirSync(path.join(ruth.dir, 'vault', 'profiles')).filter((f) => f.includes('shared-'))).toEqual([]);
  });

  test.skipIf(!ISABELLA.every((f) => fs.existsSync(path.join(CORPUS, f))))('two corpus files of one person, one per vault, shared both ways', async () => {
    const read = (f: string) => ({ name: f, bytes: new Uint8Array(fs.readFileSync(path.join(CORPUS, f))) });
    const one = await side('Isabella Jones', '1975-05-01', [read(ISABELLA[0]!)], []);
    const two = await side('Isabella Jones', '1975-05-01', [read(ISABELLA[1]!)], ['Acetaminophen 500 mg tablet']);
    await shareInto(one, two, 'Mother');
    await shareInto(two, one, 'Brother');
    const a = await contents(one);
    expect(a).toEqual(await contents(two));
    expect(a.files).toHaveLength(2);
    expect(a.entries.length).toBeGreaterThan(5);
    expect(a.entries.filter((e) => e.includes('Acetaminophen 500 mg tablet'))).toHaveLength(1);
  });
});
