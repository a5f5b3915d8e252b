// SMART Health Cards → ImportedDocuments: each card's FHIR bundle goes through the FHIR
// importer's mapping, with the card's issuer as the provider and the signature's state said
// plainly in the import report.
import type { HealthCardCheck, HealthCardKeysMissing, ImportedDocument, ImportProblem } from '../../records/model.ts';
import { refreshWords, revocationWords } from '../../records/readable/card-check.ts';
import { ImportError } from '../errors.ts';
import { parseFhir } from '../fhir/index.ts';
import { decodeJws, hasVerifiableCredential, jwsOfFile, jwsOfQrText, looksLikeJws, looksLikeQrText } from './jws.ts';
import { checkSignature, type CardKeys, type SignatureStatus } from './verify.ts';

export { hasVerifiableCredential, looksLikeJws, looksLikeQrText } from './jws.ts';
export { isCrl, isJwks, publicPart, sameIssuer, type CardKeys, type Crl, type Jwks, type KeptIssuer } from './verify.ts';

const HEALTH_CARD = 'https://smarthealth.cards#health-card';

const SIGNATURE_TITLE: Record<SignatureStatus, string> = {
  verified: 'signature valid',
  invalid: 'signature does not match: possibly altered',
  'not-checked': 'signature not checked',
  revoked: 'revoked by its issuer',
};

export interface CardSummary {
  issuer: string;
  signature: SignatureStatus;
  types: string[];
}

export interface ParsedCards {
  format: 'shc';
  documents: ImportedDocument[];
  cards: CardSummary[];
}

/** Whether decoded text is a health card in one of its three forms (file JSON is checked by the caller). */
export function looksLikeShcText(text: string): boolean {
  return looksLikeQrText(text) || looksLikeJws(text);
}

/** A decoded card payload saved on its own: content with no signature at all. */
export function looksLikeBarePayload(value: unknown): boolean {
  const v = value as { iss?: unknown; vc?: { credentialSubject?: { fhirBundle?: unknown } } } | null;
  return typeof v === 'object' && v !== null && typeof v.iss === 'string' && v.vc?.credentialSubject?.fhirBundle !== undefined;
}

/** `input` is the file's parsed JSON (a .smart-health-card) or its text (QR text or a bare JWS). */
export function parseSmartHealthCards(input: unknown, jwks?: CardKeys): ParsedCards {
  const list =
    typeof input === 'string'
      ? looksLikeQrText(input)
        ? jwsOfQrText(input)
        : [input.trim()]
      : hasVerifiableCredential(input)
        ? jwsOfFile(input)
        : [];
  if (list.length === 0) throw new ImportError('This file holds no SMART Health Card.');
  const documents: ImportedDocument[] = [];
  const cards: CardSummary[] = [];
  for (const jws of list) {
    const card = readCard(jws, jwks);
    documents.push(card.document);
    cards.push(card.summary);
  }
  return { format: 'shc', documents, cards };
}

function readCard(jws: string, jwks: CardKeys | undefined): { document: ImportedDocument; summary: CardSummary } {
  const decoded = decodeJws(jws);
  const { payload } = decoded;
  const issuer = typeof payload['iss'] === 'string' ? payload['iss'] : undefined;
  const vc = payload['vc'] as { type?: unknown; credentialSubject?: { fhirBundle?: unknown } } | undefined;
  const types = Array.isArray(vc?.type) ? vc.type.filter((t): t is string => typeof t === 'string') : [];
  const bundle = vc?.credentialSubject?.fhirBundle;
  if (!issuer || !types.includes(HEALTH_CARD) || typeof bundle !== 'object' || bundle === null) {
    throw new ImportError('This signed credential is not a SMART Health Card, so there is nothing Chartkeeper can import from it.');
  }
  const check = checkSignature(decoded, issuer, jwks);
  const signature = check.signature;
  const fhir = parseFhir(bundle, { onePerson: true });
  const document = fhir.documents[0];
  if (!document) throw new ImportError('This health card holds no records.');
  // The title carries the signature's state: the import report lists only entries skipped by
  // kind, and the title is what the Documents screen and every entry's source show.
  document.document.title = `SMART Health Card (${SIGNATURE_TITLE[signature]})`;
  document.document.variant = types.includes('https://smarthealth.cards#immunization')
    ? 'SMART Health Card (immunization)'
    : types.includes('https://smarthealth.cards#laboratory')
      ? 'SMART Health Card (laboratory)'
      : 'SMART Health Card';
  document.document.authorOrganization = issuer;
  const issued = issuedDate(payload['nbf']);
  if (issued) document.document.date = issued;
  document.problems.unshift({ ...signatureProblem(check), notice: { kind: 'card-signature' } });
  document.healthCard = check;
  return { document, summary: { issuer, signature, types } };
}

