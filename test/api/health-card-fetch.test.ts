// Fetching a health card issuer's keys during an import, only with online lookups on, through
// an injected fetch (nothing leaves the machine): the card says which key checked it and where
// it came from; a failure leaves "signature not checked" with its reason and never blocks.
import { describe, expect, test, vi } from 'vitest';
import { fails, ok, testApi } from '../support/api.ts';
import { CARD_ISSUER, cardKeys, cardPayload, signedCard } from '../support/health-card.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const JWKS_URL = `${CARD_ISSUER}/.well-known/jwks.json`;
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const cardFile = (jws = signedCard(), name = 'card.smart-health-card') => ({ name, bytes: encode({ verifiableCredential: [jws] }) });

async function setup(answer: (url: string) => Promise<Response>, online: boolean) {
  const fetch = vi.fn((url: string | URL | Request) => answer(String(url)));
  const clock = { now: Date.parse('2026-03-01T12:00:00Z') };
  const api = testApi(tempDir(), { fetch: fetch as unknown as typeof globalThis.fetch, now: () => new Date(clock.now) });
  await ok(api, 'vault.create', { passphrase: PASS });
  if (online) await ok(api, 'settings.set', { onlineLookups: true });
  const ana = await ok(api, 'profiles.add', { name: 'Ana Fixture', birthDate: '1960-01-20' });
  return { api, ana, fetch, clock };
}

const DAY_MS = 24 * 60 * 60 * 1000;

const keysAnswer = async () => new Response(JSON.stringify(cardKeys), { status: 200 });

