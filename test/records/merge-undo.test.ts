// Issue 15: a merge by hand keeps the union of what the sources said, shows the newest
// source's status, never drops an allergy from the visit summary, and can be undone; the
// Possible duplicates list, Keep apart and Review again. Through the API as the app uses it,
// on fixtures written here and on corpus files (skipped without ../shared/corpus).
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApi } from '../export/helpers.ts';
import { fromCorpus, haveCorpus, listKind, profileWith as profileWithFiles, type File } from './api-profile.ts';
import { allergyBundleText, type AllergyFields } from '../fixtures/e2e/allergy-bundle.ts';


let t: TestApi | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

async function profileWith(files: File[]): Promise<{ api: TestApi; profileId: string }> {
  const made = await profileWithFiles(files, { name: 'Alice Newman', birthDate: '1970-05-01' });
  t = made.api;
  return made;
}
const list = listKind;
const NO_SECTIONS = { medications: false, allergies: false, problems: false, results: false, immunizations: false, encounters: false, procedures: false, questions: false, notes: false, education: false };
const summaryHtml = (api: TestApi, profileId: string) =>
  api.call('summary.html', { profileId, sections: { ...NO_SECTIONS, allergies: true }, language: 'en', paper: 'Letter' });

const allergyBundle = (timestamp: string, fields: AllergyFields): File => ({
  name: `allergy-${timestamp.slice(0, 10)}.json`,
  bytes: new TextEncoder().encode(allergyBundleText(timestamp, fields)),
});

describe('merge and undo (fixtures)', () => {
  // Two codes for one name are merged on import now (duplicates.test.ts); a different
  // severity is still flagged, which is what the person then merges by hand.
  const files = [
    allergyBundle('2015-06-22T00:00:00Z', { status: 'active', severity: 'moderate', reaction: 'Rash' }),
    allergyBundle('2012-08-06T00:00:00Z', { status: 'inactive', severity: 'severe', reaction: 'Hives', onset: '2007-05-01' }),
  ];

  it('flags the pair, merges it into one allergy that unites what both sources said, and undoes the merge', async () => {
    const { api, profileId } = await profileWith(files);
    const before = await list(api, profileId, 'allergy');
    expect(before).toHaveLength(2);
    expect(await api.call('duplicates.count', { profileId })).toBe(1);
    const [pair] = await api.call('duplicates.list', { profileId });
    expect(pair!.reason).toBe('Same allergy, different severity: moderate vs severe');
    expect(new Set([pair!.entry.id, pair!.other.id])).toEqual(new Set(before.map((e) => e.id)));

    const older = before.find((e) => e.status === 'inactive')!;
    const newer = before.find((e) => e.status === 'active')!;
    // Keeping the older entry must not make the older status win.
    const { entry: merged, mergeId } = await api.call('records.merge', { profileId, keepEntryId: older.id, mergeEntryId: newer.id });
    expect(merged.status).toBe('active');
    expect(merged.details.reactions?.slice().sort()).toEqual(['Hives', 'Rash']);
    expect(merged.details.severity).toBe('moderate; severe');
    expect(merged.start).toBe('2007-05-01');
    expect(merged.sources.map((s) => s.original.status).sort()).toEqual(['active', 'inactive']);
    expect(await list(api, profileId, 'allergy')).toHaveLength(1);
    expect(await api.call('duplicates.count', { profileId })).toBe(0);
    expect(await summaryHtml(api, profileId)).toContain('Sulfamethoxazole');

    const [history] = await api.call('duplicates.merges', { profileId });
    expect(history).toMatchObject({ id: mergeId, keptEntryId: older.id, kind: 'allergy' });
    expect(history!.cannotUndo).toBeUndefined();

    const [kept, restored] = await api.call('duplicates.undoMerge', { profileId, mergeId });
    expect(kept!.id).toBe(older.id);
    expect([kept!.status, kept!.details.severity, kept!.details.reactions]).toEqual(['inactive', 'severe', ['Hives']]);
    expect([restored!.status, restored!.details.severity, restored!.details.reactions]).toEqual(['active', 'moderate', ['Rash']]);
    expect(restored!.sources.map((s) => s.documentDate?.slice(0, 4))).toEqual(['2015']);
    expect(kept!.sources.map((s) => s.documentDate?.slice(0, 4))).toEqual(['2012']);
    // The flag is back, open, for the person to decide again.
    expect(await api.call('duplicates.count', { profileId })).toBe(1);
    const [again] = await api.call('duplicates.list', { profileId });
    expect(new Set([again!.entry.id, again!.other.id])).toEqual(new Set([kept!.id, restored!.id]));
    expect((await api.call('duplicates.merges', { profileId }))[0]!.undoneAt).toBeDefined();
    await expect(api.api.invoke('duplicates.undoMerge', { profileId, mergeId })).resolves.toMatchObject({ ok: false, error: { kind: 'conflict', message: 'This merge was already undone.' } });
  });

  it('refuses to undo a merge whose entry was merged again, until that later merge is undone', async () => {
    const { api, profileId } = await profileWith([
      ...files,
      allergyBundle('2019-01-01T00:00:00Z', { status: 'active', severity: 'mild', reaction: 'Itching' }),
    ]);
    const entries = await list(api, profileId, 'allergy');
    expect(entries).toHaveLength(3);
    const [a, b, c] = entries.map((e) => e.id) as [number, number, number];
    const first = (await api.call('records.merge', { profileId, keepEntryId: a, mergeEntryId: b })).mergeId;
    const second = (await api.call('records.merge', { profileId, keepEntryId: c, mergeEntryId: a })).mergeId;
    expect((await api.call('duplicates.merges', { profileId })).find((m) => m.id === first)!.cannotUndo).toBe('merged-again');
    const refused = await api.api.invoke('duplicates.undoMerge', { profileId, mergeId: first });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(await list(api, profileId, 'allergy')).toHaveLength(1);
    await api.call('duplicates.undoMerge', { profileId, mergeId: second });
    await api.call('duplicates.undoMerge', { profileId, mergeId: first });
    const after = await list(api, profileId, 'allergy');
    expect(after.map((e) => e.details.severity).sort()).toEqual(['mild', 'moderate', 'severe']);
    expect(after.every((e) => e.sources.length === 1)).toBe(true);
  });

  it('undoes a merge after a later import added a source to the merged entry, which stays with the kept entry', async () => {
    const { api, profileId } = await profileWith(files);
    const [x, y] = await list(api, profileId, 'allergy');
    const kept = x!.status === 'active' ? x! : y!;
    const other = kept === x ? y! : x!;
    const { mergeId } = await api.call('records.merge', { profileId, keepEntryId: kept.id, mergeEntryId: other.id });
    const later = allergyBundle('2019-01-01T00:00:00Z', { status: 'active', severity: 'moderate', reaction: 'Rash' });
    await api.call('import.files', { profileId, files: [later], force: true });
    expect((await list(api, profileId, 'allergy')).map((e) => e.sources.length)).toEqual([3]);
    const [back, restored] = await api.call('duplicates.undoMerge', { profileId, mergeId });
    expect(back!.sources.map((s) => s.documentDate?.slice(0, 4)).sort()).toEqual(['2015', '2019']);
    expect(restored!.sources.map((s) => s.documentDate?.slice(0, 4))).toEqual(['2012']);
    expect([back!.details.severity, restored!.details.severity]).toEqual(['moderate', 'severe']);
  });

  it('keeps a pair apart and brings it back for review', async () => {
    const { api, profileId } = await profileWith(files);
    const [pair] = await api.call('duplicates.list', { profileId });
    await api.call('records.dismissDuplicate', { profileId, entryId: pair!.entry.id, otherEntryId: pair!.other.id });
    expect(await api.call('duplicates.count', { profileId })).toBe(0);
    expect(await api.call('duplicates.list', { profileId, keptApart: true })).toHaveLength(1);
    await api.call('duplicates.reviewAgain', { profileId, entryId: pair!.other.id, otherEntryId: pair!.entry.id });
    expect(await api.call('duplicates.count', { profileId })).toBe(1);
  });

  it('separates one source of a merged entry, each keeping its own source’s status', async () => {
    const { api, profileId } = await profileWith(files);
    const [x, y] = await list(api, profileId, 'allergy');
    const { entry } = await api.call('records.merge', { profileId, keepEntryId: x!.id, mergeEntryId: y!.id });
    const old = entry.sources.find((s) => s.documentDate?.startsWith('2012'))!;
    const [rest, split] = await api.call('records.split', { profileId, entryId: entry.id, sourceId: old.sourceId });
    expect([rest!.status, split!.status]).toEqual(['active', 'inactive']);
    // Split on purpose: not offered again as a possible duplicate.
    expect(await api.call('duplicates.count', { profileId })).toBe(0);
  });
});

