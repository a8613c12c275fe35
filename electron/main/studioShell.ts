// What the shell does for the investigator: one window, menus, opening files (dialog,
// recent, drop, command line, a second launch), all reaching the studio as pushed events.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog, Menu } from 'electron';
import type { BrowserWindow, IpcMainEvent, OpenDialogOptions } from 'electron';
import { hardenContents } from './hardening.js';
import type { Log } from './hardening.js';
import { readJsonFile, writeJsonFileAtomic } from './jsonFile.js';
import { openPayload } from './launchArgs.js';
import { createMainWindow } from './mainWindow.js';
import { buildMenu } from './menu.js';
import type { MenuAction } from './menu.js';
import { toTemplate } from './menuWiring.js';
import { addRecent, parseRecent } from './recentFiles.js';
import { checkIpcSender } from './security/index.js';
import type { AppPaths } from './appPaths.js';
import type { ServiceHost } from './serviceHost.js';

const ARCHIVE_FILTERS = [
  { name: 'Audit archives', extensions: ['auditpack', 'zip', 'gz', 'ndjson', 'jsonl', 'json', 'csv'] },
  { name: 'Case files', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

export class StudioShell {
  private window: BrowserWindow | null = null;
  private recent: string[];
  private readonly recentFile: string;
  private readonly stateFile: string;

  constructor(
    private readonly paths: AppPaths,
    private readonly service: ServiceHost,
    private readonly devTools: boolean,
    private readonly log: Log,
  ) {
    const userData = app.getPath('userData');
    this.recentFile = join(userData, 'recent-files.json');
    this.stateFile = join(userData, 'window-state.json');
    this.recent = parseRecent(readJsonFile(this.recentFile));
  }

  showWindow(): void {
    if (this.window && !this.window.isDestroyed()) {
      if (this.window.isMinimized()) this.window.restore();
      this.window.focus();
      return;
    }
    const window = createMainWindow({
      paths: this.paths,
      stateFile: this.stateFile,
      devTools: this.devTools,
    });
    const id = window.webContents.id;
    hardenContents(window.webContents, (path) => this.openPath(path), this.log);
    window.on('closed', () => {
      this.service.forget(id);
      this.window = null;
    });
    this.window = window;
    this.refreshMenu();
  }

  /** The one IPC entry: a page asks for its port to the service; only our own main frame gets one. */
  onIpc(channel: string, event: IpcMainEvent): void {
    const frame = event.senderFrame;
    const verdict = checkIpcSender({ channel, senderUrl: frame?.url, isMainFrame: frame?.parent === null });
    if (!verdict.ok || !frame) {
      this.log(`IPC refused: ${verdict.ok ? 'sender frame is gone' : verdict.reason}`);
      return;
    }
    this.service.connect(event.sender.id, frame);
  }

  /** Opens evidence (or a case file) in place, by path: the file is never copied or changed. */
  openPath(path: string): void {
    if (!existsSync(path)) {
      this.recent = this.recent.filter((entry) => entry !== path);
      this.saveRecent();
      void dialog.showMessageBox({ type: 'warning', message: 'File not found', detail: path });
      return;
    }
    this.recent = addRecent(this.recent, path);
    this.saveRecent();
    app.addRecentDocument(path);
    this.service.push('app.open', openPayload(path));
    this.showWindow();
  }

  private run(action: MenuAction): void {
    switch (action.kind) {
      case 'open-file':
      case 'open-folder':
        void this.choose(action.kind === 'open-folder');
        return;
      case 'open-path':
        this.openPath(action.path);
        return;
      case 'clear-recent':
        this.recent = [];
        app.clearRecentDocuments();
        this.saveRecent();
        return;
      case 'command':
        this.service.push(
          'app.command',
          action.arg ? { command: action.command, arg: action.arg } : { command: action.command },
        );
        return;
    }
  }

  private async choose(folder: boolean): Promise<void> {
    const options: OpenDialogOptions = folder
      ? { title: 'Open an export folder', properties: ['openDirectory'] }
      : { title: 'Open an audit archive or case file', properties: ['openFile'], filters: ARCHIVE_FILTERS };
    const result = this.window
      ? await dialog.showOpenDialog(this.window, options)
      : await dialog.showOpenDialog(options);
    const [path] = result.filePaths;
    if (!result.canceled && path) this.openPath(path);
  }

  private saveRecent(): void {
    try {
      writeJsonFileAtomic(this.recentFile, this.recent);
    } catch (error) {
      this.log(`could not save the recent files: ${String(error)}`);
    }
    this.refreshMenu();
  }

  private refreshMenu(): void {
    const specs = buildMenu({
      platform: process.platform,
      appName: app.getName(),
      recent: this.recent,
      devTools: this.devTools,
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(toTemplate(specs, (action) => this.run(action))));
  }
}