/** `nbf` is seconds since 1970, possibly fractional; the day it was issued is what a person reads. */
function issuedDate(nbf: unknown): string | undefined {
  if (typeof nbf !== 'number' || !Number.isFinite(nbf)) return undefined;
  const date = new Date(nbf * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

/** Where the key that checked a card came from, in words. */
function keySource(check: HealthCardCheck): string {
  const key = check.keyId ? `key ${check.keyId}` : 'a key';
  switch (check.keyFrom) {
    case 'fetched':
      return `${key} fetched from ${check.keyUrl ?? 'the issuer'}`;
    case 'kept':
      return check.keyUrl ? `${key} kept in Chartkeeper (fetched from ${check.keyUrl} on ${check.keyFetchedAt?.slice(0, 10) ?? 'an earlier day'})` : `${key} kept in Chartkeeper`;
    default:
      return `${key} from the key file that came with the card`;
  }
}

const NOT_CHECKED: Record<HealthCardKeysMissing, (issuer: string, kid: string) => string> = {
  'no-key': (issuer) => `no key of ${issuer} was at hand`,
  'online-off': (issuer) => `no key of ${issuer} was at hand, and online lookups are off, so Chartkeeper did not fetch one`,
  offline: (issuer) => `the keys of ${issuer} could not be fetched (the computer is offline or could not reach the issuer)`,
  timeout: (issuer) => `the keys of ${issuer} could not be fetched (the issuer did not answer within 10 seconds)`,
  'too-large': (issuer) => `${issuer} sent something far larger than a key set, so Chartkeeper stopped reading it`,
  refused: (issuer) => `${issuer} did not hand out its keys when asked`,
  malformed: (issuer) => `${issuer} sent something that is not a key set Chartkeeper can read`,
  'address-refused': (issuer) => `the issuer's address ${issuer} is not one Chartkeeper fetches keys from (only https:// addresses of a named host)`,
  'no-such-key': (issuer, kid) => `the keys ${issuer} publishes do not include ${kid}, the key that signed this card`,
  'not-es256': () => 'the card is not signed with ES256, the only algorithm SMART Health Cards use',
};

function withRefresh(sentence: string, check: HealthCardCheck): string {
  const refresh = refreshWords(check);
  return refresh ? `${sentence} ${refresh}` : sentence;
}

function signatureProblem(check: HealthCardCheck): ImportProblem {
  const { issuer } = check;
  switch (check.signature) {
    case 'verified':
      return { reason: withRefresh(`The card's signature was checked with ${keySource(check)} of ${issuer} and is valid (${revocationWords(check)}).`, check) };
    case 'revoked':
      return { reason: withRefresh(`Warning: ${issuer} has revoked this card; its signature is valid (${keySource(check)}), but the issuer no longer stands by it.`, check) };
    case 'invalid':
      return { reason: `Warning: this card's signature does not match ${keySource(check)} of ${issuer}; the card may have been changed after it was issued.` };
    case 'not-checked':
      return { reason: `Signature not checked: ${NOT_CHECKED[check.notChecked ?? 'no-key'](issuer, check.keyId ?? 'the key')}.` };
  }
}
