import type { Page } from '@playwright/test';
import { demoPath, expect, test } from './fixtures.js';
import type { Studio } from './fixtures.js';
import { COL, eventsCount, numberOf, openPanel, visibleRows } from './helpers.js';

type Rows = Array<Record<string, unknown>>;

async function sql(studio: Studio, query: string): Promise<Rows> {
  return (await studio.cli(['query', demoPath('qcs'), query, '--format', 'json'])) as Rows;
}

const loadedRows = (page: Page) => page.locator('[data-testid="events-rows"] > [role="row"]:not(.loading)');

test('sort by a column, filter a column and search text, each as the command line counts it', async ({
  studio,
}) => {
  const { page } = studio;
  await studio.openDemo('qcs');
  await openPanel(page, 'events');
  const total = await eventsCount(page);

  // Sort: ascending, then descending, then off (by seq again).
  const [range] = await sql(studio, 'SELECT min(actor_id) AS lo, max(actor_id) AS hi FROM events');
  await page.getByTestId('sort-actor_id').click();
  await expect(page.locator('[role="columnheader"][aria-sort="ascending"]')).toHaveCount(1);
  await expect.poll(async () => (await visibleRows(page))[0]?.[COL.actor_id]).toBe(range!['lo']);
  const ascending = (await visibleRows(page)).map((r) => r[COL.actor_id]!);
  expect(ascending).toEqual([...ascending].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  await page.getByTestId('sort-actor_id').click();
  await expect.poll(async () => (await visibleRows(page))[0]?.[COL.actor_id]).toBe(range!['hi']);
  await page.getByTestId('sort-actor_id').click();
  await expect(page.locator('[role="columnheader"][aria-sort="none"]')).toHaveCount(9);
  await expect.poll(async () => (await visibleRows(page))[0]?.[COL.seq]).toBe('0');

  // Filter one column: exact values, a chip in the header, the count the command line finds.
  const [updates] = await sql(studio, "SELECT count(*)::INTEGER AS n FROM events WHERE action = 'update'");
  await page.getByTestId('filter-action').fill('update');
  await page.getByTestId('filter-action').press('Enter');
  await expect(page.getByTestId('chip-actions')).toContainText('action = update');
  await expect.poll(() => eventsCount(page)).toBe(updates!['n']);
  await expect(loadedRows(page).first()).toBeVisible();
  for (const row of await visibleRows(page)) expect(row[COL.action]).toBe('update');

  // Full-text search in values, on top of the column filter.
  const needle = 'express';
  const [found] = await sql(
    studio,
    `SELECT count(*)::INTEGER AS n FROM events WHERE action = 'update' AND (` +
      ['old_state', 'new_state', 'delta', 'raw']
        .map((c) => `contains(lower(coalesce(${c}::VARCHAR, '')), '${needle}')`)
        .join(' OR ') +
      ')',
  );
  await page.getByTestId('events-search').fill(needle);
  await expect(page.getByTestId('chip-text')).toBeVisible();
  await expect.poll(() => eventsCount(page)).toBe(found!['n']);

  await page.getByRole('button', { name: 'clear all' }).click();
  await expect(page.getByTestId('filter-chips')).toBeHidden();
  await expect.poll(() => eventsCount(page)).toBe(total);
});

test('the table scrolls from the first to the last of its rows, and jumps to a time', async ({ studio }) => {
  const { page } = studio;
  await studio.openDemo('qcs');
  await openPanel(page, 'events');
  const total = await eventsCount(page);

  await page.getByTestId('events-scroll').focus();
  await page.keyboard.press('End');
  const last = page.locator(`[data-testid="events-rows"] > [role="row"][aria-rowindex="${total}"]`);
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last.locator('[role="cell"]').first()).toHaveText((total - 1).toLocaleString('en-US'));

  // Anywhere in the middle: rows come in (placeholders first) and each row is the event at its place.
  await page.getByTestId('events-scroll').evaluate((el) => {
    el.scrollTop = el.scrollHeight * 0.43;
  });
  await expect.poll(async () => (await visibleRows(page)).length).toBeGreaterThan(10);
  for (const row of await visibleRows(page)) expect(numberOf(row[COL.seq]!)).toBeGreaterThan(8000);
  const middle = loadedRows(page).nth(5);
  expect(numberOf(await middle.locator('[role="cell"]').first().textContent())).toBe(
    Number(await middle.getAttribute('data-index')),
  );

  await page.keyboard.press('Home');
  await expect(page.locator('[data-testid="events-rows"] > [role="row"][aria-rowindex="1"]')).toHaveAttribute(
    'aria-selected',
    'true',
  );

  // Jump to a time: the first event at or after it is selected and on screen.
  const at = '2026-05-12T12:00:00Z';
  const [first] = await sql(studio, `SELECT min(seq)::INTEGER AS seq FROM events WHERE ts >= '${at}'`);
  await page.getByTestId('events-jump').fill(at);
  await page.getByTestId('events-jump').press('Enter');
  const selected = page.locator('[data-testid="events-rows"] > [role="row"][aria-selected="true"]');
  await expect(selected).toHaveAttribute('data-seq', String(first!['seq']));
  await expect(selected).toBeInViewport();
});

test("an event's detail shows its state before and after; the inspector shows its entity's history", async ({
  studio,
}) => {
  const { page } = studio;
  await studio.openDemo('qcs');
  await openPanel(page, 'events');
  await page.getByTestId('filter-action').fill('update');
  await page.getByTestId('filter-action').press('Enter');
  await expect(page.getByTestId('chip-actions')).toBeVisible();
  const row = loadedRows(page).nth(3);
  await expect(row).toHaveAttribute('data-seq', /\d+/);
  const seq = Number(await row.getAttribute('data-seq'));
  await row.click();

  const detail = page.getByTestId('event-detail');
  await expect(detail).toContainText(`Event #${seq}`);
  const changed = detail.locator('[data-testid="state-diff"] tr[data-kind="changed"], tr[data-kind="added"]');
  await expect(changed.first()).toBeVisible();
  const field = (name: string) => detail.locator(`[data-field="${name}"] dd`);
  const entityId = (await field('entity_id').textContent())!;
  const entityType = (await field('entity_type').textContent())!;

  // The "after" side is the entity's state after this event, as `history` reconstructs it.
  const history = (await studio.cli([
    'history',
    demoPath('qcs'),
    '--entity',
    entityId,
    '--type',
    entityType,
  ])) as {
    events: Array<{ seq: number; state: Record<string, unknown> | null }>;
  };
  const after = history.events.find((e) => e.seq === seq)?.state;
  expect(after).toBeTruthy();
  const first = changed.first();
  const path = (await first.locator('.diff-path').textContent())!;
  const value = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], after);
  await expect(first.locator('.diff-after')).toHaveText(JSON.stringify(value));
  await studio.screenshot('events');

  await detail.getByTestId('inspect-entity').click();
  await expect(page.locator('main[data-panel="inspector"]')).toBeVisible();
  await expect(page.getByTestId('entity-history')).toContainText(
    `History: ${history.events.length.toLocaleString('en-US')} events`,
  );
  await expect(page.getByTestId('entity-state')).toContainText(entityId);
  await page.getByTestId('entity-history').locator('.history-row:not(.head)').last().click();
  await expect(page.getByTestId('entity-state').locator('table')).toBeVisible();
  await studio.screenshot('inspector');
});
