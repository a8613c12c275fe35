import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sendText } from './staticFiles.js';

/** The largest archive a browser may hand over (the import's own expansion guards apply after). */
export const DEFAULT_MAX_UPLOAD_BYTES = 16 * 1024 ** 3;

/**
 * A file name that is safe as the last part of a path and still says what the file is:
 * letters, digits, `.`, `-` and `_` kept (extensions matter: `.zip`, `.gz`, `.auditpack`),
 * anything else `_`, no leading dot, at most 200 characters.
 */
export function sanitizeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const clean = last
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '')
    .slice(-200);
  return clean === '' ? 'upload' : clean;
}

class UploadTooLarge extends Error {}

/**
 * `PUT /upload?name=FILE`: browser mode's drag-and-drop. The browser cannot give the page a
 * path, so it sends a copy, streamed to `<cache>/uploads/<random>/<name>`; the answer
 * `{path}` is what the studio then passes to `archive.open`. (The desktop app opens the
 * dropped file where it is.) Access checks happen before this is called.
 */
export async function receiveUpload(
  req: IncomingMessage,
  res: ServerResponse,
  cacheDir: string,
  maxBytes: number,
  headers: Record<string, string>,
): Promise<void> {
  const name = sanitizeFileName(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('name') ?? '');
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    sendText(res, 413, `upload: larger than ${maxBytes} bytes`, headers);
    return;
  }
  const dir = join(cacheDir, 'uploads', randomBytes(12).toString('hex'));
  const path = join(dir, name);
  await mkdir(dir, { recursive: true });
  let received = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > maxBytes) done(new UploadTooLarge());
      else done(null, chunk);
    },
  });
  try {
    await pipeline(req, cap, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    if (err instanceof UploadTooLarge) {
      sendText(res, 413, `upload: larger than ${maxBytes} bytes`, headers);
      req.resume();
      return;
    }
    if (!res.headersSent && !res.destroyed) sendText(res, 400, 'upload: the transfer broke off', headers);
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify({ path }));
}
