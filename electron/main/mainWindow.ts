// The studio's window: saved size and position, the secure webPreferences, the app origin.
import { BrowserWindow, screen } from 'electron';
import { APP_ENTRY_URL } from '../common/index.js';
import type { AppPaths } from './appPaths.js';
import { readJsonFile, writeJsonFileAtomic } from './jsonFile.js';
import { secureWebPreferences } from './security/index.js';
import { MIN_SIZE, restoreWindowState } from './windowState.js';
import type { WindowState } from './windowState.js';

export interface MainWindowOptions {
  paths: AppPaths;
  /** userData/window-state.json */
  stateFile: string;
  devTools: boolean;
}

export function createMainWindow({ paths, stateFile, devTools }: MainWindowOptions): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  const placement = restoreWindowState(
    readJsonFile(stateFile),
    [primary, ...others].map((d) => d.workArea),
  );
  const window = new BrowserWindow({
    width: placement.width,
    height: placement.height,
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Chronoscope',
    backgroundColor: '#101317',
    ...(process.platform === 'darwin' ? {} : { icon: paths.icon }),
    webPreferences: secureWebPreferences(paths.preload, devTools),
  });
  if (placement.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  keepState(window, stateFile);
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** Saves on close, and shortly after each move or resize so a crash loses little. */
function keepState(window: BrowserWindow, stateFile: string): void {
  let timer: NodeJS.Timeout | null = null;
  const save = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    try {
      writeJsonFileAtomic(stateFile, state);
    } catch (error) {
      console.error(`chronoscope: could not save the window state: ${String(error)}`);
    }
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 1000);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', save);
}
