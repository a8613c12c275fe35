// Electron wiring of the security rules; each decision is a pure function in security/.
import { shell } from 'electron';
import type { Session, WebContents } from 'electron';
import {
  downloadAllowed,
  navigationVerdict,
  permissionCheckVerdict,
  permissionRequestVerdict,
  requestVerdict,
  responseHeaders,
  windowOpenVerdict,
} from './security/index.js';

export type Log = (message: string) => void;

/** Permissions, network, CSP header and downloads, for the session every window uses. */
export function hardenSession(session: Session, appDir: string, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`permission ${permission} refused`);
    callback(permissionRequestVerdict(permission));
  });
  session.setPermissionCheckHandler((_contents, permission) => permissionCheckVerdict(permission));
  session.webRequest.onBeforeRequest((details, callback) => {
    const verdict = requestVerdict({ url: details.url, resourceType: details.resourceType }, appDir);
    if (verdict.cancel) log(`request cancelled (${verdict.reason}): ${details.url.slice(0, 200)}`);
    callback({ cancel: verdict.cancel });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: responseHeaders(details.url, details.responseHeaders) });
  });
  session.on('will-download', (event, item) => {
    if (!downloadAllowed(item.getURL())) {
      log(`download refused: ${item.getURL().slice(0, 200)}`);
      event.preventDefault();
    }
  });
}

/** No second window, no foreign page, no webview; a dropped file is opened, not loaded. */
export function hardenContents(contents: WebContents, openPath: (path: string) => void, log: Log): void {
  contents.on('will-navigate', (event) => {
    const verdict = navigationVerdict(event.url);
    if (verdict.action === 'allow') return;
    event.preventDefault();
    if (verdict.action === 'open') openPath(verdict.path);
    else log(`navigation refused (${verdict.reason})`);
  });
  contents.on('will-redirect', (event) => {
    if (navigationVerdict(event.url).action !== 'allow') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const verdict = windowOpenVerdict(url);
    if (verdict.openExternal) void shell.openExternal(verdict.openExternal);
    else log(`window refused: ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
}
