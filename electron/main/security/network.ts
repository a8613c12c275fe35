import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAppUrl, parseUrl } from './appOrigin.js';

/** Electron's `details.resourceType` of `session.webRequest.onBeforeRequest`. */
export type ResourceType =
  | 'mainFrame'
  | 'subFrame'
  | 'stylesheet'
  | 'script'
  | 'image'
  | 'font'
  | 'object'
  | 'xhr'
  | 'ping'
  | 'cspReport'
  | 'media'
  | 'webSocket'
  | 'other';

export interface RequestInfo {
  url: string;
  resourceType: ResourceType;
}

export type RequestVerdict = { cancel: false } | { cancel: true; reason: string };

const FRAMES: readonly ResourceType[] = ['mainFrame', 'subFrame'];

/**
 * Investigators work offline and on air-gapped machines: no request leaves the app. Allowed:
 * the app's own origin (`app://chronoscope`); file:// inside the app's own directory
 * (`appDir`), nothing else on disk; the DevTools frontend (`devtools:`, development only in
 * practice, since packaged builds disable DevTools); `data:` and `blob:` as resources
 * (images, workers: they are made inside the page and touch no network) but never as a
 * page or frame, which could host content the CSP does not cover. Everything else, http(s),
 * ws(s), ftp, chrome: and unknown schemes, is cancelled.
 */
export function requestVerdict(request: RequestInfo, appDir: string): RequestVerdict {
  const url = parseUrl(request.url);
  if (!url) return { cancel: true, reason: 'not a URL' };
  if (isAppUrl(request.url)) return { cancel: false };
  switch (url.protocol) {
    case 'devtools:':
      return { cancel: false };
    case 'file:':
      return isInside(url, appDir)
        ? { cancel: false }
        : { cancel: true, reason: "a file outside the app's directory" };
    case 'data:':
    case 'blob:':
      return FRAMES.includes(request.resourceType)
        ? { cancel: true, reason: `${url.protocol} page or frame` }
        : { cancel: false };
    default:
      return { cancel: true, reason: `${url.protocol} request: the app makes no network requests` };
  }
}

function isInside(url: URL, dir: string): boolean {
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return false;
  }
  const rel = relative(resolve(dir), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Downloads are how the studio saves what it made in the page (a query result, a chart):
 * `blob:` URLs of the app's own origin, saved where the investigator picks in the native
 * dialog. Nothing else may be downloaded.
 */
export function downloadAllowed(url: string): boolean {
  return url.startsWith('blob:') && isAppUrl(url.slice('blob:'.length));
}
