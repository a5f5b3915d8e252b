// The preload of the main window (bundled to dist/app/preload.cjs; it runs sandboxed). It
// exposes window.chartkeeper, built from the contract's channel list: one function per channel
// that forwards the input to main, plus onMenuCommand. No other logic lives here.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, MENU_COMMANDS, MENU_EVENT, splitChannel, type ChartkeeperApi, type MenuCommand } from './contract.ts';

const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
for (const channel of CHANNELS) {
  const [domain, method] = splitChannel(channel);
  (api[domain] ??= {})[method] = (input) => ipcRenderer.invoke(channel, input);
}

/** Calls back with each menu command; returns a function that stops listening. */
function onMenuCommand(callback: (command: MenuCommand) => void): () => void {
  // The event object stays here: handing it to the page would hand it ipcRenderer's sender.
  const listener = (_event: IpcRendererEvent, command: unknown) => {
    if ((MENU_COMMANDS as readonly unknown[]).includes(command)) callback(command as MenuCommand);
  };
  ipcRenderer.on(MENU_EVENT, listener);
  return () => {
    ipcRenderer.removeListener(MENU_EVENT, listener);
  };
}

const exposed: ChartkeeperApi & { onMenuCommand: typeof onMenuCommand } = {
  ...(api as unknown as ChartkeeperApi),
  onMenuCommand,
};
contextBridge.exposeInMainWorld('chartkeeper', exposed);
