// Menu commands from the Electron shell (Import…, Print visit summary, Lock). The preload
// exposes `onMenuCommand`; in the browser bridge there is none and this is a no-op.
import type { MenuCommand } from '../../preload/contract.ts';

type MenuSource = { onMenuCommand?: (cb: (command: MenuCommand) => void) => (() => void) | void };

export function subscribeToMenu(handler: (command: MenuCommand) => void): () => void {
  const source = window.chartkeeper as unknown as MenuSource | undefined;
  if (typeof source?.onMenuCommand !== 'function') return () => {};
  try {
    const off = source.onMenuCommand(handler);
    return typeof off === 'function' ? off : () => {};
  } catch {
    return () => {};
  }
}

/** In the desktop shell (the preload exposes menu events); false in browser mode. */
export function inDesktopShell(): boolean {
  const source = window.chartkeeper as unknown as MenuSource | undefined;
  return typeof source?.onMenuCommand === 'function';
}
