// The Electron shell's entry point (bundled to dist/app/main.cjs). It only wires things together:
// every decision it relies on lives in ./policy as a plain, tested function.
import path from 'node:path';
import { app, BrowserWindow, Notification, session, type IpcMainInvokeEvent } from 'electron';
import type { DueNotice, Result } from '../../preload/contract.ts';
import { createApi } from '../api/index.ts';
import { watchForAutoLock } from './auto-lock.ts';
import { createElectronPlatform } from './electron-platform.ts';
import { hardenSession, hardenWebContents } from './hardening.ts';
import { bindContract } from './ipc.ts';
import { installMenu } from './menu.ts';
import { startDueNotifier } from './policy/due-notifications.ts';
import { APP_ENTRY_URL } from './policy/origin.ts';
import { isTrustedSender } from './policy/sender.ts';
import { createTokenStore } from './policy/tokens.ts';
import { newSecureWindow, UI_PARTITION } from './policy/window-options.ts';
import { registerAppScheme, serveApp } from './protocol.ts';
import { setUpUpdates } from './updater.ts';

const devTools = !app.isPackaged;
let mainWindow: BrowserWindow | null = null;

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  void app.whenReady().then(start);
}

function openMainWindow(): void {
  const preload = path.join(app.getAppPath(), 'dist', 'app', 'preload.cjs');
  const window = newSecureWindow(BrowserWindow, { kind: 'main', preload, devTools });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  mainWindow = window;
  void window.loadURL(APP_ENTRY_URL);
}

function isFromMainWindow(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedSender(
    frame?.url,
    frame !== null && frame.parent === null,
    mainWindow !== null && !mainWindow.isDestroyed() && event.sender.id === mainWindow.webContents.id,
  );
}

function start(): void {
  const ui = session.fromPartition(UI_PARTITION);
  hardenSession(ui, devTools);
  const fileTokens = createTokenStore<string>();
  const printPages = createTokenStore<string>();
  serveApp(ui, path.join(app.getAppPath(), 'dist', 'renderer'), printPages);

  const router = createApi(createElectronPlatform({ mainWindow: () => mainWindow, fileTokens, printPages }));

  // After a lock nothing the renderer held may survive: storage is wiped and the page reloaded.
  async function forgetRendererState(): Promise<void> {
    fileTokens.clear();
    await ui.clearStorageData();
    await ui.clearCache();
    if (mainWindow && !mainWindow.isDestroyed()) await mainWindow.loadURL(APP_ENTRY_URL);
  }
  async function lockAndReload(): Promise<void> {
    await router.invoke('vault.lock', {});
    await forgetRendererState();
  }

  const updates = setUpUpdates(router, () => mainWindow, app.isPackaged);
  const dueNotifier = startDueNotifier({
    notices: () => router.invoke('immunizations.notices', {}) as Promise<Result<DueNotice[]>>,
    seen: (keys) => router.invoke('immunizations.noticesSeen', { keys }),
    language: async () => {
      const settings = await router.invoke('settings.get', {});
      return settings.ok && (settings.value as { language?: string }).language === 'es' ? 'es' : 'en';
    },
    show: (text) => {
      if (!Notification.isSupported()) return false;
      const notification = new Notification({ title: text.title, body: text.body, silent: false });
      notification.on('click', () => {
        if (!mainWindow) return;
        if (mainWindow.isMinimized()) mainWindow.restore();
        mainWindow.focus();
      });
      notification.show();
      return true;
    },
    setInterval: (run, ms) => setInterval(run, ms),
    clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  });
  app.on('will-quit', () => dueNotifier.stop());
  bindContract(router, {
    isTrusted: isFromMainWindow,
    after(channel, result) {
      if (!result.ok) return;
      // Reload once the reply is on its way, so the renderer's call still settles.
      if (channel === 'vault.lock') setImmediate(() => void forgetRendererState());
      if (channel === 'vault.unlock' || channel === 'vault.create') void updates.checkIfAllowed();
      if (channel === 'vault.unlock' || (channel === 'settings.set' && (result.value as { dueNotifications?: boolean }).dueNotifications)) void dueNotifier.check();
    },
  });
  installMenu(() => mainWindow, devTools);
  watchForAutoLock(router, lockAndReload);

  app.on('window-all-closed', () => {
    void router.invoke('vault.lock', {}).finally(() => {
      if (process.platform !== 'darwin') app.quit();
    });
  });
  app.on('will-quit', () => void router.invoke('vault.lock', {}));
  app.on('activate', () => {
    if (!mainWindow) openMainWindow();
  });
  openMainWindow();
}
