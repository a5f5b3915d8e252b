// ES256 signature check of a SMART Health Card against keys the person already has (a JWKS
// beside the card). Keys are never fetched: the issuer's URL is not contacted.
import { createPublicKey, verify } from 'node:crypto';
import type { DecodedJws } from './jws.ts';

export type SignatureStatus = 'verified' | 'invalid' | 'not-checked';

export interface Jwks {
  keys: Record<string, unknown>[];
}

export function isJwks(value: unknown): value is Jwks {
  return typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys);
}

export function checkSignature(jws: DecodedJws, jwks: Jwks | undefined): SignatureStatus {
  const kid = jws.header['kid'];
  const key = jwks?.keys.find((k) => k['kid'] === kid && k['kty'] === 'EC' && k['crv'] === 'P-256');
  if (!key || jws.header['alg'] !== 'ES256') return 'not-checked';
  try {
    const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: key['x'], y: key['y'] } as never, format: 'jwk' });
    const ok = verify('sha256', Buffer.from(jws.signingInput), { key: publicKey, dsaEncoding: 'ieee-p1363' }, jws.signature);
    return ok ? 'verified' : 'invalid';
  } catch {
    // A malformed key or signature cannot vouch for the card.
    return 'invalid';
  }
}
