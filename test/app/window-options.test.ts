import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { newSecureWindow, UI_PARTITION } from '../../main/app/policy/window-options.ts';

/** Stands in for Electron's BrowserWindow and keeps what it was constructed with. */
class FakeWindow {
  readonly options: BrowserWindowConstructorOptions;
  constructor(options: BrowserWindowConstructorOptions) {
    this.options = options;
  }
}

const HARDENED = {
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
  spellcheck: false,
  navigateOnDragDrop: false,
};

describe('newSecureWindow', () => {
  it('creates the main window hardened, with the preload and hidden until painted', () => {
    const window = newSecureWindow(FakeWindow, { kind: 'main', preload: '/app/dist/app/preload.cjs', devTools: false });
    const prefs = window.options.webPreferences!;
    expect(prefs).toMatchObject(HARDENED);
    expect(prefs.preload).toBe('/app/dist/app/preload.cjs');
    expect(prefs.devTools).toBe(false);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
    expect(window.options.show).toBe(false);
  });

  it('allows DevTools only when asked (development builds)', () => {
    const dev = newSecureWindow(FakeWindow, { kind: 'main', preload: '/p.cjs', devTools: true });
    expect(dev.options.webPreferences!.devTools).toBe(true);
  });

  it('creates the print window hardened, hidden, without preload or DevTools', () => {
    const window = newSecureWindow(FakeWindow, { kind: 'print' });
    const prefs = window.options.webPreferences!;
    expect(prefs).toMatchObject(HARDENED);
    expect('preload' in prefs).toBe(false);
    expect(prefs.devTools).toBe(false);
    expect(window.options.show).toBe(false);
  });

  it('uses an in-memory partition so Chromium writes nothing to disk', () => {
    expect(UI_PARTITION.startsWith('persist:')).toBe(false);
  });
});
