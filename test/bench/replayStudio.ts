/**
 * The replay studio's figures (issue 7), in Chromium, printed, never asserted: the studio in
 * browser mode on an archive, the Replay panel playing at 1x, 10x and 100x.
 *   per frame    script time of the engine (world brought to the playhead) and of the scene
 *                (instance uploads), p50 and p95, from the studio's own frame profile
 *   fps          frames drawn per second, in SOFTWARE rendering (SwiftShader: no GPU here)
 *   seek         from a click on the timeline to the first frame drawn with the world there
 *   memory       the page's JS heap at the start and the end of a long playback at 100x
 * and first, on the same page, the events table's frame intervals while it is scrolled (issue 6).
 * The reference is the same page's idle frame rate (requestAnimationFrame alone), measured
 * in the same run. `node --import tsx test/bench/replayStudio.ts ARCHIVE` (BENCH_REPLAY_MINUTES
 * sets the long playback, default 10).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { findChromium } from '../../analysis/engine/src/index.js';
import { scrollFrames } from './scrollFrames.js';
import { pct } from './timetravel.js';

interface Hook {
  replay: {
    position(): { seq: number; waiting: boolean };
    profile(): { engine: number[]; scene: number[] };
    resetProfile(): void;
  };
}

async function serve(archive: string, cache: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    [
      'bin/chronoscope.mjs',
      'serve',
      archive,
      '--port',
      '0',
      '--no-open',
      '--json',
      '--cache',
      cache,
      '--quiet',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BROWSER: 'none' } },
  );
  const url = await new Promise<string>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: string };
        if (parsed.url) ok(parsed.url);
      } catch {
        // not the JSON line
      }
    });
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** Frames drawn per second over `seconds`, counted by requestAnimationFrame in the page. */
function framesPerSecond(page: Page, seconds: number): Promise<number> {
  return page.evaluate(
    (s) =>
      new Promise<number>((done) => {
        let frames = 0;
        const start = performance.now();
        const tick = (): void => {
          frames++;
          if (performance.now() - start < s * 1000) requestAnimationFrame(tick);
          else done(frames / ((performance.now() - start) / 1000));
        };
        requestAnimationFrame(tick);
      }),
    seconds,
  );
}

const heapMiB = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) /
      2 ** 20,
  );

async function seekLatency(page: Page, fraction: number): Promise<number> {
  const chart = page.locator('.timeline-chart svg').first();
  const box = (await chart.boundingBox())!;
  const before = await page.evaluate(
    () => (window as unknown as { __chronoscope: Hook }).__chronoscope.replay.position().seq,
  );
  // The clock starts in the page, at the click; it stops at the first frame drawn after the
  // world stands at the new playhead with nothing left to fetch (NaN after 60 s).
  await page.evaluate(() => {
    const w = window as unknown as { __seekClick: number };
    w.__seekClick = 0;
    window.addEventListener('pointerdown', () => (w.__seekClick = performance.now()), {
      once: true,
      capture: true,
    });
  });
  const waiting = page.evaluate(
    (old) =>
      new Promise<number>((done) => {
        const w = window as unknown as { __seekClick: number; __chronoscope: Hook };
        const hook = w.__chronoscope.replay;
        const started = performance.now();
        const poll = (): void => {
          const p = hook.position();
          if (w.__seekClick > 0 && p.seq !== old && !p.waiting)
            requestAnimationFrame(() => done(performance.now() - w.__seekClick));
          else if (performance.now() - started > 60_000) done(NaN);
          else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      }),
    before,
  );
  await page.mouse.click(box.x + box.width * fraction, box.y + box.height * 0.5);
  return waiting;
}

export async function benchReplayStudio(archive: string, minutes: number): Promise<string[]> {
  const chromiumPath = await findChromium();
  const { chromium } = await import('playwright-core');
  const cache = await mkdtemp(join(tmpdir(), 'chronoscope-replay-studio-'));
  const server = await serve(archive, cache);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--enable-precise-memory-info',
    ],
  });
  const lines: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name` helper
    // that does not exist in the page the functions are sent to (esbuild#1031).
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(server.url);
    await page.locator('main[data-panel="overview"]').waitFor({ timeout: 300_000 });
    const idleFps = await framesPerSecond(page, 3);
    // Issue 6: the events table while it is scrolled, on the same page.
    const scrollLine = await scrollFrames(page);
    await page.keyboard.press('p');
    await page.getByTestId('replay-viewport').locator('canvas').waitFor({ timeout: 300_000 });
    const hook = (): Promise<{ engine: number[]; scene: number[] }> =>
      page.evaluate(() => (window as unknown as { __chronoscope: Hook }).__chronoscope.replay.profile());
    lines.push(
      `replay in Chromium (SOFTWARE rendering, SwiftShader), ${archive}; idle page ${idleFps.toFixed(0)} frames/s (reference)`,
      scrollLine,
      'speed   engine p50/p95 ms   scene p50/p95 ms   total p95 ms   frames/s (software)',
    );
    for (const speed of [1, 10, 100]) {
      await page.getByTestId('replay-speed').selectOption(String(speed));
      await page.evaluate(() =>
        (window as unknown as { __chronoscope: Hook }).__chronoscope.replay.resetProfile(),
      );
      await page.getByTestId('replay-play').click();
      const fps = await framesPerSecond(page, 10);
      await page.getByTestId('replay-play').click();
      const { engine, scene } = await hook();
      const total = engine.map((e, i) => e + (scene[i] ?? 0));
      process.stderr.write(`${speed}x: ${engine.length} frames\n`);
      lines.push(
        `${`${speed}x`.padEnd(8)}${`${pct(engine, 50).toFixed(2)} / ${pct(engine, 95).toFixed(2)}`.padEnd(20)}${`${pct(scene, 50).toFixed(2)} / ${pct(scene, 95).toFixed(2)}`.padEnd(19)}${pct(total, 95).toFixed(2).padEnd(15)}${fps.toFixed(1)} (${engine.length} frames)`,
      );
    }
    const seeks: number[] = [];
    for (const f of [0.15, 0.8, 0.35, 0.95, 0.55, 0.05, 0.7, 0.25, 0.9, 0.45]) {
      seeks.push(await seekLatency(page, f));
    }
    lines.push(
      `seek, click on the timeline to drawn frame: p50 ${pct(seeks, 50).toFixed(0)} ms, p95 ${pct(seeks, 95).toFixed(0)} ms (each: ${seeks.map((x) => x.toFixed(0)).join(', ')} ms)`,
    );
    await page.getByTestId('replay-speed').selectOption('100');
    await page.getByTestId('replay-play').click();
    const heapStart = await heapMiB(page);
    const samples: number[] = [];
    for (let m = 0; m < minutes; m++) {
      await page.waitForTimeout(60_000);
      samples.push(await heapMiB(page));
    }
    lines.push(
      `memory, ${minutes} min at 100x: JS heap ${heapStart.toFixed(0)} MiB at the start, then per minute ${samples.map((s) => s.toFixed(0)).join(', ')} MiB`,
    );
  } finally {
    await browser.close();
    server.stop();
    await rm(cache, { recursive: true, force: true });
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const archive = process.argv[2];
  if (!archive) throw new Error('usage: replayStudio.ts ARCHIVE');
  const minutes = Number(process.env['BENCH_REPLAY_MINUTES'] ?? 10);
  process.stdout.write(`${(await benchReplayStudio(resolve(archive), minutes)).join('\n')}\n`);
}
