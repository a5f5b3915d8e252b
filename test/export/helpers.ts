// A Platform for driving createApi in tests: a temp vault folder, a temp folder that every
// "save as" dialog answers with, and a fixed clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApi, type Api, type Platform } from '../../main/api/index.ts';
import type { Channel, InputOf, OutputOf } from '../../preload/contract.ts';

export interface TestApi {
  api: Api;
  root: string;
  saveDir: string;
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  cleanup(): void;
}

export const FIXED_NOW = new Date('2025-01-15T12:00:00Z');

export function testApi(): TestApi {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-export-'));
  const saveDir = path.join(root, 'saved');
  fs.mkdirSync(saveDir);
  const platform: Platform = {
    vaultDir: path.join(root, 'vault'),
    resolveFileToken: () => undefined,
    openFiles: async () => [],
    chooseSavePath: async (suggested) => path.join(saveDir, suggested),
    chooseVaultFolder: async () => null,
    rememberVaultFolder: () => {},
    renderPdf: async () => {
      throw new Error('renderPdf is not used by these tests');
    },
    print: async () => undefined,
    fetch: (async () => {
      throw new Error('offline');
    }) as typeof fetch,
    now: () => FIXED_NOW,
  };
  const api = createApi(platform, (channel, error) => {
    throw new Error(`internal error in ${channel}: ${error instanceof Error ? error.stack : String(error)}`);
  });
  return {
    api,
    root,
    saveDir,
    async call(channel, input) {
      const result = await api.invoke(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.kind}: ${result.error.message}`);
      return result.value as never;
    },
    cleanup() {
      api.context.session?.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
