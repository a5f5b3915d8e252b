// Binds the contract's channels to handler functions. Every input is parsed by the channel's
// schema before a handler sees it; results cross as { ok, value } | { ok, error }. Handler
// modules are merged here, and a channel declared twice or not at all is a startup error.
import { CHANNELS, CONTRACT, type Channel, type OutputOf, type ParsedInputOf, type Result } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { isBusy } from '../vault/sqlite.ts';
import { describeInvalid, inputErrorSentence } from './input-errors.ts';

const BUSY = 'Another Chartkeeper window is saving to this vault right now; try again in a moment.';

export type Handler<C extends Channel> = (input: ParsedInputOf<C>) => Promise<OutputOf<C>> | OutputOf<C>;
export type HandlerModule = { [C in Channel]?: Handler<C> };

export interface Router {
  readonly channels: readonly Channel[];
  invoke(channel: string, rawInput: unknown): Promise<Result<unknown>>;
}

/**
 * `explain` turns an error a handler did not expect (a SQLite error) into one the person can
 * act on, when it can; anything it leaves is logged as internal.
 */
export function createRouter(
  modules: HandlerModule[],
  onInternalError: (channel: string, error: unknown) => void,
  explain: (input: unknown, error: unknown) => AppError | undefined = () => undefined,
): Router {
  const handlers = new Map<Channel, Handler<Channel>>();
  for (const module of modules) {
    for (const [channel, handler] of Object.entries(module)) {
      if (!(channel in CONTRACT)) throw new Error(`Handler for unknown channel ${channel}`);
      if (handlers.has(channel as Channel)) throw new Error(`Channel ${channel} is handled twice`);
      handlers.set(channel as Channel, handler as Handler<Channel>);
    }
  }
  const missing = CHANNELS.filter((c) => !handlers.has(c));
  if (missing.length) throw new Error(`No handler for channel(s): ${missing.join(', ')}`);

  return {
    channels: CHANNELS,
    async invoke(channel, rawInput) {
      if (!Object.hasOwn(CONTRACT, channel)) {
        return { ok: false, error: { kind: 'invalid-input', message: 'Chartkeeper does not know that request.' } };
      }
      const c = channel as Channel;
      // Messages written in the schemas win; every other failed check gets a sentence.
      const parsed = CONTRACT[c].input.safeParse(rawInput ?? {}, { error: inputErrorSentence });
      if (!parsed.success) {
        return { ok: false, error: { kind: 'invalid-input', message: describeInvalid(parsed.error.issues) } };
      }
      try {
        const value = await handlers.get(c)!(parsed.data as ParsedInputOf<Channel>);
        return { ok: true, value: value ?? null };
      } catch (thrown) {
        const error = thrown instanceof AppError ? thrown : (explain(parsed.data, thrown) ?? thrown);
        if (error instanceof AppError) {
          return { ok: false, error: { kind: error.kind, message: error.message, ...(error.detail ? { detail: error.detail } : {}) } };
        }
        // Another process kept the database's write lock past the busy timeout: not a fault
        // of this process, and nothing was written (the statement or transaction failed whole).
        if (isBusy(error)) return { ok: false, error: { kind: 'busy', message: BUSY } };
        onInternalError(channel, error);
        return { ok: false, error: { kind: 'internal', message: 'Something went wrong inside Chartkeeper; nothing was changed.' } };
      }
    },
  };
}
