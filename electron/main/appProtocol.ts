// Serves the renderer build on app://chronoscope (a privileged standard scheme: the page
// gets a real origin for 'self', and file:// with its shared origin is never used).
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME } from '../common/index.js';
import { contentTypeFor, resolveAppFile } from './appFiles.js';
import { contentSecurityPolicy } from './security/index.js';

/** Must run before `app.ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

export function serveAppFiles(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rendererDir);
    if (!file || request.method !== 'GET') return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': contentTypeFor(file),
          'Content-Security-Policy': contentSecurityPolicy(),
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
