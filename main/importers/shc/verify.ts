// ES256 signature check of a SMART Health Card against keys the person already has: a JWKS
// chosen with the card or beside it, or an issuer's keys kept in the vault from before. Keys
// and revocation lists are never fetched: the issuer's URL is not contacted.
import { createPublicKey, verify } from 'node:crypto';
import type { HealthCardCheck } from '../../records/model.ts';
import type { DecodedJws } from './jws.ts';

export type SignatureStatus = HealthCardCheck['signature'];

export interface Jwks {
  keys: Record<string, unknown>[];
}

/** An issuer's revocation list for one key (SMART Health Cards 1.2, method "rid"). */
export interface Crl {
  kid: string;
  ctr: number;
  /** `rid`, or `rid.timestamp`: cards of that rid issued before the timestamp (seconds) are revoked. */
  rids: string[];
}

export interface KeptIssuer {
  issuer: string;
  /** When the person kept them (ISO). */
  addedAt?: string;
  keys: Record<string, unknown>[];
  crls: Crl[];
}

/** Every key the import has: files the person chose (or found beside them) and the vault's kept issuers. */
export interface CardKeys {
  file: Record<string, unknown>[];
  fileCrls: Crl[];
  kept: KeptIssuer[];
}

export function isJwks(value: unknown): value is Jwks {
  return typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys);
}

export function isCrl(value: unknown): value is Crl {
  const v = value as Partial<Crl> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.kid === 'string' &&
    typeof v.ctr === 'number' &&
    Array.isArray(v.rids) &&
    v.rids.every((r) => typeof r === 'string') &&
    ((value as { method?: unknown }).method === undefined || (value as { method?: unknown }).method === 'rid')
  );
}

/** Issuers compared as the specification says (exact), forgiving only a trailing slash. */
export function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

function isP256(key: Record<string, unknown>, kid: unknown): boolean {
  return key['kid'] === kid && key['kty'] === 'EC' && key['crv'] === 'P-256';
}

function signatureMatches(jws: DecodedJws, key: Record<string, unknown>): boolean {
  try {
    const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: key['x'], y: key['y'] } as never, format: 'jwk' });
    return verify('sha256', Buffer.from(jws.signingInput), { key: publicKey, dsaEncoding: 'ieee-p1363' }, jws.signature);
  } catch {
    // A malformed key or signature cannot vouch for the card.
    return false;
  }
}

/** Whether the card's rid is on a list (a `rid.timestamp` entry revokes cards issued before that moment). */
function revoked(rid: string, nbf: unknown, crls: readonly Crl[]): boolean {
  for (const crl of crls) {
    for (const entry of crl.rids) {
      const [id, at] = entry.split('.');
      if (id !== rid) continue;
      if (at === undefined || typeof nbf !== 'number' || nbf < Number(at)) return true;
    }
  }
  return false;
}

export function checkSignature(jws: DecodedJws, issuer: string, keys: CardKeys | undefined): HealthCardCheck {
  const kid = jws.header['kid'];
  const notChecked: HealthCardCheck = { issuer, signature: 'not-checked', revocationChecked: false };
  if (!keys || jws.header['alg'] !== 'ES256') return notChecked;
  const kept = keys.kept.find((k) => sameIssuer(k.issuer, issuer));
  const keptKey = kept?.keys.find((k) => isP256(k, kid));
  const fileKey = keys.file.find((k) => isP256(k, kid));
  const key = keptKey ?? fileKey;
  if (!key) return notChecked;
  const keyFrom = keptKey ? 'kept' : 'file';
  if (!signatureMatches(jws, key)) {
    // A file's key may differ from a kept one of the same id: either matching is enough.
    if (keptKey && fileKey && signatureMatches(jws, fileKey)) return finish(jws, issuer, fileKey, 'file', kept, keys);
    return { issuer, signature: 'invalid', keyFrom, revocationChecked: false };
  }
  return finish(jws, issuer, key, keyFrom, kept, keys);
}

function finish(jws: DecodedJws, issuer: string, key: Record<string, unknown>, keyFrom: 'file' | 'kept', kept: KeptIssuer | undefined, keys: CardKeys): HealthCardCheck {
  const kid = key['kid'];
  const crls = [...(kept?.crls ?? []), ...keys.fileCrls].filter((c) => c.kid === kid);
  const rid = (jws.payload['vc'] as { rid?: unknown } | undefined)?.rid;
  const check: HealthCardCheck = { issuer, signature: 'verified', keyFrom, revocationChecked: crls.length > 0 };
  if (typeof rid === 'string' && revoked(rid, jws.payload['nbf'], crls)) check.signature = 'revoked';
  if (keyFrom === 'file' && !kept?.keys.some((k) => k['kid'] === kid)) check.offerKeys = [publicPart(key)];
  return check;
}

/** Only the public members of a key are ever kept or handed out. */
export function publicPart(key: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of ['kty', 'kid', 'use', 'alg', 'crv', 'x', 'y', 'crlVersion']) if (key[name] !== undefined) out[name] = key[name];
  return out;
}
