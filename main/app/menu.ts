// Installs the application menu; menu commands reach the renderer on the one MENU_EVENT channel.
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import { MENU_EVENT } from '../../preload/contract.ts';
import { aboutMessage } from './policy/about.ts';
import { menuTemplate } from './policy/menu-template.ts';

export function installMenu(mainWindow: () => BrowserWindow | null, devTools: boolean): void {
  const template = menuTemplate(
    { platform: process.platform, appName: app.getName(), devTools },
    {
      send: (command) => mainWindow()?.webContents.send(MENU_EVENT, command),
      showAbout: () => void showAbout(mainWindow()),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function showAbout(window: BrowserWindow | null): Promise<void> {
  const about = aboutMessage(app.getVersion());
  const options: Electron.MessageBoxOptions = { type: 'info', buttons: ['OK'], ...about };
  if (window) await dialog.showMessageBox(window, options);
  else await dialog.showMessageBox(options);
}