describe('fetching a health card issuer’s keys', () => {
  test('with online lookups off nothing is fetched: the card imports, its signature not checked because lookups are off', async () => {
    const { api, ana, fetch } = await setup(keysAnswer, false);
    const report = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile()] });
    expect(report.files[0]).toMatchObject({ format: 'shc', counts: { immunizations: { read: 1, new: 1 } } });
    expect(report.files[0]!.cards).toEqual([{ issuer: CARD_ISSUER, signature: 'not-checked', keyId: 'test-key', notChecked: 'online-off', revocationChecked: false }]);
    expect(await ok(api, 'cardKeys.list', {})).toEqual([]);
    expect((await fails(api, 'cardKeys.fetch', { issuer: CARD_ISSUER })).kind).toBe('unavailable');
    expect(fetch).not.toHaveBeenCalled();
  });

  test('with online lookups on the key set is fetched once, checks the card, is kept, and checks later cards without asking again', async () => {
    const { api, ana, fetch } = await setup(keysAnswer, true);
    const two = [cardFile(), cardFile(signedCard({ ...cardPayload, nbf: 1700000000 }), 'second.smart-health-card')];
    const report = await ok(api, 'import.files', { profileId: ana.id, files: two });
    for (const file of report.files) {
      expect(file.cards).toEqual([
        { issuer: CARD_ISSUER, signature: 'verified', keyFrom: 'fetched', keyId: 'test-key', keyUrl: JWKS_URL, keyFetchedAt: '2026-03-01T12:00:00.000Z', revocationChecked: false, revocationNote: 'no-list' },
      ]);
    }
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![0]).toBe(JWKS_URL);
    const documents = await ok(api, 'documents.list', { profileId: ana.id });
    expect(documents.map((d) => d.documentTitle)).toEqual(['SMART Health Card (signature valid)', 'SMART Health Card (signature valid)']);
    expect(await ok(api, 'cardKeys.list', {})).toEqual([
      { issuer: CARD_ISSUER, keyIds: ['test-key'], addedAt: '2026-03-01T12:00:00.000Z', revocations: [], fetchedFrom: JWKS_URL, fetchedAt: '2026-03-01T12:00:00.000Z', fetchedKeyIds: ['test-key'] },
    ]);

    const later = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile(signedCard({ ...cardPayload, nbf: 1710000000 }), 'later.smart-health-card')] });
    expect(later.files[0]!.cards).toEqual([
      { issuer: CARD_ISSUER, signature: 'verified', keyFrom: 'kept', keyId: 'test-key', keyUrl: JWKS_URL, keyFetchedAt: '2026-03-01T12:00:00.000Z', revocationChecked: false, revocationNote: 'no-list' },
    ]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  test('a card imported while lookups were off, imported again once they are on: checked, and its document says so', async () => {
    const { api, ana, fetch } = await setup(keysAnswer, false);
    const file = cardFile();
    expect((await ok(api, 'import.files', { profileId: ana.id, files: [file] })).files[0]!.cardsUpdated).toBeUndefined();
    expect((await ok(api, 'documents.list', { profileId: ana.id })).map((d) => d.documentTitle)).toEqual(['SMART Health Card (signature not checked)']);
    await ok(api, 'settings.set', { onlineLookups: true });
    const again = await ok(api, 'import.files', { profileId: ana.id, files: [file] });
    expect(again.files[0]).toMatchObject({ alreadyImported: true, cards: [{ signature: 'verified', keyFrom: 'fetched', keyId: 'test-key' }], cardsUpdated: [0] });
    expect((await ok(api, 'documents.list', { profileId: ana.id })).map((d) => [d.documentTitle, d.entryCount])).toEqual([['SMART Health Card (signature valid)', 1]]);
    expect(fetch).toHaveBeenCalledTimes(1);
    // Lookups off again and the key removed: a third import cannot check it, and the title stays as checked.
    await ok(api, 'settings.set', { onlineLookups: false });
    await ok(api, 'cardKeys.remove', { issuer: CARD_ISSUER });
    const third = await ok(api, 'import.files', { profileId: ana.id, files: [file] });
    expect(third.files[0]!.cards?.[0]).toMatchObject({ signature: 'not-checked', notChecked: 'online-off' });
    expect(third.files[0]!.cardsUpdated).toBeUndefined();
    expect((await ok(api, 'documents.list', { profileId: ana.id }))[0]!.documentTitle).toBe('SMART Health Card (signature valid)');
  });

  test('offline, refused or unreadable: the card still imports, "signature not checked" with the reason', async () => {
    const cases: [() => Promise<Response>, string][] = [
      [() => Promise.reject(new TypeError('fetch failed')), 'offline'],
      [async () => new Response('gone', { status: 404 }), 'refused'],
      [async () => new Response('<html>not keys</html>', { status: 200 }), 'malformed'],
    ];
    for (const [answer, reason] of cases) {
      const { api, ana, fetch } = await setup(answer, true);
      const report = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile()] });
      expect(report.files[0]).toMatchObject({ format: 'shc', counts: { immunizations: { read: 1, new: 1 } } });
      expect(report.files[0]!.cards).toEqual([{ issuer: CARD_ISSUER, signature: 'not-checked', keyId: 'test-key', notChecked: reason, revocationChecked: false }]);
      expect(fetch).toHaveBeenCalledTimes(1);
      expect(await ok(api, 'cardKeys.list', {})).toEqual([]);
      const documents = await ok(api, 'documents.list', { profileId: ana.id });
      expect(documents[0]!.documentTitle).toBe('SMART Health Card (signature not checked)');
    }
  });

  test('a key set without the card’s key, a tampered card against fetched keys, and an issuer address that is not asked', async () => {
    const { api, ana, fetch } = await setup(async () => new Response(JSON.stringify({ keys: [{ ...cardKeys.keys[0], kid: 'another-key' }] }), { status: 200 }), true);
    const missing = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile()] });
    expect(missing.files[0]!.cards).toEqual([{ issuer: CARD_ISSUER, signature: 'not-checked', keyId: 'test-key', notChecked: 'no-such-key', revocationChecked: false }]);

    const local = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile(signedCard({ ...cardPayload, iss: 'https://192.168.0.10/cards' }), 'lan.smart-health-card')], force: true });
    expect(local.files[0]!.cards?.[0]).toMatchObject({ signature: 'not-checked', notChecked: 'address-refused' });
    expect(fetch).toHaveBeenCalledTimes(1);

    const other = await setup(keysAnswer, true);
    const [h, , sig] = signedCard().split('.');
    const altered = signedCard({ ...cardPayload, vc: { ...cardPayload.vc, rid: 'changed' } }).split('.')[1];
    const flagged = await ok(other.api, 'import.files', { profileId: other.ana.id, files: [cardFile(`${h}.${altered}.${sig}`)] });
    expect(flagged.files[0]!.cards?.[0]).toMatchObject({ signature: 'invalid', keyFrom: 'fetched', keyId: 'test-key', keyUrl: JWKS_URL });
  });

  test('card-keys fetch keeps an issuer’s keys on request when lookups are on, and says why when it cannot', async () => {
    const { api, fetch } = await setup(keysAnswer, true);
    expect(await ok(api, 'cardKeys.fetch', { issuer: CARD_ISSUER })).toMatchObject([{ issuer: CARD_ISSUER, keyIds: ['test-key'], fetchedFrom: JWKS_URL }]);
    expect(fetch).toHaveBeenCalledTimes(1);
    const refused = await setup(async () => new Response('no', { status: 503 }), true);
    const error = await fails(refused.api, 'cardKeys.fetch', { issuer: CARD_ISSUER });
    expect(error).toMatchObject({ kind: 'offline', message: expect.stringMatching(/did not hand out its keys/) });
  });
});

