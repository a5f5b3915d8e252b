import type { Channel, InputOf, OutputOf, Result } from '../../preload/contract.ts';
import { createApi, type Api, type Platform } from '../../main/api/index.ts';

/** A Platform for tests: a vault folder, no dialogs, a fixed clock unless given one. */
export function testPlatform(vaultDir: string, overrides: Partial<Platform> = {}): Platform {
  return {
    vaultDir,
    resolveFileToken: () => undefined,
    openFiles: async () => [],
    chooseSavePath: async () => null,
    chooseVaultFolder: async () => null,
    rememberVaultFolder: () => {},
    renderPdf: async () => {
      throw new Error('no PDF in this test');
    },
    print: async () => {
      throw new Error('no printing in this test');
    },
    fetch: async () => {
      throw new Error('no network in tests');
    },
    now: () => new Date('2026-03-01T12:00:00Z'),
    ...overrides,
  };
}

export function testApi(vaultDir: string, overrides: Partial<Platform> = {}): Api {
  return createApi(testPlatform(vaultDir, overrides), (channel, error) => {
    throw new Error(`internal error in ${channel}: ${String(error)}`);
  });
}

/** Calls a channel and returns its value, failing the test with the error sentence otherwise. */
export async function ok<C extends Channel>(api: Api, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = (await api.invoke(channel, input)) as Result<OutputOf<C>>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

export async function fails<C extends Channel>(api: Api, channel: C, input: unknown) {
  const result = (await api.invoke(channel, input)) as Result<OutputOf<C>>;
  if (result.ok) throw new Error(`${channel} was expected to fail`);
  return result.error;
}
