// MedlinePlus Connect: patient education for problems, medicines, lab tests and procedures.
export { DEFAULT_MEDLINEPLUS_URL, EDUCATION_LANGUAGES, EducationEndpointError, MEDLINEPLUS_URL_ENV, medlinePlusBaseUrl } from './endpoint.ts';
export type { EducationLanguage } from './endpoint.ts';
export { codesToTry, isEducationKind } from './code-systems.ts';
export type { EducationKind } from './code-systems.ts';
export { createMemoryEducationCache, FRESH_FOR_MS, isFresh } from './cache.ts';
export type { CachedEducation, EducationCacheStore, EducationKey } from './cache.ts';
export { systemClock } from './clock.ts';
export type { EducationClock } from './clock.ts';
export { createEducationClient, EDUCATION_MESSAGES } from './client.ts';
export type { EducationClient, EducationClientOptions, EducationRequest, EducationResult, EnsureOutcome, UnavailableReason } from './client.ts';
export { parseConnectAnswer } from './parse-answer.ts';
export type { EducationTopic, ParsedAnswer } from './parse-answer.ts';
export { plainText, sanitizeEducationHtml } from './sanitize-html.ts';
export type { SanitizedSummary } from './sanitize-html.ts';
export { isAllowedEducationUrl, normalizeEducationUrl } from './safe-url.ts';
export { prefetchEducation, prefetchKeys } from './prefetch.ts';
export type { PrefetchItem, PrefetchProgress, PrefetchSummary } from './prefetch.ts';
export { BACKOFF_MS, MAX_PER_MINUTE, MIN_INTERVAL_MS } from './request-gate.ts';
