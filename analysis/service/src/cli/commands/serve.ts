import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ChronoscopeError } from '../../../../core/src/index.js';
import { defaultCacheDir, openArchive } from '../../../../engine/src/index.js';
import { createDispatcher } from '../../rpc/index.js';
import { findProjectRoot, startStudioServer } from '../../server/index.js';
import { parseSystem } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';
import { progressPrinter } from '../progressBar.js';

interface ServeOptions extends ArchiveOptions {
  port: string;
  open: boolean;
  static?: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('the studio in the browser: a local server on 127.0.0.1 with a per-launch token')
    .argument('[archive]', 'an archive to import first and open in the studio')
    .option('--port <port>', 'the port to listen on (0: any free port)', '0')
    .option('--no-open', 'print the URL but do not open a browser')
    .option('--static <dir>', 'serve the studio from this folder instead of dist/renderer')
    .action(async (archive: string | undefined, options: ServeOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new ChronoscopeError(
          'BAD_ARGUMENT',
          `--port: "${options.port}" is not a port number (0–65535)`,
        );
      }
      const root = findProjectRoot(import.meta.url);
      const staticDir = resolve(options.static ?? join(root, 'dist', 'renderer'));
      if (!existsSync(join(staticDir, 'index.html'))) {
        throw new ChronoscopeError(
          'NOT_FOUND',
          `${join(staticDir, 'index.html')}: the studio is not built; run \`npm run build\` first`,
          { file: join(staticDir, 'index.html') },
        );
      }
      const cacheDir = options.cache ?? defaultCacheDir();
      let archivePath: string | undefined;
      let importing = false;
      if (archive !== undefined) {
        // Imported now, with the command line's progress on stderr; the studio's archive.open then finds the cache.
        archivePath = resolve(archive);
        const quiet = options.quiet === true;
        const printer = progressPrinter(process.stderr, quiet);
        const opened = await openArchive(archivePath, {
          cacheDir,
          ...(options.system ? { system: parseSystem(options.system) } : {}),
          ...(options.reimport ? { force: true } : {}),
          onProgress: (p) => {
            // A cache hit goes straight to `done`: nothing was imported, so no "imported 0 records".
            if (p.phase !== 'done') importing = true;
            if (importing) printer(p);
          },
        });
        if (opened.reused && !importing && !quiet) process.stderr.write(`${archive}: found in the cache\n`);
      }
      const dispatcher = createDispatcher({ host: 'browser', projectRoot: root, cacheDir });
      const server = await startStudioServer({ dispatcher, staticDir, port, cacheDir });
      const url = archivePath ? `${server.url}&archive=${encodeURIComponent(archivePath)}` : server.url;
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ url, port: server.port, token: server.token })}\n`);
      } else {
        process.stdout.write(`Chronoscope studio: ${url}\n`);
        if (!options.quiet)
          process.stderr.write("(the link holds this launch's token; Ctrl+C stops the server)\n");
      }
      if (options.open) openBrowser(url);
      await untilStopped();
      await server.close();
      await dispatcher.close();
      if (!options.quiet && !options.json) process.stderr.write('chronoscope serve: stopped\n');
    });
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Opens the URL in the investigator's browser when there is one to open: `$BROWSER` (`none`
 * turns this off), else the platform's opener, on Linux only with a display. Failing to open
 * is not an error: the URL is printed.
 */
function openBrowser(url: string): void {
  const env = process.env;
  let command: string | undefined;
  let args: string[] = [url];
  if (env['BROWSER']) {
    if (env['BROWSER'] === 'none') return;
    command = env['BROWSER'];
  } else if (process.platform === 'darwin') command = 'open';
  else if (process.platform === 'win32') {
    command = 'cmd';
    args = ['/c', 'start', '""', url.replace(/&/g, '^&')];
  } else if ((env['DISPLAY'] || env['WAYLAND_DISPLAY']) && onPath('xdg-open')) command = 'xdg-open';
  if (!command) return;
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The URL is on stdout: the investigator can open it by hand.
  }
}

function onPath(program: string): boolean {
  return (process.env['PATH'] ?? '')
    .split(delimiter)
    .some((dir) => dir !== '' && existsSync(join(dir, program)));
}
