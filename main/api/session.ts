// What the first screen of an unlocked vault shows (settings, profiles, the first profile's
// newest timeline page) in one answer: asked for with vault.unlock itself, so no round trip
// separates the key derivation from the first timeline rows, or with session.start when the
// vault was already open (a new vault, a reloaded window).
import type { SessionStart } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { timelinePage } from '../vault/timeline.ts';
import type { VaultSession } from '../vault/vault.ts';
import type { ApiContext } from './context.ts';
import { toProfile } from './profiles.ts';
import type { HandlerModule } from './router.ts';
import { readSettings } from './settings.ts';

/** What the first screen of an unlocked vault shows (session.start, and vault.unlock when asked). */
export function startSession(session: VaultSession, timelineLimit: number): SessionStart {
  const settings = readSettings(session);
  const profiles = session.listProfiles().map(toProfile);
  const first = profiles[0];
  if (!first) return { settings, profiles };
  try {
    // Opening the profile's file is where a damaged or too-new file shows up: then the answer
    // goes without the page, and the timeline asks for it and says what is wrong.
    const page = timelinePage(session.profileDb(first.id), {}, undefined, timelineLimit);
    return { settings, profiles, firstTimeline: { profileId: first.id, page } };
  } catch (error) {
    if (error instanceof AppError) return { settings, profiles };
    throw error;
  }
}

export function sessionHandlers(ctx: ApiContext): HandlerModule {
  return {
    'session.start': ({ timelineLimit }) => startSession(ctx.requireSession(), timelineLimit),
  };
}
