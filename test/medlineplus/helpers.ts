// Shared pieces for the MedlinePlus tests: a fake clock, a Map-backed cache, corpus paths.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CachedEducation, EducationCacheStore, EducationKey } from '../../main/medlineplus/cache.ts';
import type { EducationClock } from '../../main/medlineplus/clock.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus/medlineplus');
export const hasCorpus = existsSync(corpusDir);
export const fixturesDir = path.resolve(repoRoot, 'test/fixtures/medlineplus');

/** Virtual time: sleeping advances the clock at once, so rate limits cost no real waiting. */
export class FakeClock implements EducationClock {
  time: number;
  slept: number[] = [];
  constructor(start = Date.UTC(2026, 0, 15, 9, 0, 0)) {
    this.time = start;
  }
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.slept.push(ms);
    this.time += Math.max(0, ms);
    return Promise.resolve();
  }
}

/** An in-memory EducationCacheStore that counts its traffic. */
export class MapCache implements EducationCacheStore {
  entries = new Map<string, CachedEducation>();
  gets = 0;
  puts = 0;
  static id(key: EducationKey): string {
    return `${key.system}|${key.code}|${key.language}`;
  }
  get(key: EducationKey): CachedEducation | undefined {
    this.gets += 1;
    return this.entries.get(MapCache.id(key));
  }
  put(key: EducationKey, value: CachedEducation): void {
    this.puts += 1;
    this.entries.set(MapCache.id(key), value);
  }
}
