import { readFileSync } from 'node:fs';
import { test, expect, demoPath } from './fixtures.js';

const SQL = 'SELECT actor_id, count(*) AS events, min(ts) AS first FROM events GROUP BY 1 ORDER BY 2 DESC';

test.describe('Query panel', () => {
  test.beforeEach(async ({ studio }) => {
    await studio.openDemo('qcs');
    await studio.page.getByTestId('nav-query').click();
  });

  test('Ctrl+Enter runs the SQL; rows, chart and exports match the command line', async ({ studio }) => {
    const { page } = studio;
    const expected = (await studio.cli(['query', demoPath('qcs'), SQL])) as {
      actor_id: string;
      events: number;
    }[];
    const editor = page.getByTestId('query-sql');
    await editor.fill(SQL);
    await editor.press('Control+Enter');
    // The first query of an archive waits for the work lane (its timeline markers run the detectors).
    await expect(page.getByTestId('query-status')).toContainText(`${expected.length} rows`, {
      timeout: 60_000,
    });
    const rows = page.getByTestId('query-row');
    await expect(rows.first()).toContainText(expected[0]!.actor_id);
    await expect(rows.first()).toContainText(String(expected[0]!.events));

    await page.getByTestId('query-view-chart').click();
    await page.getByTestId('chart-y').selectOption({ label: 'events' });
    await expect(page.locator('rect.cs-bar')).toHaveCount(expected.length);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    const lines = csvText.trimEnd().split('\r\n');
    expect(lines[0]).toBe('actor_id,events,first');
    expect(lines).toHaveLength(expected.length + 1);
    expect(lines[1]).toMatch(
      new RegExp(`^${expected[0]!.actor_id},${expected[0]!.events},\\d{4}-\\d{2}-\\d{2}T`),
    );

    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-json').click(),
    ]);
    const parsed = JSON.parse(readFileSync((await json.path())!, 'utf8')) as {
      actor_id: string;
      events: number;
    }[];
    expect(parsed.map((r) => [r.actor_id, r.events])).toEqual(expected.map((r) => [r.actor_id, r.events]));
    await studio.screenshot('query');
  });

  test('a large result is virtualised, and bad SQL shows its error inline', async ({ studio }) => {
    const { page } = studio;
    const editor = page.getByTestId('query-sql');
    await editor.fill('SELECT seq, ts, action FROM events ORDER BY seq');
    await page.getByTestId('query-run').click();
    await expect(page.getByTestId('query-status')).toContainText('10,000 rows');
    // Ten thousand rows, a few dozen in the DOM.
    expect(await page.getByTestId('query-row').count()).toBeLessThan(100);
    await page.getByTestId('query-table').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(page.getByTestId('query-row').last()).toContainText('10000');

    await editor.fill('SELECT nonsense FROM events');
    await editor.press('Control+Enter');
    await expect(page.getByTestId('query-error')).toContainText('nonsense');
  });

  test('Cancel stops a long query, and the console runs the next one', async ({ studio }) => {
    const { page } = studio;
    const editor = page.getByTestId('query-sql');
    await editor.fill('SELECT sum(a.range * b.range) AS s FROM range(200000) a, range(200000) b');
    await page.getByTestId('query-run').click();
    await expect(page.getByTestId('query-cancel')).toBeEnabled();
    await page.getByTestId('query-cancel').click();
    await expect(page.getByTestId('query-error')).toHaveText('cancelled');
    await editor.fill('SELECT count(*) AS n FROM events');
    await editor.press('Control+Enter');
    await expect(page.getByTestId('query-status')).toContainText('1 row ');
    await expect(page.getByTestId('query-row').first()).toContainText('20000');
  });
});
