import { parse, stringify } from 'yaml';
import { test, expect, demoPath } from './fixtures.js';

/** The path (dotted) and key of the first number in a parsed rule, depth first. */
function firstNumber(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'number') return path;
  if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const found = firstNumber(child, [...path, key]);
      if (found) return found;
    }
  return null;
}

function setAt(value: unknown, path: string[], to: unknown): void {
  let node = value as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]!] = to;
}

test.describe('Rules panel', () => {
  test.beforeEach(async ({ studio }) => {
    await studio.openDemo('qcs');
    await studio.page.getByTestId('nav-rules').click();
  });

  test('lists every rule with its matches; the editor counts the same live', async ({ studio }) => {
    const { page } = studio;
    const rows = page.getByTestId('rule-row');
    await expect(rows.first()).toBeVisible();
    const first = rows.first();
    const matches = first.getByTestId('rule-matches');
    await expect(matches).not.toHaveText('…', { timeout: 60_000 });
    const listed = (await matches.textContent())!;
    await first.getByRole('button').click();
    await expect(page.getByTestId('rule-live-matches').first()).toHaveText(listed, { timeout: 30_000 });
    await studio.screenshot('rules');
  });

  test('a malformed rule shows its error naming the field; fixing it brings the count back', async ({
    studio,
  }) => {
    const { page } = studio;
    const editor = page.getByTestId('rule-text');
    await expect(editor).not.toHaveValue('');
    const original = await editor.inputValue();
    const rule = parse(original) as unknown;
    const path = firstNumber(rule);
    expect(path, 'the first built-in rule has a numeric setting').not.toBeNull();
    setAt(rule, path!, 'not-a-number');
    await editor.fill(stringify(rule));
    const error = page.getByTestId('rule-error').first();
    await expect(error).toBeVisible({ timeout: 30_000 });
    const key = path![path!.length - 1]!;
    await expect(error).toHaveAttribute('data-field', new RegExp(key));
    await expect(error).toContainText(key);

    await editor.fill(original);
    await expect(page.getByTestId('rule-error')).toHaveCount(0);
    await expect(page.getByTestId('rule-live-count').first()).toBeVisible({ timeout: 30_000 });
  });

  test('a rule lists the findings `chronoscope analyze` makes with it, each one click from its evidence', async ({
    studio,
  }) => {
    const { page } = studio;
    const analysis = (await studio.cli(['analyze', demoPath('qcs')])) as {
      findings: { detector: string; evidence: number[] }[];
    };
    const ruleFindings = analysis.findings.filter((f) => f.detector.startsWith('rule:'));
    expect(ruleFindings.length).toBeGreaterThan(0);
    const id = ruleFindings[0]!.detector.slice('rule:'.length);
    const expected = ruleFindings.filter((f) => f.detector === `rule:${id}`);
    await page.locator(`[data-testid="rule-row"][data-rule="${id}"]`).getByRole('button').click();
    await expect(page.getByTestId('rule-live-count')).toHaveAttribute('data-rule', id, { timeout: 30_000 });
    await page.getByTestId('rule-run').click();
    const listed = page.locator('.cs-rule-findings').getByTestId('finding');
    await expect(listed).toHaveCount(expected.length, { timeout: 60_000 });
    const evidence = Number(await listed.first().getAttribute('data-evidence'));
    await listed.first().getByRole('button').click();
    await expect(page.locator('main[data-panel="events"]')).toBeVisible();
    await expect(page.getByTestId('events-count')).toHaveAttribute('data-count', String(evidence));
  });
});
