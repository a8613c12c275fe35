import type { Page } from 'playwright-core';
import { ChronoscopeError } from '../../../../core/src/index.js';
import type { ReelRequestInput, ReelSummary } from '../../../../core/src/index.js';
import { launchChromium } from '../../../../engine/src/index.js';

/** The hook as the page holds it; only data crosses (no code is ever sent to evaluate). */
interface ReelHook {
  ready(): boolean;
  render(request: ReelRequestInput): Promise<ReelSummary | { error: string }>;
  progress(): { frames: number; total: number } | null;
  download(): boolean;
}
type HookHost = { __chronoscope?: { reel?: ReelHook } };

const OPEN_MS = 180_000;

/**
 * Renders a reel in headless Chromium: the studio served on 127.0.0.1 (a secure context, so
 * WebCodecs is there), WebGL in software (SwiftShader), the same reel job the Export panel runs,
 * and its download saved to `out`.
 */
export async function renderInChromium(
  chromiumPath: string,
  url: string,
  request: ReelRequestInput,
  out: string,
  say: (line: string) => void,
): Promise<ReelSummary> {
  // WebGL in software: the machines this runs on may have no GPU.
  const browser = await launchChromium(
    chromiumPath,
    ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    'a highlight reel',
  );
  const errors: string[] = [];
  try {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(url);
    await page
      .waitForFunction(() => (globalThis as HookHost).__chronoscope?.reel?.ready() === true, undefined, {
        timeout: OPEN_MS,
        polling: 250,
      })
      .catch(() => {
        throw new ChronoscopeError(
          'INTERNAL',
          `the studio did not open the archive in ${OPEN_MS / 1000} s${details(errors)}`,
        );
      });
    const summary = await withProgress(page, say, () =>
      page.evaluate((r) => (globalThis as HookHost).__chronoscope!.reel!.render(r), request),
    );
    if ('error' in summary) throw new ChronoscopeError('BAD_ARGUMENT', `reel: ${summary.error}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.evaluate(() => (globalThis as HookHost).__chronoscope!.reel!.download()),
    ]);
    await download.saveAs(out);
    return summary;
  } finally {
    await browser.close();
  }
}

/** Polls the reel's progress while `work` runs, and says it as a line of text. */
async function withProgress<T>(page: Page, say: (line: string) => void, work: () => Promise<T>): Promise<T> {
  let running = true;
  const started = performance.now();
  const poll = (async () => {
    let last = -1;
    while (running) {
      await new Promise((r) => setTimeout(r, 1000));
      if (!running) break;
      const p = await page
        .evaluate(() => (globalThis as HookHost).__chronoscope?.reel?.progress() ?? null)
        .catch(() => null);
      if (!p || p.frames === last) continue;
      last = p.frames;
      const s = (performance.now() - started) / 1000;
      say(`reel: ${p.frames}/${p.total} frames, ${s.toFixed(0)} s`);
    }
  })();
  try {
    return await work();
  } finally {
    running = false;
    await poll;
  }
}

function details(errors: string[]): string {
  return errors.length ? `: ${errors.slice(-3).join('; ')}` : '';
}
