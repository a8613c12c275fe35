/**
 * Highlight-reel figures (issue 9): a 30-second 1280×720 30 fps reel of a descendants archive
 * (the whole archive, one title card), rendered headless through the command line
 * (`chronoscope reel`: the studio in Chromium, WebGL in software on SwiftShader, WebCodecs VP9).
 * Printed: render seconds, frames/s, and the ratio to real time (the reel's own 30 s), next to
 * the command's whole wall time. Software rendering: these say nothing of a GPU's frame rate.
 * `npm run bench` can call benchReel; alone:
 * `node --import tsx test/bench/reel.ts [ARCHIVE]` (BENCH_EVENTS sets the size it generates).
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateExport } from '../../analysis/engine/src/index.js';
import { runBenchScript } from './measure.js';

const BIN = resolve(import.meta.dirname, '../../bin/chronoscope.mjs');

function chronoscope(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, BROWSER: 'none' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

export interface ReelBenchOptions {
  events: number;
  work: string;
  /** An archive to use (else a descendants export of `events` is generated). */
  archive?: string;
  /** A cache that may already hold it (else one under `work`). */
  cacheDir?: string;
  size?: string;
  fps?: number;
  durationS?: number;
}

export async function benchReel(options: ReelBenchOptions): Promise<string[]> {
  let archive = options.archive;
  if (!archive) {
    archive = join(options.work, 'reel-descendants');
    await generateExport({
      system: 'descendants',
      events: options.events,
      seed: 1,
      incidents: true,
      out: archive,
    });
  }
  const cache = options.cacheDir ?? join(options.work, 'reel-cache');
  const size = options.size ?? '1280x720';
  const fps = options.fps ?? 30;
  const durationS = options.durationS ?? 30;
  // Imported first: the figure is the reel's, not the import's.
  const inspected = await chronoscope(['inspect', archive, '--json', '--quiet', '--cache', cache]);
  if (inspected.code !== 0) throw new Error(`inspect failed: ${inspected.stderr}`);
  const records = (JSON.parse(inspected.stdout) as { records: number }).records;
  const out = join(options.work, 'bench-reel.webm');
  const started = performance.now();
  const run = await chronoscope([
    'reel',
    archive,
    '--out',
    out,
    '--size',
    size,
    '--fps',
    String(fps),
    '--duration',
    String(durationS),
    '--json',
    '--quiet',
    '--cache',
    cache,
  ]);
  const wallS = (performance.now() - started) / 1000;
  if (run.code !== 0) throw new Error(`reel failed: ${run.stderr}`);
  const r = JSON.parse(run.stdout) as { frames: number; durationS: number; bytes: number; seconds: number };
  return [
    `highlight reel, software rendering (SwiftShader WebGL + software VP9 in headless Chromium), ${records.toLocaleString('en')} descendants events:`,
    `  ${size} ${fps} fps, ${r.durationS} s (${r.frames} frames, ${(r.bytes / 1024 / 1024).toFixed(1)} MiB): render ${r.seconds.toFixed(1)} s, ${(r.frames / r.seconds).toFixed(1)} frames/s, ${(r.seconds / r.durationS).toFixed(2)}x real time; the whole command ${wallS.toFixed(1)} s (Chromium start, the studio opening the archive)`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runBenchScript('reel', 200_000, benchReel);
}
