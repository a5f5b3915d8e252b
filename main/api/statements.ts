// The person's own statements about entries: "I no longer take this", "I still take this",
// "This is wrong", hide, and corrections. Each is stored beside the entry (main/vault/
// personal-statements.ts) and never changes what a source said; withdrawing one is the undo.
import type { PersonalCorrection } from '../records/model.ts';
import { personalKindsFor } from '../records/readable/personal.ts';
import { AppError } from '../errors.ts';
import { getEntry } from '../vault/entries.ts';
import { addPersonalStatement, withdrawPersonalStatement } from '../vault/personal-statements.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

const GONE = 'That entry is no longer in this profile.';

/** The day after `iso`'s UTC day: the person's own today may be ahead of UTC, never by more. */
function latestAllowedDay(iso: string): string {
  const day = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

export function statementHandlers(ctx: ApiContext): HandlerModule {
  const db = (profileId: string) => ctx.requireSession().profileDb(profileId);
  return {
    'statements.add': ({ profileId, entryId, kind, date, note, correction }) => {
      const conn = db(profileId);
      const now = ctx.nowIso();
      const saidOn = date ?? now.slice(0, 10);
      if (saidOn > latestAllowedDay(now)) throw new AppError('invalid-input', 'That date is in the future; say what holds today or on an earlier day.');
      const entry = getEntry(conn, entryId);
      if (!entry) throw new AppError('not-found', GONE);
      if (!personalKindsFor(entry.kind).includes(kind)) {
        throw new AppError('conflict', 'That cannot be said about this kind of entry; you can say it is wrong, hide it or correct it.');
      }
      const body: { note?: string; correction?: PersonalCorrection } = {
        ...(note ? { note } : {}),
        ...(correction ? { correction } : {}),
      };
      conn.transaction(() => addPersonalStatement(conn, entryId, kind, saidOn, now, body)).immediate();
      return getEntry(conn, entryId)!;
    },

    'statements.withdraw': ({ profileId, statementId }) => {
      const conn = db(profileId);
      const entryId = conn.transaction(() => withdrawPersonalStatement(conn, statementId, ctx.nowIso())).immediate();
      const entry = entryId === undefined ? undefined : getEntry(conn, entryId);
      if (!entry) throw new AppError('not-found', 'That statement was already withdrawn or its entry is gone.');
      return entry;
    },
  };
}
