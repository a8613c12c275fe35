import { test, expect, demoPath } from './fixtures.js';
import type { Studio } from './fixtures.js';

/** The command line's answer to SQL over the qcs demo: what the charts are checked against. */
async function cliQuery<T>(studio: Studio, sql: string): Promise<T[]> {
  return (await studio.cli(['query', demoPath('qcs'), sql])) as T[];
}

test.describe('Analytics panel', () => {
  test.beforeEach(async ({ studio }) => {
    await studio.openDemo('qcs');
    await studio.page.getByTestId('nav-analytics').click();
  });

  test('hour × weekday heatmap has a cell for every hour and weekday the archive has events in', async ({
    studio,
  }) => {
    const { page } = studio;
    const [expected] = await cliQuery<{ n: number }>(
      studio,
      'SELECT count(*) AS n FROM (SELECT isodow(ts), hour(ts) FROM events GROUP BY ALL)',
    );
    await page.getByTestId('heatmap-kind').selectOption('hour_weekday');
    const section = page.getByTestId('heatmap-section');
    await expect(section).toHaveAttribute('data-kind', 'hour_weekday');
    await expect(section).toHaveAttribute('data-loading', 'false');
    await expect(section.locator('rect.cs-heatmap-cell')).toHaveCount(expected!.n);
    // The counts add up to every event: nothing is lost between the service and the chart.
    const counts = await section
      .locator('rect.cs-heatmap-cell')
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))));
    const [total] = await cliQuery<{ n: number }>(studio, 'SELECT count(*) AS n FROM events');
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total!.n);
    // Hovering a cell shows its exact count.
    const first = section.locator('rect.cs-heatmap-cell').first();
    await first.hover();
    await expect(section.getByRole('tooltip')).toContainText(
      `${Number(await first.getAttribute('data-count')).toLocaleString('en-US')} events`,
    );
  });

  test('clicking an actor × time cell filters every panel to that actor and bucket', async ({ studio }) => {
    const { page } = studio;
    const section = page.getByTestId('heatmap-section');
    await expect(section).toHaveAttribute('data-kind', 'actor');
    await expect(section).toHaveAttribute('data-loading', 'false');
    const cell = section.locator('rect.cs-heatmap-cell').first();
    const actor = (await cell.getAttribute('data-row'))!;
    const bucket = (await cell.getAttribute('data-col'))!;
    const seconds = Number(await section.getAttribute('data-bucket-seconds'));
    const count = Number(await cell.getAttribute('data-count'));
    const end = new Date(Date.parse(bucket) + seconds * 1000).toISOString();
    const [expected] = await cliQuery<{ n: number }>(
      studio,
      `SELECT count(*) AS n FROM events WHERE actor_id = '${actor}' AND ts >= TIMESTAMPTZ '${bucket}' AND ts < TIMESTAMPTZ '${end}'`,
    );
    expect(count).toBe(expected!.n);

    await cell.click();
    await expect(page.getByTestId('chip-actors')).toContainText(actor);
    await expect(page.getByTestId('chip-time')).toBeVisible();
    await page.getByTestId('nav-events').click();
    await expect(page.getByTestId('events-count')).toHaveAttribute('data-count', String(count));
  });

  test('brushing the trend sets the time range; activity lists every actor, sortable', async ({ studio }) => {
    const { page } = studio;
    const trend = page.getByTestId('trend-section');
    await expect(trend).toHaveAttribute('data-loading', 'false');
    await expect(trend.locator('path.cs-trend-line')).toHaveCount(1);
    const box = (await trend.locator('g.cs-brush').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(page.getByTestId('chip-time')).toBeVisible();
    await expect(trend).toHaveAttribute('data-loading', 'false');
    await page.getByTestId('chip-time').getByRole('button').click();
    await expect(page.getByTestId('chip-time')).toHaveCount(0);

    const [actors] = await cliQuery<{ n: number }>(
      studio,
      'SELECT count(DISTINCT actor_id) AS n FROM events',
    );
    const activity = page.getByTestId('activity-section');
    await expect(activity).toHaveAttribute('data-loading', 'false');
    const rows = activity.locator('tbody tr');
    await expect(rows).toHaveCount(actors!.n);
    const [busiest] = await cliQuery<{ a: string }>(
      studio,
      'SELECT actor_id AS a FROM events GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1',
    );
    await expect(rows.first()).toHaveAttribute('data-actor', busiest!.a);
    await activity.getByRole('button', { name: /^events/ }).click();
    await expect(activity.locator('th[aria-sort="ascending"]')).toContainText('events');
    await expect(rows.last()).toHaveAttribute('data-actor', busiest!.a);
  });

  test('sessions view: one bar per session, a click filters to that actor and session', async ({
    studio,
  }) => {
    const { page } = studio;
    const activity = page.getByTestId('activity-section');
    await expect(activity).toHaveAttribute('data-loading', 'false');
    await page.getByTestId('activity-view-sessions').click();
    const session = activity.locator('rect.cs-session').first();
    await expect(session).toBeVisible();
    const events = Number(await session.getAttribute('data-events'));
    await session.click();
    await expect(page.getByTestId('chip-actors')).toBeVisible();
    await expect(page.getByTestId('chip-time')).toBeVisible();
    await page.getByTestId('nav-events').click();
    const count = page.getByTestId('events-count');
    await expect(count).not.toHaveAttribute('data-count', '');
    // Sessions of one actor never overlap in the demo; other sessions' events could only add.
    expect(Number(await count.getAttribute('data-count'))).toBeGreaterThanOrEqual(events);
  });

  test('screenshot', async ({ studio }) => {
    const { page } = studio;
    await expect(page.getByTestId('heatmap-section')).toHaveAttribute('data-loading', 'false');
    await expect(page.getByTestId('trend-section')).toHaveAttribute('data-loading', 'false');
    await expect(page.getByTestId('activity-section')).toHaveAttribute('data-loading', 'false');
    await studio.screenshot('analytics');
  });
});
