// At a glance, the first screen of a profile: read with a few range queries (the current
// kinds, the newest results, what is planned from today on, imports by provider) and decided
// by main/glance.
import { buildGlance, RESULTS_READ } from '../glance/select.ts';
import { listEntries, listEntriesSince, listNewestEntries } from '../vault/entries.ts';
import { importsByProvider, noneKnownStatements } from '../vault/sources.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

export function glanceHandlers(ctx: ApiContext): HandlerModule {
  return {
    'glance.get': ({ profileId, today, language }) => {
      const db = ctx.requireSession().profileDb(profileId);
      const day = today ?? ctx.nowIso().slice(0, 10);
      return buildGlance({
        today: day,
        current: listEntries(db, ['medication', 'problem', 'allergy', 'directive']),
        results: listNewestEntries(db, 'result', RESULTS_READ),
        planned: listEntriesSince(db, ['appointment', 'encounter'], day),
        imports: importsByProvider(db),
        noneKnown: (kinds) => noneKnownStatements(db, kinds),
        locale: language === 'es' ? 'es-ES' : 'en-US',
      });
    },
  };
}
