import { demoPath, expect, test } from './fixtures.js';
import { COL, dragAcross, eventsCount, numberOf, openPanel, timeOf, visibleRows } from './helpers.js';

type Rows = Array<Record<string, number | string>>;

test('brushing the timeline filters the events table and the charts, and clearing it restores them', async ({
  studio,
}) => {
  const { page } = studio;
  await studio.openDemo('qcs');
  await openPanel(page, 'events');
  const total = await eventsCount(page);
  expect(total).toBe(20_000);

  await dragAcross(page, page.getByTestId('density-chart'), 0.3, 0.55);
  const chip = page.getByTestId('chip-time');
  await expect(chip).toBeVisible();
  const [from, to] = ((await chip.textContent()) ?? '')
    .replace(/^time /, '')
    .replace(/×$/, '')
    .split('→')
    .map((t) => timeOf(t.trim()));
  expect(from).toBeLessThan(to!);

  // The table follows the brush, with exactly the events the command line finds in that range.
  const [expected] = (await studio.cli([
    'query',
    demoPath('qcs'),
    `SELECT count(*)::INTEGER AS n FROM events WHERE ts >= epoch_ms(${from}) AND ts <= epoch_ms(${to})`,
    '--format',
    'json',
  ])) as Rows;
  await expect.poll(() => eventsCount(page)).toBe(expected!['n']);
  expect(expected!['n']).toBeGreaterThan(0);
  expect(expected!['n']).toBeLessThan(total);
  await expect(
    page.locator('[data-testid="events-rows"] > [role="row"]:not(.loading)').first(),
  ).toBeVisible();
  for (const row of await visibleRows(page)) {
    const t = timeOf(row[COL.ts]!);
    expect(t).toBeGreaterThanOrEqual(from!);
    expect(t).toBeLessThanOrEqual(to!);
  }

  // So do the overview's figures and charts.
  await openPanel(page, 'overview');
  await expect(page.getByTestId('overview-records').locator('xpath=..')).toContainText(
    `${expected!['n']!.toLocaleString('en-US')} in the filter`,
  );
  await expect
    .poll(async () =>
      (await page.getByTestId('chart-actions').locator('.bar-count').allTextContents())
        .map(numberOf)
        .reduce((a, b) => a + b, 0),
    )
    .toBe(expected!['n']);

  await openPanel(page, 'timeline');
  await expect(page.getByTestId('markers-table').locator('tbody tr').first()).toBeVisible({
    timeout: 60_000,
  });
  await studio.screenshot('timeline');

  await page.getByRole('button', { name: 'Clear time filter' }).click();
  await expect(chip).toBeHidden();
  await openPanel(page, 'events');
  await expect.poll(() => eventsCount(page)).toBe(total);
});

test('the timeline zooms down to milliseconds, and a click moves the playhead', async ({ studio }) => {
  const { page } = studio;
  await studio.openDemo('robot-cycles');
  const chart = page.getByTestId('density-chart');
  const view = page.getByTestId('timeline-view');
  const whole = await view.textContent();
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -1500);
  await expect(view).toContainText('(5 ms)');
  // The axis labels the milliseconds.
  await expect(chart.locator('.axis .tick text').first()).toHaveText(/^\.\d{3}$/);
  await page.keyboard.press('0');
  await expect(view).toHaveText(whole!);

  await page.keyboard.press('+');
  await expect(view).not.toHaveText(whole!);
  await page.keyboard.press('0');

  const label = page.getByTestId('playhead-label');
  const before = await label.textContent();
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.6);
  await expect(label).not.toHaveText(before!);
  await expect(page.getByTestId('playhead')).toBeVisible();
  const seq = numberOf(((await label.textContent()) ?? '').split('#')[1] ?? '');
  expect(seq).toBeGreaterThan(0);

  // , and . step the playhead one event at a time.
  await page.keyboard.press('.');
  await expect(label).toContainText(`#${(seq + 1).toLocaleString('en-US')}`);
  await page.keyboard.press(',');
  await expect(label).toContainText(`#${seq.toLocaleString('en-US')}`);
});
