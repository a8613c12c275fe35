import { test, expect, demoPath } from './fixtures.js';

interface Finding {
  detector: string;
  severity: string;
  score: number;
  from: string;
  evidence: number[];
}
interface Analysis {
  findings: Finding[];
  detectors: { id: string; findings: number }[];
}

test.describe('Findings panel', () => {
  test('lists what `chronoscope analyze` finds, and a finding lands on its evidence', async ({ studio }) => {
    const { page } = studio;
    const analysis = (await studio.cli(['analyze', demoPath('qcs')])) as Analysis;
    expect(analysis.findings.length).toBeGreaterThan(0);
    await studio.openDemo('qcs');
    await page.getByTestId('nav-findings').click();
    const panel = page.getByTestId('findings-panel');
    await expect(panel).toHaveAttribute('data-loading', 'false', { timeout: 60_000 });
    await expect(panel.getByTestId('finding')).toHaveCount(analysis.findings.length);
    await expect(panel.getByTestId('findings-count')).toContainText(
      `${analysis.findings.length} of ${analysis.findings.length} findings`,
    );
    for (const d of analysis.detectors)
      await expect(panel.getByTestId(`detector-${d.id}`)).toContainText(String(d.findings));

    // The most severe finding comes first; opening it shows exactly its evidence.
    const first = panel.getByTestId('finding').first();
    const detector = (await first.getAttribute('data-detector'))!;
    const severity = (await first.getAttribute('data-severity'))!;
    expect(severity).toBe(
      ['critical', 'high', 'medium', 'low', 'info'].find((s) =>
        analysis.findings.some((f) => f.severity === s),
      ),
    );
    const evidence = Number(await first.getAttribute('data-evidence'));
    const match = analysis.findings.find(
      (f) => f.detector === detector && f.severity === severity && f.evidence.length === evidence,
    )!;
    expect(match).toBeDefined();
    await first.getByRole('button').click();
    await expect(page.locator('main[data-panel="events"]')).toBeVisible();
    await expect(page.getByTestId('chip-seqs')).toContainText(
      `${match.evidence.length.toLocaleString('en-US')} chosen events`,
    );
    await expect(page.getByTestId('events-count')).toHaveAttribute(
      'data-count',
      String(match.evidence.length),
    );
    await expect(page.getByTestId('playhead-label')).toContainText(
      `#${match.evidence[0]!.toLocaleString('en-US')}`,
    );
  });

  test('a detector narrows the list; severity floor hides the weaker ones', async ({ studio }) => {
    const { page } = studio;
    const analysis = (await studio.cli(['analyze', demoPath('qcs')])) as Analysis;
    await studio.openDemo('qcs');
    await page.getByTestId('nav-findings').click();
    const panel = page.getByTestId('findings-panel');
    await expect(panel).toHaveAttribute('data-loading', 'false', { timeout: 60_000 });
    const busiest = [...analysis.detectors].sort((a, b) => b.findings - a.findings)[0]!;
    await panel.getByTestId(`detector-${busiest.id}`).click();
    await expect(panel.getByTestId('finding')).toHaveCount(busiest.findings);
    await panel.getByTestId(`detector-${busiest.id}`).click();
    await panel.getByTestId('min-severity').selectOption('high');
    const strong = analysis.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').length;
    await expect(panel.getByTestId('finding')).toHaveCount(strong);
    await panel.getByTestId('min-severity').selectOption('info');
    await studio.screenshot('findings');
  });
});
