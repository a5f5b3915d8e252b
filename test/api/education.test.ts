import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALICE_CLINIC } from '../fixtures/cli/make-ccd.ts';
import { ok, testApi } from '../support/api.ts';
import { startStandIn, type StandIn } from '../support/medlineplus-standin.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const ALLOWED = ['mainSearchCriteria.v.cs', 'mainSearchCriteria.v.c', 'informationRecipient.languageCode.c', 'knowledgeResponseType'];

let standIn: StandIn;
const previousUrl = process.env.CHARTKEEPER_MEDLINEPLUS_URL;
beforeAll(async () => {
  standIn = await startStandIn();
  process.env.CHARTKEEPER_MEDLINEPLUS_URL = standIn.url;
});
afterAll(async () => {
  await standIn.close();
  if (previousUrl === undefined) delete process.env.CHARTKEEPER_MEDLINEPLUS_URL;
  else process.env.CHARTKEEPER_MEDLINEPLUS_URL = previousUrl;
});

async function aliceWithRecords() {
  const api = testApi(tempDir(), { fetch: globalThis.fetch, now: () => new Date() });
  await ok(api, 'vault.create', { passphrase: PASS });
  const alice = await ok(api, 'profiles.add', { name: 'Alice Example', birthDate: '1950-01-31' });
  await ok(api, 'import.files', { profileId: alice.id, files: [{ name: 'ccd.xml', bytes: new TextEncoder().encode(ALICE_CLINIC()) }] });
  const meds = await ok(api, 'records.list', { profileId: alice.id, kinds: ['medication'] });
  return { api, alice, metformin: meds[0]! };
}

describe('education through main/api', () => {
  test('nothing is sent while online lookups are off (the default), and the answer says so plainly', async () => {
    const before = standIn.requests.length;
    const { api, alice, metformin } = await aliceWithRecords();
    expect((await ok(api, 'settings.get', {})).onlineLookups).toBe(false);
    const view = await ok(api, 'education.lookup', { profileId: alice.id, entryId: metformin.id, language: 'en' });
    expect(view.status).toBe('unavailable');
    expect(view.message).toMatch(/online lookups are off/i);
    expect(standIn.requests.length).toBe(before);
  });

  test('when allowed: only the code and language are sent, the answer is cached in the vault and served offline', async () => {
    const { api, alice, metformin } = await aliceWithRecords();
    await ok(api, 'settings.set', { onlineLookups: true });
    const before = standIn.requests.length;
    const view = await ok(api, 'education.lookup', { profileId: alice.id, entryId: metformin.id, language: 'en' });
    expect(view.status).toBe('found');
    expect(view.fromCache).toBe(false);
    expect(view.topics[0]?.url).toMatch(/^https:\/\/([a-z]+\.)?medlineplus\.gov\//);
    const sent = standIn.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) {
      expect(request.query.map(([k]) => k).sort()).toEqual([...ALLOWED].sort());
      expect(JSON.stringify(request.query)).not.toMatch(/Alice|Example|Metformin/i);
    }

    // A second look is answered from the profile's encrypted cache: nothing is sent.
    const count = standIn.requests.length;
    const again = await ok(api, 'education.lookup', { profileId: alice.id, entryId: metformin.id, language: 'en' });
    expect(again.fromCache).toBe(true);
    expect(standIn.requests.length).toBe(count);

    // With lookups turned off again, what was saved still shows.
    await ok(api, 'settings.set', { onlineLookups: false });
    const offline = await ok(api, 'education.lookup', { profileId: alice.id, entryId: metformin.id, language: 'en' });
    expect(offline.status).toBe('found');
    expect(offline.topics.map((t) => t.title)).toEqual(view.topics.map((t) => t.title));
    const cached = await ok(api, 'education.cached', { profileId: alice.id });
    expect(cached.some((row) => row.system === 'RXNORM' && row.code === '860975' && row.language === 'en')).toBe(true);
  });
});

describe('education across a lock', () => {
  test('after locking and unlocking again, saved education still shows (the cache follows the new session)', async () => {
    const { api, alice, metformin } = await aliceWithRecords();
    await ok(api, 'settings.set', { onlineLookups: true });
    await ok(api, 'education.lookup', { profileId: alice.id, entryId: metformin.id, language: 'en' });
    await ok(api, 'vault.lock', {});
    await ok(api, 'vault.unlock', { passphrase: PASS });
    const again = await ok(api, 'education.lookup', { profileId: alice.id, entryId: metformin.id, language: 'en' });
    expect(again.status).toBe('found');
    expect(again.fromCache).toBe(true);
  });
});

describe('saving education ahead of time', () => {
  test('one run: asking again while it runs answers with its progress; education.prefetchProgress follows it to the end', async () => {
    const { api, alice } = await aliceWithRecords();
    await ok(api, 'settings.set', { onlineLookups: true });
    const before = standIn.requests.length;
    const first = await ok(api, 'education.prefetch', { profileId: alice.id, languages: ['en'] });
    expect(first).toMatchObject({ done: 0, finished: false });
    expect(first.total).toBeGreaterThan(1);
    await new Promise((r) => setTimeout(r, 1200));
    const second = await ok(api, 'education.prefetch', { profileId: alice.id, languages: ['en'] });
    expect(second.done).toBeGreaterThan(0);
    let progress = second;
    while (!progress.finished) {
      await new Promise((r) => setTimeout(r, 200));
      progress = (await ok(api, 'education.prefetchProgress', { profileId: alice.id }))!;
    }
    expect(progress).toEqual({ done: first.total, total: first.total, failed: 0, finished: true });
    // Not restarted by the second call: one request per topic.
    expect(standIn.requests.length - before).toBe(first.total);
    expect(await ok(api, 'education.prefetchProgress', { profileId: alice.id })).toEqual(progress);
  }, 30_000);

  test('lookups off: the run ends at once with the reason; cancelling a run ends it as cancelled', async () => {
    const { api, alice } = await aliceWithRecords();
    expect(await ok(api, 'education.prefetchProgress', { profileId: alice.id })).toBeNull();
    const off = await ok(api, 'education.prefetch', { profileId: alice.id, languages: ['en', 'es'] });
    expect(off).toMatchObject({ done: 0, finished: true, stoppedBecause: 'online-off' });
    expect(off.total).toBeGreaterThan(0);

    await ok(api, 'settings.set', { onlineLookups: true });
    await ok(api, 'education.prefetch', { profileId: alice.id, languages: ['en', 'es'] });
    const cancelled = await ok(api, 'education.prefetchCancel', { profileId: alice.id });
    expect(cancelled).toMatchObject({ finished: true, stoppedBecause: 'cancelled' });
    expect(cancelled!.done).toBeLessThan(cancelled!.total);
  }, 30_000);
});
