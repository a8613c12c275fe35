import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_COMMANDS } from '../../../analysis/core/src/index.js';
import { appPaths, unpacked } from '../../../electron/main/appPaths.js';
import { contentTypeFor, resolveAppFile } from '../../../electron/main/appFiles.js';
import { readJsonFile, writeJsonFileAtomic } from '../../../electron/main/jsonFile.js';
import { openPayload, pathsFromArgv } from '../../../electron/main/launchArgs.js';
import { buildMenu, VIEW_PANELS } from '../../../electron/main/menu.js';
import type { MenuAction, MenuSpec } from '../../../electron/main/menu.js';
import { toTemplate } from '../../../electron/main/menuWiring.js';
import { addRecent, MAX_RECENT, parseRecent } from '../../../electron/main/recentFiles.js';
import { DEFAULT_SIZE, MIN_SIZE, restoreWindowState } from '../../../electron/main/windowState.js';

const dir = mkdtempSync(join(tmpdir(), 'chronoscope-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('window size and position', () => {
  const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
  const monitor = { x: 1920, y: 0, width: 2560, height: 1400 };

  it('comes back where the investigator left it', () => {
    const saved = { bounds: { x: 2100, y: 80, width: 1600, height: 1000 }, maximized: true };
    expect(restoreWindowState(saved, [laptop, monitor])).toEqual({
      x: 2100,
      y: 80,
      width: 1600,
      height: 1000,
      maximized: true,
    });
  });

  it('is recentred when the monitor it was on is gone', () => {
    const saved = { bounds: { x: 2100, y: 80, width: 2400, height: 1300 }, maximized: false };
    expect(restoreWindowState(saved, [laptop])).toEqual({ width: 1920, height: 1040, maximized: false });
  });

  it('never shrinks below the minimum, nor grows beyond the screen', () => {
    const tiny = { bounds: { x: 10, y: 10, width: 50, height: 20 }, maximized: false };
    expect(restoreWindowState(tiny, [laptop])).toMatchObject({
      width: MIN_SIZE.width,
      height: MIN_SIZE.height,
    });
    expect(restoreWindowState(null, [{ x: 0, y: 0, width: 800, height: 500 }])).toMatchObject({
      width: 800,
      height: 500,
    });
  });

  it.each([null, 'junk', { bounds: { x: 'a' } }, { bounds: { x: 0, y: 0, width: -5, height: 10 } }])(
    'starts at the default size from an unusable saved state (%j)',
    (saved) => {
      expect(restoreWindowState(saved, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    },
  );

  it('is saved atomically and read back; a corrupt file reads as none', () => {
    const file = join(dir, 'state', 'window-state.json');
    writeJsonFileAtomic(file, { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false });
    expect(readJsonFile(file)).toEqual({
      bounds: { x: 1, y: 2, width: 1000, height: 700 },
      maximized: false,
    });
    expect(readdirSync(join(dir, 'state'))).toEqual(['window-state.json']);
    writeFileSync(file, '{"bounds": {"x": 1, "y"');
    expect(readJsonFile(file)).toBeNull();
    expect(readJsonFile(join(dir, 'missing.json'))).toBeNull();
  });

  it('keeps the old file when the new one cannot be written', () => {
    const file = join(dir, 'keep.json');
    writeJsonFileAtomic(file, ['old']);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => writeJsonFileAtomic(file, cyclic)).toThrow();
    expect(readJsonFile(file)).toEqual(['old']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('recent files', () => {
  it('puts the latest first, once, and keeps ten', () => {
    let list: string[] = [];
    for (let i = 0; i < 12; i++) list = addRecent(list, `/cases/${i}.zip`);
    list = addRecent(list, '/cases/5.zip');
    expect(list[0]).toBe('/cases/5.zip');
    expect(list).toHaveLength(MAX_RECENT);
    expect(new Set(list).size).toBe(list.length);
    expect(list).not.toContain('/cases/0.zip');
  });

  it('reads back only absolute paths from a saved list', () => {
    expect(parseRecent(['/a', 'relative', 3, '/a', '/b'])).toEqual(['/a', '/b']);
    expect(parseRecent({ not: 'a list' })).toEqual([]);
  });
});

describe('the command line and file associations', () => {
  it('takes the files after the executable (and the app path when unpackaged)', () => {
    expect(pathsFromArgv(['/opt/Chronoscope/chronoscope-studio', 'case.auditpack'], '/home/ana', 1)).toEqual([
      '/home/ana/case.auditpack',
    ]);
    expect(pathsFromArgv(['electron', '.', 'assets/demo/qcs'], '/repo', 2)).toEqual([
      '/repo/assets/demo/qcs',
    ]);
  });

  it("ignores Chromium's switches on a second instance and takes file URLs as paths", () => {
    const argv = [
      '/opt/c',
      '--allow-file-access-from-files',
      '--original-process-start-time=1',
      'file:///x/a%20b.zip',
    ];
    expect(pathsFromArgv(argv, '/', 1)).toEqual(['/x/a b.zip']);
    expect(pathsFromArgv(['/opt/c', 'https://example.com/x'], '/home', 1)).toEqual([
      '/home/https:/example.com/x',
    ]);
  });

  it('tells a case file from evidence', () => {
    expect(openPayload('/c/Case.CHRONOCASE.json')).toEqual({ path: '/c/Case.CHRONOCASE.json', kind: 'case' });
    expect(openPayload('/c/x.auditpack')).toEqual({ path: '/c/x.auditpack', kind: 'archive' });
    expect(openPayload('/c/export.json')).toEqual({ path: '/c/export.json', kind: 'archive' });
  });
});

const find = (items: readonly MenuSpec[], label: string): MenuSpec => {
  const item = items.find((i) => i.label === label);
  if (!item) throw new Error(`no menu item ${label}`);
  return item;
};

describe('the menus', () => {
  const linux = buildMenu({
    platform: 'linux',
    appName: 'Chronoscope',
    recent: ['/c/a&b.zip'],
    devTools: false,
  });

  it('has File, Edit, View, Replay and Help (with the app menu first on macOS)', () => {
    expect(linux.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'Replay', 'Help']);
    const mac = buildMenu({ platform: 'darwin', appName: 'Chronoscope', recent: [], devTools: false });
    expect(mac.map((m) => m.label ?? m.role)).toEqual([
      'Chronoscope',
      'File',
      'editMenu',
      'View',
      'Replay',
      'Help',
    ]);
  });

  it('opens files, folders and recent files, and exports', () => {
    const file = find(linux, 'File').submenu!;
    expect(find(file, 'Open…')).toMatchObject({ accelerator: 'CmdOrCtrl+O', action: { kind: 'open-file' } });
    expect(find(file, 'Open Folder…').action).toEqual({ kind: 'open-folder' });
    expect(find(file, 'Export…').action).toEqual({ kind: 'command', command: 'export' });
    const recent = find(file, 'Open Recent').submenu!;
    expect(recent[0]).toEqual({
      label: 'a&&b.zip — /c/a&&b.zip',
      action: { kind: 'open-path', path: '/c/a&b.zip' },
    });
    expect(find(recent, 'Clear Recent').action).toEqual({ kind: 'clear-recent' });
    const empty = buildMenu({ platform: 'linux', appName: 'C', recent: [], devTools: false });
    expect(find(find(empty, 'File').submenu!, 'Open Recent').submenu).toEqual([
      { label: 'No Recent Files', enabled: false },
    ]);
  });

  it('sends every replay, view and help item to the studio as a contract command', () => {
    const commands = linux
      .flatMap((m) => m.submenu ?? [])
      .map((i) => i.action)
      .filter((a): a is Extract<MenuAction, { kind: 'command' }> => a?.kind === 'command');
    for (const c of commands) expect(APP_COMMANDS).toContain(c.command);
    const replay = find(linux, 'Replay')
      .submenu!.filter((i) => i.action)
      .map((i) => i.action);
    expect(replay).toEqual(
      [
        'replay.toggle',
        'replay.step-forward',
        'replay.step-back',
        'replay.faster',
        'replay.slower',
        'replay.normal-speed',
      ].map((command) => ({ kind: 'command', command })),
    );
    const panels = commands.filter((c) => c.command === 'view.panel').map((c) => c.arg);
    expect(panels).toEqual(VIEW_PANELS.map(([id]) => id));
    expect(find(find(linux, 'Help').submenu!, 'Keyboard Shortcuts').action).toEqual({
      kind: 'command',
      command: 'help.shortcuts',
    });
    // The studio owns the Space key (browser mode too): the menu shows it without taking it.
    expect(find(find(linux, 'Replay').submenu!, 'Play / Pause')).toMatchObject({
      registerAccelerator: false,
    });
  });

  it('offers reload and DevTools only in development', () => {
    const roles = (devTools: boolean) =>
      find(buildMenu({ platform: 'linux', appName: 'C', recent: [], devTools }), 'View').submenu!.map(
        (i) => i.role,
      );
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it("becomes Electron's template with each click running its action", () => {
    const ran: MenuAction[] = [];
    const template = toTemplate(linux, (action) => ran.push(action));
    const file = template[0]!.submenu as { label?: string; click?: () => void }[];
    file.find((i) => i.label === 'Open…')!.click!();
    expect(ran).toEqual([{ kind: 'open-file' }]);
    expect(template[1]).toEqual({ role: 'editMenu' });
  });
});

describe("the app's files", () => {
  const root = join(dir, 'renderer');

  it('serves the build on app://chronoscope and nothing outside it', () => {
    expect(resolveAppFile('app://chronoscope/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://chronoscope/assets/index-x.js?v=1', root)).toBe(
      join(root, 'assets', 'index-x.js'),
    );
    // The URL parser folds dot segments before we see them: they cannot climb out of the root.
    expect(resolveAppFile('app://chronoscope/../secret', root)).toBe(join(root, 'secret'));
    expect(resolveAppFile('app://chronoscope/%2e%2e/%2e%2e/etc/passwd', root)).toBe(
      join(root, 'etc', 'passwd'),
    );
    for (const url of [
      'app://chronoscope/assets/..%2F..%2Fsecret',
      'app://chronoscope/..%2Fsecret',
      'app://chronoscope/a%5C..%5C..%5Csecret',
      'app://chronoscope/a%00.js',
      'app://chronoscope/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      expect(resolveAppFile(url, root), url).toBeNull();
    }
  });

  it('gives module scripts a JavaScript type', () => {
    expect(contentTypeFor('/x/index-abc.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/blob.bin')).toBe('application/octet-stream');
  });

  it('finds the demos outside the asar when packaged', () => {
    const packaged = appPaths(
      ['', 'opt', 'Chronoscope', 'resources', 'app.asar', 'dist', 'electron'].join(sep),
    );
    expect(packaged.projectRoot).toBe(['', 'opt', 'Chronoscope', 'resources', 'app.asar.unpacked'].join(sep));
    expect(packaged.rendererDir).toBe(
      ['', 'opt', 'Chronoscope', 'resources', 'app.asar', 'dist', 'renderer'].join(sep),
    );
    const dev = appPaths(join('/repo', 'dist', 'electron'));
    expect(dev).toMatchObject({ projectRoot: '/repo', preload: '/repo/dist/electron/preload.cjs' });
    expect(unpacked('/x/app.asarx/y')).toBe('/x/app.asarx/y');
  });
});
