import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { probeWebm } from '../probeWebm.js';
import { demoPath, expect, test } from './fixtures.js';
import { dragAcross, openPanel } from './helpers.js';

/** A frame of the reel as a standard player shows it: Chromium's <video> on a blank page. */
async function grabFrame(page: Page, bytes: Buffer, atS: number): Promise<Buffer> {
  const blank = await page.context().newPage();
  try {
    const png = await blank.evaluate(
      async ({ base64, at }) => {
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const video = document.createElement('video');
        video.muted = true;
        video.src = URL.createObjectURL(new Blob([data], { type: 'video/webm' }));
        await new Promise((ok, fail) => {
          video.onloadeddata = ok;
          video.onerror = () => fail(new Error('the video does not play'));
        });
        video.currentTime = at;
        await new Promise((ok) => (video.onseeked = ok));
        const canvas = document.createElement('canvas');
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        canvas.getContext('2d')!.drawImage(video, 0, 0);
        return canvas.toDataURL('image/png').split(',')[1]!;
      },
      { base64: bytes.toString('base64'), at: atS },
    );
    return Buffer.from(png, 'base64');
  } finally {
    await blank.close();
  }
}

test('a highlight reel of a brushed range renders to a WebM that plays, and can be cancelled', async ({
  studio,
}, testInfo) => {
  test.setTimeout(90_000);
  const { page } = studio;
  // A private copy: the annotation's case file is written beside the archive, never into assets/.
  const dir = mkdtempSync(join(tmpdir(), 'chronoscope-reel-'));
  const archive = join(dir, 'descendants');
  cpSync(demoPath('descendants'), archive, { recursive: true });
  try {
    await page.goto(`${studio.url}&archive=${encodeURIComponent(archive)}`);
    await expect(page.getByTestId('archive-header')).toHaveAttribute('data-system', 'descendants', {
      timeout: 60_000,
    });
    // An annotation in the middle of the archive, then a brushed range around it.
    const chart = page.locator('.timeline-chart svg').first();
    const box = await chart.boundingBox();
    if (!box) throw new Error('no timeline chart');
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await expect(page.getByTestId('playhead-label')).not.toContainText('event #0 ');
    await openPanel(page, 'annotations');
    const note = 'Caption: <b>raid</b> on the east wall';
    await page.getByTestId('annotation-text').fill(note);
    await page.getByTestId('annotation-add').click();
    await expect(page.getByTestId('annotation-row')).toHaveCount(1);
    await dragAcross(page, page.getByTestId('density-chart'), 0.35, 0.65);
    await expect(page.getByTestId('chip-time')).toBeVisible();

    await openPanel(page, 'export');
    const reel = page.getByTestId('export-reel');
    await expect(reel.getByTestId('reel-range')).toContainText('→');
    await reel.getByTestId('reel-size').selectOption('640×360');
    await reel.getByTestId('reel-fps').selectOption('24');

    // A long one, cancelled once the progress bar has moved: it stops and keeps nothing.
    await reel.getByTestId('reel-duration').fill('60');
    await reel.getByTestId('reel-render').click();
    const progress = reel.getByTestId('reel-progress');
    await expect
      .poll(async () => Number(await progress.getAttribute('data-frames')), { timeout: 30_000 })
      .toBeGreaterThan(2);
    const seen = Number(await progress.getAttribute('data-frames'));
    expect(Number(await progress.getAttribute('data-total'))).toBe(60 * 24);
    await reel.getByTestId('reel-cancel').click();
    await expect(reel.getByTestId('reel-cancelled')).toBeVisible({ timeout: 5_000 });
    await expect(progress).toHaveCount(0);
    expect(seen).toBeLessThan(60 * 24);

    // The short one, to the end.
    await reel.getByTestId('reel-duration').fill('3');
    await reel.getByTestId('reel-title').fill('Reel <i>test</i>');
    await reel.getByTestId('reel-render').click();
    await expect
      .poll(async () => Number(await progress.getAttribute('data-frames')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect(reel.getByTestId('reel-result')).toBeVisible({ timeout: 60_000 });
    await expect(reel.getByTestId('reel-summary')).toContainText('640×360 · 72 frames · 3.0 s');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      reel.getByTestId('reel-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('descendants-reel-640x360.webm');
    const file = join(dir, 'reel.webm');
    await download.saveAs(file);
    const bytes = readFileSync(file);
    const probe = await probeWebm(bytes);
    expect(probe.mimeType).toContain('video/webm');
    expect(['vp9', 'vp8']).toContain(probe.codec);
    expect([probe.width, probe.height]).toEqual([640, 360]);
    expect(probe.packets).toBe(72);
    expect(probe.durationS).toBeCloseTo(3, 2);

    // What a player shows: a frame in the middle (world, time and caption) and one of the title card.
    writeFileSync(testInfo.outputPath('reel-frame.png'), await grabFrame(page, bytes, 2.0));
    writeFileSync(testInfo.outputPath('reel-title.png'), await grabFrame(page, bytes, 0.2));
    await studio.screenshot('export-reel');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
