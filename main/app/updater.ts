// Update checks through electron-updater, following policy/updates.ts: only in a packaged app,
// only while unlocked with update checks turned on, and nothing downloaded or installed without
// a yes from the user.
import { dialog, type BrowserWindow } from 'electron';
import electronUpdater from 'electron-updater';
import type { Router } from '../api/router.ts';
import { downloadPrompt, installPrompt, UPDATE_CHECK_INTERVAL_MS, UPDATER_SETTINGS, updateChecksAllowed, type Prompt } from './policy/updates.ts';

export interface Updates {
  /** Checks for an update if the user allows it right now; otherwise does nothing. */
  checkIfAllowed(): Promise<void>;
}

export function setUpUpdates(router: Router, mainWindow: () => BrowserWindow | null, isPackaged: boolean): Updates {
  if (!isPackaged) return { checkIfAllowed: async () => {} };

  // Reached only in a packaged app: the getter creates the platform's updater on first use.
  const { autoUpdater } = electronUpdater;
  Object.assign(autoUpdater, UPDATER_SETTINGS);
  let busy = false;
  const declined = new Set<string>();

  async function ask(prompt: Prompt): Promise<boolean> {
    const window = mainWindow();
    const options: Electron.MessageBoxOptions = { type: 'question', noLink: true, ...prompt };
    const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
    return response === 0;
  }

  autoUpdater.on('update-available', (info) => {
    if (declined.has(info.version)) return;
    void ask(downloadPrompt(info.version)).then((yes) => {
      if (yes) void autoUpdater.downloadUpdate().catch(() => {});
      else declined.add(info.version);
    });
  });
  autoUpdater.on('update-downloaded', (info) => {
    void ask(installPrompt(info.version)).then((yes) => {
      if (yes) autoUpdater.quitAndInstall(false, true);
    });
  });
  // A failed check is not the user's problem; the next one may succeed.
  autoUpdater.on('error', () => {});

  async function checkIfAllowed(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      if (updateChecksAllowed(await router.invoke('settings.get', {}))) await autoUpdater.checkForUpdates();
    } catch {
      // Offline or the update server is down: try again at the next interval.
    } finally {
      busy = false;
    }
  }

  setInterval(() => void checkIfAllowed(), UPDATE_CHECK_INTERVAL_MS).unref();
  return { checkIfAllowed };
}
