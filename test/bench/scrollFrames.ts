import type { Page } from 'playwright-core';
import { pct } from './timetravel.js';

/**
 * The events table while the user scrolls it with the wheel (issue 6): the page's frame
 * intervals (requestAnimationFrame, in software rendering) and the rows that arrived from the
 * service, per second. The page must be on the studio with an archive open.
 */
export async function scrollFrames(page: Page, seconds = 8): Promise<string> {
  await page.keyboard.press('e');
  const rows = page.getByTestId('events-rows');
  await rows.locator('[role="row"]:not(.loading)').first().waitFor({ timeout: 60_000 });
  const box = (await rows.boundingBox())!;
  await page.mouse.move(box.x + 200, Math.min(box.y + 200, 700));
  const sampling = page.evaluate(
    (s) =>
      new Promise<{ intervals: number[]; loaded: number }>((done) => {
        const intervals: number[] = [];
        const seen = new Set<string>();
        let last = performance.now();
        const start = last;
        const tick = (): void => {
          const now = performance.now();
          intervals.push(now - last);
          last = now;
          for (const el of document.querySelectorAll(
            '[data-testid="events-rows"] > [role="row"]:not(.loading)',
          ))
            seen.add(el.getAttribute('data-index') ?? '');
          if (now - start < s * 1000) requestAnimationFrame(tick);
          else done({ intervals, loaded: seen.size });
        };
        requestAnimationFrame(tick);
      }),
    seconds,
  );
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    await page.mouse.wheel(0, 900);
    await page.waitForTimeout(40);
  }
  const { intervals, loaded } = await sampling;
  return `events table, wheel-scrolled for ${seconds} s: frame interval p50 ${pct(intervals, 50).toFixed(1)} ms, p95 ${pct(intervals, 95).toFixed(1)} ms, max ${Math.max(...intervals).toFixed(0)} ms (SOFTWARE rendering); ${Math.round(loaded / seconds).toLocaleString('en')} rows/s shown`;
}
