// Cold start: the same first screens with the OS page cache emptied first (as in the first
// minutes after a reboot), so every page the vault's queries touch comes from disk unless the
// app read it ahead. Dropping the cache needs root; elsewhere these figures are skipped with
// the reason. It empties the cache for everything on the machine, so it runs once per figure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { SessionStart, TimelinePage } from '../preload/contract.ts';
import { benchApi, call } from './platform.ts';
import { distribution } from './stats.ts';
import { measureUi } from './ui.ts';
import { PAGE, SEARCH_PAGE } from './vault.ts';

const DROP_CACHES = '/proc/sys/vm/drop_caches';

/** Writes dirty pages out, then empties the page cache; the reason it could not, or null. */
export function dropPageCache(): string | null {
  spawnSync('sync');
  try {
    fs.writeFileSync(DROP_CACHES, '3');
    return null;
  } catch (error) {
    return `the OS page cache could not be emptied (${(error as NodeJS.ErrnoException).code ?? 'error'} writing ${DROP_CACHES}; it needs root)`;
  }
}

export type ColdFigures =
  | {
      measured: true;
      /** Unlock to the first painted timeline row in Chromium; null with the reason when the UI could not be measured. */
      firstPaintMs: number | null;
      uiNote?: string;
      /** How long reading the first profile ahead took after unlock answered, and how much it read. */
      readAheadMs: number;
      readAheadMb: number;
      laterPageP95Ms: number;
      laterPageP50Ms: number;
      pages: number;
      firstSearchMs: number;
    }
  | { measured: false; reason: string };

export async function measureCold(vaultDir: string, passphrase: string, search: string, skipUi: boolean): Promise<ColdFigures> {
  let firstPaintMs: number | null = null;
  let uiNote: string | undefined;
  if (skipUi) uiNote = 'skipped (--skip-ui)';
  else {
    let dropped: string | null = 'not reached';
    const ui = await measureUi(vaultDir, passphrase, 1_000, () => (dropped = dropPageCache()));
    if (dropped) return { measured: false, reason: dropped };
    if (ui.measured) firstPaintMs = ui.firstPaintMs;
    else uiNote = ui.reason;
  }

  const reason = dropPageCache();
  if (reason) return { measured: false, reason };
  // As the renderer unlocks: with the first screen in the answer, which starts the read-ahead.
  const api = benchApi(vaultDir);
  const answer = await call<{ session: SessionStart }>(api, 'vault.unlock', { passphrase, session: { timelineLimit: PAGE } });
  const answered = performance.now();
  try {
    const first = answer.session.firstTimeline;
    if (!first) throw new Error('the bench vault has no first profile');
    // A person reads the first screen before scrolling or searching; the figures are taken once
    // the read-ahead is done, and how long it took after unlock answered is reported beside them.
    const readBytes = (await api.context.readingAhead) ?? 0;
    const readAheadMs = performance.now() - answered;
    const later: number[] = [];
    let cursor = first.page.nextCursor;
    while (cursor) {
      const start = performance.now();
      const next = await call<TimelinePage>(api, 'timeline.page', { profileId: first.profileId, filter: {}, limit: PAGE, cursor });
      later.push(performance.now() - start);
      cursor = next.nextCursor;
    }
    const start = performance.now();
    await call(api, 'search.entries', { profileId: first.profileId, text: search, limit: SEARCH_PAGE });
    const firstSearchMs = performance.now() - start;
    const pages = distribution(later);
    return {
      measured: true,
      firstPaintMs,
      ...(uiNote ? { uiNote } : {}),
      readAheadMs,
      readAheadMb: readBytes / 1e6,
      laterPageP95Ms: pages.p95,
      laterPageP50Ms: pages.p50,
      pages: pages.n,
      firstSearchMs,
    };
  } finally {
    await call(api, 'vault.lock', {});
  }
}
