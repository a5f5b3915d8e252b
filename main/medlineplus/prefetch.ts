// Offline-first: fetch every code of a profile ahead of time, within the rate limits, so
// education shows on a plane. Resumable: keys already fresh in the cache are skipped, so a
// cancelled or paused run picks up where it stopped.
import type { Code, EntryKind } from '../records/model.ts';
import { keyId } from './cache.ts';
import type { EducationKey } from './cache.ts';
import type { EducationClient, UnavailableReason } from './client.ts';
import { codesToTry } from './code-systems.ts';
import type { EducationLanguage } from './endpoint.ts';

export interface PrefetchItem {
  kind: EntryKind | string;
  codes: readonly Code[];
}

export interface PrefetchProgress {
  done: number;
  total: number;
}

export interface PrefetchSummary extends PrefetchProgress {
  /** Answers received in this run. */
  fetched: number;
  /** Keys that were already fresh in the cache. */
  alreadySaved: number;
  /** Set when the run ended early; run it again later to continue. */
  stoppedBecause?: UnavailableReason | 'cancelled';
  message?: string;
  /** Keys that could not be asked (no code MedlinePlus takes); the run went on past them. */
  failed: number;
  /** When stopped by a pause after a failed request: when the pause ends (clock ms). */
  retryAt?: number;
}

/** Every distinct key the items need, first language first (so it completes first). */
export function prefetchKeys(items: readonly PrefetchItem[], languages: readonly EducationLanguage[]): EducationKey[] {
  const keys: EducationKey[] = [];
  const seen = new Set<string>();
  for (const language of languages) {
    for (const item of items) {
      for (const code of codesToTry(item.kind, item.codes)) {
        const key: EducationKey = { system: code.system, code: code.code, language };
        const id = keyId(key);
        if (seen.has(id)) continue;
        seen.add(id);
        keys.push(key);
      }
    }
  }
  return keys;
}

export async function prefetchEducation(
  items: readonly PrefetchItem[],
  languages: readonly EducationLanguage[],
  client: EducationClient,
  onProgress?: (progress: PrefetchProgress) => void,
  options?: { signal?: AbortSignal },
): Promise<PrefetchSummary> {
  const signal = options?.signal;
  const keys = prefetchKeys(items, languages);
  const summary: PrefetchSummary = { done: 0, total: keys.length, fetched: 0, alreadySaved: 0, failed: 0 };
  const cancelled = (): PrefetchSummary => ({
    ...summary,
    stoppedBecause: 'cancelled',
    message: 'Saving education for offline use was cancelled.',
  });
  onProgress?.({ done: 0, total: summary.total });
  for (const key of keys) {
    if (signal?.aborted) return cancelled();
    let outcome;
    try {
      outcome = await client.ensureFresh(key, signal ? { signal } : undefined);
    } catch (error) {
      if (signal?.aborted) return cancelled();
      throw error;
    }
    if (outcome.kind === 'failed' && outcome.reason === 'no-codes') {
      summary.failed += 1;
      continue;
    }
    if (outcome.kind === 'failed') {
      // Every later key would fail the same way (setting off, offline, paused): stop here.
      const until = client.pause()?.until;
      return { ...summary, stoppedBecause: outcome.reason, message: outcome.message, ...(until !== undefined ? { retryAt: until } : {}) };
    }
    if (outcome.kind === 'fetched') summary.fetched += 1;
    else summary.alreadySaved += 1;
    summary.done += 1;
    onProgress?.({ done: summary.done, total: summary.total });
  }
  return summary;
}
