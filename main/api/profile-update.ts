// Bringing a profile's file up to this version's schema after an update of Chartkeeper, with
// how far it has come: the renderer shows which profile is being updated and not to close the
// app, instead of a window that seems to hang for tens of seconds on a very large profile.
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

export function profileUpdateHandlers(ctx: ApiContext): HandlerModule {
  return {
    'profiles.prepare': async ({ profileId }) => ({ migrations: await ctx.requireSession().prepareProfile(profileId, () => ctx.platform.now()) }),
    'profiles.updateProgress': () => {
      const progress = ctx.requireSession().profileUpdate();
      return progress ? { ...progress } : null;
    },
  };
}
