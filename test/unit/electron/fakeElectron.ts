// A stand-in for the `electron` module, recording what the shell's wiring asks of it, so
// electron/main/main.ts runs (and is checked) in plain Node without the binary.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Handler = (...args: any[]) => any;

export const record = {
  userData: mkdtempSync(join(tmpdir(), 'chronoscope-fake-userdata-')),
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, Handler>(),
  session: {} as Record<string, Handler>,
  ipc: new Map<string, Handler>(),
  windows: [] as FakeWindow[],
  forks: [] as { entry: string; args: string[]; child: FakeChild }[],
  menus: [] as any[],
  openedExternally: [] as string[],
  recentDocuments: [] as string[],
  dialogs: [] as unknown[],
  nextDialogPath: null as string | null,
};

class FakeContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeContents.nextId++;
  windowOpenHandler: Handler | null = null;
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeWindow extends EventEmitter {
  readonly webContents = new FakeContents();
  loaded: string | null = null;
  maximized = false;
  constructor(readonly options: Record<string, any>) {
    super();
    record.windows.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }
  maximize(): void {
    this.maximized = true;
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  isMaximized = () => this.maximized;
  isFullScreen = () => false;
  restore(): void {}
  focus(): void {}
  show(): void {}
  getNormalBounds = () => ({ x: 10, y: 20, width: 1300, height: 800 });
}

export class FakeChild extends EventEmitter {
  readonly messages: { message: any; ports: unknown[] }[] = [];
  killed = false;
  postMessage(message: any, ports: unknown[] = []): void {
    this.messages.push({ message, ports });
  }
  kill(): void {
    this.killed = true;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  requestSingleInstanceLock = () => true;
  whenReady = () => Promise.resolve();
  getPath = () => record.userData;
  getName = () => 'Chronoscope';
  addRecentDocument = (path: string) => record.recentDocuments.push(path);
  clearRecentDocuments = () => (record.recentDocuments.length = 0);
  quit(): void {}
}

const webRequest = {
  onBeforeRequest: (handler: Handler) => (record.session['onBeforeRequest'] = handler),
  onHeadersReceived: (handler: Handler) => (record.session['onHeadersReceived'] = handler),
};
class FakeSession extends EventEmitter {
  webRequest = webRequest;
  setPermissionRequestHandler = (handler: Handler) => (record.session['permissionRequest'] = handler);
  setPermissionCheckHandler = (handler: Handler) => (record.session['permissionCheck'] = handler);
}

let port = 0;
export const fake = {
  app: new FakeApp(),
  BrowserWindow: FakeWindow,
  session: { defaultSession: new FakeSession() },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => record.schemes.push(...schemes),
    handle: (scheme: string, handler: Handler) => record.protocolHandlers.set(scheme, handler),
  },
  ipcMain: { on: (channel: string, handler: Handler) => record.ipc.set(channel, handler) },
  screen: {
    getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  },
  Menu: {
    buildFromTemplate: (template: unknown) => template,
    setApplicationMenu: (menu: unknown) => record.menus.push(menu),
  },
  dialog: {
    showOpenDialog: async (...args: unknown[]) => {
      record.dialogs.push(args);
      const path = record.nextDialogPath;
      return { canceled: path === null, filePaths: path ? [path] : [] };
    },
    showMessageBox: async (options: unknown) => {
      record.dialogs.push(options);
      return { response: 0 };
    },
    showErrorBox: (...args: unknown[]) => record.dialogs.push(args),
  },
  MessageChannelMain: class {
    port1 = { port: ++port, end: 'service' };
    port2 = { port, end: 'renderer' };
  },
  utilityProcess: {
    fork: (entry: string, args: string[]) => {
      const child = new FakeChild();
      record.forks.push({ entry, args, child });
      return child;
    },
  },
  shell: { openExternal: async (url: string) => record.openedExternally.push(url) },
};
