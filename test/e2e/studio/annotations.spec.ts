import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { demoPath, expect, test } from './fixtures.js';
import { openPanel } from './helpers.js';

/** A private copy of the descendants demo: the case file is written beside it, never into assets/. */
function demoCopy(): { dir: string; archive: string } {
  const dir = mkdtempSync(join(tmpdir(), 'chronoscope-case-'));
  const archive = join(dir, 'descendants');
  cpSync(demoPath('descendants'), archive, { recursive: true });
  return { dir, archive };
}

/** Opens an archive by its path through the URL, as `chronoscope serve ARCHIVE` does (a reload reopens it). */
async function openByUrl(page: Page, url: string, archive: string): Promise<void> {
  await page.goto(`${url}${url.includes('?') ? '&' : '?'}archive=${encodeURIComponent(archive)}`);
  await expect(page.getByTestId('archive-header')).toHaveAttribute('data-system', 'descendants', {
    timeout: 120_000,
  });
}

test.describe('annotations and the case file', () => {
  test.setTimeout(240_000);

  test('an annotation is kept in the case file beside the archive and shown as a caption', async ({
    studio,
  }) => {
    const { page } = studio;
    const { dir, archive } = demoCopy();
    try {
      await openByUrl(page, studio.url, archive);
      // Somewhere in the middle of the archive: click the timeline.
      const chart = page.locator('.timeline-chart svg').first();
      const box = await chart.boundingBox();
      if (!box) throw new Error('no timeline chart');
      await page.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.5);
      await expect(page.getByTestId('playhead-label')).not.toContainText('event #0 ');

      await openPanel(page, 'annotations');
      const note = 'Simulant raid starts here <b>not bold</b>';
      await page.getByTestId('annotation-text').fill(note);
      await page.getByTestId('annotation-add').click();
      await expect(page.getByTestId('annotation-row')).toHaveCount(1);
      await expect(page.getByTestId('case-saved-path')).toBeVisible({ timeout: 10_000 });

      // A bookmark with the key.
      await page.locator('body').press('m');
      await expect(page.getByTestId('bookmarks').locator('li')).toHaveCount(1);

      // The case file lies beside the copy of the archive, not inside the evidence.
      const casePath = `${archive}.chronocase.json`;
      const bookmarksOnDisk = () =>
        existsSync(casePath)
          ? (JSON.parse(readFileSync(casePath, 'utf8')) as { bookmarks: unknown[] }).bookmarks.length
          : 0;
      await expect.poll(bookmarksOnDisk).toBe(1);
      expect(readdirSync(archive).some((f) => f.includes('chronocase'))).toBe(false);
      const saved = JSON.parse(readFileSync(casePath, 'utf8')) as {
        format: string;
        archive: { sha256: string };
        annotations: { text: string; at: string; branch: string | null }[];
        bookmarks: unknown[];
      };
      expect(saved.format).toBe('chronoscope-case/1');
      expect(saved.annotations).toEqual([expect.objectContaining({ text: note, branch: null })]);
      expect(saved.bookmarks).toHaveLength(1);
      await expect(page.getByTestId('case-saved-path')).toContainText(casePath);

      // Reload: the annotation comes back from the file, and is a marker of the timeline.
      await page.reload();
      await expect(page.getByTestId('archive-header')).toHaveAttribute('data-system', 'descendants', {
        timeout: 120_000,
      });
      await openPanel(page, 'annotations');
      await expect(page.getByTestId('annotation-row')).toHaveCount(1);
      await expect(page.getByTestId('annotation-row')).toContainText(note);
      await page.getByTestId('annotation-search').fill('raid');
      await expect(page.getByTestId('annotation-row')).toHaveCount(1);
      await page.getByTestId('annotation-search').fill('no such words');
      await expect(page.getByTestId('annotation-row')).toHaveCount(0);
      await page.getByTestId('annotation-search').fill('');
      await openPanel(page, 'timeline');
      await expect(page.getByTestId('markers-table')).toContainText(note);

      // Jump to it and replay: the caption shows (as text, never as HTML).
      await openPanel(page, 'annotations');
      await page.getByTestId('annotation-row').getByRole('button').first().click();
      await openPanel(page, 'replay');
      await expect(page.getByTestId('replay-panel')).toBeVisible({ timeout: 60_000 });
      await page.getByTestId('replay-play').click();
      await expect(page.getByTestId('replay-captions')).toContainText(note, { timeout: 20_000 });
      await page.getByTestId('replay-play').click();
      await expect(page.locator('.replay-caption b')).toHaveCount(0);
      await studio.screenshot('annotations');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
