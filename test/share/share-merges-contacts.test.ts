// Merging a shared copy brings the other caregiver's merges of entries (where both entries are
// here) and their emergency contacts (each kept, none lost), and merging it again changes
// nothing; an undone merge or a "kept apart" here is this copy's word and is not overruled.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Api } from '../../main/api/index.ts';
import { ENTRY_KINDS } from '../../main/records/model.ts';
import { ELEANOR, twoProviders } from '../fixtures/e2e/ccda.ts';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const SHARE_PASS = 'a passphrase for my brother';
const TOKEN = 'copy-from-the-other-vault-0001';

interface Side {
  api: Api;
  profileId: string;
  dir: string;
  shared: string;
  tokens: Map<string, string>;
}

async function side(fileIndexes: number[]): Promise<Side> {
  const dir = tempDir();
  const shared = path.join(dir, 'shared.chartkeeper');
  const tokens = new Map<string, string>();
  const api = testApi(path.join(dir, 'vault'), { chooseSavePath: async () => shared, resolveFileToken: (token) => tokens.get(token) });
  await ok(api, 'vault.create', { passphrase: 'correct horse battery staple' });
  const profile = await ok(api, 'profiles.add', { name: 'Eleanor Testperson', birthDate: '1948-03-02' });
  const files = twoProviders(ELEANOR).map((f) => ({ name: f.name, bytes: new TextEncoder().encode(f.xml) }));
  if (fileIndexes.length) await ok(api, 'import.files', { profileId: profile.id, files: fileIndexes.map((i) => files[i]!) });
  return { api, profileId: profile.id, dir, shared, tokens };
}

async function shareInto(from: Side, to: Side) {
  await ok(from.api, 'share.create', { profileId: from.profileId, passphrase: SHARE_PASS, keeper: 'Ruth' });
  const received = path.join(to.dir, `received-${Math.random().toString(36).slice(2)}.chartkeeper`);
  fs.copyFileSync(from.shared, received);
  to.tokens.set(TOKEN, received);
  return ok(to.api, 'share.receive', { file: { token: TOKEN }, passphrase: SHARE_PASS, intoProfileId: to.profileId });
}

const medications = async (s: Side) => ok(s.api, 'records.list', { profileId: s.profileId, kinds: ['medication'] });
const everything = async (s: Side) =>
  (await ok(s.api, 'records.list', { profileId: s.profileId, kinds: [...ENTRY_KINDS] })).map((e) => `${e.kind}|${e.title}|${e.sources.length}`).sort();

