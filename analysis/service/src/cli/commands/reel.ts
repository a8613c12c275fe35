import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ChronoscopeError, parseTimeSpec } from '../../../../core/src/index.js';
import { defaultCacheDir, findChromium, openArchive } from '../../../../engine/src/index.js';
import { createDispatcher } from '../../rpc/index.js';
import { findProjectRoot, startStudioServer } from '../../server/index.js';
import { parseSystem, printJson } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';
import { progressPrinter } from '../progressBar.js';
import { renderInChromium } from './reelBrowser.js';
import type { ReelRequestInput } from '../../../../core/src/index.js';

interface ReelCliOptions extends ArchiveOptions {
  out: string;
  from?: string;
  to?: string;
  findings?: string;
  size: string;
  fps: string;
  duration?: string;
  speed?: string;
  title?: string;
}

export function registerReel(program: Command): void {
  program
    .command('reel')
    .description('a highlight reel: chosen ranges of the replay rendered frame by frame into a WebM video')
    .argument('<archive>', 'a source export (directory, zip or file) or an .auditpack')
    .requiredOption('--out <file>', 'FILE.webm')
    .option('--from <time>', 'start of the range (ISO 8601; default: the first event)')
    .option('--to <time>', 'end of the range (ISO 8601; default: the last event)')
    .option('--findings <n>', 'instead of a range: the N most severe findings, padded and merged')
    .option('--size <WxH>', 'frame size', '1280x720')
    .option('--fps <n>', 'frames per second', '30')
    .option('--duration <s>', 'total seconds (title cards included; default 30 unless --speed)')
    .option('--speed <x>', 'instead of --duration: event time per video time, 0.1 to 100')
    .option('--title <text>', "the title cards' heading (default: the archive's name)")
    .action(async (archive: string, options: ReelCliOptions) => {
      const request = reelRequest(options);
      const out = resolve(options.out);
      // Before any work: without a browser there is nothing to render with.
      const chromium = await reelChromium();
      const root = findProjectRoot(import.meta.url);
      const staticDir = join(root, 'dist', 'renderer');
      if (!existsSync(join(staticDir, 'index.html'))) {
        throw new ChronoscopeError(
          'NOT_FOUND',
          `${join(staticDir, 'index.html')}: the studio is not built; run \`npm run build\` first`,
          { file: join(staticDir, 'index.html') },
        );
      }
      const quiet = options.quiet === true;
      const cacheDir = options.cache ?? defaultCacheDir();
      const archivePath = resolve(archive);
      await openArchive(archivePath, {
        cacheDir,
        ...(options.system ? { system: parseSystem(options.system) } : {}),
        ...(options.reimport ? { force: true } : {}),
        onProgress: progressPrinter(process.stderr, quiet),
      });
      const dispatcher = createDispatcher({ host: 'browser', projectRoot: root, cacheDir });
      const server = await startStudioServer({ dispatcher, staticDir, port: 0, cacheDir });
      try {
        const url = `${server.url}&archive=${encodeURIComponent(archivePath)}`;
        const summary = await renderInChromium(chromium, url, request, out, (line) => {
          if (!quiet) process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
        });
        if (!quiet && process.stderr.isTTY) process.stderr.write('\n');
        const bytes = (await stat(out)).size;
        const result = {
          out,
          bytes,
          frames: summary.frames,
          durationS: summary.durationS,
          width: summary.width,
          height: summary.height,
          seconds: Math.round(summary.seconds * 100) / 100,
        };
        if (options.json) printJson(result);
        else {
          process.stdout.write(
            `${out}: ${result.width}x${result.height}, ${result.frames} frames, ${result.durationS.toFixed(2)} s, ${summary.codec.toUpperCase()} WebM, ${bytes} bytes (rendered in ${result.seconds} s)\n`,
          );
        }
      } finally {
        await server.close();
        await dispatcher.close();
      }
    });
}

/** The options as the studio's reel hook takes them; every bad value is refused before any work. */
export function reelRequest(options: ReelCliOptions): ReelRequestInput {
  if (!options.out.toLowerCase().endsWith('.webm')) {
    throw new ChronoscopeError(
      'BAD_ARGUMENT',
      `--out: "${options.out}" must end in .webm (a reel is a WebM video)`,
    );
  }
  const size = /^(\d{1,4})x(\d{1,4})$/.exec(options.size.trim().toLowerCase());
  const width = Number(size?.[1]);
  const height = Number(size?.[2]);
  if (!size || width < 16 || height < 16 || width > 3840 || height > 2160 || width % 2 || height % 2) {
    throw new ChronoscopeError(
      'BAD_ARGUMENT',
      `--size: "${options.size}" is not a video size: expected WIDTHxHEIGHT, even numbers from 16x16 to 3840x2160 (e.g. 1280x720)`,
    );
  }
  const fps = Number(options.fps);
  if (!Number.isInteger(fps) || fps < 1 || fps > 60) {
    throw new ChronoscopeError(
      'BAD_ARGUMENT',
      `--fps: "${options.fps}" is not a frame rate (a whole number from 1 to 60)`,
    );
  }
  if (options.duration !== undefined && options.speed !== undefined) {
    throw new ChronoscopeError('BAD_ARGUMENT', '--duration and --speed: give one of them');
  }
  const durationS = options.duration === undefined ? undefined : Number(options.duration);
  if (durationS !== undefined && !(durationS > 0 && durationS <= 600)) {
    throw new ChronoscopeError(
      'BAD_ARGUMENT',
      `--duration: "${options.duration}" is not a number of seconds (0 to 600)`,
    );
  }
  const speed = options.speed === undefined ? undefined : Number(options.speed);
  if (speed !== undefined && !(speed >= 0.1 && speed <= 100)) {
    throw new ChronoscopeError('BAD_ARGUMENT', `--speed: "${options.speed}" is not a speed from 0.1 to 100`);
  }
  const timing = {
    width,
    height,
    fps,
    durationS: speed === undefined ? (durationS ?? 30) : undefined,
    speed,
    title: options.title,
  };
  if (options.findings !== undefined) {
    const n = Number(options.findings);
    if (options.from !== undefined || options.to !== undefined) {
      throw new ChronoscopeError('BAD_ARGUMENT', '--findings and --from/--to: give one of them');
    }
    if (!Number.isInteger(n) || n < 1 || n > 20) {
      throw new ChronoscopeError(
        'BAD_ARGUMENT',
        `--findings: "${options.findings}" is not a count from 1 to 20`,
      );
    }
    return { source: 'findings', findings: n, ...timing };
  }
  const iso = (value: string | undefined, flag: string): string | undefined => {
    if (value === undefined) return undefined;
    const spec = parseTimeSpec(value, flag);
    if (spec.kind !== 'time')
      throw new ChronoscopeError('BAD_ARGUMENT', `${flag}: a reel takes a time (ISO 8601), not ${value}`);
    return new Date(spec.epochMs).toISOString();
  };
  return { source: 'range', from: iso(options.from, '--from'), to: iso(options.to, '--to'), ...timing };
}

/** findChromium, with its error told for a reel (it is written for the PDF report). */
async function reelChromium(): Promise<string> {
  try {
    return await findChromium();
  } catch (err) {
    if (err instanceof ChronoscopeError && err.code === 'NOT_FOUND') {
      throw new ChronoscopeError(
        'NOT_FOUND',
        err.message
          .replace('a PDF report needs Chromium', 'a highlight reel is rendered in Chromium')
          .replace(', or write --out FILE.html', ''),
        err.data,
      );
    }
    throw err;
  }
}
