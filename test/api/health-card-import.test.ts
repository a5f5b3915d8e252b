// A health card imported with its issuer's key set in the same import is checked; without
// it the document says plainly that the signature was not checked. Nothing is fetched.
import { describe, expect, test } from 'vitest';
import { ok, testApi } from '../support/api.ts';
import { cardKeys, signedCard } from '../support/health-card.ts';
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
});
