import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppOpenPayload } from '../../analysis/core/src/index.js';

/**
 * The files a command line names: `chronoscope-studio EXPORT` and the file manager's "open
 * with" (file associations), for the first launch and for a second one forwarded by the
 * single-instance lock. `skip` leaves out the executable (and, unpackaged, the app path);
 * switches (Chromium adds its own to a second instance's argv) are ignored; relative paths
 * are taken from the launching shell's `cwd`; `file://` URLs (a desktop entry's `%U`)
 * become paths.
 */
export function pathsFromArgv(argv: readonly string[], cwd: string, skip: number): string[] {
  const out: string[] = [];
  for (const arg of argv.slice(skip)) {
    if (arg.length === 0 || arg.startsWith('-')) continue;
    if (!arg.startsWith('file:')) {
      out.push(resolve(cwd, arg));
      continue;
    }
    try {
      out.push(fileURLToPath(arg));
    } catch {
      // not a local file URL: nothing to open
    }
  }
  return out;
}

/** A `.chronocase.json` is a case file (it names its archive); anything else is evidence. */
export function openPayload(path: string): AppOpenPayload {
  return { path, kind: path.toLowerCase().endsWith('.chronocase.json') ? 'case' : 'archive' };
}
