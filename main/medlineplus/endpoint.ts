// The one place that knows where MedlinePlus Connect lives and how a request URL is spelled.
// Every other module asks here, so a mirror or a test server is configured in one spot.

/** NLM's production service (HTTPS only: the service refuses plain HTTP). */
export const DEFAULT_MEDLINEPLUS_URL = 'https://connect.medlineplus.gov';

/** The only way to point Chartkeeper at another server: a user's mirror, or a test stand-in. */
export const MEDLINEPLUS_URL_ENV = 'CHARTKEEPER_MEDLINEPLUS_URL';

export type EducationLanguage = 'en' | 'es';
export const EDUCATION_LANGUAGES: readonly EducationLanguage[] = ['en', 'es'];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Thrown when the configured address is one Chartkeeper must not send health codes to. */
export class EducationEndpointError extends Error {
  override name = 'EducationEndpointError';
}

/**
 * Checks and normalizes a base address: HTTPS always, plain HTTP only to this computer
 * (test stand-ins), never with credentials, a query or a fragment that would ride along.
 * Returns it without a trailing slash.
 */
export function validateBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new EducationEndpointError(`The MedlinePlus address "${raw}" is not a valid web address.`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new EducationEndpointError('The MedlinePlus address must start with https://.');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new EducationEndpointError(
      'The MedlinePlus address must not contain a user name, a password, a query or a fragment.',
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** The base address to use: the environment override when set, otherwise NLM's service. */
export function medlinePlusBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[MEDLINEPLUS_URL_ENV];
  return validateBaseUrl(override && override.trim() !== '' ? override : DEFAULT_MEDLINEPLUS_URL);
}

export interface ServiceQuery {
  /** The code system's OID. */
  systemOid: string;
  code: string;
  language: EducationLanguage;
}

/**
 * The request URL. Exactly four parameters and nothing else: no display name, no patient
 * data, no free text. The code and OID are validated by the caller (code-systems.ts).
 */
export function serviceUrl(baseUrl: string, query: ServiceQuery): string {
  const params = new URLSearchParams();
  params.set('mainSearchCriteria.v.cs', query.systemOid);
  params.set('mainSearchCriteria.v.c', query.code);
  params.set('informationRecipient.languageCode.c', query.language);
  params.set('knowledgeResponseType', 'application/json');
  return `${baseUrl}/service?${params.toString()}`;
}

/** The host that a backoff applies to. */
export function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}
