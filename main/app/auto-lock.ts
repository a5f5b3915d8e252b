// Locks the vault when the screen locks, the machine sleeps, or the computer sits idle longer
// than the user's setting.
import { powerMonitor } from 'electron';
import type { Router } from '../api/router.ts';
import { IDLE_POLL_MS, LOCK_POWER_EVENTS, shouldIdleLock } from './policy/idle-lock.ts';

export function watchForAutoLock(router: Router, lock: () => Promise<void>): void {
  for (const event of LOCK_POWER_EVENTS) {
    // The overloads are per event name; both of ours take no arguments.
    powerMonitor.on(event as 'suspend', () => void lock());
  }
  setInterval(async () => {
    const settings = await router.invoke('settings.get', {});
    if (shouldIdleLock(powerMonitor.getSystemIdleTime(), settings)) await lock();
  }, IDLE_POLL_MS).unref();
}
