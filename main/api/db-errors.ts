// A SQLite error that reaches the router unhandled becomes one sentence that says what
// failed and what to do, instead of "Something went wrong". Damage is blamed on the file it is
// in: the profile's file when the request was about a profile and that file fails its check,
// otherwise the vault's own file (health.ts decides, checking on the spot when it must).
import { AppError } from '../errors.ts';
import { isDiskFull, isNotADatabase, sqliteCode } from '../vault/sqlite.ts';
import type { ApiContext } from './context.ts';

function profileOf(ctx: ApiContext, input: unknown): { id: string; name: string } | undefined {
  const id = (input as { profileId?: unknown } | null)?.profileId;
  if (typeof id !== 'string' || !ctx.session?.isOpen) return undefined;
  try {
    return ctx.session.getProfile(id);
  } catch {
    return undefined;
  }
}

/** The AppError to answer with for a SQLite error, or undefined for anything else. */
export function describeDatabaseError(ctx: ApiContext, input: unknown, error: unknown): AppError | undefined {
  // SQLite's errors only: a file the person chose (an export, an import) says its own sentence.
  const code = sqliteCode(error);
  if (code === undefined) return undefined;
  const session = ctx.session?.isOpen ? ctx.session : undefined;
  if (isNotADatabase(error) || code.startsWith('SQLITE_CORRUPT')) {
    if (!session) return new AppError('corrupt', 'A file of the vault is damaged; unlock again to find out which, and restore it from a backup.');
    const profile = profileOf(ctx, input);
    return session.health.explainDamage(profile, profile && (() => session.profileDb(profile.id)));
  }
  if (isDiskFull(error)) return new AppError('disk-full', 'The disk is full, so that change was not saved; free some space and try again.');
  if (code.startsWith('SQLITE_READONLY')) {
    const profile = profileOf(ctx, input);
    const problem = profile && session?.health.problemWith(profile);
    if (problem) return problem;
    return new AppError('unavailable', 'Chartkeeper may not write to the vault folder, so nothing was saved; check that the folder and its files may be written to, then try again.');
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new AppError('unavailable', 'Chartkeeper could not read or write a file in the vault folder; check that the disk is connected and working, then try again.');
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new AppError('unavailable', 'Chartkeeper could not open a file in the vault folder; check that the folder is still there and may be written to, then try again.');
  }
  return undefined;
}
