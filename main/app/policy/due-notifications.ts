// When and what the desktop shell tells the person about vaccine doses that have become due.
// The shell asks `immunizations.notices` right after unlocking and then every hour; main answers
// with nothing while the setting is off (it is off until the person turns it on) or the vault is
// locked. Each dose is told about once: the shell marks what it showed as seen.
//
// An operating system keeps notifications in its own history, on disk and outside the vault, and
// shows them on a locked screen, so the words name neither the person nor the vaccine: only that
// something is due and where to look. The in-app notice in browser mode, inside the vault's own
// window, names both.
import type { DueNotice, Result } from '../../../preload/contract.ts';

export const DUE_CHECK_MS = 60 * 60 * 1000;

export interface NotificationText {
  title: string;
  body: string;
}

/** One notification for everything newly due, or none. */
export function dueNotificationText(notices: readonly DueNotice[], language: 'en' | 'es'): NotificationText | null {
  if (notices.length === 0) return null;
  const overdue = notices.some((n) => n.overdue);
  if (language === 'es') {
    return {
      title: 'Chartkeeper',
      body:
        notices.length === 1
          ? `Hay una vacuna ${overdue ? 'atrasada' : 'pendiente'}. Véala en «Vacunas pendientes».`
          : `Hay ${notices.length} vacunas pendientes${overdue ? ', alguna atrasada' : ''}. Véalas en «Vacunas pendientes».`,
    };
  }
  return {
    title: 'Chartkeeper',
    body:
      notices.length === 1
        ? `A vaccine is ${overdue ? 'overdue' : 'due'}. See What's due.`
        : `${notices.length} vaccines are due${overdue ? ', some overdue' : ''}. See What's due.`,
  };
}

export interface DueNotifierDeps {
  /** immunizations.notices through the router (fails while locked). */
  notices(): Promise<Result<DueNotice[]>>;
  seen(keys: string[]): Promise<unknown>;
  language(): Promise<'en' | 'es'>;
  /** Electron's Notification; false when the system cannot show one (then nothing is marked seen). */
  show(text: NotificationText): boolean;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface DueNotifier {
  /** Asks once now (after an unlock); overlapping calls share one run. */
  check(): Promise<void>;
  stop(): void;
}

export function startDueNotifier(deps: DueNotifierDeps, everyMs = DUE_CHECK_MS): DueNotifier {
  let running: Promise<void> | null = null;
  const run = async () => {
    const result = await deps.notices();
    if (!result.ok || result.value.length === 0) return;
    const text = dueNotificationText(result.value, await deps.language());
    if (text && deps.show(text)) await deps.seen(result.value.map((n) => n.key));
  };
  const check = () => {
    running ??= run()
      .catch(() => {
        // A failed check is tried again at the next tick; nothing was marked seen.
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const handle = deps.setInterval(() => void check(), everyMs);
  return {
    check,
    stop: () => deps.clearInterval(handle),
  };
}
