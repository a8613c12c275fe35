import { test, expect, demoPath } from './fixtures.js';

interface Verify {
  ok: boolean;
  checks: { name: string; ok: boolean; skipped?: boolean }[];
  findings: { kind: string; seq?: number; sourceId?: string; actual?: string }[];
}

/** `verify` exits 1 when it finds tampering or loss; its JSON is the answer all the same. */
async function verify(cli: (args: string[]) => Promise<unknown>, system: string): Promise<Verify> {
  try {
    return (await cli(['verify', demoPath(system as 'qcs')])) as Verify;
  } catch (error) {
    return JSON.parse((error as { stdout: string }).stdout) as Verify;
  }
}

test.describe('Integrity panel', () => {
  test('shows the verdict of every check `chronoscope verify` makes, and lands on a record at fault', async ({
    studio,
  }) => {
    const { page } = studio;
    const expected = await verify(studio.cli, 'robot-cycles');
    expect(expected.ok).toBe(false);
    await studio.openDemo('robot-cycles');
    await page.getByTestId('nav-integrity').click();
    const panel = page.getByTestId('integrity-panel');
    await expect(panel).toHaveAttribute('data-loading', 'false', { timeout: 60_000 });
    await expect(panel.getByTestId('integrity-verdict')).toContainText('tampering or loss');
    const checks = panel.getByTestId('integrity-check');
    await expect(checks).toHaveCount(expected.checks.length);
    for (const c of expected.checks)
      await expect(panel.locator(`[data-check="${c.name}"]`)).toHaveAttribute(
        'data-verdict',
        c.skipped ? 'skipped' : c.ok ? 'pass' : 'fail',
      );
    await expect(panel.getByTestId('integrity-finding')).toHaveCount(expected.findings.length);
    await studio.screenshot('integrity');

    // The sequence gap names a missing record: the studio lands on the record found in its place.
    const gap = expected.findings.find((f) => f.kind === 'sequence_gap')!;
    const [neighbour] = (await studio.cli([
      'query',
      demoPath('robot-cycles'),
      `SELECT seq FROM events WHERE source_id = '${gap.seq === undefined ? gap.actual : gap.sourceId}'`,
    ])) as { seq: number }[];
    const seq = gap.seq ?? neighbour!.seq;
    await panel
      .locator('[data-testid="integrity-finding"][data-kind="sequence_gap"]')
      .getByTestId('open-events')
      .click();
    await expect(page.locator('main[data-panel="events"]')).toBeVisible();
    await expect(page.getByTestId('chip-seqs')).toContainText('1 chosen events');
    await expect(page.getByTestId('events-count')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('playhead-label')).toContainText(`#${seq.toLocaleString('en-US')}`);
  });

  test('an intact archive says so, check by check', async ({ studio }) => {
    const { page } = studio;
    const expected = await verify(studio.cli, 'qcs');
    expect(expected.ok).toBe(true);
    await studio.openDemo('qcs');
    await page.getByTestId('nav-integrity').click();
    const panel = page.getByTestId('integrity-panel');
    await expect(panel).toHaveAttribute('data-loading', 'false', { timeout: 60_000 });
    await expect(panel.getByTestId('integrity-verdict')).toContainText('intact');
    await expect(panel.locator('[data-verdict="pass"]')).toHaveCount(
      expected.checks.filter((c) => c.ok && !c.skipped).length,
    );
    await expect(panel.locator('[data-verdict="fail"]')).toHaveCount(0);
  });
});
