import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { demoPath, expect, test } from './fixtures.js';
import { openPanel } from './helpers.js';

/** A private copy of the descendants demo (the case file with the branch is written beside it), opened by URL. */
async function openDemoCopy(page: Page, url: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'chronoscope-compare-'));
  cpSync(demoPath('descendants'), join(dir, 'descendants'), { recursive: true });
  await page.goto(
    `${url}${url.includes('?') ? '&' : '?'}archive=${encodeURIComponent(join(dir, 'descendants'))}`,
  );
  await expect(page.getByTestId('archive-header')).toHaveAttribute('data-system', 'descendants', {
    timeout: 120_000,
  });
  return dir;
}

test.describe('compare', () => {
  test.setTimeout(240_000);

  test('the original and a branch side by side: the differing blocks are highlighted and listed', async ({
    studio,
  }) => {
    const { page } = studio;
    const dir = await openDemoCopy(page, studio.url);
    try {
      const chart = page.locator('.timeline-chart svg').first();
      const box = await chart.boundingBox();
      if (!box) throw new Error('no timeline chart');
      await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.5);

      await openPanel(page, 'branches');
      const actor = page.getByTestId('branch-actor');
      await expect(actor.locator('option')).not.toHaveCount(1, { timeout: 30_000 });
      await actor.selectOption({ index: 1 });
      await page.getByTestId('branch-create').click();
      await page.getByTestId('branch-compare').click();

      await page.locator('main[data-panel="compare"]').waitFor();
      await expect(page.getByTestId('compare-right').locator('canvas')).toBeVisible({ timeout: 120_000 });
      await expect(page.getByTestId('compare-left').locator('canvas')).toBeVisible();
      await expect
        .poll(async () => Number(await page.getByTestId('diff-count').textContent()), { timeout: 60_000 })
        .toBeGreaterThan(0);
      const differ = Number(await page.getByTestId('diff-count').textContent());
      await expect(page.getByTestId('diff-row')).toHaveCount(Math.min(differ, 1000));
      // Blocks are among them, with the fields that differ or the side they exist on.
      await expect(page.getByTestId('diff-row').filter({ hasText: 'block' }).first()).toBeVisible();
      // Both sides light up what they draw of the differences.
      const lit = (side: string) => async () =>
        Number(await page.getByTestId(side).getAttribute('data-highlighted'));
      await expect.poll(lit('compare-left'), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(lit('compare-right'), { timeout: 30_000 }).toBeGreaterThan(0);
      // The difference count over time: bars sampled along the whole timeline.
      await expect(page.getByTestId('diff-strip')).toHaveAttribute('data-sampled', 'all', {
        timeout: 180_000,
      });
      expect(await page.locator('.diff-bar').count()).toBeGreaterThan(10);
      await studio.screenshot('compare');

      // One clock: stepping the replay moves both sides (the diff is recomputed, the panel stays consistent).
      await page.getByTestId('replay-play').click();
      await page.waitForTimeout(1500);
      await page.getByTestId('replay-play').click();
      await expect(page.getByTestId('compare-right').locator('canvas')).toBeVisible();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