describe('a shared copy’s merges of entries', () => {
  test('are made here where both entries are here, once; an undo here stands', async () => {
    // Ruth typed Lisinopril by hand, then the hospital's summary brought it too: she merged the two.
    const ruth = await side([1]);
    const typed = await ok(ruth.api, 'records.save', {
      profileId: ruth.profileId,
      entry: { kind: 'medication', title: 'Lisinopril 10 mg tablet', status: 'active', start: '2024-06-15', details: { dose: '1 tablet' } },
    });
    const hospitalLisinopril = (await medications(ruth)).find((m) => m.title === 'Lisinopril 10 MG Oral Tablet')!;
    await ok(ruth.api, 'records.merge', { profileId: ruth.profileId, keepEntryId: hospitalLisinopril.id, mergeEntryId: typed.id });
    const ruthLisinopril = (await medications(ruth)).filter((m) => /lisinopril/i.test(m.title));
    expect(ruthLisinopril).toHaveLength(1);

    // Sam holds the hospital's summary too; Ruth's copy brings her hand entry and her merge.
    const sam = await side([1]);
    const first = await shareInto(ruth, sam);
    expect(first.handEntries.added).toBeGreaterThan(0);
    expect(first.merges).toEqual({ carried: 1, alreadyThere: 0, keptApart: 0 });
    const samLisinopril = (await medications(sam)).filter((m) => /lisinopril/i.test(m.title));
    expect(samLisinopril).toHaveLength(1);
    // Both provenances: the hospital's file and Ruth's hand entry.
    expect([...new Set(samLisinopril[0]!.sources.map((s) => s.provider))].sort()).toEqual(['Entered by hand (Ruth, shared copy)', 'Riverside Hospital']);

    // Again: nothing changes.
    const before = await everything(sam);
    const second = await shareInto(ruth, sam);
    expect(second.merges).toEqual({ carried: 0, alreadyThere: 1, keptApart: 0 });
    expect(second.handEntries.added).toBe(0);
    expect(await everything(sam)).toEqual(before);

    // Sam undoes that merge: receiving Ruth's copy again does not make it over his word.
    const [merge] = await ok(sam.api, 'duplicates.merges', { profileId: sam.profileId });
    await ok(sam.api, 'duplicates.undoMerge', { profileId: sam.profileId, mergeId: merge!.id });
    const undone = await everything(sam);
    expect((await medications(sam)).filter((m) => /lisinopril/i.test(m.title))).toHaveLength(2);
    const third = await shareInto(ruth, sam);
    expect(third.merges).toEqual({ carried: 0, alreadyThere: 0, keptApart: 1 });
    expect(await everything(sam)).toEqual(undone);
  });

  test('are not made where only one side’s entry is here', async () => {
    const ruth = await side([1]);
    const typed = await ok(ruth.api, 'records.save', {
      profileId: ruth.profileId,
      entry: { kind: 'medication', title: 'Lisinopril 10 mg tablet', status: 'active', start: '2024-06-15' },
    });
    const hospitalLisinopril = (await medications(ruth)).find((m) => m.title === 'Lisinopril 10 MG Oral Tablet')!;
    await ok(ruth.api, 'records.merge', { profileId: ruth.profileId, keepEntryId: hospitalLisinopril.id, mergeEntryId: typed.id });
    // Sam has neither file: the copy's file and hand entry arrive, and her merge with them.
    const sam = await side([]);
    const report = await shareInto(ruth, sam);
    expect(report.merges.carried).toBe(1);
    expect((await medications(sam)).filter((m) => /lisinopril/i.test(m.title))).toHaveLength(1);
  });
});

describe('a shared copy’s emergency contacts', () => {
  test('join this copy’s, each once, none lost; again adds nothing', async () => {
    const ruth = await side([0]);
    const sam = await side([0]);
    await ok(ruth.api, 'card.setContacts', {
      profileId: ruth.profileId,
      contacts: [
        { name: 'Ruth Testperson', relation: 'Daughter', phone: '+1 (555) 010-0001' },
        { name: 'Dr. Amy Chen', phone: '555 010 0200' },
      ],
    });
    await ok(sam.api, 'card.setContacts', {
      profileId: sam.profileId,
      contacts: [
        { name: 'Sam Testperson', relation: 'Son', phone: '555-010-0002' },
        // The same daughter, written another way.
        { name: 'ruth testperson', relation: 'daughter', phone: '+1 555 010 0001' },
      ],
    });
    const report = await shareInto(ruth, sam);
    expect(report.contacts).toEqual({ added: 1, notAdded: [] });
    expect(await ok(sam.api, 'card.contacts', { profileId: sam.profileId })).toEqual([
      { name: 'Sam Testperson', relation: 'Son', phone: '555-010-0002' },
      { name: 'ruth testperson', relation: 'daughter', phone: '+1 555 010 0001' },
      { name: 'Dr. Amy Chen', phone: '555 010 0200' },
    ]);
    const again = await shareInto(ruth, sam);
    expect(again.contacts).toEqual({ added: 0, notAdded: [] });
    expect(await ok(sam.api, 'card.contacts', { profileId: sam.profileId })).toHaveLength(3);
  });

  test('that do not fit on the card are named in the report, not dropped silently', async () => {
    const ruth = await side([]);
    const sam = await side([]);
    const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${i + 1}`, phone: `555 010 0${prefix.length}${i}` }));
    await ok(ruth.api, 'card.setContacts', { profileId: ruth.profileId, contacts: people('Neighbour', 3) });
    await ok(sam.api, 'card.setContacts', { profileId: sam.profileId, contacts: people('Cousin', 4) });
    const report = await shareInto(ruth, sam);
    expect(report.contacts.added).toBe(1);
    expect(report.contacts.notAdded.map((c) => c.name)).toEqual(['Neighbour 2', 'Neighbour 3']);
    expect(await ok(sam.api, 'card.contacts', { profileId: sam.profileId })).toHaveLength(5);
  });
});
