import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

export function auditHandlers(ctx: ApiContext): HandlerModule {
  return {
    'audit.list': ({ limit }) => ctx.requireSession().auditLog(limit),
  };
}

export function dialogHandlers(ctx: ApiContext): HandlerModule {
  return {
    'dialog.openFiles': ({ purpose }) => ctx.platform.openFiles(purpose),
  };
}
