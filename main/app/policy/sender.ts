// Who may call the contract over IPC: only the top frame of the main window, showing the app's
// own origin. Subframes, the hidden print window and any page that somehow navigated away are
// refused before the router sees the message.
import { isAppUrl } from './origin.ts';

export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean, isFromMainWindow: boolean): boolean {
  return isMainFrame && isFromMainWindow && isAppUrl(frameUrl);
}
