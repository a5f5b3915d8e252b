// The Platform that main/api runs on inside Electron: native dialogs, printing through a hidden
// window, and Node's fetch (the main process's own network; the renderer has none).
import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { Platform } from '../api/platform.ts';
import { openDialogSpec, saveDialogFilters } from './policy/dialogs.ts';
import type { TokenStore } from './policy/tokens.ts';
import { createPrinter } from './printing.ts';

export interface ElectronPlatformDeps {
  mainWindow(): BrowserWindow | null;
  /** Token → path of files the user picked; paths never reach the renderer. */
  fileTokens: TokenStore<string>;
  printPages: TokenStore<string>;
  vaultDir?: string;
}

export function createElectronPlatform(deps: ElectronPlatformDeps): Platform {
  const printer = createPrinter(deps.printPages);

  return {
    vaultDir: deps.vaultDir ?? path.join(app.getPath('userData'), 'vault'),

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

    renderPdf: (html, paper, language) => printer.renderPdf(html, paper, language),
    print: (html, paper) => printer.print(html, paper),
    fetch: (input, init) => globalThis.fetch(input, init),
    now: () => new Date(),
  };
}
