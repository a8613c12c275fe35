import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SYSTEM_IDS } from '../../../analysis/core/src/index.js';
import { demoPath, expect, test } from './fixtures.js';
import { numberOf, openPanel, timeOf } from './helpers.js';

interface Inspect {
  system: string;
  records: number;
  rejected: number;
  actors: number;
  timeRange: { from: string; to: string };
  entityTypes: Record<string, number>;
  files: unknown[];
}

for (const system of SYSTEM_IDS) {
  test(`the ${system} demo opens in one click and its overview agrees with inspect --json`, async ({
    studio,
  }) => {
    const { page } = studio;
    await studio.openDemo(system);
    const cli = (await studio.cli(['inspect', demoPath(system)])) as Inspect;

    await expect(page.locator('main[data-panel="overview"]')).toBeVisible();
    await expect(page.getByTestId('overview-system')).toHaveText(cli.system);
    expect(numberOf(await page.getByTestId('overview-records').textContent())).toBe(cli.records);
    expect(numberOf(await page.getByTestId('overview-rejected').textContent())).toBe(cli.rejected);
    expect(numberOf(await page.getByTestId('overview-actors').textContent())).toBe(cli.actors);
    expect(timeOf(await page.getByTestId('overview-from').textContent())).toBe(
      Date.parse(cli.timeRange.from),
    );
    expect(timeOf(await page.getByTestId('overview-to').textContent())).toBe(Date.parse(cli.timeRange.to));
    for (const [type, count] of Object.entries(cli.entityTypes)) {
      const shown = page.getByTestId('overview-entity-types').locator(`[data-type="${type}"] b`);
      expect(numberOf(await shown.textContent()), `entity type ${type}`).toBe(count);
    }
    // The header names the evidence: its system and the start of its sha256.
    await expect(page.getByTestId('archive-system')).toHaveText(system);
    await expect(page.getByTestId('archive-sha')).toContainText(/sha256 [0-9a-f]{12}/);

    // The charts sum to the archive's count when nothing is filtered.
    const actionCounts = await page.getByTestId('chart-actions').locator('.bar-count').allTextContents();
    expect(actionCounts.length).toBeGreaterThan(0);
    expect(actionCounts.map(numberOf).reduce((a, b) => a + b, 0)).toBe(cli.records);

    if (system === 'qcs') {
      await expect(page.getByTestId('integrity-verdict').locator('[data-ok]')).toBeVisible({
        timeout: 60_000,
      });
      await expect(page.getByTestId('top-findings').locator('.finding').first()).toBeVisible({
        timeout: 60_000,
      });
      await studio.screenshot('overview');
    }
  });
}

test('the Open panel lists every demo; Escape-able help lists every shortcut and detector', async ({
  studio,
}) => {
  const { page } = studio;
  for (const system of SYSTEM_IDS) await expect(page.getByTestId(`open-demo-${system}`)).toBeEnabled();
  await studio.screenshot('open');

  await page.keyboard.press('?');
  const help = page.getByTestId('help-overlay');
  await expect(help).toBeVisible();
  const analyze = (await studio.cli(['analyze', demoPath('qcs')])) as { detectors: Array<{ id: string }> };
  const docs = help.getByTestId('detector-docs').locator('.detector-doc');
  await expect(docs).toHaveCount(analyze.detectors.length);
  for (const { id } of analyze.detectors) {
    const doc = docs.filter({ hasText: id });
    await expect(doc.locator('dd')).not.toBeEmpty();
  }
  await expect(help).toContainText('brush a time range');
  await studio.screenshot('help');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('the panels are one key away', async ({ studio }) => {
  const { page } = studio;
  await studio.openDemo('wedsync');
  for (const [key, id] of [
    ['e', 'events'],
    ['t', 'timeline'],
    ['i', 'inspector'],
    ['v', 'overview'],
    ['o', 'open'],
  ] as const) {
    await page.keyboard.press(key);
    await expect(page.locator(`main[data-panel="${id}"]`)).toBeVisible();
  }
  await openPanel(page, 'events');
  await page.keyboard.press('/');
  await expect(page.getByTestId('events-search')).toBeFocused();
});

const XSS_FILE = join(process.cwd(), 'test', 'fixtures', 'xss', 'audit_logs.ndjson');

test('a file chosen with the picker is uploaded as a copy and opened; rejected records show file and line', async ({
  studio,
}) => {
  const { page } = studio;
  await page.getByTestId('open-file').setInputFiles(XSS_FILE);
  await expect(page.getByTestId('archive-header')).toHaveAttribute('data-system', 'wedsync', {
    timeout: 60_000,
  });
  expect(numberOf(await page.getByTestId('overview-records').textContent())).toBe(4);
  const rejects = page.getByTestId('rejects');
  await expect(rejects).toContainText('1 rejected records');
  // The uploaded copy's name, line 3 of the file, and why.
  await expect(rejects.locator('tbody tr').first().locator('td').nth(0)).toContainText('audit_logs.ndjson');
  await expect(rejects.locator('tbody tr').first().locator('td').nth(1)).toHaveText('3');
  await expect(rejects.locator('tbody tr').first().locator('td').nth(2)).not.toBeEmpty();
});

test('a file dropped on the Open panel is opened', async ({ studio }) => {
  const { page } = studio;
  const text = readFileSync(XSS_FILE, 'utf8');
  const dataTransfer = await page.evaluateHandle((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'audit_logs.ndjson', { type: 'application/x-ndjson' }));
    return transfer;
  }, text);
  await page.getByTestId('open-panel').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('open-panel').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('archive-header')).toHaveAttribute('data-system', 'wedsync', {
    timeout: 60_000,
  });
  expect(numberOf(await page.getByTestId('overview-rejected').textContent())).toBe(1);
});

test('a generated 1-million-event export opens with its progress: counts, rate and time left', async ({
  studio,
}) => {
  test.setTimeout(240_000);
  const { page } = studio;
  const dir = mkdtempSync(join(tmpdir(), 'chronoscope-e2e-gen-'));
  try {
    await promisify(execFile)(process.execPath, [
      'bin/chronoscope.mjs',
      'generate',
      '--system',
      'robot-cycles',
      '--events',
      '1000000',
      '--out',
      dir,
      '--quiet',
    ]);
    await page.getByTestId('open-path').fill(dir);
    await page.getByTestId('open-path').press('Enter');
    const progress = page.getByTestId('import-progress');
    await expect(progress).toBeVisible();
    // While DuckDB reads and maps: the phase, how far through its bytes, how fast, and how long is left.
    await expect(progress.getByTestId('import-figures')).toContainText(
      /(reading|mapping) · [\d.,]+ (KiB|MiB) of [\d.,]+ MiB \(\d+%\) · [\d.,]+ (B|KiB|MiB)\/s · .* left in this phase/,
      { timeout: 120_000 },
    );
    await studio.screenshot('import');
    await expect(page.getByTestId('archive-header')).toHaveAttribute('data-system', 'robot-cycles', {
      timeout: 180_000,
    });
    await expect(progress).toBeHidden();
    expect(numberOf(await page.getByTestId('overview-records').textContent())).toBe(1_000_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
