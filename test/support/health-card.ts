// Signed SMART Health Cards made in the test with a fresh P-256 key, so signature checks can
// be shown to pass and to fail (the public example issuer's keys are not in the corpus).
import { generateKeyPairSync, sign } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import type { Jwks } from '../../main/importers/shc/index.ts';

export const CARD_ISSUER = 'https://issuer.example.org/cards';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
export const cardKeys: Jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'ES256' }] };

export const cardBundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { fullUrl: 'resource:0', resource: { resourceType: 'Patient', name: [{ family: 'Fixture', given: ['Ana'] }], birthDate: '1960-01-20' } },
    {
      fullUrl: 'resource:1',
      resource: {
        resourceType: 'Immunization',
        status: 'completed',
        vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '208' }] },
        patient: { reference: 'resource:0' },
        occurrenceDateTime: '2021-04-02',
        lotNumber: 'EW0182',
      },
    },
  ],
};

export const cardPayload = {
  iss: CARD_ISSUER,
  nbf: 1617753600.5,
  vc: {
    type: ['https://smarthealth.cards#health-card', 'https://smarthealth.cards#immunization'],
    credentialSubject: { fhirVersion: '4.0.1', fhirBundle: cardBundle },
  },
};

export function b64(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** A compact JWS of `payload`, signed with the test key. */
export function signedCard(payload: object = cardPayload): string {
  const header = b64(JSON.stringify({ zip: 'DEF', alg: 'ES256', kid: 'test-key' }));
  const body = b64(deflateRawSync(Buffer.from(JSON.stringify(payload))));
  const signature = sign('sha256', Buffer.from(`${header}.${body}`), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${header}.${body}.${b64(signature)}`;
}