describe('fetching an issuer’s revocation list when its key announces one (crlVersion)', () => {
  const CRL_URL = `${CARD_ISSUER}/.well-known/crl/test-key.json`;
  const versioned = (crlVersion: number) => ({ keys: [{ ...cardKeys.keys[0], crlVersion }] });
  const crl = (ctr: number, rids: string[]) => ({ kid: 'test-key', method: 'rid', ctr, rids });
  const answers = (jwks: unknown, list: unknown) => async (url: string) =>
    url === JWKS_URL ? new Response(JSON.stringify(jwks), { status: 200 }) : url === CRL_URL && list ? new Response(JSON.stringify(list), { status: 200 }) : new Response('no', { status: 404 });
  const withRid = (rid: string, nbf = cardPayload.nbf) => signedCard({ ...cardPayload, nbf, vc: { ...cardPayload.vc, rid } });

  test('with lookups on: the list is fetched once, kept, and a card whose rid is on it is flagged revoked; others are valid, revocation checked', async () => {
    const { api, ana, fetch } = await setup(answers(versioned(1), crl(1, ['revoked-rid', 'until-rid.1700000000'])), true);
    const files = [
      cardFile(withRid('revoked-rid'), 'a.smart-health-card'),
      cardFile(withRid('other-rid'), 'b.smart-health-card'),
      // "rid.timestamp": cards of that rid issued before the moment are revoked, later ones stand.
      cardFile(withRid('until-rid', 1699999999), 'c.smart-health-card'),
      cardFile(withRid('until-rid', 1700000001), 'd.smart-health-card'),
    ];
    const report = await ok(api, 'import.files', { profileId: ana.id, files });
    expect(report.files.map((f) => [f.file, f.cards?.[0]?.signature, f.cards?.[0]?.revocationChecked])).toEqual([
      ['a.smart-health-card', 'revoked', true],
      ['b.smart-health-card', 'verified', true],
      ['c.smart-health-card', 'revoked', true],
      ['d.smart-health-card', 'verified', true],
    ]);
    expect(fetch.mock.calls.map((c) => String(c[0]))).toEqual([JWKS_URL, CRL_URL]);
    expect((await ok(api, 'cardKeys.list', {}))[0]!.revocations).toEqual([{ kid: 'test-key', ctr: 1, rids: 2 }]);
    const titles = (await ok(api, 'documents.list', { profileId: ana.id })).map((d) => d.documentTitle).sort();
    expect(titles.filter((t) => t === 'SMART Health Card (revoked by its issuer)')).toHaveLength(2);
    // The kept list is as new as the key announces: a later card asks nothing.
    const later = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile(withRid('revoked-rid', 1710000000), 'e.smart-health-card')] });
    expect(later.files[0]!.cards?.[0]).toMatchObject({ signature: 'revoked', keyFrom: 'kept', revocationChecked: true });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  test('a kept key announcing a newer list than the one kept: fetched again; with lookups off nothing is fetched and revocation stays unchecked', async () => {
    const { api, ana, fetch } = await setup(answers(versioned(2), crl(2, ['late-rid'])), false);
    await ok(api, 'cardKeys.add', { issuer: CARD_ISSUER, keys: versioned(2).keys });
    const file = cardFile(withRid('late-rid'));
    const off = await ok(api, 'import.files', { profileId: ana.id, files: [file] });
    expect(off.files[0]!.cards?.[0]).toMatchObject({ signature: 'verified', keyFrom: 'kept', revocationChecked: false });
    expect(fetch).not.toHaveBeenCalled();
    // Lookups turned on: the same card imported again is found revoked, and the import says what changed.
    await ok(api, 'settings.set', { onlineLookups: true });
    const on = await ok(api, 'import.files', { profileId: ana.id, files: [file] });
    expect(on.files[0]).toMatchObject({ alreadyImported: true, cards: [{ signature: 'revoked', revocationChecked: true }], cardsUpdated: [0] });
    expect(fetch.mock.calls.map((c) => String(c[0]))).toEqual([CRL_URL]);
    expect((await ok(api, 'documents.list', { profileId: ana.id }))[0]!.documentTitle).toBe('SMART Health Card (revoked by its issuer)');
  });

  test('no crlVersion: no list asked; a list that cannot be had leaves the card valid with revocation unchecked', async () => {
    const plain = await setup(answers(cardKeys, crl(1, ['x'])), true);
    const report = await ok(plain.api, 'import.files', { profileId: plain.ana.id, files: [cardFile(withRid('x'))] });
    expect(report.files[0]!.cards?.[0]).toMatchObject({ signature: 'verified', revocationChecked: false, revocationNote: 'no-list' });
    expect(plain.fetch.mock.calls.map((c) => String(c[0]))).toEqual([JWKS_URL]);

    const missing = await setup(answers(versioned(1), undefined), true);
    const unlisted = await ok(missing.api, 'import.files', { profileId: missing.ana.id, files: [cardFile(withRid('x'))] });
    expect(unlisted.files[0]!.cards?.[0]).toMatchObject({ signature: 'verified', keyFrom: 'fetched', revocationChecked: false, revocationNote: 'refused' });
    expect(missing.fetch.mock.calls.map((c) => String(c[0]))).toEqual([JWKS_URL, CRL_URL]);
    expect((await ok(missing.api, 'cardKeys.list', {}))[0]!.revocations).toEqual([]);
  });

  test('a list that cannot be fetched says why (offline, refused, too large, not a list; no answer in time is test/issuer-keys), and the card still imports as valid', async () => {
    const cases: [(url: string) => Promise<Response>, string][] = [
      [async (url) => (url === CRL_URL ? Promise.reject(new TypeError('fetch failed')) : new Response(JSON.stringify(versioned(1)))), 'offline'],
      [async (url) => (url === CRL_URL ? new Response('no', { status: 403 }) : new Response(JSON.stringify(versioned(1)))), 'refused'],
      [async (url) => (url === CRL_URL ? new Response('x'.repeat(300 * 1024)) : new Response(JSON.stringify(versioned(1)))), 'too-large'],
      [async (url) => (url === CRL_URL ? new Response('<html>maintenance</html>') : new Response(JSON.stringify(versioned(1)))), 'malformed'],
    ];
    for (const [answer, reason] of cases) {
      const { api, ana, fetch } = await setup(answer, true);
      const report = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile(withRid('x'))] });
      expect(report.files[0]).toMatchObject({ format: 'shc', counts: { immunizations: { read: 1, new: 1 } } });
      expect(report.files[0]!.cards?.[0]).toMatchObject({ signature: 'verified', keyFrom: 'fetched', revocationChecked: false, revocationNote: reason });
      expect(fetch.mock.calls.map((c) => String(c[0]))).toEqual([JWKS_URL, CRL_URL]);
      expect((await ok(api, 'cardKeys.list', {}))[0]!.revocations).toEqual([]);
    }
  });
});

