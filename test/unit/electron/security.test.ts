import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkIpcSender,
  contentSecurityPolicy,
  downloadAllowed,
  isAllowedExternal,
  navigationVerdict,
  parseCsp,
  permissionCheckVerdict,
  permissionRequestVerdict,
  requestVerdict,
  responseHeaders,
  secureWebPreferences,
  windowOpenVerdict,
} from '../../../electron/main/security/index.js';
import type { ResourceType } from '../../../electron/main/security/index.js';
import { IPC_CONNECT } from '../../../electron/common/index.js';

const APP = 'app://chronoscope/index.html';
const APP_DIR = '/opt/Chronoscope/resources/app.asar/dist/renderer';

describe('the one IPC entry', () => {
  const good = { channel: IPC_CONNECT, senderUrl: APP, isMainFrame: true };

  it("accepts the app's main frame asking for its port", () => {
    expect(checkIpcSender(good)).toEqual({ ok: true });
    expect(checkIpcSender({ ...good, senderUrl: 'app://chronoscope/#/events?x=1' })).toEqual({ ok: true });
  });

  it('rejects an unknown channel', () => {
    const verdict = checkIpcSender({ ...good, channel: 'chronoscope:exec' });
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringContaining('unknown channel') });
  });

  it.each([
    ['https://evil.example/', 'a web page'],
    ['http://127.0.0.1:5173/', 'a local server'],
    ['file:///opt/Chronoscope/resources/app.asar/dist/renderer/index.html', 'a file:// page'],
    ['app://evil/index.html', 'another host on our scheme'],
    ['app://chronoscope:8080/index.html', 'a port on our host'],
    ['app://user@chronoscope/index.html', 'credentials in the URL'],
    ['devtools://devtools/bundled/inspector.html', 'DevTools'],
    ['data:text/html,<script>1</script>', 'a data: page'],
    [undefined, 'a frame that is gone'],
  ] as [string | undefined, string][])('rejects a sender at %s (%s)', (senderUrl) => {
    const verdict = checkIpcSender({ ...good, senderUrl });
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringContaining("not the app's origin") });
  });

  it('rejects a subframe even of our own origin', () => {
    const verdict = checkIpcSender({ ...good, isMainFrame: false });
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringContaining('subframe') });
  });
});

describe('the network blocker', () => {
  const verdict = (url: string, resourceType: ResourceType = 'xhr') =>
    requestVerdict({ url, resourceType }, APP_DIR);

  it("lets the app's own files through", () => {
    expect(verdict(APP, 'mainFrame')).toEqual({ cancel: false });
    expect(verdict('app://chronoscope/assets/index-abc.js', 'script')).toEqual({ cancel: false });
    expect(verdict(`file://${APP_DIR}/assets/index-abc.js`, 'script')).toEqual({ cancel: false });
  });

  it('lets DevTools load its frontend', () => {
    expect(verdict('devtools://devtools/bundled/inspector.html', 'mainFrame')).toEqual({ cancel: false });
  });

  it.each([
    ['https://example.com/track.gif', 'image'],
    ['http://127.0.0.1:8080/', 'xhr'],
    ['http://localhost/api', 'xhr'],
    ['ws://127.0.0.1:9000/socket', 'webSocket'],
    ['wss://example.com/socket', 'webSocket'],
    ['ftp://example.com/file', 'other'],
    ['chrome://gpu', 'mainFrame'],
    ['app://other/index.html', 'script'],
    ['file:///etc/passwd', 'xhr'],
    [`file://${APP_DIR}/../../../../secret.txt`, 'xhr'],
    ['file:///opt/Chronoscope/resources/app.asar/dist/renderer-evil/x.js', 'script'],
    ['not a url', 'other'],
  ] as const)('cancels %s (%s)', (url, type) => {
    expect(verdict(url, type).cancel).toBe(true);
  });

  it('allows data: and blob: as resources but not as a page or frame', () => {
    expect(verdict('data:image/png;base64,iVBORw0KGgo=', 'image')).toEqual({ cancel: false });
    expect(verdict('blob:app://chronoscope/1b2c', 'other')).toEqual({ cancel: false });
    expect(verdict('data:text/html,<h1>x</h1>', 'mainFrame').cancel).toBe(true);
    expect(verdict('data:text/html,<h1>x</h1>', 'subFrame').cancel).toBe(true);
    expect(verdict('blob:app://chronoscope/1b2c', 'subFrame').cancel).toBe(true);
  });

  it('allows downloads of what the page made, nothing else', () => {
    expect(downloadAllowed('blob:app://chronoscope/6f1e-4c')).toBe(true);
    expect(downloadAllowed('blob:https://evil.example/6f1e')).toBe(false);
    expect(downloadAllowed('https://example.com/file.zip')).toBe(false);
    expect(downloadAllowed('data:application/octet-stream,xx')).toBe(false);
  });
});

