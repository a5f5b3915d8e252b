// The application menu. Import, Print and Lock are the renderer's to carry out (it knows the
// current profile and any unsaved edits), so they only send a command from MENU_COMMANDS.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../../preload/contract.ts';

export interface MenuActions {
  send(command: MenuCommand): void;
  showAbout(): void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  appName: string;
  devTools: boolean;
}

export function menuTemplate(context: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = context.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${context.appName}`, click: () => actions.showAbout() };

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.send('import') },
      { label: 'Print visit summary…', accelerator: 'CmdOrCtrl+P', click: () => actions.send('print-summary') },
      { type: 'separator' },
      { label: 'Lock', accelerator: 'CmdOrCtrl+L', click: () => actions.send('lock') },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(context.devTools ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: context.appName,
      submenu: [
        about,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(file, { role: 'editMenu' }, view, { role: 'windowMenu' });
  // On macOS, About lives in the app menu.
  if (!isMac) template.push({ role: 'help', submenu: [about] });
  return template;
}
