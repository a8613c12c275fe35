import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { isAppUrl, parseUrl } from './security/index.js';

/**
 * The file of the renderer build that an `app://chronoscope/...` request names, or null when
 * it is not the app's origin or would leave the build directory (`..`, encoded separators,
 * NUL). `/` is the studio's index.html.
 */
export function resolveAppFile(url: string, rendererDir: string): string | null {
  if (!isAppUrl(url)) return null;
  const parsed = parseUrl(url);
  if (!parsed) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const wanted = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rendererDir);
  const file = resolve(root, wanted.split('/').join(sep));
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Module scripts are refused without a JavaScript MIME type, so every file gets an exact one. */
export function contentTypeFor(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
