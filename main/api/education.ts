// Patient education from MedlinePlus Connect: the client keeps its cache in each profile's
// encrypted file and asks the network only when the user turned online lookups on.
import type { EducationCacheRow, EducationView, PrefetchProgress } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import {
  createEducationClient,
  EDUCATION_MESSAGES,
  isEducationKind,
  isFresh,
  parseConnectAnswer,
  prefetchEducation,
  prefetchKeys,
  type BackoffCause,
  type EducationClient,
  type UnavailableReason,
} from '../medlineplus/index.ts';
import { getEntry, listEntries } from '../vault/entries.ts';
import { educationCache } from '../vault/profile-settings.ts';
import type { VaultSession } from '../vault/vault.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';
import { readSettings } from './settings.ts';

interface PrefetchRun {
  progress: PrefetchProgress;
  controller: AbortController;
  /** Settles when the run has stopped touching the network and the cache. */
  ended: Promise<void>;
}

/**
 * The pause after a failed request is kept in the vault too, so a later process (the command
 * line run again) does not knock on MedlinePlus before the time it was told: NLM locks out an
 * address that keeps asking during its refusal.
 */
const PAUSE_SETTING = 'medlineplus.pause';

interface SavedPause {
  baseUrl: string;
  cause: BackoffCause;
  until: number;
}

function resumeSavedPause(session: VaultSession, client: EducationClient): void {
  try {
    const saved = JSON.parse(session.getSetting(PAUSE_SETTING) ?? 'null') as SavedPause | null;
    if (saved && saved.baseUrl === client.baseUrl && typeof saved.until === 'number') client.resumePause(saved.cause, saved.until);
  } catch {
    // An unreadable note only means the pause is not taken over.
  }
}

function savePause(ctx: ApiContext, client: EducationClient): void {
  const pause = client.pause();
  if (!pause || !ctx.session?.isOpen) return;
  const saved: SavedPause = { baseUrl: client.baseUrl, cause: pause.cause, until: pause.until };
  try {
    ctx.session.setSetting(PAUSE_SETTING, JSON.stringify(saved));
  } catch {
    // A full or locked vault keeps the pause in this process only.
  }
}

const PREFETCH_OFF = 'Online lookups are off, so no education was saved; turn them on in Settings first.';

/** The reason a run stopped, with the moment a pause ends when it is one. */
function stopOf(reason: UnavailableReason | 'cancelled', retryAt: number | undefined): Pick<PrefetchProgress, 'stoppedBecause' | 'retryAfter' | 'message'> {
  if (reason === 'cancelled') return { stoppedBecause: 'cancelled', message: 'Saving education for offline use was cancelled.' };
  if (reason === 'online-off') return { stoppedBecause: 'online-off', message: PREFETCH_OFF };
  if (reason === 'no-codes') return { stoppedBecause: 'error', message: EDUCATION_MESSAGES['no-codes'] };
  return {
    stoppedBecause: reason,
    message: EDUCATION_MESSAGES[reason],
    ...(retryAt !== undefined ? { retryAfter: new Date(retryAt).toISOString() } : {}),
  };
}

