// What the first screen of an unlocked vault shows (settings, profiles, the first profile's
// newest timeline page) in one answer: asked for with vault.unlock itself, so no round trip
// separates the key derivation from the first timeline rows, or with session.start when the
// vault was already open (a new vault, a reloaded window).
import type { SessionStart } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { readAhead } from '../vault/read-ahead.ts';
import { timelinePage } from '../vault/timeline.ts';
import type { VaultSession } from '../vault/vault.ts';
import type { ApiContext } from './context.ts';
import { listProfiles } from './profiles.ts';
import type { HandlerModule } from './router.ts';
import { readSettings } from './settings.ts';

/** What the first screen of an unlocked vault shows (session.start, and vault.unlock when asked). */
export function startSession(session: VaultSession, timelineLimit: number): SessionStart {
  const settings = readSettings(session);
  const profiles = listProfiles(session);
  const first = profiles[0];
  if (!first) return { settings, profiles };
  // A missing file is never opened (it would be taken for a new, empty one).
  if (first.state === 'missing') return { settings, profiles };
  try {
    // A file to update first is not updated here, where the person would see nothing for as
    // long as it takes: the renderer asks for it (profiles.prepare) and shows how far it has come.
    if (session.profileNeedsUpdate(first.id)) return { settings, profiles, firstNeedsUpdate: first.id };
    // Opening the profile's file is where a damaged or too-new file shows up: then the answer
    // goes without the page, and the timeline asks for it and says what is wrong.
    const page = timelinePage(session.profileDb(first.id), {}, undefined, timelineLimit);
    return { settings, profiles, firstTimeline: { profileId: first.id, page } };
  } catch (error) {
    if (error instanceof AppError) return { settings, profiles };
    throw error;
  }
}

/**
 * After the first screen's answer has gone out, reads the first profile's file ahead
 * (main/vault/read-ahead.ts): the next timeline pages, the filters and the first search then
 * find its pages in memory. It stops when the vault is locked.
 */
export function readFirstProfileAhead(ctx: ApiContext, session: VaultSession, start: SessionStart): void {
  const profileId = start.firstTimeline?.profileId;
  if (!profileId) return;
  const file = session.profileFilePath(profileId);
  ctx.readingAhead = new Promise<void>((resolve) => setImmediate(resolve)).then(() => readAhead([file], { stop: () => !session.isOpen })).catch(() => 0);
}

/**
 * How long after the answer that shows the first screen the check of every file starts: the
 * renderer paints its first rows meanwhile without sharing the CPU with it (two cores here).
 * vault.checkFiles starts it at once when asked sooner.
 */
export const FILE_CHECK_DELAY_MS = 1000;

/** Schedules the check of every file (health.ts) after the first screen; it works in slices. */
export function checkFilesSoon(session: VaultSession): void {
  const timer = setTimeout(() => {
    session.health.check().catch((error: unknown) => {
      // Logged by type only; the files are checked again at the next unlock and before a backup.
      process.stderr.write(`chartkeeper: file check stopped (${error instanceof Error ? error.name : typeof error})\n`);
    });
  }, FILE_CHECK_DELAY_MS);
  // A command-line run that is done does not wait for it.
  timer.unref();
}

export function sessionHandlers(ctx: ApiContext): HandlerModule {
  return {
    'session.start': ({ timelineLimit }) => {
      const session = ctx.requireSession();
      const start = startSession(session, timelineLimit);
      readFirstProfileAhead(ctx, session, start);
      checkFilesSoon(session);
      return start;
    },
  };
}
