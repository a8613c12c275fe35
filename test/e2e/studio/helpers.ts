import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.js';

/** A number as the studio shows it ("20,000") back to a number. */
export function numberOf(text: string | null): number {
  const digits = (text ?? '').replace(/[^0-9.-]/g, '');
  if (digits === '') throw new Error(`no number in "${text}"`);
  return Number(digits);
}

/** A time as the studio shows it ("2026-05-04T00:29:15.986 UTC") in ms since the epoch. */
export function timeOf(text: string | null): number {
  return Date.parse((text ?? '').replace(' UTC', 'Z'));
}

export async function openPanel(page: Page, id: string): Promise<void> {
  await page.getByTestId(`nav-${id}`).click();
  await page.locator(`main[data-panel="${id}"]`).waitFor();
}

/** The events table's count for the current filter, once counted. */
export async function eventsCount(page: Page): Promise<number> {
  const count = page.getByTestId('events-count');
  await expect(count).not.toHaveAttribute('data-count', '');
  return Number(await count.getAttribute('data-count'));
}

/** The rows of the events table now in the DOM (loaded ones only), as text per column. */
export async function visibleRows(page: Page): Promise<string[][]> {
  const rows = page.locator('[data-testid="events-rows"] > [role="row"]:not(.loading)');
  return rows.evaluateAll((els) =>
    els
      .map((el) => ({
        index: Number(el.getAttribute('data-index')),
        cells: Array.from(el.children, (c) => c.textContent ?? ''),
      }))
      .sort((a, b) => a.index - b.index)
      .map((r) => r.cells),
  );
}

/** Column positions in the events table, by column name. */
export const COL = {
  seq: 0,
  ts: 1,
  action: 2,
  event_type: 3,
  actor_id: 4,
  entity_type: 5,
  entity_id: 6,
  severity: 7,
  source_id: 8,
} as const;

/** Drags across a fraction of an element's width (the timeline brush). */
export async function dragAcross(
  page: Page,
  target: Locator,
  from: number,
  to: number,
  atY = 0.6,
): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('the element is not visible');
  const y = box.y + box.height * atY;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((from + to) / 2), y, { steps: 4 });
  await page.mouse.move(box.x + box.width * to, y, { steps: 4 });
  await page.mouse.up();
}
