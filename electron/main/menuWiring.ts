import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction, MenuSpec } from './menu.js';

/** The plain menu of menu.ts as Electron's template, each action routed to `run`. */
export function toTemplate(
  specs: readonly MenuSpec[],
  run: (action: MenuAction) => void,
): MenuItemConstructorOptions[] {
  return specs.map((spec) => {
    const { action, submenu, role, ...rest } = spec;
    const item: MenuItemConstructorOptions = { ...rest } as MenuItemConstructorOptions;
    if (role) item.role = role as MenuItemConstructorOptions['role'];
    if (submenu) item.submenu = toTemplate(submenu, run);
    if (action) item.click = () => run(action);
    return item;
  });
}
