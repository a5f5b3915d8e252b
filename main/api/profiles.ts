import type { Profile } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { isDiskFull } from '../vault/sqlite.ts';
import { initialsOf, type ProfileRow, type VaultSession } from '../vault/vault.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

/** A profile as the renderer sees it, with the state of its file (damaged or missing ones stay listed). */
export function toProfile(session: VaultSession, row: ProfileRow): Profile {
  const { state, file } = session.health.profileState(row.id);
  return { ...row, initials: initialsOf(row.name), file, state };
}

export function listProfiles(session: VaultSession): Profile[] {
  return session.listProfiles().map((row) => toProfile(session, row));
}

export function profileHandlers(ctx: ApiContext): HandlerModule {
  return {
    'profiles.list': () => listProfiles(ctx.requireSession()),
    'profiles.add': (input) => {
      const session = ctx.requireSession();
      try {
        return toProfile(session, session.addProfile(input, ctx.platform.now()));
      } catch (error) {
        if (isDiskFull(error)) throw new AppError('disk-full', 'The disk is full, so the profile was not added; nothing was changed.');
        throw error;
      }
    },
    'profiles.update': ({ profileId, ...changes }) => {
      const session = ctx.requireSession();
      return toProfile(session, session.updateProfile(profileId, changes, ctx.platform.now()));
    },
    'profiles.delete': ({ profileId, confirmName }) => {
      const session = ctx.requireSession();
      const profile = session.getProfile(profileId);
      if (confirmName.trim() !== profile.name) {
        throw new AppError('invalid-input', `Type the name "${profile.name}" exactly to confirm deleting this profile.`);
      }
      session.deleteProfile(profileId, ctx.platform.now());
      return null;
    },
  };
}
