import { basename } from 'node:path';
import type { AppCommand } from '../../analysis/core/src/index.js';

/** What a menu item does; main maps each to Electron calls (see menuWiring.ts). */
export type MenuAction =
  | { kind: 'open-file' }
  | { kind: 'open-folder' }
  | { kind: 'open-path'; path: string }
  | { kind: 'clear-recent' }
  | { kind: 'command'; command: AppCommand; arg?: string };

/** A menu item as plain data, so the whole menu is tested without Electron. */
export interface MenuSpec {
  label?: string;
  role?: string;
  type?: 'separator' | 'submenu';
  accelerator?: string;
  /** False: the accelerator is only shown; the studio handles the key itself. */
  registerAccelerator?: boolean;
  enabled?: boolean;
  action?: MenuAction;
  submenu?: MenuSpec[];
}

export interface MenuInput {
  platform: string;
  appName: string;
  recent: readonly string[];
  devTools: boolean;
}

/** The studio's panels, in navigation order (renderer/panels ids); the View menu opens them. */
export const VIEW_PANELS: ReadonlyArray<readonly [string, string]> = [
  ['overview', 'Overview'],
  ['timeline', 'Timeline'],
  ['events', 'Events'],
  ['inspector', 'Entity Inspector'],
  ['analytics', 'Analytics'],
  ['rules', 'Rules'],
  ['query', 'Query'],
  ['integrity', 'Integrity'],
  ['replay', 'Replay'],
  ['compare', 'Compare'],
  ['annotations', 'Annotations'],
  ['export', 'Export'],
];

const separator: MenuSpec = { type: 'separator' };
const command = (label: string, name: AppCommand, extra: Partial<MenuSpec> = {}): MenuSpec => ({
  label,
  action: { kind: 'command', command: name },
  ...extra,
});

/**
 * File (open, open recent, export), Edit, View, Replay, Help; on macOS the app menu first.
 * Replay keys belong to the studio (they work in browser mode too), so the menu only shows
 * them; the menu items push the same commands on `app.command`.
 */
export function buildMenu({ platform, appName, recent, devTools }: MenuInput): MenuSpec[] {
  const mac = platform === 'darwin';
  const file: MenuSpec = {
    label: 'File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', action: { kind: 'open-file' } },
      { label: 'Open Folder…', accelerator: 'CmdOrCtrl+Shift+O', action: { kind: 'open-folder' } },
      { label: 'Open Recent', submenu: recentMenu(recent) },
      separator,
      command('Export…', 'export', { accelerator: 'CmdOrCtrl+E' }),
      separator,
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuSpec = {
    label: 'View',
    submenu: [
      ...VIEW_PANELS.map(
        ([id, label]) => ({ label, action: { kind: 'command', command: 'view.panel', arg: id } }) as const,
      ),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(devTools ? [separator, { role: 'reload' }, { role: 'toggleDevTools' }] : []),
    ],
  };
  const replay: MenuSpec = {
    label: 'Replay',
    submenu: [
      command('Play / Pause', 'replay.toggle', { accelerator: 'Space', registerAccelerator: false }),
      separator,
      command('Step Forward', 'replay.step-forward'),
      command('Step Back', 'replay.step-back'),
      separator,
      command('Faster', 'replay.faster'),
      command('Slower', 'replay.slower'),
      command('Normal Speed', 'replay.normal-speed'),
    ],
  };
  const help: MenuSpec = {
    role: 'help',
    label: 'Help',
    submenu: [
      command('Keyboard Shortcuts', 'help.shortcuts', { accelerator: 'F1' }),
      ...(mac ? [] : [separator, command(`About ${appName}`, 'help.about')]),
    ],
  };
  const appMenu: MenuSpec = {
    label: appName,
    submenu: [
      command(`About ${appName}`, 'help.about'),
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };
  return [...(mac ? [appMenu] : []), file, { role: 'editMenu' }, view, replay, help];
}

function recentMenu(recent: readonly string[]): MenuSpec[] {
  if (recent.length === 0) return [{ label: 'No Recent Files', enabled: false }];
  return [
    ...recent.map(
      (path) =>
        ({
          label: mnemonicSafe(`${basename(path)} — ${path}`),
          action: { kind: 'open-path', path },
        }) as const,
    ),
    separator,
    { label: 'Clear Recent', action: { kind: 'clear-recent' } },
  ];
}

/** Windows and Linux read `&` in a label as a keyboard mnemonic; a path shows it as typed. */
function mnemonicSafe(label: string): string {
  return label.replaceAll('&', '&&');
}
