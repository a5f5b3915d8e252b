// Typed access to `window.chartkeeper`. Every call resolves to a Result and never throws: a
// missing bridge, a rejected promise or a malformed answer all become a ContractError the UI
// can show as one sentence.
import type { ChartkeeperApi, ContractError, Result } from '../../preload/contract.ts';

declare global {
  interface Window {
    chartkeeper?: ChartkeeperApi;
  }
}

const UNAVAILABLE: ContractError = {
  kind: 'unavailable',
  message: 'Chartkeeper cannot reach its data right now; restart the app and try again.',
};
const INTERNAL: ContractError = { kind: 'internal', message: 'Something went wrong inside Chartkeeper; nothing was changed.' };

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: unknown };
  if (v.ok === true) return true;
  return v.ok === false && typeof v.error === 'object' && v.error !== null;
}

async function invoke(domain: string, method: string, input: unknown): Promise<Result<unknown>> {
  const target = window.chartkeeper as unknown as Record<string, Record<string, unknown> | undefined> | undefined;
  const fn = target?.[domain]?.[method];
  if (typeof fn !== 'function') return { ok: false, error: UNAVAILABLE };
  try {
    const answer: unknown = await (fn as (i: unknown) => Promise<unknown>).call(target?.[domain], input);
    return isResult(answer) ? answer : { ok: false, error: INTERNAL };
  } catch {
    return { ok: false, error: INTERNAL };
  }
}

/** `api.vault.unlock({ passphrase })` → Promise<Result<VaultStatus>>, typed by the contract. */
export const api: ChartkeeperApi = new Proxy({} as ChartkeeperApi, {
  get(_target, domain) {
    if (typeof domain !== 'string') return undefined;
    return new Proxy(
      {},
      {
        get(_t, method) {
          if (typeof method !== 'string') return undefined;
          return (input: unknown) => invoke(domain, method, input ?? {});
        },
      },
    );
  },
});

export function hasBridge(): boolean {
  return typeof window.chartkeeper === 'object' && window.chartkeeper !== null;
}