describe('a kept key set is fetched again when a card needs it (online lookups on only)', () => {
  const versioned = (crlVersion: number, kid = 'test-key') => ({ keys: [{ ...cardKeys.keys[0], kid, crlVersion }] });

  test('a card whose key is not in the kept set has the set fetched again, once for the import', async () => {
    let published: unknown = { keys: [{ ...cardKeys.keys[0], kid: 'old-key' }] };
    const { api, ana, fetch } = await setup(async () => new Response(JSON.stringify(published)), true);
    await ok(api, 'cardKeys.fetch', { issuer: CARD_ISSUER });
    expect((await ok(api, 'cardKeys.list', {}))[0]!.keyIds).toEqual(['old-key']);
    // The issuer signs with a new key and publishes it beside the old one.
    published = { keys: [{ ...cardKeys.keys[0], kid: 'old-key' }, cardKeys.keys[0]] };
    const two = [cardFile(), cardFile(signedCard({ ...cardPayload, nbf: 1700000000 }), 'second.smart-health-card')];
    const report = await ok(api, 'import.files', { profileId: ana.id, files: two });
    for (const file of report.files) expect(file.cards?.[0]).toMatchObject({ signature: 'verified', keyId: 'test-key' });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect((await ok(api, 'cardKeys.list', {}))[0]!.keyIds).toEqual(['old-key', 'test-key']);
  });

  test('a set older than a day is fetched again when a card of its issuer is imported: a newer list is fetched, a withdrawn key no longer checks', async () => {
    let published: unknown = versioned(1);
    const lists: Record<string, unknown> = { [`${CARD_ISSUER}/.well-known/crl/test-key.json`]: { kid: 'test-key', method: 'rid', ctr: 1, rids: [] } };
    const { api, ana, fetch, clock } = await setup(async (url) => (url === JWKS_URL ? new Response(JSON.stringify(published)) : lists[url] ? new Response(JSON.stringify(lists[url])) : new Response('no', { status: 404 })), true);
    const withRid = (rid: string, nbf: number) => signedCard({ ...cardPayload, nbf, vc: { ...cardPayload.vc, rid } });
    const first = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile(withRid('r1', 1600000000))] });
    expect(first.files[0]!.cards?.[0]).toMatchObject({ signature: 'verified', keyFrom: 'fetched', revocationChecked: true });
    expect(fetch).toHaveBeenCalledTimes(2);
    // Within the day the kept set and list stand: nothing is asked.
    clock.now += DAY_MS - 60_000;
    await ok(api, 'import.files', { profileId: ana.id, files: [cardFile(withRid('r2', 1600000001), 'b.smart-health-card')] });
    expect(fetch).toHaveBeenCalledTimes(2);
    // Past a day: the set is fetched again (once for two cards), announces a newer list, which is fetched and revokes a card.
    clock.now += 2 * 60_000;
    published = versioned(2);
    lists[`${CARD_ISSUER}/.well-known/crl/test-key.json`] = { kid: 'test-key', method: 'rid', ctr: 2, rids: ['r3'] };
    const later = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile(withRid('r3', 1600000002), 'c.smart-health-card'), cardFile(withRid('r4', 1600000003), 'd.smart-health-card')] });
    expect(later.files.map((f) => f.cards?.[0]?.signature)).toEqual(['revoked', 'verified']);
    expect(fetch.mock.calls.slice(2).map((c) => String(c[0]))).toEqual([JWKS_URL, `${CARD_ISSUER}/.well-known/crl/test-key.json`]);
    expect((await ok(api, 'cardKeys.list', {}))[0]).toMatchObject({ fetchedAt: new Date(clock.now).toISOString(), revocations: [{ kid: 'test-key', ctr: 2, rids: 1 }] });
    // The issuer withdraws the key (compromised): a day later its cards are no longer checked by it.
    clock.now += 2 * DAY_MS;
    published = { keys: [{ ...cardKeys.keys[0], kid: 'new-key' }] };
    const withdrawn = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile(withRid('r5', 1600000004), 'e.smart-health-card')] });
    expect(withdrawn.files[0]!.cards?.[0]).toMatchObject({ signature: 'not-checked', notChecked: 'no-such-key' });
    expect((await ok(api, 'cardKeys.list', {}))[0]!.keyIds).toEqual(['new-key']);
  });

  test('a failed refresh keeps the old keys and says so; with lookups off an old set is used and nothing is asked', async () => {
    let up = true;
    const { api, ana, fetch, clock } = await setup(async () => (up ? new Response(JSON.stringify(cardKeys)) : Promise.reject(new TypeError('fetch failed'))), true);
    await ok(api, 'import.files', { profileId: ana.id, files: [cardFile()] });
    expect(fetch).toHaveBeenCalledTimes(1);
    clock.now += 3 * DAY_MS;
    up = false;
    const failed = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile(signedCard({ ...cardPayload, nbf: 1700000000 }), 'b.smart-health-card')] });
    expect(failed.files[0]!.cards?.[0]).toMatchObject({ signature: 'verified', keyFrom: 'kept', keyFetchedAt: '2026-03-01T12:00:00.000Z', keyRefreshFailed: 'offline' });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect((await ok(api, 'cardKeys.list', {}))[0]).toMatchObject({ keyIds: ['test-key'], fetchedAt: '2026-03-01T12:00:00.000Z' });
    const documents = await ok(api, 'documents.list', { profileId: ana.id });
    expect(documents.map((d) => d.documentTitle)).toEqual(['SMART Health Card (signature valid)', 'SMART Health Card (signature valid)']);

    await ok(api, 'settings.set', { onlineLookups: false });
    clock.now += 10 * DAY_MS;
    const off = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile(signedCard({ ...cardPayload, nbf: 1710000000 }), 'c.smart-health-card')] });
    expect(off.files[0]!.cards?.[0]).toMatchObject({ signature: 'verified', keyFrom: 'kept' });
    expect(off.files[0]!.cards?.[0]?.keyRefreshFailed).toBeUndefined();
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
