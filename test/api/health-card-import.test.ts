// A health card imported with its issuer's key set in the same import is checked; without
// it the document says plainly that the signature was not checked. Nothing is fetched.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ok, testApi } from '../support/api.ts';
import { generateKeyPairSync } from 'node:crypto';
import { CARD_ISSUER, cardKeys, cardPayload, signedCard } from '../support/health-card.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

async function profile() {
  const api = testApi(tempDir(), { now: () => new Date('2026-03-01T12:00:00Z') });
  await ok(api, 'vault.create', { passphrase: PASS });
  const ana = await ok(api, 'profiles.add', { name: 'Ana Fixture', birthDate: '1960-01-20' });
  return { api, ana };
}

describe('importing SMART Health Cards', () => {
  test('checks the signature with a jwks.json chosen with the card', async () => {
    const { api, ana } = await profile();
    const report = await ok(api, 'import.files', {
      profileId: ana.id,
      files: [
        { name: 'card.smart-health-card', bytes: encode({ verifiableCredential: [signedCard()] }) },
        { name: 'jwks.json', bytes: encode(cardKeys) },
      ],
    });
    expect(report.files[0]).toMatchObject({ format: 'shc', counts: { immunizations: { read: 1, new: 1 } } });
    expect(report.files[1]!.error).toBe('This file holds signature keys, not records; they are used to check health cards imported with them.');
    const documents = await ok(api, 'documents.list', { profileId: ana.id });
    expect(documents.map((d) => [d.documentTitle, d.provider])).toEqual([['SMART Health Card (signature valid)', 'https://issuer.example.org/cards']]);
  });

  test('says the signature was not checked when no keys came with the card', async () => {
    const { api, ana } = await profile();
    await ok(api, 'import.files', { profileId: ana.id, files: [{ name: 'card.txt', bytes: new TextEncoder().encode(signedCard()) }] });
    const documents = await ok(api, 'documents.list', { profileId: ana.id });
    expect(documents.map((d) => [d.documentTitle, d.provider])).toEqual([['SMART Health Card (signature not checked)', 'https://issuer.example.org/cards']]);
  });

  test('the report says each card\'s signature state; keys beside a card are offered, kept, and check later cards', async () => {
    const { api, ana } = await profile();
    const cardFile = (jws: string, name = 'card.smart-health-card') => ({ name, bytes: encode({ verifiableCredential: [jws] }) });
    const first = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile(signedCard()), { name: 'jwks.json', bytes: encode(cardKeys) }] });
    expect(first.files[0]!.cards).toEqual([{ issuer: CARD_ISSUER, signature: 'verified', keyFrom: 'file', keyId: 'test-key', revocationChecked: false, revocationNote: 'no-list', offerKeys: [expect.objectContaining({ kid: 'test-key', kty: 'EC' })] }]);
    // The offered key holds only public members.
    expect(Object.keys(first.files[0]!.cards![0]!.offerKeys![0]!).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    const kept = await ok(api, 'cardKeys.add', { issuer: CARD_ISSUER, keys: first.files[0]!.cards![0]!.offerKeys! });
    expect(kept).toMatchObject([{ issuer: CARD_ISSUER, keyIds: ['test-key'], revocations: [] }]);

    // A later card alone is checked with the kept key; a tampered one is flagged.
    const later = signedCard({ ...cardPayload, nbf: 1700000000 });
    const checked = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile(later, 'later.smart-health-card')] });
    expect(checked.files[0]!.cards).toEqual([{ issuer: CARD_ISSUER, signature: 'verified', keyFrom: 'kept', keyId: 'test-key', revocationChecked: false, revocationNote: 'no-list' }]);
    const [h, , sig] = later.split('.');
    const alteredPayload = signedCard({ ...cardPayload, nbf: 1700000000, vc: { ...cardPayload.vc, rid: 'changed' } }).split('.')[1];
    const flagged = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile(`${h}.${alteredPayload}.${sig}`, 'tampered.smart-health-card')] });
    expect(flagged.files[0]!.cards).toEqual([{ issuer: CARD_ISSUER, signature: 'invalid', keyFrom: 'kept', keyId: 'test-key', revocationChecked: false }]);

    // The kept key belongs to its issuer only: a card naming another issuer is not vouched for by it.
    const otherIssuer = signedCard({ ...cardPayload, iss: 'https://elsewhere.example.net' });
    const other = await ok(api, 'import.files', { profileId: ana.id, files: [cardFile(otherIssuer, 'other.smart-health-card')], force: true });
    expect(other.files[0]!.cards?.[0]).toMatchObject({ issuer: 'https://elsewhere.example.net', signature: 'not-checked' });
  });

  test('a card signed by another key with the same key id is invalid; a revoked rid is flagged by a kept or a beside-the-file revocation list', async () => {
    const { api, ana } = await profile();
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const impostor = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'ES256' }] };
    const wrong = await ok(api, 'import.files', {
      profileId: ana.id,
      files: [{ name: 'card.smart-health-card', bytes: encode({ verifiableCredential: [signedCard()] }) }, { name: 'jwks.json', bytes: encode(impostor) }],
    });
    expect(wrong.files[0]!.cards).toEqual([{ issuer: CARD_ISSUER, signature: 'invalid', keyFrom: 'file', keyId: 'test-key', revocationChecked: false }]);
    const documents = await ok(api, 'documents.list', { profileId: ana.id });
    expect(documents[0]!.documentTitle).toBe('SMART Health Card (signature does not match: possibly altered)');

    await ok(api, 'cardKeys.add', { issuer: CARD_ISSUER, keys: cardKeys.keys });
    const revokedCard = signedCard({ ...cardPayload, nbf: 1700000000, vc: { ...cardPayload.vc, rid: 'Rv1' } });
    const stillGood = signedCard({ ...cardPayload, nbf: 1700000100, vc: { ...cardPayload.vc, rid: 'Ok7' } });
    // Revoked for cards issued before a moment: a card of that rid issued later stands.
    const reissued = signedCard({ ...cardPayload, nbf: 1800000000, vc: { ...cardPayload.vc, rid: 'Rx2' } });
    const crl = { kid: 'test-key', method: 'rid', ctr: 2, rids: ['Rv1', 'Rx2.1750000000'] };
    const beside = await ok(api, 'import.files', {
      profileId: ana.id,
      files: [
        { name: 'a.smart-health-card', bytes: encode({ verifiableCredential: [revokedCard] }) },
        { name: 'b.smart-health-card', bytes: encode({ verifiableCredential: [stillGood] }) },
        { name: 'c.smart-health-card', bytes: encode({ verifiableCredential: [reissued] }) },
        { name: 'test-key.crl', bytes: encode(crl) },
      ],
    });
    expect(beside.files.map((f) => f.cards?.[0]?.signature ?? f.error)).toEqual([
      'revoked',
      'verified',
      'verified',
      'This file is a health card revocation list, not records; it is used to check health cards imported with it.',
    ]);
    expect(beside.files[0]!.cards![0]!.revocationChecked).toBe(true);
    const titles = (await ok(api, 'documents.list', { profileId: ana.id })).map((d) => d.documentTitle);
    expect(titles).toContain('SMART Health Card (revoked by its issuer)');

    // Kept: the list then applies to cards imported alone.
    const listed = await ok(api, 'cardKeys.add', { issuer: CARD_ISSUER, file: { name: 'test-key.crl', bytes: encode(crl) } });
    expect(listed[0]!.revocations).toEqual([{ kid: 'test-key', ctr: 2, rids: 2 }]);
    const again = signedCard({ ...cardPayload, nbf: 1700000200, vc: { ...cardPayload.vc, rid: 'Rv1' } });
    const alone = await ok(api, 'import.files', { profileId: ana.id, files: [{ name: 'd.smart-health-card', bytes: encode({ verifiableCredential: [again] }) }] });
    expect(alone.files[0]!.cards).toEqual([{ issuer: CARD_ISSUER, signature: 'revoked', keyFrom: 'kept', keyId: 'test-key', revocationChecked: true }]);
    expect(await ok(api, 'cardKeys.remove', { issuer: `${CARD_ISSUER}/` })).toEqual([]);
  });

  const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/shc/health-cards');
  test.skipIf(!existsSync(corpus))('the corpus cards (the specification\'s example issuer, whose keys are not at hand) say "signature not checked" in the report', async () => {
    const { api, ana } = await profile();
    const names = readdirSync(corpus).filter((n) => n.endsWith('.smart-health-card'));
    expect(names.length).toBeGreaterThanOrEqual(4);
    const report = await ok(api, 'import.files', { profileId: ana.id, force: true, files: names.map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(path.join(corpus, n))) })) });
    for (const file of report.files) {
      expect(file.cards?.map((c) => [c.issuer, c.signature, c.revocationChecked])).toEqual([['https://spec.smarthealth.cards/examples/issuer', 'not-checked', false]]);
    }
  });
});
