// When the shell locks the vault by itself: the screen locks, the machine sleeps, or the
// computer has been idle longer than the user's idle-lock setting.
import type { Result } from '../../../preload/contract.ts';

export const LOCK_POWER_EVENTS = ['lock-screen', 'suspend'] as const;
export const IDLE_POLL_MS = 30_000;

/** settings.get fails while locked: nothing to lock then. */
export function shouldIdleLock(idleSeconds: number, settings: Result<unknown>): boolean {
  if (!settings.ok) return false;
  const minutes = (settings.value as { idleLockMinutes?: unknown } | null)?.idleLockMinutes;
  return typeof minutes === 'number' && minutes > 0 && idleSeconds >= minutes * 60;
}
