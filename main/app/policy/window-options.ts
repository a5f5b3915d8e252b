// Creates every Chartkeeper window. The BrowserWindow constructor is passed in, so this module
// never loads Electron: unit tests hand it a fake and assert the exact options, and
// Electronegativity (which reads `new BrowserWindow({...})` literally) sees them written out here.
import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The renderer session. Not "persist:": an in-memory partition, so nothing a page caches or
 * stores (health data included) is ever written to disk by Chromium.
 */
export const UI_PARTITION = 'chartkeeper-ui';

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

export type WindowSpec =
  | { kind: 'main'; preload: string; devTools: boolean }
  /** The hidden window that renders a visit summary for printing: no preload, so no IPC. */
  | { kind: 'print' };

const FRAMES: Record<WindowSpec['kind'], BrowserWindowConstructorOptions> = {
  main: { title: 'Chartkeeper', width: 1280, height: 840, minWidth: 720, minHeight: 520, backgroundColor: '#ffffff' },
  print: { width: 900, height: 1200 },
};

export function newSecureWindow<W>(BrowserWindow: WindowConstructor<W>, spec: WindowSpec): W {
  const preload = spec.kind === 'main' ? spec.preload : undefined;
  return new BrowserWindow({
    ...FRAMES[spec.kind],
    show: false, // the main window shows itself once painted; the print window never does
    webPreferences: {
      ...(preload ? { preload } : {}),
      partition: UI_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      enableWebSQL: false,
      // Middle-click would open links in a new window; the window-open handler denies those too.
      disableBlinkFeatures: 'Auxclick',
      devTools: spec.kind === 'main' && spec.devTools,
    },
  });
}
