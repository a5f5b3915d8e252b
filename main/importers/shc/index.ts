// SMART Health Cards → ImportedDocuments: each card's FHIR bundle goes through the FHIR
// importer's mapping, with the card's issuer as the provider and the signature's state said
// plainly in the import report.
import type { ImportedDocument, ImportProblem } from '../../records/model.ts';
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
  document.problems.unshift(signatureProblem(signature, issuer, check.revocationChecked));
  document.healthCard = check;
  return { document, summary: { issuer, signature, types } };
}

/** `nbf` is seconds since 1970, possibly fractional; the day it was issued is what a person reads. */
function issuedDate(nbf: unknown): string | undefined {
  if (typeof nbf !== 'number' || !Number.isFinite(nbf)) return undefined;
  const date = new Date(nbf * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

function signatureProblem(status: SignatureStatus, issuer: string, revocationChecked: boolean): ImportProblem {
  switch (status) {
    case 'verified':
      return { reason: `The card's signature was checked with the keys of ${issuer} and is valid (${revocationChecked ? 'not on its revocation list' : 'revocation was not checked'}).` };
    case 'revoked':
      return { reason: `Warning: ${issuer} has revoked this card; its signature is valid, but the issuer no longer stands by it.` };
    case 'invalid':
      return { reason: `Warning: this card's signature does not match the keys of ${issuer}; the card may have been changed after it was issued.` };
    case 'not-checked':
      return { reason: `Signature not checked: the keys of ${issuer} were not available, and Chartkeeper does not fetch them.` };
  }
}