describe.skipIf(!haveCorpus)('merge and undo (corpus)', () => {
  const NEWMAN = 'ccda/jddamore-ccda-samples/Carefluence/Newman_Alice_1_Ambulatory.xml';
  const XDM = 'xdm/nist-iheos-toolkit2/direct-messages/CCDA_Ambulatory_in_XDM.zip';

  it('merged penicillin reads Active (the 2015 source) without the 2012 end, stays on the visit summary, and undoes', async () => {
    const { api, profileId } = await profileWith([fromCorpus(NEWMAN), fromCorpus(XDM)]);
    const penicillin = (await list(api, profileId, 'allergy')).filter((a) => a.title === 'Penicillin G benzathine');
    expect(penicillin).toHaveLength(2);
    const of = (year: string) => penicillin.find((p) => p.sources[0]?.documentDate?.startsWith(year))!;
    const { entry, mergeId } = await api.call('records.merge', { profileId, keepEntryId: of('2012').id, mergeEntryId: of('2015').id });
    expect([entry.status, entry.end]).toEqual(['active', undefined]);
    const text = (await summaryHtml(api, profileId)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text.match(/Penicillin G benzathine/g)).toHaveLength(1);
    expect(text).toContain('Penicillin G benzathine last listed Jun 22, 2015 by Neighborhood Physicians Practice');
    await api.call('duplicates.undoMerge', { profileId, mergeId });
    const back = (await list(api, profileId, 'allergy')).filter((a) => a.title === 'Penicillin G benzathine');
    expect(back.map((b) => [b.status, b.end ?? null]).sort()).toEqual([
      ['active', null],
      ['inactive', '2012-08-06'],
    ]);
  });
});
