import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import type { LocalOrigin } from './security.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers every answer of the server carries. */
export function securityHeaders(origin: LocalOrigin): Record<string, string> {
  return {
    'Content-Security-Policy': origin.contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // The page's URL holds the token: it must never travel in a Referer.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(`${text}\n`);
}

/**
 * GET/HEAD of the built studio: files under `root` only (no `..`, no link out of it, no
 * directory listings; `/` is index.html). Files of unknown type go as octet-stream, which
 * `nosniff` keeps from being run as anything else.
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  origin: LocalOrigin,
): Promise<void> {
  const headers = securityHeaders(origin);
  const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    sendText(res, 400, 'bad path', headers);
    return;
  }
  if (relative.includes('\0') || relative.split('/').includes('..') || relative.includes('\\')) {
    sendText(res, 400, 'bad path', headers);
    return;
  }
  const base = await realpath(root);
  const wanted = relative === '/' ? join(base, 'index.html') : resolve(base, `.${relative}`);
  const file = await realpath(wanted).catch(() => null);
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile() || !(file === base || file.startsWith(base + sep))) {
    sendText(res, 404, 'not found', headers);
    return;
  }
  const hashed = relative.startsWith('/assets/');
  res.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    // Vite's assets/ carry a content hash in their names; anything else (the page) must be fresh.
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