describe('the Content-Security-Policy', () => {
  const policy = parseCsp(contentSecurityPolicy());

  it("allows scripts from the app's own files only, never eval", () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*|https?:|wss?:/);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });

  it('replaces whatever CSP a response carried, in any casing', () => {
    const headers = responseHeaders('app://chronoscope/index.html', {
      'content-security-policy': ["script-src 'unsafe-eval' *"],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [contentSecurityPolicy()],
    });
  });

  it('leaves the DevTools frontend its own headers', () => {
    expect(responseHeaders('devtools://devtools/bundled/x.js', { a: 'b' })).toEqual({ a: 'b' });
  });

  it("matches the renderer's meta tag: scripts 'self' only, no eval", () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta, 'renderer/index.html has a CSP meta tag').not.toBeNull();
    const tag = parseCsp(meta![1]!);
    expect(tag.get('script-src')).toEqual(["'self'"]);
    expect(tag.get('default-src')).toEqual(["'self'"]);
    expect(meta![1]).not.toContain('unsafe-eval');
  });
});

describe('navigation and new windows', () => {
  it('allows moving within the app', () => {
    expect(navigationVerdict('app://chronoscope/index.html#/events')).toEqual({ action: 'allow' });
  });

  it('opens a dropped file or folder by path instead of loading it', () => {
    expect(navigationVerdict('file:///home/ana/cases/qcs%20export.zip')).toEqual({
      action: 'open',
      path: '/home/ana/cases/qcs export.zip',
    });
    expect(navigationVerdict('file:///home/ana/exports/descendants/')).toEqual({
      action: 'open',
      path: '/home/ana/exports/descendants/',
    });
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://other/index.html',
    'chrome://settings',
    'blob:app://chronoscope/1',
  ])('refuses to navigate to %s', (url) => {
    expect(navigationVerdict(url).action).toBe('deny');
  });

  it('never opens a window; only allow-listed https links go to the system browser', () => {
    expect(windowOpenVerdict('https://duckdb.org/docs/sql/introduction')).toEqual({
      action: 'deny',
      openExternal: 'https://duckdb.org/docs/sql/introduction',
    });
    for (const url of [
      'https://evil.example/',
      'http://duckdb.org/docs/',
      'https://duckdb.org.evil.example/docs/',
      'https://duckdb.org:8443/docs/',
      'https://user@duckdb.org/docs/',
      'https://duckdb.org/blog/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://chronoscope/index.html',
    ]) {
      expect(windowOpenVerdict(url), url).toEqual({ action: 'deny', openExternal: null });
      expect(isAllowedExternal(url), url).toBe(false);
    }
  });
});

describe('permissions and web preferences', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'fullscreen',
    'usb',
    'unknown',
  ])('refuses the %s permission, asked or checked', (permission) => {
    expect(permissionRequestVerdict(permission)).toBe(false);
    expect(permissionCheckVerdict(permission)).toBe(false);
  });

  it('sandboxes the renderer with context isolation, no Node and web security on', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs', false);
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
});
