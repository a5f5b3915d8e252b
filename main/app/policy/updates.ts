// Update policy: never automatic. Checks happen only while the vault is unlocked and the user
// turned them on; downloading and installing each need a yes in a dialog.
import type { AppUpdater } from 'electron-updater';
import type { Result } from '../../../preload/contract.ts';

/** Assigned onto electron-updater's autoUpdater before its first use. */
export const UPDATER_SETTINGS = {
  autoDownload: false,
  autoInstallOnAppQuit: false,
  autoRunAppAfterInstall: true,
  allowDowngrade: false,
  allowPrerelease: false,
  disableWebInstaller: true,
  forceDevUpdateConfig: false,
} as const satisfies Partial<AppUpdater>;

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** settings.get fails while locked, so a locked vault means no check. */
export function updateChecksAllowed(settings: Result<unknown>): boolean {
  if (!settings.ok) return false;
  const value = settings.value as { updateChecks?: unknown } | null;
  return value?.updateChecks === true;
}

export interface Prompt {
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
}

/** Button 0 is always the yes. */
export function downloadPrompt(version: string): Prompt {
  return {
    message: `Chartkeeper ${version} is available.`,
    detail: 'Download it now? You will be asked again before it is installed.',
    buttons: ['Download', 'Not now'],
    defaultId: 0,
    cancelId: 1,
  };
}

export function installPrompt(version: string): Prompt {
  return {
    message: `Chartkeeper ${version} is ready to install.`,
    detail: 'Chartkeeper will lock your vault, close and restart with the new version.',
    buttons: ['Restart and install', 'Later'],
    defaultId: 0,
    cancelId: 1,
  };
}
