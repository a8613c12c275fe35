// The Electron main process, kept thin: lifecycle, single instance, and wiring. Built to
// dist/electron/main.cjs by scripts/build-electron.mjs.
import { app, dialog, ipcMain, session } from 'electron';
import { registerAppScheme, serveAppFiles } from './appProtocol.js';
import { appPaths } from './appPaths.js';
import { hardenSession } from './hardening.js';
import { pathsFromArgv } from './launchArgs.js';
import { ALLOWED_CHANNELS } from './security/index.js';
import { ServiceHost } from './serviceHost.js';
import { StudioShell } from './studioShell.js';

const log = (message: string): void => console.error(`chronoscope: ${message}`);
const paths = appPaths(__dirname);
// Unpackaged, argv is [electron, app path, ...files]; packaged, [executable, ...files].
const argvSkip = app.isPackaged ? 1 : 2;

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another Chronoscope is running: it receives our argv through 'second-instance'.
  app.quit();
} else {
  start();
}

function start(): void {
  let shell: StudioShell | null = null;
  // Files named before the window exists (macOS 'open-file' may come before 'ready').
  const early: string[] = pathsFromArgv(process.argv, process.cwd(), argvSkip);
  const open = (path: string): void => {
    if (shell) shell.openPath(path);
    else early.push(path);
  };

  app.on('open-file', (event, path) => {
    event.preventDefault();
    open(path);
  });
  app.on('second-instance', (_event, argv, cwd) => {
    const files = pathsFromArgv(argv, cwd, argvSkip);
    const last = files[files.length - 1];
    if (last) open(last);
    else shell?.showWindow();
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, paths.rendererDir, log);
    serveAppFiles(paths.rendererDir);
    const service = new ServiceHost({
      entry: paths.serviceEntry,
      args: ['--project-root', paths.projectRoot],
      log,
      onGiveUp: (code) =>
        dialog.showErrorBox(
          'The analysis service stopped',
          `It exited with code ${code} and could not be restarted. Quit and start Chronoscope again.`,
        ),
    });
    const studio = new StudioShell(paths, service, !app.isPackaged, log);
    for (const channel of ALLOWED_CHANNELS) ipcMain.on(channel, (event) => studio.onIpc(channel, event));
    studio.showWindow();
    shell = studio;
    const last = early[early.length - 1];
    if (last) studio.openPath(last);

    app.on('activate', () => studio.showWindow());
    app.on('before-quit', () => service.stop());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
