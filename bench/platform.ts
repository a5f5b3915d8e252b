// The host the benchmark gives main/api: a vault folder and nothing that reaches outside.
import { createApi, type Api } from '../main/api/index.ts';
import { AppError } from '../main/errors.ts';

/** `now`: the clock main/api sees (a fixed one makes two runs store the same rows); `files`: file tokens → paths. */
export function benchApi(vaultDir: string, now: () => Date = () => new Date(), files: Record<string, string> = {}): Api {
  const unavailable = async (): Promise<never> => {
    throw new AppError('unavailable', 'Not available in the benchmark.');
  };
  return createApi(
    {
      vaultDir,
      resolveFileToken: (token) => files[token],
      openFiles: async () => [],
      chooseSavePath: async () => null,
      chooseVaultFolder: async () => null,
      rememberVaultFolder: () => {},
      renderPdf: unavailable,
      print: unavailable,
      fetch: unavailable as unknown as typeof fetch,
      now,
    },
    (channel, error) => {
      if (process.env.CHARTKEEPER_DEBUG === "1") console.error(error);
      throw new Error(`Internal error in ${channel} during the benchmark.`);
    },
  );
}

/** Calls a channel and returns its value, or throws with the contract's error sentence. */
export async function call<T>(api: Api, channel: string, input: unknown): Promise<T> {
  const result = await api.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}
