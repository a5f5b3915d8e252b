// Session- and page-level locks that apply to every window the app creates.
import { shell, type Session, type WebContents } from 'electron';
import { enforceCsp } from './policy/csp.ts';
import { externalUrlToOpen } from './policy/external-links.ts';
import { isAllowedRendererRequest } from './policy/network.ts';

export function hardenSession(session: Session, devTools: boolean): void {
  // The UI needs no camera, notifications, clipboard-read, geolocation… nothing.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  // No network from the renderer: only the app's own origin loads.
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRendererRequest(details.url, devTools) });
  });
  session.webRequest.onHeadersReceived(enforceCsp);
  session.setSpellCheckerEnabled(false);
  // Exports are written by main after a save dialog; the renderer never downloads.
  session.on('will-download', (event) => event.preventDefault());
}

/** Applied to every WebContents from 'web-contents-created', so no window can be missed. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // window.open and target=_blank: never a new window; allowed links go to the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrlToOpen(url);
    // Only an https link on the allowlist (policy/external-links.ts) reaches the system browser.
    if (external) void shell.openExternal(external); // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: 'deny' };
  });
}
