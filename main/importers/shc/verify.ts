// ES256 signature check of a SMART Health Card against the keys the import has: a JWKS chosen
// with the card or beside it, an issuer's keys kept in the vault from before, or keys the
// import fetched from the issuer (with the person's permission, main/issuer-keys). Pure: this
// module never contacts anyone.
import { createPublicKey, verify } from 'node:crypto';
import type { HealthCardCheck, HealthCardKeysMissing, HealthCardRevocationNote, IssuerFetchFailure } from '../../records/model.ts';
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
  /** Keys fetched from the issuer's address: where, when, and which key ids came from there. */
  fetched?: { url: string; at: string; kids: string[] };
}

/** Every key the import has: files the person chose (or found beside them) and the vault's kept issuers. */
export interface CardKeys {
  file: Record<string, unknown>[];
  fileCrls: Crl[];
  kept: KeptIssuer[];
  /** Issuers' key sets fetched during this import. */
  fetched?: KeptIssuer[];
  /** Whether online lookups are on (undefined: not known, as in a bare parse). */
  online?: boolean;
  /** Issuers whose keys were looked for (or due to be fetched again) and could not be had, with why. */
  unavailable?: { issuer: string; reason: IssuerFetchFailure }[];
  /** Revocation lists a key announces that were looked for and could not be had, with why. */
  crlUnavailable?: { issuer: string; kid: string; reason: IssuerFetchFailure }[];
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

interface Candidate {
  key: Record<string, unknown>;
  from: 'file' | 'kept' | 'fetched';
  issuer?: KeptIssuer;
}

function notCheckedBecause(issuer: string, keys: CardKeys | undefined): HealthCardKeysMissing {
  const known = keys?.unavailable?.find((u) => sameIssuer(u.issuer, issuer));
  if (known) return known.reason;
  if (keys?.fetched?.some((f) => sameIssuer(f.issuer, issuer))) return 'no-such-key';
  return keys?.online === false ? 'online-off' : 'no-key';
}

export function checkSignature(jws: DecodedJws, issuer: string, keys: CardKeys | undefined): HealthCardCheck {
  const kid = jws.header['kid'];
  const keyId = typeof kid === 'string' ? { keyId: kid } : {};
  if (jws.header['alg'] !== 'ES256') return { issuer, signature: 'not-checked', notChecked: 'not-es256', revocationChecked: false };
  const kept = keys?.kept.find((k) => sameIssuer(k.issuer, issuer));
  const fetched = keys?.fetched?.find((k) => sameIssuer(k.issuer, issuer));
  // Kept keys first, then those fetched now, then a file's: any one that matches is enough,
  // since a file's key may differ from a kept one of the same id.
  const candidates: Candidate[] = [
    ...(kept?.keys ?? []).filter((k) => isP256(k, kid)).map((key): Candidate => ({ key, from: 'kept', issuer: kept })),
    ...(fetched?.keys ?? []).filter((k) => isP256(k, kid)).map((key): Candidate => ({ key, from: 'fetched', issuer: fetched })),
    ...(keys?.file ?? []).filter((k) => isP256(k, kid)).map((key): Candidate => ({ key, from: 'file' })),
  ];
  if (candidates.length === 0) return { issuer, signature: 'not-checked', ...keyId, notChecked: notCheckedBecause(issuer, keys), revocationChecked: false };
  const match = candidates.find((c) => signatureMatches(jws, c.key));
  if (!match) return { issuer, signature: 'invalid', keyFrom: candidates[0]!.from, ...keyId, ...origin(candidates[0]!), revocationChecked: false };
  return finish(jws, issuer, match, [...(kept?.crls ?? []), ...(fetched?.crls ?? [])], kept, keys!, candidates);
}

/** Where a kept or fetched key came from, when it was fetched from the issuer. */
function origin(candidate: Candidate): Pick<HealthCardCheck, 'keyUrl' | 'keyFetchedAt'> {
  const fetched = candidate.issuer?.fetched;
  if (!fetched || !fetched.kids.includes(String(candidate.key['kid']))) return {};
  return { keyUrl: fetched.url, keyFetchedAt: fetched.at };
}

function finish(jws: DecodedJws, issuer: string, match: Candidate, issuerCrls: readonly Crl[], kept: KeptIssuer | undefined, keys: CardKeys, candidates: readonly Candidate[]): HealthCardCheck {
  const kid = match.key['kid'];
  const crls = [...issuerCrls, ...keys.fileCrls].filter((c) => c.kid === kid);
  const rid = (jws.payload['vc'] as { rid?: unknown } | undefined)?.rid;
  const check: HealthCardCheck = { issuer, signature: 'verified', keyFrom: match.from, keyId: String(kid), ...origin(match), revocationChecked: crls.length > 0 };
  const note = revocationNote(issuer, String(kid), crls, candidates, keys);
  if (note) check.revocationNote = note;
  const refresh = match.from === 'kept' ? keys.unavailable?.find((u) => sameIssuer(u.issuer, issuer)) : undefined;
  if (refresh) check.keyRefreshFailed = refresh.reason;
  if (typeof rid === 'string' && revoked(rid, jws.payload['nbf'], crls)) check.signature = 'revoked';
  if (match.from === 'file' && !kept?.keys.some((k) => k['kid'] === kid)) check.offerKeys = [publicPart(match.key)];
  return check;
}

/** The revocation list version (`crlVersion`) the card's key announces, from any copy of that key at hand. */
export function announcedCrlVersion(keys: readonly Record<string, unknown>[]): number | undefined {
  const versions = keys.map((k) => k['crlVersion']).filter((v): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0);
  return versions.length > 0 ? Math.max(...versions) : undefined;
}

/**
 * Why revocation was not checked, or why the newer list the key announces is missing: a key
 * without `crlVersion` means the issuer publishes no list for it (SMART Health Cards 1.2,
 * "Revocation"), which is not the same as a list that could not be fetched.
 */
function revocationNote(issuer: string, kid: string, crls: readonly Crl[], candidates: readonly Candidate[], keys: CardKeys): HealthCardRevocationNote | undefined {
  const version = announcedCrlVersion(candidates.map((c) => c.key));
  if (version === undefined) return crls.length > 0 ? undefined : 'no-list';
  if (crls.some((c) => c.ctr >= version)) return undefined;
  const failed = keys.crlUnavailable?.find((u) => u.kid === kid && sameIssuer(u.issuer, issuer));
  if (failed) return failed.reason;
  return keys.online === false ? 'online-off' : 'not-fetched';
}

/** Only the public members of a key are ever kept or handed out. */
export function publicPart(key: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of ['kty', 'kid', 'use', 'alg', 'crv', 'x', 'y', 'crlVersion']) if (key[name] !== undefined) out[name] = key[name];
  return out;
}
