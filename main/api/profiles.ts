import type { Profile } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { initialsOf, type ProfileRow } from '../vault/vault.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

export function toProfile(row: ProfileRow): Profile {
  return { ...row, initials: initialsOf(row.name) };
}

export function profileHandlers(ctx: ApiContext): HandlerModule {
  return {
    'profiles.list': () => ctx.requireSession().listProfiles().map(toProfile),
    'profiles.add': (input) => toProfile(ctx.requireSession().addProfile(input, ctx.platform.now())),
    'profiles.update': ({ profileId, ...changes }) => toProfile(ctx.requireSession().updateProfile(profileId, changes, ctx.platform.now())),
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
