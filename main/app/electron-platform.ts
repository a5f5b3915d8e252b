// The Platform that main/api runs on inside Electron: native dialogs, printing through a hidden
// window, and Node's fetch (the main process's own network; the renderer has none).
import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { Platform } from '../api/platform.ts';
import { AppError } from '../errors.ts';
import { openDialogSpec, saveDialogFilters } from './policy/dialogs.ts';
import { readRememberedVaultFolder, writeRememberedVaultFolder } from './policy/remembered-vault-folder.ts';
import type { TokenStore } from './policy/tokens.ts';
import { createPrinter } from './printing.ts';

export interface ElectronPlatformDeps {
  mainWindow(): BrowserWindow | null;
  /** Token → path of files the user picked; paths never reach the renderer. */
  fileTokens: TokenStore<string>;
  printPages: TokenStore<string>;
  /** Overrides the remembered folder and the default (tests of the shell). */
  vaultDir?: string;
}

export function createElectronPlatform(deps: ElectronPlatformDeps): Platform {
  const printer = createPrinter(deps.printPages);

  return {
    // The folder the user chose last time, else the app's data folder.
    vaultDir: deps.vaultDir ?? readRememberedVaultFolder(app.getPath('userData')) ?? path.join(app.getPath('userData'), 'vault'),

    resolveFileToken: (token) => deps.fileTokens.get(token),

    async openFiles(purpose) {
      const spec = openDialogSpec(purpose);
      const options: Electron.OpenDialogOptions = {
        title: spec.title,
        filters: spec.filters,
        properties: spec.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      };
      const window = deps.mainWindow();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      if (result.canceled) return [];
      return result.filePaths.map((filePath) => ({ token: deps.fileTokens.add(filePath), name: path.basename(filePath) }));
    },

    async chooseSavePath(suggestedName, kind) {
      const options: Electron.SaveDialogOptions = {
        defaultPath: path.join(app.getPath('documents'), path.basename(suggestedName)),
        filters: saveDialogFilters(suggestedName, kind),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = deps.mainWindow();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },

    async chooseVaultFolder() {
      const options: Electron.OpenDialogOptions = {
        title: 'Choose the folder for your Chartkeeper vault',
        buttonLabel: 'Use this folder',
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
      };
      const window = deps.mainWindow();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },

    rememberVaultFolder(dir) {
      // Only the path is stored (see remembered-vault-folder.ts): it is not health data.
      try {
        writeRememberedVaultFolder(app.getPath('userData'), dir);
      } catch {
        throw new AppError('unavailable', 'Chartkeeper could not save your folder choice, so it kept using the current folder.');
      }
    },

    renderPdf: (html, paper, language) => printer.renderPdf(html, paper, language),
    print: (html, paper) => printer.print(html, paper),
    fetch: (input, init) => globalThis.fetch(input, init),
    now: () => new Date(),
  };
}
