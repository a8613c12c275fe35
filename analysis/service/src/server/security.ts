import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A per-launch secret: 32 random bytes, base64url (URL-safe, no padding). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first so that neither the length nor the
 * first differing byte of the real token shows in the time a wrong guess takes.
 */
export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/**
 * Who may talk to the server: only pages it served itself, by a name that points at this
 * machine. The Host check defeats DNS rebinding (evil.example resolving to 127.0.0.1 still
 * sends `Host: evil.example`); the Origin check stops any other web page the investigator has
 * open from using the WebSocket or the upload, which browsers let cross origins.
 */
export class LocalOrigin {
  readonly hosts: readonly string[];
  readonly origins: readonly string[];

  constructor(readonly port: number) {
    this.hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    this.origins = this.hosts.map((h) => `http://${h}`);
  }

  hostAllowed(req: IncomingMessage): boolean {
    const host = req.headers.host;
    return typeof host === 'string' && this.hosts.includes(host.toLowerCase());
  }

  /** A request from a page: its Origin must be exactly ours (a missing one is refused). */
  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return typeof origin === 'string' && this.origins.includes(origin.toLowerCase());
  }

  /** The studio's Content-Security-Policy: nothing but this server, WebSocket included. */
  contentSecurityPolicy(): string {
    return [
      `default-src 'self'`,
      `script-src 'self'`,
      `style-src 'self' 'unsafe-inline'`,
      `img-src 'self' data: blob:`,
      `connect-src 'self' ws://127.0.0.1:${this.port} ws://localhost:${this.port}`,
      `worker-src 'self' blob:`,
      // A highlight reel is previewed from a blob the page made itself.
      `media-src 'self' blob:`,
      `frame-ancestors 'none'`,
      `base-uri 'none'`,
      `form-action 'none'`,
    ].join('; ');
  }
}
