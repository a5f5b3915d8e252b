// What the education cache holds and when a saved answer is fresh. The vault stores it (in
// the profile's encrypted database); this module only defines the shape and the policy.
import type { EducationLanguage } from './endpoint.ts';

export interface EducationKey {
  /** The code system's short name (CODE_SYSTEMS key), e.g. 'ICD10CM'. */
  system: string;
  code: string;
  language: EducationLanguage;
}

export interface CachedEducation {
  /** When the answer arrived, epoch ms. */
  fetchedAt: number;
  /** The whole answer as received (an answer with no entries is cached too). */
  body: string;
}

export interface EducationCacheStore {
  get(key: EducationKey): CachedEducation | undefined;
  put(key: EducationKey, value: CachedEducation): void;
}

/** NLM asks clients to cache answers for 12–24 hours; offline, saved answers serve forever. */
export const FRESH_FOR_MS = 24 * 60 * 60 * 1000;

/** A saved answer dated in the future (the clock was changed) is treated as stale. */
export function isFresh(entry: CachedEducation, now: number): boolean {
  const age = now - entry.fetchedAt;
  return age >= 0 && age < FRESH_FOR_MS;
}

/** A stable string for a key, for maps and logs (holds no health data beyond the code). */
export function keyId(key: EducationKey): string {
  return `${key.system}|${key.code}|${key.language}`;
}

/** A Map-backed store for tests and for a profile that has not been unlocked yet. */
export function createMemoryEducationCache(): EducationCacheStore & { size(): number } {
  const entries = new Map<string, CachedEducation>();
  return {
    get: (key) => entries.get(keyId(key)),
    put: (key, value) => void entries.set(keyId(key), { fetchedAt: value.fetchedAt, body: value.body }),
    size: () => entries.size,
  };
}
