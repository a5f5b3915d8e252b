import type { Settings } from '../../preload/contract.ts';
import type { VaultSession } from '../vault/vault.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

export const DEFAULT_SETTINGS: Settings = {
  language: 'en',
  idleLockMinutes: 10,
  // Off until the user turns them on: nothing leaves the machine by default.
  onlineLookups: false,
  updateChecks: false,
  // The records Chartkeeper reads (Blue Button, Medicare, US portals) are American.
  units: 'us',
  // As most of the person's readings: a meter or sensor in mmol/L is read in mmol/L, US labs
  // in mg/dL, and nobody who never chose sees a unit change after an update.
  glucoseUnit: 'auto',
  // Opt-in: a notification about a person's vaccines is health information on the screen.
  dueNotifications: false,
};

export function readSettings(session: VaultSession): Settings {
  const raw = session.getSetting('app');
  const stored = raw ? (JSON.parse(raw) as Partial<Settings>) : {};
  return { ...DEFAULT_SETTINGS, ...stored };
}

export function settingsHandlers(ctx: ApiContext): HandlerModule {
  return {
    'settings.get': () => readSettings(ctx.requireSession()),
    'settings.set': (changes) => {
      const session = ctx.requireSession();
      const before = readSettings(session);
      const next: Settings = { ...before };
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
      }
      session.setSetting('app', JSON.stringify(next));
      if (before.onlineLookups !== next.onlineLookups) {
        session.audit(ctx.platform.now(), 'settings.onlineLookups', undefined, next.onlineLookups ? 'Online lookups turned on' : 'Online lookups turned off');
      }
      return next;
    },
  };
}