export function educationHandlers(ctx: ApiContext): HandlerModule {
  const clients = new Map<string, EducationClient>();
  const runs = new Map<string, PrefetchRun>();

  const clientFor = (profileId: string): EducationClient => {
    const session = ctx.requireSession();
    let client = clients.get(profileId);
    if (!client) {
      client = createEducationClient({
        cache: educationCache(session.profileDb(profileId)),
        isOnlineAllowed: () => Boolean(ctx.session?.isOpen) && readSettings(ctx.session!).onlineLookups,
        fetch: ctx.platform.fetch,
      });
      resumeSavedPause(session, client);
      clients.set(profileId, client);
    }
    return client;
  };

  // The clients' caches use the session's connections, which a lock closes: clients and runs
  // belong to one unlocked session and are dropped when it changes.
  let sessionOfClients: unknown = null;
  const forgetIfLocked = () => {
    if (ctx.session?.isOpen && ctx.session === sessionOfClients) return;
    clients.clear();
    for (const run of runs.values()) run.controller.abort();
    runs.clear();
    sessionOfClients = ctx.session?.isOpen ? ctx.session : null;
  };

  return {
    'education.lookup': async ({ profileId, entryId, language }): Promise<EducationView> => {
      forgetIfLocked();
      const entry = getEntry(ctx.requireSession().profileDb(profileId), entryId);
      if (!entry) throw new AppError('not-found', 'That entry is no longer in this profile.');
      const client = clientFor(profileId);
      const result = await client.lookup({ kind: entry.kind, codes: entry.codes, language });
      savePause(ctx, client);
      return {
        status: result.status,
        topics: result.topics,
        fromCache: result.fromCache,
        ...(result.fetchedAt !== undefined ? { fetchedAt: new Date(result.fetchedAt).toISOString() } : {}),
        ...(result.message ? { message: result.message } : {}),
      };
    },

    // Starts saving education for every coded problem, medicine, result and procedure and
    // answers with that run's progress; while a run is going, answers with its progress
    // instead of starting another. Callers follow it with education.prefetchProgress. A run
    // that cannot start (lookups off, lookups paused) ends at once with the reason.
    // Restarting resumes, since answers already saved and fresh are skipped.
    'education.prefetch': ({ profileId, languages }): PrefetchProgress => {
      forgetIfLocked();
      const current = runs.get(profileId);
      if (current && !current.progress.finished) return current.progress;
      const session = ctx.requireSession();
      const entries = listEntries(session.profileDb(profileId), ['problem', 'medication', 'result', 'procedure']);
      const items = entries.filter((e) => isEducationKind(e.kind) && e.codes.length > 0).map((e) => ({ kind: e.kind, codes: e.codes }));
      const client = clientFor(profileId);
      const keys = prefetchKeys(items, languages);
      const cache = educationCache(session.profileDb(profileId));
      const now = Date.now();
      const saved = keys.filter((key) => {
        const row = cache.get(key);
        return row !== undefined && isFresh(row, now);
      }).length;
      const run: PrefetchRun = {
        progress: { done: 0, total: keys.length, failed: 0, finished: false },
        controller: new AbortController(),
        ended: Promise.resolve(),
      };
      runs.set(profileId, run);
      // Ended before asking anything: everything already saved, lookups off, or paused.
      const ended = (stop: Partial<PrefetchProgress>): PrefetchProgress =>
        (run.progress = { done: saved, total: keys.length, failed: keys.length - saved, finished: true, ...stop });
      if (saved === keys.length) return ended({});
      if (!readSettings(session).onlineLookups) return ended({ stoppedBecause: 'online-off', message: PREFETCH_OFF });
      const paused = client.pause();
      if (paused) return ended(stopOf(paused.cause, paused.until));
      run.ended = prefetchEducation(items, languages, client, (p) => {
        run.progress = { ...run.progress, done: p.done, total: p.total };
      }, { signal: run.controller.signal })
        .then((summary) => {
          run.progress = {
            done: summary.done,
            total: summary.total,
            failed: summary.total - summary.done,
            finished: true,
            ...(summary.stoppedBecause ? stopOf(summary.stoppedBecause, summary.retryAt) : {}),
          };
          savePause(ctx, client);
        })
        .catch(() => {
          run.progress = { ...run.progress, finished: true, stoppedBecause: 'error', message: 'Saving education stopped because of an error; try again later.' };
        });
      return run.progress;
    },

    'education.prefetchProgress': ({ profileId }): PrefetchProgress | null => {
      forgetIfLocked();
      ctx.requireSession();
      return runs.get(profileId)?.progress ?? null;
    },

    // Stops the profile's run and answers once it has ended (nothing is left writing).
    'education.prefetchCancel': async ({ profileId }): Promise<PrefetchProgress | null> => {
      forgetIfLocked();
      ctx.requireSession();
      const run = runs.get(profileId);
      if (!run) return null;
      run.controller.abort();
      await run.ended;
      return run.progress;
    },

    'education.cached': ({ profileId }): EducationCacheRow[] => {
      forgetIfLocked();
      const cache = educationCache(ctx.requireSession().profileDb(profileId));
      return cache.all().map((row) => {
        const parsed = parseConnectAnswer(row.body, row.language);
        const topics = parsed.ok ? parsed.topics : [];
        return {
          system: row.system,
          code: row.code,
          language: row.language,
          fetchedAt: new Date(row.fetchedAt).toISOString(),
          titles: topics.map((t) => t.title),
          links: topics.map((t) => t.url),
        };
      });
    },
  };
}
