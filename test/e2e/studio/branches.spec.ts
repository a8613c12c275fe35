import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { demoPath, expect, test } from './fixtures.js';
import { eventsCount, openPanel } from './helpers.js';

/** A private copy of the descendants demo (the case file with the branch is written beside it), opened by URL. */
async function openDemoCopy(page: Page, url: string): Promise<{ dir: string; archive: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'chronoscope-branch-'));
  const archive = join(dir, 'descendants');
  cpSync(demoPath('descendants'), archive, { recursive: true });
  await page.goto(`${url}${url.includes('?') ? '&' : '?'}archive=${encodeURIComponent(archive)}`);
  await expect(page.getByTestId('archive-header')).toHaveAttribute('data-system', 'descendants', {
    timeout: 120_000,
  });
  return { dir, archive };
}

test.describe('branches', () => {
  test.setTimeout(240_000);

  test('a branch without the busiest actor replays, lists its conflicts and links to their events', async ({
    studio,
  }) => {
    const { page } = studio;
    const { dir, archive } = await openDemoCopy(page, studio.url);
    try {
      const chart = page.locator('.timeline-chart svg').first();
      const box = await chart.boundingBox();
      if (!box) throw new Error('no timeline chart');
      await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.5);

      await openPanel(page, 'branches');
      await page.getByTestId('branch-mode').selectOption('actor');
      // The actors are listed busiest first.
      const actor = page.getByTestId('branch-actor');
      await expect(actor.locator('option')).not.toHaveCount(1, { timeout: 30_000 });
      await actor.selectOption({ index: 1 });
      const chosen = await actor.inputValue();
      await page.getByTestId('branch-create').click();

      await expect(page.getByTestId('branch-row')).toHaveCount(1);
      await expect(page.getByTestId('branch-row')).toContainText(`without ${chosen}`);
      await expect(page.getByTestId('branch-view')).toBeVisible({ timeout: 120_000 });
      await expect(page.getByTestId('branch-view').locator('canvas')).toBeVisible();
      const conflicts = Number(await page.getByTestId('branch-conflict-count').textContent());
      expect(conflicts).toBeGreaterThan(0);
      await expect(page.getByTestId('branch-conflict').first()).toBeVisible();
      await studio.screenshot('branches');

      // The branch is in the case file beside the archive.
      await expect
        .poll(() => {
          try {
            const saved = JSON.parse(readFileSync(`${archive}.chronocase.json`, 'utf8')) as {
              branches: { spec: { exclude?: { actors?: string[] }[] } }[];
            };
            return saved.branches.map((b) => b.spec.exclude?.[0]?.actors?.[0]);
          } catch {
            return [];
          }
        })
        .toEqual([chosen]);

      // A conflict's link shows its events: the later event and the left-out ones it depended on.
      const link = page.getByTestId('conflict-events').first();
      const causes = Number(/and (\d+) cause/.exec((await link.textContent()) ?? '')?.[1]);
      await link.click();
      await page.locator('main[data-panel="events"]').waitFor();
      const count = await eventsCount(page);
      expect(count).toBeGreaterThanOrEqual(2);
      expect(count).toBeLessThanOrEqual(causes + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
