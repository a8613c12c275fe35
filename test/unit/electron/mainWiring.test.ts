import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CONNECT, IPC_PORT } from '../../../electron/common/index.js';
import { fake, record } from './fakeElectron.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).fake);

const tick = () => new Promise((r) => setTimeout(r, 10));
const mainDir = resolve('electron/main');
const demo = resolve('assets/demo/robot-cycles');

/** What main asked the service process to do, by control message type. */
const controls = (type: string) =>
  record.forks.flatMap((f) => f.child.messages).filter((m) => m.message.type === type);
const frame = (url: string, parent: unknown = null) => {
  const posts: unknown[][] = [];
  return {
    url,
    parent,
    isDestroyed: () => false,
    postMessage: (...args: unknown[]) => posts.push(args),
    posts,
  };
};

describe('the main process wiring (electron/main/main.ts, with a fake electron)', () => {
  const argv = process.argv;
  beforeAll(async () => {
    // As `electron . assets/demo/robot-cycles` would start it.
    process.argv = ['electron', '.', 'assets/demo/robot-cycles'];
    await import('../../../electron/main/main.js');
    await tick();
  });
  afterAll(() => {
    process.argv = argv;
    rmSync(record.userData, { recursive: true, force: true });
  });

  it('registers the app scheme as privileged before ready and serves nothing outside the build', async () => {
    expect(record.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    const serve = record.protocolHandlers.get('app')!;
    const missing = (await serve({ url: 'app://chronoscope/nothing-here.js', method: 'GET' })) as Response;
    expect(missing.status).toBe(404);
    const escape = (await serve({
      url: 'app://chronoscope/..%2F..%2Fpackage.json',
      method: 'GET',
    })) as Response;
    expect(escape.status).toBe(404);
  });

  it('opens one secure window on the app origin, at the default size', () => {
    expect(record.windows).toHaveLength(1);
    const [window] = record.windows;
    expect(window!.loaded).toBe('app://chronoscope/index.html');
    expect(window!.options['webPreferences']).toMatchObject({
      preload: join(mainDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(window!.options).toMatchObject({ width: 1440, height: 900, show: false });
  });

  it('installs the deny-all permission handlers and the network blocker', () => {
    let granted: boolean | null = null;
    record.session['permissionRequest']!(null, 'media', (ok: boolean) => (granted = ok), {});
    expect(granted).toBe(false);
    expect(record.session['permissionCheck']!(null, 'clipboard-read', 'app://chronoscope', {})).toBe(false);
    const verdicts: unknown[] = [];
    record.session['onBeforeRequest']!({ url: 'https://example.com/x', resourceType: 'xhr' }, (v: unknown) =>
      verdicts.push(v),
    );
    record.session['onBeforeRequest']!(
      { url: 'app://chronoscope/a.js', resourceType: 'script' },
      (v: unknown) => verdicts.push(v),
    );
    expect(verdicts).toEqual([{ cancel: true }, { cancel: false }]);
  });

  it('gives the main frame of the app a port to the service, and nobody else', () => {
    const connect = record.ipc.get(IPC_CONNECT)!;
    expect([...record.ipc.keys()]).toEqual([IPC_CONNECT]);
    const contents = record.windows[0]!.webContents;

    const foreign = frame('https://evil.example/');
    connect({ sender: contents, senderFrame: foreign });
    const sub = frame('app://chronoscope/index.html', { parent: 'main' });
    connect({ sender: contents, senderFrame: sub });
    expect(foreign.posts).toEqual([]);
    expect(sub.posts).toEqual([]);
    expect(controls('connect')).toEqual([]);

    const main = frame('app://chronoscope/index.html');
    connect({ sender: contents, senderFrame: main });
    expect(record.forks).toHaveLength(1);
    expect(record.forks[0]!.entry).toBe(join(mainDir, 'service.mjs'));
    expect(record.forks[0]!.args).toEqual(['--project-root', resolve('.')]);
    expect(controls('connect')).toEqual([
      { message: { type: 'connect' }, ports: [{ port: 1, end: 'service' }] },
    ]);
    expect(main.posts).toEqual([[IPC_PORT, null, [{ port: 1, end: 'renderer' }]]]);
  });

  it('sends the file named on the command line to the studio, and remembers it', () => {
    expect(controls('push').map((m) => m.message)).toContainEqual({
      type: 'push',
      topic: 'app.open',
      payload: { path: demo, kind: 'archive' },
    });
    expect(record.recentDocuments).toContain(demo);
  });

  it('opens what a second launch names in the running app', () => {
    fake.app.emit('second-instance', {}, ['/opt/c', '--flag', 'assets/demo/qcs'], resolve('.'));
    expect(controls('push').at(-1)!.message).toEqual({
      type: 'push',
      topic: 'app.open',
      payload: { path: resolve('assets/demo/qcs'), kind: 'archive' },
    });
  });

  it('opens a dropped file by path and refuses foreign navigation and new windows', () => {
    const contents = record.windows[0]!.webContents;
    let prevented = 0;
    const event = (url: string) => ({ url, preventDefault: () => prevented++ });
    contents.emit('will-navigate', event(`file://${resolve('assets/demo/wedsync')}`));
    expect(controls('push').at(-1)!.message.payload).toEqual({
      path: resolve('assets/demo/wedsync'),
      kind: 'archive',
    });
    contents.emit('will-navigate', event('https://evil.example/'));
    contents.emit('will-navigate', event('app://chronoscope/index.html'));
    expect(prevented).toBe(2);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://duckdb.org/docs/sql/introduction' })).toEqual({
      action: 'deny',
    });
    expect(record.openedExternally).toEqual(['https://duckdb.org/docs/sql/introduction']);
  });

  it('lists recent files in the menu and routes menu commands to the studio', async () => {
    const menu = record.menus.at(-1) as {
      label?: string;
      submenu?: { label?: string; click?: () => void; submenu?: any[] }[];
    }[];
    const file = menu.find((m) => m.label === 'File')!.submenu!;
    const recent = file.find((i) => i.label === 'Open Recent')!.submenu!;
    expect(recent.map((i: { label?: string }) => i.label)).toEqual(
      expect.arrayContaining([
        `wedsync — ${resolve('assets/demo/wedsync')}`,
        `qcs — ${resolve('assets/demo/qcs')}`,
      ]),
    );
    const replay = menu.find((m) => m.label === 'Replay')!.submenu!;
    replay.find((i) => i.label === 'Play / Pause')!.click!();
    expect(controls('push').at(-1)!.message).toEqual({
      type: 'push',
      topic: 'app.command',
      payload: { command: 'replay.toggle' },
    });
    record.nextDialogPath = resolve('assets/demo/blockchain');
    file.find((i) => i.label === 'Open Folder…')!.click!();
    await tick();
    expect(controls('push').at(-1)!.message.payload).toEqual({
      path: resolve('assets/demo/blockchain'),
      kind: 'archive',
    });
  });

  it('warns instead of opening a file that no longer exists, and drops it from the recent list', () => {
    const before = controls('push').length;
    fake.app.emit('open-file', { preventDefault: () => {} }, '/no/such/export.zip');
    expect(controls('push')).toHaveLength(before);
    expect(record.dialogs.at(-1)).toMatchObject({ message: 'File not found', detail: '/no/such/export.zip' });
  });

  it('restarts a crashed service and reconnects the window', () => {
    record.forks[0]!.child.emit('exit', 1);
    expect(record.forks).toHaveLength(2);
    expect(record.forks[1]!.child.messages.map((m) => m.message)).toEqual([{ type: 'connect' }]);
  });

  it('saves the window state on close and stops the service on quit', async () => {
    record.windows[0]!.emit('close');
    const { readJsonFile } = await import('../../../electron/main/jsonFile.js');
    expect(readJsonFile(join(record.userData, 'window-state.json'))).toEqual({
      bounds: { x: 10, y: 20, width: 1300, height: 800 },
      maximized: false,
    });
    fake.app.emit('before-quit');
    expect(record.forks[1]!.child.killed).toBe(true);
  });
});
