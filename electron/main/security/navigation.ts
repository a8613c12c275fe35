import { fileURLToPath } from 'node:url';
import { isAppUrl, parseUrl } from './appOrigin.js';
import { isAllowedExternal } from './externalLinks.js';

export type NavigationVerdict =
  | { action: 'allow' }
  /** A file dropped onto the window: Chromium navigates to it; we open it in place instead. */
  | { action: 'open'; path: string }
  | { action: 'deny'; reason: string };

/**
 * `will-navigate`: the page may reload itself or move within the app's origin; a file:// URL
 * is a file or folder the investigator dropped on the window (webPreferences
 * `navigateOnDragDrop`), opened as evidence by path, never loaded as a page; anything else
 * (http, data:, javascript:, another file:// page) is refused.
 */
export function navigationVerdict(url: string): NavigationVerdict {
  if (isAppUrl(url)) return { action: 'allow' };
  const parsed = parseUrl(url);
  if (parsed?.protocol === 'file:') {
    try {
      return { action: 'open', path: fileURLToPath(parsed) };
    } catch {
      return { action: 'deny', reason: 'a file URL that names no local path' };
    }
  }
  return { action: 'deny', reason: `navigation to ${parsed ? parsed.protocol : 'an invalid URL'} refused` };
}

export type WindowOpenVerdict = { action: 'deny'; openExternal: string | null };

/**
 * `setWindowOpenHandler`: the app never opens a second window. An allow-listed https link
 * goes to the system browser instead; anything else is dropped.
 */
export function windowOpenVerdict(url: string): WindowOpenVerdict {
  return { action: 'deny', openExternal: isAllowedExternal(url) ? url : null };
}
