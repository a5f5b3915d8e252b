// The shell's due-dose notifications, with a fake clock: asked after unlock and every hour,
// shown once per dose (marked seen only when shown), nothing while off or locked, and words
// that name neither the person nor the vaccine (the OS keeps them outside the vault).
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { DueNotice, Result } from '../../preload/contract.ts';
import { DUE_CHECK_MS, dueNotificationText, startDueNotifier, type NotificationText } from '../../main/app/policy/due-notifications.ts';

function notice(key: string, overdue = false): DueNotice {
  return { key, profileId: 'p1', profileName: 'Ana Example', group: 'HepB', doseNumber: '2', dueFrom: '2026-03-01', overdue };
}

describe('dueNotificationText', () => {
  test('says how many and whether any is overdue, in the setting\'s language, without names', () => {
    expect(dueNotificationText([], 'en')).toBeNull();
    expect(dueNotificationText([notice('a')], 'en')).toEqual({ title: 'Chartkeeper', body: "A vaccine is due. See What's due." });
    expect(dueNotificationText([notice('a'), notice('b', true)], 'en')?.body).toBe("2 vaccines are due, some overdue. See What's due.");
    expect(dueNotificationText([notice('a', true)], 'es')?.body).toBe('Hay una vacuna atrasada. Véala en «Vacunas pendientes».');
    const all = JSON.stringify([dueNotificationText([notice('a')], 'en'), dueNotificationText([notice('a'), notice('b')], 'es')]);
    expect(all).not.toMatch(/Ana|HepB|Hepatitis/);
  });
});

describe('startDueNotifier', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-03-01T08:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  function harness(initial: DueNotice[] = []) {
    let pending = initial;
    let unlocked = true;
    const shown: NotificationText[] = [];
    const seen: string[][] = [];
    let canShow = true;
    const notifier = startDueNotifier({
      notices: async (): Promise<Result<DueNotice[]>> =>
        unlocked ? { ok: true, value: pending } : { ok: false, error: { kind: 'locked', message: 'The vault is locked; unlock it first.' } },
      seen: async (keys) => {
        seen.push(keys);
        pending = pending.filter((n) => !keys.includes(n.key));
      },
      language: async () => 'en',
      show: (text) => {
        if (canShow) shown.push(text);
        return canShow;
      },
      setInterval: (run, ms) => setInterval(run, ms),
      clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
    });
    return {
      notifier,
      shown,
      seen,
      set: (next: DueNotice[]) => (pending = next),
      lock: (value: boolean) => (unlocked = !value),
      cannotShow: () => (canShow = false),
    };
  }

  test('checks after unlock, then every hour, and tells about each dose once', async () => {
    const h = harness([notice('a')]);
    await h.notifier.check();
    expect(h.shown).toHaveLength(1);
    expect(h.seen).toEqual([['a']]);

    // An hour later nothing new: nothing shown.
    await vi.advanceTimersByTimeAsync(DUE_CHECK_MS);
    expect(h.shown).toHaveLength(1);

    // The next day a dose becomes due: told at the next hourly check, not before.
    h.set([notice('b')]);
    await vi.advanceTimersByTimeAsync(DUE_CHECK_MS - 1);
    expect(h.shown).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.shown).toHaveLength(2);
    expect(h.seen).toEqual([['a'], ['b']]);
    h.notifier.stop();
    h.set([notice('c')]);
    await vi.advanceTimersByTimeAsync(DUE_CHECK_MS * 3);
    expect(h.shown).toHaveLength(2);
  });

  test('nothing while locked; a notification the system could not show is tried again', async () => {
    const h = harness([notice('a')]);
    h.lock(true);
    await h.notifier.check();
    await vi.advanceTimersByTimeAsync(DUE_CHECK_MS);
    expect(h.shown).toEqual([]);
    h.lock(false);
    h.cannotShow();
    await vi.advanceTimersByTimeAsync(DUE_CHECK_MS);
    expect(h.seen).toEqual([]);
    h.notifier.stop();
  });

  test('overlapping checks share one run', async () => {
    const h = harness([notice('a')]);
    await Promise.all([h.notifier.check(), h.notifier.check()]);
    expect(h.shown).toHaveLength(1);
    h.notifier.stop();
  });
});
