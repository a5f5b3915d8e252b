// One ipcMain.handle per contract channel, derived from CHANNELS: no generic channel, and the
// sender is checked before the router (which parses the input) sees anything.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type Channel, type Result } from '../../preload/contract.ts';
import type { Router } from '../api/router.ts';

export interface IpcHooks {
  isTrusted(event: IpcMainInvokeEvent): boolean;
  /** Runs after each call, e.g. to reload the renderer once the vault is locked. */
  after(channel: Channel, result: Result<unknown>): void;
}

export function bindContract(router: Router, hooks: IpcHooks): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!hooks.isTrusted(event)) throw new Error('Chartkeeper refused a request from outside its window.');
      const result = await router.invoke(channel, input);
      hooks.after(channel, result);
      return result;
    });
  }
}
