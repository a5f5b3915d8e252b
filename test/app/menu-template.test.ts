import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../../preload/contract.ts';
import { menuTemplate } from '../../main/app/policy/menu-template.ts';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function build(platform: NodeJS.Platform, devTools = false) {
  const sent: MenuCommand[] = [];
  let abouts = 0;
  const template = menuTemplate(
    { platform, appName: 'Chartkeeper', devTools },
    { send: (command) => sent.push(command), showAbout: () => abouts++ },
  );
  const click = (label: string) => {
    const item = flatten(template).find((i) => i.label === label);
    if (!item?.click) throw new Error(`no clickable item ${label}`);
    (item.click as () => void)();
  };
  return { template, items: flatten(template), sent, click, abouts: () => abouts };
}

describe('menuTemplate', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('on %s, Import, Print and Lock send their commands', (platform) => {
    const menu = build(platform);
    menu.click('Import…');
    menu.click('Print visit summary…');
    menu.click('Lock');
    expect(menu.sent).toEqual(['import', 'print-summary', 'lock']);
    expect(menu.sent.every((c) => (MENU_COMMANDS as readonly string[]).includes(c))).toBe(true);
  });

  it.each(['linux', 'win32', 'darwin'] as const)('on %s, About opens the About dialog', (platform) => {
    const menu = build(platform);
    menu.click('About Chartkeeper');
    expect(menu.abouts()).toBe(1);
  });

  it('has the usual menus and roles', () => {
    const linux = build('linux');
    expect(linux.template.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
    const roles = linux.items.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['quit', 'editMenu', 'windowMenu', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']));
    const mac = build('darwin');
    expect(mac.template[0]!.label).toBe('Chartkeeper');
    expect(mac.items.map((i) => i.role)).toEqual(expect.arrayContaining(['hide', 'hideOthers', 'unhide', 'quit', 'close', 'services']));
  });

  it('offers DevTools only in development builds', () => {
    expect(build('linux', false).items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(build('linux', true).items.some((i) => i.role === 'toggleDevTools')).toBe(true);
    // The stock View menu would bring DevTools back; we build our own.
    expect(build('linux', false).items.some((i) => i.role === 'viewMenu' || i.role === 'reload' || i.role === 'forceReload')).toBe(false);
  });

  it('gives every command a distinct accelerator', () => {
    const accelerators = build('linux').items.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });
});
